"""The timeline picture: each mission's statuses and changes over the world's
time, shaped into bands and markers from the read model (`spans`) and drawn as
SVG (`chart`, `bands`, `markers`, `crowds`, `axis`, `chartkey`), wrapped in a
page (`chartpage`).

May import `domain`, the shared adapter modules and the read model; never the
event store's write side (`eventstore`), `evidence` or `livingdocs`."""
