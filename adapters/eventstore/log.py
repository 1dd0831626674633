"""A mission's event log, streamed: its events are read a page at a time, in
the order recorded, in one read transaction, and each is told as soon as it is
read, so that the time a log takes follows its length and the memory it needs
does not.

A view says which corrections and retraction were recorded about its event and
which other sources cite it, all of which come later in the log: a first pass
reads only the events that amend or cite (the others are passed by on their
topic, never decoded), then the second tells every event. The views are those
of `adapters.eventstore.views.log_view`, which tells them from a whole mission."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.utils import get_topic

from adapters.eventstore.persistence import TOPICS, load
from adapters.eventstore.views import event_view, stored_view
from adapters.readmodel.recorders import ReadModelRecorder, Tx
from domain.events import Cited, Corrected, Event, Retracted

#: Stored events read at once.
PAGE = 1000
_AMENDING = {get_topic(cls) for cls in (Corrected, Retracted, Cited)}


class _Amendments:
    """What the log says of each event that later events amend or cite: the
    corrections and retractions recorded about it, and its citations."""

    def __init__(self) -> None:
        #: By the id (as text) of the event they bear on.
        self.corrected: dict[str, list[str]] = {}
        self.retracted: dict[str, str] = {}
        self.cited: list[Cited] = []

    def add(self, event: Event) -> None:
        if isinstance(event, Corrected):
            self.corrected.setdefault(str(event.corrects), []).append(str(event.id))
        elif isinstance(event, Retracted):
            self.retracted.setdefault(str(event.retracts), str(event.id))
        elif isinstance(event, Cited):
            self.cited.append(event)

    def sources(self) -> dict[str, list[dict[str, Any]]]:
        """For each fact, the sources of the citations of it that stand (neither
        they nor the fact retracted), in recording order."""
        found: dict[str, list[dict[str, Any]]] = {}
        for cited in self.cited:
            cites = str(cited.cites)
            if str(cited.id) not in self.retracted and cites not in self.retracted:
                source = cited.source.model_dump(mode="json")
                found.setdefault(cites, []).append(source)
        return found


def event_log(
    view: ReadModelRecorder,
    mapper: Mapper[UUID],
    origin: UUID,
    slug: str,
    known_at: datetime | None,
) -> Iterator[dict[str, Any]]:
    """Every event of the mission `origin` recorded by `known_at`, in the order
    recorded, each with the corrections, retraction and citations recorded
    about it by then, read in one read transaction. Events that cannot be read
    are passed by (the read model says so: `timeline_skipped`)."""
    with view.transaction(commit=False) as tx:
        amendments = _Amendments()
        for event in _events(view, tx, mapper, origin, known_at, _AMENDING):
            amendments.add(event)
        cited = amendments.sources()
        for told in _told(view, tx, mapper, origin, slug, known_at):
            found = told["id"]
            told["corrected_by"] = amendments.corrected.get(found, [])
            told["retracted_by"] = amendments.retracted.get(found)
            if told["occurred"] is not None:  # a fact
                told["sources"] = [told["source"], *cited.get(found, ())]
            yield told


def _told(
    view: ReadModelRecorder,
    tx: Tx,
    mapper: Mapper[UUID],
    origin: UUID,
    slug: str,
    known_at: datetime | None,
) -> Iterator[dict[str, Any]]:
    """Each event of the mission recorded by `known_at` that can be read, as a
    log tells it: from its stored JSON where the read model has read it and
    found it regular, else as built from it (`timeline_irregular`)."""
    head, irregular = view.regularity(tx, origin)
    for version, topic, state in _rows(view, tx, origin):
        cls = TOPICS.get(topic)
        regular = version <= head and version not in irregular
        if regular and cls is not None and issubclass(cls, Event):
            stored = orjson.loads(state)
            if known_at is None or _recorded(stored) <= known_at:
                yield stored_view(slug, version, cls, stored)
            continue
        event = _known(
            mapper, StoredEvent(origin, version, topic, bytes(state)), known_at
        )
        if event is not None:
            yield event_view(slug, event)


def _recorded(state: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(state["timestamp"])


def _events(
    view: ReadModelRecorder,
    tx: Tx,
    mapper: Mapper[UUID],
    origin: UUID,
    known_at: datetime | None,
    topics: set[str],
) -> Iterator[Event]:
    """The mission's events of `topics` that can be read, recorded by
    `known_at`, in the order recorded."""
    for version, topic, state in _rows(view, tx, origin):
        if topic in topics:
            stored = StoredEvent(origin, version, topic, bytes(state))
            event = _known(mapper, stored, known_at)
            if event is not None:
                yield event


def _rows(view: ReadModelRecorder, tx: Tx, origin: UUID) -> Iterator[tuple[Any, ...]]:
    """The mission's stored events, as rows (version, topic, state), in the
    order recorded, a page at a time."""
    after = 0
    while page := view.stored_of(tx, origin, after, PAGE):
        yield from page
        after = page[-1][0]


def _known(
    mapper: Mapper[UUID], stored: StoredEvent, known_at: datetime | None
) -> Event | None:
    """The stored event, if it can be read and was recorded by `known_at`."""
    event = load(mapper, stored)
    if isinstance(event, Event) and (known_at is None or event.timestamp <= known_at):
        return event
    return None
