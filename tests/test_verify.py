"""Tamper evidence: an event edited or deleted behind the tracker's back, by SQL
straight into the database, is found by `missions verify` and named."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import orjson
import pytest

from adapters.eventstore.tracker import MissionTracker
from domain.identity import mission_id
from tests.conftest import Run
from tests.stores import execute, stored_state

EXOMARS = mission_id("exomars")
UPDATE = (
    "UPDATE {events} SET state = ? WHERE originator_id = ? AND originator_version = ?"
)


def write_state(store: str, version: int, state: dict[str, object]) -> None:
    """Overwrite an ExoMars event's stored state, behind the tracker's back."""
    execute(
        store,
        UPDATE,
        [orjson.dumps(state), EXOMARS, version],
    )


def test_a_seeded_store_verifies(seeded_store: str, run: Run) -> None:
    verified = run("verify")
    assert verified.exit_code == 0
    assert verified.stdout == (
        "Verified 57 events of 8 missions and 18 partners: every event loads,"
        " versions follow,"
        " the chain holds, the snapshots match.\n"
    )


def test_an_event_edited_by_sql_is_found_and_named(seeded_store: str, run: Run) -> None:
    state = stored_state(seeded_store, EXOMARS, 6)
    state["summary"] = "ESA said a September launch of ExoMars was likely."
    write_state(seeded_store, 6, state)

    verified = run("verify")
    assert verified.exit_code == 1
    assert verified.stdout == (
        f"exomars version 6 (event {state['id']}): its content does not match its"
        " digest: edited after recording\n"
    )
    assert verified.stderr == "Error: 1 problem in 57 events\n"


def test_an_edit_that_also_forges_the_digest_breaks_the_chain_after_it(
    seeded_store: str, run: Run
) -> None:
    from domain.chain import digest_of

    state = stored_state(seeded_store, EXOMARS, 5)
    state["target"] = {"edtf": "2024", "earliest": "2024-01-01", "latest": "2024-12-31"}
    sealed = {**state, "originator_id": str(EXOMARS), "originator_version": 5}
    state["digest"] = digest_of(sealed)
    write_state(seeded_store, 5, state)

    problems = orjson.loads(run("verify", "--json").stdout)["problems"]
    assert [(p["mission"], p["version"]) for p in problems] == [("exomars", 6)]
    assert "not chained to the event before it" in problems[0]["problem"]


def test_a_deleted_event_is_found_and_named(seeded_store: str, run: Run) -> None:
    execute(
        seeded_store,
        "DELETE FROM {events} WHERE originator_id = ? AND originator_version = ?",
        [EXOMARS, 3],
    )
    verified = run("verify", "--json")
    assert verified.exit_code == 1
    report = orjson.loads(verified.stdout)
    assert report["events"] == 56  # the article's 39 facts and 18 partners, less one
    assert [(p["mission"], p["version"], p["problem"]) for p in report["problems"]] == [
        (
            "exomars",
            4,
            "version 4 follows version 2: the events between are missing",
        )
    ]


@pytest.mark.parametrize(
    ("first", "said"),
    [
        (6, "its latest event is missing: the store ends at version 5"),
        (5, "its latest 2 events are missing: the store ends at version 4"),
        (2, "its latest 5 events are missing: the store ends at version 1"),
    ],
    ids=["the-last", "the-last-two", "all-but-the-first"],
)
def test_the_latest_events_of_a_mission_deleted_are_found(
    seeded_store: str, run: Run, first: int, said: str
) -> None:
    """Nothing follows them to break the chain: the read model's record of each
    mission's head, kept apart from the events, tells."""
    assert run("list").exit_code == 0  # the read model has read every event
    execute(
        seeded_store,
        "DELETE FROM {events} WHERE originator_id = ? AND originator_version >= ?",
        [EXOMARS, first],
    )
    verified = run("verify", "--json")
    assert verified.exit_code == 1
    report = orjson.loads(verified.stdout)
    assert report["events"] == 57 - (7 - first)
    assert [(p["mission"], p["version"], p["problem"]) for p in report["problems"]] == [
        ("exomars", first, f"{said}, and version 6 was read before")
    ]


def test_a_latest_event_replaced_by_another_is_found(
    seeded_store: str, run: Run
) -> None:
    assert run("list").exit_code == 0  # the read model has read every event
    state = stored_state(seeded_store, EXOMARS, 6)
    state["summary"] = "Something else."
    state["digest"] = "0" * 64
    write_state(seeded_store, 6, state)
    verified = run("verify", "--json")
    problems = orjson.loads(verified.stdout)["problems"]
    assert (
        "exomars",
        6,
        "its latest event is not the one read before: version 6 was replaced",
    ) in [(p["mission"], p["version"], p["problem"]) for p in problems]


@pytest.mark.parametrize("garbage", [b"not json", b"[1, 2]", b'{"summary": 1}'])
def test_a_row_that_no_longer_decodes_is_found(
    seeded_store: str, run: Run, garbage: bytes
) -> None:
    execute(
        seeded_store,
        UPDATE,
        [garbage, EXOMARS, 2],
    )
    report = orjson.loads(run("verify", "--json").stdout)
    named = [(p["mission"], p["version"]) for p in report["problems"]]
    assert ("exomars", 2) in named
    assert all(p["problem"] for p in report["problems"])
    assert run("verify").exit_code == 1


@pytest.mark.parametrize("lowered", [1, None], ids=["1", "absent"])
def test_a_schema_version_lowered_by_sql_is_found_and_named(
    seeded_store: str, run: Run, lowered: int | None
) -> None:
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
    state = stored_state(seeded_store, EXOMARS, 7)
    assert state["class_version"] == 2
    # As version 1, the v1 to v2 upcaster sets the vehicle to None: the event
    # says less than was recorded, and its content is otherwise as sealed.
    if lowered is None:
        del state["class_version"]
    else:
        state["class_version"] = lowered
    write_state(seeded_store, 7, state)

    verified = run("verify")
    assert verified.exit_code == 1
    assert verified.stdout == (
        f"exomars version 7 (event {state['id']}): its content does not match its"
        " digest: edited after recording\n"
    )


def test_a_stored_topic_is_never_imported_and_an_unknown_one_is_named(
    seeded_store: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A module that says so when imported, as `this` prints the Zen of Python.
    canary = f"canary_{uuid4().hex}"
    (tmp_path / f"{canary}.py").write_text('print("Beautiful is better than ugly.")\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    topic = f"{canary}:Zen"
    execute(
        seeded_store,
        UPDATE.replace("state", "topic"),
        [topic, EXOMARS, 4],
    )

    verified = run("verify")
    assert canary not in sys.modules
    assert "Beautiful" not in verified.output
    assert verified.exit_code == 1
    event = stored_state(seeded_store, EXOMARS, 4)["id"]
    assert verified.stdout == (
        f"exomars version 4 (event {event}): it does not load as an event:"
        f" not an event of this tracker: topic {topic!r}\n"
    )
    for command in (["rebuild"], ["log", "exomars"], ["export"]):
        run(*command)
        assert canary not in sys.modules, command


# Snapshots


def exomars_snapshot(store: str) -> tuple[int, dict[str, Any]]:
    """The version and stored state of ExoMars's snapshot, read raw."""
    ((version, state),) = execute(
        store,
        "SELECT originator_version, state FROM {snapshots} WHERE originator_id = ?",
        [EXOMARS],
    )
    found = orjson.loads(bytes(state))
    assert isinstance(found, dict)
    return version, found


def write_snapshot(store: str, version: int, state: bytes) -> None:
    """Overwrite ExoMars's snapshot, behind the tracker's back."""
    execute(
        store,
        "UPDATE {snapshots} SET state = ?"
        " WHERE originator_id = ? AND originator_version = ?",
        [state, EXOMARS, version],
    )


def test_a_store_with_snapshots_verifies(
    seeded: MissionTracker, store: str, run: Run
) -> None:
    assert execute(store, "SELECT count(*) FROM {snapshots}") != [(0,)]
    verified = run("verify", "--json")
    assert orjson.loads(verified.stdout)["problems"] == []
    assert verified.exit_code == 0


def test_a_snapshot_edited_by_sql_is_found_and_named(
    seeded: MissionTracker, store: str, run: Run
) -> None:
    version, snapshot = exomars_snapshot(store)
    events = snapshot["state"]["events"]
    joined = next(
        e
        for e in events
        if e["kind"] == "partner-joined" and e["partner"] == "roscosmos"
    )
    # Without it, ExoMars has no Russian partner to withdraw, and one to add.
    events.remove(joined)
    write_snapshot(store, version, orjson.dumps(snapshot))
    partners = seeded.state("exomars", date(2022, 3, 1))[1].partners
    assert "roscosmos" not in {p.partner for p in partners}

    verified = run("verify")
    assert verified.exit_code == 1
    assert verified.stdout == (
        f"exomars version {version}: its snapshot at version {version} does not"
        " match its events\n"
    )


@pytest.mark.parametrize("garbage", [b"not json", b'{"state": {}}'])
def test_a_snapshot_that_no_longer_loads_is_found_and_named(
    seeded: MissionTracker, store: str, run: Run, garbage: bytes
) -> None:
    version, _ = exomars_snapshot(store)
    write_snapshot(store, version, garbage)

    report = orjson.loads(run("verify", "--json").stdout)
    ((mission, at, problem),) = [
        (p["mission"], p["version"], p["problem"]) for p in report["problems"]
    ]
    assert (mission, at) == ("exomars", version)
    assert problem.startswith(f"its snapshot at version {version} does not load: ")
