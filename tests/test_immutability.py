"""The store never changes or deletes a stored event: corrections and retractions
only add rows. Read from the raw tables, before and after, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson
import pytest
from eventsourcing.utils import get_topic

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from domain.errors import DomainError
from domain.events import Corrected, Retracted, Source, StatusChanged
from domain.identity import mission_id
from domain.projection import Snapshot
from tests.conftest import Run
from tests.stores import stored_rows, tables

ESA = Source(publication="ESA", url="https://www.esa.int/")

#: ("events" or "snapshots", stream id, version) -> (notification id, topic, state);
#: snapshots have no notification id.
Rows = dict[tuple[str, UUID, int], tuple[Any, ...]]


def raw(store: str) -> Rows:
    """Every row of the events and snapshots tables, with the events' notification
    ids (SQLite's rowid), which a delete and re-insert, or a replace, would change."""
    events, _ = tables(store)
    rows: Rows = {}
    for table, originator, version, topic, state, *rest in stored_rows(store):
        role = "events" if table == events else "snapshots"
        identity = originator if isinstance(originator, UUID) else UUID(originator)
        rows[(role, identity, version)] = (*(rest or [None]), topic, state)
    return rows


def added(before: Rows, after: Rows) -> Rows:
    """The rows `after` has and `before` had not, once every old row is found in
    `after` exactly as it was: every event, and every snapshot but those that a
    later snapshot of the same mission replaced (adapters.eventstore.snapshots)."""
    for key, row in before.items():
        if key[0] == "snapshots" and key not in after:
            later = [k for k in after if k[:2] == key[:2] and k[2] > key[2]]
            assert later, key
            continue
        assert after.get(key) == row, key
    return {key: row for key, row in after.items() if key not in before}


def new_events(before: Rows, after: Rows) -> list[tuple[UUID, int, str]]:
    """The events added: (mission's stream id, version, topic), in version order."""
    return sorted(
        (key[1], key[2], row[1])
        for key, row in added(before, after).items()
        if key[0] == "events"
    )


def stream(slug: str) -> UUID:
    return mission_id(slug)


def state_of(store: str, slug: str, version: int) -> dict[str, Any]:
    decoded: dict[str, Any] = orjson.loads(
        raw(store)[("events", stream(slug), version)][2]
    )
    return decoded


CORRECTED = get_topic(Corrected)
RETRACTED = get_topic(Retracted)


def test_corrections_and_retractions_only_add_rows(
    seeded: MissionTracker, store: str
) -> None:
    start = raw(store)
    assert sum(1 for key in start if key[0] == "events") == 39
    assert any(key[0] == "snapshots" for key in start)
    at_risk = seeded.mission("exomars").events[5]
    assert isinstance(at_risk, StatusChanged)
    original = state_of(store, "exomars", 6)

    _, first = seeded.correct(
        str(at_risk.id)[:8],
        {"occurred": parse_edtf("2022-03-01").model_dump(mode="json")},
        "ESA spoke on 1 March.",
    )
    after_first = raw(store)
    assert new_events(start, after_first) == [(stream("exomars"), 7, CORRECTED)]

    _, second = seeded.correct(str(first.id), {"status": "suspended"})
    after_second = raw(store)
    assert new_events(after_first, after_second) == [(stream("exomars"), 8, CORRECTED)]

    _, retraction = seeded.retract(str(first.id), "Wrong date.", ESA)
    after_retraction = raw(store)
    assert new_events(after_second, after_retraction) == [
        (stream("exomars"), 9, RETRACTED)
    ]

    withdrawal = seeded.mission("venera-d").events[4]
    assert withdrawal.kind == "partner-withdrawn"
    seeded.retract(
        str(withdrawal.id), "Rogozin was misquoted.", ESA, mission="Venera D"
    )
    registration = seeded.mission("iss").events[0]
    seeded.correct(
        str(registration.id), {"source": ESA.model_dump(mode="json")}, mission="iss"
    )
    end = raw(store)
    assert new_events(after_retraction, end) == sorted(
        [(stream("venera-d"), 7, RETRACTED), (stream("iss"), 5, CORRECTED)]
    )
    # Every row of the seeded store is there, as it was; only events were added,
    # and the snapshots the new versions called for.
    grown = added(start, end)
    assert sum(1 for key in grown if key[0] == "events") == 5
    assert {key[0] for key in grown} <= {"events", "snapshots"}
    snapshots = {(key[1], key[2]) for key in grown if key[0] == "snapshots"}
    assert snapshots == {(stream("exomars"), 9)}
    assert all(
        row[1] == get_topic(Snapshot)
        for key, row in grown.items()
        if key[0] == "snapshots"
    )
    # The fact, corrected twice and one correction retracted, is stored as first
    # recorded.
    assert state_of(store, "exomars", 6) == original
    assert original["occurred"]["edtf"] == "2022-02-28"
    assert original["status"] == "at_risk"
    assert (second.corrects, retraction.retracts) == (first.id, first.id)


def test_a_refused_correction_or_retraction_adds_no_row(
    seeded: MissionTracker, store: str
) -> None:
    swap = seeded.mission("venera-d").events[4]
    seeded.retract(str(swap.id), "Rogozin was misquoted.", ESA)
    before = stored_rows(store)
    raw_before = raw(store)
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
        assert stored_rows(store) == before
    assert raw(store) == raw_before


def test_the_cli_correct_and_retract_only_add_rows(run: Run, store: str) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    start = raw(store)
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
    middle = raw(store)
    assert new_events(start, middle) == [(stream("soyuz-kourou"), 6, CORRECTED)]
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
    end = raw(store)
    assert new_events(middle, end) == [(stream("soyuz-kourou"), 7, RETRACTED)]
    # Old rows unchanged: in particular the status change, as first stored.
    key = ("events", stream("soyuz-kourou"), 5)
    assert end[key] == start[key]
    state = orjson.loads(end[key][2])
    assert (state["occurred"]["edtf"], state["status"]) == ("2022-02-26", "suspended")
    assert UUID(state["id"]) == UUID(suspended["id"])
