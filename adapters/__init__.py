"""Everything that touches the outside world, a package for each capability:

- `eventstore`: where the events are kept, and the tracker that records them;
- `readmodel`: the tables that answer questions at a date, and what keeps them;
- `evidence`: export, import and `verify`: the events as a record others can check;
- `picture`: the timeline drawn as SVG, PNG or a page;
- `livingdocs`: the specs in `features/` published as a web site.

Beside them, what all of them share: `errors` (input that cannot be used),
`dates` (EDTF and ISO 8601 as people type them), `sources` (a source on one
line) and `files` (files made private, output never written through a link).
Dependencies point one way: `cli` -> `adapters` -> `domain`."""
