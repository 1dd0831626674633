"""The `serve` command: the tracker on the web, read-only (`adapters.web`)."""

from __future__ import annotations

import click

from cli.context import served_store


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on: this machine only unless another is given"
    " (0.0.0.0 for every interface).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="How many processes answer requests.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve the store read-only over HTTP: a JSON API under /api (described at
    /api/openapi.json) and an explorer page at /. It answers from the read model
    as the commands that write leave it, and never writes."""
    import os

    import uvicorn

    from adapters.web.app import STORE_VARIABLE
    from adapters.web.limits import PARENT_VARIABLE, settings

    url = served_store(ctx)  # refused before listening if it cannot be opened
    os.environ[STORE_VARIABLE] = url
    os.environ[PARENT_VARIABLE] = str(os.getpid())  # what workers end with
    click.echo(f"Serving {url} on http://{host}:{port}/ (Ctrl+C to stop).", err=True)
    uvicorn.run(
        "adapters.web.app:served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,
        **settings(),
    )


#: The commands of this module, added to the group by cli.main.
COMMANDS = (serve,)
