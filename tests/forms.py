"""The stored form of a version of the tracker: what its events are sealed, stored
and exported as. Two versions whose forms differ need a compatibility fixture
between them (tests/data/compat/, tests/test_compat.py).

The form is read from whichever tracker is first on the path, so that this file,
run as a script in an earlier version's tree (with that tree on PYTHONPATH),
prints that version's form:

    PYTHONPATH=OLD_TREE python tests/forms.py

It imports nothing of the tests, and asks each module only for what every
version has, or says 'none'."""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from typing import Any


def form() -> dict[str, Any]:
    """The form of the tracker on the path, as JSON."""
    events = importlib.import_module("domain.events")
    return {
        "events": {
            cls.__name__: {
                "class_version": getattr(cls, "class_version", 1),
                "schema": _bare(cls.model_json_schema(mode="serialization")),
            }
            for cls in _event_classes(events)
        },
        "seal": _seal(),
        "export": sorted(_attribute(_LINES, "FIELDS") or ()),
        "read_model": _attribute(("adapters.readmodel.tables",), "FORMAT"),
    }


#: Where a version keeps the fields of an export's line.
_LINES = ("adapters.evidence.lines", "adapters.lines")


def signature(found: dict[str, Any]) -> str:
    """A short digest of a form, for a fixture's record."""
    text = json.dumps(found, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _bare(schema: Any) -> Any:
    """A JSON schema without its descriptions: a docstring is not a form."""
    if isinstance(schema, dict):
        return {k: _bare(v) for k, v in schema.items() if k != "description"}
    if isinstance(schema, list):
        return [_bare(v) for v in schema]
    return schema


def _event_classes(events: Any) -> list[Any]:
    """The event classes of a version: its EVENT_TYPES, or before it had them, the
    classes of domain.events that have a kind."""
    listed = getattr(events, "EVENT_TYPES", None)
    if listed is not None:
        return list(listed)
    return [
        value
        for value in vars(events).values()
        if isinstance(value, type)
        and hasattr(value, "model_fields")
        and "kind" in value.model_fields
    ]


def _seal() -> int:
    """The sealing scheme of a version: its SCHEME, or before schemes were named,
    2 if it seals the schema version (domain.chain.SCHEMA), 1 if it seals without
    it, 0 if it has no hash chain."""
    try:
        chain = importlib.import_module("domain.chain")
    except ImportError:
        return 0
    named = getattr(chain, "SCHEME", None)
    if named is not None:
        return int(named)
    return 2 if hasattr(chain, "SCHEMA") else 1


def _attribute(modules: tuple[str, ...], name: str) -> Any:
    for module in modules:
        try:
            found = importlib.import_module(module)
        except ImportError:
            continue
        if hasattr(found, name):
            return getattr(found, name)
    return None


if __name__ == "__main__":
    # Run as a script, this folder is first on the path: let the tracker's tree
    # (PYTHONPATH) come before it.
    sys.path.pop(0)
    json.dump(form(), sys.stdout, sort_keys=True)
