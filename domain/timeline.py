"""A mission's state on a date, folded from its facts in the order of the world."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from domain.dates import WorldDate
from domain.events import (
    Event,
    LaunchTargetChanged,
    MissionEvent,
    Noted,
    Registered,
)
from domain.fold import Fact, State, place
from domain.knowledge import effective_facts
from domain.vocabulary import Role, Standing, Status


class Membership(BaseModel):
    """A partner's role and standing in a mission."""

    model_config = ConfigDict(frozen=True)

    partner: str
    role: Role
    standing: Standing


class MissionState(BaseModel):
    """What was true of a mission once a set of facts had happened."""

    model_config = ConfigDict(frozen=True)

    status: Status | None = None
    partners: tuple[Membership, ...] = ()
    target_launch: WorldDate | None = None
    #: The date of the last fact that changed the state.
    since: WorldDate | None = None
    #: The facts that apply, in the order of the world.
    applied: tuple[MissionEvent, ...] = ()
    #: The facts the state rests on, in the order of the world: those that set
    #: the status, the launch target and each partner's part.
    basis: tuple[MissionEvent, ...] = ()

    def membership(self, partner: str) -> Membership | None:
        """The partner's part in the mission, if it has one."""
        return next((m for m in self.partners if m.partner == partner), None)


class Change(BaseModel):
    """One change a fact made: to the status, the launch target or a partner."""

    model_config = ConfigDict(frozen=True)

    subject: Literal["status", "target_launch", "partner"]
    before: str | None
    after: str | None
    partner: str | None = None
    role: Role | None = None
    event: MissionEvent


def world_order(events: Iterable[MissionEvent]) -> list[MissionEvent]:
    """Facts in the order of the world (`domain.fold.place`)."""
    return sorted(events, key=_place)


def _place(event: MissionEvent) -> tuple[date, date, int]:
    day = event.occurred
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
        self.since: WorldDate | None = None

    def apply(self, event: MissionEvent) -> list[Change]:
        """Apply a fact; the changes it made."""
        steps = self.folded.changes(fact_of(event, len(self.applied)))
        self.applied.append(event)
        if steps:
            self.since = event.occurred
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
        folded, applied = self.folded, self.applied
        target = applied[folded.target.source] if folded.target else None
        assert target is None or isinstance(target, LaunchTargetChanged)
        status = folded.status.value if folded.status else None
        return MissionState(
            status=Status(status) if status else None,
            partners=tuple(
                Membership(
                    partner=partner,
                    role=Role(member.role),
                    standing=Standing(member.standing),
                )
                for partner, (member, _) in folded.partners.items()
            ),
            target_launch=target.target if target else None,
            since=self.since,
            applied=tuple(applied),
            basis=tuple(applied[fact.source] for fact in folded.basis()),
        )


def fact_of(event: MissionEvent, source: int) -> Fact:
    """What the fold needs of an event; `source` says which event it is."""
    day = event.occurred
    value = getattr(event, "status", None)
    if isinstance(event, LaunchTargetChanged):
        value = event.target.edtf
    return Fact(
        day.latest.isoformat(),
        day.earliest.isoformat(),
        event.originator_version,
        getattr(event, "kind", ""),
        day.edtf,
        value=value,
        partner=getattr(event, "partner", None),
        by=getattr(event, "by", None),
        role=getattr(event, "role", None),
        standing=getattr(event, "standing", None),
        source=source,
    )


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
    surely happened by then, with the corrections known then."""
    facts = world_order(effective_facts(events, known_at))
    return fold(e for e in facts if e.occurred.surely_by(day))


def uncertain_on(
    events: Sequence[Event], day: date, known_at: datetime | None = None
) -> list[MissionEvent]:
    """The facts that may, or may not yet, have happened by the end of `day`."""
    facts = world_order(effective_facts(events, known_at))
    return [
        e
        for e in facts
        if e.occurred.maybe_by(day) and not isinstance(e, Registered | Noted)
    ]


def history(events: Sequence[Event], known_at: datetime | None = None) -> list[Change]:
    """Every change the facts made, in the order of the world."""
    state = _Fold()
    return [
        change
        for event in world_order(effective_facts(events, known_at))
        for change in state.apply(event)
    ]
