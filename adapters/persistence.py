"""Storing pydantic events as orjson, and reading them back through upcasters."""

from __future__ import annotations

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

from domain.events import EVENT_TYPES, Event
from domain.mission import Snapshot

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
