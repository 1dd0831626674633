"""The rule for the future: any change to what is sealed, stored or exported (an
event class's fields or schema version, the sealing scheme, an export's line, the
read model's form) comes with an upcaster or a scheme, and with a compatibility
fixture from the version before it. Today's form (tests/forms.py) must be the one
recorded in tests/data/compat/form.json, which names that fixture."""

from __future__ import annotations

import json
from typing import Any

from domain.events import EVENT_TYPES
from tests.compat import FORM_FILE, fixtures
from tests.forms import form, signature

RECORDED: dict[str, Any] = json.loads(FORM_FILE.read_text())

HOW = (
    "make a compatibility fixture from the last commit before the change"
    ' (.venv/bin/python -m tests.make_compat_fixture COMMIT NAME "what is new"),'
    " add an upcaster (class_version raised) or a sealing scheme for it, then"
    " record the form (.venv/bin/python -m tests.forms --record)"
)


def _changed(then: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What differs between two forms, by part (an event class, a model)."""
    found = []
    for part in ("events", "models"):
        for name in sorted(then[part].keys() | now[part].keys()):
            if then[part].get(name) != now[part].get(name):
                found.append(name)
    found += [key for key in ("seal", "export", "read_model") if then[key] != now[key]]
    return found


def test_today_s_form_is_the_form_recorded() -> None:
    now = form()
    changed = _changed(RECORDED["form"], now)
    assert changed == [], f"the stored form changed ({', '.join(changed)}): {HOW}"
    assert RECORDED["signature"] == signature(now)


def test_the_version_before_today_s_form_has_a_fixture() -> None:
    before = {fixture.name: fixture for fixture in fixtures()}.get(RECORDED["before"])
    assert before is not None, f"no fixture {RECORDED['before']}: {HOW}"
    assert before.form != RECORDED["signature"]  # it is of an earlier form
    assert before.date == max(fixture.date for fixture in fixtures())


def test_every_event_class_is_in_the_form() -> None:
    """The form reads the classes the tracker stores, each with every field."""
    events = form()["events"]
    assert sorted(events) == sorted(cls.__name__ for cls in EVENT_TYPES)
    for cls in EVENT_TYPES:
        assert set(events[cls.__name__]["fields"]) == set(cls.model_fields)
        assert events[cls.__name__]["class_version"] == cls.class_version


def test_a_changed_field_changes_the_form() -> None:
    now = form()
    edited = json.loads(json.dumps(now))
    edited["events"]["LaunchTargetChanged"]["fields"]["vehicle"]["default"] = "Soyuz"
    assert _changed(now, edited) == ["LaunchTargetChanged"]
    assert signature(edited) != signature(now)
    nested = json.loads(json.dumps(now))
    del nested["models"]["Source"]["url"]
    assert _changed(now, nested) == ["Source"]
