"""A mission's state on a date, folded from its facts in the order of the world."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from domain.dates import WorldDate
from domain.events import (
    LaunchTargetChanged,
    MissionEvent,
    PartnerJoined,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    StatusChanged,
)
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

    def membership(self, partner: str) -> Membership | None:
        """The partner's part in the mission, if it has one."""
        return next((m for m in self.partners if m.partner == partner), None)


def world_order(events: Iterable[MissionEvent]) -> list[MissionEvent]:
    """Events in the order of the world: by the day each had surely happened,
    then by its earliest possible day, then in the order they were recorded."""
    return sorted(events, key=lambda e: (*e.occurred.order_key, e.originator_version))


def fold(ordered: Iterable[MissionEvent]) -> MissionState:
    """Apply facts, already in the order of the world, to an empty mission.

    The fold is total: a fact about a partner who is not, or no longer, in the
    mission (which a fact recorded later but dated earlier can bring about)
    changes nothing."""
    status: Status | None = None
    target: WorldDate | None = None
    since: WorldDate | None = None
    partners: dict[str, Membership] = {}
    applied: list[MissionEvent] = []
    for event in ordered:
        applied.append(event)
        match event:
            case StatusChanged():
                status = event.status
            case LaunchTargetChanged():
                target = event.target
            case PartnerJoined():
                partners[event.partner] = Membership(
                    partner=event.partner, role=event.role, standing=event.standing
                )
            case PartnerReplaced():
                _set_standing(partners, event.partner, Standing.WITHDRAWN)
                partners[event.by] = Membership(
                    partner=event.by, role=event.role, standing=event.standing
                )
            case PartnerWithdrawn():
                if not _set_standing(partners, event.partner, Standing.WITHDRAWN):
                    continue
            case PartnerStandingChanged():
                if not _set_standing(partners, event.partner, event.standing):
                    continue
            case _:
                continue
        since = event.occurred
    return MissionState(
        status=status,
        partners=tuple(partners.values()),
        target_launch=target,
        since=since,
        applied=tuple(applied),
    )


def _set_standing(
    partners: dict[str, Membership], partner: str, standing: Standing
) -> bool:
    """Change the standing of a partner still in the mission; False if it is not."""
    member = partners.get(partner)
    if member is None or member.standing is Standing.WITHDRAWN:
        return False
    partners[partner] = member.model_copy(update={"standing": standing})
    return True


def state_on(events: Iterable[MissionEvent], day: date) -> MissionState:
    """The state at the end of `day`: the facts that had surely happened by then."""
    return fold(e for e in world_order(events) if e.occurred.surely_by(day))


def state_before(events: Iterable[MissionEvent], new: MissionEvent) -> MissionState:
    """The state just before `new` takes its place in the order of the world."""
    key = new.occurred.order_key
    return fold(e for e in world_order(events) if e.occurred.order_key <= key)
