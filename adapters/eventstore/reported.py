"""The store as it had been reported by a day (`--reported`): the events whose
sources had been published by the end of that day, copied into a store in
memory, which every question can then be asked of as it is asked of a store.

A fact counts from its source's publication date; each correction, retraction
and citation from its own (a correction from that of the source it gives the
fact, if it gives one), and only once what it amends counts. An event whose
source gives no publication date counts from the day it was recorded: those are
counted, by mission, for the answer to say. A mission counts once anything about
it counts, its registration with it. Partners and packs' names are not facts:
they are copied as they are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from eventsourcing.persistence import Notification, StoredEvent

from adapters.errors import UnknownMission
from adapters.eventstore.tracker import MissionTracker
from domain.events import Corrected, Registered

#: Events read from the store at once.
PAGE = 1000
#: The kinds of events that amend another, and the field naming it.
_AMENDING = {"corrected": "corrects", "retracted": "retracts", "cited": "cites"}
#: The kinds of events that are about no mission.
_NOT_FACTS = frozenset({"partner-added", "pack-added"})


@dataclass
class Reported:
    """The store as reported by `day`: a tracker on a copy in memory of what
    counts, with what the answer says of how it was made."""

    day: date
    tracker: MissionTracker
    #: By mission slug, how many of its events counted from the day they were
    #: recorded, their sources giving no publication date.
    undated: dict[str, int] = field(default_factory=dict)
    #: The missions of which nothing counts, each with the day that anything
    #: about it was first published (or recorded).
    unreported: dict[str, date] = field(default_factory=dict)

    def close(self) -> None:
        """Let the copy go."""
        self.tracker.close()

    def require_reported(self, slug: str) -> None:
        """Refuse to answer of a mission of which nothing had been reported."""
        first = self.unreported.get(slug)
        if first is not None:
            raise UnknownMission(
                f"nothing about {slug} had been reported by {self.day}; the first"
                f" report of it counts from {first}"
            )

    def undated_in(self, slugs: list[str]) -> int:
        """How many events of these missions counted from their recording."""
        return sum(self.undated.get(slug, 0) for slug in slugs)


@dataclass
class _Event:
    stored: Notification
    kind: str
    id: str
    day: date
    undated: bool
    amends: str | None


def reported_by(source: MissionTracker, day: date) -> Reported:
    """The store of `source` as reported by the end of `day`."""
    streams: dict[str, list[_Event]] = {}
    others: list[Notification] = []
    for stored in _notifications(source):
        event = _read(stored)
        if event.kind in _NOT_FACTS:
            others.append(stored)
        else:
            streams.setdefault(str(stored.originator_id), []).append(event)
    copy = MissionTracker("memory:")
    found = Reported(day, copy)
    kept: list[Notification] = list(others)
    for events in streams.values():
        kept += _counted(events, day, found)
    kept.sort(key=lambda stored: stored.id)
    copy.recorder.insert_events(
        [
            StoredEvent(s.originator_id, s.originator_version, s.topic, s.state)
            for s in kept
        ]
    )
    return found


def _counted(events: list[_Event], day: date, found: Reported) -> list[Notification]:
    """The events of one mission that count by `day`, in the order recorded."""
    first = events[0]
    if first.kind != Registered.model_fields["kind"].default:
        return []  # a stream that is no mission's: the read model passes it by
    counts = {e.id for e in events[1:] if e.amends is None and e.day <= day}
    if counts or first.day <= day:
        counts.add(first.id)
    else:
        slug = orjson.loads(first.stored.state)["slug"]
        found.unreported[slug] = min(e.day for e in events)
        return []
    for event in events[1:]:
        if event.amends is not None and event.amends in counts and event.day <= day:
            counts.add(event.id)
    kept = [e for e in events if e.id in counts]
    undated = sum(e.undated for e in kept)
    if undated:
        slug = orjson.loads(first.stored.state)["slug"]
        found.undated[slug] = undated
    return [e.stored for e in kept]


def _read(stored: Notification) -> _Event:
    """What deciding whether an event counts needs of it."""
    state: dict[str, Any] = orjson.loads(stored.state)
    kind = str(state.get("kind", ""))
    amended = _AMENDING.get(kind)
    source = state.get("source")
    if kind == Corrected.model_fields["kind"].default:
        source = (state.get("changes") or {}).get("source")
    published = source.get("published") if isinstance(source, dict) else None
    if published:
        day = date.fromisoformat(published)
    else:
        day = datetime.fromisoformat(state["timestamp"]).date()
    return _Event(
        stored,
        kind,
        str(state.get("id")),
        day,
        not published,
        str(state[amended]) if amended else None,
    )


def _notifications(tracker: MissionTracker) -> Iterator[Notification]:
    """Every stored event, in the order recorded."""
    start = 1
    while True:
        page = tracker.recorder.select_notifications(start, PAGE)
        yield from page
        if len(page) < PAGE:
            return
        start = page[-1].id + 1
