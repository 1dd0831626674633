"""Recording the built-in partners and the facts of the SpaceNews article of
1 March 2022, once."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, uuid5

import orjson

from adapters.dates import parse_edtf
from adapters.errors import UnknownMission
from adapters.eventstore import commands
from adapters.eventstore.partners import built_in
from domain.events import MissionEvent, Source
from domain.mission import Mission, Report, register
from domain.projection import project_mission
from domain.registry import add_partner
from domain.vocabulary import PartnerKind

if TYPE_CHECKING:
    from adapters.eventstore.tracker import MissionTracker

SEED_FILE = "article-2022-03-01.ndjson"
_NAMESPACE = uuid5(NAMESPACE_URL, "missions:seed")
_REPORT_FIELDS = {"key", "mission", "kind", "on", "summary", "quote", "source"}


def seed_lines() -> list[dict[str, Any]]:
    """The seed facts, one a line, in the order they are recorded."""
    text = files("adapters.eventstore").joinpath("data", SEED_FILE).read_bytes()
    return [orjson.loads(line) for line in text.splitlines() if line.strip()]


def seed_article(tracker: MissionTracker) -> tuple[int, int]:
    """Record every seed fact not yet recorded, in one transaction.

    Returns how many facts were added, and how many the article gives."""
    lines = seed_lines()
    partners = cache(tracker.partner_registry)  # read once, if a partner is named
    missions: dict[str, Mission | None] = {}
    new: list[MissionEvent] = []
    for line in lines:
        slug = line["mission"]
        if slug not in missions:
            missions[slug] = _existing(tracker, slug)
        mission = missions[slug]
        report = Report(
            id=uuid5(_NAMESPACE, line["key"]),
            occurred=parse_edtf(line["on"]),
            source=Source.model_validate(line["source"]),
            summary=line["summary"],
            quote=line.get("quote"),
        )
        if line["kind"] == "registered":
            if mission is not None:
                continue
            tracker.require_new_names(slug, line["name"], line["aliases"])
            event: MissionEvent = register(slug, line["name"], line["aliases"], report)
        else:
            if mission is None:
                raise UnknownMission(
                    f"seed line {line['key']}: {slug} is not registered"
                )
            if report.id is not None and mission.has_event(report.id):
                continue
            options = {k: v for k, v in line.items() if k not in _REPORT_FIELDS}
            event = commands.record(mission, line["kind"], report, options, partners)
        missions[slug] = project_mission(mission, [event])
        new.append(event)
    if new:
        changed = {e.originator_id for e in new}
        tracker.save(*(m for m in missions.values() if m and m.id in changed), *new)
    return len(new), len(lines)


#: Where the built-in partners come from: the tracker's own list.
BUILT_IN_SOURCE = Source(
    publication="missions",
    title="The partners the tracker knew before partners were data",
)


def seed_partners(tracker: MissionTracker) -> tuple[int, int]:
    """Record every built-in partner not yet recorded, in one transaction (a store
    knows them without a record: this makes them data like any other).

    Returns how many were added, and how many there are."""
    recorded = tracker.partner_registry().recorded
    new = [
        add_partner(
            p.partner,
            p.name,
            PartnerKind(p.kind),
            BUILT_IN_SOURCE,
            country=p.country,
            via=p.via,
            aliases=p.aliases,
        )
        for p in built_in()
        if p.partner not in recorded
    ]
    if new:
        tracker.save(*new)
    return len(new), len(built_in())


def _existing(tracker: MissionTracker, slug: str) -> Mission | None:
    try:
        return tracker.mission(slug)
    except UnknownMission:
        return None
