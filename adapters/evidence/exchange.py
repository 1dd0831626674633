"""Export and import: every stored event as one NDJSON line, in recording order.

A line holds what rebuilds the store exactly: the mission's aggregate id, the
event's version and topic, and its stored state (ids, dates, recorded time,
source, digest). An import reads its file once, as a stream (standard input
too), checking each line as it comes and writing the new ones in large batches,
all in one transaction that holds the store's write lock: a bad line refuses the
whole file and nothing is written, and an import that was killed wrote nothing,
so it can simply be run again. A line whose mission and version are already in
the store must be that stored event exactly, and is skipped: the same file can
be imported twice. Memory does not grow with the file: besides the batch being
written and stored events read ahead to compare, an import keeps only each
mission's last version and digest."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import IO, TYPE_CHECKING, Any, Protocol
from uuid import UUID

import orjson
from eventsourcing.persistence import StoredEvent

from adapters.errors import InputError
from adapters.evidence import bulkwriter, heap
from adapters.evidence.admission import Admitting, Refusal
from adapters.evidence.lines import (
    MAX_LINE,
    Checked,
    ImportRefused,
    Seen,
    check,
    loaded,
    refused,
)
from domain.events import Event

if TYPE_CHECKING:
    import sqlite3

    from eventsourcing.postgres import PostgresApplicationRecorder
    from eventsourcing.sqlite import SQLiteApplicationRecorder
    from psycopg import Cursor
    from psycopg.rows import DictRow

    from adapters.eventstore.tracker import MissionTracker
    from adapters.readmodel.tables import Dialect
    from domain.admission import Admission

PAGE = 1000
#: New events written at once.
BATCH = 5000
#: Stored events read at once, to compare with lines already in the store.
RANGE = 1000
#: The most stored events held at once for those comparisons.
HELD = 20_000
#: Any mission: SQLite's write lock is the whole store's.
_STORE = UUID(int=0)

#: A key, version, topic and state, as the store's table takes them.
Row = tuple[Any, int, str, bytes]


def export(tracker: MissionTracker, out: IO[bytes]) -> int:
    """Write every stored event to `out`, one JSON object a line; the count."""
    count = 0
    start = 1
    while True:
        page = tracker.recorder.select_notifications(start, PAGE)
        for stored in page:
            line = {
                "originator_id": str(stored.originator_id),
                "originator_version": stored.originator_version,
                "topic": stored.topic,
                "state": orjson.Fragment(stored.state),
            }
            out.write(orjson.dumps(line) + b"\n")
            count += 1
        if len(page) < PAGE:
            return count
        start = page[-1].id + 1


def import_events(
    tracker: MissionTracker,
    path: str,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Import the events of the NDJSON file at `path` ("-": standard input).

    Returns (added, events in the file). Raises ImportRefused naming the line and
    the field, or the event and the rule, of the first bad line; then nothing was
    written. `progress` is told how many events have been read, every few
    thousand and at the end."""
    seen = Seen()
    with _source(path) as source, _writing(tracker):
        # Held by the lock: no mission is registered until the import is done.
        names = tracker.names()
        with heap.kept(), _transaction(tracker) as store, _no_cycles():
            known = store.known_ids if store.holds_events() else None
            admitting = Admitting(names, store.events, known)
            importer = _Importer(store, admitting)
            try:
                for number, raw in _lines(source):
                    if raw.isspace():
                        continue
                    importer.accept(check(number, raw, seen))
                    if progress is not None and importer.total % BATCH == 0:
                        progress(importer.total)
                importer.flush()
            except Refusal as refusal:
                raise refused(refusal.number, refusal.message) from None
            except ImportRefused:
                _earlier_refusal(admitting)
                raise
    if progress is not None and importer.total % BATCH:
        progress(importer.total)
    return importer.added, importer.total


def _earlier_refusal(admitting: Admitting) -> None:
    """Refuse, rather than a later line, an earlier one whose id the store holds."""
    try:
        admitting.look_up()
    except Refusal as refusal:
        raise refused(refusal.number, refusal.message) from None


def _lines(source: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """The source's lines, numbered from 1, each at most MAX_LINE bytes long:
    a longer one is refused as soon as its first MAX_LINE bytes are read."""
    number = 0
    while True:
        raw = source.readline(MAX_LINE + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and raw[-1:] != b"\n":
            raise refused(
                number,
                f"is longer than {MAX_LINE:,} bytes, the most a line may be"
                " (an event is a few KiB at most)",
            )
        yield number, raw


class _Store(Protocol):
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


class _Chain:
    """What an import knows of a mission: its last version and digest so far, and
    the last version the store held before."""

    __slots__ = ("digest", "key", "origin", "rules", "stored", "text", "version")

    def __init__(self, origin: UUID, key: Any, version: int, digest: str) -> None:
        self.origin = origin
        self.text = str(origin)
        self.key = key
        self.stored = self.version = version
        self.digest = digest
        #: What the rules know of the mission, once the file adds to it.
        self.rules: Admission | None = None


class _Importer:
    """Checks lines one by one, and writes the new ones in batches."""

    def __init__(self, store: _Store, admitting: Admitting) -> None:
        self.store = store
        self.admitting = admitting
        self.total = 0
        self.added = 0
        self.batch: list[Row] = []
        self.chains: dict[UUID, _Chain] = {}
        #: The same chains by the id as written, when written in the usual form.
        self.named: dict[str, _Chain] = {}
        #: Stored states read ahead, by mission and version, and how many.
        self.held: dict[UUID, dict[int, bytes]] = {}
        self.held_count = 0
        #: How many of the file's missions the store already holds.
        self.stored_missions = 0

    def accept(self, line: Checked) -> None:
        """Take a line checked on its own; keep it to be written if it is new."""
        self.total += 1
        number, named, version, topic, row, digest, previous, event = line
        chain = self.named.get(named)
        if chain is None:
            chain = self._chain(named)
        if version <= chain.stored and self._already_there(number, chain, version, row):
            chain.version, chain.digest = version, digest
            return
        if version != chain.version + 1:
            raise refused(
                number,
                f"field originator_version is {version}; expected {chain.version + 1}",
            )
        if previous != chain.digest:
            raise refused(
                number, "field state.previous does not chain to the event before it"
            )
        rules = chain.rules
        if rules is None:
            rules = chain.rules = self.admitting.rules_of(event, chain.stored)
        self.admitting.admit(number, event, rules)
        chain.version, chain.digest = version, digest
        batch = self.batch
        batch.append((chain.key, version, topic, row))
        if len(batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the new events kept so far, their ids looked up in the store."""
        self.admitting.look_up()
        if self.batch:
            self.store.insert(self.batch)
            self.added += len(self.batch)
            self.batch = []

    def _already_there(
        self, number: int, chain: _Chain, version: int, row: bytes
    ) -> bool:
        """Whether the store holds the line's event, which must then be the same."""
        existing = self._stored(chain, version)
        if existing is None:
            return False
        if existing != row:
            event_id = orjson.loads(row).get("id")
            raise refused(
                number,
                f"event {event_id} (version {version}) is already in the store"
                " with different content",
            )
        return True

    def _chain(self, named: str) -> _Chain:
        """The chain of the mission a line names, asking the store the first time."""
        origin = UUID(named)
        chain = self.chains.get(origin)
        if chain is None:
            key = self.store.key(origin)
            chain = _Chain(origin, key, *self.store.last(key))
            self.chains[origin] = chain
            self.stored_missions += chain.stored > 0
        if named == chain.text:
            self.named[named] = chain
        return chain

    def _stored(self, chain: _Chain, version: int) -> bytes | None:
        """The stored state of the mission's `version`, read with those after it:
        as many as HELD shares out among the missions the store holds, so that
        missions interleaved in the file keep theirs until they come again."""
        held = self.held.pop(chain.origin, None)
        if held is None or version not in held:
            self.held_count -= len(held or ())
            ahead = min(RANGE, max(1, HELD // max(1, self.stored_missions)))
            last = min(version + ahead - 1, chain.stored)
            held = self.store.states(chain.key, version, last)
            self.held_count += len(held)
            while self.held and self.held_count > HELD:  # those read longest ago
                self.held_count -= len(self.held.pop(next(iter(self.held))))
        self.held[chain.origin] = held
        found = held.pop(version, None)
        if found is not None:
            self.held_count -= 1
        return found


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


@contextmanager
def _no_cycles() -> Iterator[None]:
    """The garbage collector paused: an import makes millions of short-lived
    objects and no cycles, and collecting would cost a tenth of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _source(path: str) -> Iterator[IO[bytes]]:
    """The file at `path`, or standard input."""
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        handle = open(path, "rb", buffering=1 << 16)  # noqa: SIM115  (closed below)
    except OSError as error:
        raise InputError(f"cannot read {path!r}: {error.strerror}") from None
    with handle:
        yield handle


@contextmanager
def _writing(tracker: MissionTracker) -> Iterator[None]:
    """SQLite: the store's write lock, the one every writer of missions takes,
    whatever its mission. PostgreSQL's write locks are by mission: there the
    lock of registrations keeps the missions' names as they are, and the events
    table's lock, taken by the transaction, keeps other writers waiting."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    from adapters.eventstore.tracker import REGISTRATIONS

    if not isinstance(tracker.recorder, SQLiteApplicationRecorder):
        with tracker.locks.writing(REGISTRATIONS):
            yield
        return
    with tracker.locks.writing(_STORE):
        yield


def _transaction(tracker: MissionTracker) -> AbstractContextManager[_Store]:
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
) -> Iterator[_Store]:
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
) -> Iterator[_Store]:
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
) -> Iterator[_Store]:
    with recorder.datastore.transaction(commit=True) as cursor:
        # The recorder's own lock, taken first: writers' notification ids follow
        # the order of their commits, and each mission's last event stays its last.
        recorder._lock_table(cursor)
        # Read after the lock, so that no event recorded since goes unread.
        tracker.catch_up()
        yield _PostgresTable(recorder, cursor, tracker.reader.view.dialect)


class _PostgresTable:
    """eventsourcing's PostgreSQL events table, written as its recorder writes."""

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
        self.any_statement = sql.SQL("SELECT 1 FROM {} LIMIT 1").format(table)

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
        events = [
            StoredEvent(
                originator_id=key, originator_version=version, topic=topic, state=state
            )
            for key, version, topic, state in rows
        ]
        self.recorder._insert_stored_events(self.cursor, events)
