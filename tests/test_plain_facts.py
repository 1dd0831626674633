"""A plain fact (a status, a launch target, a milestone, a note) is recorded from
the mission's head: its latest stored event's version and digest, without
reading its history. It is the same event, chained the same way, as one decided
on the whole mission; a fact whose rules look back still reads the mission."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.dates import parse_edtf
from adapters.eventstore import commands
from adapters.eventstore.tracker import MissionTracker
from adapters.evidence.verify import verify
from domain.events import Source
from domain.identity import mission_id
from domain.mission import Mission, Report
from tests.stores import execute

SOURCE = Source(publication="SpaceNews")
PLAIN = [
    ("status-changed", {"status": "delayed", "by_party": "esa"}),
    ("launch-target-changed", {"target": "2028", "vehicle": "Ariane 6"}),
    ("milestone", {"milestone": "launch", "detail": "From Kourou."}),
    ("noted", {}),
]


def report(edtf: str = "2022-03-17") -> Report:
    return Report(occurred=parse_edtf(edtf), source=SOURCE, summary="Said so.")


@pytest.mark.parametrize(("kind", "options"), PLAIN, ids=[k for k, _ in PLAIN])
def test_a_plain_fact_is_the_event_the_whole_mission_would_give(
    seeded: MissionTracker, kind: str, options: dict[str, Any]
) -> None:
    """The head gives the fact the mission would: the same fields, version and
    chain (the ids and times of recording are new each time)."""
    mission = seeded.mission("exomars")
    registry = seeded.partner_registry
    whole = commands.record(mission, kind, report(), options, registry)
    head = commands.record(seeded.head("exomars"), kind, report(), options, registry)
    assert commands.plain(kind, report())
    assert type(head) is type(whole)
    differ = {"id", "timestamp", "digest"}
    assert head.model_dump(exclude=differ) == whole.model_dump(exclude=differ)
    assert head.previous == mission.last_digest != ""


def test_a_plain_fact_is_recorded_without_reading_the_history(
    seeded: MissionTracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recording a status reads no mission; a partner joining still does (its
    rules look back), and both are chained as `verify` checks."""
    loaded: list[Any] = []
    load = seeded.load

    def counting(origin: Any, version: int | None = None) -> Mission | None:
        loaded.append(origin)
        return load(origin, version)

    monkeypatch.setattr(seeded, "load", counting)
    options = {"status": "delayed"}
    fact = seeded.record("exomars", "status-changed", report(), options)
    assert loaded == []
    joined = {"partner": "nasa", "role": "partner"}
    seeded.record("exomars", "partner-joined", report(), joined)
    assert loaded == [mission_id("exomars")]
    monkeypatch.undo()
    assert seeded.mission("exomars").events[-2] == fact
    assert verify(seeded)["problems"] == []


def test_a_plain_fact_after_an_event_that_cannot_be_read_is_chained_to_it(
    store: str, tracker: MissionTracker
) -> None:
    """The head's digest is the latest stored event's, read or not: the next
    fact is chained to it, as the whole mission would chain it."""
    seeded = tracker
    seeded.register("exomars", "ExoMars", [], report("2016"))
    last = seeded.record("exomars", "noted", report(), {}).originator_version
    origin = mission_id("exomars")
    where = "WHERE originator_id = ? AND originator_version = ?"
    ((state,),) = execute(
        store, f"SELECT state FROM {{events}} {where}", (origin, last)
    )
    spoilt = bytes(state).replace(b'"timestamp":"', b'"timestamp":"x', 1)
    execute(store, f"UPDATE {{events}} SET state = ? {where}", (spoilt, origin, last))
    mission = seeded.mission("exomars")
    assert [s.originator_version for s in mission.skipped] == [last]
    head = seeded.head("exomars")
    assert (head.version, head.last_digest) == (last, mission.last_digest)
    fact = seeded.record("exomars", "noted", report(), {})
    assert fact.previous == mission.last_digest != ""


def test_a_fact_given_its_own_id_is_decided_on_the_whole_mission() -> None:
    """An id given must be new: only the mission's history can say so."""
    given = report().model_copy(update={"id": mission_id("x")})
    assert not commands.plain("status-changed", given)
    assert not commands.plain("partner-joined", report())
    assert not commands.plain("programme-joined", report())
