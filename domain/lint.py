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

Each fact is read as its corrections leave it; retracted facts do not count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from domain.events import (
    ContributionAdded,
    Event,
    LaunchTargetChanged,
    MilestoneReached,
    MissionEvent,
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
    "source-undated": "its source gives no publication date",
    "source-untitled": "its source gives no title",
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
    found = []
    if source.published is None:
        found.append(
            Look(
                event,
                "source-undated",
                f"its source, {source.publication}, gives no publication date",
            )
        )
    if not source.title:
        found.append(
            Look(
                event,
                "source-untitled",
                f"its source, {source.publication}, gives no title",
            )
        )
    return found
