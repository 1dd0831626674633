"""Everything that touches the outside world: stores, parsing, seed data, views."""
