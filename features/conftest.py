"""Steps shared by every feature: they type `missions` commands on a real store.

Every scenario runs twice, on a SQLite file of its own in a temporary folder and on a
PostgreSQL schema of its own, dropped after it (see tests/stores.py). Commands run
in-process through click's CliRunner, exactly as typed after `missions`; answers are
read from `--json`.
A `[name]` in a command, an error or a log entry stands for what the scenario noted
under that name: the id of an event it recorded, or the time at some point of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from features.scenario import Noted
from tests.stores import (
    KINDS,
    Articles,
    Kind,
    fresh_store,
)


@pytest.fixture(params=KINDS, ids=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The store the tracker keeps its facts in: a SQLite file, or a PostgreSQL
    schema of its own that is dropped after the scenario."""
    kind: Kind = request.param
    with fresh_store(kind, tmp_path) as url:
        yield url


@pytest.fixture
def noted() -> Noted:
    """What the scenario has noted so far: event ids and times, by name."""
    return {}


@pytest.fixture(scope="session")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Articles]:
    """Stores seeded once by `missions seed`, one of each kind, to be copied."""
    found = Articles(tmp_path_factory.mktemp("article"))
    with found.stack:
        yield found
