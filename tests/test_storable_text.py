"""Text that every store can hold: a NUL (U+0000) or a lone surrogate is refused
where it comes in (import, record, register, partner add, packs), in one line
naming the field, and nothing is written; the rule is what both stores accept;
a store that took such an event in before is recovered, and verify names it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
import psycopg
import pytest

from domain.chain import stored_digest
from domain.identity import mission_id
from domain.text import unstorable
from tests.conftest import Run
from tests.stores import execute, require_postgres, server_url, stored_rows

#: Characters a text may hold, or not: controls, separators, the last ones of
#: the planes, surrogates (what bytes that are not UTF-8 become in argv).
SAMPLES = [
    "\x00",
    "\x01",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\uffff",
    "\U0010ffff",
    "é",
    "中",
    "\U0001f680",
    "\ud800",
    "\udcff",
]


def _postgres_holds(text: str) -> bool:
    """Whether a PostgreSQL text column takes and gives back the text."""
    require_postgres()
    try:
        with psycopg.connect(server_url(), autocommit=True) as db:
            db.execute("CREATE TEMPORARY TABLE held (t text)")
            db.execute("INSERT INTO held VALUES (%s)", [text])
            found = db.execute("SELECT t FROM held").fetchone()
    except (psycopg.Error, UnicodeEncodeError):
        return False
    return found is not None and found[0] == text


def _sqlite_holds(text: str) -> bool:
    try:
        with closing(sqlite3.connect(":memory:")) as db:
            db.execute("CREATE TABLE held (t TEXT)")
            db.execute("INSERT INTO held VALUES (?)", [text])
            found = db.execute("SELECT t FROM held").fetchone()
    except (sqlite3.Error, UnicodeEncodeError):
        return False
    return found is not None and found[0] == text


def _json_holds(text: str) -> bool:
    try:
        found: object = orjson.loads(orjson.dumps(text))
    except orjson.JSONEncodeError:
        return False
    return found == text


@pytest.mark.parametrize("character", SAMPLES, ids=[f"U+{ord(c):04X}" for c in SAMPLES])
def test_the_rule_is_what_both_stores_and_json_hold(character: str) -> None:
    text = f"a{character}b"
    held = _postgres_holds(text) and _sqlite_holds(text) and _json_holds(text)
    assert (unstorable(text) is None) == held


def _exported(run: Run, tmp_path: Path) -> list[dict[str, Any]]:
    assert run("seed", "--only", "article").exit_code == 0
    out = tmp_path / "seeded.ndjson"
    assert run("export", "--out", str(out)).exit_code == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


def _resealed(line: dict[str, Any], edit: Callable[[dict[str, Any]], None]) -> None:
    state = line["state"]
    edit(state)
    state["digest"] = stored_digest(
        line["originator_id"], line["originator_version"], state
    )


def _last_fact(lines: list[dict[str, Any]]) -> int:
    """The number of a line that is a fact and its mission's last."""
    lasts = {line["originator_id"]: n for n, line in enumerate(lines, start=1)}
    return max(n for n in lasts.values() if "occurred" in lines[n - 1]["state"])


def _summary(state: dict[str, Any]) -> None:
    state["summary"] = "A note\x00with a NUL."


def _title(state: dict[str, Any]) -> None:
    state["source"]["title"] = "\x00"


def _edtf(state: dict[str, Any]) -> None:
    state["occurred"]["edtf"] += "\x00"


IMPORTED = [
    pytest.param(_summary, "summary", id="summary"),
    pytest.param(_title, "source.title", id="source-title"),
    pytest.param(_edtf, "occurred.edtf", id="date"),
]


@pytest.mark.parametrize(("edit", "field"), IMPORTED)
def test_an_import_line_with_a_nul_is_refused_naming_its_field(
    edit: Callable[[dict[str, Any]], None],
    field: str,
    run: Run,
    tmp_path: Path,
    other_store: Callable[[], str],
) -> None:
    lines = _exported(run, tmp_path)
    number = _last_fact(lines)
    _resealed(lines[number - 1], edit)
    path = tmp_path / "nul.ndjson"
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    target = other_store()
    from tests.test_compat import missions

    imported = missions(target, "import", str(path))
    assert imported.exit_code == 2
    message = imported.stderr
    assert message.count("\n") == 1
    assert f"line {number}: not a valid event: {field}" in message
    assert "NUL character (U+0000), which no store can hold" in message
    assert stored_rows(target) == []


def test_a_corrections_changes_with_a_nul_are_refused(run: Run, tmp_path: Path) -> None:
    """A correction's changes are kept as they are written: looked into too."""
    lines = _exported(run, tmp_path)
    target = next(line for line in lines if line["state"].get("kind") == "noted")
    origin = target["originator_id"]
    last = max(
        (line for line in lines if line["originator_id"] == origin),
        key=lambda line: line["originator_version"],
    )
    correction = {
        "originator_id": origin,
        "originator_version": last["originator_version"] + 1,
        "topic": "domain.events:Corrected",
        "state": {
            "timestamp": last["state"]["timestamp"],
            "id": "0b0b0b0b-0000-4000-8000-000000000001",
            "previous": last["state"]["digest"],
            "digest": "",
            "seal_scheme": 3,
            "kind": "corrected",
            "corrects": target["state"]["id"],
            "changes": {"summary": "Fine.", "extra\x00": "x"},
            "summary": "A correction.",
        },
    }
    _resealed(correction, lambda state: None)
    path = tmp_path / "correction.ndjson"
    path.write_bytes(orjson.dumps(correction) + b"\n")
    imported = run("import", str(path))
    assert imported.exit_code == 2
    assert "changes holds a NUL character (U+0000)" in imported.stderr


PACK = """pack = "nul-test"

[source]
publication = "Test"{source}

[[facts]]
key = "n1"
mission = "exomars"
kind = "noted"
on = "2022-03-03"
summary = "{summary}"
"""


@pytest.mark.parametrize(
    ("source", "summary", "said"),
    [
        ("", "A note\\u0000.", "n1: summary: summary holds a NUL character (U+0000)"),
        ('\ntitle = "\\u0000"', "A note.", "title: title holds a NUL character"),
    ],
    ids=["summary", "source-title"],
)
def test_a_pack_with_a_nul_is_refused_naming_its_field(
    seeded_store: str, run: Run, tmp_path: Path, source: str, summary: str, said: str
) -> None:
    before = stored_rows(seeded_store)
    pack = tmp_path / "nul.toml"
    pack.write_text(PACK.format(source=source, summary=summary))
    added = run("add", str(pack))
    assert added.exit_code == 2
    assert said in added.stderr
    assert added.stderr.count("\n") == 1
    assert stored_rows(seeded_store) == before


@pytest.mark.parametrize(
    "args",
    [
        ("record", "exomars", "noted", "--on", "2022-03-02", "--summary", "a\udcffb"),
        ("record", "exomars", "noted", "--on", "2022-03-02", "--summary", "Fine."),
        ("register", "new-one", "--name", "New\udcff", "--on", "2022"),
        ("partner", "add", "newco", "--name", "New\udcffco", "--kind", "company"),
    ],
    ids=["record-summary", "record-source", "register-name", "partner-name"],
)
def test_a_command_with_text_that_is_not_utf_8_is_refused(
    seeded_store: str, run: Run, args: tuple[str, ...]
) -> None:
    """What bytes that are not UTF-8 become in a command's arguments."""
    before = stored_rows(seeded_store)
    source = "Bad\udcffsource" if args[-1] == "Fine." else "Test"
    done = run(*args, "--source", source)
    assert done.exit_code == 2, done.output
    assert "lone surrogate (U+DCFF: not UTF-8), which no store can hold" in (
        done.stderr
    )
    assert done.stderr.count("\n") == 1
    assert stored_rows(seeded_store) == before


def test_a_store_that_took_a_nul_in_is_recovered(seeded_store: str, run: Run) -> None:
    """An event with a NUL, committed by an earlier version (on PostgreSQL, its
    read model then could not take it in): every command answers, a record is
    written once, rebuild works, and verify names the event."""
    origin = mission_id("exomars")
    rows = execute(
        seeded_store,
        "SELECT originator_version, state FROM {events} WHERE originator_id = ?"
        " ORDER BY originator_version DESC LIMIT 1",
        [origin],
    )
    version, stored = rows[0][0], orjson.loads(bytes(rows[0][1]))
    state = {**stored, "id": "0b0b0b0b-0000-4000-8000-000000000002"}
    state.update(kind="noted", summary="A\x00note", previous=stored["digest"])
    for key in ("status", "by_party", "target", "vehicle"):
        state.pop(key, None)
    state["digest"] = stored_digest(str(origin), version + 1, state)
    execute(
        seeded_store,
        "INSERT INTO {events} (originator_id, originator_version, topic, state)"
        " VALUES (?, ?, ?, ?)",
        [origin, version + 1, "domain.events:Noted", orjson.dumps(state)],
    )
    listed = run("list", "--at", "2022-03-20")
    assert listed.exit_code == 0, listed.output
    assert "skipped event 0b0b0b0b (exomars version" in listed.stderr
    recorded = run(
        *("record", "exomars", "noted", "--on", "2022-03-21"),
        *("--summary", "After it.", "--source", "Test"),
    )
    assert recorded.exit_code == 0, recorded.output
    rebuilt = run("rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    verified = run("verify", "--json")
    assert verified.exit_code == 1
    problems = json.loads(verified.stdout)["problems"]
    assert [(p["event"], p["version"]) for p in problems] == [
        (state["id"], version + 1)
    ]
    assert "summary holds a NUL character" in problems[0]["problem"]
    log = json.loads(run("log", "exomars", "--json").stdout)
    assert [e["summary"] for e in log].count("After it.") == 1
    assert UUID(log[-1]["id"])
