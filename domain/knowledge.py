"""What was known at a time: the facts recorded by then, as corrected by then."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple
from uuid import UUID

from pydantic import ValidationError

from domain.events import (
    Cited,
    Corrected,
    Event,
    MissionEvent,
    Registered,
    Retracted,
)

#: The fields of a fact that no correction may supersede: its identity, its kind,
#: when it was recorded, its seal, and a mission's names.
FIXED = frozenset(
    {
        "previous",
        "digest",
        "seal_scheme",
        "originator_id",
        "originator_version",
        "timestamp",
        "id",
        "kind",
        "slug",
        "name",
        "aliases",
    }
)


class Unfit(ValueError):
    """A correction whose changes do not fit the fact it corrects."""


class Misfit(NamedTuple):
    """A correction that does not count: its changes do not fit its fact."""

    correction: Corrected
    #: The fact it corrects, as the corrections before it left it.
    fact: MissionEvent
    #: Why, in a few words: the field and what is wrong with it.
    why: str


def known_by(events: Iterable[Event], known_at: datetime | None) -> list[Event]:
    """The events recorded at or before `known_at` (all of them if None)."""
    if known_at is None:
        return list(events)
    return [e for e in events if e.timestamp <= known_at]


def effective_facts(
    events: Sequence[Event], known_at: datetime | None = None
) -> list[MissionEvent]:
    """The facts known at `known_at`, in recording order, with the corrections
    known then applied and the retracted ones left out. A correction that does not
    fit its fact (`refitted`) does not count."""
    known = known_by(events, known_at)
    retracted = {e.retracts for e in known if isinstance(e, Retracted)}
    fixed, _ = _corrected_facts(known, retracted)
    return [
        fixed.get(event.id, event)
        for event in known
        if isinstance(event, MissionEvent) and event.id not in retracted
    ]


def misfits(events: Sequence[Event]) -> list[Misfit]:
    """The corrections that do not count, as known now, in recording order: their
    changes do not fit the fact they correct, as the corrections before them left
    it."""
    retracted = {e.retracts for e in events if isinstance(e, Retracted)}
    return _corrected_facts(events, retracted)[1]


def _corrected_facts(
    known: Sequence[Event], retracted: set[UUID]
) -> tuple[dict[UUID, MissionEvent], list[Misfit]]:
    """Each corrected fact as its corrections, applied in recording order, leave
    it; and the corrections that do not fit."""
    by_id = {e.id: e for e in known}
    fixed: dict[UUID, MissionEvent] = {}
    unfit: list[Misfit] = []
    for event in known:
        if isinstance(event, Corrected) and event.id not in retracted:
            root = root_fact(event.corrects, by_id)
            if root is None:
                continue
            current = fixed.get(root.id, root)
            try:
                fixed[root.id] = refitted(current, event.changes)
            except Unfit as error:
                unfit.append(Misfit(event, current, str(error)))
    return fixed, unfit


def corrected(fact: MissionEvent, changes: dict[str, Any]) -> MissionEvent:
    """The fact with some of its fields superseded (validated as its own type)."""
    return type(fact).model_validate({**fact.model_dump(mode="json"), **changes})


def refitted(fact: MissionEvent, changes: dict[str, Any]) -> MissionEvent:
    """The fact with some of its fields superseded; `Unfit`, saying which field
    and why, if a correction may not change one of them or the result is not a
    valid fact of its type."""
    fixed = sorted(set(changes) - set(correctable(type(fact))))
    if fixed:
        raise Unfit(f"{fixed[0]}: a correction cannot change it")
    try:
        return corrected(fact, changes)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "changes"
        raise Unfit(f"{where}: {first['msg']}") from None


def correctable(cls: type[MissionEvent]) -> tuple[str, ...]:
    """The fields of a fact that a correction may supersede (a registration has
    no effective date)."""
    fixed = FIXED | {"effective"} if cls is Registered else FIXED
    return tuple(name for name in cls.model_fields if name not in fixed)


def root_fact(event_id: UUID, by_id: dict[UUID, Event]) -> MissionEvent | None:
    """The fact an event is about: itself, or what its corrections correct."""
    seen: set[UUID] = set()
    event = by_id.get(event_id)
    while isinstance(event, Corrected) and event.id not in seen:
        seen.add(event.id)
        event = by_id.get(event.corrects)
    return event if isinstance(event, MissionEvent) else None


def amendments(events: Iterable[Event]) -> dict[UUID, list[Event]]:
    """For each event, the corrections and retractions recorded about it."""
    found: dict[UUID, list[Event]] = {}
    for event in events:
        if isinstance(event, Corrected):
            found.setdefault(event.corrects, []).append(event)
        elif isinstance(event, Retracted):
            found.setdefault(event.retracts, []).append(event)
    return found


def citations(
    events: Sequence[Event], known_at: datetime | None = None
) -> dict[UUID, list[Cited]]:
    """For each fact, the citations of it known at `known_at` that stand (neither
    they nor the fact retracted then), in recording order."""
    known = known_by(events, known_at)
    retracted = {e.retracts for e in known if isinstance(e, Retracted)}
    found: dict[UUID, list[Cited]] = {}
    for event in known:
        if isinstance(event, Cited) and not {event.id, event.cites} & retracted:
            found.setdefault(event.cites, []).append(event)
    return found


class Span(NamedTuple):
    """A span of recording time over which a fact read the same: from `since`
    until the next span's `since` (for good if none follows); `fact` is None
    while the fact was not known, or was retracted."""

    since: datetime
    fact: MissionEvent | None


class Reading:
    """A fact as its corrections and retractions so far leave it, as
    `effective_facts` has it once they are all known, kept up to date one of them
    at a time, in recording order: each correction is applied to the fact as the
    ones before it left it (one `refitted`). When one of them is retracted, only
    those after it are folded again, from the fact as the ones before it left it:
    undoing the latest correction costs one step, whatever came before it."""

    __slots__ = ("at", "before", "corrections", "fact", "folded", "retracted")

    def __init__(self, fact: MissionEvent) -> None:
        self.fact = fact
        #: The fact as its standing corrections leave it, retracted or not.
        self.folded = fact
        #: The corrections that bear on it, as (id, changes), in recording order.
        self.corrections: list[tuple[UUID, dict[str, Any]]] = []
        #: For each correction, the fact as the standing ones before it left it.
        self.before: list[MissionEvent] = []
        #: Where each correction is in `corrections` (the fact's own id: -1): what
        #: a correction of the fact names.
        self.at: dict[UUID, int] = {fact.id: -1}
        #: What the retractions so far retract.
        self.retracted: set[UUID] = set()

    @property
    def now(self) -> MissionEvent | None:
        """The fact as it reads: None if it is retracted."""
        return None if self.fact.id in self.retracted else self.folded

    def add(self, event: Event) -> Misfit | None:
        """Count in a correction or a retraction recorded after every event
        counted in so far; the misfit, if it is a correction that does not fit the
        fact as the corrections before it left it (`misfits`)."""
        if isinstance(event, Retracted):
            target = event.retracts
            if target not in self.retracted:
                self.retracted.add(target)
                if self.at.get(target, -1) >= 0:
                    self._refold(self.at[target])
            return None
        if not isinstance(event, Corrected) or event.corrects not in self.at:
            return None  # it bears on no fact of these (`root_fact`)
        self.at[event.id] = len(self.corrections)
        self.corrections.append((event.id, event.changes))
        self.before.append(self.folded)
        if event.id in self.retracted:
            return None
        try:
            self.folded = refitted(self.folded, event.changes)
        except Unfit as error:
            return Misfit(event, self.folded, str(error))
        return None

    def _refold(self, start: int) -> None:
        """Apply the standing corrections from the `start`th on again, in order,
        to the fact as the ones before it left it. The retracted ones at the end
        are let go: a retraction is for good, so they never count again."""
        folded = self.before[start]
        while (
            len(self.corrections) > start and self.corrections[-1][0] in self.retracted
        ):
            self.corrections.pop()
            self.before.pop()
        for index in range(start, len(self.corrections)):
            self.before[index] = folded
            correction, changes = self.corrections[index]
            if correction not in self.retracted:
                try:
                    folded = refitted(folded, changes)
                except Unfit:
                    continue
        self.folded = folded


class Read(NamedTuple):
    """A fact read from its chain of amendments (`read`)."""

    #: The spans of recording time over which it read the same.
    spans: list[Span]
    #: It as every amendment leaves it.
    reading: Reading
    #: The last amendment, if it is a correction that does not fit.
    misfit: Misfit | None


def spans(events: Sequence[Event]) -> list[Span]:
    """The spans of recording time over which the fact `events[0]` read the same
    (as `effective_facts` has it at each time one of `events` was recorded), from
    `events`: it and the corrections and retractions that bear on it, in
    recording order."""
    return read(events).spans


def read(events: Sequence[Event]) -> Read:
    """The fact `events[0]` read from `events`, it and the corrections and
    retractions that bear on it, in recording order: its spans (`spans`), it as
    they all leave it, and whether the last of them fits.

    While the events known at a time are the first ones, as when their recording
    times never go backwards, each is counted in once (`Reading`); at any other
    time, the events known then are read again."""
    first = events[0]
    assert isinstance(first, MissionEvent)
    times = sorted(event.timestamp for event in events)
    #: The latest recording time of the first k + 1 events, for each k.
    latest: list[datetime] = []
    for event in events:
        latest.append(max(latest[-1], event.timestamp) if latest else event.timestamp)
    found: list[Span] = []
    reading: Reading | None = None
    misfit: Misfit | None = None
    counted = 0
    for index, moment in enumerate(times):
        if index + 1 < len(times) and times[index + 1] == moment:
            continue  # the last of the events recorded at that time
        known = index + 1
        fact: MissionEvent | None
        if latest[index] <= moment:  # the events known then are the first `known`
            if reading is None:
                reading, counted = Reading(first), 1
            for event in events[counted:known]:
                misfit = reading.add(event)
            counted = known
            fact = reading.now
        else:
            reading = None
            fact = next(
                (f for f in effective_facts(events, moment) if f.id == first.id), None
            )
        if not found or found[-1].fact != fact:
            found.append(Span(moment, fact))
    # Every event is known at the last time: the reading has counted them all.
    assert reading is not None
    return Read(found, reading, misfit if len(events) > 1 else None)
