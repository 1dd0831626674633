"""Each event is checked by the scheme that sealed it (domain.chain): an old event
tampered with is still caught, as is a new one, and so is a new event relabelled
as if an older scheme had sealed it; what scheme 1 leaves out is reported, not
hidden. By import (the file refused, nothing written) and by verify (the store
edited by SQL behind the tracker's back)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
import pytest

from domain.chain import canonical_json
from tests.compat import Fixture, fixtures
from tests.conftest import Run
from tests.stores import execute, stored_rows

BY_NAME = {fixture.name: fixture for fixture in fixtures()}
#: Launch targets at class_version 2, sealed by scheme 1 (without it) and by
#: scheme 2 (with it); and the article, sealed by scheme 3, exported today.
SCHEME_1 = BY_NAME["2026-11-26-launch-vehicle"]
SCHEME_2 = BY_NAME["2026-12-04-sealed-schema-version"]

Edit = Callable[[dict[str, Any]], None]
DIGEST = "field state.digest does not match the event's content"
EDITED = "its content does not match its digest: edited after recording"


def _summary(state: dict[str, Any]) -> None:
    state["summary"] = "ESA said a September launch of ExoMars was likely."


def _target(state: dict[str, Any]) -> None:
    state["target"] = {"edtf": "2024", "earliest": "2024-01-01", "latest": "2024-12-31"}


def _lowered(state: dict[str, Any]) -> None:
    """Its schema version lowered to 1, so that the v1 to v2 upcaster drops its
    vehicle."""
    state.pop("class_version")


def _unnamed(state: dict[str, Any]) -> None:
    state.pop("seal_scheme")


def _named_none(state: dict[str, Any]) -> None:
    state["seal_scheme"] = None


def _named_2(state: dict[str, Any]) -> None:
    state["seal_scheme"] = 2


def _launch_target(lines: list[dict[str, Any]]) -> int:
    """The index of the first launch target stored at class_version 2."""
    return next(
        index
        for index, line in enumerate(lines)
        if line["state"].get("class_version") == 2
    )


def _today(run: Run, tmp_path: Path) -> list[dict[str, Any]]:
    """The article seeded by this tracker, as exported."""
    assert run("seed", "--only", "article").exit_code == 0
    out = tmp_path / "today.ndjson"
    assert run("export", "--out", str(out)).exit_code == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


def _write(lines: list[dict[str, Any]], path: Path) -> str:
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    return str(path)


OLD_EDITS = [
    pytest.param(SCHEME_1, _summary, id="scheme-1-summary"),
    pytest.param(SCHEME_1, _target, id="scheme-1-target"),
    pytest.param(SCHEME_2, _summary, id="scheme-2-summary"),
    pytest.param(SCHEME_2, _lowered, id="scheme-2-schema-version-lowered"),
]


@pytest.mark.parametrize(("fixture", "edit"), OLD_EDITS)
def test_an_old_event_tampered_with_is_refused_by_import(
    fixture: Fixture, edit: Edit, store: str, run: Run, tmp_path: Path
) -> None:
    lines = [dict(line, state=dict(line["state"])) for line in fixture.lines]
    index = _launch_target(lines)
    edit(lines[index]["state"])
    imported = run("import", _write(lines, tmp_path / "edited.ndjson"))
    assert imported.exit_code == 2  # bad input
    assert (
        imported.stderr == f"Error: line {index + 1}: {DIGEST}; nothing was imported\n"
    )
    assert stored_rows(store) == []


@pytest.mark.parametrize(("fixture", "edit"), OLD_EDITS)
def test_an_old_event_tampered_with_in_the_store_is_found_by_verify(
    fixture: Fixture, edit: Edit, store: str, run: Run
) -> None:
    assert run("import", str(fixture.export)).exit_code == 0
    line = fixture.lines[_launch_target(fixture.lines)]
    state = dict(line["state"])
    edit(state)
    _store(store, line, state)
    problems = json.loads(run("verify", "--json").stdout)["problems"]
    assert [(p["event"], p["problem"]) for p in problems] == [(state["id"], EDITED)]


NEW_EDITS = [
    pytest.param(_summary, "", id="summary"),
    pytest.param(_lowered, "", id="schema-version-lowered"),
    pytest.param(_unnamed, "", id="relabelled-as-unnamed"),
    pytest.param(_named_none, "", id="relabelled-as-none"),
    pytest.param(_named_2, "not a valid event: seal_scheme", id="relabelled-as-2"),
]


@pytest.mark.parametrize(("edit", "refusal"), NEW_EDITS)
def test_a_new_event_tampered_with_or_relabelled_is_refused_by_import(
    edit: Edit, refusal: str, run: Run, tmp_path: Path, other_store: Callable[[], str]
) -> None:
    lines = _today(run, tmp_path)
    index = _launch_target(lines)
    assert lines[index]["state"]["seal_scheme"] == 3
    edit(lines[index]["state"])
    target = other_store()
    from tests.test_compat import missions

    imported = missions(target, "import", _write(lines, tmp_path / "edited.ndjson"))
    assert imported.exit_code == 2  # bad input
    said = imported.stderr.removeprefix(f"Error: line {index + 1}: ")
    assert said.startswith(refusal or DIGEST), imported.stderr
    assert said.endswith("; nothing was imported\n")
    assert stored_rows(target) == []


@pytest.mark.parametrize(("edit", "refusal"), NEW_EDITS)
def test_a_new_event_tampered_with_or_relabelled_in_the_store_is_found_by_verify(
    edit: Edit, refusal: str, store: str, run: Run, tmp_path: Path
) -> None:
    lines = _today(run, tmp_path)
    line = lines[_launch_target(lines)]
    state = dict(line["state"])
    edit(state)
    _store(store, line, state)
    verified = run("verify", "--json")
    assert verified.exit_code == 1
    problems = json.loads(verified.stdout)["problems"]
    found = [p["problem"] for p in problems if p["event"] == state["id"]]
    assert EDITED in found
    assert len(problems) == len(found)  # the chain after it holds: its digest stood


def test_what_scheme_1_leaves_out_is_reported_not_hidden(
    run: Run, tmp_path: Path
) -> None:
    """Scheme 1 did not seal class_version: lowering it does not show, and verify
    says in how many events it could not."""
    lines = [dict(line, state=dict(line["state"])) for line in SCHEME_1.lines]
    _lowered(lines[_launch_target(lines)]["state"])
    assert run("import", _write(lines, tmp_path / "lowered.ndjson")).exit_code == 0
    verified = run("verify")
    assert verified.exit_code == 0
    uncovered = sum(
        1 for line in SCHEME_1.lines if "LaunchTargetChanged" in line["topic"]
    )
    assert verified.stdout.splitlines()[1] == (
        f"Sealed by an older scheme: {len(lines)} events, which name no scheme"
        f" (1 by scheme 1, {len(lines) - 1} by scheme 1 or 2, which seal them"
        " alike). Scheme 1 does not cover an event's schema version"
        f" (class_version): a change to it would not show in {uncovered} of them."
    )
    older = json.loads(run("verify", "--json").stdout)["older_schemes"]
    assert older == {
        "events": len(lines),
        "scheme_1": 1,
        "scheme_2": 0,
        "scheme_1_or_2": len(lines) - 1,
        "not_covered": {"class_version": uncovered},
    }


def test_a_store_sealed_today_names_no_older_scheme(
    seeded_store: str, run: Run
) -> None:
    verified = run("verify")
    assert verified.exit_code == 0
    assert len(verified.stdout.splitlines()) == 1
    older = json.loads(run("verify", "--json").stdout)["older_schemes"]
    assert older["events"] == 0


def _store(store: str, line: dict[str, Any], state: dict[str, Any]) -> None:
    """Overwrite an event's stored state, behind the tracker's back."""
    execute(
        store,
        "UPDATE {events} SET state = ?"
        " WHERE originator_id = ? AND originator_version = ?",
        [
            orjson.dumps(state),
            UUID(line["originator_id"]),
            line["originator_version"],
        ],
    )


def _readme_line() -> dict[str, Any]:
    """The export line the README seals by hand, as an example."""
    text = (Path(__file__).parent.parent / "README.md").read_text()
    found = re.search(r"For example, the partner .+?```json\n(.+?)\n```", text, re.S)
    assert found is not None
    line: dict[str, Any] = json.loads(found.group(1))
    return line


def _canonical(value: Any) -> str:
    """Canonical JSON as the README writes it out, step by step, without the
    project's own function (nor json's sort_keys)."""
    if isinstance(value, dict):
        ordered = sorted(value.items(), key=lambda item: [ord(c) for c in item[0]])
        inner = ",".join(f"{_canonical(k)}:{_canonical(v)}" for k, v in ordered)
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    if isinstance(value, str):
        named = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
        named |= {"\b": "\\b", "\f": "\\f"}
        return (
            '"'
            + "".join(
                named.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 else c)
                for c in value
            )
            + '"'
        )
    if value is True or value is False or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    assert isinstance(value, int)
    return str(value)


def test_the_readme_s_line_is_sealed_as_the_readme_says(
    run: Run, tmp_path: Path
) -> None:
    line = _readme_line()
    state = line["state"]
    assert (state["previous"], state["seal_scheme"]) == ("", 3)
    sealed = {k: v for k, v in state.items() if k != "digest"}
    sealed |= {k: line[k] for k in ("originator_id", "originator_version")}
    text = _canonical(sealed).encode("utf-8")
    assert hashlib.sha256(text).hexdigest() == state["digest"]
    odd = {"é": "\u2028\x01\x7f", "\ue000": 1, "\U0001f600": [True, None], "a": "\\"}
    assert _canonical(odd) == canonical_json(odd).decode()
    imported = run("import", _write([line], tmp_path / "readme.ndjson"))
    assert imported.stdout == "Imported 1 of 1 event.\n", imported.output
    verified = run("verify")
    assert verified.exit_code == 0
    assert len(verified.stdout.splitlines()) == 1  # sealed by today's scheme


def test_the_readme_s_verify_is_what_verify_says(run: Run) -> None:
    text = (Path(__file__).parent.parent / "README.md").read_text()
    found = re.search(r"```console\n\$ missions verify\n(.+?)```", text, re.S)
    assert found is not None
    assert run("import", str(BY_NAME["2026-11-26-read-model"].export)).exit_code == 0
    assert run("verify").stdout == found.group(1)
