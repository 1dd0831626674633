"""Where the events are kept, and the `MissionTracker` that records them: store
URLs and files, the pydantic mapper, write locks, snapshots, turning typed input
into facts, views of a mission's log and history, and the built-in seed data.

May import `domain`, the shared adapter modules (`errors`, `dates`, `sources`) and
the read model (the tracker keeps it up to date); never `evidence`, `picture` or
`livingdocs`."""
