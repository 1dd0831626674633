"""Shared fixtures: real SQLite stores in temporary folders, and the CLI runner."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.seed import seed_article
from adapters.tracker import MissionTracker
from cli.main import cli

#: Small, so that tests cross several snapshots of every mission.
SNAPSHOT_INTERVAL = 3

Run = Callable[..., Result]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """The path of a fresh SQLite store file."""
    return tmp_path / "missions.db"


@pytest.fixture
def tracker(store_path: Path) -> Iterator[MissionTracker]:
    """A tracker on a fresh SQLite file, snapshotting every few events."""
    app = MissionTracker(str(store_path), snapshot_interval=SNAPSHOT_INTERVAL)
    yield app
    app.close()


@pytest.fixture
def seeded(tracker: MissionTracker) -> MissionTracker:
    """A tracker holding the facts of the article."""
    seed_article(tracker)
    return tracker


@pytest.fixture
def run(store_path: Path) -> Run:
    """Run `missions --store <file> ARGS...` in-process; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--store", str(store_path), *args])

    return invoke


def stored_rows(path: Path) -> list[tuple[object, ...]]:
    """Every raw row of the events and snapshots tables, for before/after checks."""
    with closing(sqlite3.connect(path)) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        return [
            (table, *row)
            for table in tables
            for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
        ]
