"""An export's lines, checked one at a time, on their own: what a line must be
whatever the store holds (JSON, fields, topic, a valid event, a registration
first, its digest). What depends on the store and on the lines before (versions,
the chain) is left to the import."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.utils import get_topic
from pydantic import ValidationError

from adapters.errors import InputError, invalid
from domain.chain import canonical_json, schemes, stored_digest
from domain.events import (
    EVENT_TYPES,
    Corrected,
    Event,
    PackAdded,
    PartnerAdded,
    Registered,
    Source,
)
from domain.identity import mission_id
from domain.packs import pack_id
from domain.registry import partner_id

FIELDS = {"originator_id", "originator_version", "topic", "state"}
#: The topic an export writes for each event class.
_TOPICS: dict[str, type[Event]] = {get_topic(cls): cls for cls in EVENT_TYPES}
#: The event classes that cite a source.
_CITING = frozenset(
    cls
    for cls in EVENT_TYPES
    if "source" in cls.model_fields and cls.model_fields["source"].annotation is Source
)


class ImportRefused(InputError):
    """A line of an import file that cannot be imported; nothing was written."""


#: A line that is a valid event on its own: its number, the mission's aggregate
#: id as written, the event's version and topic, its state as the store keeps it,
#: its digest, the digest it chains to, and the event. A plain tuple: a named one
#: costs a twentieth of an import's time to build.
Checked = tuple[int, str, int, str, bytes, str, Any, Event]

#: The longest line an import reads, in bytes: an event is a few KiB at most.
MAX_LINE = 1 << 20


class Seen:
    """What an import's lines repeat, each checked once: the mission ids, as
    written, and the sources they cite (an archive cites each article again and
    again; a source is a fifth of an event's validation)."""

    #: The most sources kept; past it, those kept are forgotten.
    SOURCES = 4096

    def __init__(self) -> None:
        self.ids: dict[str, tuple[UUID, str]] = {}
        self.sources: dict[bytes, Source] = {}

    def source(self, value: Any) -> Any:
        """The source, validated; as it was if it is not valid, so that the
        event's validation names what is wrong with it."""
        if type(value) is not dict:
            return value
        text = orjson.dumps(value)
        found = self.sources.get(text)
        if found is None:
            try:
                found = Source.model_validate(value)
            except ValidationError:
                return value
            if len(self.sources) >= self.SOURCES:
                self.sources.clear()
            self.sources[text] = found
        return found


def check(number: int, raw: bytes, seen: Seen | None = None) -> Checked:
    """Line `number` checked on its own; ImportRefused names what is wrong.

    An import passes the same `seen` for every line."""
    # One function of about 70 lines on purpose: it runs once for every line of
    # an import, a million times for a million events, and a call for each of
    # its steps would show in the import's speed (import_ratio).
    try:
        line = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise refused(number, _unreadable(raw, error)) from None
    if type(line) is not dict:
        raise refused(number, "is not a JSON object")
    if line.keys() != FIELDS:
        raise _fields_refused(number, line)
    named = line["originator_id"]
    known = seen.ids.get(named) if seen is not None and type(named) is str else None
    if known is None:
        known = _origin(number, named)
        if seen is not None:
            seen.ids[named] = known
    origin, canonical_id = known
    version = line["originator_version"]
    if type(version) is not int or version < 1:
        raise refused(number, "field originator_version is not a whole number from 1")
    topic = line["topic"]
    cls = _TOPICS.get(topic) if type(topic) is str else None
    if cls is None:
        raise _topic_refused(number, topic)
    state = line["state"]
    if type(state) is not dict:
        raise refused(number, "field state is not a JSON object")
    try:
        row = orjson.dumps(state)
    except orjson.JSONEncodeError:
        raise refused(number, _TOO_DEEP) from None
    digest = state.get("digest", "")
    previous = state.get("previous")
    # Only a correction's changes can hold numbers, which orjson may write
    # otherwise than the canonical text: every other event is valid JSON text
    # of strings, whole numbers, booleans and nulls, which orjson writes as is.
    writer = canonical_text if cls is Corrected else _sorted_text
    sealed = stored_digest(canonical_id, version, state, writer) == digest
    if not sealed:  # sealed by scheme 1, perhaps: it left out class_version
        sealed = bool(schemes(canonical_id, version, state, writer))
    # Read as the mapper reads a stored event: with its identity, up to date.
    written = state.pop("class_version", 1)
    state["originator_id"] = origin
    state["originator_version"] = version
    try:
        if written != cls.class_version:
            state = cls.upcast(state, written)
        if seen is not None and cls in _CITING and "source" in state:
            state["source"] = seen.source(state["source"])
        event = cls.__pydantic_validator__.validate_python(state)
    except Exception as error:  # pydantic's names the field: keep its first line
        raise refused(number, f"not a valid event: {invalid(error)}") from None
    registered = cls is Registered or cls is PartnerAdded
    if cls is PackAdded:
        if origin != pack_id(event.pack):
            raise refused(
                number, f"field originator_id is not the id of pack {event.pack!r}"
            )
    elif (version == 1) != registered:
        raise refused(
            number,
            "field topic: a mission's first event, and only its first, is its"
            " registration (a partner's, its partner-added; a pack's stream"
            " holds its pack-added events alone)",
        )
    if cls is Registered and origin != mission_id(event.slug):
        raise refused(
            number, f"field originator_id is not the id of mission {event.slug!r}"
        )
    if cls is PartnerAdded and origin != partner_id(event.slug):
        raise refused(
            number, f"field originator_id is not the id of partner {event.slug!r}"
        )
    if not sealed:
        raise refused(number, "field state.digest does not match the event's content")
    return (number, named, version, topic, row, digest, previous, event)


def recorded_time(state: Any) -> datetime | None:
    """When a stored state says it was recorded, as an aware time; None if it
    says no such time (an event that does not load is named for that)."""
    try:
        found = datetime.fromisoformat(state["timestamp"])
    except (KeyError, TypeError, ValueError):
        return None
    return found if found.tzinfo is not None else None


def _sorted_text(content: dict[str, Any]) -> bytes:
    """The canonical text of content whose numbers are all whole: orjson's,
    keys sorted."""
    return orjson.dumps(content, option=orjson.OPT_SORT_KEYS)


def _unreadable(raw: bytes, error: orjson.JSONDecodeError) -> str:
    """Why a line is not JSON (a NUL byte never is, in or out of a string)."""
    if b"\x00" in raw:
        return "contains a NUL byte"
    if "recursion" in str(error).lower():
        return _TOO_DEEP
    if "utf-8" in str(error).lower():
        return "is not UTF-8 (a truncated line?)"
    return "is not valid JSON (a truncated line?)"


#: Why a line nested too deep is refused (orjson reads 1,024 levels, writes 254).
_TOO_DEEP = "is nested too deeply: an event's state is at most 250 levels deep"


def _origin(number: int, named: Any) -> tuple[UUID, str]:
    """The mission id a line names, and its canonical text."""
    try:
        origin = UUID(named)
    except (ValueError, TypeError, AttributeError):
        raise refused(number, "field originator_id is not a UUID") from None
    return origin, str(origin)


def canonical_text(content: dict[str, Any]) -> bytes:
    """domain.chain's canonical text of a JSON value, written by orjson: the same
    bytes, a few times faster. orjson writes numbers below 1e-4 otherwise (0.00001
    for 1e-05, 1e-7 for 1e-07) and refuses integers beyond 64 bits: such content,
    which the tracker never writes, is left to json."""
    try:
        text = orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return canonical_json(content)
    if b"0.0000" in text or _SMALL_EXPONENT.search(text):
        return canonical_json(content)
    return text


#: How orjson ends a number written with a negative exponent (in a string, such
#: text only costs the slower writer).
_SMALL_EXPONENT = re.compile(rb"e-[0-9]+[,}\]]")


def refused(number: int, message: str) -> ImportRefused:
    """The error for line `number`."""
    return ImportRefused(f"line {number}: {message}; nothing was imported")


def _fields_refused(number: int, line: dict[str, Any]) -> ImportRefused:
    missing = sorted(FIELDS - set(line))
    if missing:
        return refused(number, f"field {missing[0]} is missing")
    extra = sorted(set(line) - FIELDS)
    return refused(
        number, f"field {extra[0]} is unknown; lines have {', '.join(sorted(FIELDS))}"
    )


def _topic_refused(number: int, topic: Any) -> ImportRefused:
    """The refusal of a topic that is not an export's topic of an event class:
    a topic is looked up in _TOPICS, never resolved by importing what it names."""
    return refused(
        number, f"field topic is not an event of this tracker: {str(topic)[:80]!r}"
    )
