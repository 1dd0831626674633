"""Commands that move events in and out of a store: export, import, verify."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cli.context import reader, tracker
from cli.output import counted, echo_json, json_option, printable


@click.command()
@click.option(
    "--out",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--force", is_flag=True, help="With --out: replace a file that is not an export."
)
@click.pass_context
def export(ctx: click.Context, out: Path | None, force: bool) -> None:
    """Every stored event as NDJSON, one a line, in recording order."""
    from adapters.evidence.export import export as write
    from adapters.evidence.export import replaceable
    from adapters.files import writing

    if out is None:
        write(reader(ctx).view, sys.stdout.buffer)
        return
    replaceable(out, force)
    view = reader(ctx).view  # a store that cannot be opened leaves no file behind
    with writing(out) as handle:
        count = write(view, handle)
    click.echo(
        f"Exported {counted(count, 'event')} to {click.format_filename(out)}.", err=True
    )


@click.command("import")
@click.argument("file", metavar="FILE")
@json_option
@click.pass_context
def import_(ctx: click.Context, file: str, as_json: bool) -> None:
    """Import the events of an export (FILE, or - for standard input)."""
    from adapters.evidence.exchange import import_events

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
    if added:  # the read model brought up to date, so that the store is ready
        from cli.context import catching_up, caught_up

        store = tracker(ctx)
        if sys.stderr.isatty():
            store.reader.progress = catching_up
        caught_up(ctx, f"Imported {added} of {counted(total, 'event')}")
    if as_json:
        echo_json({"added": added, "total": total})
    elif added:
        click.echo(f"Imported {added} of {counted(total, 'event')}.")
    else:
        click.echo(f"Nothing to add: all {total} events are already in the store.")


@click.command()
@json_option
@click.pass_context
def lint(ctx: click.Context, as_json: bool) -> None:
    """List the facts that deserve a second look, refusing none: dated after
    their source was published (plans excepted), a status of a mission in
    flight before its launch, a contribution by a partner that had withdrawn, a
    milestone after the mission ended, a source with no date or title."""
    from adapters.evidence.lint import lint as looks
    from cli.text import look_line

    found = looks(tracker(ctx))
    if as_json:
        echo_json(found)
        return
    for view in found:
        click.echo(printable(look_line(view)))


@click.command()
@json_option
@click.pass_context
def verify(ctx: click.Context, as_json: bool) -> None:
    """Check every stored event (it loads, versions follow, the hash chain holds,
    every correction fits the fact it corrects) and each snapshot (it is its
    mission as the events make it)."""
    from adapters.evidence.verify import verify as check

    report = check(tracker(ctx))
    if as_json:
        echo_json(report)
    else:
        for problem in report["problems"]:
            # A snapshot's problem, or a row without an id, names no event.
            event = f" (event {problem['event']})" if problem["event"] else ""
            click.echo(
                printable(
                    f"{problem['mission']} version {problem['version']}{event}:"
                    f" {problem['problem']}"
                )
            )
    if report["problems"]:
        found = len(report["problems"])
        raise click.ClickException(
            f"{counted(found, 'problem')} in {counted(report['events'], 'event')}"
        )
    if not as_json:
        click.echo(
            f"Verified {counted(report['events'], 'event')} of"
            f" {counted(report['missions'], 'mission')}"
            f" and {counted(report['partners'], 'partner')}:"
            " every event loads, versions follow, the chain holds,"
            " the snapshots match."
        )
        if report["older_schemes"]["events"]:
            click.echo(_older_schemes(report["older_schemes"]))


def _older_schemes(older: dict[str, Any]) -> str:
    """What `verify` says of the events sealed by an older scheme, in a line."""
    which = [
        f"{older[key]} {told}"
        for key, told in (
            ("scheme_1", "by scheme 1"),
            ("scheme_2", "by scheme 2"),
            ("scheme_1_or_2", "by scheme 1 or 2, which seal them alike"),
        )
        if older[key]
    ]
    line = (
        f"Sealed by an older scheme: {counted(older['events'], 'event')},"
        f" which name no scheme ({', '.join(which)})."
    )
    uncovered = older["not_covered"]["class_version"]
    if uncovered:
        line += (
            " Scheme 1 does not cover an event's schema version (class_version):"
            f" a change to it would not show in {uncovered} of them."
        )
    return line


#: The commands of this module, added to the group by cli.main.
COMMANDS = (lint, export, import_, verify)
