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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import StoredEvent

from adapters.errors import UnknownMission
from adapters.eventstore.tracker import MissionTracker
from adapters.readmodel.reader import Reader
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

    def named(self, source: Reader, names: Iterable[str]) -> list[str]:
        """The slugs of the missions `names` name in the store `source` reads,
        each refused unless something about it had been reported."""
        slugs = [source.tracked(name, None) for name in names]
        for slug in slugs:
            self.require_reported(slug)
        return slugs

    def require_reported(self, slug: str) -> None:
        """Refuse to answer of a mission of which nothing had been reported."""
        first = self.unreported.get(slug)
        if first is not None:
            raise UnknownMission(
                f"nothing about {slug} had been reported by {self.day}; the first"
                f" report of it counts from {first}"
            )

    def said(self, slugs: Iterable[str] | None) -> dict[str, Any]:
        """What an answer says of how it was made: by which day, and how many
        facts of its missions (of all, if None) counted from their recording."""
        return {
            "by": self.day.isoformat(),
            "counted_from_recording": self.undated_in(slugs),
        }

    def undated_in(self, slugs: Iterable[str] | None) -> int:
        """How many events of these missions (of all, if None) counted from
        their recording."""
        if slugs is None:
            return sum(self.undated.values())
        return sum(self.undated.get(slug, 0) for slug in slugs)


def undated_said(count: int) -> str:
    """How many facts counted from the day they were recorded, in a sentence."""
    return (
        f"{count} fact{'' if count == 1 else 's'} cite{'s' if count == 1 else ''}"
        " no publication date: each counts from the day it was recorded."
    )


@dataclass
class _Event:
    stored: StoredEvent
    kind: str
    id: str
    day: date
    undated: bool
    amends: str | None


def reported_by(source: Reader, day: date) -> Reported:
    """The store that `source` reads as reported by the end of `day`."""
    streams: dict[UUID, list[_Event]] = {}
    kept: list[StoredEvent] = []  # partners' and packs' names, as they are
    for stored in _stored(source):
        event = _read(stored)
        if event.kind in _NOT_FACTS:
            kept.append(stored)
        else:
            streams.setdefault(UUID(str(stored.originator_id)), []).append(event)
    copy = MissionTracker("memory:")
    found = Reported(day, copy)
    for events in streams.values():
        kept += _counted(events, day, found)
    copy.recorder.insert_events(kept)
    return found


def _counted(events: list[_Event], day: date, found: Reported) -> list[StoredEvent]:
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


def _read(stored: StoredEvent) -> _Event:
    """What deciding whether an event counts needs of it; an event that cannot
    be read counts for nothing."""
    try:
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
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return _Event(stored, "", "", date.max, False, "")


def _stored(reader: Reader) -> Iterator[StoredEvent]:
    """Every stored event, in the order recorded."""
    view, after = reader.view, 0
    while True:
        with view.transaction(commit=False) as tx:
            page = view.stored_after(tx, after, PAGE)
        for _, origin, version, topic, state in page:
            yield StoredEvent(UUID(str(origin)), version, topic, bytes(state))
        if len(page) < PAGE:
            return
        after = page[-1][0]
