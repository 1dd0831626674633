"""Keeping the read model up to date: new events, read in the order they were
recorded, become rows, and each mission's timeline is rewritten only from the
first fact in the world's order that they touched.

SQLite cannot be subscribed to, so the projector pulls: `catch_up` reads the
events recorded since the position in the tracking record, and writes the rows
and the new position in one transaction.

Each event is read as the aggregate reads it
(`adapters.eventstore.persistence.load`): one
that cannot be read is checked before any of its rows is written, and only
written to `timeline_skipped`, so that the read model goes on past it and every
answer can say so. A correction that does not fit its fact is kept among the
amendments of that fact, as the domain keeps it, where it counts for nothing
(`domain.knowledge.effective_facts`), and is written to `timeline_skipped` too.

A fact's rows follow its corrections and retractions one at a time: a catch-up
keeps the fact as they have left it, so that each new one costs the same
however many came before it (`adapters.readmodel.amended`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple
from uuid import UUID

import orjson
from eventsourcing.persistence import Mapper

from adapters.eventstore.persistence import TOPICS, dumped, is_regular, load
from adapters.readmodel.amended import Amended, Rows, follow, recall, rewrite
from adapters.readmodel.facts import INSERT_FACT, fact_row
from adapters.readmodel.recorders import ReadModelRecorder, Tx
from adapters.readmodel.states import rewrite_states
from adapters.readmodel.tables import Caught, micros, unfit
from domain.events import (
    Cited,
    Corrected,
    Event,
    MissionEvent,
    PackAdded,
    PartnerAdded,
    Registered,
    Retracted,
    Source,
)
from domain.fold import Key
from domain.knowledge import Misfit
from domain.mission import Unloaded
from domain.projection import Snapshot

PAGE = 2000
#: The most amended facts a catch-up keeps (`adapters.readmodel.amended`), about
#: 8 KB each: one amended again after this many others reads its chain again.
AMENDED = 512
#: Told how far a catch-up has read: (events read, events to read).
Progress = Callable[[int, int], None]
#: A source's fields, in the order a source is shown.
_SOURCE = tuple(Source.model_fields)


class _Stored(NamedTuple):
    """A stored event as the projector reads it: the event, or, if it cannot be
    read, what is known of it and why."""

    #: Its place among the events (the notification id).
    id: int
    origin: UUID
    version: int
    event: Event | Unloaded
    #: Its fields as JSON (`persistence.dumped`; empty if it cannot be read).
    fields: dict[str, Any]
    #: Whether its stored state holds exactly its event: the log may then tell
    #: it from the stored JSON (`timeline_irregular`).
    regular: bool


class _Skip(Exception):
    """An event the projector passes by, found before any of its rows is written;
    the message says why."""


def _is_snapshot(topic: str) -> bool:
    """Whether a topic is a snapshot's (an unknown topic is left to `load`, and
    is never imported: adapters.eventstore.persistence.TOPICS)."""
    return TOPICS.get(topic) is Snapshot


class Projector:
    """Turns events into the read model's rows."""

    def __init__(
        self,
        view: ReadModelRecorder,
        mapper: Mapper[UUID],
        progress: Progress | None = None,
        spacing: int | None = None,
    ) -> None:
        self.view = view
        self.mapper = mapper
        #: Told (events read, events to read) after each page, and at the end.
        self.progress = progress
        #: How many facts apart states are kept (None: by each mission's length).
        self.spacing = spacing
        self._sources: dict[str, int] = {}
        self._numbers: dict[UUID, int] = {}
        #: New facts' rows, written together before anything reads the facts.
        self._facts: list[tuple[Any, ...]] = []
        #: The facts this catch-up has seen amended, by (mission, version), the
        #: one amended last at the end.
        self._amended: dict[tuple[int, int], Amended] = {}

    def catch_up(self) -> Caught:
        """Read every event recorded since the read model last read."""
        with self.view.transaction(commit=True) as tx:
            self.view.lock(tx)
            start = self.view.position(tx)
            last = self.view.last_event(tx)
            if last <= start:
                return Caught(0, 0)
            return self._project(tx, start, last)

    def rebuild(self) -> Caught:
        """Empty the read model and read every event again."""
        with self.view.transaction(commit=True) as tx:
            self.view.lock(tx)
            self.view.forget(tx)
            return self._project(tx, 0, self.view.last_event(tx))

    def _project(self, tx: Tx, start: int, end: int) -> Caught:
        # Ids from a transaction that rolled back are gone.
        self._sources.clear()
        self._numbers.clear()
        self._facts.clear()
        self._amended.clear()
        #: The first and last places in the world's order each mission's new
        #: events touched, and how many times they touched it: the most its
        #: count of facts can have moved (an event adds, or takes away, one
        #: fact at most).
        touched: dict[int, tuple[Key, Key, int]] = {}
        heads: dict[UUID, tuple[int, str]] = {}
        irregular: list[tuple[str, int]] = []
        count = 0
        last = start
        for stored in self._after(tx, start):
            heads[stored.origin] = (stored.version, stored.event.digest)
            if not stored.regular:
                irregular.append((str(stored.origin), stored.version))
            try:
                for mission, key in self._apply(tx, stored):
                    low, high, moves = touched.get(mission, (key, key, 0))
                    touched[mission] = (min(low, key), max(high, key), moves + 1)
            except _Skip as skip:
                self._skip(tx, stored, str(skip))
            count += 1
            last = stored.id
            if self.progress is not None and count % PAGE == 0:
                self.progress(last - start, end - start)
        if self.progress is not None:
            self.progress(end - start, end - start)
        self._write_facts(tx)
        states = sum(
            rewrite_states(tx, m, (low, high), PAGE, self.spacing, moves)
            for m, (low, high, moves) in touched.items()
        )
        tx.executemany(
            "INSERT INTO {timeline_heads} VALUES (?, ?, ?) ON CONFLICT (origin)"
            " DO UPDATE SET version = excluded.version, digest = excluded.digest",
            [(str(origin), *head) for origin, head in heads.items()],
        )
        tx.executemany("INSERT INTO {timeline_irregular} VALUES (?, ?)", irregular)
        if count:
            self.view.advance(tx, last)
        return Caught(count, states)

    def _after(self, tx: Tx, start: int) -> Iterator[_Stored]:
        # Read in the projector's own transaction: an in-memory store lends one
        # connection at a time to a writer.
        while True:
            page = self.view.events_after(tx, start, PAGE)
            for notification in page:
                if _is_snapshot(notification.topic):  # those are kept apart
                    continue
                event = load(self.mapper, notification)
                fields = dumped(event) if isinstance(event, Event) else {}
                yield _Stored(
                    notification.id,
                    notification.originator_id,
                    notification.originator_version,
                    event,
                    fields,
                    isinstance(event, Event)
                    and is_regular(event, notification.state, fields),
                )
            if len(page) < PAGE:
                return
            start = page[-1].id

    def _skip(self, tx: Tx, stored: _Stored, why: str) -> None:
        """Remember that the event at `stored` does not count, and why."""
        event = stored.event
        tx.execute(
            "INSERT INTO {timeline_skipped} VALUES (?, ?, ?, ?, ?)",
            (
                stored.id,
                str(stored.origin),
                stored.version,
                event.id if isinstance(event, Unloaded) else str(event.id),
                why,
            ),
        )

    def _apply(self, tx: Tx, stored: _Stored) -> Iterable[tuple[int, Key]]:
        """Write the rows of one event; the missions and the first places in the
        world's order whose states it changes. `_Skip` if it does not count,
        before anything is written."""
        event = stored.event
        if isinstance(event, Unloaded):
            raise _Skip(event.why)
        recorded = micros(event.timestamp)
        if isinstance(event, PartnerAdded):
            _add_partner(tx, event)
            return []
        if isinstance(event, PackAdded):
            return []  # a pack's name: what adding a pack reads, from its stream
        if isinstance(event, Registered):
            self._register(tx, stored, event, recorded)
        mission = self._number(tx, stored.origin)
        if mission is None:
            raise _Skip("its mission's registration cannot be read")
        if isinstance(event, MissionEvent):
            fact = stored.fields
            source = self._source_id(tx, fact["source"])
            row = fact_row(fact, mission, stored.version, (recorded, None), source)
            self._facts.append(row)
            if len(self._facts) >= PAGE:
                self._write_facts(tx)
            return [(mission, (row[1], row[2], row[3]))]
        self._write_facts(tx)  # what follows reads the facts
        if isinstance(event, Cited):
            self._cite(tx, mission, event, recorded)
            return []
        assert isinstance(event, Corrected | Retracted)
        if isinstance(event, Retracted) and self._uncite(tx, mission, event, recorded):
            return []
        target = event.corrects if isinstance(event, Corrected) else event.retracts
        root = _root_of(tx, mission, str(target))
        tx.execute(
            "INSERT INTO {timeline_amendments} VALUES (?, ?, ?, ?)",
            (str(event.id), mission, stored.version, root),
        )
        if root is None:
            return []
        touched, misfit = self._amend(tx, mission, root, event)
        if misfit is not None:
            self._skip(tx, stored, unfit(misfit.fact.type))
        return touched

    def _write_facts(self, tx: Tx) -> None:
        """Write the new facts' rows kept so far."""
        if self._facts:
            tx.executemany(INSERT_FACT, self._facts)
            self._facts.clear()

    def _register(
        self, tx: Tx, stored: _Stored, event: Registered, recorded: int
    ) -> None:
        """Number a mission by its registration's place among the events."""
        if self._number(tx, stored.origin) is not None:
            raise _Skip("its mission is registered already")
        self._numbers[stored.origin] = stored.id
        tx.execute(
            "INSERT INTO {timeline_missions} VALUES (?, ?, ?, ?, ?, ?, 1)",
            (
                stored.id,
                str(stored.origin),
                event.slug,
                event.name,
                orjson.dumps(list(event.aliases)).decode(),
                recorded,
            ),
        )

    def _cite(self, tx: Tx, mission: int, event: Cited, recorded: int) -> None:
        """Keep a citation of a fact, standing from when it was recorded."""
        root = _root_of(tx, mission, str(event.cites))
        if root is None:
            raise _Skip("the fact it cites cannot be read")
        source = self._source_id(tx, event.source.model_dump(mode="json"))
        tx.execute(
            "INSERT INTO {timeline_citations} VALUES (?, ?, ?, ?, ?, NULL)",
            (str(event.id), mission, root, source, recorded),
        )

    def _uncite(self, tx: Tx, mission: int, event: Retracted, recorded: int) -> bool:
        """End a citation that `event` retracts; whether it retracts one."""
        found = tx.one(
            "SELECT 1 FROM {timeline_citations} WHERE id = ? AND mission = ?",
            (str(event.retracts), mission),
        )
        if found is None:
            return False
        tx.execute(
            "UPDATE {timeline_citations} SET known_until = ? WHERE id = ?",
            (recorded, str(event.retracts)),
        )
        return True

    def _amend(
        self, tx: Tx, mission: int, root: int, event: Corrected | Retracted
    ) -> tuple[list[tuple[int, Key]], Misfit | None]:
        """Rewrite the spans of recording time over which the fact `root` read the
        same, now that `event` bears on it: its last span alone if `event` was
        recorded no earlier than the fact's latest event, else all of them
        (`adapters.readmodel.amended`); the places touched, and the misfit if
        `event` is a correction that does not fit."""
        place = (mission, root)
        amended = self._amended.pop(place, None)
        since = micros(event.timestamp)
        if amended is not None and since >= amended.last:
            first = str(amended.reading.fact.id)
            rows = Rows(tx, mission, root, first, self._source_id)
            touched, misfit = follow(rows, amended, event)
        else:
            # Its rows are as the events before `event` have them.
            events = self._chain(tx, mission, root)
            assert events[-1].id == event.id
            rows = Rows(tx, mission, root, str(events[0].id), self._source_id)
            if since >= max(micros(e.timestamp) for e in events[:-1]):
                amended = recall(events[:-1])
                touched, misfit = follow(rows, amended, event)
            else:
                amended, touched, misfit = rewrite(rows, events)
        self._amended[place] = amended
        if len(self._amended) > AMENDED:  # the one amended longest ago
            del self._amended[next(iter(self._amended))]
        return touched, misfit

    def _chain(self, tx: Tx, mission: int, root: int) -> list[Event]:
        """The fact `root` and the corrections and retractions read so far that
        bear on it, in recording order."""
        origin = self._origin(tx, mission)
        found = [
            load(self.mapper, s) for s in self.view.chain(tx, origin, mission, root)
        ]
        return [e for e in found if isinstance(e, Event)]

    def _number(self, tx: Tx, origin: UUID) -> int | None:
        """The number of the mission with this aggregate id (None if its
        registration has not been read)."""
        found = self._numbers.get(origin)
        if found is None:
            row = tx.one(
                "SELECT number FROM {timeline_missions} WHERE mission = ?",
                (str(origin),),
            )
            if row is None:
                return None
            found = self._numbers[origin] = row[0]
        return found

    def _origin(self, tx: Tx, mission: int) -> UUID:
        """The aggregate id of the mission with this number."""
        (found,) = tx.one(
            "SELECT mission FROM {timeline_missions} WHERE number = ?", (mission,)
        )
        return UUID(found)

    def _source_id(self, tx: Tx, source: dict[str, Any]) -> int:
        """Where the read model keeps a source (a fact's, as JSON), kept once."""
        body = orjson.dumps({name: source.get(name) for name in _SOURCE}).decode()
        found = self._sources.get(body)
        if found is None:
            (found,) = tx.one(
                "INSERT INTO {timeline_sources} (body) VALUES (?)"
                " ON CONFLICT (body) DO UPDATE SET body = excluded.body RETURNING id",
                (body,),
            )
            self._sources[body] = found
        return found


def _root_of(tx: Tx, mission: int, event_id: str) -> int | None:
    """The version of the fact an event id is, or bears on, in this mission."""
    found = tx.one(
        "SELECT root FROM {timeline_facts} WHERE id = ? AND mission = ? LIMIT 1",
        (event_id, mission),
    )
    if found is None:
        found = tx.one(
            "SELECT root FROM {timeline_amendments} WHERE id = ? AND mission = ?",
            (event_id, mission),
        )
    return None if found is None else found[0]


def _add_partner(tx: Tx, event: PartnerAdded) -> None:
    """Keep a partner made known."""
    tx.execute(
        "INSERT INTO {timeline_partners} VALUES (?, ?, ?, ?, ?, ?)",
        (
            event.slug,
            event.name,
            str(event.category),
            event.country,
            event.via,
            orjson.dumps(list(event.aliases)).decode(),
        ),
    )
