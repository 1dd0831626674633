"""The names of source packs, as data: each name a stream of `PackAdded`
events, the source its pack cites (the latest event's) standing for it."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from domain.chain import sealed
from domain.events import PackAdded, Source

_NAMESPACE = uuid5(NAMESPACE_URL, "missions:pack")


def pack_id(name: str) -> UUID:
    """The stream id of the pack named `name`."""
    return uuid5(_NAMESPACE, name)


def pack_added(name: str, source: Source, latest: PackAdded | None) -> PackAdded:
    """The pack `name` added, citing `source`: the first of its stream, or the
    one after `latest` (a pack of the name whose source was given otherwise)."""
    return sealed(
        PackAdded(
            originator_id=pack_id(name),
            originator_version=1 if latest is None else latest.originator_version + 1,
            timestamp=datetime.now(tz=UTC),
            id=uuid4(),
            pack=name,
            source=source,
            summary=f"The pack {name} was added, citing {source.publication}.",
        ),
        "" if latest is None else latest.digest,
    )
