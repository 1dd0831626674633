"""Commands that record facts: record, correct, retract, cite, register."""

from __future__ import annotations

from typing import Any

import click

from cli.choices import Choice
from cli.completion import complete_missions
from cli.context import caught_up, tracker
from cli.options import (
    effective_option,
    kind_options,
    report_of,
    report_options,
    source_of,
    source_options,
    text_of,
)
from cli.output import echo_json, json_option, printable
from domain.vocabulary import KINDS


def _recorded(slug: str, event: Any, as_json: bool) -> None:
    from adapters.eventstore.views import event_view

    view = event_view(slug, event)
    if as_json:
        echo_json(view)
        return
    on = f" on {view['occurred']}" if view["occurred"] else ""
    click.echo(
        f"Recorded {view['kind']} for {view['mission']}{on}"
        f" as event {view['id'][:8]} (version {view['version']})."
    )


def _warn(ctx: click.Context, slug: str, events: list[Any]) -> None:
    """Say on stderr which of the facts just recorded deserve a second look
    (`missions lint`): recorded all the same."""
    from cli.text import look_line
    from domain.lint import looks_at

    history = lambda: tracker(ctx).mission(slug).events  # noqa: E731
    for view in looks_at(slug, events, history):
        click.echo(printable(f"Warning: {look_line(view)}"), err=True)


def _written(mission: str, event: Any) -> str:
    """What a write recorded, should the read model not take it in."""
    return f"Recorded {event.kind} for {mission} as event {event.id}"


@click.command()
@click.argument("mission", shell_complete=complete_missions)
@click.argument("kind", type=Choice(KINDS), metavar="KIND")
@report_options(required=True)
@effective_option
@kind_options
@json_option
@click.pass_context
def record(
    ctx: click.Context, /, mission: str, kind: str, as_json: bool, **kwargs: Any
) -> None:
    """Record a dated fact about a mission, e.g. a status change.

    \b
    KIND and its options:
      status-changed            --status [--by-party]
      partner-joined            --partner --role [--standing, default active]
      partner-withdrawn         --partner [--by-party]
      partner-replaced          --partner --by [--role, default the old one's]
                                [--standing, default active]
      partner-standing-changed  --partner --standing [--by-party]
      partner-role-changed      --partner --role
      launch-target-changed     --target EDTF|none [--vehicle TEXT]
      milestone                 --milestone [--detail TEXT]
      contribution-added        --partner --contribution TEXT
      contribution-removed      --partner --contribution TEXT
      programme-joined          --programme MISSION
      programme-left            --programme MISSION
      noted                     --summary (required)

    Any fact may take --effective EDTF: announced on --on, in effect then.
    """
    report = report_of(kwargs)
    event = tracker(ctx).record(mission, kind, report, kwargs)
    caught_up(ctx, _written(mission, event))  # the next question starts at once
    slug = tracker(ctx).resolve(mission)
    _recorded(slug, event, as_json)
    _warn(ctx, slug, [event])


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@click.option(
    "--mission",
    metavar="MISSION",
    shell_complete=complete_missions,
    help="Refuse unless the event is this mission's.",
)
@report_options(required=False)
@effective_option
@kind_options
@click.option("--reason", metavar="TEXT", help="Why it was wrong, for the log.")
@json_option
@click.pass_context
def correct(
    ctx: click.Context,
    /,
    event_id: str,
    mission: str | None,
    as_json: bool,
    **kwargs: Any,
) -> None:
    """Correct fields of an earlier event; the original stays in the log.

    EVENT_ID is the id `missions log` shows (its first characters will do). Give
    the fields that were wrong: --on, --effective (none for none), --summary,
    --quote, --source, or the kind's own options (see `missions record --help`).
    """
    from adapters.eventstore.commands import corrections

    on = kwargs.pop("on")
    source = source_of(kwargs)
    summary, quote, reason = (
        text_of(kwargs, name) for name in ("summary", "quote", "reason")
    )
    changes = corrections(
        on, source, summary, quote, kwargs, tracker(ctx).partner_registry
    )
    found, event = tracker(ctx).correct(event_id, changes, reason, mission)
    caught_up(ctx, _written(found.slug, event))  # the next question starts at once
    _recorded(found.slug, event, as_json)
    _warn(ctx, found.slug, [event])


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@click.option(
    "--reason", required=True, metavar="TEXT", help="Why it should not stand."
)
@source_options(required=True)
@click.option(
    "--mission",
    metavar="MISSION",
    shell_complete=complete_missions,
    help="Refuse unless the event is this mission's.",
)
@json_option
@click.pass_context
def retract(
    ctx: click.Context,
    /,
    event_id: str,
    mission: str | None,
    as_json: bool,
    **kwargs: Any,
) -> None:
    """Retract an earlier event: it stays in the log but no longer counts."""
    source = source_of(kwargs)
    reason = text_of(kwargs, "reason")
    found, event = tracker(ctx).retract(event_id, reason or "", source, mission)
    caught_up(ctx, _written(found.slug, event))  # the next question starts at once
    _recorded(found.slug, event, as_json)


@click.command()
@click.argument("slug")
@click.option("--name", required=True, help="The display name, e.g. Venera-D.")
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    metavar="NAME",
    help="Another name (repeatable).",
)
@report_options(required=True)
@json_option
@click.pass_context
def register(
    ctx: click.Context,
    /,
    slug: str,
    name: str,
    aliases: tuple[str, ...],
    as_json: bool,
    **kwargs: Any,
) -> None:
    """Start tracking a new mission or programme."""
    event = tracker(ctx).register(slug, name, aliases, report_of(kwargs))
    caught_up(ctx, _written(slug, event))  # the next question starts at once
    if as_json:
        from adapters.eventstore.views import event_view

        echo_json(event_view(event.slug, event))
        return
    click.echo(printable(f"Registered {event.name} as {event.slug}."))


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@source_options(required=True)
@click.option("--quote", metavar="TEXT", help="A short quote (under 25 words).")
@click.option(
    "--mission",
    metavar="MISSION",
    shell_complete=complete_missions,
    help="Refuse unless the event is this mission's.",
)
@json_option
@click.pass_context
def cite(
    ctx: click.Context,
    /,
    event_id: str,
    mission: str | None,
    as_json: bool,
    **kwargs: Any,
) -> None:
    """Add a source to an earlier fact: another report that stands behind it.

    EVENT_ID is the id `missions log` shows (its first characters will do).
    """
    source = source_of(kwargs)
    quote = text_of(kwargs, "quote")
    found, event = tracker(ctx).cite(event_id, source, quote, mission)
    tracker(ctx).catch_up()  # so that the next question starts at once
    _recorded(found.slug, event, as_json)


#: The commands of this module, added to the group by cli.main.
COMMANDS = (record, correct, retract, cite, register)
