"""A mission's history from the read model's rows: the changes its facts made,
in the order of the world, as `domain.timeline.history` tells them from events.

As known now, a window of days costs what is in it: the state before the window
is one lookup in the mission's stored timeline and a short fold
(`adapters.readmodel.states.state_before`), then the
facts in the window are folded from it, and a fact announced in the window to
take effect outside it is folded from the state just before it. As known at an
earlier time, the facts as they read then are folded from the first (one ordered
scan, no replay)."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from adapters.errors import InputError
from adapters.readmodel.answers import KNOWN_NOW, Mission, known_as
from adapters.readmodel.recorders import Tx
from adapters.readmodel.states import state_before
from adapters.readmodel.tables import FACT_COLUMNS, MAX_SPAN
from domain.fold import Fact, Key, State, Step

_COLUMNS = f"{FACT_COLUMNS}, id, summary, occurred, occurred_earliest, occurred_latest"
_FACT = len(FACT_COLUMNS.split(","))
_ORDER = "ORDER BY latest, earliest, root"
#: After every day.
_NO_END = "9999-99-99"
#: Facts read at once.
_PAGE = 2000
#: Where a change stands in a history: its day (latest, earliest), its fact's
#: version, and whether it is told on the day it was announced.
_Told = tuple[str, str, int, bool]


class _Row(NamedTuple):
    """A fact as the history reads it: what the fold needs, and what a change
    says of it."""

    fact: Fact
    id: str
    summary: str
    #: The day it was announced, if it takes effect on another (EDTF, earliest,
    #: latest); None if no effective day was given.
    occurred: tuple[str, str, str] | None

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> _Row:
        id_, summary, occurred, earliest, latest = row[_FACT:]
        announced = (occurred, earliest, latest) if occurred else None
        return cls(Fact(*row[:_FACT]), id_, summary, announced)

    @property
    def announced(self) -> bool:
        """Whether it is told on two days: when announced and when in effect."""
        fact = self.fact
        return self.occurred is not None and self.occurred != (
            fact.edtf,
            fact.earliest,
            fact.latest,
        )


class Window(NamedTuple):
    """The days a history covers: a change is in it if its days touch them, surely
    if they all lie within them, possibly if only some do. Either end may be
    open (None)."""

    start: date | None
    end: date | None

    @classmethod
    def of(cls, start: date | None, end: date | None) -> Window:
        """The days from `start` to `end`; refused if `start` is after `end`."""
        if start is not None and end is not None and start > end:
            raise InputError(
                f"--from {start.isoformat()} is after --to {end.isoformat()};"
                " give the earlier date first"
            )
        return cls(start, end)

    def holds(self, earliest: str, latest: str) -> bool:
        """Whether the days from `earliest` to `latest` all lie within it."""
        return (self.start is None or earliest >= self.start.isoformat()) and (
            self.end is None or latest <= self.end.isoformat()
        )

    def touches(self, earliest: str, latest: str) -> bool:
        """Whether some of the days from `earliest` to `latest` lie within it."""
        return (self.start is None or latest >= self.start.isoformat()) and (
            self.end is None or earliest <= self.end.isoformat()
        )

    def within(self, earliest: str, latest: str) -> str:
        """`surely` if the days all lie within it, else `possibly`."""
        return "surely" if self.holds(earliest, latest) else "possibly"


def history_of(
    tx: Tx, mission: Mission, window: Window, known_at: datetime | None
) -> Iterator[dict[str, Any]]:
    """The mission's changes dated within `window`, surely or possibly (their
    days touch it), in the order of the world, as known at `known_at` (now if
    None), told as they are read: `adapters.eventstore.views.change_view`'s keys,
    with each source as kept (`source` is where), and `within`. Those told on the
    day they were announced are found first (they are few), then merged into the
    facts as they are read."""
    early = sorted(_announced(tx, mission.id, window, known_at), key=_place)
    found = _in_effect(tx, mission.id, window, known_at)
    merged = heapq.merge(found, early, key=_place)
    for _, row, step, announced in merged:
        yield _change(mission.slug, row, step, announced, window)


#: A change as a history finds it: where it is told, its fact, what changed,
#: and whether it is told on the day it was announced.
_Found = tuple[_Told, _Row, Step, bool]


def _place(found: _Found) -> _Told:
    return found[0]


def _in_effect(
    tx: Tx, mission: int, window: Window, known_at: datetime | None
) -> Iterator[_Found]:
    """The changes made in `window`, on the day each fact took effect, in the
    order of the world: as known now, folded from the state before the window."""
    if known_at is None:
        start = window.start.isoformat() if window.start else ""
        end = window.end.isoformat() if window.end else _NO_END
        state = state_before(tx, mission, (start, "", -1))
        rows = _rows(tx, mission, (start, "", -1), end, None)
    else:
        state = State()
        rows = _rows(tx, mission, ("", "", -1), _NO_END, known_at)
    for row in rows:
        fact = row.fact
        steps = state.changes(fact)
        if window.touches(fact.earliest, fact.latest):
            place = (fact.latest, fact.earliest, fact.root, False)
            for step in steps:
                yield place, row, step, False
    if known_at is None and window.end is not None:
        yield from _across_the_end(tx, mission, window.end.isoformat())


def _across_the_end(tx: Tx, mission: int, end: str) -> Iterator[_Found]:
    """As known now, the changes of the facts that took effect surely after the
    day `end` but may have before it (`../2030`): each folded from the state
    just before it. They are found as a status finds what may have happened by
    a day: for each class of span, in the facts ending within that span after
    it (one index range each, not every later fact)."""
    day = date.fromisoformat(end)
    params: list[Any] = []
    for width in range(1, MAX_SPAN + 1):
        last = day + timedelta(days=min(1 << width, (date.max - day).days))
        params += [mission, width, end, last.isoformat(), end]
    found = sorted(tx.all(_ACROSS, params), key=lambda row: Fact(*row[:_FACT]).key)
    for row in map(_Row.of, found):
        fact = row.fact
        place = (fact.latest, fact.earliest, fact.root, False)
        for step in state_before(tx, mission, fact.key).changes(fact):
            yield place, row, step, False


#: The facts of a mission across a day: one index range for each class of span.
_ACROSS = " UNION ALL ".join(
    [
        f"SELECT {_COLUMNS} FROM {{timeline_facts}} {{by_ranged}}"
        " WHERE mission = ? AND earliest < latest AND span = ? AND latest > ?"
        f" AND latest <= ? AND earliest <= ? AND {KNOWN_NOW}"
    ]
    * MAX_SPAN
)


def _announced(
    tx: Tx, mission: int, window: Window, known_at: datetime | None
) -> Iterator[_Found]:
    """The changes told on the day they were announced, within `window`: as
    known now, each fact folded from the state just before it."""
    if known_at is None:
        start = window.start.isoformat() if window.start else ""
        end = window.end.isoformat() if window.end else _NO_END
        found = tx.all(
            f"SELECT {_COLUMNS} FROM {{timeline_facts}} {{by_announced}}"
            " WHERE mission = ? AND occurred IS NOT NULL"
            " AND occurred_latest >= ? AND occurred_earliest <= ?"
            f" AND {KNOWN_NOW}",
            (mission, start, end),
        )
        for row in map(_Row.of, found):
            fact = row.fact
            if row.announced:
                before = state_before(tx, mission, fact.key)
                yield from _told_early(row, before.changes(fact), window)
        return
    state = State()
    for row in _rows(tx, mission, ("", "", -1), _NO_END, known_at):
        steps = state.changes(row.fact)
        if row.announced:
            yield from _told_early(row, steps, window)


def _told_early(row: _Row, steps: list[Step], window: Window) -> Iterator[_Found]:
    """A fact's changes told on the day it was announced, if that is in
    `window`."""
    _, earliest, latest = row.occurred or ("", "", "")
    if window.touches(earliest, latest):
        place = (latest, earliest, row.fact.root, True)
        for step in steps:
            yield place, row, step, True


def _rows(
    tx: Tx, mission: int, after: Key, end: str, known_at: datetime | None
) -> Iterator[_Row]:
    """The mission's facts after `after` that took effect by `end`, in the
    order of the world, as known at `known_at` (now if None), a page at a time."""
    known, at = known_as(known_at)
    while True:
        page = tx.all(
            f"SELECT {_COLUMNS} FROM {{timeline_facts}} WHERE mission = ?"
            " AND (latest, earliest, root) > (?, ?, ?) AND latest <= ?"
            f" AND {known} {_ORDER} LIMIT ?",
            (mission, *after, end, *at, _PAGE),
        )
        rows = [_Row.of(row) for row in page]
        yield from rows
        if len(rows) < _PAGE:
            return
        after = rows[-1].fact.key


def _change(
    slug: str, row: _Row, step: Step, announced: bool, window: Window
) -> dict[str, Any]:
    """One change as `change_view` shows it (`source`: where it is kept), and
    whether its days lie `within` the window surely or possibly."""
    fact = row.fact
    on = row.occurred if announced and row.occurred else None
    edtf, earliest, latest = on or (fact.edtf, fact.earliest, fact.latest)
    return {
        "mission": slug,
        "date": edtf,
        "earliest": earliest,
        "latest": latest,
        "within": window.within(earliest, latest),
        "subject": step.subject,
        "partner": step.partner,
        "role": step.role,
        "from": step.before,
        "to": step.after,
        "by_party": fact.party,
        "detail": fact.detail,
        "announced": announced,
        "occurred": row.occurred[0] if row.occurred else fact.edtf,
        "effective": fact.edtf if row.occurred else None,
        "event": row.id,
        "kind": fact.kind,
        "summary": row.summary,
        "source": fact.source,
    }


def missions_changed(tx: Tx, window: Window) -> set[int]:
    """The missions, as known now, with a fact in effect or announced, surely or
    possibly, within `window` (others have no change in it)."""
    start = window.start.isoformat() if window.start else ""
    end = window.end.isoformat() if window.end else _NO_END
    rows = tx.all(
        "SELECT DISTINCT mission FROM {timeline_facts}"
        f" WHERE latest >= ? AND earliest <= ? AND {KNOWN_NOW}"
        " UNION SELECT DISTINCT mission FROM {timeline_facts}"
        " WHERE occurred IS NOT NULL AND occurred_latest >= ?"
        f" AND occurred_earliest <= ? AND {KNOWN_NOW}",
        (start, end, start, end),
    )
    return {mission for (mission,) in rows}
