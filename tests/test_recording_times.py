"""A mission's recording times never go backwards, and none lies beyond the time
of its import or record, but for the allowance for clocks (CLOCK_ALLOWANCE):
import and record refuse what would break that, and verify names what a store
already holds that breaks it. (The import's refusals are cases of
tests/bad_inputs/import too.)"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from domain.chain import stored_digest
from domain.events import CLOCK_ALLOWANCE
from domain.identity import mission_id
from tests.conftest import Run
from tests.stores import execute, stored_rows

EXOMARS = mission_id("exomars")


def _last(store: str) -> tuple[int, dict[str, Any]]:
    rows = execute(
        store,
        "SELECT originator_version, state FROM {events} WHERE originator_id = ?"
        " ORDER BY originator_version DESC LIMIT 1",
        [EXOMARS],
    )
    return rows[0][0], orjson.loads(bytes(rows[0][1]))


def _note(store: str, recorded: datetime, number: int = 1) -> dict[str, Any]:
    """A note on ExoMars, sealed and chained, recorded at `recorded`: as an export
    line, and put into the store behind the tracker's back."""
    version, last = _last(store)
    state = {
        **last,
        "timestamp": recorded.isoformat().replace("+00:00", "Z"),
        "id": f"0c0c0c0c-0000-4000-8000-{number:012d}",
        "previous": last["digest"],
        "kind": "noted",
        "summary": "A note.",
    }
    for key in ("status", "by_party", "target", "vehicle", "partner", "role"):
        state.pop(key, None)
    state.pop("standing", None)
    state["digest"] = stored_digest(str(EXOMARS), version + 1, state)
    return {
        "originator_id": str(EXOMARS),
        "originator_version": version + 1,
        "topic": "domain.events:Noted",
        "state": state,
    }


def _put(store: str, line: dict[str, Any]) -> None:
    execute(
        store,
        "INSERT INTO {events} (originator_id, originator_version, topic, state)"
        " VALUES (?, ?, ?, ?)",
        [
            EXOMARS,
            line["originator_version"],
            line["topic"],
            orjson.dumps(line["state"]),
        ],
    )


def _file(tmp_path: Path, *lines: dict[str, Any]) -> str:
    path = tmp_path / "lines.ndjson"
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    return str(path)


def test_an_import_takes_a_time_within_the_allowance(
    seeded_store: str, run: Run, tmp_path: Path
) -> None:
    soon = datetime.now(UTC) + CLOCK_ALLOWANCE - timedelta(seconds=30)
    imported = run("import", _file(tmp_path, _note(seeded_store, soon)))
    assert imported.exit_code == 0, imported.output


def test_an_import_refuses_a_time_beyond_the_allowance(
    seeded_store: str, run: Run, tmp_path: Path
) -> None:
    before = stored_rows(seeded_store)
    later = datetime.now(UTC) + CLOCK_ALLOWANCE + timedelta(minutes=1)
    imported = run("import", _file(tmp_path, _note(seeded_store, later)))
    assert imported.exit_code == 2
    assert "field state.timestamp is" in imported.stderr
    assert "in the future: a recording time is at most 5 minutes after" in (
        imported.stderr
    )
    assert stored_rows(seeded_store) == before


def test_an_import_refuses_a_time_before_the_stored_event_before_it(
    seeded_store: str, run: Run, tmp_path: Path
) -> None:
    before = stored_rows(seeded_store)
    version, last = _last(seeded_store)
    earlier = datetime.fromisoformat(last["timestamp"]) - timedelta(seconds=1)
    imported = run("import", _file(tmp_path, _note(seeded_store, earlier)))
    assert imported.exit_code == 2
    assert (
        f"before the mission's event before it (version {version}, recorded"
        in imported.stderr
    )
    assert "a mission's recording times never go backwards" in imported.stderr
    assert stored_rows(seeded_store) == before


def test_verify_names_a_time_from_the_future_and_one_that_goes_back(
    seeded_store: str, run: Run
) -> None:
    far = datetime(2031, 1, 1, tzinfo=UTC)
    ahead = _note(seeded_store, far, 1)
    _put(seeded_store, ahead)
    back = _note(seeded_store, far - timedelta(days=1), 2)
    _put(seeded_store, back)
    verified = run("verify", "--json")
    assert verified.exit_code == 1
    problems = json.loads(verified.stdout)["problems"]
    assert [(p["event"], p["problem"]) for p in problems] == [
        (
            ahead["state"]["id"],
            "it was recorded at 2031-01-01T00:00:00+00:00, in the future: a"
            " recording time is at most 5 minutes after now",
        ),
        (
            back["state"]["id"],
            "it was recorded at 2030-12-31T00:00:00+00:00, in the future: a"
            " recording time is at most 5 minutes after now",
        ),
        (
            back["state"]["id"],
            "it was recorded at 2030-12-31T00:00:00+00:00, before the event before"
            f" it (version {ahead['originator_version']}, recorded"
            " 2031-01-01T00:00:00+00:00): recording times go backwards",
        ),
    ]


def test_record_refuses_to_go_back_before_the_missions_latest_event(
    seeded_store: str, run: Run
) -> None:
    """The mission's latest event was recorded by a clock ahead of this one."""
    _put(seeded_store, _note(seeded_store, datetime(2031, 1, 1, tzinfo=UTC)))
    before = stored_rows(seeded_store)
    for kind in (("status-changed", "--status", "delayed"), ("noted",)):
        recorded = run(
            *("record", "exomars", *kind, "--on", "2022-03-21"),
            *("--summary", "Later.", "--source", "Test"),
        )
        assert recorded.exit_code == 1
        assert recorded.stderr.startswith(
            "Error: exomars's latest event was recorded at 2031-01-01T00:00:00+00:00,"
            " after this clock's "
        )
        assert recorded.stderr.endswith(
            ": a mission's recording times never go backwards; check the clock,"
            " and record it again\n"
        )
    assert stored_rows(seeded_store) == before
