"""The events table inside an import's transaction, as each kind of store keeps it:
SQLite through this process's connection, a SQLite file written by a process of
its own (`bulkwriter`), and PostgreSQL as its recorder writes. The import reads
what the store held before through it, and writes the new events."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import IO, TYPE_CHECKING, Any, Protocol
from uuid import UUID

import orjson
from eventsourcing.persistence import StoredEvent

from adapters.errors import InputError
from adapters.eventstore.persistence import OrjsonTranscoder, PydanticMapper, load
from adapters.evidence import bulkwriter, heap
from domain.events import Event

if TYPE_CHECKING:
    import sqlite3

    from eventsourcing.postgres import PostgresApplicationRecorder
    from eventsourcing.sqlite import SQLiteApplicationRecorder
    from psycopg import Cursor
    from psycopg.rows import DictRow

    from adapters.eventstore.tracker import MissionTracker
    from adapters.readmodel.recorders import Dialect

#: A key, version, topic and state, as the store's table takes them.
Row = tuple[Any, int, str, bytes]


class Store(Protocol):
    """The events table, inside the import's transaction."""

    def key(self, origin: UUID) -> Any:
        """The mission's id as the table keeps it."""

    def last(self, key: Any) -> tuple[int, str]:
        """The mission's last stored version and its digest; (0, "") if none."""

    def states(self, key: Any, first: int, last: int) -> dict[int, bytes]:
        """The mission's stored states from version `first` to `last`."""

    def insert(self, rows: list[Row]) -> None:
        """Write new events."""

    def events(self, origin: UUID) -> Iterator[Event]:
        """The mission's stored events that load, in order (skipping any that do
        not: the rules are those of the events that count)."""

    def known_ids(self, ids: list[str]) -> set[str]:
        """Those of `ids` that are ids of events in the store."""

    def holds_events(self) -> bool:
        """Whether the store holds any event."""


def _lookup(view: Dialect) -> str:
    """The query of which ids (in `{marks}`, twice) are ids of stored events: the
    read model's indexes of facts and of corrections and retractions."""
    return view.sql(
        "SELECT id FROM {timeline_facts} WHERE id IN ({{marks}})"
        " UNION SELECT id FROM {timeline_amendments} WHERE id IN ({{marks}})"
    )


def _digest_in(state: bytes) -> str:
    """The digest a stored state carries; "" if none (a damaged store: the chain
    then does not continue from it)."""
    try:
        content = orjson.loads(state)
    except orjson.JSONDecodeError:
        return ""
    found = content.get("digest") if isinstance(content, dict) else None
    return found if isinstance(found, str) else ""


def transaction(tracker: MissionTracker) -> AbstractContextManager[Store]:
    """The events table in one transaction, which commits only if all goes well."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    recorder = tracker.recorder
    if isinstance(recorder, SQLiteApplicationRecorder):
        # The store's write lock is held: no event is recorded after this.
        tracker.catch_up()
        view = tracker.reader.view.dialect
        if recorder.datastore.pool.is_sqlite_memory_mode:
            return _sqlite_transaction(recorder, view)
        return _sqlite_writer_transaction(recorder, view)
    from eventsourcing.postgres import PostgresApplicationRecorder

    if isinstance(recorder, PostgresApplicationRecorder):
        return _postgres_transaction(tracker, recorder)
    raise TypeError(f"cannot import into a store of {type(recorder).__name__}")


@contextmanager
def _sqlite_transaction(
    recorder: SQLiteApplicationRecorder, view: Dialect
) -> Iterator[Store]:
    # BEGIN IMMEDIATE: the write lock from the first read, so that what is read
    # (each mission's last event) stays true until the commit.
    with (
        recorder.datastore.get_connection(commit=True) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield _SQLiteTable(recorder, cursor, view)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise


class _SQLiteTable:
    """eventsourcing's SQLite events table: ids as hex text, rows by executemany."""

    def __init__(
        self,
        recorder: SQLiteApplicationRecorder,
        cursor: sqlite3.Cursor,
        view: Dialect,
    ) -> None:
        table = recorder.events_table_name
        self.cursor = cursor
        self.lookup = _lookup(view)
        self.all_statement = (
            f"SELECT originator_version, topic, state FROM {table}"
            " WHERE originator_id = ? ORDER BY originator_version"
        )
        self.any_statement = f"SELECT 1 FROM {table} LIMIT 1"
        self.insert_statement = recorder.insert_events_statement
        self.last_statement = (
            f"SELECT originator_version, state FROM {table} WHERE originator_id = ?"
            " ORDER BY originator_version DESC LIMIT 1"
        )
        self.states_statement = (
            f"SELECT originator_version, state FROM {table} WHERE originator_id = ?"
            " AND originator_version BETWEEN ? AND ?"
        )

    def key(self, origin: UUID) -> Any:
        return origin.hex

    def last(self, key: Any) -> tuple[int, str]:
        found = self.cursor.execute(self.last_statement, (key,)).fetchone()
        return (0, "") if found is None else (found[0], _digest_in(found[1]))

    def states(self, key: Any, first: int, last: int) -> dict[int, bytes]:
        found = self.cursor.execute(self.states_statement, (key, first, last))
        return {version: bytes(state) for version, state in found}

    def insert(self, rows: list[Row]) -> None:
        self.cursor.executemany(self.insert_statement, rows)

    def events(self, origin: UUID) -> Iterator[Event]:
        found = self.cursor.execute(self.all_statement, (origin.hex,)).fetchall()
        return loaded(origin, ((v, t, bytes(s)) for v, t, s in found))

    def holds_events(self) -> bool:
        return self.cursor.execute(self.any_statement).fetchone() is not None

    def known_ids(self, ids: list[str]) -> set[str]:
        marks = ", ".join("?" * len(ids))
        found = self.cursor.execute(self.lookup.format(marks=marks), ids * 2)
        return {row[0] for row in found}


@contextmanager
def _sqlite_writer_transaction(
    recorder: SQLiteApplicationRecorder, view: Dialect
) -> Iterator[Store]:
    """The events table of a SQLite file, written by a process of its own
    (adapters.evidence.bulkwriter) in one transaction, while this one checks the
    lines and reads what the store held before, which the writer's lock keeps as
    it was."""
    import subprocess

    datastore = recorder.datastore
    pool = datastore.pool
    timeout = pool.lock_timeout or 5
    statement = recorder.insert_events_statement
    command = [sys.executable, "-I", bulkwriter.__file__, pool.db_name]
    writer = subprocess.Popen(
        [*command, str(timeout), statement],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=heap.child_environment(),
    )
    assert writer.stdin is not None
    assert writer.stdout is not None
    _widen(writer.stdin)
    try:
        _answer(writer.stdout, bulkwriter.READY)
        with (
            datastore.get_connection(commit=False) as connection,
            connection.cursor() as cursor,
        ):
            yield _SQLiteWriterTable(recorder, cursor, view, writer.stdin)
        bulkwriter.put(writer.stdin, bulkwriter.COMMIT)
        _answer(writer.stdout, bulkwriter.DONE)
    except BrokenPipeError:
        raise InputError(_failed(writer.stdout)) from None
    finally:
        # If it had not been told to commit, it rolls back. If it was killed, what
        # is left in the pipe cannot be written: the error above says so.
        with suppress(BrokenPipeError):
            writer.stdin.close()
        writer.wait()
        writer.stdout.close()


def _widen(pipe: IO[bytes]) -> None:
    """A pipe as wide as Linux lets a process make it: a batch then crosses in a
    few writes rather than a hundred."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):  # not Linux, or not allowed
        pass


def _answer(source: IO[bytes], expected: bytes) -> None:
    """Wait for the writer's answer; its failure becomes ours."""
    frame = bulkwriter.receive(source)
    if frame is None or frame[0] != expected:
        raise InputError(_failed(source, frame))


def _failed(source: IO[bytes], frame: tuple[bytes, bytes] | None = None) -> str:
    if frame is None:
        frame = bulkwriter.receive(source)
    reason = frame[1].decode(errors="replace") if frame else "it stopped"
    return f"cannot write to the store: {reason}; nothing was imported"


class _SQLiteWriterTable(_SQLiteTable):
    """Reads what the store held through this process's connection; writes
    through the writer process."""

    def __init__(
        self,
        recorder: SQLiteApplicationRecorder,
        cursor: sqlite3.Cursor,
        view: Dialect,
        writer: IO[bytes],
    ) -> None:
        super().__init__(recorder, cursor, view)
        self.writer = writer

    def insert(self, rows: list[Row]) -> None:
        bulkwriter.put(self.writer, rows)


@contextmanager
def _postgres_transaction(
    tracker: MissionTracker, recorder: PostgresApplicationRecorder
) -> Iterator[Store]:
    with recorder.datastore.transaction(commit=True) as cursor:
        # The recorder's own lock, taken first: writers' notification ids follow
        # the order of their commits, and each mission's last event stays its last.
        recorder._lock_table(cursor)
        # Read after the lock, so that no event recorded since goes unread.
        tracker.catch_up()
        yield _PostgresTable(recorder, cursor, tracker.reader.view.dialect)


class _PostgresTable:
    """eventsourcing's PostgreSQL events table, its rows written with COPY."""

    def __init__(
        self,
        recorder: PostgresApplicationRecorder,
        cursor: Cursor[DictRow],
        view: Dialect,
    ) -> None:
        from psycopg import sql

        table = sql.Identifier(recorder.datastore.schema, recorder.events_table_name)
        self.recorder = recorder
        self.cursor = cursor
        self.last_statement = sql.SQL(
            "SELECT originator_version, state FROM {} WHERE originator_id = %s"
            " ORDER BY originator_version DESC LIMIT 1"
        ).format(table)
        self.states_statement = sql.SQL(
            "SELECT originator_version, state FROM {} WHERE originator_id = %s"
            " AND originator_version BETWEEN %s AND %s"
        ).format(table)
        self.all_statement = sql.SQL(
            "SELECT originator_version, topic, state FROM {} WHERE originator_id = %s"
            " ORDER BY originator_version"
        ).format(table)
        self.lookup = _lookup(view)
        self.any_statement = sql.SQL("SELECT 1 FROM {} LIMIT 1").format(table)
        self.copy_statement = sql.SQL(
            "COPY {} (originator_id, originator_version, topic, state) FROM STDIN"
        ).format(table)

    def key(self, origin: UUID) -> Any:
        return origin

    def last(self, key: Any) -> tuple[int, str]:
        found = self.cursor.execute(self.last_statement, (key,)).fetchone()
        if found is None:
            return (0, "")
        return (found["originator_version"], _digest_in(bytes(found["state"])))

    def events(self, origin: UUID) -> Iterator[Event]:
        found = self.cursor.execute(self.all_statement, (origin,)).fetchall()
        return loaded(
            origin,
            (
                (row["originator_version"], row["topic"], bytes(row["state"]))
                for row in found
            ),
        )

    def holds_events(self) -> bool:
        return self.cursor.execute(self.any_statement).fetchone() is not None

    def known_ids(self, ids: list[str]) -> set[str]:
        marks = ", ".join(["%s"] * len(ids))
        statement = self.lookup.format(marks=marks)
        found = self.cursor.execute(statement, ids * 2)
        return {row["id"] for row in found}

    def states(self, key: Any, first: int, last: int) -> dict[int, bytes]:
        found = self.cursor.execute(self.states_statement, (key, first, last))
        return {row["originator_version"]: bytes(row["state"]) for row in found}

    def insert(self, rows: list[Row]) -> None:
        # COPY, the server's own bulk load; the table is locked already (the
        # recorder's lock, taken first), and listeners are told, as the recorder
        # tells them of what it inserts.
        self.recorder._lock_table(self.cursor)
        self.recorder._notify_channel(self.cursor)
        with self.cursor.copy(self.copy_statement) as copy:
            for row in rows:
                copy.write_row(row)


#: Reads stored events as the tracker reads them.
_MAPPER = PydanticMapper(transcoder=OrjsonTranscoder())


def loaded(origin: UUID, rows: Iterable[tuple[int, str, bytes]]) -> Iterator[Event]:
    """A mission's stored events, from (version, topic, state) rows, read as the
    tracker reads them (`persistence.load`); those that do not load are left out
    (`verify` names them)."""
    for version, topic, state in rows:
        stored = StoredEvent(
            originator_id=origin, originator_version=version, topic=topic, state=state
        )
        event = load(_MAPPER, stored)
        if isinstance(event, Event):
            yield event
