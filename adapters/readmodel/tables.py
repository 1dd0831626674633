"""The read model's tables, kept beside the events in the same database.

- `timeline_missions`: every tracked mission, its names and when it was registered,
  numbered by its registration's place among the events (the other tables name a
  mission by that number: short keys keep the indexes small);
- `timeline_facts`: every fact as it was known over time: one row for each span of
  recording time during which it read the same (a correction ends one span and
  starts the next; a retraction ends the last), in the order of the world;
- `timeline_amendments`: which fact each correction or retraction bears on;
- `timeline_sources`: each distinct source once;
- `timeline_states`: each mission's timeline as known now: its state after each
  fact, in the order of the world, so that the state on a day is one lookup (an
  ordinary table: its rows are too long to sit well in SQLite's index pages);
- `timeline_skipped`: the events that were read but do not count (their state
  cannot be read as an event, or a correction does not fit its fact), by their
  place among the events, and why, so that every answer can say so.

They are written by `adapters.readmodel.projector` in the same transaction as the
tracking
record of the last event read (eventsourcing's tracking recorders), so a reader
never sees them half-updated. Times are microseconds since 1970 (UTC), days ISO
text, so that both sort as they compare."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import Tracking

#: The tracking record's name: how far into the events the read model has read.
READ_MODEL = "timelines"
TABLES = (
    "timeline_missions",
    "timeline_facts",
    "timeline_amendments",
    "timeline_sources",
    "timeline_states",
    "timeline_skipped",
)
#: The columns the fold reads, in `domain.fold.Fact`'s order, and the source.
FACT_COLUMNS = (
    "latest, earliest, root, kind, edtf, value, partner, by_partner, role,"
    " standing, source"
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: The most `span` can be: the bit length of the days from 0001-01-01 to 9999-12-31.
MAX_SPAN = 22


def span(earliest: date, latest: date) -> int:
    """How uncertain a date is, as a class: the bit length of the days between
    its earliest and its latest day (0 for a known day). A fact of span `s` that
    may have happened by a day D ends within 2**s days after D, so the facts that
    may have happened by D are found by one short index range for each span."""
    return (latest - earliest).days.bit_length()


def micros(moment: datetime) -> int:
    """A time as microseconds since 1970 (UTC), as the read model keeps it."""
    since = moment - _EPOCH
    return (since.days * 86_400 + since.seconds) * 1_000_000 + since.microseconds


def moment(micros: int) -> datetime:
    """The time (UTC) of a count of microseconds since 1970."""
    return _EPOCH + timedelta(microseconds=micros)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS {timeline_missions} (
    number {int} PRIMARY KEY,
    mission TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    registered {int} NOT NULL
);
CREATE TABLE IF NOT EXISTS {timeline_facts} (
    mission {int} NOT NULL,
    latest TEXT NOT NULL,
    earliest TEXT NOT NULL,
    root {int} NOT NULL,
    known_from {int} NOT NULL,
    known_until {int},
    kind TEXT NOT NULL,
    edtf TEXT NOT NULL,
    value TEXT,
    partner TEXT,
    by_partner TEXT,
    role TEXT,
    standing TEXT,
    source {int} NOT NULL,
    id TEXT NOT NULL,
    summary TEXT NOT NULL,
    span {int} NOT NULL,
    PRIMARY KEY (mission, latest, earliest, root, known_from)
){without_rowid};
CREATE INDEX IF NOT EXISTS {timeline_facts_id} ON {timeline_facts} (id);
CREATE INDEX IF NOT EXISTS {timeline_facts_ranged}
    ON {timeline_facts} (mission, span, latest) WHERE earliest < latest;
CREATE INDEX IF NOT EXISTS {timeline_facts_spans}
    ON {timeline_facts} (span, latest) WHERE earliest < latest;
CREATE TABLE IF NOT EXISTS {timeline_amendments} (
    id TEXT PRIMARY KEY,
    mission {int} NOT NULL,
    version {int} NOT NULL,
    root {int}
);
CREATE INDEX IF NOT EXISTS {timeline_amendments_root}
    ON {timeline_amendments} (mission, root);
CREATE TABLE IF NOT EXISTS {timeline_sources} (
    id {serial} PRIMARY KEY,
    body TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS {timeline_states} (
    mission {int} NOT NULL,
    latest TEXT NOT NULL,
    earliest TEXT NOT NULL,
    root {int} NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (mission, latest, earliest, root)
);
CREATE TABLE IF NOT EXISTS {timeline_skipped} (
    position {int} PRIMARY KEY,
    mission TEXT NOT NULL,
    version {int} NOT NULL,
    id TEXT NOT NULL,
    why TEXT NOT NULL
)
"""

_INDEXES = (
    "timeline_facts_id",
    "timeline_facts_ranged",
    "timeline_facts_spans",
    "timeline_amendments_root",
)


class Skipped(NamedTuple):
    """A stored event that does not count: it cannot be read as an event, or it is
    a correction that does not fit its fact (`missions verify` says more)."""

    #: The mission's slug (its aggregate id if its registration cannot be read).
    mission: str
    version: int
    #: The event's id as stored ("" if its state cannot be read at all).
    event: str
    #: Why, in a few words.
    why: str


def unfit(kind: str) -> str:
    """Why a correction whose changes do not fit its fact, a `kind`, is skipped."""
    return f"its changes do not fit a {kind}"


class Caught(NamedTuple):
    """What a catch-up read and wrote."""

    #: Events read.
    events: int
    #: States written: a mission's timeline is rewritten only from the first
    #: place in the world's order that the new events touch.
    states: int


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
    return {name: name for name in (*TABLES, *_INDEXES)} | {
        "by_ranged": "INDEXED BY timeline_facts_ranged",
        "by_spans": "INDEXED BY timeline_facts_spans",
    }


def schema_statements(tables: dict[str, str], postgres: bool) -> list[str]:
    """The statements that create the read model's tables."""
    text = _SCHEMA.format(
        **tables,
        int="BIGINT" if postgres else "INTEGER",
        serial="BIGSERIAL" if postgres else "INTEGER",
        without_rowid="" if postgres else " WITHOUT ROWID",
    )
    return [s.strip() for s in text.split(";") if s.strip()]


class ReadModelRecorder:
    """What the read model's recorders add to eventsourcing's tracking recorders:
    its tables, and transactions that give tuples."""

    dialect: Dialect
    datastore: Any

    if TYPE_CHECKING:  # eventsourcing's tracking recorders provide these

        def _insert_tracking(self, c: Any, tracking: Tracking) -> None: ...

        def _max_tracking_id(self, application_name: str, c: Any) -> int | None: ...

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[Tx]:
        """A transaction on the store (committed if `commit`, else rolled back)."""
        raise NotImplementedError
        yield  # pragma: no cover

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

    def events_after(self, tx: Tx, start: int, limit: int) -> list[Any]:
        """Up to `limit` stored events after the id `start`, as eventsourcing's
        notifications, in the order recorded."""
        from eventsourcing.persistence import Notification

        rows = tx.all(
            "SELECT {event_id}, originator_id, originator_version, topic, state"
            " FROM {events} WHERE {event_id} > ? ORDER BY {event_id} LIMIT ?",
            (start, limit),
        )
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

        def stored_id(self, origin: UUID) -> Any:
            return origin.hex

        def lock(self, tx: Tx) -> None:
            # A timeline is written in the world's order, not in the order the
            # events come: a larger page cache keeps its pages at hand.
            tx.execute("PRAGMA cache_size = -131072")  # KiB
            # A write first takes SQLite's write lock before anything is read.
            tx.execute(
                "UPDATE tracking SET notification_id = notification_id"
                " WHERE application_name = ?",
                (READ_MODEL,),
            )

        def forget(self, tx: Tx) -> None:
            for table in TABLES:
                tx.execute(f"DELETE FROM {{{table}}}")
            tx.execute("DELETE FROM tracking WHERE application_name = ?", (READ_MODEL,))

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
            tables = {name: f'"{schema}"."{name}"' for name in TABLES}
            tables |= {name: f'"{name}"' for name in _INDEXES}
            tables["tracking"] = f'"{schema}"."{self.tracking_table_name}"'
            tables |= {"by_ranged": "", "by_spans": ""}
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
