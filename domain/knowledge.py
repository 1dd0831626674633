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
