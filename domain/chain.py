"""The hash chain: each event sealed with a digest of its content and of the
previous event's digest, so that an event edited or removed behind the tracker's
back shows."""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from domain.events import Event

E = TypeVar("E", bound=Event)

#: Not part of the sealed content: the seal itself, and the schema version, which
#: the store adds and an upcaster removes.
UNSEALED = ("digest", "class_version")


def digest_of(content: dict[str, Any]) -> str:
    """The SHA-256 of an event's JSON content, with keys in order, less its seal."""
    sealed = {k: v for k, v in content.items() if k not in UNSEALED}
    text = json.dumps(sealed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def stored_digest(originator_id: str, version: int, state: dict[str, Any]) -> str:
    """The digest a stored event's state must carry: its state as stored, with the
    identity the store keeps beside it."""
    identity = {"originator_id": originator_id, "originator_version": version}
    return digest_of({**state, **identity})


def sealed(event: E, previous: str) -> E:
    """The event chained to the previous event's digest, and sealed."""
    draft = event.model_copy(update={"previous": previous, "digest": ""})
    return draft.model_copy(update={"digest": digest_of(draft.model_dump(mode="json"))})
