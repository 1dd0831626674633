"""The built-in packs, added once: the facts of the SpaceNews article of 1 March
2022 and the built-in partners, then what happened next, a pack a source."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from adapters.eventstore.partners import DEFINING, built_in, redefined
from adapters.packs.adding import add_pack
from adapters.packs.reading import Pack, PackError, read_pack
from domain.events import Source
from domain.registry import add_partner
from domain.vocabulary import PartnerKind

if TYPE_CHECKING:
    from adapters.eventstore.tracker import MissionTracker

SEED_FILE = "article-2022-03-01.ndjson"
#: Where the built-in packs are: the article's, and those of what happened next.
PACKS = Path(str(files("adapters.packs").joinpath("data")))


def seed_lines() -> list[dict[str, Any]]:
    """The article's facts, one a line, in the order they are recorded."""
    text = (PACKS / SEED_FILE).read_bytes()
    return [orjson.loads(line) for line in text.splitlines() if line.strip()]


def follow_ups() -> list[Path]:
    """The built-in packs after the article's, in the order they are added."""
    return sorted(PACKS.glob("*.toml"))


def seed_article(tracker: MissionTracker) -> tuple[int, int]:
    """Record every fact of the article not yet recorded, in one transaction.

    Returns how many facts were added, and how many the article gives."""
    plan = add_pack(tracker, _built_in(PACKS / SEED_FILE))
    return len(plan.added), len(plan.pack.facts)


class Followed(NamedTuple):
    """What adding the packs of what happened next recorded, and the packs left
    out, each with why (a fact recorded by hand that the pack contradicts)."""

    packs: int
    facts: int
    partners: int
    corrected: int
    refused: tuple[str, ...] = ()


def seed_follow_ups(tracker: MissionTracker) -> Followed:
    """Add each built-in pack of what happened next, in turn; a pack that the
    store's facts rule out is left out whole, and the others are added."""
    facts = partners = corrected = 0
    refused: list[str] = []
    packs = follow_ups()
    for path in packs:
        try:
            plan = add_pack(tracker, _built_in(path))
        except PackError as error:
            refused.append(str(error))
            continue
        facts += len(plan.added)
        partners += len(plan.partners)
        corrected += len(plan.fixed)
    return Followed(len(packs), facts, partners, corrected, tuple(refused))


def _built_in(path: Path) -> Pack:
    return read_pack(path, f"the built-in pack {path.name}")


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


def built_ins_redefined(tracker: MissionTracker) -> tuple[str, ...]:
    """A line for each built-in partner whose slug was recorded with another
    name, kind, country or body it takes part through (by a store written
    before that was refused): the record stands, as facts name the partner so,
    but it is said which, and what differs."""
    registry = tracker.partner_registry()
    found = []
    for partner in built_in():
        if partner.partner not in registry.recorded:
            continue
        recorded = registry.partners[partner.partner]
        said = {name: getattr(recorded, name) for name in DEFINING}
        if redefined(partner, said):
            found.append(
                f"Kept the partner {partner.partner} as recorded,"
                f" {recorded.described()}, not as built in,"
                f" {partner.described()}: facts name it as recorded"
            )
    return tuple(found)
