"""A store opened only to be read (`--read-only`, as a file or a mount that
cannot be written is opened): questions are answered from its read model as it
stands, saying so if it lags; writes are refused in one line; nothing is made or
changed in it. On both kinds of store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from adapters.eventstore.tracker import MissionTracker
from cli.main import cli
from domain.dates import WorldDate
from domain.events import Source
from domain.mission import Report
from tests.conftest import Run
from tests.stores import stored_rows

QUESTIONS = [
    ["list", "--at", "2022-03-01"],
    ["status", "exomars", "--at", "2022-03-01"],
    ["log", "exomars"],
    ["history", "exomars"],
    ["changes", "--from", "2022-02-24", "--to", "2022-03-03"],
    ["partners", "--at", "2022-03-01"],
    ["timeline"],
    ["export"],
    ["verify"],
    ["store"],
]
WRITES = [
    ["seed"],
    [
        "record",
        "iss",
        "noted",
        "--on",
        "2022-03-02",
        "--source",
        "X",
        "--summary",
        "Y.",
    ],
    ["register", "hera", "--name", "Hera", "--on", "2022", "--source", "ESA"],
    [
        "partner",
        "add",
        "hellas",
        "--name",
        "Hellas",
        "--kind",
        "country",
        "--source",
        "X",
    ],
    ["rebuild"],
]


def read_only(store: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", store, "--read-only", *args])


@pytest.fixture
def seeded(run: Run, store: str) -> str:
    assert run("seed", "--only", "article").exit_code == 0
    return store


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q[0])
def test_questions_are_answered_and_nothing_is_written(
    seeded: str, run: Run, question: list[str]
) -> None:
    before = stored_rows(seeded)
    asked = read_only(seeded, *question)
    assert asked.exit_code == 0, asked.output
    assert asked.stderr == ""
    assert asked.stdout == run(*question).stdout or question[0] == "store"
    assert stored_rows(seeded) == before


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w[0])
def test_writes_are_refused_in_one_line(seeded: str, write: list[str]) -> None:
    before = stored_rows(seeded)
    refused = read_only(seeded, *write)
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1
    assert "is read-only" in refused.stderr
    assert stored_rows(seeded) == before


def test_a_read_model_that_lags_is_said_once(seeded: str) -> None:
    tracker = MissionTracker(seeded)
    try:  # recorded without bringing the read model up to date
        on = WorldDate.day(date(2022, 3, 2))
        report = Report(occurred=on, source=Source(publication="X"))
        tracker.record("iss", "status-changed", report, {"status": "at_risk"})
    finally:
        tracker.close()
    asked = read_only(seeded, "status", "iss", "--at", "2022-03-05", "--json")
    assert asked.exit_code == 0
    assert orjson.loads(asked.stdout)["status"] == "operating"  # as it stood
    assert asked.stderr == (
        "The store is read-only, and its read model is 1 event behind them:"
        " the answer is as of its last update.\n"
    )


def test_a_sqlite_store_opened_read_only_leaves_no_lock_file(tmp_path: Path) -> None:
    store = str(tmp_path / "missions.db")
    seeded = CliRunner().invoke(cli, ["--store", store, "seed", "--only", "article"])
    assert seeded.exit_code == 0
    lock = tmp_path / "missions.db.lock"
    lock.unlink()
    before = sorted(tmp_path.iterdir())
    assert read_only(store, "list").exit_code == 0
    assert sorted(tmp_path.iterdir()) == before
