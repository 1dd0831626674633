"""The hash chain: each event sealed with a digest of its content and of the
previous event's digest, so that an event edited or removed behind the tracker's
back shows.

The digest is the SHA-256 of the content's canonical text: JSON with keys sorted
by code point, no spaces, non-ASCII characters as UTF-8 (`canonical_json`). The
content is every stored field but the seal, the schema version included. A
faster writer of the very same bytes may be passed in where many events are
sealed or checked (the import passes orjson's)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from domain.events import Event

E = TypeVar("E", bound=Event)

#: Writes a JSON-ready value as its canonical text, in UTF-8.
Canonical = Callable[[dict[str, Any]], bytes]

#: Not part of the sealed content: the seal itself.
SEAL = "digest"
#: The schema version of a stored event, which the store writes only above 1.
SCHEMA = "class_version"

_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(content: dict[str, Any]) -> bytes:
    """The canonical text of a JSON-ready value: what the digest is taken of."""
    return _ENCODER.encode(content).encode()


def digest_of(content: dict[str, Any], canonical: Canonical = canonical_json) -> str:
    """The SHA-256 of an event's JSON content as stored (its schema version with
    it), with keys in order, less its seal."""
    return hashlib.sha256(canonical(_unsealed(content))).hexdigest()


def stored_digest(
    originator_id: str,
    version: int,
    state: dict[str, Any],
    canonical: Canonical = canonical_json,
) -> str:
    """The digest a stored event's state must carry: its state as stored, with the
    identity the store keeps beside it."""
    sealed = _unsealed(state)
    sealed["originator_id"] = originator_id
    sealed["originator_version"] = version
    return hashlib.sha256(canonical(sealed)).hexdigest()


def _unsealed(content: dict[str, Any]) -> dict[str, Any]:
    """A copy of the content without its seal, and without a schema version of 1.

    The schema version is sealed: it changes what the content means, as the
    upcasters from it run on it (a LaunchTargetChanged of version 2 marked 1
    would lose its vehicle to the v1 to v2 upcaster). A version of 1 is what no
    version means, and is left out as if absent: every event stored under
    version 1 keeps the digest it was sealed with before the version was sealed,
    and only the digests of events of a later version changed."""
    found = content.copy()
    found.pop(SEAL, None)
    version = found.get(SCHEMA)
    if type(version) is int and version == 1:
        del found[SCHEMA]
    return found


def sealed(event: E, previous: str) -> E:
    """The event chained to the previous event's digest, and sealed: its content
    as the store will keep it, with its schema version if above 1 (an event's
    fields do not hold it; adapters.eventstore.persistence writes it beside them)."""
    draft = event.model_copy(update={"previous": previous, "digest": ""})
    content = draft.model_dump(mode="json")
    if type(event).class_version > 1:
        content[SCHEMA] = type(event).class_version
    return draft.model_copy(update={"digest": digest_of(content)})
