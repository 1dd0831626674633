"""The read model's tables, kept beside the events in the same database.

- `timeline_missions`: every tracked mission, its names, when it was registered
  and how many facts apart its states are kept (`timeline_states`), numbered by
  its registration's place among the events (the other tables name a mission by
  that number: short keys keep the indexes small);
- `timeline_facts`: every fact as it was known over time: one row for each span of
  recording time during which it read the same (a correction ends one span and
  starts the next; a retraction ends the last), in the order of the world; a fact
  announced to take effect on another day keeps the day it was announced too
  (`occurred`), so that a history tells it on both;
- `timeline_amendments`: which fact each correction or retraction bears on;
- `timeline_citations`: each citation of a fact by another source, over the
  recording time it stands (a retraction ends it);
- `timeline_partners`: every partner recorded (`partner-added`);
- `timeline_sources`: each distinct source once;
- `timeline_states`: each mission's timeline as known now: its state after each
  fact (after some, in a long timeline), in the order of the world, and how many
  facts follow each before the next, so that the state on a day is one lookup
  and a short fold (`adapters.readmodel.states`; an ordinary table: its rows are
  too long to sit well in SQLite's index pages);
- `timeline_skipped`: the events that were read but do not count (their state
  cannot be read as an event, or a correction does not fit its fact), by their
  place among the events, and why, so that every answer can say so;
- `timeline_heads`: the last version of each mission's (and partner's) events
  read, and its digest: kept apart from the events, so that `missions verify` can
  tell when a mission's latest events have been deleted since (nothing after
  them would break its hash chain);
- `timeline_irregular`: the events read whose stored state does not hold exactly
  their event (an older schema, another spelling of a value) or that cannot be
  read at all: `missions log` tells every other event read from its stored JSON,
  without building it (`adapters.eventstore.persistence.is_regular`);
- `timeline_format`: the form of the tables (`FORMAT`): one of another form is
  dropped, with its tracking record, and built again from the events.

They are written by `adapters.readmodel.projector` in the same transaction as the
tracking record of the last event read (eventsourcing's tracking recorders, which
`adapters.readmodel.recorders` extends for each store), so a reader
never sees them half-updated. Times are microseconds since 1970 (UTC), days ISO
text, so that both sort as they compare."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

#: The tracking record's name: how far into the events the read model has read.
READ_MODEL = "timelines"
#: The form of the tables and their rows: raised whenever either changes, so that
#: a store's read model of an earlier form is dropped and built again.
FORMAT = 9
TABLES = (
    "timeline_missions",
    "timeline_facts",
    "timeline_amendments",
    "timeline_citations",
    "timeline_partners",
    "timeline_sources",
    "timeline_states",
    "timeline_skipped",
    "timeline_heads",
    "timeline_irregular",
)
#: Where the form of the tables is kept (not emptied with them).
FORMAT_TABLE = "timeline_format"
#: The columns the fold reads, in `domain.fold.Fact`'s order.
FACT_COLUMNS = (
    "latest, earliest, root, kind, edtf, value, partner, by_partner, role,"
    " standing, source, party, detail"
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
    registered {int} NOT NULL,
    spacing {int} NOT NULL
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
    party TEXT,
    detail TEXT,
    id TEXT NOT NULL,
    summary TEXT NOT NULL,
    span {int} NOT NULL,
    occurred TEXT,
    occurred_earliest TEXT,
    occurred_latest TEXT,
    PRIMARY KEY (mission, latest, earliest, root, known_from)
){without_rowid};
CREATE INDEX IF NOT EXISTS {timeline_facts_id} ON {timeline_facts} (id);
CREATE INDEX IF NOT EXISTS {timeline_facts_ranged}
    ON {timeline_facts} (mission, span, latest) WHERE earliest < latest;
CREATE INDEX IF NOT EXISTS {timeline_facts_spans}
    ON {timeline_facts} (span, latest) WHERE earliest < latest;
CREATE INDEX IF NOT EXISTS {timeline_facts_days}
    ON {timeline_facts} (latest, mission) WHERE known_until IS NULL;
CREATE INDEX IF NOT EXISTS {timeline_facts_announced}
    ON {timeline_facts} (mission, occurred_latest) WHERE occurred IS NOT NULL;
CREATE INDEX IF NOT EXISTS {timeline_facts_announced_days}
    ON {timeline_facts} (occurred_latest) WHERE occurred IS NOT NULL;
CREATE TABLE IF NOT EXISTS {timeline_amendments} (
    id TEXT PRIMARY KEY,
    mission {int} NOT NULL,
    version {int} NOT NULL,
    root {int}
);
CREATE INDEX IF NOT EXISTS {timeline_amendments_root}
    ON {timeline_amendments} (mission, root);
CREATE TABLE IF NOT EXISTS {timeline_citations} (
    id TEXT PRIMARY KEY,
    mission {int} NOT NULL,
    root {int} NOT NULL,
    source {int} NOT NULL,
    known_from {int} NOT NULL,
    known_until {int}
);
CREATE INDEX IF NOT EXISTS {timeline_citations_root}
    ON {timeline_citations} (mission, root);
CREATE TABLE IF NOT EXISTS {timeline_partners} (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    via TEXT,
    aliases TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS {timeline_sources} (
    id {serial} PRIMARY KEY,
    body TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS {timeline_states} (
    mission {int} NOT NULL,
    latest TEXT NOT NULL,
    earliest TEXT NOT NULL,
    root {int} NOT NULL,
    shown TEXT NOT NULL,
    kept TEXT NOT NULL,
    facts {int} NOT NULL,
    ahead {int} NOT NULL,
    PRIMARY KEY (mission, latest, earliest, root)
);
CREATE TABLE IF NOT EXISTS {timeline_skipped} (
    position {int} PRIMARY KEY,
    mission TEXT NOT NULL,
    version {int} NOT NULL,
    id TEXT NOT NULL,
    why TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS {timeline_heads} (
    origin TEXT PRIMARY KEY,
    version {int} NOT NULL,
    digest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS {timeline_irregular} (
    origin TEXT NOT NULL,
    version {int} NOT NULL,
    PRIMARY KEY (origin, version)
);
CREATE TABLE IF NOT EXISTS {timeline_format} (
    format {int} NOT NULL
)
"""

INDEXES = (
    "timeline_facts_id",
    "timeline_facts_ranged",
    "timeline_facts_spans",
    "timeline_facts_days",
    "timeline_facts_announced",
    "timeline_facts_announced_days",
    "timeline_amendments_root",
    "timeline_citations_root",
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


def schema_statements(tables: dict[str, str], postgres: bool) -> list[str]:
    """The statements that create the read model's tables."""
    text = _SCHEMA.format(
        **tables,
        int="BIGINT" if postgres else "INTEGER",
        serial="BIGSERIAL" if postgres else "INTEGER",
        without_rowid="" if postgres else " WITHOUT ROWID",
    )
    return [s.strip() for s in text.split(";") if s.strip()]
