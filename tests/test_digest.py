"""The digest as the import takes it, with orjson, is the digest as first defined,
with json: the same canonical text for any JSON content, so the same digest. What
it is taken of: every field but the seal, a schema version above 1 included."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from uuid import UUID

from hypothesis import example, given
from hypothesis import strategies as st

from adapters.evidence.lines import canonical_text
from domain.chain import canonical_json, digest_of, schemes, stored_digest

Json = None | bool | int | float | str | list[Any] | dict[str, Any]


def reference_text(content: dict[str, Any]) -> bytes:
    """The canonical text as the chain first defined it."""
    text = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return text.encode()


def reference_sealed(content: dict[str, Any]) -> dict[str, Any]:
    """What the digest is taken of: the content less its seal, and less a schema
    version of 1 (the same as none); any other schema version is sealed."""
    return {
        k: v
        for k, v in content.items()
        if k != "digest" and not (k == "class_version" and v == 1 and type(v) is int)
    }


def reference_digest(originator_id: str, version: int, state: dict[str, Any]) -> str:
    """A stored event's digest as the chain defines it."""
    content = {**state, "originator_id": originator_id, "originator_version": version}
    return hashlib.sha256(reference_text(reference_sealed(content))).hexdigest()


#: Any text: every code point but lone surrogates (which JSON cannot carry).
TEXT = st.text(st.characters(codec="utf-8"))
SCALARS = st.none() | st.booleans() | st.integers() | TEXT
#: Numbers as orjson reads them: no NaN, no infinity.
FLOATS = st.floats(allow_nan=False, allow_infinity=False)


def documents(scalars: st.SearchStrategy[Json]) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects of those scalars, nested in lists and objects."""
    values = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4)
        ),
        max_leaves=24,
    )
    return st.dictionaries(TEXT, values, max_size=8)


ODD = {
    "control": "".join(chr(c) for c in range(0x20)) + "\x7f\x80\x9f",
    "quotes": '"\\/',
    "separators": "\u2028\u2029\u0085\ufeff",
    "wide": "é 中文 😀 \U0010ffff",
    # Sorted by code point, not by UTF-16 unit: U+E000 before U+1F600.
    "\ue000": 1,
    "\U0001f600": 2,
    "": [True, False, None, -(2**63), 2**64 - 1],
}


@given(documents(SCALARS))
@example(ODD)
@example({"big": 2**64, "small": -(2**63) - 1})
def test_orjson_writes_the_canonical_text_of_any_content(
    content: dict[str, Any],
) -> None:
    assert canonical_text(content) == reference_text(content)
    assert canonical_json(content) == reference_text(content)


@given(documents(SCALARS | FLOATS))
@example({"a": 1e-05, "b": [1e-07, -3.5e-09], "c": 1e-10, "d": 1e16, "e": -0.0})
@example({"tiny": 0.00001234, "in a text": "e-7, 0.00001"})
def test_numbers_orjson_writes_otherwise_are_left_to_json(
    content: dict[str, Any],
) -> None:
    assert canonical_text(content) == reference_text(content)


@given(st.uuids(), st.integers(min_value=1, max_value=2**40), documents(SCALARS))
@example(
    UUID(int=1),
    7,
    {"digest": "x", "class_version": 2, "originator_id": "spoofed", "é": "\u2028"},
)
def test_a_stored_digest_is_the_same_with_either_writer(
    origin: UUID, version: int, state: dict[str, Any]
) -> None:
    expected = reference_digest(str(origin), version, state)
    assert stored_digest(str(origin), version, state, canonical_text) == expected
    assert stored_digest(str(origin), version, state) == expected


@given(documents(SCALARS))
def test_digest_of_leaves_out_the_seal_and_a_schema_version_of_1(
    content: dict[str, Any],
) -> None:
    expected = hashlib.sha256(reference_text(reference_sealed(content))).hexdigest()
    assert digest_of(content) == expected
    assert digest_of(content, canonical_text) == expected
    assert digest_of({**content, "digest": "d"}) == expected
    unversioned = {k: v for k, v in content.items() if k != "class_version"}
    assert digest_of({**unversioned, "class_version": 1}) == digest_of(unversioned)


@given(documents(SCALARS), st.integers(min_value=2) | st.just(True) | TEXT)
def test_any_other_schema_version_is_sealed(
    content: dict[str, Any], schema: int | bool | str
) -> None:
    unversioned = {k: v for k, v in content.items() if k != "class_version"}
    versioned = {**unversioned, "class_version": schema}
    assert digest_of(versioned) != digest_of(unversioned)
    assert digest_of(versioned) != digest_of({**unversioned, "class_version": 1})
    assert digest_of(versioned, canonical_text) == digest_of(versioned)


def _sealed_by(scheme: int | None, content: dict[str, Any]) -> dict[str, Any]:
    """Content sealed as a scheme seals it (3: all but the seal, the scheme named;
    2: all but the seal and a class_version of 1; 1: all but both)."""
    found = {k: v for k, v in content.items() if k not in ("digest", "seal_scheme")}
    if scheme == 3:
        found["seal_scheme"] = 3
        sealed = found
    elif scheme == 2:
        sealed = reference_sealed(found)
    else:
        sealed = {k: v for k, v in found.items() if k != "class_version"}
    found["digest"] = hashlib.sha256(reference_text(sealed)).hexdigest()
    return found


ORIGIN = "d1f6fa08-4187-5ddb-a065-f3a576b24c83"
VERSIONS = st.none() | st.integers(min_value=1, max_value=3)


@given(documents(SCALARS), VERSIONS)
def test_each_scheme_s_seal_holds_by_it(
    content: dict[str, Any], schema: int | None
) -> None:
    content = {k: v for k, v in content.items() if k != "class_version"}
    if schema is not None:
        content["class_version"] = schema
    content |= {"originator_id": ORIGIN, "originator_version": 4}
    state = {k: v for k, v in content.items() if not k.startswith("originator_")}

    def held(scheme: int) -> tuple[int, ...]:
        sealed = _sealed_by(scheme, content)
        found = {k: v for k, v in sealed.items() if not k.startswith("originator_")}
        return schemes(ORIGIN, 4, found, canonical_text)

    assert held(3) == (3,)
    versioned = schema is not None and schema > 1
    assert held(2) == ((2,) if versioned else (1, 2))
    assert held(1) == ((1,) if versioned else (1, 2))
    assert schemes(ORIGIN, 4, {**state, "digest": "0" * 64}) == ()


@given(documents(SCALARS), st.sampled_from(["dropped", None, 2, 1, "3", True]))
def test_a_scheme_3_seal_relabelled_holds_by_no_scheme(
    content: dict[str, Any], label: Any
) -> None:
    content = {**content, "originator_id": ORIGIN, "originator_version": 2}
    sealed = _sealed_by(3, content)
    state = {k: v for k, v in sealed.items() if not k.startswith("originator_")}
    if label == "dropped":
        del state["seal_scheme"]
    else:
        state["seal_scheme"] = label
    assert schemes(ORIGIN, 2, state) == ()
    assert stored_digest(ORIGIN, 2, state) != state["digest"]


@given(documents(SCALARS))
def test_scheme_3_covers_a_schema_version_of_1_as_written(
    content: dict[str, Any],
) -> None:
    """Scheme 2 took an explicit class_version of 1 as absent; scheme 3 seals the
    state as it is written."""
    content = {k: v for k, v in content.items() if k != "class_version"}
    content |= {"originator_id": ORIGIN, "originator_version": 3}
    sealed = _sealed_by(3, {**content, "class_version": 1})
    state = {k: v for k, v in sealed.items() if not k.startswith("originator_")}
    assert schemes(ORIGIN, 3, state) == (3,)
    del state["class_version"]
    assert schemes(ORIGIN, 3, state) == ()
