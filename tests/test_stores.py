"""The tests' own stores: each kind is really used, each test's store is its own and
is cleaned up, and an unreachable PostgreSQL server skips, or fails when required."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from psycopg import sql

from adapters.dates import parse_edtf
from adapters.eventstore.stores import display
from adapters.eventstore.tracker import MissionTracker
from adapters.packs.seed import seed_lines
from cli.main import cli
from domain.events import Source
from domain.mission import Report
from tests.conftest import NewStore
from tests.stores import (
    REQUIRE_VARIABLE,
    SERVER_VARIABLE,
    exists,
    fresh_store,
    kind_of,
    require_postgres,
    schema_of,
    server_url,
    sqlite_file,
    stored_rows,
    tables,
)

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider"]
FACTS = len(seed_lines())


def count(store: str, table: str) -> int:
    """How many rows a table of the store holds, asked without the tests' helpers."""
    if kind_of(store) == "sqlite":
        with closing(sqlite3.connect(sqlite_file(store))) as db:
            (found,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
            return int(found)
    with psycopg.connect(server_url()) as connection:
        name = sql.Identifier(schema_of(store), table)
        row = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(name))
        (found,) = row.fetchone() or (0,)
        return int(found)


def test_each_kind_of_store_keeps_the_facts_in_its_own_tables(
    request: pytest.FixtureRequest, seeded: MissionTracker, store: str
) -> None:
    # With MISSIONS_REQUIRE_POSTGRES=1 (CI) the postgres run cannot be skipped: it
    # proves the facts really went to the server, in the test's own schema.
    kind = request.node.callspec.params["store"]
    assert kind_of(store) == kind
    events, snapshots = tables(store)
    assert (events, snapshots) == {
        "sqlite": ("stored_events", "stored_snapshots"),
        "postgres": ("missions_events", "missions_snapshots"),
    }[kind]
    assert count(store, events) == FACTS
    assert count(store, snapshots) > 0
    assert sum(1 for row in stored_rows(store) if row[0] == events) == FACTS
    if kind == "postgres":
        # On the server named by MISSIONS_TEST_POSTGRES_URL, in a schema of the test's
        # own, not in the public one.
        assert store.startswith(f"{server_url()}?schema=missions_")
        with psycopg.connect(server_url()) as connection:
            public = connection.execute(
                "SELECT count(*) FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_name = %s",
                [events],
            ).fetchone()
        assert public == (0,)


def test_a_postgresql_store_is_dropped_with_everything_in_it(tmp_path: Path) -> None:
    with fresh_store("postgres", tmp_path) as store:
        tracker = MissionTracker(store)
        tracker.close()
        assert exists(store)
        assert stored_rows(store) == []
    assert not exists(store)
    assert stored_rows(store) == []


def test_the_stores_of_a_test_are_apart(store: str, other_store: NewStore) -> None:
    other = other_store()
    assert other != store
    assert kind_of(other) == kind_of(store)
    first = MissionTracker(store)
    try:
        first.register(
            "exomars",
            "ExoMars",
            [],
            Report(occurred=parse_edtf("2016"), source=Source(publication="ESA")),
        )
    finally:
        first.close()
    assert len(stored_rows(store)) == 1
    assert stored_rows(other) == []


def pytest_of(target: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run pytest on one test of this module in a process of its own, with the
    PostgreSQL server pointed at a closed port."""
    chosen = {k: v for k, v in os.environ.items() if k != REQUIRE_VARIABLE}
    chosen[SERVER_VARIABLE] = "postgresql://postgres@127.0.0.1:1/test"
    return subprocess.run(
        [*PYTEST, f"{Path(__file__).relative_to(ROOT)}::{target}"],
        env={**chosen, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


#: The PostgreSQL run of a test that needs nothing but a store.
PROBED = "test_the_stores_of_a_test_are_apart"


def test_an_unreachable_server_skips_the_postgresql_tests_with_the_reason() -> None:
    done = pytest_of(PROBED)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped in" in done.stdout.splitlines()[-1], done.stdout
    assert re.search(
        r"^SKIPPED \[1\] tests/test_stores\.py:\d+: PostgreSQL is not reachable at"
        r" 127\.0\.0\.1:1: connection failed: .*Connection refused",
        done.stdout,
        re.M,
    ), done.stdout


def test_an_unreachable_server_fails_the_postgresql_tests_when_required() -> None:
    done = pytest_of(PROBED, **{REQUIRE_VARIABLE: "1"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed, 1 error in" in done.stdout.splitlines()[-1], done.stdout
    assert f"ERROR at setup of {PROBED}[postgres]" in done.stdout
    assert re.search(
        r"^PostgreSQL is not reachable at 127\.0\.0\.1:1: connection failed: .*"
        rf"Connection refused.* \({REQUIRE_VARIABLE}=1\)$",
        done.stdout,
        re.M,
    ), done.stdout


def test_a_device_is_no_store_and_nothing_is_made_beside_it(tmp_path: Path) -> None:
    """A character device (here a copy of /dev/null) named as the store is
    refused, and no journal or lock file is left beside it."""
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = CliRunner().invoke(cli, ["--store", str(device), "seed"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: cannot use {str(device)!r} as a store: it is a character device;"
        " name a SQLite file, or one to make\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.parametrize("schema", ["information_schema", "pg_catalog", "pg_temp"])
def test_a_schema_postgresql_keeps_for_itself_is_no_store(schema: str) -> None:
    url = f"{server_url()}?schema={schema}"
    result = CliRunner().invoke(cli, ["--store", url, "list"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: PostgreSQL keeps the schema {schema!r} for itself: name a schema"
        " of your own (e.g. ?schema=newsroom_2022)\n"
    )


@pytest.mark.parametrize("flags", [[], ["--read-only"]], ids=["", "read-only"])
@pytest.mark.parametrize(
    "question", [["list"], ["status", "exomars"], ["partners"], ["verify"]]
)
def test_a_question_of_a_mistyped_schema_is_refused_and_makes_nothing(
    flags: list[str], question: list[str]
) -> None:
    """As a question of a SQLite file that does not exist: one line naming the
    store, exit 1, and no schema made (the installed console script)."""
    require_postgres()
    schema = f"typo_{os.getpid()}_{len(flags)}_{question[0]}"
    url = f"{server_url()}?schema={schema}"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "missions"),
            "--store",
            url,
            *flags,
            *question,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"Error: no store at {display(server_url())}?schema={schema}: run"
        " `missions seed` to make one with the built-in facts, or choose one with"
        " --store\n"
    )
    with psycopg.connect(server_url()) as connection:
        made = connection.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)
        ).fetchone()
    assert made == (0,)


@pytest.mark.parametrize(
    "refused",
    [
        ["import", "{bad}"],
        [
            "record",
            "exomars",
            "noted",
            "--on",
            "2022",
            "--summary",
            "A.",
            "--source",
            "B",
        ],
        ["add", "{bad}"],
        ["register", "probe", "--name", "Probe", "--on", "2022"],
    ],
    ids=["import", "record", "add", "register"],
)
def test_a_refused_write_to_a_new_store_leaves_no_store_behind(
    store: str, tmp_path: Path, refused: list[str]
) -> None:
    """The store did not exist; refused, the command leaves none (the installed
    console script): no file beside it either, and no schema."""
    bad = tmp_path / "bad.ndjson"
    bad.write_text('{"bad": 1}\n', encoding="utf-8")
    args = [str(bad) if arg == "{bad}" else arg for arg in refused]
    before = sorted(tmp_path.iterdir())
    done = subprocess.run(
        [str(Path(sys.executable).parent / "missions"), "--store", store, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in {1, 2}, done.stderr
    assert done.stderr.startswith("Error: ")
    assert not exists(store)
    assert sorted(tmp_path.iterdir()) == before


def test_a_store_that_a_refused_command_finds_made_is_kept(store: str) -> None:
    """A store that another command made meanwhile, and wrote to, is never taken
    away: only an empty one is."""
    from cli.context import MADE, unmake_what_was_made

    MissionTracker(store).close()
    seeded = CliRunner().invoke(cli, ["--store", store, "seed", "--only", "article"])
    assert seeded.exit_code == 0, seeded.output
    rows = stored_rows(store)
    MADE.append(store)
    unmake_what_was_made()
    assert stored_rows(store) == rows
    assert MADE == []
