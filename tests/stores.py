"""Stores for tests: a SQLite file or a PostgreSQL schema of its own for each test,
read raw, copied, and cleaned up.

A store is named by the URL `missions --store` takes: a file path for SQLite, and
`postgresql://...?schema=NAME` for PostgreSQL.

PostgreSQL stores are schemas of one server and database, which the environment
variable MISSIONS_TEST_POSTGRES_URL names as postgresql://USER[:PASSWORD]@HOST[:PORT]/
DBNAME (no query); it defaults to the local server, as in CI:
postgresql://postgres@127.0.0.1:5432/test. Each test gets a schema with a unique name,
dropped (CASCADE) after it. The server is probed once per session: if it cannot be
reached, PostgreSQL tests are skipped with the reason, unless MISSIONS_REQUIRE_POSTGRES
is 1 (as .ci/run sets it), in which case they fail.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit
from uuid import UUID, uuid4

import orjson
import psycopg
import pytest
from click.testing import CliRunner
from psycopg import sql

from adapters.eventstore.tracker import MissionTracker
from cli.main import cli

Kind = Literal["sqlite", "postgres"]
#: The kinds of store every test that touches one runs on, also its test ids.
KINDS: tuple[Kind, ...] = ("sqlite", "postgres")
#: The server and database of PostgreSQL test stores.
SERVER_VARIABLE = "MISSIONS_TEST_POSTGRES_URL"
LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/test"
#: Set to 1, an unreachable server fails PostgreSQL tests rather than skip them.
REQUIRE_VARIABLE = "MISSIONS_REQUIRE_POSTGRES"
#: The events and snapshots tables eventsourcing creates, by kind of store.
TABLES: dict[Kind, tuple[str, str]] = {
    "sqlite": ("stored_events", "stored_snapshots"),
    "postgres": ("missions_events", "missions_snapshots"),
}

Row = tuple[Any, ...]

_probed: dict[str, str | None] = {}
_connections: dict[str, psycopg.Connection[tuple[Any, ...]]] = {}


# The server


def server_url() -> str:
    """The PostgreSQL server and database the tests use."""
    return os.environ.get(SERVER_VARIABLE) or LOCAL_SERVER


def server_address(url: str) -> str:
    """HOST:PORT of a PostgreSQL URL."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}"


def unreachable() -> str | None:
    """Why the server cannot be used, in one line, or None if it can; the server
    is asked once per session."""
    url = server_url()
    if url not in _probed:
        try:
            with psycopg.connect(url, connect_timeout=3, autocommit=True) as probe:
                probe.execute("SELECT 1")
            _probed[url] = None
        except psycopg.Error as error:
            _probed[url] = " ".join(str(error).split()) or type(error).__name__
    return _probed[url]


def require_postgres() -> None:
    """Skip the test if the server cannot be reached, or fail it if it must be."""
    reason = unreachable()
    if reason is None:
        return
    message = f"PostgreSQL is not reachable at {server_address(server_url())}: {reason}"
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{message} ({REQUIRE_VARIABLE}=1)", pytrace=False)
    pytest.skip(message)


# Store URLs


def kind_of(url: str) -> Kind:
    """The kind of store a URL names."""
    return "postgres" if url.startswith(("postgresql://", "postgres://")) else "sqlite"


def schema_of(url: str) -> str:
    """The schema of a PostgreSQL store URL."""
    (schema,) = parse_qs(urlsplit(url).query)["schema"]
    return schema


def sqlite_file(url: str) -> Path:
    """The file of a SQLite store URL (a path, or sqlite:///PATH)."""
    return Path(url.removeprefix("sqlite:///"))


def tables(url: str) -> tuple[str, str]:
    """The names of the store's events and snapshots tables."""
    return TABLES[kind_of(url)]


def new_store(kind: Kind, folder: Path, name: str = "missions") -> str:
    """The URL of a store of that kind that nothing has used yet: a file in `folder`
    for SQLite, a schema with a unique name for PostgreSQL."""
    if kind == "sqlite":
        return str(folder / f"{name}.db")
    require_postgres()
    return f"{server_url()}?schema={name}_{uuid4().hex}"


def exists(url: str) -> bool:
    """Whether anything made the store: its file, or its schema."""
    if kind_of(url) == "sqlite":
        return sqlite_file(url).exists()
    found = _connection(url).execute(
        "SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema_of(url)]
    )
    return found.fetchone() is not None


def drop(url: str) -> None:
    """Remove a PostgreSQL store's schema and everything in it (a SQLite file is left
    to the temporary folder)."""
    if kind_of(url) == "postgres":
        statement = sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE")
        _connection(url).execute(statement.format(sql.Identifier(schema_of(url))))


@contextmanager
def fresh_store(kind: Kind, folder: Path, name: str = "missions") -> Iterator[str]:
    """A new store of that kind, cleaned up afterwards."""
    url = new_store(kind, folder, name)
    try:
        yield url
    finally:
        drop(url)


def copy_store(source: str, target: str) -> None:
    """Fill an unused store with every row of another of the same kind, as stored."""
    assert kind_of(source) == kind_of(target), (source, target)
    if kind_of(source) == "sqlite":
        # The backup API, unlike a file copy, sees what is still in the write-ahead log.
        with (
            closing(sqlite3.connect(sqlite_file(source))) as db,
            closing(sqlite3.connect(sqlite_file(target))) as copy,
        ):
            db.backup(copy)
        return
    MissionTracker(target).close()  # creates the schema, its tables and types
    connection = _connection(target)
    with connection.transaction():
        for table in TABLES["postgres"]:
            connection.execute(
                sql.SQL("INSERT INTO {} SELECT * FROM {}").format(
                    sql.Identifier(schema_of(target), table),
                    sql.Identifier(schema_of(source), table),
                )
            )
        events = sql.Identifier(schema_of(target), TABLES["postgres"][0])
        # The copied notification ids were drawn from the source's sequence.
        connection.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({}, 'notification_id'),"
                " max(notification_id)) FROM {} HAVING count(*) > 0"
            ).format(sql.Literal(events.as_string(connection)), events)
        )


class Articles:
    """Stores seeded once by `missions seed`, one of each kind, made when first
    asked for and dropped at the end of the session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stack = ExitStack()
        self.made: dict[tuple[Kind, str], str] = {}

    def of(self, kind: Kind) -> str:
        """The store of that kind `missions seed --only article` filled; it must
        only be read."""
        return self._seeded(kind, "article", "--only", "article")

    def every_pack(self, kind: Kind) -> str:
        """The store of that kind `missions seed` filled (the article and every
        built-in pack); it must only be read."""
        return self._seeded(kind, "packs")

    def _seeded(self, kind: Kind, name: str, *options: str) -> str:
        if (kind, name) not in self.made:
            url = self.stack.enter_context(fresh_store(kind, self.folder, name))
            result = CliRunner().invoke(cli, ["--store", url, "seed", *options])
            assert result.exit_code == 0, result.output
            self.made[kind, name] = url
        return self.made[kind, name]


# Raw rows


def execute(url: str, statement: str, params: Sequence[Any] = ()) -> list[Row]:
    """Run one SQL statement on the store's own tables, bypassing the tracker, and
    return the rows it gives, if any.

    `{events}` and `{snapshots}` in the statement stand for the store's tables and `?`
    for a parameter; a UUID parameter is stored as SQLite stores originator ids."""
    events, snapshots = tables(url)
    if kind_of(url) == "sqlite":
        text = statement.format(events=events, snapshots=snapshots)
        values = [p.hex if isinstance(p, UUID) else p for p in params]
        with closing(sqlite3.connect(sqlite_file(url))) as db, db:
            done = db.execute(text, values)
            return done.fetchall() if done.description else []
    schema = schema_of(url)
    query = sql.SQL(statement.replace("?", "%s")).format(
        events=sql.Identifier(schema, events),
        snapshots=sql.Identifier(schema, snapshots),
    )
    cursor = _connection(url).execute(query, list(params))
    return cursor.fetchall() if cursor.description else []


def stored_state(url: str, origin: UUID, version: int) -> dict[str, Any]:
    """The stored state of a mission's event, read raw."""
    rows = execute(
        url,
        "SELECT state FROM {events} WHERE originator_id = ? AND originator_version = ?",
        [origin, version],
    )
    found = orjson.loads(bytes(rows[0][0]))
    assert isinstance(found, dict)
    return found


def stored_rows(url: str) -> list[Row]:
    """Every raw row of the store's events and snapshots tables, read without
    touching the store, for before/after checks: (table, originator_id,
    originator_version, topic, state, ...), where an event's row ends with its
    notification id (SQLite's rowid); states are bytes. No store yet, no rows."""
    events, snapshots = tables(url)
    found = _tables_in(url)
    return [
        (table, *row)
        for table, extra in ((events, ", rowid"), (snapshots, ""))
        if table in found
        for row in _select_all(url, table, extra)
    ]


def _tables_in(url: str) -> set[str]:
    if kind_of(url) == "sqlite":
        if not sqlite_file(url).exists():
            return set()
        with closing(_read_only(url)) as db:
            names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {name for (name,) in names}
    listed = _connection(url).execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
        [schema_of(url)],
    )
    return {str(name) for (name,) in listed}


def _select_all(url: str, table: str, sqlite_extra: str) -> list[Row]:
    order = "ORDER BY originator_id, originator_version"
    if kind_of(url) == "sqlite":
        with closing(_read_only(url)) as db:
            return db.execute(f"SELECT *{sqlite_extra} FROM {table} {order}").fetchall()
    name = sql.Identifier(schema_of(url), table)
    query = sql.SQL("SELECT * FROM {} ").format(name) + sql.SQL(order)
    return _connection(url).execute(query).fetchall()


def _read_only(url: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{sqlite_file(url)}?mode=ro", uri=True)


def _connection(url: str) -> psycopg.Connection[tuple[Any, ...]]:
    """One connection to the store's server for the whole session, in autocommit."""
    server = urlsplit(url)._replace(query="").geturl()
    connection = _connections.get(server)
    if connection is None or connection.closed or connection.broken:
        connection = psycopg.connect(server, connect_timeout=5, autocommit=True)
        # A test that left a transaction open must not hang the suite.
        connection.execute("SET lock_timeout = '10s'")
        _connections[server] = connection
    return connection
