"""A fact's rows in `timeline_facts` as its corrections and retractions come: one
row for each span of recording time over which it read the same
(`domain.knowledge.spans`).

A catch-up keeps what it has made of each fact it has seen amended (`Amended`):
the fact as its amendments so far leave it (`domain.knowledge.Reading`), when
the latest of them was recorded, and its last two spans. An amendment recorded
no earlier than that, as a tracker records them, changes the last span alone:
its row is ended and the next one begun, or, for an amendment recorded at the
very time the last span began, its row is written again (or the span before it
goes on again, if the fact reads as it did then). So each costs one fold step
and a few statements, however many came before it. The first amendment of a
fact that a catch-up meets has what it keeps read from the fact's events once,
as its rows have them (`recall`); an amendment recorded before the fact's
latest event has every row of the fact written again from its events
(`rewrite`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from adapters.readmodel.facts import INSERT_FACT, fact_row, place_of
from adapters.readmodel.recorders import Tx
from adapters.readmodel.tables import micros
from domain.events import Event, MissionEvent
from domain.fold import Key
from domain.knowledge import Misfit, Reading, read

#: Where the read model keeps a source (a fact's, as JSON), kept once.
Sources = Callable[[Tx, dict[str, Any]], int]
#: The missions and the places in the world's order whose states an event
#: changes (as the projector counts them).
Touched = list[tuple[int, Key]]

_WHERE = (
    " WHERE mission = ? AND latest = ? AND earliest = ? AND root = ? AND known_from = ?"
)


class Kept(NamedTuple):
    """A span of recording time as the read model keeps it: from `since`
    (microseconds), the fact as it read (None: not known, or retracted), and
    the place of its row in the world's order (latest, earliest; None: no row)."""

    since: int
    fact: MissionEvent | None
    place: tuple[str, str] | None


class Amended:
    """What a catch-up keeps of a fact it has seen amended: it as its amendments
    so far leave it, when the latest of its events was recorded (microseconds),
    and its last two spans of recording time (the last one first)."""

    __slots__ = ("last", "reading", "tail")

    def __init__(self, reading: Reading, last: int, tail: list[Kept]) -> None:
        self.reading = reading
        self.last = last
        self.tail = tail


class Rows:
    """The rows of one fact of a mission (its version `root`, its id `first`)."""

    def __init__(
        self, tx: Tx, mission: int, root: int, first: str, sources: Sources
    ) -> None:
        self.tx = tx
        self.mission = mission
        self.root = root
        self.first = first
        self.sources = sources

    def write(self, since: int, until: int | None, fact: MissionEvent | None) -> Kept:
        """Write the row of the span from `since` to `until` (None: for good)
        over which the fact read as `fact` (no row if None)."""
        if fact is None:
            return Kept(since, None, None)
        state = fact.model_dump(mode="json")
        source = self.sources(self.tx, state["source"])
        row = fact_row(
            state, self.mission, self.root, (since, until), source, self.first
        )
        self.tx.execute(INSERT_FACT, row)
        return Kept(since, fact, (row[1], row[2]))

    def end(self, span: Kept, until: int | None) -> None:
        """End the row of `span` at `until` (None: let it go on for good)."""
        if span.place is not None:
            self.tx.execute(
                "UPDATE {timeline_facts} SET known_until = ?" + _WHERE,
                (until, *self._key(span)),
            )

    def remove(self, span: Kept) -> None:
        """Take out the row of `span`."""
        if span.place is not None:
            self.tx.execute("DELETE FROM {timeline_facts}" + _WHERE, self._key(span))

    def touched(self, *found: Kept) -> Touched:
        """The first and last places in the world's order of the rows of `found`
        (as they read now, or before)."""
        keys = [(*s.place, self.root) for s in found if s.place is not None]
        if not keys:
            return []
        return [(self.mission, key) for key in (min(keys), max(keys))]

    def _key(self, span: Kept) -> tuple[Any, ...]:
        assert span.place is not None
        return (self.mission, *span.place, self.root, span.since)


def rewrite(
    rows: Rows, events: Sequence[Event]
) -> tuple[Amended, Touched, Misfit | None]:
    """Write every row of the fact again, from `events`: it and every correction
    and retraction bearing on it, in recording order; what a catch-up keeps of
    it, the places touched, and the misfit, if the last event is a correction
    that does not fit."""
    tx, first = rows.tx, rows.first
    old = tx.all(
        "SELECT latest, earliest FROM {timeline_facts} WHERE id = ? AND mission = ?",
        (first, rows.mission),
    )
    tx.execute(
        "DELETE FROM {timeline_facts} WHERE id = ? AND mission = ?",
        (first, rows.mission),
    )
    found, reading, misfit = read(events)
    kept: list[Kept] = []
    for index, span in enumerate(found):
        until = micros(found[index + 1].since) if index + 1 < len(found) else None
        kept.append(rows.write(micros(span.since), until, span.fact))
    last = max(micros(event.timestamp) for event in events)
    keys = [(latest, earliest, rows.root) for latest, earliest in old]
    keys += [(*s.place, rows.root) for s in kept if s.place is not None]
    touched = [(rows.mission, key) for key in (min(keys), max(keys))] if keys else []
    return Amended(reading, last, kept[:-3:-1]), touched, misfit


def recall(events: Sequence[Event]) -> Amended:
    """What a catch-up keeps of the fact, read from `events` (it and every
    correction and retraction bearing on it, in recording order) as its rows
    have it: nothing is written."""
    found, reading, _ = read(events)
    tail = [
        Kept(micros(s.since), s.fact, None if s.fact is None else _place(s.fact))
        for s in found[:-3:-1]
    ]
    return Amended(reading, max(micros(e.timestamp) for e in events), tail)


def _place(fact: MissionEvent) -> tuple[str, str]:
    """The place of the fact's row in the world's order (latest, earliest)."""
    return place_of(fact.model_dump(mode="json"))


def follow(rows: Rows, amended: Amended, event: Event) -> tuple[Touched, Misfit | None]:
    """Count in a correction or retraction of the fact recorded no earlier than
    its latest event (`amended.last`), changing its last span alone; the places
    touched, and the misfit, if it is a correction that does not fit."""
    since = micros(event.timestamp)
    assert since >= amended.last
    misfit = amended.reading.add(event)
    fact = amended.reading.now
    amended.last = since
    tail = amended.tail
    last = tail[0]
    if fact == last.fact:
        return [], misfit
    if since > last.since:  # the last span ends, and the next begins
        rows.end(last, since)
        amended.tail = [rows.write(since, None, fact), last]
        return rows.touched(last, amended.tail[0]), misfit
    # Recorded when the last span began: that span reads otherwise, or, if the
    # fact reads as it did before, the span before it goes on.
    rows.remove(last)
    before = tail[1] if len(tail) > 1 else None
    if before is not None and fact == before.fact:
        rows.end(before, None)
        amended.tail = [before]
        return rows.touched(last, before), misfit
    amended.tail = [rows.write(since, None, fact), *tail[1:]]
    return rows.touched(last, amended.tail[0]), misfit
