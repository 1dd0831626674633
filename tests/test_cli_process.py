"""The command line's conventions, run as users run it: the installed console
script in a process of its own, on each kind of store."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import orjson
import pytest

from tests.processes import (
    INTERRUPTED,
    SCRIPT,
    closed_after_one_line,
    interrupted_import,
)
from tests.stores import stored_rows


def missions(store: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "--store", store, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def seeded(store: str) -> str:
    done = missions(store, "seed", "--only", "article", "--json")
    assert done.returncode == 0, done.stderr
    assert orjson.loads(done.stdout)["article"]["added"] == 39
    return store


def test_usage_errors_hint_and_refusals_say_what_is_right(seeded: str) -> None:
    missing = missions(seeded, "status")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == (
        "Error: Missing argument 'MISSION'. Try 'missions status --help'.\n"
    )
    both = missions(seeded, "log", "iss", "--json", "--ndjson")
    assert (both.returncode, both.stderr) == (
        2,
        "Error: --json and --ndjson cannot go together; choose one\n",
    )
    empty = missions(seeded, "list", "--at", "")
    assert empty.returncode == 2
    assert empty.stderr.count("\n") == 1


def test_a_closed_pipe_and_an_output_that_cannot_encode(seeded: str) -> None:
    assert closed_after_one_line("--store", seeded, "export") == (0, b"")
    logged = missions(seeded, "log", "change-6", PYTHONIOENCODING="ascii")
    assert (logged.returncode, logged.stderr) == (0, "")
    assert logged.stdout.isascii()


def test_ctrl_c_during_an_import_exits_130_and_writes_nothing(seeded: str) -> None:
    exported = missions(seeded, "export").stdout
    before = stored_rows(seeded)
    half = exported.encode()[: len(exported) // 2]
    assert interrupted_import(seeded, half) == (130, b"", INTERRUPTED.encode())
    assert stored_rows(seeded) == before


def test_writing_commands_say_what_they_did_as_json(seeded: str) -> None:
    on = ["--on", "2022-03-17", "--source", "ESA"]
    registered = missions(seeded, "register", "hera", "--name", "Hera", *on, "--json")
    assert orjson.loads(registered.stdout)["mission"] == "hera"
    recorded = missions(
        seeded, "record", "hera", "status-changed", "--status", "planned", *on, "--json"
    )
    assert orjson.loads(recorded.stdout)["kind"] == "status-changed"
    rebuilt = missions(seeded, "rebuild", "--json")
    assert set(orjson.loads(rebuilt.stdout)) == {"events", "states"}
    said = orjson.loads(missions(seeded, "store", "--json").stdout)
    assert (said["missions"], said["read_model"]["behind"]) == (9, 0)


def test_empty_answers_and_tables_that_fit(seeded: str) -> None:
    early = missions(seeded, "list", "--known-at", "2000-01-01")
    assert early.stdout.endswith("Nothing was tracked yet as known at 2000-01-01.\n")
    narrow = missions(seeded, "list", "--at", "2022-03-01", COLUMNS="60")
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60
    assert "…" in narrow.stdout


def test_a_read_only_store_answers_and_refuses_writes(seeded: str) -> None:
    before = stored_rows(seeded)
    asked = missions(seeded, "--read-only", "status", "exomars", "--at", "2022-03-01")
    assert (asked.returncode, asked.stderr) == (0, "")
    assert "at_risk" in asked.stdout
    refused = missions(seeded, "--read-only", "seed")
    assert refused.returncode == 1
    assert "is read-only" in refused.stderr
    assert stored_rows(seeded) == before


QUESTIONS = [
    ["list", "--at", "2022-03-01"],
    ["status", "exomars"],
    ["log", "iss"],
    ["history", "exomars"],
    ["changes", "--from", "2022-01-01", "--to", "2022-12-31"],
    ["partners"],
    ["timeline"],
    ["export"],
    ["verify"],
    ["store"],
]


def _on_a_read_only_mount(folder: Path, *commands: list[str]) -> list[str]:
    """Each command's exit code and stderr, run on `folder/missions.db` seen
    through a read-only bind mount, made in a mount namespace of its own (so
    that nothing is left mounted)."""
    mounted = folder / "read-only"
    mounted.mkdir()
    runs = " ".join(
        f"{shlex.join([str(SCRIPT), '--store', str(mounted / 'missions.db'), *c])}"
        ' >/dev/null 2>err; echo "$? $(cat err)";'
        for c in commands
    )
    script = (
        f"mount --bind {folder / 'store'} {mounted}"
        f" && mount -o remount,ro,bind {mounted} && cd {folder} && {runs}"
    )
    done = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_store_on_a_read_only_mount_answers_questions_and_refuses_writes(
    tmp_path: Path,
) -> None:
    if subprocess.run(["unshare", "--mount", "true"], check=False).returncode:
        pytest.skip("this user may not make a mount namespace (needs CAP_SYS_ADMIN)")
    (tmp_path / "store").mkdir()
    store = str(tmp_path / "store" / "missions.db")
    assert missions(store, "seed", "--only", "article").returncode == 0
    before = stored_rows(store)
    said = _on_a_read_only_mount(tmp_path, *QUESTIONS, ["seed"], ["rebuild"])
    assert said[: len(QUESTIONS)] == ["0 "] * len(QUESTIONS)
    for refused in said[len(QUESTIONS) :]:
        assert refused.startswith("1 Error: the store ")
        assert "is read-only" in refused
    assert stored_rows(store) == before
