"""The read model: tables kept beside the events (`tables`), written through each
store's recorder (`recorders`) by the projector in step with the events, and the
reader that answers from them (its queries are `answers`).

May import `domain`, the shared adapter modules and the event store's mapper and
names (`eventstore.persistence`, `eventstore.names`); never the tracker, nor
`evidence`, `picture` or `livingdocs`."""
