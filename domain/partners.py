"""A fact about partners as the rules see it (`Part`): its place in the order of
the world and the move it makes. What the move does to a partner's part is the
fold's rule (`domain.membership.moved`), which the rules apply too."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from domain.dates import WorldDate
from domain.events import (
    ContributionAdded,
    ContributionRemoved,
    MissionEvent,
    PartnerJoined,
    PartnerReplaced,
    PartnerRoleChanged,
    PartnerStandingChanged,
    PartnerWithdrawn,
)


class Part(NamedTuple):
    """What the rules keep of a fact about partners, as corrected so far; its days
    and `edtf` are when it takes effect."""

    latest: date
    earliest: date
    version: int
    #: The date as written (EDTF), for messages.
    edtf: str
    #: The kind of fact: partner-joined, contribution-added, ...
    kind: str
    partner: str
    by: str | None
    role: str | None
    standing: str | None
    party: str | None
    #: contribution-added and -removed: the contribution.
    value: str | None
    occurred: WorldDate
    effective: WorldDate | None


#: The classes of fact about partners, by kind.
CLASSES: dict[str, type[MissionEvent]] = {
    cls.model_fields["kind"].default: cls
    for cls in (
        PartnerJoined,
        PartnerReplaced,
        PartnerWithdrawn,
        PartnerStandingChanged,
        PartnerRoleChanged,
        ContributionAdded,
        ContributionRemoved,
    )
}
_CLASSES = frozenset(CLASSES.values())


def part_of(event: MissionEvent) -> Part | None:
    """What the rules keep of a fact, if it is about partners (only such a fact
    is checked against the mission's history, besides its id)."""
    if type(event) not in _CLASSES:
        return None
    day = event.in_effect
    return Part(
        day.latest,
        day.earliest,
        event.originator_version,
        day.edtf,
        getattr(event, "kind"),  # noqa: B009  (every fact has one)
        getattr(event, "partner"),  # noqa: B009  (every fact about partners has one)
        getattr(event, "by", None),
        getattr(event, "role", None),
        getattr(event, "standing", None),
        getattr(event, "by_party", None),
        getattr(event, "contribution", None),
        event.occurred,
        event.effective,
    )


def partners_of(part: Part) -> tuple[str, ...]:
    """The partners a fact is about."""
    return (part.partner, part.by) if part.by is not None else (part.partner,)


def changed(part: Part, values: dict[str, Any]) -> Part:
    """A fact about partners with the corrected values."""
    occurred: WorldDate = values.get("occurred", part.occurred)
    effective: WorldDate | None = values.get("effective", part.effective)
    day = effective or occurred
    return part._replace(
        latest=day.latest,
        earliest=day.earliest,
        edtf=day.edtf,
        partner=values.get("partner", part.partner),
        by=values.get("by", part.by),
        role=values.get("role", part.role),
        standing=values.get("standing", part.standing),
        party=values.get("by_party", part.party),
        value=values.get("contribution", part.value),
        occurred=occurred,
        effective=effective,
    )
