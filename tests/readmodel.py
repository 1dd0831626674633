"""Checks that the read model answers as a replay of the events does."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from adapters.errors import UnknownMission
from adapters.eventstore import views
from adapters.eventstore.tracker import MissionTracker
from adapters.readmodel.tables import TABLES
from domain.mission import Mission
from domain.timeline import state_on

#: Each table's rows in an order that does not depend on how they were written.
ORDER = {
    "timeline_missions": "number",
    "timeline_facts": "mission, latest, earliest, root, known_from",
    "timeline_amendments": "id",
    "timeline_citations": "id",
    "timeline_partners": "slug",
    "timeline_sources": "id",
    "timeline_states": "mission, latest, earliest, root",
    "timeline_skipped": "position",
    "timeline_heads": "origin",
    "timeline_irregular": "origin, version",
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


#: The windows of days a history is asked for (None: no bound), among the days
#: of the laws' histories (`tests.law_histories`: 1 to 8 March 2022).
WINDOWS: list[tuple[date | None, date | None]] = [
    (None, None),
    (date(2022, 3, 2), date(2022, 3, 5)),
    (date(2022, 3, 4), None),
    (None, date(2022, 3, 3)),
    (date(2022, 3, 6), date(2022, 3, 6)),
    (date(2022, 3, 1), date(2022, 3, 8)),
]


def questions_agree(
    tracker: MissionTracker, mission: Mission, known_at: datetime | None
) -> None:
    """The streamed log, and the read model's history and changes over each
    window, equal those told from a replay of the mission's events."""
    if known_at is not None and known_at < mission.events[0].timestamp:
        with pytest.raises(UnknownMission, match="not tracked yet"):
            tracker.history(mission.slug, known_at=known_at)
        return
    logged = list(tracker.event_log(mission.slug, known_at))
    assert logged == views.log_view(mission, known_at), known_at
    for start, end in WINDOWS:
        replayed = views.history_view(mission, start, end, known_at)
        told = list(tracker.history(mission.slug, start, end, known_at))
        assert told == replayed, (start, end, known_at)
        grouped = tracker.changes(start, end, known_at)
        assert grouped == (
            [{"mission": mission.slug, "name": mission.name, "changes": replayed}]
            if replayed
            else []
        ), (start, end, known_at)
        if start is not None and end is not None:
            explained(mission, start, end, known_at, told)


def explained(
    mission: Mission,
    start: date,
    end: date,
    known_at: datetime | None,
    told: list[dict[str, Any]],
) -> None:
    """Every status or partner's part that differs between the day before
    `start` and `end` is explained by a change `told` for that window."""
    before = state_on(mission.events, start - timedelta(days=1), known_at)
    after = state_on(mission.events, end, known_at)
    said = {(c["subject"], c["partner"]) for c in told}
    if before.status != after.status:
        assert ("status", None) in said, (start, end, known_at)
    parts = [
        {m.partner: (m.role, m.standing) for m in state.partners}
        for state in (before, after)
    ]
    for partner in set(parts[0]) | set(parts[1]):
        if parts[0].get(partner) != parts[1].get(partner):
            moved = {("partner", partner), ("role", partner)}
            assert moved & said, (partner, start, end, known_at)


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


#: Modules a question must not need: the event classes and what builds them.
HEAVY = ("pydantic", "edtf", "domain")
#: The domain modules the read path does use: plain values, no pydantic.
LIGHT_DOMAIN = (
    "domain",
    "domain.errors",
    "domain.fold",
    "domain.identity",
    "domain.membership",
    "domain.vocabulary",
)


def heavy_modules_of(
    store: str, commands: list[list[str]], heavy: tuple[str, ...] = HEAVY
) -> tuple[list[str], str]:
    """Run `missions --store STORE ...` for each command, in one fresh Python
    process on a seeded store; the modules of `heavy` it imported (less the
    domain's light ones), and what the commands printed."""
    seed = [sys.executable, "-m", "cli", "--store", store, "seed", "--only", "article"]
    subprocess.run(seed, check=True, capture_output=True)
    probe = (
        "import json, sys\n"
        "from cli.main import cli\n"
        f"for args in {commands!r}:\n"
        "    try:\n"
        f"        cli.main(['--store', {store!r}, *args])\n"
        "    except SystemExit as done:\n"
        "        assert done.code == 0, args\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}"
        f" and m not in {LIGHT_DOMAIN!r})\n"
        "print(json.dumps(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    )
    *printed, last = done.stdout.splitlines()
    return json.loads(last), "\n".join(printed)
