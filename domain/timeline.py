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
    PartnerJoined,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    Registered,
    StatusChanged,
)
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
    """Facts in the order of the world: by the day each had surely happened,
    then by its earliest possible day, then in the order they were recorded."""
    return sorted(events, key=lambda e: (*e.occurred.order_key, e.originator_version))


class _Fold:
    """A mission's state, built up one fact at a time in the order of the world.

    The fold is total: a fact about a partner who is not, or no longer, in the
    mission (which a fact recorded later but dated earlier can bring about)
    changes nothing."""

    def __init__(self) -> None:
        self.status: Status | None = None
        self.target: WorldDate | None = None
        self.since: WorldDate | None = None
        self.partners: dict[str, Membership] = {}
        self.applied: list[MissionEvent] = []
        #: The fact behind each part of the state: "status", "target" or a partner.
        self.by: dict[str, MissionEvent] = {}

    def apply(self, event: MissionEvent) -> list[Change]:
        """Apply a fact; the changes it made."""
        self.applied.append(event)
        changes: list[Change] = []
        match event:
            case StatusChanged():
                changes.append(self._change("status", self.status, event.status, event))
                self.status = event.status
                self.by["status"] = event
            case LaunchTargetChanged():
                before = self.target.edtf if self.target else None
                changes.append(
                    self._change("target_launch", before, event.target.edtf, event)
                )
                self.target = event.target
                self.by["target"] = event
            case PartnerJoined():
                changes.append(
                    self._join(event.partner, event.role, event.standing, event)
                )
            case PartnerReplaced():
                changes += self._set_standing(event.partner, Standing.WITHDRAWN, event)
                changes.append(self._join(event.by, event.role, event.standing, event))
            case PartnerWithdrawn():
                changes += self._set_standing(event.partner, Standing.WITHDRAWN, event)
            case PartnerStandingChanged():
                changes += self._set_standing(event.partner, event.standing, event)
        if changes:
            self.since = event.occurred
        return changes

    def state(self) -> MissionState:
        """The state once every fact so far is applied."""
        return MissionState(
            status=self.status,
            partners=tuple(self.partners.values()),
            target_launch=self.target,
            since=self.since,
            applied=tuple(self.applied),
            basis=tuple(
                sorted(
                    {e.id: e for e in self.by.values()}.values(),
                    key=lambda e: (*e.occurred.order_key, e.originator_version),
                )
            ),
        )

    def _join(
        self, partner: str, role: Role, standing: Standing, event: MissionEvent
    ) -> Change:
        old = self.partners.get(partner)
        self.partners[partner] = Membership(
            partner=partner, role=role, standing=standing
        )
        self.by[f"partner:{partner}"] = event
        return Change(
            subject="partner",
            partner=partner,
            role=role,
            before=old.standing.value if old else None,
            after=standing.value,
            event=event,
        )

    def _set_standing(
        self, partner: str, standing: Standing, event: MissionEvent
    ) -> list[Change]:
        member = self.partners.get(partner)
        if member is None or member.standing is Standing.WITHDRAWN:
            return []
        self.partners[partner] = member.model_copy(update={"standing": standing})
        self.by[f"partner:{partner}"] = event
        return [
            Change(
                subject="partner",
                partner=partner,
                role=member.role,
                before=member.standing.value,
                after=standing.value,
                event=event,
            )
        ]

    @staticmethod
    def _change(
        subject: Literal["status", "target_launch"],
        before: str | None,
        after: str,
        event: MissionEvent,
    ) -> Change:
        return Change(subject=subject, before=before, after=after, event=event)


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


def state_before(events: Sequence[Event], new: MissionEvent) -> MissionState:
    """The state just before `new` takes its place in the order of the world."""
    key = new.occurred.order_key
    facts = world_order(effective_facts(events))
    return fold(e for e in facts if e.occurred.order_key <= key)
