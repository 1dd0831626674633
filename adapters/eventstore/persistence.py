"""Storing pydantic events as orjson, and reading them back through upcasters.

A stored event that cannot be read (its state is not JSON, or it is not valid for
its type: a recording time without a UTC offset is not, `domain.events.Recorded`)
raises; `load` turns it into an `Unloaded`, which holds its place and says why, so
that one bad row never stops a mission being read."""

from __future__ import annotations

from functools import cache
from typing import Any, cast
from uuid import UUID

import orjson
from eventsourcing.persistence import (
    Mapper,
    ProgrammingError,
    StoredEvent,
    Transcoder,
    Transcoding,
)
from eventsourcing.utils import get_topic
from pydantic import ValidationError

from domain.events import EVENT_TYPES, Event
from domain.mission import Unloaded
from domain.projection import Snapshot
from domain.text import unstorable

_IDENTITY = {"originator_id", "originator_version"}

#: The classes a stored topic may name, by topic: the tracker's events and its
#: snapshot. A topic read from a store is looked up here, never resolved by
#: importing what it names (eventsourcing's resolve_topic imports any module).
_CLASSES: tuple[type[Event] | type[Snapshot], ...] = (*EVENT_TYPES, Snapshot)
TOPICS: dict[str, type[Event] | type[Snapshot]] = {
    get_topic(cls): cls for cls in _CLASSES
}


def class_of(topic: str) -> type[Event] | type[Snapshot]:
    """The tracker's class that a stored topic names; a topic of anything else
    is a ProgrammingError that names it, and nothing is imported."""
    found = TOPICS.get(topic)
    if found is None:
        raise ProgrammingError(
            f"not an event of this tracker: topic {str(topic)[:80]!r}"
        )
    return found


class PydanticMapper(Mapper[UUID]):
    """Maps pydantic events to stored events and back, upcasting old schemas."""

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        """Encode an event (or snapshot) as a stored event."""
        state = domain_event.model_dump(mode="json", exclude=_IDENTITY)
        version = getattr(type(domain_event), "class_version", 1)
        if version > 1:
            state["class_version"] = version
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=self.transcoder.encode(state),
        )

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        """Decode a stored event, bringing an older schema up to date."""
        cls = class_of(stored_event.topic)
        state = cast(dict[str, Any], self.transcoder.decode(stored_event.state))
        state["originator_id"] = stored_event.originator_id
        state["originator_version"] = stored_event.originator_version
        if issubclass(cls, Event):
            state = cls.upcast(state, state.pop("class_version", 1))
        return cls.model_validate(state)


#: A field that has no default: a stored state must hold it.
_REQUIRED = object()


@cache
def stored_fields(cls: type[Event]) -> tuple[tuple[str, Any], ...]:
    """The fields of an event class as its stored state holds them, in order:
    each with its default as JSON (`_REQUIRED` if it has none)."""
    found = []
    for name, field in cls.model_fields.items():
        if name in _IDENTITY:
            continue
        default = _REQUIRED
        if not field.is_required():
            default = orjson.loads(
                orjson.dumps(
                    field.get_default(call_default_factory=True), default=_json
                )
            )
        found.append((name, default))
    return tuple(found)


def _json(value: Any) -> Any:
    """What orjson cannot write (a default of no JSON type is never matched)."""
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    return str(value)


def dumped(event: Event) -> dict[str, Any]:
    """An event's fields as JSON, as its stored state holds them (without the
    identity the store keeps in its own columns)."""
    return event.model_dump(mode="json", exclude=_IDENTITY)


def is_regular(event: Event, state: bytes, fields: dict[str, Any]) -> bool:
    """Whether a stored state holds exactly the event it loads as, whose fields
    are `fields` (`dumped`): every field's value as the event is stored (a field
    left out holding its default), in no other spelling and of no older schema,
    so that a reader can take it as it is (`stored_fields`).

    The values are compared as orjson writes them, which tells 1, 1.0 and true
    apart; a nested object's keys must come in the order the event writes them
    (one in another order is built, as any irregular event is)."""
    cls = type(event)
    version = getattr(cls, "class_version", 1)
    told = orjson.dumps(fields)
    if version == 1:
        written = told
    else:
        written = orjson.dumps({**fields, "class_version": version})
    if written == state:  # as this tracker writes it
        return True
    try:
        stored = orjson.loads(state)
    except orjson.JSONDecodeError:
        return False
    if not isinstance(stored, dict):
        return False
    if stored.pop("class_version", 1) != version:
        return False
    if not stored.keys() <= fields.keys():
        return False
    whole = {}
    for name, default in stored_fields(cls):
        value = stored.get(name, default)
        if value is _REQUIRED:
            return False
        whole[name] = value
    return orjson.dumps(whole) == told


def load(mapper: Mapper[UUID], stored: StoredEvent) -> Event | Unloaded:
    """A stored event as the tracker reads it, or, if it cannot be read, what is
    known of it (its place, its id and digest if its state is JSON) and why."""
    try:
        event = mapper.to_domain_event(stored)
    except Exception as error:  # whatever a bad row raises, it is skipped
        return unloaded(stored, why(stored, error))
    if not isinstance(event, Event):
        return unloaded(stored, "it is a snapshot, not an event")
    return event


def unloaded(stored: StoredEvent, reason: str) -> Unloaded:
    """What is known of a stored event that cannot be read."""
    try:
        state = orjson.loads(stored.state)
    except orjson.JSONDecodeError:
        state = None
    if not isinstance(state, dict):
        state = {}
    found, digest = _text(state.get("id")), _text(state.get("digest"))
    origin = stored.originator_id
    return Unloaded(
        originator_id=origin if isinstance(origin, UUID) else UUID(str(origin)),
        originator_version=stored.originator_version,
        id=found,
        digest=digest,
        why=reason,
    )


def _text(value: Any) -> str:
    """A stored text as kept of an event that cannot be read, "" if it is not one
    that every store can hold (the read model keeps it: `timeline_skipped`)."""
    return value if isinstance(value, str) and unstorable(value) is None else ""


def why(stored: StoredEvent, error: Exception) -> str:
    """Why a stored event cannot be read, in a few words."""
    try:
        state = orjson.loads(stored.state)
    except orjson.JSONDecodeError:
        return "its stored state is not JSON"
    if not isinstance(state, dict):
        return "its stored state is not a JSON object"
    name = stored.topic.rpartition(":")[2] or "event"
    if isinstance(error, ValidationError):
        detail = error.errors()[0]
        where = ".".join(str(part) for part in detail["loc"]) or "its state"
        return f"it does not load as a {name}: {where}: {detail['msg']}"
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"it does not load as a {name}: {first}"


class OrjsonTranscoder(Transcoder):
    """Encodes JSON-ready state with orjson."""

    def encode(self, obj: Any) -> bytes:
        """Serialise to bytes."""
        return orjson.dumps(obj)

    def decode(self, data: bytes) -> Any:
        """Deserialise from bytes."""
        return orjson.loads(data)

    def register(self, transcoding: Transcoding) -> None:
        """Pydantic models serialise themselves; transcodings are not used."""
        raise ProgrammingError("events are pydantic models; no transcodings")
