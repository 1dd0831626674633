"""The read model's recorders: eventsourcing's tracking recorders for SQLite and
PostgreSQL, with the read model's tables (`tables`), and transactions (`Tx`) that
give tuples and write each statement once for both stores (`Dialect`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from adapters.readmodel.tables import (
    FORMAT,
    FORMAT_TABLE,
    INDEXES,
    READ_MODEL,
    TABLES,
    schema_statements,
)


class Tx:
    """One transaction on the store: `c` a DB-API cursor giving tuples, `es` the
    same transaction's cursor as eventsourcing's recorders take it."""

    def __init__(self, es: Any, c: Any, dialect: Dialect) -> None:
        self.es = es
        self.c = c
        self.dialect = dialect

    def execute(self, statement: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        """Run a statement (written with `?` and `{table}`); the cursor."""
        self.c.execute(self.dialect.sql(statement), params)
        return self.c

    def executemany(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        """Run a statement for each of `rows`."""
        if rows:
            self.c.executemany(self.dialect.sql(statement), rows)

    def all(
        self, statement: str, params: tuple[Any, ...] | list[Any] = ()
    ) -> list[Any]:
        """Every row a query gives."""
        return list(self.execute(statement, params).fetchall())

    def one(self, statement: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        """The first row a query gives, or None."""
        return self.execute(statement, params).fetchone()


class Dialect:
    """How the statements are written for one kind of store."""

    def __init__(self, tables: dict[str, str], placeholder: str) -> None:
        self.tables = tables
        self.placeholder = placeholder
        self._cache: dict[str, str] = {}

    def sql(self, statement: str) -> str:
        """The statement with its tables named and its placeholders in place."""
        found = self._cache.get(statement)
        if found is None:
            found = statement.format(**self.tables)
            if self.placeholder != "?":
                found = found.replace("?", self.placeholder)
            self._cache[statement] = found
        return found


def _sqlite_tables() -> dict[str, str]:
    # Without statistics SQLite would range over the primary key instead.
    return {name: name for name in (*TABLES, FORMAT_TABLE, *INDEXES)} | {
        "tracking": "tracking",
        "by_ranged": "INDEXED BY timeline_facts_ranged",
        "by_spans": "INDEXED BY timeline_facts_spans",
        "by_announced": "INDEXED BY timeline_facts_announced",
    }


#: The `replaced_form` of a store whose events had no read model beside them:
#: one written by a tracker that had none.
NONE_FOUND = -1


class ReadModelRecorder:
    """What the read model's recorders add to eventsourcing's tracking recorders:
    its tables, and transactions that give tuples."""

    dialect: Dialect
    datastore: Any
    #: The form of the tables found, if it was not `FORMAT` (they were dropped,
    #: to be built again from the events): 0 for tables that did not say their
    #: form, `NONE_FOUND` if there were none beside stored events; None if they
    #: were of this form, or the store was new.
    replaced_form: int | None = None
    #: Whether the tables were made on opening the store: there were none.
    made = False

    if TYPE_CHECKING:  # eventsourcing's tracking recorders provide these

        def _insert_tracking(self, c: Any, tracking: Tracking) -> None: ...

        def _max_tracking_id(self, application_name: str, c: Any) -> int | None: ...

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[Tx]:
        """A transaction on the store (committed if `commit`, else rolled back)."""
        raise NotImplementedError
        yield  # pragma: no cover

    def exists(self, tx: Tx, table: str) -> bool:
        """Whether the table of this name (unqualified) is in the store."""
        raise NotImplementedError

    def create_table(self) -> None:
        """Create the tables (eventsourcing's name for it), having dropped those of
        another form than `FORMAT`, with their tracking record: the events are the
        record, the read model is built again from them."""
        with self.transaction(commit=True) as tx:
            self.made = not self.exists(tx, "timeline_facts")
            if not self.made:
                form = None
                if self.exists(tx, FORMAT_TABLE):
                    form = tx.one(f"SELECT format FROM {{{FORMAT_TABLE}}}")
                if form is None or form[0] != FORMAT:
                    self.replaced_form = form[0] if form else 0
                    for table in (*TABLES, FORMAT_TABLE):
                        tx.execute(f"DROP TABLE IF EXISTS {{{table}}}")
                    tx.execute(
                        "DELETE FROM {tracking} WHERE application_name = ?",
                        (READ_MODEL,),
                    )
        super().create_table()  # type: ignore[misc]
        with self.transaction(commit=True) as tx:
            if tx.one(f"SELECT format FROM {{{FORMAT_TABLE}}}") is None:
                tx.execute(f"INSERT INTO {{{FORMAT_TABLE}}} VALUES (?)", (FORMAT,))

    def lock(self, tx: Tx) -> None:
        """Take the store's write lock for the rest of `tx` (one projector at a
        time; the tracking position is read after it)."""
        raise NotImplementedError

    def read_events_of(self, events: Any) -> None:
        """Read events from `events`' table, in this recorder's transactions."""
        raise NotImplementedError

    def last_event(self, tx: Tx) -> int:
        """The id of the last event recorded (0 for none)."""
        row = tx.one("SELECT MAX({event_id}) FROM {events}")
        return int(row[0] or 0)

    def stored_after(self, tx: Tx, start: int, limit: int) -> list[tuple[Any, ...]]:
        """Up to `limit` stored events after the id `start`, in the order
        recorded, as rows: id, aggregate id, version, topic and state, as the
        store holds them."""
        return tx.all(
            "SELECT {event_id}, originator_id, originator_version, topic, state"
            " FROM {events} WHERE {event_id} > ? ORDER BY {event_id} LIMIT ?",
            (start, limit),
        )

    def events_after(self, tx: Tx, start: int, limit: int) -> list[Any]:
        """Up to `limit` stored events after the id `start`, as eventsourcing's
        notifications, in the order recorded."""
        from eventsourcing.persistence import Notification

        rows = self.stored_after(tx, start, limit)
        return [
            Notification(
                id=row[0],
                originator_id=_uuid(row[1]),
                originator_version=row[2],
                topic=row[3],
                state=bytes(row[4]),
            )
            for row in rows
        ]

    def event(self, tx: Tx, origin: UUID, version: int) -> Any:
        """One stored event of a mission, as eventsourcing stores it."""
        from eventsourcing.persistence import StoredEvent

        row = tx.one(
            "SELECT topic, state FROM {events}"
            " WHERE originator_id = ? AND originator_version = ?",
            (self.stored_id(origin), version),
        )
        return StoredEvent(
            originator_id=origin,
            originator_version=version,
            topic=row[0],
            state=bytes(row[1]),
        )

    def chain(self, tx: Tx, origin: UUID, mission: int, root: int) -> list[Any]:
        """The fact of a mission (its number `mission`, its aggregate id
        `origin`) at version `root`, and the corrections and retractions read so
        far that bear on it (`timeline_amendments`), as eventsourcing stores
        them, in recording order: two queries, however many there are."""
        from eventsourcing.persistence import StoredEvent

        rows = tx.all(
            "SELECT e.originator_version, e.topic, e.state"
            " FROM {timeline_amendments} AS a JOIN {events} AS e"
            " ON e.originator_id = ? AND e.originator_version = a.version"
            " WHERE a.mission = ? AND a.root = ? ORDER BY a.version",
            (self.stored_id(origin), mission, root),
        )
        return [self.event(tx, origin, root)] + [
            StoredEvent(
                originator_id=origin,
                originator_version=row[0],
                topic=row[1],
                state=bytes(row[2]),
            )
            for row in rows
        ]

    def stored_of(
        self, tx: Tx, origin: UUID, after: int, limit: int
    ) -> list[tuple[Any, ...]]:
        """Up to `limit` stored events of one aggregate after its version `after`,
        in order, as rows: version, topic and state."""
        return tx.all(
            "SELECT originator_version, topic, state FROM {events}"
            " WHERE originator_id = ? AND originator_version > ?"
            " ORDER BY originator_version LIMIT ?",
            (self.stored_id(origin), after, limit),
        )

    def regularity(self, tx: Tx, origin: UUID) -> tuple[int, set[int]]:
        """How far the read model has read an aggregate's events (its last
        version read), and which of those were irregular (`timeline_irregular`)."""
        head = tx.one(
            "SELECT version FROM {timeline_heads} WHERE origin = ?", (str(origin),)
        )
        rows = tx.all(
            "SELECT version FROM {timeline_irregular} WHERE origin = ?", (str(origin),)
        )
        return (head[0] if head else 0), {version for (version,) in rows}

    def stored_id(self, origin: UUID) -> Any:
        """An aggregate id as the events' table keeps it."""
        return origin

    def position(self, tx: Tx) -> int:
        """The id of the last event the read model has read (0 for none)."""
        return self._max_tracking_id(READ_MODEL, tx.es) or 0

    def advance(self, tx: Tx, notification_id: int) -> None:
        """Record, in `tx`, that the read model has read up to `notification_id`."""
        self._insert_tracking(tx.es, Tracking(READ_MODEL, notification_id))

    def forget(self, tx: Tx) -> None:
        """Empty the read model, and its tracking record, in `tx`."""
        raise NotImplementedError


def sqlite_recorder_class() -> type[Any]:
    """The read model's recorder for SQLite (built on first use: importing
    eventsourcing's SQLite module is kept off the paths that do not need it)."""
    from eventsourcing.sqlite import SQLiteTrackingRecorder

    class SQLiteReadModelRecorder(ReadModelRecorder, SQLiteTrackingRecorder):
        def __init__(self, datastore: Any, **kwargs: Any) -> None:
            self.dialect = Dialect(_sqlite_tables(), "?")
            super().__init__(datastore, **kwargs)

        def construct_create_table_statements(self) -> list[str]:
            statements: list[str] = super().construct_create_table_statements()
            return statements + schema_statements(self.dialect.tables, postgres=False)

        @contextmanager
        def transaction(self, *, commit: bool) -> Iterator[Tx]:
            with self.datastore.transaction(commit=commit) as es:
                cursor = es.sqlite_cursor.connection.cursor()
                cursor.row_factory = None
                try:
                    yield Tx(es, cursor, self.dialect)
                finally:
                    cursor.close()

        def read_events_of(self, events: Any) -> None:
            self.dialect.tables["events"] = events.events_table_name
            self.dialect.tables["event_id"] = "rowid"

        def exists(self, tx: Tx, table: str) -> bool:
            found = tx.one(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                (table,),
            )
            return found is not None

        def stored_id(self, origin: UUID) -> Any:
            return origin.hex

        def lock(self, tx: Tx) -> None:
            # A timeline is written in the world's order, not in the order the
            # events come: a larger page cache keeps its pages at hand.
            tx.execute("PRAGMA cache_size = -65536")  # KiB
            # A write first takes SQLite's write lock before anything is read.
            tx.execute(
                "UPDATE tracking SET notification_id = notification_id"
                " WHERE application_name = ?",
                (READ_MODEL,),
            )

        def forget(self, tx: Tx) -> None:
            for table in TABLES:
                tx.execute(f"DELETE FROM {{{table}}}")
            tx.execute(
                "DELETE FROM {tracking} WHERE application_name = ?", (READ_MODEL,)
            )

    return SQLiteReadModelRecorder


def postgres_recorder_class() -> type[Any]:
    """The read model's recorder for PostgreSQL."""
    from eventsourcing.postgres import PostgresTrackingRecorder
    from psycopg.rows import tuple_row
    from psycopg.sql import SQL

    class PostgresReadModelRecorder(ReadModelRecorder, PostgresTrackingRecorder):
        def __init__(self, datastore: Any, **kwargs: Any) -> None:
            super().__init__(datastore, **kwargs)
            schema = self.datastore.schema
            tables = {name: f'"{schema}"."{name}"' for name in (*TABLES, FORMAT_TABLE)}
            tables |= {name: f'"{name}"' for name in INDEXES}
            tables["tracking"] = f'"{schema}"."{self.tracking_table_name}"'
            tables |= {"by_ranged": "", "by_spans": "", "by_announced": ""}
            self.dialect = Dialect(tables, "%s")
            for statement in schema_statements(tables, postgres=True):
                self.sql_create_statements.append(SQL(statement))  # type: ignore[arg-type]

        def read_events_of(self, events: Any) -> None:
            table = f'"{self.datastore.schema}"."{events.events_table_name}"'
            self.dialect.tables["events"] = table
            self.dialect.tables["event_id"] = "notification_id"

        @contextmanager
        def transaction(self, *, commit: bool) -> Iterator[Tx]:
            with self.datastore.transaction(commit=commit) as es:
                yield Tx(es, es.connection.cursor(row_factory=tuple_row), self.dialect)

        def lock(self, tx: Tx) -> None:
            tx.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK_KEY,))

        def exists(self, tx: Tx, table: str) -> bool:
            (found,) = tx.one(
                "SELECT to_regclass(?)", (f'"{self.datastore.schema}"."{table}"',)
            )
            return found is not None

        def forget(self, tx: Tx) -> None:
            tables = ", ".join(f"{{{table}}}" for table in TABLES)
            tx.execute(f"TRUNCATE {tables} RESTART IDENTITY")
            tx.execute(
                "DELETE FROM {tracking} WHERE application_name = ?", (READ_MODEL,)
            )

    return PostgresReadModelRecorder


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


#: The advisory lock the PostgreSQL projector holds (distinct from the write locks,
#: which are keyed by mission ids).
_LOCK_KEY = 0x7469_6D65_6C69_6E65 - (1 << 63)
