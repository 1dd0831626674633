"""The store a server answers from: a reader on its read model that never
brings it up to date (the commands that write do, as they write), so that the
server never writes; and what a client's cached answer is keyed on."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from threading import Lock
from typing import TYPE_CHECKING, Any

import orjson

from adapters.errors import InputError, UnknownEvent
from adapters.readmodel.answers import event_missions
from adapters.readmodel.reader import Reader, open_reader
from adapters.readmodel.tables import moment

if TYPE_CHECKING:
    from adapters.eventstore.reported import Reported

#: Every time the record changed, earliest first, numbered, with how many there
#: are; of those, the first and `?` more spread evenly over them (the last always).
_RECORDED = (
    "SELECT t FROM (SELECT t, ROW_NUMBER() OVER (ORDER BY t) AS n,"
    " COUNT(*) OVER () AS c FROM ("
    "SELECT registered AS t FROM {timeline_missions}"
    " UNION SELECT known_from FROM {timeline_facts}"
    " UNION SELECT known_until FROM {timeline_facts} WHERE known_until IS NOT NULL"
    " UNION SELECT known_from FROM {timeline_citations}"
    " UNION SELECT known_until FROM {timeline_citations}"
    " WHERE known_until IS NOT NULL"
    ") u) r WHERE n = 1 OR n * ? / c > (n - 1) * ? / c ORDER BY t"
)


#: How many days' copies of the store as reported then a server keeps.
REPORTED = 4


@dataclass
class Served:
    """A store opened to be served, and what closes it."""

    url: str
    reader: Reader
    close: Callable[[], None]
    #: Answers already sent, to be sent again while the store stands.
    kept: Kept = field(default_factory=lambda: Kept(), repr=False)
    #: The last answer of `recorded`, and what it was asked with: the read
    #: model's place and how many times at most.
    _recorded: tuple[tuple[int, int], list[datetime]] | None = field(
        default=None, repr=False
    )
    #: The last answer of `published`, and the read model's place it was read at.
    _published: tuple[int, list[date]] | None = field(default=None, repr=False)
    #: The store as reported by a day, for the last days asked, by the read
    #: model's place and the day (`reported`).
    _reported: OrderedDict[tuple[int, date], Reported] = field(
        default_factory=OrderedDict, repr=False
    )
    _lock: Lock = field(default_factory=Lock, repr=False)

    @classmethod
    def open(cls, url: str) -> Served:
        """Open the store at `url` only to read it, seeing what others write."""
        reader, close = open_reader(url, read_only=True, live=True)
        return cls(url, reader, close)

    def position(self) -> int:
        """How far the read model has read the events: what every answer rests on."""
        view = self.reader.view
        with view.transaction(commit=False) as tx:
            return int(view.position(tx))

    def tag(self, today: date | None = None) -> str:
        """The ETag of every answer as the store stands: the read model's place,
        and the day (an answer's default date is today)."""
        day = today or datetime.now(tz=UTC).date()
        return f'"{self.position()}-{day.isoformat()}"'

    def recorded(self, most: int) -> list[datetime]:
        """The times at which the record changed (a mission registered, a fact
        or a citation recorded, corrected or retracted), earliest first: each of
        them, or `most` spread evenly over them, the first and the last always.
        Asked again only once the read model has moved on."""
        asked = (self.position(), most)
        if self._recorded is not None and self._recorded[0] == asked:
            return self._recorded[1]
        view = self.reader.view
        with view.transaction(commit=False) as tx:
            steps = max(most - 1, 1)
            rows = tx.all(_RECORDED, [steps, steps])
        found = [moment(int(micros)) for (micros,) in rows]
        self._recorded = (asked, found)
        return found

    def log(
        self, name: str, known_at: datetime | None, reported: date | None = None
    ) -> Iterator[dict[str, Any]]:
        """The mission's event log (the mission found, or refused, at once), of
        the store, or of it as reported by a day."""
        from adapters.eventstore.log import event_log
        from domain.identity import mission_id

        reader, named, _ = self.answering(reported, [name])
        slug = reader.tracked(named[0], known_at)
        view, mapper = reader.view, reader.mapper
        return event_log(view, mapper, mission_id(slug), slug, known_at)

    def answering(
        self, reported: date | None, names: Sequence[str] = ()
    ) -> tuple[Reader, list[str], Reported | None]:
        """What answers, the missions named (by slug, if reported), and the
        store as reported by `reported`, if a day is given: where a mission of
        which nothing had been reported then is refused."""
        if reported is None:
            return self.reader, list(names), None
        found = self.reported(reported)
        return found.tracker.reader, found.named(self.reader, names), found

    def reported(self, day: date) -> Reported:
        """The store as reported by `day`: made once while the store stands,
        the last few days asked for kept (`REPORTED`)."""
        from adapters.eventstore.reported import reported_by

        key = (self.position(), day)
        with self._lock:
            found = self._reported.get(key)
            if found is not None:
                self._reported.move_to_end(key)
                return found
        made = reported_by(self.reader, day)
        with self._lock:
            found = self._reported.setdefault(key, made)
            self._reported.move_to_end(key)
            while len(self._reported) > REPORTED:
                # Dropped, not closed: a request may still be reading it.
                self._reported.popitem(last=False)
        return found

    def published(self) -> list[date]:
        """Every day that a source of the store was published on, earliest
        first. Asked again only once the read model has moved on, as `recorded`."""
        place = self.position()
        if self._published is not None and self._published[0] == place:
            return self._published[1]
        view = self.reader.view
        with view.transaction(commit=False) as tx:
            rows = tx.all("SELECT body FROM {timeline_sources}")
        days = set()
        for (body,) in rows:
            published = orjson.loads(body).get("published")
            if published:
                days.add(date.fromisoformat(published))
        self._published = (place, sorted(days))
        return self._published[1]

    def event(self, reference: str) -> dict[str, Any]:
        """The log's view of the event whose id is, or starts with, `reference`:
        its mission found in the read model as it stands, then its log read up
        to it."""
        wanted = reference.strip().lower()
        if len(wanted.replace("-", "")) < 4:
            raise InputError(
                f"event id {reference!r} is too short; give 4 or more characters"
            )
        upper = wanted[:-1] + chr(ord(wanted[-1]) + 1)
        with self.reader.view.transaction(commit=False) as tx:
            found = event_missions(tx, wanted, upper)
        if not found:
            raise UnknownEvent(
                f"no event has an id starting {wanted!r};"
                " the log of a mission shows the ids"
            )
        if len(found) > 1:
            ids = ", ".join(sorted(id_ for _, id_ in found)[:5])
            raise InputError(f"event id {wanted!r} is ambiguous: {ids}")
        ((slug, id_),) = found
        for view in self.log(slug, None):
            if view["id"] == id_:
                return dict(view)
        raise AssertionError(f"event {id_} is in the read model, not in its log")


class Kept:
    """Answers already made, by what was asked (a path and its query), kept for
    as long as the store stands as it did (its tag) and up to `MOST` bytes in
    all, the least recently asked for dropped first: a dashboard that asks the
    same question again and again, or many readers the same, is answered at
    once. What is asked counts against the bound as well as its answer, with
    what keeping one costs besides, so that many distinct questions with short
    answers are bounded too. Safe to share between the server's threads."""

    #: The most bytes kept, and the largest answer kept.
    MOST = 32 << 20
    LARGEST = 4 << 20
    #: About what keeping one more answer costs beyond its bytes and its key's:
    #: the objects that hold them and their place in the order.
    EACH = 256

    def __init__(self) -> None:
        self._lock = Lock()
        self._tag = ""
        self._answers: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0

    def answer(self, asked: str, tag: str, make: Callable[[], bytes]) -> bytes:
        """The answer to `asked` with the store at `tag`: kept, or made now."""
        with self._lock:
            if tag != self._tag:
                self._tag, self._size = tag, 0
                self._answers.clear()
            found = self._answers.get(asked)
            if found is not None:
                self._answers.move_to_end(asked)
                return found
        made = make()
        if len(made) > self.LARGEST:
            return made
        # A copy of its own length: orjson may leave a short answer in a buffer
        # several times its size, which the bound would not see.
        made = bytes(memoryview(made))
        with self._lock:
            if tag == self._tag and asked not in self._answers:
                self._answers[asked] = made
                self._size += self._cost(asked, made)
                while self._size > self.MOST:
                    dropped = self._answers.popitem(last=False)
                    self._size -= self._cost(*dropped)
        return made

    def __len__(self) -> int:
        """How many answers are kept."""
        return len(self._answers)

    def _cost(self, asked: str, answer: bytes) -> int:
        """The bytes an answer kept counts against `MOST`."""
        return self.EACH + len(asked.encode()) + len(answer)
