"""`missions serve`: the tracker over HTTP, a JSON API and an explorer page,
answered from the read model and never written to."""
