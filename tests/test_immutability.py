"""The store never changes or deletes a stored event: corrections and retractions
only add rows. Read from the raw SQLite tables, before and after."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
import pytest
from eventsourcing.utils import get_topic

from adapters.dates import parse_edtf
from adapters.tracker import MissionTracker
from domain.errors import DomainError
from domain.events import Corrected, Retracted, Source, StatusChanged
from domain.mission import Snapshot, mission_id
from tests.conftest import Run, stored_rows

ESA = Source(publication="ESA", url="https://www.esa.int/")

#: (table, originator_id, originator_version) -> (rowid or None, topic, state)
Rows = dict[tuple[str, str, int], tuple[Any, ...]]


def raw(path: Path) -> Rows:
    """Every row of the events and snapshots tables, with the events' row ids (which
    a delete and re-insert, or a replace, would change)."""
    with closing(sqlite3.connect(path)) as db:
        events = db.execute(
            "SELECT originator_id, originator_version, rowid, topic, state"
            " FROM stored_events"
        ).fetchall()
        snapshots = db.execute(
            "SELECT originator_id, originator_version, NULL, topic, state"
            " FROM stored_snapshots"
        ).fetchall()
    rows: Rows = {}
    for table, found in (("stored_events", events), ("stored_snapshots", snapshots)):
        for originator, version, *rest in found:
            rows[(table, originator, version)] = tuple(rest)
    return rows


def added(before: Rows, after: Rows) -> Rows:
    """The rows `after` has and `before` had not, once every old row is found in
    `after` exactly as it was."""
    for key, row in before.items():
        assert after.get(key) == row, key
    return {key: row for key, row in after.items() if key not in before}


def new_events(before: Rows, after: Rows) -> list[tuple[str, int, str]]:
    """The events added: (mission's stream id, version, topic), in version order."""
    return sorted(
        (key[1], key[2], row[1])
        for key, row in added(before, after).items()
        if key[0] == "stored_events"
    )


def stream(slug: str) -> str:
    return mission_id(slug).hex


def state_of(path: Path, slug: str, version: int) -> dict[str, Any]:
    with closing(sqlite3.connect(path)) as db:
        (state,) = db.execute(
            "SELECT state FROM stored_events"
            " WHERE originator_id = ? AND originator_version = ?",
            (stream(slug), version),
        ).fetchone()
    decoded: dict[str, Any] = orjson.loads(state)
    return decoded


CORRECTED = get_topic(Corrected)
RETRACTED = get_topic(Retracted)


def test_corrections_and_retractions_only_add_rows(
    seeded: MissionTracker, store_path: Path
) -> None:
    start = raw(store_path)
    assert sum(1 for key in start if key[0] == "stored_events") == 39
    assert any(key[0] == "stored_snapshots" for key in start)
    at_risk = seeded.mission("exomars").events[5]
    assert isinstance(at_risk, StatusChanged)
    original = state_of(store_path, "exomars", 6)

    _, first = seeded.correct(
        str(at_risk.id)[:8],
        {"occurred": parse_edtf("2022-03-01").model_dump(mode="json")},
        "ESA spoke on 1 March.",
    )
    after_first = raw(store_path)
    assert new_events(start, after_first) == [(stream("exomars"), 7, CORRECTED)]

    _, second = seeded.correct(str(first.id), {"status": "suspended"})
    after_second = raw(store_path)
    assert new_events(after_first, after_second) == [(stream("exomars"), 8, CORRECTED)]

    _, retraction = seeded.retract(str(first.id), "Wrong date.", ESA)
    after_retraction = raw(store_path)
    assert new_events(after_second, after_retraction) == [
        (stream("exomars"), 9, RETRACTED)
    ]

    swap = seeded.mission("venera-d").events[-1]
    seeded.retract(str(swap.id), "Rogozin was misquoted.", ESA, mission="Venera D")
    registration = seeded.mission("iss").events[0]
    seeded.correct(
        str(registration.id), {"source": ESA.model_dump(mode="json")}, mission="iss"
    )
    end = raw(store_path)
    assert new_events(after_retraction, end) == sorted(
        [(stream("venera-d"), 6, RETRACTED), (stream("iss"), 5, CORRECTED)]
    )
    # Every row of the seeded store is there, as it was; only events were added,
    # and the snapshots the new versions called for.
    grown = added(start, end)
    assert sum(1 for key in grown if key[0] == "stored_events") == 5
    assert {key[0] for key in grown} <= {"stored_events", "stored_snapshots"}
    snapshots = {(key[1], key[2]) for key in grown if key[0] == "stored_snapshots"}
    assert snapshots == {(stream("exomars"), 9), (stream("venera-d"), 6)}
    assert all(
        row[1] == get_topic(Snapshot)
        for key, row in grown.items()
        if key[0] == "stored_snapshots"
    )
    # The fact, corrected twice and one correction retracted, is stored as first
    # recorded.
    assert state_of(store_path, "exomars", 6) == original
    assert original["occurred"]["edtf"] == "2022-02-28"
    assert original["status"] == "at_risk"
    assert (second.corrects, retraction.retracts) == (first.id, first.id)


def test_a_refused_correction_or_retraction_adds_no_row(
    seeded: MissionTracker, store_path: Path
) -> None:
    swap = seeded.mission("venera-d").events[-1]
    seeded.retract(str(swap.id), "Rogozin was misquoted.", ESA)
    before = stored_rows(store_path)
    raw_before = raw(store_path)
    registration = seeded.mission("venera-d").events[0]
    for refused in (
        lambda: seeded.correct(str(swap.id), {"summary": "x"}),
        lambda: seeded.retract(str(swap.id), "Again.", ESA),
        lambda: seeded.retract(str(registration.id), "Never.", ESA),
        lambda: seeded.correct(str(registration.id), {"name": "Venera"}),
        lambda: seeded.correct(str(registration.id), {}),
        lambda: seeded.correct(str(registration.id), {"summary": ""}),
        lambda: seeded.correct(str(registration.id), {"summary": "x"}, mission="iss"),
    ):
        with pytest.raises(DomainError):
            refused()
        assert stored_rows(store_path) == before
    assert raw(store_path) == raw_before


def test_the_cli_correct_and_retract_only_add_rows(run: Run, store_path: Path) -> None:
    assert run("seed").exit_code == 0
    start = raw(store_path)
    log = orjson.loads(run("log", "soyuz-kourou", "--json").stdout)
    suspended = log[-1]
    assert suspended["kind"] == "status-changed"
    corrected = run(
        "correct",
        suspended["id"][:6],
        "--on",
        "2022-02-27",
        "--status",
        "cancelled",
        "--reason",
        "The halt came a day later.",
    )
    assert corrected.exit_code == 0, corrected.output
    middle = raw(store_path)
    assert new_events(start, middle) == [(stream("soyuz-kourou"), 7, CORRECTED)]
    correction = orjson.loads(run("log", "soyuz-kourou", "--json").stdout)[-1]
    retracted = run(
        "retract",
        correction["id"][:8],
        "--reason",
        "It was only suspended.",
        "--source",
        "Roscosmos",
    )
    assert retracted.exit_code == 0, retracted.output
    end = raw(store_path)
    assert new_events(middle, end) == [(stream("soyuz-kourou"), 8, RETRACTED)]
    # Old rows unchanged: in particular the status change, as first stored.
    key = ("stored_events", stream("soyuz-kourou"), 6)
    assert end[key] == start[key]
    state = orjson.loads(end[key][2])
    assert (state["occurred"]["edtf"], state["status"]) == ("2022-02-26", "suspended")
    assert UUID(state["id"]) == UUID(suspended["id"])
