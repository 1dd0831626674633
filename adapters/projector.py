"""Keeping the read model up to date: new events, read in the order they were
recorded, become rows, and each mission's timeline is rewritten only from the
first fact in the world's order that they touched.

SQLite cannot be subscribed to, so the projector pulls: `catch_up` reads the
events recorded since the position in the tracking record, and writes the rows
and the new position in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import ApplicationRecorder, Mapper

from adapters.readmodel import (
    FACT_COLUMNS,
    Caught,
    ReadModelRecorder,
    Tx,
    micros,
    span,
)
from domain.events import (
    Corrected,
    Event,
    LaunchTargetChanged,
    MissionEvent,
    PartnerJoined,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    Registered,
    Retracted,
    StatusChanged,
)
from domain.fold import Fact, Key, State
from domain.knowledge import effective_facts
from domain.vocabulary import PARTNERS

PAGE = 2000


class Projector:
    """Turns events into the read model's rows."""

    def __init__(
        self,
        events: ApplicationRecorder,
        view: ReadModelRecorder,
        mapper: Mapper[UUID],
    ) -> None:
        self.events = events
        self.view = view
        self.mapper = mapper
        self._sources: dict[str, int] = {}
        self._numbers: dict[UUID, int] = {}

    def catch_up(self) -> Caught:
        """Read every event recorded since the read model last read."""
        with self.view.transaction(commit=True) as tx:
            self.view.lock(tx)
            start = self.view.position(tx)
            if self.view.last_event(tx) <= start:
                return Caught(0, 0)
            return self._project(tx, start)

    def rebuild(self) -> Caught:
        """Empty the read model and read every event again."""
        with self.view.transaction(commit=True) as tx:
            self.view.lock(tx)
            self.view.forget(tx)
            return self._project(tx, 0)

    def _project(self, tx: Tx, start: int) -> Caught:
        # Ids from a transaction that rolled back are gone.
        self._sources.clear()
        self._numbers.clear()
        touched: dict[int, Key] = {}
        count = 0
        last = start
        for notification_id, event in self._after(tx, start):
            for mission, key in self._apply(tx, notification_id, event):
                if mission not in touched or key < touched[mission]:
                    touched[mission] = key
            count += 1
            last = notification_id
        states = sum(_rewrite_states(tx, m, key) for m, key in touched.items())
        if count:
            self.view.advance(tx, last)
        return Caught(count, states)

    def _after(self, tx: Tx, start: int) -> Iterator[tuple[int, Event]]:
        # Read in the projector's own transaction: an in-memory store lends one
        # connection at a time to a writer.
        while True:
            page = self.view.events_after(tx, start, PAGE)
            for notification in page:
                event = self.mapper.to_domain_event(notification)
                if isinstance(event, Event):  # never a snapshot: those are apart
                    yield notification.id, event
            if len(page) < PAGE:
                return
            start = page[-1].id

    def _apply(
        self, tx: Tx, notification_id: int, event: Event
    ) -> Iterable[tuple[int, Key]]:
        """Write the rows of one event; the missions and the first places in the
        world's order whose states it changes."""
        if isinstance(event, Registered):
            # A mission is numbered by its registration's place among the events.
            self._numbers[event.originator_id] = notification_id
            tx.execute(
                "INSERT INTO {timeline_missions} VALUES (?, ?, ?, ?, ?, ?)",
                (
                    notification_id,
                    str(event.originator_id),
                    event.slug,
                    event.name,
                    orjson.dumps(list(event.aliases)).decode(),
                    micros(event.timestamp),
                ),
            )
        mission = self._number(tx, event.originator_id)
        if isinstance(event, MissionEvent):
            row = self._fact_row(
                tx, mission, event, micros(event.timestamp), None, event
            )
            tx.execute(_INSERT_FACT, row)
            return [(mission, (row[1], row[2], row[3]))]
        if isinstance(event, Corrected | Retracted):
            target = event.corrects if isinstance(event, Corrected) else event.retracts
            root = _root_of(tx, mission, str(target))
            tx.execute(
                "INSERT INTO {timeline_amendments} VALUES (?, ?, ?, ?)",
                (str(event.id), mission, event.originator_version, root),
            )
            if root is not None:
                return self._reknow(tx, mission, event.originator_id, root)
        return []

    def _number(self, tx: Tx, origin: UUID) -> int:
        """The number of the mission with this aggregate id."""
        found = self._numbers.get(origin)
        if found is None:
            (found,) = tx.one(
                "SELECT number FROM {timeline_missions} WHERE mission = ?",
                (str(origin),),
            )
            self._numbers[origin] = found
        return found

    def _reknow(
        self, tx: Tx, mission: int, origin: UUID, root: int
    ) -> list[tuple[int, Key]]:
        """Rewrite the spans of recording time over which the fact `root` read
        the same, from it and every correction and retraction bearing on it."""
        versions = [root] + [
            v
            for (v,) in tx.all(
                "SELECT version FROM {timeline_amendments}"
                " WHERE mission = ? AND root = ? ORDER BY version",
                (mission, root),
            )
        ]
        events = [self._event(tx, origin, version) for version in versions]
        # Every row of the fact carries its id (its first version's).
        first = str(events[0].id)
        old = tx.all(
            "SELECT latest, earliest FROM {timeline_facts}"
            " WHERE id = ? AND mission = ?",
            (first, mission),
        )
        tx.execute(
            "DELETE FROM {timeline_facts} WHERE id = ? AND mission = ?",
            (first, mission),
        )
        moments = sorted({e.timestamp for e in events})
        spans: list[tuple[datetime, MissionEvent | None]] = []
        for moment in moments:
            known = [f for f in effective_facts(events, moment) if f.id == events[0].id]
            fact = known[0] if known else None
            if not spans or spans[-1][1] != fact:
                spans.append((moment, fact))
        keys = [(latest, earliest, root) for latest, earliest in old]
        for index, (moment, fact) in enumerate(spans):
            if fact is None:
                continue
            until = micros(spans[index + 1][0]) if index + 1 < len(spans) else None
            row = self._fact_row(tx, mission, fact, micros(moment), until, events[0])
            tx.execute(_INSERT_FACT, row)
            keys.append((row[1], row[2], root))
        return [(mission, min(keys))] if keys else []

    def _event(self, tx: Tx, origin: UUID, version: int) -> Event:
        event = self.mapper.to_domain_event(self.view.event(tx, origin, version))
        assert isinstance(event, Event)
        return event

    def _fact_row(
        self,
        tx: Tx,
        mission: int,
        fact: MissionEvent,
        known_from: int,
        until: int | None,
        first: Event,
    ) -> tuple[Any, ...]:
        value: str | None = None
        partner = by = role = standing = None
        match fact:
            case StatusChanged():
                value = fact.status.value
            case LaunchTargetChanged():
                value = fact.target.edtf
            case PartnerJoined():
                partner, role, standing = fact.partner, fact.role, fact.standing
            case PartnerReplaced():
                partner, by = fact.partner, fact.by
                role, standing = fact.role, fact.standing
            case PartnerWithdrawn():
                partner = fact.partner
            case PartnerStandingChanged():
                partner, standing = fact.partner, fact.standing
        occurred = fact.occurred
        return (
            mission,
            occurred.latest.isoformat(),
            occurred.earliest.isoformat(),
            fact.originator_version,
            known_from,
            until,
            str(type(fact).model_fields["kind"].default),
            occurred.edtf,
            value,
            partner,
            by,
            str(role) if role else None,
            str(standing) if standing else None,
            self._source_id(tx, fact.source.model_dump_json()),
            str(first.id),
            fact.summary,
            span(occurred.earliest, occurred.latest),
        )

    def _source_id(self, tx: Tx, body: str) -> int:
        found = self._sources.get(body)
        if found is None:
            (found,) = tx.one(
                "INSERT INTO {timeline_sources} (body) VALUES (?)"
                " ON CONFLICT (body) DO UPDATE SET body = excluded.body RETURNING id",
                (body,),
            )
            self._sources[body] = found
        return found


_INSERT_FACT = (
    "INSERT INTO {timeline_facts} (mission, latest, earliest, root, known_from,"
    " known_until, kind, edtf, value, partner, by_partner, role, standing, source,"
    " id, summary, span) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


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


def _rewrite_states(tx: Tx, mission: int, start: Key) -> int:
    """Refold the mission's timeline from `start` on, in the order of the world;
    how many states it wrote."""
    before = tx.one(
        "SELECT state FROM {timeline_states} WHERE mission = ?"
        " AND (latest, earliest, root) < (?, ?, ?)"
        " ORDER BY latest DESC, earliest DESC, root DESC LIMIT 1",
        (mission, *start),
    )
    state = State.load(orjson.loads(before[0]) if before else None)
    tx.execute(
        "DELETE FROM {timeline_states} WHERE mission = ?"
        " AND (latest, earliest, root) >= (?, ?, ?)",
        (mission, *start),
    )
    after: Key = start
    inclusive = True
    written = 0
    while True:
        page = tx.all(
            f"SELECT {FACT_COLUMNS} FROM {{timeline_facts}}"
            " WHERE mission = ? AND known_until IS NULL"
            f" AND (latest, earliest, root) {'>=' if inclusive else '>'} (?, ?, ?)"
            " ORDER BY latest, earliest, root LIMIT ?",
            (mission, *after, PAGE),
        )
        rows = []
        for row in page:
            fact = Fact(*row)
            state.apply(fact)
            rows.append((mission, fact.latest, fact.earliest, fact.root, _dump(state)))
        tx.executemany("INSERT INTO {timeline_states} VALUES (?, ?, ?, ?, ?)", rows)
        written += len(rows)
        if len(page) < PAGE:
            return written
        last = Fact(*page[-1])
        after, inclusive = last.key, False


def _dump(state: State) -> str:
    return orjson.dumps(state.dump(PARTNERS)).decode()
