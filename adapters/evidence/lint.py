"""`missions lint`: the facts of every mission that deserve a second look
(`domain.lint`), as views that a script reads; and those of one write, for
`record` and `add` to warn of."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from domain.events import (
    ContributionAdded,
    Corrected,
    Event,
    MilestoneReached,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    Retracted,
    StatusChanged,
)
from domain.lint import Look, second_looks

if TYPE_CHECKING:
    from adapters.eventstore.tracker import MissionTracker


def lint(tracker: MissionTracker) -> list[dict[str, Any]]:
    """Every second look, mission by mission in the order they were tracked."""
    return [
        look_view(mission.slug, look)
        for mission in tracker.missions()
        for look in second_looks(mission.events)
    ]


def looks_at(
    slug: str, new: Iterable[Event], history: Callable[[], Sequence[Event]]
) -> list[dict[str, Any]]:
    """The second looks that the events `new` of the mission `slug` give rise
    to: at them (a fact, or the fact a correction corrects), on their own; or,
    where a rule reads the mission's other facts, any look at the mission's
    `history` (with them) that it did not give without them, read only then."""
    given = list(new)
    if not any(isinstance(event, _IN_HISTORY) for event in given):
        return [look_view(slug, look) for look in second_looks(given)]
    events = list(history())
    ids = {event.id for event in given}
    before = {
        (look.event.id, look.rule)
        for look in second_looks([e for e in events if e.id not in ids])
    }
    return [
        look_view(slug, look)
        for look in second_looks(events)
        if (look.event.id, look.rule) not in before
    ]


#: The events that a rule reads with the mission's other facts.
_IN_HISTORY = (
    StatusChanged,
    ContributionAdded,
    MilestoneReached,
    PartnerWithdrawn,
    PartnerStandingChanged,
    PartnerReplaced,
    Corrected,
    Retracted,
)


def look_view(slug: str, look: Look) -> dict[str, Any]:
    """A second look as JSON: the mission, the event, its kind and date, the
    rule, why, and the event's source."""
    event = look.event
    occurred = getattr(event, "occurred", None)
    source = getattr(event, "source", None)
    return {
        "mission": slug,
        "event": str(event.id),
        "kind": getattr(event, "kind", None),
        "occurred": occurred.edtf if occurred is not None else None,
        "rule": look.rule,
        "why": look.why,
        "source": source.model_dump(mode="json") if source is not None else None,
    }


def look_line(view: dict[str, Any]) -> str:
    """A second look in one line, as `lint` prints it and `record` warns."""
    return (
        f"{view['mission']} {view['event'][:8]} ({view['kind']}, {view['occurred']}):"
        f" {view['why']} [{view['rule']}]"
    )
