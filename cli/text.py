"""Human-readable renderings of status and change views."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from adapters.sources import cite
from cli.output import printable, table

if TYPE_CHECKING:
    from adapters.picture.spans import Timeline


def status_text(view: dict[str, Any]) -> str:
    """A status view as a few aligned lines."""
    known = f", as known at {view['known_at']}" if view["known_at"] else ""
    lines = [f"{view['name']} ({view['mission']}) on {view['at']}{known}"]
    if view["status"] is None and not view["partners"]:
        lines.append(f"  Nothing recorded by {view['at']}.")
    else:
        lines.append(f"  Status:         {view['status'] or 'not recorded'}")
        lines.append(f"  Launch target:  {view['target_launch'] or 'not recorded'}")
        lines.append(f"  Last change:    {view['since']}")
    if view["partners"]:
        rows = [[p["partner"], p["role"], p["standing"]] for p in view["partners"]]
        lines.append("  Partners:")
        lines += [
            "    " + line
            for line in table(["partner", "role", "standing"], rows).splitlines()
        ]
    if view["uncertain"]:
        lines.append(f"  Uncertain on {view['at']} (may or may not have happened yet):")
        lines += [
            f"    {u['occurred']}  {u['kind']}: {u['summary']}"
            for u in view["uncertain"]
        ]
    if view["sources"]:
        lines.append("  Sources:")
        lines += [f"    {cite(s)}" for s in view["sources"]]
    return "\n".join(printable(line) for line in lines)


def change_line(view: dict[str, Any]) -> str:
    """One change, e.g. `status: planned -> at_risk`."""
    before, after = view["from"] or "-", view["to"] or "-"
    if view["subject"] == "partner":
        return f"{view['partner']} ({view['role']}): {before} -> {after}"
    subject = "launch target" if view["subject"] == "target_launch" else "status"
    return f"{subject}: {before} -> {after}"


#: How a status shows in a terminal that takes colour.
_STATUS_STYLE: dict[str, dict[str, Any]] = {
    "proposed": {"fg": "cyan"},
    "planned": {"fg": "green"},
    "at_risk": {"fg": "yellow"},
    "delayed": {"fg": "yellow", "dim": True},
    "suspended": {"fg": "magenta"},
    "cancelled": {"fg": "red"},
    "launched": {"fg": "blue"},
    "operating": {"fg": "bright_green"},
    "completed": {"fg": "white"},
    "failed": {"fg": "red", "bold": True},
}
_STATUS_WORD = re.compile(r"\b(" + "|".join(_STATUS_STYLE) + r")\b")
_WIDTH = 100


def timeline_text(timeline: Timeline, colour: bool = False) -> str:
    """A timeline in a few lines a mission: its statuses over the time shown,
    then its other changes, by date (statuses coloured if `colour`)."""
    import textwrap

    lines = [printable(timeline.title)]
    if not timeline.rows:
        lines.append("  No missions tracked.")
    window = timeline.window
    last = window.end.toordinal()
    for row in timeline.rows:
        lines += textwrap.wrap(printable(f"{row.name} ({row.mission})"), _WIDTH)
        shown = [
            b
            for b in row.bands
            if b.fade_from <= last and (b.end is None or b.end > window.first)
        ]
        statuses = " -> ".join(f"{b.status} {b.since}" for b in shown) or "-"
        wrapped = textwrap.wrap(
            f"  status  {statuses}",
            _WIDTH,
            subsequent_indent=" " * 10,
            break_on_hyphens=False,
        )
        lines += (
            [_STATUS_WORD.sub(_styled, line) for line in wrapped] if colour else wrapped
        )
        changes: dict[str, list[str]] = {}
        for mark in row.marks:
            if mark.kind not in ("status-changed", "noted"):
                changes.setdefault(mark.occurred, []).append(mark.change)
        width = max((len(day) for day in changes), default=0)
        for day, said in changes.items():
            lines += textwrap.wrap(
                printable("; ".join(said)),
                _WIDTH,
                initial_indent=f"  {day.ljust(width)}  ",
                subsequent_indent=" " * (width + 4),
                break_on_hyphens=False,
            )
    return "\n".join(lines)


def _styled(found: re.Match[str]) -> str:
    import click

    return click.style(found[0], **_STATUS_STYLE[found[0]])
