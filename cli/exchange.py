"""Commands that move events in and out of a store: export, import, verify."""

from __future__ import annotations

import sys

import click

from cli.main import cli, tracker
from cli.output import echo_json, json_option, printable


@cli.command()
@click.option("--out", metavar="FILE", help="Write to FILE instead of standard output.")
@click.pass_context
def export(ctx: click.Context, out: str | None) -> None:
    """Every stored event as NDJSON, one a line, in recording order."""
    from adapters.exchange import export as write

    if out is None:
        write(tracker(ctx), sys.stdout.buffer)
        return
    with open(out, "wb") as handle:
        count = write(tracker(ctx), handle)
    click.echo(f"Exported {count} events to {out}.", err=True)


@cli.command("import")
@click.argument("file", metavar="FILE")
@click.pass_context
def import_(ctx: click.Context, file: str) -> None:
    """Import the events of an export (FILE, or - for standard input)."""
    from adapters.exchange import import_events

    shown = False

    def show(done: int) -> None:
        nonlocal shown
        shown = True
        click.echo(f"\rImporting: {done} events", nl=False, err=True)

    try:
        added, total = import_events(
            tracker(ctx), file, show if sys.stderr.isatty() else None
        )
    finally:
        if shown:  # end the progress line, before an error too
            click.echo(err=True)
    if added:
        click.echo(f"Imported {added} of {total} events.")
    else:
        click.echo(f"Nothing to add: all {total} events are already in the store.")


@cli.command()
@json_option
@click.pass_context
def verify(ctx: click.Context, as_json: bool) -> None:
    """Check every stored event: it loads, versions follow, the hash chain holds,
    and every correction fits the fact it corrects."""
    from adapters.verify import verify as check

    report = check(tracker(ctx))
    if as_json:
        echo_json(report)
    else:
        for problem in report["problems"]:
            click.echo(
                printable(
                    f"{problem['mission']} version {problem['version']}"
                    f" (event {problem['event']}): {problem['problem']}"
                )
            )
    if report["problems"]:
        raise click.ClickException(
            f"{len(report['problems'])} problems in {report['events']} events"
        )
    if not as_json:
        click.echo(
            f"Verified {report['events']} events of {report['missions']} missions:"
            " every event loads, versions follow, the chain holds."
        )
