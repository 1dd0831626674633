"""The events as a record others can check: export and import as NDJSON, each
line checked on its own (`lines`) and against the rules (`admission`), written by
a process of its own (`bulkwriter`, `heap`), and `verify`.

May import `domain`, the shared adapter modules and `eventstore`; never
`picture` or `livingdocs`."""
