"""What a pack changes: for each mission it touches, the status, partners and
milestones that differ, on the days its facts take effect."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any
from uuid import UUID

from domain.events import Corrected, Event, MissionEvent
from domain.knowledge import effective_facts
from domain.mission import Mission
from domain.timeline import shown_each

#: What the preview compares of a mission's state.
COMPARED = ("status", "target_launch", "partners", "milestones")


def differences(
    before: Mapping[str, Mission | None],
    after: Mapping[str, Mission],
    events: Iterable[Event],
    names: Mapping[str, str],
) -> dict[str, list[dict[str, Any]]]:
    """By mission, each day a new or corrected fact takes effect on which the
    state begins to differ, with what was (`from`) and what would be (`to`)."""
    days: dict[str, set[date]] = {}
    for event in events:
        slug = slug_of(after, event.originator_id)
        if slug is None:
            continue
        for fact in _facts_of(event, before.get(slug), after[slug]):
            if fact.in_effect.latest < date.max:
                days.setdefault(slug, set()).add(fact.in_effect.latest)
    found: dict[str, list[dict[str, Any]]] = {}
    for slug in sorted(days):
        told: dict[str, Any] = {}  # what was last said to differ, by field or partner
        on = sorted(days[slug])
        shown = zip(
            on,
            _shown(before.get(slug), on, names),
            _shown(after[slug], on, names),
            strict=True,
        )
        for day, was, now in shown:
            changed: dict[str, Any] = {}
            for name in COMPARED:
                pair = {"from": was[name], "to": now[name]}
                if name != "partners" and _new(told, name, pair):
                    changed[name] = pair
            moved = [
                moved
                for moved in _partners_moved(was["partners"], now["partners"])
                if _new(told, f"partner {moved['partner']}", moved)
            ]
            if moved:
                changed["partners"] = moved
            if changed:
                found.setdefault(slug, []).append({"date": day.isoformat(), **changed})
    return found


def _new(told: dict[str, Any], name: str, pair: Mapping[str, Any]) -> bool:
    """Whether `pair` differs, and differs otherwise than was last said: a
    difference is told on the day it begins, not again each day after."""
    if pair["from"] == pair["to"] and name not in told:
        return False
    fresh = told.get(name) != pair
    told[name] = pair
    return fresh and pair["from"] != pair["to"]


def slug_of(after: Mapping[str, Mission], origin: UUID) -> str | None:
    """The slug of the mission whose events have the originator id `origin`."""
    return next((slug for slug, m in after.items() if m.id == origin), None)


def _facts_of(
    event: Event, before: Mission | None, after: Mission
) -> list[MissionEvent]:
    """The facts whose days an event touches: itself, or for a correction the
    fact as it was and as it would be."""
    if isinstance(event, MissionEvent):
        return [event]
    if isinstance(event, Corrected):
        facts = [
            f
            for mission in (before, after)
            if mission is not None
            for f in effective_facts(mission.events)
        ]
        target = event.corrects
        return [f for f in facts if f.id == target]
    return []


def _shown(
    mission: Mission | None, days: list[date], names: Mapping[str, str]
) -> Iterator[dict[str, Any]]:
    """What the preview compares of the mission at the end of each of `days`."""
    if mission is None:
        for _ in days:
            yield {
                "status": None,
                "target_launch": None,
                "partners": {},
                "milestones": [],
            }
        return
    for shown in shown_each(mission.events, days, names):
        yield {
            "status": shown["status"],
            "target_launch": shown["target_launch"],
            "partners": {
                p["partner"]: f"{p['role']}, {p['standing']}" for p in shown["partners"]
            },
            "milestones": [m["milestone"] for m in shown["milestones"]],
        }


def _partners_moved(
    was: dict[str, str], now: dict[str, str]
) -> list[dict[str, str | None]]:
    """Each partner whose part differs: its role and standing before and after."""
    return [
        {"partner": slug, "from": was.get(slug), "to": now.get(slug)}
        for slug in sorted(set(was) | set(now))
        if was.get(slug) != now.get(slug)
    ]
