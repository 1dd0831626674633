"""What was known at a time: the facts recorded by then, as corrected by then."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.events import Corrected, Event, MissionEvent, Retracted


def known_by(events: Iterable[Event], known_at: datetime | None) -> list[Event]:
    """The events recorded at or before `known_at` (all of them if None)."""
    if known_at is None:
        return list(events)
    return [e for e in events if e.timestamp <= known_at]


def effective_facts(
    events: Sequence[Event], known_at: datetime | None = None
) -> list[MissionEvent]:
    """The facts known at `known_at`, in recording order, with the corrections
    known then applied and the retracted ones left out."""
    known = known_by(events, known_at)
    by_id = {e.id: e for e in known}
    retracted = {e.retracts for e in known if isinstance(e, Retracted)}
    changes: dict[UUID, dict[str, Any]] = {}
    for event in known:
        if isinstance(event, Corrected) and event.id not in retracted:
            root = root_fact(event.corrects, by_id)
            if root is not None:
                changes.setdefault(root.id, {}).update(event.changes)
    facts: list[MissionEvent] = []
    for event in known:
        if isinstance(event, MissionEvent) and event.id not in retracted:
            update = changes.get(event.id)
            facts.append(corrected(event, update) if update else event)
    return facts


def corrected(fact: MissionEvent, changes: dict[str, Any]) -> MissionEvent:
    """The fact with some of its fields superseded (validated as its own type)."""
    return type(fact).model_validate({**fact.model_dump(mode="json"), **changes})


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
