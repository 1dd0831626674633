"""A fact about partners as the rules see it (`Part`): its place in the order of
the world and the move it makes. What the move does to a partner's part is the
fold's rule (`domain.fold.moved`), which the rules apply too."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from domain.dates import WorldDate
from domain.events import (
    MissionEvent,
    PartnerJoined,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
)
from domain.fold import JOINED, REPLACED, STANDING, WITHDREW, Member
from domain.fold import moved as fold_moved
from domain.vocabulary import Role, Standing


class Part(NamedTuple):
    """What the rules keep of a fact about partners, as corrected so far."""

    latest: date
    earliest: date
    version: int
    #: The date as written (EDTF), for messages.
    edtf: str
    #: The kind of fact: partner-joined, -replaced, -withdrawn or -standing-changed.
    move: str
    partner: str
    by: str | None
    role: Role | None
    standing: Standing | None


#: The kind of each class of fact about partners, and back.
MOVES: dict[type[MissionEvent], str] = {
    PartnerJoined: JOINED,
    PartnerReplaced: REPLACED,
    PartnerWithdrawn: WITHDREW,
    PartnerStandingChanged: STANDING,
}
CLASSES: dict[str, type[MissionEvent]] = {move: cls for cls, move in MOVES.items()}


def part_of(event: MissionEvent) -> Part | None:
    """What the rules keep of a fact, if it is about partners (only such a fact
    is checked against the mission's history, besides its id)."""
    move = MOVES.get(type(event))
    if move is None:
        return None
    day = event.occurred
    return Part(
        day.latest,
        day.earliest,
        event.originator_version,
        day.edtf,
        move,
        getattr(event, "partner"),  # noqa: B009  (every fact about partners has one)
        getattr(event, "by", None),
        getattr(event, "role", None),
        getattr(event, "standing", None),
    )


def partners_of(part: Part) -> tuple[str, ...]:
    """The partners a fact is about."""
    return (part.partner, part.by) if part.by is not None else (part.partner,)


def moved(member: Member | None, part: Part, partner: str) -> Member | None:
    """A partner's part once a fact about it has happened (the fold's rule)."""
    return fold_moved(member, partner, part.move, part.by, part.role, part.standing)


def changed(part: Part, values: dict[str, Any]) -> Part:
    """A fact about partners with the corrected values."""
    occurred: WorldDate | None = values.get("occurred")
    return part._replace(
        latest=occurred.latest if occurred else part.latest,
        earliest=occurred.earliest if occurred else part.earliest,
        edtf=occurred.edtf if occurred else part.edtf,
        partner=values.get("partner", part.partner),
        by=values.get("by", part.by),
        role=values.get("role", part.role),
        standing=values.get("standing", part.standing),
    )
