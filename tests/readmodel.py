"""Checks that the read model answers as a replay of the events does."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from adapters import views
from adapters.errors import UnknownMission
from adapters.readmodel import TABLES
from adapters.tracker import MissionTracker
from domain.mission import Mission

#: Each table's rows in an order that does not depend on how they were written.
ORDER = {
    "timeline_missions": "number",
    "timeline_facts": "mission, latest, earliest, root, known_from",
    "timeline_amendments": "id",
    "timeline_sources": "id",
    "timeline_states": "mission, latest, earliest, root",
}


def read_model_agrees(
    tracker: MissionTracker, mission: Mission, on: date, known_at: datetime | None
) -> None:
    """The read model's status view equals the one folded from a replay of the
    mission's events (or both say the mission was not tracked yet)."""
    replayed = views.status_view(mission, on, known_at)
    if known_at is not None and known_at < mission.events[0].timestamp:
        with pytest.raises(UnknownMission, match="not tracked yet"):
            tracker.status(mission.slug, on, known_at)
        return
    assert tracker.status(mission.slug, on, known_at) == replayed, (on, known_at)


def read_model_rows(tracker: MissionTracker) -> dict[str, list[Any]]:
    """Every row of the read model's tables."""
    with tracker.reader.view.transaction(commit=False) as tx:
        return {
            table: [
                tuple(row)
                for row in tx.all(f"SELECT * FROM {{{table}}} ORDER BY {ORDER[table]}")
            ]
            for table in TABLES
        }


def rebuilt_read_model_is_the_same(tracker: MissionTracker) -> None:
    """Rebuilding the read model from the events gives the rows kept as they came."""
    tracker.catch_up()
    kept = read_model_rows(tracker)
    assert kept["timeline_states"], "the read model is empty"
    tracker.rebuild()
    assert read_model_rows(tracker) == kept
