"""Events are stored as orjson JSON in a real store (a SQLite file, a PostgreSQL schema)
and read back as recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Literal
from uuid import UUID, uuid4

import orjson
import pytest
from eventsourcing.persistence import ProgrammingError, UUIDAsHex
from eventsourcing.utils import get_topic

from adapters.dates import parse_edtf
from adapters.eventstore.persistence import TOPICS, OrjsonTranscoder
from adapters.eventstore.tracker import MissionTracker
from domain.events import (
    EVENT_TYPES,
    Cited,
    ContributionAdded,
    ContributionRemoved,
    Corrected,
    Event,
    LaunchTargetChanged,
    MilestoneReached,
    MissionEvent,
    Noted,
    PackAdded,
    PartnerAdded,
    PartnerJoined,
    PartnerReplaced,
    PartnerRoleChanged,
    PartnerStandingChanged,
    PartnerWithdrawn,
    ProgrammeJoined,
    ProgrammeLeft,
    Registered,
    Retracted,
    Source,
    StatusChanged,
)
from domain.identity import mission_id
from domain.mission import Report
from domain.packs import pack_added, pack_id
from domain.projection import Snapshot
from domain.registry import add_partner, partner_id
from domain.vocabulary import PartnerKind
from tests.conftest import SNAPSHOT_INTERVAL
from tests.stores import execute

SOURCE = Source(
    publication="SpaceNews",
    title="ExoMars in limbo",
    author="Jeff Foust",
    published=datetime(2022, 3, 1).date(),
    url="https://spacenews.com/exomars/",
)

#: A second source, which cites a fact.
OTHER = Source(publication="ESA", title="ExoMars update")

#: One fact of every kind a person can record, in an order that can be recorded.
FACTS: list[tuple[str, str, dict[str, str | None]]] = [
    ("status-changed", "2020-03-12", {"status": "planned"}),
    ("partner-joined", "2016", {"partner": "esa", "role": "lead"}),
    (
        "partner-joined",
        "2016",
        {"partner": "roscosmos", "role": "lead", "standing": "active"},
    ),
    (
        "partner-standing-changed",
        "2022-02-28",
        {"partner": "roscosmos", "standing": "suspended"},
    ),
    ("partner-replaced", "2022-11", {"partner": "roscosmos", "by": "nasa"}),
    ("partner-withdrawn", "2023", {"partner": "nasa", "by_party": "esa"}),
    ("launch-target-changed", "2022-11", {"target": "2028"}),
    ("noted", "../2022-02-24", {}),
    ("partner-role-changed", "2022-12", {"partner": "esa", "role": "partner"}),
    ("contribution-added", "2017", {"partner": "esa", "contribution": "the rover"}),
    ("contribution-removed", "2024", {"partner": "esa", "contribution": "the rover"}),
    ("milestone", "2028-10", {"milestone": "launch", "detail": "on a Falcon Heavy"}),
    ("programme-joined", "2016", {"programme": "ilrs"}),
    ("programme-left", "2020", {"programme": "ilrs"}),
]


def report(edtf: str, **fields: Any) -> Report:
    return Report(occurred=parse_edtf(edtf), source=SOURCE, **fields)


def record_every_kind(tracker: MissionTracker) -> list[Event]:
    """Register ExoMars (and the ILRS, as its programme), record one fact of every
    kind, cite the status change, correct it and retract the note; return what
    was recorded of ExoMars."""
    tracker.register("ilrs", "ILRS", [], report("2021"))
    recorded: list[Event] = [
        tracker.register(
            "exomars",
            "ExoMars",
            ["Rosalind Franklin", "ExoMars 2022"],
            report("2016", quote="a short quote"),
        )
    ]
    for kind, edtf, options in FACTS:
        summary = "Russia invaded Ukraine." if kind == "noted" else None
        recorded.append(
            tracker.record("exomars", kind, report(edtf, summary=summary), options)
        )
    status_changed = next(e for e in recorded if isinstance(e, StatusChanged))
    noted = next(e for e in recorded if isinstance(e, Noted))
    _, citation = tracker.cite(str(status_changed.id), OTHER, "a few words")
    _, correction = tracker.correct(
        str(status_changed.id),
        {"occurred": parse_edtf("2020-03-13").model_dump(mode="json")},
        "The status changed a day later.",
    )
    _, retraction = tracker.retract(
        str(noted.id)[:8], "The report was withdrawn.", SOURCE
    )
    return [*recorded, citation, correction, retraction]


def raw_rows(store: str, table: str = "events") -> list[tuple[Any, ...]]:
    """The rows of the store's events (or snapshots) table, by stream and version."""
    return execute(
        store,
        "SELECT originator_id, originator_version, topic, state"
        f" FROM {{{table}}} ORDER BY originator_id, originator_version",
    )


@pytest.fixture
def fresh(store: str) -> Iterator[MissionTracker]:
    """A second tracker, opened on the same store as `tracker`."""
    app = MissionTracker(store, snapshot_interval=1000)
    yield app
    app.close()


def test_every_kind_of_event_is_recorded(tracker: MissionTracker) -> None:
    recorded = record_every_kind(tracker)
    # A partner, and a pack's name, are streams of their own: see the tests
    # test_a_partner_added_round_trips and test_a_pack_s_name_round_trips.
    assert {type(e) for e in recorded} == set(EVENT_TYPES) - {PartnerAdded, PackAdded}
    assert [e.originator_version for e in recorded] == list(range(1, len(FACTS) + 5))
    *_, citation, correction, retraction = recorded
    assert isinstance(citation, Cited)
    assert citation.cites == next(
        e.id for e in recorded if isinstance(e, StatusChanged)
    )
    assert (citation.source, citation.quote) == (OTHER, "a few words")
    assert isinstance(correction, Corrected)
    assert correction.corrects == next(
        e.id for e in recorded if isinstance(e, StatusChanged)
    )
    assert correction.changes == {
        "occurred": {
            "edtf": "2020-03-13",
            "earliest": "2020-03-13",
            "latest": "2020-03-13",
        }
    }
    assert correction.summary == "The status changed a day later."
    assert isinstance(retraction, Retracted)
    assert retraction.retracts == next(e.id for e in recorded if isinstance(e, Noted))
    assert retraction.reason == "The report was withdrawn."
    assert retraction.source == SOURCE


def test_a_partner_added_round_trips(
    tracker: MissionTracker, fresh: MissionTracker
) -> None:
    added = add_partner(
        "suparco",
        "SUPARCO",
        PartnerKind.AGENCY,
        SOURCE,
        country="PK",
        aliases=["Pakistan's space agency"],
    )
    tracker.add_partner(added)
    assert list(fresh.events.get(partner_id("suparco"))) == [added]
    assert fresh.partner_registry().resolve("Pakistan's Space Agency") == "suparco"


def test_a_pack_s_name_round_trips(
    tracker: MissionTracker, fresh: MissionTracker
) -> None:
    first = pack_added("esa-2022", SOURCE, None)
    again = pack_added("esa-2022", OTHER, first)
    tracker.save(first)
    tracker.save(again)
    assert (again.originator_version, again.previous) == (2, first.digest)
    assert list(fresh.events.get(pack_id("esa-2022"))) == [first, again]
    assert fresh.pack("esa-2022") == again
    assert fresh.pack("esa-2023") is None


def test_every_event_reads_back_from_a_fresh_tracker_as_it_was_recorded(
    tracker: MissionTracker, fresh: MissionTracker
) -> None:
    recorded = record_every_kind(tracker)
    assert list(fresh.events.get(mission_id("exomars"))) == recorded
    assert list(fresh.mission("exomars").events) == recorded


@pytest.mark.parametrize(
    "cls",
    [
        Registered,
        StatusChanged,
        PartnerJoined,
        PartnerWithdrawn,
        PartnerReplaced,
        PartnerStandingChanged,
        LaunchTargetChanged,
        PartnerRoleChanged,
        MilestoneReached,
        ContributionAdded,
        ContributionRemoved,
        ProgrammeJoined,
        ProgrammeLeft,
        Noted,
        Cited,
        Corrected,
        Retracted,
    ],
)
def test_an_event_of_each_kind_round_trips_through_the_store(
    tracker: MissionTracker, fresh: MissionTracker, cls: type[Event]
) -> None:
    recorded = next(e for e in record_every_kind(tracker) if type(e) is cls)
    stored = fresh.events.get(
        recorded.originator_id, gt=recorded.originator_version - 1
    )
    read = next(iter(stored))
    assert type(read) is cls
    assert read == recorded
    assert read.model_dump() == recorded.model_dump()


def test_the_stored_state_is_orjson_json_under_the_event_class_topic(
    tracker: MissionTracker, store: str
) -> None:
    recorded = record_every_kind(tracker)
    exomars = mission_id("exomars")
    rows = [row for row in raw_rows(store) if UUID(str(row[0])) == exomars]
    assert len(rows) == len(recorded)
    for (originator_id, version, topic, state), event in zip(
        rows, recorded, strict=True
    ):
        assert UUID(str(originator_id)) == event.originator_id
        assert version == event.originator_version
        assert topic == get_topic(type(event))
        assert topic == f"domain.events:{type(event).__name__}"
        assert isinstance(state, bytes)
        decoded = orjson.loads(state)
        schema = decoded.pop("class_version", 1)
        assert schema == type(event).class_version
        assert decoded == event.model_dump(
            mode="json", exclude={"originator_id", "originator_version"}
        )
        assert decoded["kind"] == type(event).model_fields["kind"].default


def test_the_stored_state_keeps_the_dates_and_the_source(
    tracker: MissionTracker, store: str
) -> None:
    record_every_kind(tracker)
    states = [orjson.loads(row[3]) for row in raw_rows(store)]
    noted = next(s for s in states if s["kind"] == "noted")
    assert noted["occurred"] == {
        "edtf": "../2022-02-24",
        "earliest": "0001-01-01",
        "latest": "2022-02-24",
    }
    assert noted["summary"] == "Russia invaded Ukraine."
    assert noted["source"] == {
        "publication": "SpaceNews",
        "title": "ExoMars in limbo",
        "author": "Jeff Foust",
        "published": "2022-03-01",
        "url": "https://spacenews.com/exomars/",
    }
    target = next(s for s in states if s["kind"] == "launch-target-changed")
    assert target["target"] == {
        "edtf": "2028",
        "earliest": "2028-01-01",
        "latest": "2028-12-31",
    }


def test_recorded_timestamps_are_utc(
    tracker: MissionTracker, fresh: MissionTracker, store: str
) -> None:
    before = datetime.now(tz=UTC)
    record_every_kind(tracker)
    after = datetime.now(tz=UTC)
    events = fresh.mission("exomars").events
    # The registration, the facts, a citation, a correction and a retraction.
    assert len(events) == len(FACTS) + 4
    for event in events:
        assert event.timestamp.utcoffset() == timedelta(0)
        assert before <= event.recorded_at <= after
    for row in raw_rows(store):
        stamp = orjson.loads(row[3])["timestamp"]
        assert stamp.endswith("Z")


def test_the_stored_snapshot_is_orjson_json_of_the_whole_mission(
    tracker: MissionTracker, store: str
) -> None:
    recorded = record_every_kind(tracker)
    rows = raw_rows(store, "snapshots")
    # The latest only (adapters.eventstore.snapshots), taken by a write that read
    # the whole mission (a correction, a retraction, a fact about partners).
    exomars = str(mission_id("exomars"))
    rows = [
        row for row in rows if str(row[0]).replace("-", "") == exomars.replace("-", "")
    ]
    assert len(rows) == 1
    assert SNAPSHOT_INTERVAL <= rows[0][1] <= len(recorded)
    for _, version, topic, state in rows:
        assert topic == get_topic(Snapshot)
        decoded = orjson.loads(state)
        assert decoded["topic"] == "domain.mission:Mission"
        assert decoded["timestamp"].endswith("Z")
        assert decoded["state"]["version"] == version
        assert [e["id"] for e in decoded["state"]["events"]] == [
            str(e.id) for e in recorded[:version]
        ]


# Upcasting


class Renamed(MissionEvent):
    """Test only: a mission's name changed.

    v1 stored `title`; v2 renamed it `name`; v3 added `aliases`."""

    class_version: ClassVar[int] = 3
    changes_state: ClassVar[bool] = False
    kind: Literal["renamed"] = "renamed"
    name: str
    aliases: tuple[str, ...]

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["name"] = state.pop("title")

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["aliases"] = [state["name"].upper()]


@pytest.fixture
def renamed_known(monkeypatch: pytest.MonkeyPatch) -> None:
    """Renamed made one of the tracker's classes, for the test: a stored topic
    is read only if the tracker's table of classes has it."""
    monkeypatch.setitem(TOPICS, get_topic(Renamed), Renamed)


def common_state(summary: str) -> dict[str, Any]:
    return {
        "timestamp": "2022-03-01T12:00:00Z",
        "id": str(uuid4()),
        "occurred": {
            "edtf": "2022-03-01",
            "earliest": "2022-03-01",
            "latest": "2022-03-01",
        },
        "source": {"publication": "SpaceNews"},
        "summary": summary,
        "quote": None,
        "kind": "renamed",
    }


def write_rows(store: str, rows: list[tuple[UUID, int, str, dict[str, Any]]]) -> None:
    """Write stored events by hand, as an older version of the code did."""
    for row in rows:
        originator_id, version, topic, state = row
        execute(
            store,
            "INSERT INTO {events} (originator_id, originator_version, topic, state)"
            " VALUES (?, ?, ?, ?)",
            (originator_id, version, topic, orjson.dumps(state)),
        )


@pytest.mark.usefixtures("renamed_known")
def test_a_stored_v1_event_is_upcast_to_the_current_class_version(
    tracker: MissionTracker, fresh: MissionTracker, store: str
) -> None:
    stream = uuid4()
    v1 = {**common_state("Renamed in 2022."), "title": "Rosalind Franklin"}
    v2 = {
        **common_state("Renamed again."),
        "name": "ExoMars",
        "class_version": 2,
    }
    write_rows(
        store,
        [(stream, 1, get_topic(Renamed), v1), (stream, 2, get_topic(Renamed), v2)],
    )
    first, second = fresh.events.get(stream)
    assert isinstance(first, Renamed)
    assert isinstance(second, Renamed)
    assert (first.name, first.aliases) == ("Rosalind Franklin", ("ROSALIND FRANKLIN",))
    assert (second.name, second.aliases) == ("ExoMars", ("EXOMARS",))
    assert first.originator_id == stream
    assert first.originator_version == 1
    assert first.summary == "Renamed in 2022."


@pytest.mark.usefixtures("renamed_known")
def test_an_event_of_a_later_class_version_is_stored_with_its_version(
    tracker: MissionTracker, fresh: MissionTracker, store: str
) -> None:
    event = Renamed(
        originator_id=uuid4(),
        originator_version=1,
        timestamp=datetime.now(tz=UTC),
        id=uuid4(),
        occurred=parse_edtf("2022-03-01"),
        source=SOURCE,
        summary="Renamed.",
        name="Rosalind Franklin",
        aliases=("RFM",),
    )
    tracker.save(event)
    ((_, _, topic, state),) = raw_rows(store)
    assert topic == "tests.test_mapper:Renamed"
    assert orjson.loads(state)["class_version"] == 3
    assert list(fresh.events.get(event.originator_id)) == [event]


def test_the_upcast_of_a_current_event_changes_nothing() -> None:
    state = {"name": "ExoMars", "aliases": ["X"]}
    assert Renamed.upcast(dict(state), 3) == state
    assert StatusChanged.upcast({"status": "planned"}, 1) == {"status": "planned"}


def test_a_stored_event_of_a_class_outside_the_tracker_is_refused(
    tracker: MissionTracker, fresh: MissionTracker, store: str
) -> None:
    stream = uuid4()
    write_rows(store, [(stream, 1, "datetime:date", {"year": 2022})])
    with pytest.raises(
        ProgrammingError, match="not an event of this tracker: topic 'datetime:date'"
    ):
        list(fresh.events.get(stream))


def test_the_transcoder_takes_no_transcodings() -> None:
    transcoder = OrjsonTranscoder()
    with pytest.raises(ProgrammingError, match="no transcodings"):
        transcoder.register(UUIDAsHex())
    assert transcoder.decode(transcoder.encode({"a": [1, "b"]})) == {"a": [1, "b"]}
