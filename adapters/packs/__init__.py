"""Source packs: a source and the facts it reports, in one file a person edits
(`reading`), added all or nothing, with corrections for facts edited since
(`adding`), what they would change (`preview`, `outcome`), and the built-in packs
that `missions seed` adds (`seed`).

May import `domain`, the shared adapter modules and `eventstore`; never
`readmodel`, `evidence`, `picture` or `livingdocs`."""
