"""Commands that answer questions: list, status, log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from cli.main import cli, tracker
from cli.output import echo_json, echo_ndjson, json_option, table


def _day(value: str | None) -> Any:
    from adapters.dates import parse_day

    return parse_day(value) if value else datetime.now(tz=UTC).date()


at_option = click.option(
    "--at",
    "at",
    metavar="DATE",
    help="The date to ask about (YYYY-MM-DD; default today).",
)


@cli.command("list")
@at_option
@json_option
@click.pass_context
def list_(ctx: click.Context, at: str | None, as_json: bool) -> None:
    """Every mission's status on a date."""
    from adapters.views import status_view

    day = _day(at)
    views = [status_view(m, day, s) for m, s in tracker(ctx).states(day)]
    if as_json:
        echo_json(views)
        return
    click.echo(f"Missions on {day.isoformat()}")
    click.echo(
        table(
            ["mission", "status", "last change", "launch target", "partners"],
            (
                [
                    v["mission"],
                    v["status"] or "-",
                    v["since"],
                    v["target_launch"],
                    _partners(v),
                ]
                for v in views
            ),
        )
    )


@cli.command()
@click.argument("mission")
@at_option
@json_option
@click.pass_context
def status(ctx: click.Context, mission: str, at: str | None, as_json: bool) -> None:
    """One mission's status, partners and launch target on a date, with sources."""
    from adapters.views import status_view

    day = _day(at)
    found, state = tracker(ctx).state(mission, day)
    view = status_view(found, day, state)
    if as_json:
        echo_json(view)
        return
    click.echo(_status_text(view))


@cli.command()
@click.argument("mission")
@click.option("--json", "form", flag_value="json", help="Print a JSON array.")
@click.option(
    "--ndjson", "form", flag_value="ndjson", help="Print one JSON object a line."
)
@click.pass_context
def log(ctx: click.Context, mission: str, form: str | None) -> None:
    """Every fact recorded about a mission, in the order recorded."""
    from adapters.views import event_view

    found = tracker(ctx).mission(tracker(ctx).resolve(mission))
    views = [event_view(found.slug, e) for e in found.events]
    if form == "json":
        echo_json(views)
    elif form == "ndjson":
        echo_ndjson(views)
    else:
        click.echo(
            table(
                ["ver", "id", "occurred", "recorded", "kind", "summary"],
                (
                    [
                        v["version"],
                        v["id"][:8],
                        v["occurred"],
                        v["recorded_at"][:19].replace("T", " "),
                        v["kind"],
                        v["summary"],
                    ]
                    for v in views
                ),
            )
        )


def _partners(view: dict[str, Any]) -> str:
    return ", ".join(
        p["partner"]
        if p["standing"] == "active"
        else f"{p['partner']} ({p['standing']})"
        for p in view["partners"]
    )


def _status_text(view: dict[str, Any]) -> str:
    status = view["status"]
    lines = [f"{view['name']} ({view['mission']}) on {view['at']}"]
    if status is None and not view["partners"]:
        lines.append(f"  Nothing recorded by {view['at']}.")
    else:
        lines.append(f"  Status:         {status or 'not recorded'}")
        lines.append(f"  Launch target:  {view['target_launch'] or 'not recorded'}")
        lines.append(f"  Last change:    {view['since']}")
    if view["partners"]:
        rows = [[p["partner"], p["role"], p["standing"]] for p in view["partners"]]
        lines += ["  Partners:"]
        lines += [
            "    " + line
            for line in table(["partner", "role", "standing"], rows).splitlines()
        ]
    if view["sources"]:
        lines.append("  Sources:")
        lines += [f"    {_cite(s)}" for s in view["sources"]]
    return "\n".join(lines)


def _cite(source: dict[str, Any]) -> str:
    parts = [source["publication"]]
    if source.get("title"):
        parts.append(f'"{source["title"]}"')
    parts += [source[k] for k in ("author", "published", "url") if source.get(k)]
    return ", ".join(parts)
