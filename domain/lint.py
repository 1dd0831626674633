"""The facts that deserve a second look (`missions lint`): none breaks a rule,
so none is refused, but each is odd enough to be checked against its source.

- a fact dated after its source was published: a source reports what has
  happened, so a later date is a slip, unless the fact is a plan (a launch
  target, a mission proposed or planned) or takes effect later (`effective`);
- a status of a mission in flight (launched, operating, completed, failed)
  dated surely before its `launch` milestone;
- a contribution added by a partner that had surely withdrawn by then;
- a milestone dated surely after the mission failed or was completed;
- a fact (or a citation) whose source gives no publication date, or no title.

Also what a write gives rise to (`looks_at`), for `record`, `correct` and `add` to
warn of; and each look as JSON (`look_view`).

Each fact is read as its corrections leave it; retracted facts do not count."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.events import (
    ContributionAdded,
    Corrected,
    Event,
    LaunchTargetChanged,
    MilestoneReached,
    MissionEvent,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    Retracted,
    StatusChanged,
)
from domain.knowledge import citations, effective_facts
from domain.timeline import state_on
from domain.vocabulary import Milestone, Standing, Status

#: The rules, by name, each as a user reads it.
RULES = {
    "after-publication": "dated after its source was published",
    "status-before-launch": "a status of a mission in flight, before its launch",
    "withdrawn-contributor": "a contribution by a partner that had withdrawn",
    "milestone-after-end": "a milestone after the mission had ended",
    "source-incomplete": "its source gives no publication date, or no title",
}
#: The statuses of a mission that has flown.
_FLOWN = frozenset({Status.LAUNCHED, Status.OPERATING, Status.COMPLETED, Status.FAILED})
#: The statuses that end a mission.
_ENDED = frozenset({Status.COMPLETED, Status.FAILED})
#: The statuses that are plans.
_PLANS = frozenset({Status.PROPOSED, Status.PLANNED})


@dataclass(frozen=True)
class Look:
    """A fact (or citation) that deserves a second look, by which rule, and
    why, in a sentence."""

    event: MissionEvent | Event
    rule: str
    why: str


def second_looks(events: Sequence[Event]) -> list[Look]:
    """The facts of a mission's `events` that deserve a second look, in the
    order recorded."""
    facts = effective_facts(events)
    looks: list[Look] = []
    launches = [
        f
        for f in facts
        if isinstance(f, MilestoneReached) and f.milestone == Milestone.LAUNCH
    ]
    launch = min(launches, key=lambda f: f.occurred.earliest, default=None)
    ends = [f for f in facts if isinstance(f, StatusChanged) and f.status in _ENDED]
    end = min(ends, key=lambda f: f.occurred.latest, default=None)
    for fact in facts:
        looks += _sourced(fact)
        published = fact.source.published
        if (
            published is not None
            and fact.occurred.earliest > published
            and not _planned(fact)
        ):
            looks.append(
                Look(
                    fact,
                    "after-publication",
                    f"it is dated {fact.occurred.edtf}, after its source was"
                    f" published on {published}",
                )
            )
        if (
            isinstance(fact, StatusChanged)
            and fact.status in _FLOWN
            and launch is not None
            and fact.occurred.latest < launch.occurred.earliest
        ):
            looks.append(
                Look(
                    fact,
                    "status-before-launch",
                    f"{fact.status} on {fact.occurred.edtf}, before its launch on"
                    f" {launch.occurred.edtf}",
                )
            )
        if isinstance(fact, ContributionAdded) and fact.occurred.earliest > date.min:
            day = fact.occurred.earliest - timedelta(days=1)
            part = state_on(events, day).membership(fact.partner)
            if part is not None and part.standing == Standing.WITHDRAWN:
                looks.append(
                    Look(
                        fact,
                        "withdrawn-contributor",
                        f"{fact.partner} had withdrawn by {day}, before it"
                        f" contributed on {fact.occurred.edtf}",
                    )
                )
        if (
            isinstance(fact, MilestoneReached)
            and end is not None
            and fact.occurred.earliest > end.occurred.latest
        ):
            looks.append(
                Look(
                    fact,
                    "milestone-after-end",
                    f"{fact.milestone} on {fact.occurred.edtf}, after the mission"
                    f" was {end.status} on {end.occurred.edtf}",
                )
            )
    for cited in citations(events).values():
        for citation in cited:
            looks += _sourced(citation)
    order = {event.id: number for number, event in enumerate(events)}
    return sorted(looks, key=lambda look: order.get(look.event.id, len(order)))


def _planned(fact: MissionEvent) -> bool:
    """Whether a fact is a plan, which a source may date after its publication."""
    if isinstance(fact, LaunchTargetChanged) or fact.effective is not None:
        return True
    return isinstance(fact, StatusChanged) and fact.status in _PLANS


def _sourced(event: MissionEvent | Event) -> list[Look]:
    """What its source leaves out: its publication date, its title."""
    source = getattr(event, "source", None)
    if source is None:
        return []
    missing = [
        what
        for what, given in (
            ("no publication date", source.published),
            ("no title", source.title),
        )
        if not given
    ]
    if not missing:
        return []
    said = " and ".join(missing)
    return [
        Look(
            event,
            "source-incomplete",
            f"its source, {source.publication}, gives {said}",
        )
    ]


def looks_at(
    slug: str, new: Iterable[Event], history: Callable[[], Sequence[Event]]
) -> list[dict[str, Any]]:
    """The second looks that the events `new` of the mission `slug` give rise
    to: at them (a fact, or the fact a correction corrects), on their own; or,
    where a rule reads the mission's other facts, any look at the mission's
    `history` (with them) that it did not give without them, read only then."""
    given = list(new)
    if not any(isinstance(event, _IN_HISTORY) for event in given):
        return [look_view(slug, look) for look in second_looks(given)]
    events = list(history())
    ids = {event.id for event in given}
    before = {
        (look.event.id, look.rule)
        for look in second_looks([e for e in events if e.id not in ids])
    }
    return [
        look_view(slug, look)
        for look in second_looks(events)
        if (look.event.id, look.rule) not in before
    ]


#: The events that a rule reads with the mission's other facts.
_IN_HISTORY = (
    StatusChanged,
    ContributionAdded,
    MilestoneReached,
    PartnerWithdrawn,
    PartnerStandingChanged,
    PartnerReplaced,
    Corrected,
    Retracted,
)


def look_view(slug: str, look: Look) -> dict[str, Any]:
    """A second look as JSON: the mission, the event, its kind and date, the
    rule, why, and the event's source."""
    event = look.event
    occurred = getattr(event, "occurred", None)
    source = getattr(event, "source", None)
    return {
        "mission": slug,
        "event": str(event.id),
        "kind": getattr(event, "kind", None),
        "occurred": occurred.edtf if occurred is not None else None,
        "rule": look.rule,
        "why": look.why,
        "source": source.model_dump(mode="json") if source is not None else None,
    }
