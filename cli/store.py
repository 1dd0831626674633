"""`missions store`: which store the commands use, and what it holds."""

from __future__ import annotations

import click

from cli.context import reader
from cli.output import counted, echo_json, json_option


@click.command()
@json_option
@click.pass_context
def store(ctx: click.Context, as_json: bool) -> None:
    """Which store is in use (--store, $MISSIONS_STORE or the default), its kind,
    its events and missions, and whether the read model is up to date."""
    from adapters.eventstore.stores import default_store, display

    url = ctx.find_root().obj or default_store()
    about = reader(ctx).about()  # the store as it is: nothing is caught up
    kind = "PostgreSQL" if url.startswith(("postgresql:", "postgres:")) else "SQLite"
    behind = about["events"] - about["read"]
    said = {
        "store": display(url),
        "kind": kind.lower(),
        "events": about["events"],
        "missions": about["missions"],
        "read_model": {"read": about["read"], "behind": behind},
    }
    if as_json:
        echo_json(said)
        return
    state = (
        "up to date"
        if behind <= 0
        else f"{counted(behind, 'event')} behind (the next question reads them)"
    )
    click.echo(f"Store:       {said['store']} ({kind})")
    click.echo(f"Events:      {about['events']}")
    click.echo(f"Missions:    {about['missions']}")
    click.echo(f"Read model:  {state}")


#: The commands of this module, added to the group by cli.main.
COMMANDS = (store,)
