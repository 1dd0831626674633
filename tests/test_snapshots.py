"""Snapshots are written, and a mission loaded from one is the mission replayed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from adapters.packs.seed import seed_lines
from domain.events import MissionEvent, Source, StatusChanged
from domain.identity import mission_id
from domain.mission import Mission, Report
from domain.projection import Snapshot, project_mission
from domain.timeline import MissionState, state_on
from domain.vocabulary import Standing, Status
from tests.conftest import NewStore
from tests.stores import copy_store, execute

INTERVAL = 2
SOURCE = Source(publication="SpaceNews")
DAYS = [
    date(2015, 12, 31),
    date(2019, 6, 1),
    date(2020, 12, 31),
    date(2021, 12, 31),
    date(2022, 2, 27),
    date(2022, 2, 28),
    date(2022, 3, 1),
    date(2022, 12, 31),
    date(2030, 1, 1),
]


@pytest.fixture
def app(store: str) -> Iterator[MissionTracker]:
    """A tracker on a fresh store that takes no snapshot of its own: `record`
    snapshots every second version, so that these tests know where each is."""
    tracker = MissionTracker(store, snapshot_interval=1000)
    yield tracker
    tracker.close()


def report(edtf: str, summary: str | None = None) -> Report:
    return Report(occurred=parse_edtf(edtf), source=SOURCE, summary=summary)


def record(
    tracker: MissionTracker, kind: str, edtf: str, slug: str = "exomars", **options: str
) -> MissionEvent:
    """Record a fact, and snapshot the mission if its version is a multiple of
    INTERVAL."""
    summary = "Something was said." if kind == "noted" else None
    event = tracker.record(slug, kind, report(edtf, summary), options)
    if event.originator_version % INTERVAL == 0:
        tracker.take_snapshot(event.originator_id)
    return event


def register(tracker: MissionTracker) -> None:
    tracker.register("exomars", "ExoMars", ["Rosalind Franklin"], report("2016"))


def snapshot_versions(store: str) -> list[int]:
    """The versions of the snapshots in the store's table, as stored."""
    found = execute(
        store, "SELECT originator_version FROM {snapshots} ORDER BY originator_version"
    )
    return [version for (version,) in found]


def replayed(tracker: MissionTracker, slug: str) -> Mission:
    """The mission folded from every stored event, without any snapshot."""
    stored = list(tracker.events.get(mission_id(slug)))
    events = [e for e in stored if isinstance(e, MissionEvent)]
    assert len(events) == len(stored)
    mission = project_mission(None, events)
    assert mission is not None
    return mission


def without_snapshots(store: str, copy: str) -> MissionTracker:
    """A tracker on a copy of the store from which every snapshot was deleted."""
    copy_store(store, copy)
    execute(copy, "DELETE FROM {snapshots}")
    return MissionTracker(copy, snapshot_interval=1000)


def summary(state: MissionState) -> tuple[object, ...]:
    return (
        state.status,
        state.partners,
        state.target_launch,
        state.since,
        [e.id for e in state.applied],
    )


def test_a_write_that_reads_the_mission_snapshots_it_once_its_snapshot_is_behind(
    store: str,
) -> None:
    """A write that reads the whole mission snapshots it once its latest snapshot
    is `snapshot_interval` or more events behind; a plain fact, written from the
    mission's head, takes none. Each snapshot holds the mission's whole history:
    only the latest is kept (adapters.eventstore.snapshots)."""
    tracker = MissionTracker(store, snapshot_interval=INTERVAL)
    try:

        def told(kind: str, **options: str) -> None:
            summary = "Something was said." if kind == "noted" else None
            tracker.record("exomars", kind, report("2020", summary), options)

        register(tracker)
        told("status-changed", status="planned")  # v2: plain
        assert snapshot_versions(store) == []
        told("partner-joined", partner="esa", role="lead")  # v3: 3 behind
        assert snapshot_versions(store) == [3]
        told("partner-joined", partner="roscosmos", role="lead")  # v4: 1 behind
        told("noted")  # v5: plain
        assert snapshot_versions(store) == [3]
        told("partner-standing-changed", partner="roscosmos", standing="suspended")
        assert snapshot_versions(store) == [6]
        snapshots = list(tracker.snapshots.get(mission_id("exomars")))  # type: ignore[union-attr]
        assert [s.originator_version for s in snapshots] == [6]
        assert all(isinstance(s, Snapshot) for s in snapshots)
        assert tracker.mission("exomars") == replayed(tracker, "exomars")
    finally:
        tracker.close()


def test_forgetting_a_missions_older_snapshots_leaves_the_others_alone(
    app: MissionTracker, store: str
) -> None:
    register(app)
    app.register("luna-27", "Luna 27", [], report("2019"))
    for status in ("planned", "delayed", "at_risk", "suspended"):
        record(app, "status-changed", "2021", status=status)
        record(app, "status-changed", "2021", "luna-27", status=status)
    found = execute(store, "SELECT originator_id, originator_version FROM {snapshots}")
    assert sorted(version for _, version in found) == [4, 4]
    assert len({origin for origin, _ in found}) == 2


def test_an_earlier_version_without_its_snapshot_is_replayed_as_it_was(
    app: MissionTracker, store: str
) -> None:
    register(app)
    recorded = [
        record(app, "status-changed", str(2015 + n), status="planned") for n in range(5)
    ]
    assert snapshot_versions(store) == [6]
    earlier = app.repository.get(
        mission_id("exomars"), version=3, projector_func=project_mission
    )
    assert isinstance(earlier, Mission)
    assert earlier.version == 3
    assert list(earlier.events[1:]) == recorded[:2]


def test_a_snapshot_keeps_every_fact_up_to_its_version(app: MissionTracker) -> None:
    register(app)
    recorded = [
        record(app, "status-changed", "2022", status="delayed"),
        record(app, "status-changed", "2019", status="planned"),
        record(app, "launch-target-changed", "2020", target="2022-09"),
    ]
    snapshots = list(app.snapshots.get(mission_id("exomars")))  # type: ignore[union-attr]
    assert [s.originator_version for s in snapshots] == [4]
    snapshot = snapshots[-1]
    assert isinstance(snapshot, Snapshot)
    mission = project_mission(None, [snapshot])
    assert mission is not None
    assert mission.version == 4
    assert list(mission.events[1:]) == recorded


def exomars_history(tracker: MissionTracker) -> None:
    """ExoMars' partnerships, recorded out of the order of the world."""
    register(tracker)
    record(tracker, "status-changed", "2022-02-28", status="at_risk")
    record(tracker, "partner-joined", "2016", partner="esa", role="lead")
    record(tracker, "partner-joined", "2016", partner="roscosmos", role="lead")
    record(tracker, "status-changed", "2020-03-12", status="delayed")
    record(
        tracker,
        "partner-standing-changed",
        "2022-02-28",
        partner="roscosmos",
        standing="suspended",
    )
    record(tracker, "launch-target-changed", "2020-03-12", target="2022-09")
    record(tracker, "noted", "../2022-02-24")
    record(tracker, "status-changed", "2016", status="planned")
    record(tracker, "partner-replaced", "2022-11", partner="roscosmos", by="nasa")
    record(tracker, "launch-target-changed", "2022-11", target="2028")
    record(tracker, "status-changed", "2022-03-17", status="suspended")


def test_a_mission_from_a_snapshot_and_its_tail_equals_the_replayed_one(
    app: MissionTracker, store: str, other_store: NewStore
) -> None:
    exomars_history(app)
    assert snapshot_versions(store) == [12]
    record(app, "status-changed", "2023", status="delayed")  # a tail after v12
    loaded = app.mission("exomars")
    assert loaded.version == 13
    assert loaded == replayed(app, "exomars")
    copy = other_store()
    plain = without_snapshots(store, copy)
    try:
        assert snapshot_versions(copy) == []
        assert plain.mission("exomars") == loaded
        for day in DAYS:
            assert summary(plain.state("exomars", day)[1]) == summary(
                app.state("exomars", day)[1]
            )
    finally:
        plain.close()


def test_status_from_a_snapshot_is_the_status_of_the_world(app: MissionTracker) -> None:
    exomars_history(app)
    statuses = {day: app.state("exomars", day)[1].status for day in DAYS}
    assert statuses == {
        date(2015, 12, 31): None,
        date(2019, 6, 1): Status.PLANNED,
        date(2020, 12, 31): Status.DELAYED,
        date(2021, 12, 31): Status.DELAYED,
        date(2022, 2, 27): Status.DELAYED,
        date(2022, 2, 28): Status.AT_RISK,
        date(2022, 3, 1): Status.AT_RISK,
        date(2022, 12, 31): Status.SUSPENDED,
        date(2030, 1, 1): Status.SUSPENDED,
    }
    state = app.state("exomars", date(2022, 12, 31))[1]
    assert {m.partner: m.standing for m in state.partners} == {
        "esa": Standing.ACTIVE,
        "roscosmos": Standing.WITHDRAWN,
        "nasa": Standing.ACTIVE,
    }
    assert state.target_launch == parse_edtf("2028")


def test_a_fact_recorded_after_a_snapshot_but_dated_before_it_takes_its_place(
    app: MissionTracker, store: str
) -> None:
    register(app)
    record(app, "status-changed", "2021", status="planned")  # v2: snapshot
    record(app, "status-changed", "2022-02-28", status="at_risk")
    record(app, "status-changed", "2022-03-17", status="suspended")  # v4: snapshot
    assert snapshot_versions(store) == [4]
    record(app, "status-changed", "2019", status="proposed")  # v5: in the tail
    state = app.state("exomars", date(2022, 12, 31))[1]
    assert state.status is Status.SUSPENDED
    assert [e.originator_version for e in state.applied] == [1, 5, 2, 3, 4]
    assert app.state("exomars", date(2020, 1, 1))[1].status is Status.PROPOSED
    assert app.state("exomars", date(2021, 12, 31))[1].status is Status.PLANNED
    assert app.state("exomars", date(2018, 12, 31))[1].status is None


def test_a_backdated_fact_inside_a_snapshot_keeps_its_place_after_loading(
    app: MissionTracker, store: str
) -> None:
    register(app)
    record(app, "status-changed", "2022-03-17", status="suspended")  # v2: snapshot
    record(app, "status-changed", "2019", status="planned")
    record(app, "status-changed", "2020", status="delayed")  # v4: snapshot
    record(app, "status-changed", "2018", status="proposed")  # v5: in the tail
    assert snapshot_versions(store) == [4]
    expected = [
        (date(2017, 12, 31), None),
        (date(2018, 12, 31), Status.PROPOSED),
        (date(2019, 12, 31), Status.PLANNED),
        (date(2020, 12, 31), Status.DELAYED),
        (date(2022, 3, 17), Status.SUSPENDED),
    ]
    for day, status in expected:
        assert app.state("exomars", day)[1].status is status
        assert state_on(replayed(app, "exomars").events, day).status is status


def test_a_member_check_after_a_snapshot_sees_the_facts_inside_it(
    app: MissionTracker,
) -> None:
    register(app)
    record(app, "partner-joined", "2016", partner="roscosmos", role="lead")  # v2
    record(app, "noted", "2021")
    record(app, "noted", "2022")  # v4: snapshot
    record(app, "partner-withdrawn", "2022-07", partner="roscosmos")
    state = app.state("exomars", date(2022, 8, 1))[1]
    assert [(m.partner, m.standing) for m in state.partners] == [
        ("roscosmos", Standing.WITHDRAWN)
    ]


def test_the_seeded_missions_load_from_snapshots_as_replayed(
    seeded: MissionTracker, store: str, other_store: NewStore
) -> None:
    slugs = sorted({line["mission"] for line in seed_lines()})
    assert snapshot_versions(store)
    plain = without_snapshots(store, other_store())
    try:
        for slug in slugs:
            loaded = seeded.mission(slug)
            assert loaded == replayed(seeded, slug)
            assert loaded == plain.mission(slug)
            for day in DAYS:
                assert summary(state_on(loaded.events, day)) == summary(
                    plain.state(slug, day)[1]
                )
    finally:
        plain.close()


def test_a_snapshot_taken_before_an_event_schema_changed_is_brought_up_to_date(
    app: MissionTracker, store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(app)
    record(app, "status-changed", "2022-02-28", status="at_risk")  # v2: snapshot
    record(app, "noted", "2022-03-01")
    assert snapshot_versions(store) == [2]

    # A later version of the code folds `at_risk` into `delayed`, and raises the
    # class version of StatusChanged with an upcaster, as events.py says to.
    def upcast_v1_v2(state: dict[str, object]) -> None:
        if state["status"] == "at_risk":
            state["status"] = "delayed"

    monkeypatch.setattr(StatusChanged, "class_version", 2)
    monkeypatch.setattr(
        StatusChanged, "upcast_v1_v2", staticmethod(upcast_v1_v2), raising=False
    )
    later = MissionTracker(store, snapshot_interval=1000)
    try:
        replay = replayed(later, "exomars")
        changed = replay.events[1]
        assert isinstance(changed, StatusChanged)
        assert changed.status is Status.DELAYED  # stored events are upcast...
        assert later.mission("exomars") == replay  # ...and so must a snapshot be
        assert later.state("exomars", date(2022, 3, 1))[1].status is Status.DELAYED
    finally:
        later.close()
