"""The read model: tables kept beside the events (`tables`), the projector that
writes them in step with the events, and the reader that answers from them (its
queries are `answers`).

May import `domain`, the shared adapter modules and the event store's mapper and
names (`eventstore.persistence`, `eventstore.names`); never the tracker, nor
`evidence`, `picture` or `livingdocs`."""
