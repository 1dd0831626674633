"""`missions lint`: the facts of every mission that deserve a second look
(`domain.lint`), as views that a script reads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domain.lint import look_view, second_looks

if TYPE_CHECKING:
    from adapters.eventstore.tracker import MissionTracker


def lint(tracker: MissionTracker) -> list[dict[str, Any]]:
    """Every second look, mission by mission in the order they were tracked."""
    return [
        look_view(mission.slug, look)
        for mission in tracker.missions()
        for look in second_looks(mission.events)
    ]
