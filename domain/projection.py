"""A mission built from its stored events and snapshots (`project_mission`), and
its snapshots (`Snapshot`): each keeps the whole history, each event marked with
its schema version, so that a snapshot is brought up to date as events are."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from domain.events import KINDS, Event, Registered
from domain.mission import Mission, Unloaded


def project_mission(
    mission: Mission | None, events: Iterable[Event | Snapshot | Unloaded]
) -> Mission | None:
    """Build a mission from its snapshot and events, in recording order; an event
    that could not be read (`Unloaded`) counts only for the mission's version."""
    before = mission
    collected: list[Event] = list(mission.events) if mission else []
    skipped: list[Unloaded] = list(mission.skipped) if mission else []
    for event in events:
        if isinstance(event, Snapshot):
            mission = Mission.model_validate(_upcast_snapshot(event.state))
            collected = list(mission.events)
            skipped = list(mission.skipped)
        elif isinstance(event, Registered):
            mission = Mission(
                id=event.originator_id,
                version=event.originator_version,
                created_on=event.timestamp,
                modified_on=event.timestamp,
                slug=event.slug,
                name=event.name,
                aliases=event.aliases,
                events=(),
            )
            collected = [event]
        elif isinstance(event, Unloaded):
            skipped.append(event)
            if mission is not None:
                mission = mission.model_construct(
                    **{**dict(mission), "version": event.originator_version}
                )
        elif mission is not None:
            collected.append(event)
            mission = mission.model_construct(
                **{
                    **dict(mission),
                    "version": event.originator_version,
                    "modified_on": event.timestamp,
                }
            )
    if mission is None:
        return None
    built = mission.model_construct(
        **{**dict(mission), "events": tuple(collected), "skipped": tuple(skipped)}
    )
    return built if before is None else before.succeeded_by(built)


class Snapshot(BaseModel):
    """The whole state of a mission at a version, to load it without replay."""

    model_config = ConfigDict(frozen=True)

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    topic: str
    state: dict[str, Any]

    @classmethod
    def take(cls, aggregate: Mission) -> Snapshot:
        """A snapshot of the mission as it is."""
        return cls(
            originator_id=aggregate.id,
            originator_version=aggregate.version,
            timestamp=_now(),
            topic=f"{Mission.__module__}:{Mission.__qualname__}",
            state=_versioned(aggregate),
        )


def _versioned(mission: Mission) -> dict[str, Any]:
    """The mission's state, each event marked with its schema version if above 1."""
    state = mission.model_dump(mode="json")
    for event, dumped in zip(mission.events, state["events"], strict=True):
        if event.class_version > 1:
            dumped["class_version"] = event.class_version
    return state


def _upcast_snapshot(state: dict[str, Any]) -> dict[str, Any]:
    """A snapshot's state, its events brought up to their current schemas."""
    events = []
    for stored in state["events"]:
        event = dict(stored)
        events.append(KINDS[event["kind"]].upcast(event, event.pop("class_version", 1)))
    return {**state, "events": events}


def _now() -> datetime:
    return datetime.now(tz=UTC)
