"""Events stored under an older schema still load, through upcasters, and verify."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
from click.testing import CliRunner

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from cli.main import cli
from domain.events import LaunchTargetChanged, Source
from domain.mission import Report
from tests.conftest import NewStore, Run
from tests.stores import stored_rows

FIXTURE = Path(__file__).parent / "fixtures" / "exomars-v1.ndjson"


def test_the_fixture_holds_a_launch_target_stored_under_version_1() -> None:
    lines = [orjson.loads(line) for line in FIXTURE.read_bytes().splitlines()]
    stored = [x for x in lines if x["topic"].endswith(":LaunchTargetChanged")]
    assert len(stored) == 1
    assert "vehicle" not in stored[0]["state"]
    assert "class_version" not in stored[0]["state"]
    assert LaunchTargetChanged.class_version == 2


def test_a_version_1_event_loads_upcast_and_the_store_verifies(
    run: Run, store: str, tracker: MissionTracker
) -> None:
    imported = run("import", str(FIXTURE))
    assert imported.exit_code == 0, imported.output
    assert run("verify").exit_code == 0

    events = tracker.mission("exomars").events
    target = next(e for e in events if isinstance(e, LaunchTargetChanged))
    assert target.vehicle is None
    assert target.target is not None
    assert target.target.edtf == "2022-09"
    assert tracker.status("exomars", date(2022, 3, 1))["target_launch"] == "2022-09"


def test_new_events_are_stored_under_version_2_beside_the_old_ones(
    run: Run, store: str
) -> None:
    assert run("import", str(FIXTURE)).exit_code == 0
    recorded = run(
        "record",
        "exomars",
        "launch-target-changed",
        "--target",
        "2028",
        "--vehicle",
        "Ariane 6",
        "--on",
        "2022-11-23",
        "--source",
        "ESA",
    )
    assert recorded.exit_code == 0, recorded.output

    states = [
        orjson.loads(bytes(cell))
        for row in stored_rows(store)
        for cell in row
        if isinstance(cell, bytes | memoryview) and bytes(cell).startswith(b"{")
    ]
    targets = [s for s in states if s.get("kind") == "launch-target-changed"]
    assert [s.get("class_version") for s in targets] == [None, 2]
    assert [s.get("vehicle") for s in targets] == [None, "Ariane 6"]
    assert run("verify").exit_code == 0


def test_an_import_with_a_schema_version_lowered_is_refused(
    seeded_store: str, run: Run, other_store: NewStore, tmp_path: Path
) -> None:
    lines = [orjson.loads(line) for line in run("export").stdout_bytes.splitlines()]
    number, target = next(
        (n, x)
        for n, x in enumerate(lines, 1)
        if x["topic"].endswith(":LaunchTargetChanged")
    )
    assert target["state"].pop("class_version") == 2  # read as version 1 from now
    lowered = tmp_path / "lowered.ndjson"
    lowered.write_bytes(b"".join(orjson.dumps(x) + b"\n" for x in lines))

    store = other_store()
    imported = CliRunner().invoke(cli, ["--store", store, "import", str(lowered)])
    assert imported.exit_code == 2
    assert (
        f"Error: line {number}: field state.digest does not match the event's"
        " content; nothing was imported\n"
    ) in imported.stderr
    assert stored_rows(store) == []


def test_a_snapshot_holding_an_upcast_event_verifies(
    run: Run, store: str, tracker: MissionTracker
) -> None:
    assert run("import", str(FIXTURE)).exit_code == 0
    report = Report(occurred=parse_edtf("2022-03-17"), source=Source(publication="ESA"))
    fact = tracker.record("exomars", "status-changed", report, {"status": "suspended"})
    tracker.take_snapshot(fact.originator_id)
    snapshot = tracker.snapshots.get(fact.originator_id)  # type: ignore[union-attr]
    assert [s.originator_version for s in snapshot] == [6]

    verified = run("verify", "--json")
    assert orjson.loads(verified.stdout)["problems"] == []
