"""A mission's state on a date, folded from its facts in the order of the world."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from domain.dates import WorldDate
from domain.events import (
    ContributionAdded,
    ContributionRemoved,
    Event,
    LaunchTargetChanged,
    MilestoneReached,
    MissionEvent,
    Noted,
    ProgrammeJoined,
    ProgrammeLeft,
    Registered,
)
from domain.fold import Fact, State, place
from domain.knowledge import effective_facts
from domain.vocabulary import Milestone, Role, Standing, Status


class Membership(BaseModel):
    """A partner's role and standing in a mission, who set its standing (if
    said), and what it supplies."""

    model_config = ConfigDict(frozen=True)

    partner: str
    role: Role
    standing: Standing
    by_party: str | None = None
    contributions: tuple[str, ...] = ()


class Reached(BaseModel):
    """A milestone the mission reached, when, and what there is to say of it."""

    model_config = ConfigDict(frozen=True)

    milestone: Milestone
    on: WorldDate
    detail: str | None = None


class MissionState(BaseModel):
    """What was true of a mission once a set of facts had happened."""

    model_config = ConfigDict(frozen=True)

    status: Status | None = None
    #: When the status began (the first of the facts that set it, in a row).
    since: WorldDate | None = None
    #: The party that brought the status about, if said.
    by_party: str | None = None
    partners: tuple[Membership, ...] = ()
    target_launch: WorldDate | None = None
    milestones: tuple[Reached, ...] = ()
    #: The programmes the mission is part of, by slug, in the order joined.
    programmes: tuple[str, ...] = ()
    #: The date of the last fact that changed anything.
    last_change: WorldDate | None = None
    #: The facts that apply, in the order of the world.
    applied: tuple[MissionEvent, ...] = ()
    #: The facts the state rests on, in the order of the world: those that set
    #: the status, the launch target and each partner's part, the milestones and
    #: the programmes.
    basis: tuple[MissionEvent, ...] = ()

    def membership(self, partner: str) -> Membership | None:
        """The partner's part in the mission, if it has one."""
        return next((m for m in self.partners if m.partner == partner), None)


Subject = Literal[
    "status",
    "target_launch",
    "partner",
    "role",
    "contribution",
    "milestone",
    "programme",
    "note",
]


class Change(BaseModel):
    """One change a fact made (to the status, the launch target, a partner's part,
    the milestones or programmes), or a note; on the date the fact takes effect,
    or, if `announced`, on the date it was announced to take effect later."""

    model_config = ConfigDict(frozen=True)

    subject: Subject
    before: str | None
    after: str | None
    partner: str | None = None
    role: Role | None = None
    event: MissionEvent
    announced: bool = False

    @property
    def on(self) -> WorldDate:
        """The date the change stands at in a history."""
        return self.event.occurred if self.announced else self.event.in_effect


def world_order(events: Iterable[MissionEvent]) -> list[MissionEvent]:
    """Facts in the order of the world (`domain.fold.place`), each at the date it
    takes effect."""
    return sorted(events, key=_place)


def _place(event: MissionEvent) -> tuple[date, date, int]:
    day = event.in_effect
    return place(day.latest, day.earliest, event.originator_version)


class _Fold:
    """A mission's state, built up one fact at a time in the order of the world,
    by the one fold of the model (`domain.fold.State`) over what it needs of each
    event; the state and the changes are given back in terms of the events.

    The fold is total: a fact about a partner who is not, or no longer, in the
    mission (which a fact recorded later but dated earlier can bring about)
    changes nothing."""

    def __init__(self) -> None:
        self.folded = State()
        #: The facts applied, in the order of the world (a fact's `source`).
        self.applied: list[MissionEvent] = []

    def apply(self, event: MissionEvent) -> list[Change]:
        """Apply a fact; the changes it made."""
        steps = self.folded.changes(fact_of(event, len(self.applied)))
        self.applied.append(event)
        return [
            Change(
                subject=step.subject,
                before=step.before,
                after=step.after,
                partner=step.partner,
                role=Role(step.role) if step.role else None,
                event=event,
            )
            for step in steps
        ]

    def state(self) -> MissionState:
        """The state once every fact so far is applied."""
        folded = self.folded
        status = folded.status.value if folded.status else None
        target = self._event(folded.target)
        assert target is None or isinstance(target, LaunchTargetChanged)
        since, last = self._event(folded.status), self._event(folded.last_change)
        return MissionState(
            status=Status(status) if status else None,
            since=since.in_effect if since else None,
            by_party=folded.status.party if folded.status else None,
            partners=tuple(
                Membership(
                    partner=partner,
                    role=Role(part.member.role),
                    standing=Standing(part.member.standing),
                    by_party=part.member.party,
                    contributions=part.member.contributions,
                )
                for partner, part in folded.partners.items()
            ),
            target_launch=target.target if target else None,
            milestones=tuple(
                Reached(
                    milestone=Milestone(fact.value or ""),
                    on=self.applied[fact.source].in_effect,
                    detail=fact.detail,
                )
                for fact in folded.milestones
            ),
            programmes=tuple(folded.programmes),
            last_change=last.in_effect if last else None,
            applied=tuple(self.applied),
            basis=tuple(self.applied[fact.source] for fact in folded.basis()),
        )

    def _event(self, fact: Fact | None) -> MissionEvent | None:
        return self.applied[fact.source] if fact is not None else None


def fact_of(event: MissionEvent, source: int) -> Fact:
    """What the fold needs of an event; `source` says which event it is."""
    day = event.in_effect
    return Fact(
        day.latest.isoformat(),
        day.earliest.isoformat(),
        event.originator_version,
        getattr(event, "kind", ""),
        day.edtf,
        value=_value(event),
        partner=getattr(event, "partner", None),
        by=getattr(event, "by", None),
        role=getattr(event, "role", None),
        standing=getattr(event, "standing", None),
        source=source,
        party=getattr(event, "by_party", None),
        detail=getattr(event, "detail", None),
    )


def _value(event: MissionEvent) -> str | None:
    """The value a fact sets (see `Fact.value`)."""
    if isinstance(event, LaunchTargetChanged):
        return event.target.edtf if event.target else None
    if isinstance(event, MilestoneReached):
        return event.milestone.value
    if isinstance(event, ContributionAdded | ContributionRemoved):
        return event.contribution
    if isinstance(event, ProgrammeJoined | ProgrammeLeft):
        return event.programme
    status: Status | None = getattr(event, "status", None)
    return status.value if status else None


def fold(ordered: Iterable[MissionEvent]) -> MissionState:
    """Apply facts, already in the order of the world, to an empty mission."""
    state = _Fold()
    for event in ordered:
        state.apply(event)
    return state.state()


def state_on(
    events: Sequence[Event], day: date, known_at: datetime | None = None
) -> MissionState:
    """The state at the end of `day`, as known at `known_at`: the facts that had
    surely taken effect by then, with the corrections known then."""
    facts = world_order(effective_facts(events, known_at))
    return fold(e for e in facts if e.in_effect.surely_by(day))


def shown_on(
    events: Sequence[Event],
    day: date,
    known_at: datetime | None,
    names: Mapping[str, str],
) -> tuple[dict[str, Any], list[MissionEvent]]:
    """What an answer shows of the state at the end of `day`, as known at
    `known_at` (`domain.fold.State.shown`, partners named from `names`), and the
    facts applied, which its `sources` and `rests_on` count in."""
    state = _Fold()
    for event in world_order(effective_facts(events, known_at)):
        if event.in_effect.surely_by(day):
            state.apply(event)
    return state.folded.shown(names), state.applied


def shown_each(
    events: Sequence[Event], days: Iterable[date], names: Mapping[str, str]
) -> Iterator[dict[str, Any]]:
    """What `shown_on` shows at the end of each of `days`, in order, as known
    now, folded once: the facts surely in effect by a day are the first ones in
    the order of the world, so each day applies only those after the day before."""
    facts = world_order(effective_facts(events))
    state, applied = _Fold(), 0
    for day in sorted(days):
        while applied < len(facts) and facts[applied].in_effect.surely_by(day):
            state.apply(facts[applied])
            applied += 1
        yield state.folded.shown(names)


def uncertain_on(
    events: Sequence[Event], day: date, known_at: datetime | None = None
) -> list[MissionEvent]:
    """The facts that may, or may not yet, have taken effect by the end of `day`."""
    facts = world_order(effective_facts(events, known_at))
    return [
        e
        for e in facts
        if e.in_effect.maybe_by(day) and not isinstance(e, Registered | Noted)
    ]


def history(events: Sequence[Event], known_at: datetime | None = None) -> list[Change]:
    """Every change the facts made, and every note, in the order of the world: a
    fact that takes effect after it was announced is told twice, on each date."""
    state = _Fold()
    changes: list[Change] = []
    for event in world_order(effective_facts(events, known_at)):
        made = state.apply(event)
        changes += made
        if event.effective is not None and event.effective != event.occurred:
            changes += [c.model_copy(update={"announced": True}) for c in made]
    return sorted(changes, key=_told_at)


def _told_at(change: Change) -> tuple[date, date, int, bool]:
    day = change.on
    return (day.latest, day.earliest, change.event.originator_version, change.announced)
