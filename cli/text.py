"""Human-readable renderings of status and change views."""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING, Any

from adapters.sources import cite
from adapters.uncertainty import uncertain_line
from cli.output import output_width, printable, table

if TYPE_CHECKING:
    from collections.abc import Iterator

    from adapters.picture.spans import Drawing, Timeline


def status_text(view: dict[str, Any], uncertain: bool = False) -> str:
    """A status view as a few aligned lines; the facts that may or may not have
    happened by its day summed up in one, or listed if `uncertain`."""
    known = f", as known at {view['known_at']}" if view["known_at"] else ""
    told = view.get("reported")
    if told:
        known = f", as reported by {told['by']}{known}"
    lines = [f"{view['name']} ({view['mission']}) on {view['at']}{known}"]
    if view["facts"] == 0:
        lines.append(f"  Nothing recorded by {view['at']}: not known before then.")
    elif view["last_change"] is None and not view["partners"]:
        lines.append(f"  Nothing but its registration and notes by {view['at']}.")
    else:
        lines += _state_lines(view)
    if view["partners"]:
        rows = [
            [
                p["partner"],
                p["role"],
                p["standing"] + (f" (by {p['by_party']})" if p["by_party"] else ""),
                "; ".join(p["contributions"]),
            ]
            for p in view["partners"]
        ]
        lines.append("  Partners:")
        lines += [
            "    " + line
            for line in table(
                ["partner", "role", "standing", "contributions"], rows, margin=4
            ).splitlines()
        ]
    if view["milestones"]:
        lines.append("  Milestones:")
        lines += [
            f"    {m['on']}  {m['milestone']}"
            + (f": {m['detail']}" if m["detail"] else "")
            for m in view["milestones"]
        ]
    if view["uncertain"] and uncertain:
        lines.append(f"  Uncertain on {view['at']} (may or may not have happened yet):")
        lines += [
            f"    {u['occurred']}  {u['kind']}: {u['summary']}"
            for u in view["uncertain"]
        ]
    elif view["uncertain"]:  # summed up: the answer first
        lines.append(
            f"  Uncertain:      {uncertain_line(view)} (--uncertain lists them)"
        )
    if told and told["counted_from_recording"]:
        from adapters.eventstore.reported import undated_said

        lines.append(
            f"  Undated:        {undated_said(told['counted_from_recording'])}"
        )
    if view["sources"]:
        lines.append("  Sources:")
        for source in view["sources"]:  # its address on a line of its own, whole
            lines.append(f"    {cite({**source, 'url': None})}")
            if source.get("url"):
                lines.append(f"      {source['url']}")
    shown = [printable(line) for line in lines]
    width = output_width()
    if width is not None:  # long lines wrapped under their own indent
        shown = [part for line in shown for part in _wrapped(line, width)]
    return "\n".join(shown)


def _wrapped(line: str, width: int) -> list[str]:
    if len(line) <= width:
        return [line]
    indent = " " * (len(line) - len(line.lstrip()))
    return textwrap.wrap(
        line.strip(),
        width,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
        break_long_words=False,  # an address runs over rather than break
    )


def _state_lines(view: dict[str, Any]) -> list[str]:
    """The status, since when and by whom, the launch target, the programmes and
    the last change, as lines."""
    status = view["status"] or f"not known before {view['at']}"
    if view["status"]:
        status += f" since {view['since']}"
    if view["by_party"]:
        status += f" (by {view['by_party']})"
    lines = [
        f"  Status:         {status}",
    ]
    if view.get("launched"):  # the launch target steps aside
        lines.append(f"  Launched:       {view['launched']}")
    else:
        lines.append(f"  Launch target:  {view['target_launch'] or 'none recorded'}")
    if view.get("landed"):
        lines.append(f"  Landed:         {view['landed']}")
    if view["programmes"]:
        lines.append(f"  Programmes:     {', '.join(view['programmes'])}")
    lines.append(f"  Last change:    {view['last_change']}")
    return lines


def launch_text(view: dict[str, Any]) -> str:
    """A mission's launch in a few words: `launched 2024-05-03` once it has, else
    its target, `target 2024~`, if one is recorded."""
    if view.get("launched"):
        return f"launched {view['launched']}"
    return f"target {view['target_launch']}" if view["target_launch"] else ""


def change_line(view: dict[str, Any]) -> str:
    """One change, e.g. `status: planned -> at_risk`; a note, `note` (its text is
    the summary, which the tables show beside it: once)."""
    before, after = view["from"] or "-", view["to"] or "-"
    subject = view["subject"]
    if subject == "note":
        line = "note"
    elif subject == "milestone":
        detail = f" ({view['detail']})" if view["detail"] else ""
        line = f"milestone: {after}{detail}"
    elif subject in ("partner", "role", "contribution"):
        what = {"partner": "", "role": " role", "contribution": " contribution"}
        line = f"{view['partner']} ({view['role']}){what[subject]}: {before} -> {after}"
    else:
        name = {"target_launch": "launch target", "programme": "programme"}
        line = f"{name.get(subject, subject)}: {before} -> {after}"
    if view["by_party"] and subject in ("status", "partner"):
        line += f" (by {view['by_party']})"
    if view["announced"]:
        line += f" [announced; in effect {view['effective']}]"
    elif view["effective"] is not None:
        line += f" [announced {view['occurred']}]"
    return line


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
    then its other changes and its notes, by date (statuses coloured if
    `colour`)."""
    return "\n".join(timeline_lines(timeline, colour))


def timeline_lines(timeline: Timeline | Drawing, colour: bool = False) -> Iterator[str]:
    """`timeline_text`'s lines, a mission's as soon as its row comes (a
    `Drawing`'s rows may be read as they are drawn)."""
    yield printable(timeline.title)
    window = timeline.window
    last = window.end.toordinal()
    drawn = False
    for row in timeline.rows:
        drawn = True
        yield from textwrap.wrap(printable(f"{row.name} ({row.mission})"), _WIDTH)
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
        yield from (
            [_STATUS_WORD.sub(_styled, line) for line in wrapped] if colour else wrapped
        )
        changes: dict[str, list[str]] = {}
        for mark in row.marks:
            if mark.kind == "noted":
                changes.setdefault(mark.occurred, []).append(f"note: {mark.summary}")
            elif mark.kind != "status-changed":
                changes.setdefault(mark.occurred, []).append(mark.change)
        width = max((len(day) for day in changes), default=0)
        for day, said in changes.items():
            yield from textwrap.wrap(
                printable("; ".join(said)),
                _WIDTH,
                initial_indent=f"  {day.ljust(width)}  ",
                subsequent_indent=" " * (width + 4),
                break_on_hyphens=False,
            )
    if not drawn:
        yield "  No missions tracked."


def _styled(found: re.Match[str]) -> str:
    import click

    return click.style(found[0], **_STATUS_STYLE[found[0]])


def look_line(view: dict[str, Any]) -> str:
    """A second look (`missions lint`) in one line, as `lint` prints it and
    `record`, `correct` and `add` warn of it."""
    return (
        f"{view['mission']} {view['event'][:8]} ({view['kind']}, {view['occurred']}):"
        f" {view['why']} [{view['rule']}]"
    )
