"""What adding a pack did, or would do, as scripts read it (`missions add --json`)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from adapters.packs.adding import Plan
from adapters.packs.preview import differences, slug_of
from domain.events import Event
from domain.lint import looks_at


def outcome(plan: Plan, names: Mapping[str, str], dry_run: bool) -> dict[str, Any]:
    """The partners made known, the facts added and corrected, how many were
    recorded already, and what differs for each mission touched."""
    return {
        "pack": plan.pack.name,
        "file": plan.pack.path,
        "dry_run": dry_run,
        "partners": [event.slug for event in plan.partners],
        "added": [
            {
                "key": key,
                "id": str(event.id),
                "mission": slug_of(plan.after, event.originator_id),
                "kind": event.kind,  # type: ignore[attr-defined]
                "on": event.occurred.edtf,
            }
            for key, event in plan.added
        ],
        "corrected": [
            {
                "key": fixed.key,
                "id": str(fixed.correction.id),
                "corrects": str(fixed.correction.corrects),
                "mission": slug_of(plan.after, fixed.correction.originator_id),
                "fields": list(fixed.fields),
            }
            for fixed in plan.fixed
        ],
        "unchanged": plan.unchanged,
        "differences": differences(plan.before, plan.after, plan.events, names),
        "warnings": warnings(plan),
    }


def warnings(plan: Plan) -> list[dict[str, Any]]:
    """The second looks (`missions lint`) at the facts the pack adds or
    corrects, mission by mission."""
    new: dict[str, list[Event]] = {}
    for event in plan.events:
        slug = slug_of(plan.after, event.originator_id)
        if slug is not None:
            new.setdefault(slug, []).append(event)
    return [
        view
        for slug, events in new.items()
        for view in looks_at(slug, events, partial(_events_of, plan, slug))
    ]


def _events_of(plan: Plan, slug: str) -> tuple[Event, ...]:
    return plan.after[slug].events
