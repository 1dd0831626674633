"""Commands that answer questions: list, status, log, history, changes, partners."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import click

from adapters.errors import InputError
from cli.choices import Choice
from cli.completion import complete_missions, complete_partners
from cli.context import reader, tracker
from cli.context import reported as reported_store
from cli.options import not_empty
from cli.output import (
    closed_at_end,
    counted,
    echo_json,
    echo_json_list,
    echo_ndjson,
    json_option,
    output_width,
    printable,
    table,
)
from cli.text import change_line, launch_text, status_text
from domain.vocabulary import Standing

if TYPE_CHECKING:
    from adapters.readmodel.reader import Reader

at_option = click.option(
    "--at",
    metavar="DATE",
    callback=not_empty,
    help="The date to ask about (YYYY-MM-DD; default today).",
)
known_at_option = click.option(
    "--known-at",
    metavar="TIME",
    callback=not_empty,
    help="Count only what was recorded by then (ISO date or date-time, UTC"
    " unless an offset is given; a date means the end of that day).",
)


reported_option = click.option(
    "--reported",
    metavar="DATE",
    callback=not_empty,
    help="Count only what had been published by then (YYYY-MM-DD): each fact"
    " from its source's publication date.",
)


def asked(
    ctx: click.Context, reported: str | None, names: Sequence[str] = ()
) -> tuple[Reader, list[str]]:
    """What answers, and the missions named, by slug: the store; or with
    --reported, the store as reported by then, where a mission of which nothing
    had been reported is refused."""
    if reported is None:
        return reader(ctx), list(names)
    found = reported_store(ctx, reported)
    return found.tracker.reader, found.named(tracker(ctx).reader, names)


def reported_as(
    ctx: click.Context, reported: str | None, slugs: Sequence[str] | None
) -> dict[str, Any] | None:
    """What an answer --reported says of how it was made: by which day, and how
    many facts of its missions (of all, if None) counted from when they were
    recorded."""
    if reported is None:
        return None
    return reported_store(ctx, reported).said(slugs)


def undated_line(told: dict[str, Any] | None) -> str | None:
    """The line that says how many facts counted from their recording; None if
    none did."""
    if not told or not told["counted_from_recording"]:
        return None
    from adapters.eventstore.reported import undated_said  # only with --reported

    return undated_said(told["counted_from_recording"])


def say_undated(told: dict[str, Any] | None) -> None:
    """Say on stderr how many facts counted from their recording, if any did."""
    line = undated_line(told)
    if line is not None:
        click.echo(f"Note: {line}", err=True)


def _day(value: str | None) -> date:
    from adapters.dates import parse_day

    return parse_day(value) if value else datetime.now(tz=UTC).date()


#: How many years ahead a date asked about is far enough to be worth a note: a
#: slip of the keys (3022 for 2022), not a plan (a launch in 2030).
FAR_AHEAD = 50


def _at(value: str | None) -> date:
    """The day `--at` asks about; a note on stderr if it is far in the future."""
    day = _day(value)
    ahead = (day - datetime.now(tz=UTC).date()).days // 365
    if ahead >= FAR_AHEAD:  # said on stderr: the answer itself is as asked
        years = f"{ahead} year{'' if ahead == 1 else 's'}"
        click.echo(
            f"Note: {day} is more than {years} from now; the answer is what the"
            " facts recorded so far say of it.",
            err=True,
        )
    return day


def _instant(value: str | None) -> datetime | None:
    from adapters.dates import parse_instant

    return parse_instant(value) if value else None


@click.command("list")
@at_option
@known_at_option
@reported_option
@click.option(
    "--partner",
    metavar="SLUG",
    shell_complete=complete_partners,
    help="Only missions this partner is in.",
)
@click.option(
    "--standing",
    type=Choice([s.value for s in Standing], case_sensitive=False),
    help="With --partner: only where it had this standing.",
)
@click.option(
    "--programme",
    metavar="MISSION",
    shell_complete=complete_missions,
    help="Only the missions of this programme.",
)
@json_option
@click.pass_context
def list_(
    ctx: click.Context,
    at: str | None,
    known_at: str | None,
    reported: str | None,
    partner: str | None,
    standing: str | None,
    programme: str | None,
    as_json: bool,
) -> None:
    """Every mission's status on a date."""
    if standing and not partner:
        raise InputError("--standing needs --partner")
    day = _at(at)
    instant = _instant(known_at)
    answers, _ = asked(ctx, reported)
    views = answers.statuses(day, instant, partner, standing, programme)
    told = reported_as(ctx, reported, [v["mission"] for v in views])
    if as_json:
        echo_json([{**v, "reported": told} for v in views] if told else views)
        return
    click.echo(f"Missions on {day.isoformat()}" + _as_known(known_at, reported))
    if not views:
        click.echo(_no_missions(day, known_at, partner, standing, programme, reported))
        return
    rows = (
        [
            v["mission"],
            v["status"] or "not known before",
            v["since"],
            launch_text(v),
            _partners(v),
        ]
        for v in views
    )
    headers = ["mission", "status", "since", "launch", "partners"]
    click.echo(table(headers, rows))
    if undated_line(told):
        click.echo(undated_line(told))


@click.command()
@click.argument("mission", shell_complete=complete_missions)
@at_option
@known_at_option
@reported_option
@json_option
@click.option(
    "--uncertain",
    is_flag=True,
    help="List each fact that may or may not have happened by the date (JSON"
    " always does).",
)
@click.pass_context
def status(
    ctx: click.Context,
    mission: str,
    at: str | None,
    known_at: str | None,
    reported: str | None,
    as_json: bool,
    uncertain: bool,
) -> None:
    """One mission's status, partners and launch target on a date, with sources."""
    day, instant = _at(at), _instant(known_at)
    answers, named = asked(ctx, reported, [mission])
    view = answers.status(named[0], day, instant)
    told = reported_as(ctx, reported, [view["mission"]])
    if told:
        view["reported"] = told
    if as_json:
        echo_json(view)
    else:
        click.echo(status_text(view, uncertain))


@click.command()
@click.argument("mission", shell_complete=complete_missions)
@known_at_option
@reported_option
@json_option
@click.option(
    "--ndjson", "as_ndjson", is_flag=True, help="Print one JSON object a line."
)
@click.pass_context
def log(
    ctx: click.Context,
    mission: str,
    known_at: str | None,
    reported: str | None,
    as_json: bool,
    as_ndjson: bool,
) -> None:
    """Every event recorded about a mission, in the order recorded."""
    if as_json and as_ndjson:
        raise InputError("--json and --ndjson cannot go together; choose one")
    instant = _instant(known_at)
    if reported is None:
        views = tracker(ctx).event_log(mission, instant)
    else:
        _, named = asked(ctx, reported, [mission])
        views = reported_store(ctx, reported).tracker.event_log(named[0], instant)
        say_undated(reported_as(ctx, reported, named))
    with closed_at_end(views):  # its read transaction ends with the command
        if as_json:
            echo_json_list(views)
        elif as_ndjson:
            echo_ndjson(views)
        else:
            headers = ["ver", "id", "occurred", "recorded", "kind", "source"]
            headers += ["summary", "note"]
            click.echo(table(headers, ([*_log_row(v)] for v in list(views))))


@click.command()
@click.argument("mission", shell_complete=complete_missions)
@click.option(
    "--from",
    "start",
    metavar="DATE",
    callback=not_empty,
    help="From this date (YYYY-MM-DD).",
)
@click.option(
    "--to",
    "end",
    metavar="DATE",
    callback=not_empty,
    help="Up to this date (YYYY-MM-DD).",
)
@known_at_option
@reported_option
@json_option
@click.pass_context
def history(
    ctx: click.Context,
    mission: str,
    start: str | None,
    end: str | None,
    known_at: str | None,
    reported: str | None,
    as_json: bool,
) -> None:
    """How a mission's status, partners and launch target changed over time."""
    window = (_day(start) if start else None, _day(end) if end else None)
    instant = _instant(known_at)
    answers, named = asked(ctx, reported, [mission])
    views = answers.history(named[0], *window, instant)
    say_undated(reported_as(ctx, reported, named))
    with closed_at_end(views):  # its read transaction ends with the command
        if as_json:
            echo_json_list(views)
            return
        told = list(views)
    click.echo(_changes_table(told) if told else "No changes in that time.")


@click.command()
@click.option(
    "--from",
    "start",
    metavar="DATE",
    callback=not_empty,
    help="From this date (YYYY-MM-DD); from the first if not given.",
)
@click.option(
    "--to",
    "end",
    metavar="DATE",
    callback=not_empty,
    help="Up to this date (YYYY-MM-DD); to the last if not given.",
)
@click.option(
    "--mission",
    "names",
    multiple=True,
    metavar="MISSION",
    shell_complete=complete_missions,
    help="Only this mission (by any of its names); may be given again.",
)
@click.option(
    "--partner",
    metavar="PARTNER",
    shell_complete=complete_partners,
    help="Only the changes of this partner's part (by any of its names).",
)
@known_at_option
@reported_option
@json_option
@click.pass_context
def changes(
    ctx: click.Context,
    start: str | None,
    end: str | None,
    names: tuple[str, ...],
    partner: str | None,
    known_at: str | None,
    reported: str | None,
    as_json: bool,
) -> None:
    """Every change across missions whose date touches a range, grouped by
    mission: those only possibly within it are marked."""
    window = (_day(start) if start else None, _day(end) if end else None)
    instant = _instant(known_at)
    answers, named = asked(ctx, reported, names)
    groups = answers.changes(*window, instant, named, partner)
    told = reported_as(ctx, reported, [group["mission"] for group in groups])
    if as_json:
        echo_json(groups)
        say_undated(told)
        return
    if not groups:
        click.echo(f"No changes dated {_range(start, end)}.")
    for group in groups:
        click.echo(printable(f"{group['name']} ({group['mission']})"))
        click.echo(_indent(_changes_table(group["changes"], margin=2)))
    say_undated(told)


@click.command()
@at_option
@known_at_option
@reported_option
@json_option
@click.pass_context
def partners(
    ctx: click.Context,
    at: str | None,
    known_at: str | None,
    reported: str | None,
    as_json: bool,
) -> None:
    """Which partner had which role and standing in each mission on a date."""
    day = _at(at)
    answers, _ = asked(ctx, reported)
    rows = answers.partners(day, _instant(known_at))
    if as_json:
        echo_json(rows)
        return
    columns = rows[0]["missions"] if rows else {}
    missions = [m for m in columns if any(row["missions"][m] for row in rows)]
    cells = [
        [row["partner"], *(_cell(row["missions"][m]) for m in missions)] for row in rows
    ]
    click.echo(f"Partners on {day.isoformat()}" + _as_known(known_at, reported))
    if not missions:
        known = " as known then" if known_at else ""
        click.echo(f"No partner had a part in any mission on {day.isoformat()}{known}.")
        return
    room = output_width()
    matrix = table(["partner", *missions], cells, fit=False)
    if room is None or max(map(len, matrix.splitlines())) <= room:
        click.echo(matrix)
        return
    # Too wide for the width at hand, whole: a row for each part instead.
    parts = [
        [row["partner"], m, _cell(row["missions"][m])]
        for row in rows
        for m in missions
        if row["missions"][m]
    ]
    click.echo(table(["partner", "mission", "part"], parts))


def _dated(view: dict[str, Any]) -> str:
    """A change's date, marked `?` if it only possibly lies within the window."""
    return str(view["date"]) + (" ?" if view.get("within") == "possibly" else "")


def _no_missions(
    day: date,
    known_at: str | None,
    partner: str | None,
    standing: str | None,
    programme: str | None,
    reported: str | None = None,
) -> str:
    """Why `list` has no rows, in one line."""
    if partner:
        with_standing = f" ({standing})" if standing else ""
        return f"No mission had {partner}{with_standing} as a partner on {day}."
    if programme:
        return f"No mission was part of {programme} on {day}."
    if reported:
        return f"Nothing about any mission had been reported by {reported}."
    if known_at:
        return f"Nothing was tracked yet as known at {known_at}."
    return "No missions are tracked yet: run `missions seed` or `missions register`."


def _cell(part: dict[str, Any] | None) -> str:
    if part is None:
        return "-"
    cell = str(part["role"])
    if part["standing"] != "active":
        cell += f", {part['standing']}"
    if part["contributions"]:
        cell += f" ({'; '.join(part['contributions'])})"
    return cell


def _range(start: str | None, end: str | None) -> str:
    """A range of days in words: `from 2022-01-01 to 2022-12-31`."""
    said = [f"from {start}" if start else "", f"to {end}" if end else ""]
    return " ".join(part for part in said if part) or "at any time"


def _changes_table(views: list[dict[str, Any]], margin: int = 0) -> str:
    rows = ([_dated(v), change_line(v), v["event"][:8], v["summary"]] for v in views)
    # The change is what the row says: it gets twice the summary's share.
    told = table(["date", "change", "event", "summary"], rows, margin, (1, 2, 1, 1))
    if any(v.get("within") == "possibly" for v in views):
        told += "\n? dated in part outside the window: it may or may not lie within it"
    return told


def _log_row(view: dict[str, Any]) -> list[Any]:
    note = []
    if view["corrected_by"]:
        note.append("corrected by " + ", ".join(i[:8] for i in view["corrected_by"]))
    if view["retracted_by"]:
        note.append(f"retracted by {view['retracted_by'][:8]}")
    return [
        view["version"],
        view["id"][:8],
        view["occurred"] or "",
        view["recorded_at"][:19].replace("T", " "),
        view["kind"],
        _brief(view.get("source")),
        view["summary"],
        "; ".join(note),
    ]


def _brief(source: dict[str, Any] | None) -> str:
    """A source in brief, as a log row names it: its publication and the day it
    was published, if known (`SpaceNews 2022-03-01`)."""
    if not source:
        return ""
    published = source.get("published")
    return (
        f"{source['publication']} {published}" if published else source["publication"]
    )


def _partners(view: dict[str, Any]) -> str:
    return ", ".join(
        p["partner"]
        if p["standing"] == "active"
        else f"{p['partner']} ({p['standing']})"
        for p in view["partners"]
    )


def _as_known(known_at: str | None, reported: str | None = None) -> str:
    instant = _instant(known_at)
    said = f", as reported by {reported}" if reported else ""
    return said + (f", as known at {instant.isoformat()}" if instant else "")


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


@click.command()
@json_option
@click.pass_context
def rebuild(ctx: click.Context, as_json: bool) -> None:
    """Rebuild the read model (each mission's timeline) from the events."""
    caught = reader(ctx).rebuild()
    if as_json:
        echo_json({"events": caught.events, "states": caught.states})
        return
    click.echo(
        f"Rebuilt the read model from {counted(caught.events, 'event')}"
        f" ({counted(caught.states, 'state')})."
    )


#: The commands of this module, added to the group by cli.main.
COMMANDS = (list_, status, log, history, changes, partners, rebuild)
