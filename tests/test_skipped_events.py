"""One stored event that cannot be applied never bricks the store.

A row put in behind the tracker's back (by SQL here; by an old import or a hand
edit in life) may not load as an event (garbage, a time of recording without a
UTC offset, a bare date, seconds since 1970) or may be a correction whose changes
do not fit the fact it corrects. Every command still answers from the rest, and
says once, on stderr, which event it skipped; `missions verify` names it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import orjson
import pytest
from click.testing import Result

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from domain.chain import stored_digest
from domain.events import Corrected, MissionEvent, Source, StatusChanged
from domain.identity import mission_id
from domain.knowledge import effective_facts, misfits
from domain.mission import Report
from tests.conftest import SNAPSHOT_INTERVAL, Run
from tests.readmodel import rebuilt_read_model_is_the_same
from tests.stores import execute, stored_state

EXOMARS = mission_id("exomars")
#: The article's ExoMars events: the sixth is its status on 28 February, at_risk.
VERSION = 7
NOTE_END = "; run `missions verify`\n"
UNFIT = "its changes do not fit a StatusChanged"

#: What a bad event is: its topic, and its state (bytes, or JSON to be sealed)
#: given the previous event's id and digest.
Build = Callable[[dict[str, Any]], tuple[str, bytes | dict[str, Any]]]


def correction(changes: dict[str, Any]) -> Build:
    """A correction of the previous event (a StatusChanged) with these changes."""

    def build(previous: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return "domain.events:Corrected", {
            # Now: a mission's recording times never go backwards.
            "timestamp": datetime.now(UTC).isoformat(),
            "id": str(uuid4()),
            "previous": previous["digest"],
            "digest": "",
            "kind": "corrected",
            "corrects": previous["id"],
            "changes": changes,
            "summary": "A correction that should not count.",
        }

    return build


def note_recorded_at(timestamp: Any) -> Build:
    """A note whose time of recording is stored as `timestamp`."""

    def build(previous: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return "domain.events:Noted", {
            "timestamp": timestamp,
            "id": str(uuid4()),
            "previous": previous["digest"],
            "digest": "",
            "occurred": {
                "edtf": "2022-03-02",
                "earliest": "2022-03-02",
                "latest": "2022-03-02",
            },
            "source": {
                "publication": "Nobody",
                "title": None,
                "author": None,
                "published": None,
                "url": None,
            },
            "summary": "A note that should not count.",
            "quote": None,
            "kind": "noted",
        }

    return build


def garbage(previous: dict[str, Any]) -> tuple[str, bytes]:
    return "domain.events:Noted", b'{"summary": "not JSON'


#: Each bad event, and why the note says it was skipped (None: only that it was;
#: the words for a time of recording may change as the event model does).
CASES: dict[str, tuple[Build, str | None]] = {
    "status-doomed": (correction({"status": "doomed"}), UNFIT),
    "bogus-field": (correction({"bogus": 1}), UNFIT),
    "status-2**63": (correction({"status": 2**63}), UNFIT),
    "occurred-garbage": (correction({"occurred": "garbage"}), UNFIT),
    "earliest-after-latest": (
        correction(
            {
                "occurred": {
                    "edtf": "x",
                    "earliest": "2022-03-05",
                    "latest": "2022-03-01",
                }
            }
        ),
        UNFIT,
    ),
    "naive-timestamp": (note_recorded_at("2022-03-02T00:00:00"), None),
    "bare-date-timestamp": (note_recorded_at("2022-03-02"), None),
    "epoch-timestamp": (note_recorded_at(1646179200), None),
    "garbage-json": (garbage, "its stored state is not JSON"),
}


def insert_bad_event(store: str, build: Build, version: int = VERSION) -> str:
    """Put a bad event at `version` of ExoMars, chained to the one before it and
    sealed as the tracker seals (if its state is JSON); its id ("" if none)."""
    topic, state = build(stored_state(store, EXOMARS, version - 1))
    if isinstance(state, dict):
        state["digest"] = stored_digest(str(EXOMARS), version, state)
        body = orjson.dumps(state)
    else:
        body = state
    execute(
        store,
        "INSERT INTO {events} (originator_id, originator_version, topic, state)"
        " VALUES (?, ?, ?, ?)",
        [EXOMARS, version, topic, body],
    )
    return str(state["id"]) if isinstance(state, dict) else ""


def note_of(result: Result) -> str:
    """The stderr of a command that succeeded, which must be one note."""
    assert result.exit_code == 0, (result.output, result.stderr)
    assert result.stderr.startswith("missions: skipped "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.endswith(NOTE_END), result.stderr
    return result.stderr


COMMANDS = {
    "list": ["list", "--at", "2022-03-01"],
    "status of another": ["status", "iss", "--at", "2022-03-01"],
    "status of its own": ["status", "exomars", "--at", "2022-03-01"],
    "log": ["log", "exomars"],
    "history": ["history", "exomars"],
    "changes": ["changes", "--from", "2022-01-01", "--to", "2022-12-31"],
    "partners": ["partners", "--at", "2022-03-01"],
    "timeline": ["timeline"],
    "list as known then": ["list", "--at", "2022-03-01", "--known-at", "2030-01-01"],
    # Each source with a title and a date: a command that warns of neither.
    "record to another": [
        *("record", "iss", "noted", "--on", "2022-03-05"),
        *("--source", "NASA", "--source-title", "A note", "--source-date"),
        *("2022-03-05", "--summary", "A note."),
    ],
    "record to its own": [
        *("record", "exomars", "status-changed", "--status", "suspended"),
        *("--on", "2022-03-17", "--source", "ESA", "--source-title", "Suspended"),
        *("--source-date", "2022-03-17"),
    ],
    "register": [
        *("register", "new-mission", "--name", "New Mission"),
        *("--on", "2022-03-05", "--source", "ESA"),
    ],
}


@pytest.mark.parametrize("case", CASES)
def test_every_command_answers_from_the_rest_and_says_once_what_it_skipped(
    seeded_store: str, run: Run, case: str
) -> None:
    build, why = CASES[case]
    event = insert_bad_event(seeded_store, build)
    named = f"event {event[:8]}" if event else "an event"
    start = f"missions: skipped {named} (exomars version {VERSION}): "
    for name, args in COMMANDS.items():
        note = note_of(run(*args))
        assert note.startswith(start), (name, note)
        if why is not None:
            assert note == f"{start}{why}{NOTE_END}", (name, note)
    fact = stored_state(seeded_store, EXOMARS, VERSION - 1)["id"]
    assert note_of(run("correct", fact, "--summary", "ESA said: at risk.")) == note
    iss = orjson.loads(run("log", "iss", "--json").stdout)[-1]["id"]
    retracted = run("retract", iss, "--reason", "A test.", "--source", "NASA")
    assert note_of(retracted) == note

    # The bad event does not count; what was recorded after it does.
    status = orjson.loads(
        run("status", "exomars", "--at", "2022-03-01", "--json").stdout
    )
    assert status["status"] == "at_risk"
    later = orjson.loads(
        run("status", "exomars", "--at", "2022-03-18", "--json").stdout
    )
    assert later["status"] == "suspended"
    assert "new-mission" in run("list").stdout

    verified = run("verify", "--json")
    assert verified.exit_code == 1
    problems = orjson.loads(verified.stdout)["problems"]
    # Writes after it kept the chain: it is the only event named.
    assert {(p["mission"], p["version"]) for p in problems} == {("exomars", VERSION)}
    assert {p["event"] for p in problems} == {event or None}
    text = run("verify")
    named = f" (event {event})" if event else ""  # a row with no id names none
    assert f"exomars version {VERSION}{named}: " in text.stdout


def test_the_note_counts_several_and_names_the_first(
    seeded_store: str, run: Run
) -> None:
    first = insert_bad_event(seeded_store, CASES["status-doomed"][0])
    insert_bad_event(seeded_store, CASES["garbage-json"][0], VERSION + 1)
    note = note_of(run("list"))
    assert note == (
        f"missions: skipped 2 events, the first event {first[:8]} (exomars version"
        f" {VERSION}): {UNFIT}{NOTE_END}"
    )
    assert note_of(run("log", "exomars")) == note


def test_what_is_stored_is_shown_as_text(seeded_store: str, run: Run) -> None:
    edtf = "\x1b[31m"
    dates = {"edtf": edtf, "earliest": "2022-03-05", "latest": "2022-03-01"}
    insert_bad_event(seeded_store, correction({"occurred": dates}))
    verified = run("verify")
    assert "\\x1b[31m: earliest day 2022-03-05" in verified.stdout
    assert "\x1b" not in verified.stdout
    assert "\x1b" not in run("list").stderr


def test_a_store_with_no_bad_event_says_nothing(seeded_store: str, run: Run) -> None:
    for args in COMMANDS.values():
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stderr == ""


def test_the_read_model_goes_on_and_rebuilds_the_same(
    seeded_store: str, run: Run
) -> None:
    insert_bad_event(seeded_store, CASES["status-doomed"][0])
    insert_bad_event(seeded_store, CASES["naive-timestamp"][0], VERSION + 1)
    tracker = MissionTracker(seeded_store)
    try:
        tracker.catch_up()
        assert [(s.mission, s.version) for s in tracker.reader.skipped] == [
            ("exomars", VERSION),
            ("exomars", VERSION + 1),
        ]
        rebuilt_read_model_is_the_same(tracker)
        assert len(tracker.reader.skipped) == 2
    finally:
        tracker.close()


def test_a_mission_read_from_a_snapshot_still_skips_its_bad_event(
    seeded_store: str,
) -> None:
    event = insert_bad_event(seeded_store, CASES["naive-timestamp"][0])
    tracker = MissionTracker(seeded_store, snapshot_interval=SNAPSHOT_INTERVAL)
    try:
        report = Report(
            occurred=parse_edtf("2022-03-17"), source=Source(publication="ESA")
        )
        for status in ("suspended", "cancelled", "delayed"):
            tracker.record("exomars", "status-changed", report, {"status": status})
    finally:
        tracker.close()
    again = MissionTracker(seeded_store, snapshot_interval=SNAPSHOT_INTERVAL)
    try:
        mission = again.mission("exomars")
        assert mission.version == VERSION + 3
        assert [s.id for s in mission.skipped] == [event]
        assert [(s.version, s.event) for s in again.skipped()] == [(VERSION, event)]
    finally:
        again.close()


def test_a_correction_that_does_not_fit_does_not_count_but_later_ones_do() -> None:
    origin = EXOMARS
    fact = StatusChanged(
        originator_id=origin,
        originator_version=1,
        timestamp=datetime(2022, 3, 1, tzinfo=UTC),
        id=uuid4(),
        occurred=parse_edtf("2022-02-28"),
        source=Source(publication="ESA"),
        summary="At risk.",
        status="at_risk",
    )

    def correcting(version: int, changes: dict[str, Any]) -> Corrected:
        return Corrected(
            originator_id=origin,
            originator_version=version,
            timestamp=datetime(2022, 3, version, tzinfo=UTC),
            id=UUID(int=version),
            corrects=fact.id,
            changes=changes,
            summary="A correction.",
        )

    bad = correcting(2, {"status": "doomed", "summary": "Doomed."})
    fixed = correcting(3, {"summary": "Very much at risk."})
    events = [fact, bad, fixed]
    (found,) = effective_facts(events)
    assert isinstance(found, MissionEvent)
    assert found.summary == "Very much at risk."
    assert isinstance(found, StatusChanged)
    assert found.status == "at_risk"
    assert [(m.correction, m.fact.type) for m in misfits(events)] == [
        (bad, "StatusChanged")
    ]
    assert effective_facts(events, datetime(2022, 3, 2, tzinfo=UTC)) == [fact]


def test_verify_names_each_unfit_correction_of_a_chain_in_order(
    seeded_store: str, run: Run
) -> None:
    """A correction of a correction that does not fit either: each fact's chain
    is read on its own, and every correction that does not fit is named, in the
    order recorded."""
    first = insert_bad_event(seeded_store, CASES["status-doomed"][0])
    second = insert_bad_event(seeded_store, CASES["bogus-field"][0], VERSION + 1)
    verified = run("verify", "--json")
    assert verified.exit_code == 1
    problems = orjson.loads(verified.stdout)["problems"]
    assert [(p["version"], p["event"]) for p in problems] == [
        (VERSION, first),
        (VERSION + 1, second),
    ]
    assert all("do not fit the StatusChanged" in p["problem"] for p in problems)
