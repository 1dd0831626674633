"""Plain views of missions and events, as scripts read them (the JSON contract)."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.events import MissionEvent
from domain.mission import Mission
from domain.timeline import MissionState
from domain.vocabulary import PARTNERS

_COMMON = {
    "originator_id",
    "originator_version",
    "timestamp",
    "id",
    "occurred",
    "source",
    "summary",
    "quote",
    "kind",
}


def status_view(mission: Mission, day: date, state: MissionState) -> dict[str, Any]:
    """What was true of a mission at the end of `day`, and who said so."""
    sources: list[dict[str, Any]] = []
    for event in state.applied:
        source = event.source.model_dump(mode="json")
        if source not in sources:
            sources.append(source)
    return {
        "mission": mission.slug,
        "name": mission.name,
        "at": day.isoformat(),
        "status": state.status.value if state.status else None,
        "since": state.since.edtf if state.since else None,
        "target_launch": state.target_launch.edtf if state.target_launch else None,
        "partners": [
            {
                "partner": m.partner,
                "name": PARTNERS.get(m.partner, m.partner),
                "role": m.role.value,
                "standing": m.standing.value,
            }
            for m in state.partners
        ],
        "facts": len(state.applied),
        "sources": sources,
    }


def event_view(slug: str, event: MissionEvent) -> dict[str, Any]:
    """One recorded fact, with its dates, its source and its own fields."""
    own = event.model_dump(mode="json", exclude=_COMMON)
    if "target" in own:
        own["target"] = own["target"]["edtf"]
    return {
        "id": str(event.id),
        "mission": slug,
        "version": event.originator_version,
        "type": event.type,
        "kind": type(event).model_fields["kind"].default,
        "occurred": event.occurred.edtf,
        "earliest": event.occurred.earliest.isoformat(),
        "latest": event.occurred.latest.isoformat(),
        "recorded_at": event.recorded_at.isoformat(),
        "summary": event.summary,
        "quote": event.quote,
        "source": event.source.model_dump(mode="json"),
        **own,
    }
