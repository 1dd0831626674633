"""The hash chain: each event sealed with a digest of its content and of the
previous event's digest, so that an event edited or removed behind the tracker's
back shows.

The digest is the SHA-256 of the content's canonical text: JSON with keys sorted
by code point, no spaces, non-ASCII characters as UTF-8 (`canonical_json`). What
the content is has changed twice; each way is a sealing scheme, and an event is
checked by the scheme that sealed it, never sealed again:

- scheme 1 (26 November to 4 December 2026): every stored field but the seal and
  the schema version (`class_version`);
- scheme 2 (4 to 7 December 2026): every stored field but the seal, a schema
  version of 1 left out as if absent;
- scheme 3 (from 7 December 2026): every stored field but the seal, the field
  that names the scheme (`seal_scheme`: 3) among them.

An event that names no scheme was sealed by scheme 1 or 2. The two differ only
for an event whose schema version is above 1, and then its digest tells which
(`schemes`). A faster writer of the very same bytes may be passed in where many
events are sealed or checked (the import passes orjson's)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from domain.events import SEAL_SCHEME, Event

E = TypeVar("E", bound=Event)

#: Writes a JSON-ready value as its canonical text, in UTF-8.
Canonical = Callable[[dict[str, Any]], bytes]

#: Not part of the sealed content: the seal itself.
SEAL = "digest"
#: The schema version of a stored event, which the store writes only above 1.
SCHEMA = "class_version"
#: The field in which an event names the scheme that sealed it.
NAMED = "seal_scheme"
#: The scheme this tracker seals with.
SCHEME = SEAL_SCHEME

_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(content: dict[str, Any]) -> bytes:
    """The canonical text of a JSON-ready value: what the digest is taken of."""
    return _ENCODER.encode(content).encode()


def digest_of(content: dict[str, Any], canonical: Canonical = canonical_json) -> str:
    """The SHA-256 of an event's JSON content as stored (its schema version with
    it), with keys in order, less its seal: by the scheme it names (`SCHEME`), or
    by scheme 2 if it names none."""
    return hashlib.sha256(canonical(_sealed_content(content))).hexdigest()


def stored_digest(
    originator_id: str,
    version: int,
    state: dict[str, Any],
    canonical: Canonical = canonical_json,
) -> str:
    """The digest a stored event's state must carry, by the scheme it names (or
    by scheme 2 if it names none; `schemes` tries scheme 1 too): its state as
    stored, with the identity the store keeps beside it. (One copy of the state:
    the import takes this for every line.)"""
    sealed = _sealed_content(state)
    sealed["originator_id"] = originator_id
    sealed["originator_version"] = version
    return hashlib.sha256(canonical(sealed)).hexdigest()


def schemes(
    originator_id: str,
    version: int,
    state: dict[str, Any],
    canonical: Canonical = canonical_json,
) -> tuple[int, ...]:
    """The schemes by which a stored event's digest holds: (3,) for an event that
    names scheme 3; for one that names none, (1, 2) where the two agree (its
    schema version is 1), else (2,) or (1,); () if it holds by none, as when the
    event was edited after it was sealed."""
    digest = state.get(SEAL)
    named = state.get(NAMED)
    if not digest or (
        named is not None and (type(named) is not int or named != SCHEME)
    ):
        return ()
    found = _sealed_content(state)
    found["originator_id"] = originator_id
    found["originator_version"] = version
    if _hashed(found, canonical) == digest:
        if named is not None:
            return (SCHEME,)
        return (2,) if SCHEMA in found else (1, 2)
    if named is None and SCHEMA in found:
        del found[SCHEMA]
        if _hashed(found, canonical) == digest:
            return (1,)
    return ()


def _hashed(content: dict[str, Any], canonical: Canonical) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def _sealed_content(content: dict[str, Any]) -> dict[str, Any]:
    """What the digest of the content is taken of, by the scheme it names (scheme
    3: all but the seal), or by scheme 2 if it names none."""
    if content.get(NAMED) is not None:
        found = content.copy()
        found.pop(SEAL, None)
        return found
    return _unsealed(content)


def _unsealed(content: dict[str, Any]) -> dict[str, Any]:
    """Scheme 2: a copy of the content without its seal, and without a schema
    version of 1.

    The schema version is sealed: it changes what the content means, as the
    upcasters from it run on it (a LaunchTargetChanged of version 2 marked 1
    would lose its vehicle to the v1 to v2 upcaster). A version of 1 is what no
    version means, and is left out as if absent, so that scheme 2 agrees with
    scheme 1 on every event of version 1."""
    found = content.copy()
    found.pop(SEAL, None)
    version = found.get(SCHEMA)
    if type(version) is int and version == 1:
        del found[SCHEMA]
    return found


def sealed(event: E, previous: str) -> E:
    """The event chained to the previous event's digest, and sealed by this
    tracker's scheme, which it names: its content as the store will keep it,
    with its schema version if above 1 (an event's fields do not hold it;
    adapters.eventstore.persistence writes it beside them)."""
    draft = event.model_copy(update={"previous": previous, SEAL: "", NAMED: SCHEME})
    content = draft.model_dump(mode="json")
    if type(event).class_version > 1:
        content[SCHEMA] = type(event).class_version
    return draft.model_copy(update={SEAL: digest_of(content)})
