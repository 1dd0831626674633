"""Commands that record facts: register, record, correct, retract, seed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from cli.context import tracker
from cli.output import echo_json, json_option, printable
from domain.vocabulary import KINDS, Milestone, Role, Standing, Status

F = TypeVar("F", bound=Callable[..., Any])

_BLANK = {
    "source": "say who reported it, e.g. 'ESA, 17 March 2022'",
    "summary": "write one sentence in our own words, or leave --summary out",
    "quote": "give the quote, or leave --quote out",
    "reason": "say why the event should not have been recorded",
}
_SOURCE_DETAILS = ("source_title", "source_author", "source_date", "source_url")


def _apply(command: F, options: list[Callable[[F], F]]) -> F:
    for option in reversed(options):
        command = option(command)
    return command


def source_options(required: bool) -> Callable[[F], F]:
    """Who reported a fact, and where."""

    def decorate(command: F) -> F:
        return _apply(
            command,
            [
                click.option(
                    "--source",
                    required=required,
                    metavar="TEXT",
                    help="Who reported it: the publication or body.",
                ),
                click.option(
                    "--source-title", metavar="TEXT", help="The report's title."
                ),
                click.option("--source-author", metavar="TEXT", help="Its author."),
                click.option("--source-date", metavar="DATE", help="When published."),
                click.option("--source-url", metavar="URL", help="Where to read it."),
            ],
        )

    return decorate


def report_options(required: bool) -> Callable[[F], F]:
    """The date, the source and the words of a fact."""

    def decorate(command: F) -> F:
        return _apply(
            command,
            [
                click.option(
                    "--on",
                    "on",
                    required=required,
                    metavar="EDTF",
                    help="When it happened, in EDTF: 2022-02-28, 2021-06, 2030/2033.",
                ),
                source_options(required),
                click.option(
                    "--summary", metavar="TEXT", help="One sentence, in our own words."
                ),
                click.option(
                    "--quote", metavar="TEXT", help="A short quote (under 25 words)."
                ),
            ],
        )

    return decorate


def effective_option(command: F) -> F:
    """When a fact takes effect, if not when it happened."""
    return click.option(
        "--effective",
        metavar="EDTF",
        help="When it takes effect, if later than --on (e.g. announced on --on).",
    )(command)


def _choice(
    enum: type[Status] | type[Role] | type[Standing] | type[Milestone],
) -> click.Choice[str]:
    return click.Choice([member.value for member in enum], case_sensitive=False)


def kind_options(command: F) -> F:
    """The options of each kind of fact."""
    return _apply(
        command,
        [
            click.option(
                "--status", type=_choice(Status), help="status-changed: the new status."
            ),
            click.option(
                "--by-party",
                metavar="SLUG",
                help="Who brought it about, e.g. the partner that suspended.",
            ),
            click.option(
                "--partner", metavar="SLUG", help="The partner concerned, e.g. esa."
            ),
            click.option(
                "--role", type=_choice(Role), help="partner-joined, partner-replaced."
            ),
            click.option(
                "--standing", type=_choice(Standing), help="The partner's standing."
            ),
            click.option(
                "--by", metavar="SLUG", help="partner-replaced: who takes over."
            ),
            click.option(
                "--target", metavar="EDTF", help="launch-target-changed: e.g. 2028."
            ),
            click.option(
                "--vehicle", metavar="TEXT", help="launch-target-changed: the launcher."
            ),
            click.option(
                "--milestone",
                type=_choice(Milestone),
                help="milestone: the milestone reached.",
            ),
            click.option("--detail", metavar="TEXT", help="milestone: what of it."),
            click.option(
                "--contribution",
                metavar="TEXT",
                help="contribution-added, -removed: what the partner supplies.",
            ),
            click.option(
                "--programme",
                metavar="MISSION",
                help="programme-joined, -left: the programme (a tracked mission).",
            ),
        ],
    )


def _text(kwargs: dict[str, Any], option: str) -> str | None:
    """A text option, stripped; refused if given but blank."""
    from adapters.errors import InputError

    value = kwargs.pop(option)
    if value is not None and not value.strip():
        raise InputError(f"--{option} is empty; {_BLANK[option]}")
    return _short_enough(option, value.strip()) if value is not None else None


def _short_enough(option: str, value: str) -> str:
    """Refuse a text longer than the event model keeps."""
    from adapters.errors import InputError
    from domain.events import LONG_TEXT, SHORT_TEXT

    limit = (
        LONG_TEXT
        if option in ("summary", "quote", "reason", "source_url")
        else SHORT_TEXT
    )
    if len(value) > limit:
        name = option.replace("_", "-")
        raise InputError(
            f"--{name} is {len(value)} characters long; keep it to {limit}"
        )
    return value


def _source(kwargs: dict[str, Any]) -> Any:
    """The Source from --source and --source-*; None if none are given."""
    from adapters.dates import parse_day
    from adapters.errors import InputError
    from domain.events import Source

    publication = _text(kwargs, "source")
    details = {name: kwargs.pop(name) for name in _SOURCE_DETAILS}
    for name, value in details.items():
        if value is not None and name != "source_date":
            _short_enough(name, value)
    if publication is None:
        given = [
            f"--{n.replace('_', '-')}" for n, v in details.items() if v is not None
        ]
        if given:
            raise InputError(f"{given[0]} needs --source: say who reported it")
        return None
    published = details["source_date"]
    return Source(
        publication=publication,
        title=details["source_title"],
        author=details["source_author"],
        published=parse_day(published) if published else None,
        url=details["source_url"],
    )


def _report(kwargs: dict[str, Any]) -> Any:
    from adapters.dates import parse_edtf
    from domain.mission import Report

    source = _source(kwargs)
    effective = kwargs.pop("effective", None)
    return Report(
        occurred=parse_edtf(kwargs.pop("on")),
        source=source,
        summary=_text(kwargs, "summary"),
        quote=_text(kwargs, "quote"),
        effective=parse_edtf(effective) if effective is not None else None,
    )


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


@click.command()
@click.argument("mission")
@click.argument("kind", type=click.Choice(KINDS), metavar="KIND")
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
    report = _report(kwargs)
    event = tracker(ctx).record(mission, kind, report, kwargs)
    tracker(ctx).catch_up()  # so that the next question starts at once
    _recorded(tracker(ctx).resolve(mission), event, as_json)


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@click.option(
    "--mission", metavar="MISSION", help="Refuse unless the event is this mission's."
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
    source = _source(kwargs)
    summary, quote, reason = (
        _text(kwargs, name) for name in ("summary", "quote", "reason")
    )
    changes = corrections(
        on, source, summary, quote, kwargs, tracker(ctx).partner_registry()
    )
    found, event = tracker(ctx).correct(event_id, changes, reason, mission)
    tracker(ctx).catch_up()  # so that the next question starts at once
    _recorded(found.slug, event, as_json)


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@click.option(
    "--reason", required=True, metavar="TEXT", help="Why it should not stand."
)
@source_options(required=True)
@click.option(
    "--mission", metavar="MISSION", help="Refuse unless the event is this mission's."
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
    source = _source(kwargs)
    reason = _text(kwargs, "reason")
    found, event = tracker(ctx).retract(event_id, reason or "", source, mission)
    tracker(ctx).catch_up()  # so that the next question starts at once
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
@click.pass_context
def register(
    ctx: click.Context, /, slug: str, name: str, aliases: tuple[str, ...], **kwargs: Any
) -> None:
    """Start tracking a new mission or programme."""
    event = tracker(ctx).register(slug, name, aliases, _report(kwargs))
    tracker(ctx).catch_up()  # so that the next question starts at once
    click.echo(printable(f"Registered {event.name} as {event.slug}."))


@click.command()
@click.pass_context
def seed(ctx: click.Context) -> None:
    """Record the built-in partners and the facts of the SpaceNews article of
    1 March 2022."""
    from adapters.eventstore.seed import seed_article, seed_partners

    added, total = seed_article(tracker(ctx))
    seed_partners(tracker(ctx))  # after the article's facts, which come first
    tracker(ctx).catch_up()  # so that the next question starts at once
    if added:
        click.echo(f"Recorded {added} of {total} facts from the article.")
    else:
        click.echo(
            f"Nothing to add: all {total} facts from the article are already recorded."
        )


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@source_options(required=True)
@click.option("--quote", metavar="TEXT", help="A short quote (under 25 words).")
@click.option(
    "--mission", metavar="MISSION", help="Refuse unless the event is this mission's."
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
    source = _source(kwargs)
    quote = _text(kwargs, "quote")
    found, event = tracker(ctx).cite(event_id, source, quote, mission)
    tracker(ctx).catch_up()  # so that the next question starts at once
    _recorded(found.slug, event, as_json)


#: The commands of this module, added to the group by cli.main.
COMMANDS = (record, correct, retract, cite, register, seed)
