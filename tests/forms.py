"""The stored form of a version of the tracker: what its events are sealed, stored
and exported as. Two versions whose forms differ need a compatibility fixture
between them (tests/data/compat/, tests/test_compat.py, tests/test_compat_rule.py).

The form is read from whichever tracker is first on the path, so that this file,
run in an earlier version's tree (that tree first on the path), gives that
version's form (tests/make_compat_fixture.py does so). It imports nothing of the
tests, and asks each module only for what every version has, or says None.

    .venv/bin/python -m tests.forms           # today's form, as JSON
    .venv/bin/python -m tests.forms --record  # record it (tests/data/compat/form.json)

A form is each event class's schema version and fields (name, type, default;
the models inside them, such as a source, by their own fields), the sealing
scheme, an export line's fields and the read model's form: what a stored or
exported event is. Not in it: docstrings, and the limits a field is validated
against (they refuse new input, and change nothing stored)."""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
#: Today's form, and the fixture of the version before it.
FORM_FILE = HERE / "data" / "compat" / "form.json"
#: Each fixture's version: name, commit, date, what is new in it, its form.
VERSIONS_FILE = HERE / "data" / "compat" / "versions.json"


def form() -> dict[str, Any]:
    """The form of the tracker on the path, as JSON."""
    events = importlib.import_module("domain.events")
    models: dict[str, Any] = {}
    found = {
        cls.__name__: {
            "class_version": getattr(cls, "class_version", 1),
            "fields": _fields(cls, models),
        }
        for cls in _event_classes(events)
    }
    return {
        "events": found,
        "models": models,
        "seal": _seal(),
        "export": sorted(_attribute(_LINES) or ()),
        "read_model": _read_model(),
    }


def signature(found: dict[str, Any]) -> str:
    """A short digest of a form, for a fixture's record."""
    text = json.dumps(found, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _fields(cls: Any, models: dict[str, Any]) -> dict[str, Any]:
    """A model's fields: each one's type, and its default if it has one."""
    found = {}
    for name, field in cls.model_fields.items():
        told: dict[str, Any] = {"type": _type(field.annotation, models)}
        if not field.is_required():
            told["default"] = _json(field.get_default(call_default_factory=True))
        found[name] = told
    return found


def _type(annotation: Any, models: dict[str, Any]) -> str:
    """A type as text; a model inside it is named, and its fields kept apart."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type(arguments[0], models)
    if origin is typing.Literal:
        return f"Literal[{', '.join(json.dumps(a) for a in arguments)}]"
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type(a, models) for a in arguments)
    if origin is not None:
        inner = ", ".join("..." if a is ... else _type(a, models) for a in arguments)
        return f"{getattr(origin, '__name__', str(origin))}[{inner}]"
    if annotation is type(None):
        return "None"
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        name = annotation.__name__
        if name not in models:
            models[name] = {}  # a model inside itself is named once
            models[name] = _fields(annotation, models)
        return name
    return getattr(annotation, "__name__", str(annotation))


def _json(value: Any) -> Any:
    """A default as JSON."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list | frozenset | set):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json(item) for key, item in value.items()}
    return str(value)


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


def _read_model() -> int | None:
    """The read model's form: its FORMAT, or 0 before forms were numbered, or
    None before there was a read model."""
    found = _attribute((("adapters.readmodel.tables", "FORMAT"),))
    if found is not None:
        return int(found)
    try:
        importlib.import_module("adapters.readmodel")
    except ImportError:
        return None
    return 0


#: Where a version keeps the fields of an export's line.
_LINES = (
    ("adapters.evidence.lines", "FIELDS"),
    ("adapters.lines", "FIELDS"),
    ("adapters.exchange", "_FIELDS"),
)


def _attribute(places: tuple[tuple[str, str], ...]) -> Any:
    """The first of these (module, name) that the version has, or None."""
    for module, name in places:
        try:
            found = importlib.import_module(module)
        except ImportError:
            continue
        if hasattr(found, name):
            return getattr(found, name)
    return None


def record() -> str:
    """Record today's form, with the fixture of the version before it: one whose
    form is the form recorded until now. Refused if there is none."""
    now = form()
    before = json.loads(FORM_FILE.read_text()) if FORM_FILE.exists() else None
    if before is not None and before["form"] == now:
        return f"The form is as recorded; the version before it is {before['before']}."
    listed = json.loads(VERSIONS_FILE.read_text())
    wanted = signature(before["form"]) if before else None
    made = [entry for entry in listed if entry["form"] == wanted or wanted is None]
    if not made:
        raise SystemExit(
            "No compatibility fixture has the form recorded until now: make one from"
            " the last commit before the change (python -m tests.make_compat_fixture"
            ' COMMIT NAME "what is new"), then record the form again.'
        )
    entry = {"before": made[-1]["name"], "signature": signature(now), "form": now}
    FORM_FILE.write_text(json.dumps(entry, indent=1, sort_keys=True) + "\n")
    return f"Recorded today's form; the version before it is {made[-1]['name']}."


if __name__ == "__main__":
    if "--record" in sys.argv[1:]:
        print(record())
    else:
        if sys.path[0] == str(HERE):  # run as a script: the tracker's tree first
            sys.path.pop(0)
        json.dump(form(), sys.stdout, sort_keys=True)
