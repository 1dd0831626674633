"""Missions' timelines as a picture shows them, before any drawing: each mission's
status bands and its changes, over a window of the world's time.

Pure: it takes the plain timelines `Reader.timelines` gives and returns values;
the SVG (`adapters.picture.chart`), the page (`adapters.picture.chartpage`) and
the terminal's text (`cli.text`) are drawn from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from adapters.errors import InputError

#: The days that stand for an unknown start or end of a date range.
OPEN_START = date.min.isoformat()
OPEN_END = date.max.isoformat()


@dataclass(frozen=True, slots=True)
class Window:
    """The days of the world's time shown, both included."""

    start: date
    end: date

    @property
    def first(self) -> int:
        """The first day shown, as an ordinal."""
        return self.start.toordinal()

    @property
    def days(self) -> int:
        """How many days are shown."""
        return (self.end - self.start).days + 1

    def holds(self, day: date) -> bool:
        """Whether `day` is shown."""
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Band:
    """A status over a stretch of time. The change to it may have happened on
    any day from `fade_from` (an ordinal; 1 for "on or before") to `start`, from
    which it surely held, until the day the next change may have begun (`end`,
    excluded; None for after the last)."""

    status: str
    previous: str | None
    since: str
    fade_from: int
    start: int
    end: int | None

    @property
    def uncertain(self) -> bool:
        """Whether the day of the change is known only as a range."""
        return self.fade_from < self.start


@dataclass(frozen=True, slots=True)
class Mark:
    """One fact on a mission's row: when, what changed, in whose words."""

    mission: str
    name: str
    kind: str
    #: The date as recorded (EDTF).
    occurred: str
    #: The bounds of the date; None where it is open ("../2022-02-24").
    earliest: date | None
    latest: date | None
    #: Where it is drawn: its latest day (the day by which it surely happened).
    day: date
    change: str
    summary: str
    source: dict[str, Any]

    @property
    def uncertain(self) -> bool:
        """Whether the date is a range of days rather than one day."""
        return self.earliest != self.latest


@dataclass(frozen=True, slots=True)
class Row:
    """A mission's row: its bands and the changes shown."""

    mission: str
    name: str
    registered: Mark | None
    bands: list[Band]
    marks: list[Mark]


@dataclass(frozen=True, slots=True)
class Timeline:
    """What a timeline shows: the window, as known when, and one row a mission."""

    window: Window
    known_at: datetime | None
    rows: list[Row]

    @property
    def title(self) -> str:
        """What the picture shows, in one line."""
        known = f", as known at {self.known_at.isoformat()}" if self.known_at else ""
        start, end = self.window.start.isoformat(), self.window.end.isoformat()
        return f"Missions from {start} to {end}{known}"


@dataclass(frozen=True, slots=True)
class Drawing:
    """A timeline whose rows are drawn as they are read, one mission at a time
    (what text needs: a picture is drawn from a whole `Timeline`)."""

    window: Window
    known_at: datetime | None
    rows: Iterable[Row]

    @property
    def title(self) -> str:
        """What it shows, in one line (as `Timeline.title`)."""
        return Timeline(self.window, self.known_at, []).title


def timeline(
    missions: list[dict[str, Any]],
    start: date | None,
    end: date | None,
    known_at: datetime | None,
    today: date,
) -> Timeline:
    """The timeline of `missions` (as `Reader.timelines` gives them) from `start`
    to `end` (by default the days known, padded a little)."""
    window = window_of(missions, start, end, today)
    return Timeline(window, known_at, [row_of(m, window) for m in missions])


def window_of(
    missions: list[dict[str, Any]], start: date | None, end: date | None, today: date
) -> Window:
    """The days shown: as asked, else from the earliest known day of the facts to
    the latest, padded by a thirtieth of that on each side."""
    known = [
        day
        for m in missions
        for f in m["facts"]
        for day in (f["earliest"], f["latest"])
        if day not in (OPEN_START, OPEN_END)
    ]
    days = (min(known), max(known)) if known else None
    return window_between(days, start, end, today)


def window_between(
    days: tuple[str, str] | None, start: date | None, end: date | None, today: date
) -> Window:
    """The days shown: as asked, else from the earliest known day of the facts to
    the latest (`days`, as ISO text; None if none is known), padded by a
    thirtieth of that on each side."""
    if start is not None and end is not None:
        if start > end:
            raise InputError(
                f"--from {start.isoformat()} is after --to {end.isoformat()}"
            )
        return Window(start, end)
    lo, hi = (
        (date.fromisoformat(days[0]), date.fromisoformat(days[1]))
        if days
        else (today - timedelta(days=30), today)
    )
    pad = max(1, (hi - lo).days // 30)
    lo, hi = _shift(lo, -pad), _shift(hi, pad)
    span = (hi - lo).days
    if start is not None:
        return Window(start, hi if hi >= start else _shift(start, span))
    if end is not None:
        return Window(lo if lo <= end else _shift(end, -span), end)
    return Window(lo, hi)


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, kept within the calendar."""
    ordinal = min(max(day.toordinal() + days, 1), date.max.toordinal())
    return date.fromordinal(ordinal)


def row_of(mission: dict[str, Any], window: Window) -> Row:
    """A mission's row (as `Reader.timelines` gives it) over the window."""
    bands: list[Band] = []
    marks: list[Mark] = []
    registered = None
    before: dict[str, Any] = {"status": None, "target_launch": None, "partners": []}
    for fact in mission["facts"]:
        mark = _mark(mission, fact, before)
        if fact["kind"] == "registered":
            registered = mark
        elif mark is not None and window.holds(mark.day):
            marks.append(mark)
        repeated = bool(bands) and bands[-1].status == fact["value"]
        if (
            fact["kind"] == "status-changed"
            and fact["value"] is not None
            and not repeated
        ):
            fade_from = date.fromisoformat(fact["earliest"]).toordinal()
            start = date.fromisoformat(fact["latest"]).toordinal()
            if bands:
                fade_from = max(fade_from, bands[-1].start)
                bands[-1] = replace(bands[-1], end=fade_from)
            previous = bands[-1].status if bands else None
            bands.append(
                Band(fact["value"], previous, fact["occurred"], fade_from, start, None)
            )
        before = fact["state"]
    return Row(mission["mission"], mission["name"], registered, bands, marks)


def _mark(
    mission: dict[str, Any], fact: dict[str, Any], before: dict[str, Any]
) -> Mark | None:
    earliest = None if fact["earliest"] == OPEN_START else fact["earliest"]
    latest = None if fact["latest"] == OPEN_END else fact["latest"]
    day = latest or earliest
    if day is None:
        return None
    return Mark(
        mission=mission["mission"],
        name=mission["name"],
        kind=fact["kind"],
        occurred=fact["occurred"],
        earliest=date.fromisoformat(earliest) if earliest else None,
        latest=date.fromisoformat(latest) if latest else None,
        day=date.fromisoformat(day),
        change=change(mission["mission"], fact, before),
        summary=fact["summary"],
        source=fact["source"],
    )


def change(slug: str, fact: dict[str, Any], before: dict[str, Any]) -> str:
    """What a fact changed, in a few words, given the state before it."""
    kind, partner = fact["kind"], fact["partner"]
    standing = (
        f", {fact['standing']}" if fact["standing"] not in (None, "active") else ""
    )
    if kind == "status-changed":
        return f"status: {before['status'] or '-'} -> {fact['value']}"
    if kind == "launch-target-changed":
        target = fact["value"] or "none"
        return f"launch target: {before['target_launch'] or '-'} -> {target}"
    if kind == "partner-joined":
        return f"{partner} joined as {fact['role']}{standing}"
    if kind == "partner-withdrawn":
        return f"{partner} withdrew"
    if kind == "partner-replaced":
        return f"{partner} replaced by {fact['by']} as {fact['role']}{standing}"
    if kind == "partner-standing-changed":
        was = next(
            (p["standing"] for p in before["partners"] if p["partner"] == partner),
            None,
        )
        return f"{partner}: {was or '-'} -> {fact['standing']}"
    if kind == "partner-role-changed":
        return f"{partner}'s role -> {fact['role']}"
    if kind == "contribution-added":
        return f"{partner} supplies {fact['value']}"
    if kind == "contribution-removed":
        return f"{partner} no longer supplies {fact['value']}"
    if kind == "milestone":
        detail = f" ({fact['detail']})" if fact["detail"] else ""
        return f"{fact['value']}{detail}"
    if kind in ("programme-joined", "programme-left"):
        return f"{kind.split('-')[1]} programme {fact['value']}"
    if kind == "registered":
        return f"tracked as {slug}"
    return "note"
