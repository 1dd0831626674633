"""Export and import: every stored event as one NDJSON line, in recording order.

A line holds what rebuilds the store exactly: the mission's aggregate id, the
event's version and topic, and its stored state (ids, dates, recorded time,
source, digest). An import reads its file twice, as a stream: first it checks
every line, then it writes them in batches; a line already in the store is
skipped, so an import that was killed can be run again to completion."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING
from uuid import UUID

import orjson
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic

from adapters.errors import InputError
from domain.chain import stored_digest
from domain.events import EVENT_TYPES, Registered
from domain.mission import mission_id

if TYPE_CHECKING:
    from adapters.tracker import MissionTracker

PAGE = 1000
BATCH = 500
_FIELDS = {"originator_id", "originator_version", "topic", "state"}


class ImportRefused(InputError):
    """A line of an import file that cannot be imported; nothing was written."""


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
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Import the events of the NDJSON file at `path` ("-": standard input).

    Returns (added, already there). Raises ImportRefused naming the line and the
    field of the first bad line; then nothing was written."""
    with _seekable(path) as source:
        total = _check_all(tracker, source)
        source.seek(0)
        return _write_all(tracker, source, total, progress), total


def _check_all(tracker: MissionTracker, source: IO[bytes]) -> int:
    chains: dict[UUID, tuple[int, str]] = {}
    count = 0
    for number, stored in _lines(source):
        count += 1
        _check(tracker, number, stored, chains)
    return count


def _write_all(
    tracker: MissionTracker,
    source: IO[bytes],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    added = 0
    batch: list[StoredEvent] = []
    for done, (_, stored) in enumerate(_lines(source), start=1):
        if progress and (done % BATCH == 0 or done == total):
            progress(done, total)
        if _stored_state(tracker, stored) is None:
            batch.append(stored)
        if len(batch) >= BATCH:
            added += _insert(tracker, batch)
    return added + _insert(tracker, batch)


def _insert(tracker: MissionTracker, batch: list[StoredEvent]) -> int:
    if batch:
        tracker.recorder.insert_events(batch)
    count = len(batch)
    batch.clear()
    return count


def _check(
    tracker: MissionTracker,
    number: int,
    stored: StoredEvent,
    chains: dict[UUID, tuple[int, str]],
) -> None:
    def fail(message: str) -> ImportRefused:
        return ImportRefused(f"line {number}: {message}; nothing was imported")

    origin = stored.originator_id
    assert isinstance(origin, UUID)
    version = stored.originator_version
    content = orjson.loads(stored.state)
    try:
        event = tracker.mapper.to_domain_event(stored)
    except Exception as error:  # a pydantic error names the field; keep its first line
        first = str(error).splitlines()
        where = " ".join(first[1:3]).strip() if len(first) > 1 else first[0]
        raise fail(f"not a valid event: {where}") from None
    if (version == 1) != isinstance(event, Registered):
        raise fail(
            "field topic: a mission's first event, and only its first, is its"
            " registration"
        )
    if isinstance(event, Registered) and origin != mission_id(event.slug):
        raise fail(f"field originator_id is not the id of mission {event.slug!r}")
    if stored_digest(str(origin), version, content) != content.get("digest"):
        raise fail("field state.digest does not match the event's content")
    existing = _stored_state(tracker, stored)
    if existing is not None and existing != stored.state:
        raise fail(
            f"event {content.get('id')} (version {version}) is already in the store"
            " with different content"
        )
    if origin not in chains:
        chains[origin] = _last_in_store(tracker, origin, version)
    before, previous = chains[origin]
    if existing is None and version != before + 1:
        raise fail(f"field originator_version is {version}; expected {before + 1}")
    if existing is None and content.get("previous") != previous:
        raise fail("field state.previous does not chain to the event before it")
    chains[origin] = (version, content["digest"])


def _last_in_store(
    tracker: MissionTracker, origin: UUID, version: int
) -> tuple[int, str]:
    """The version and digest the import's first event of a mission follows."""
    before = tracker.recorder.select_events(origin, lte=version - 1, desc=True, limit=1)
    if not before:
        return (0, "")
    return (before[0].originator_version, orjson.loads(before[0].state)["digest"])


def _stored_state(tracker: MissionTracker, stored: StoredEvent) -> bytes | None:
    found = tracker.recorder.select_events(
        stored.originator_id,
        gt=stored.originator_version - 1,
        lte=stored.originator_version,
    )
    return bytes(found[0].state) if found else None


def _lines(source: IO[bytes]) -> Iterator[tuple[int, StoredEvent]]:
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        yield number, _parse(number, raw)


def _parse(number: int, raw: bytes) -> StoredEvent:
    def fail(message: str) -> ImportRefused:
        return ImportRefused(f"line {number}: {message}; nothing was imported")

    if b"\x00" in raw:
        raise fail("contains a NUL byte")
    try:
        line = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        reason = (
            "is not UTF-8" if "utf-8" in str(error).lower() else "is not valid JSON"
        )
        raise fail(f"{reason} (a truncated line?)") from None
    if not isinstance(line, dict):
        raise fail("is not a JSON object")
    missing = sorted(_FIELDS - set(line))
    if missing:
        raise fail(f"field {missing[0]} is missing")
    extra = sorted(set(line) - _FIELDS)
    if extra:
        raise fail(
            f"field {extra[0]} is unknown; lines have {', '.join(sorted(_FIELDS))}"
        )
    try:
        origin = UUID(line["originator_id"])
    except (ValueError, TypeError, AttributeError):
        raise fail("field originator_id is not a UUID") from None
    version = line["originator_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail("field originator_version is not a whole number from 1")
    topic = line["topic"]
    if not isinstance(topic, str) or not _is_event_topic(topic):
        raise fail(f"field topic is not an event of this tracker: {str(topic)[:80]!r}")
    if not isinstance(line["state"], dict):
        raise fail("field state is not a JSON object")
    return StoredEvent(
        originator_id=origin,
        originator_version=version,
        topic=topic,
        state=orjson.dumps(line["state"]),
    )


def _is_event_topic(topic: str) -> bool:
    if not topic.startswith("domain.events:"):
        return False
    try:
        cls = resolve_topic(topic)
    except Exception:  # an unknown topic is an answer, not an error
        return False
    return cls in EVENT_TYPES


@contextmanager
def _seekable(path: str) -> Iterator[IO[bytes]]:
    """The file at `path`, or standard input spooled to a temporary file."""
    if path != "-":
        try:
            handle = open(path, "rb")  # noqa: SIM115  (closed below)
        except OSError as error:
            raise InputError(f"cannot read {path!r}: {error.strerror}") from None
        with handle:
            yield handle
        return
    with tempfile.TemporaryFile() as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.seek(0)
        yield spool
