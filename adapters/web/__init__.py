"""`missions serve`: the tracker over HTTP, answered from the read model and
never written to: the application and its errors and headers (`app`), the JSON
API (`api`), its OpenAPI description from the same table as its routes
(`openapi`), the store as served (`store`), and the explorer page.

May import `domain`, the shared adapter modules, the read model, the picture and
the event store's log and names; never the tracker, the commands, `packs`,
`evidence` or `livingdocs`."""
