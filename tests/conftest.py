"""Shared fixtures: a real store for each test, on SQLite and on PostgreSQL, and the
CLI runner (the stores themselves are in tests/stores.py)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters.eventstore.tracker import MissionTracker
from adapters.packs.seed import seed_article
from cli.main import cli
from tests import two_axes
from tests.browser import browser  # noqa: F401  (a fixture)
from tests.living_docs import launches_in
from tests.stores import KINDS, Articles, Kind, copy_store, fresh_store, kind_of

#: Small, so that tests cross several snapshots of every mission.
SNAPSHOT_INTERVAL = 3

Run = Callable[..., Result]
#: A new store of the kind of the test's store, cleaned up after the test.
NewStore = Callable[[], str]


@pytest.fixture(params=KINDS, ids=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh store: a SQLite file, or a PostgreSQL schema of its own
    that is dropped after the test."""
    kind: Kind = request.param
    with fresh_store(kind, tmp_path) as url:
        yield url


@pytest.fixture
def other_store(store: str, tmp_path: Path) -> Iterator[NewStore]:
    """Makes more fresh stores of the kind of `store`, all cleaned up after the test."""
    with ExitStack() as stack:
        made: list[str] = []

        def make() -> str:
            name = f"other{len(made)}"
            made.append(
                stack.enter_context(fresh_store(kind_of(store), tmp_path, name))
            )
            return made[-1]

        yield make


@pytest.fixture
def tracker(store: str) -> Iterator[MissionTracker]:
    """A tracker on a fresh store, snapshotting every few events."""
    app = MissionTracker(store, snapshot_interval=SNAPSHOT_INTERVAL)
    yield app
    app.close()


@pytest.fixture
def seeded(tracker: MissionTracker) -> MissionTracker:
    """A tracker holding the facts of the article."""
    seed_article(tracker)
    return tracker


@pytest.fixture
def run(store: str) -> Run:
    """Run `missions --store STORE ARGS...` in-process; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--store", store, *args])

    return invoke


@pytest.fixture(scope="session")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Articles]:
    """The seeded stores, shared by every test of the session."""
    found = Articles(tmp_path_factory.mktemp("article"))
    with found.stack:
        yield found


@pytest.fixture
def query(store: str, articles: Articles) -> Run:
    """Run a read-only `missions` command on the seeded store of the test's kind."""
    runner = CliRunner()
    seeded = articles.of(kind_of(store))

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--store", seeded, *args])

    return invoke


@pytest.fixture
def every_pack(store: str, articles: Articles) -> Run:
    """Run a read-only `missions` command on the store `missions seed` filled."""
    seeded = articles.every_pack(kind_of(store))

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--store", seeded, *args])

    return invoke


@pytest.fixture
def seeded_store(store: str, articles: Articles) -> str:
    """The `run` fixture's store, holding a copy of the seeded store."""
    copy_store(articles.of(kind_of(store)), store)
    return store


@pytest.fixture
def seeded_every_pack(store: str, articles: Articles) -> str:
    """The `run` fixture's store, holding a copy of the store `missions seed`
    filled (the article and every built-in pack)."""
    copy_store(articles.every_pack(kind_of(store)), store)
    return store


@pytest.fixture
def suspended(run: Run, seeded_store: str) -> dict[str, Any]:
    """ExoMars suspended on 7 March 2022 (as first reported), after the seed."""
    time.sleep(0.002)
    return two_axes.record(
        run,
        "exomars",
        "status-changed",
        "2022-03-07",
        "--status",
        "suspended",
        "--summary",
        "ESA's Council suspended ExoMars cooperation with Roscosmos.",
    )


@pytest.fixture
def launches(tmp_path: Path) -> Path:
    """A directory holding launches.feature (LAUNCHES of tests/living_docs.py)."""
    return launches_in(tmp_path)
