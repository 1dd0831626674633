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

#: A day as the rules keep it: (latest, earliest, edtf).
Day = tuple[date, date, str]

#: The values the rules keep, one object for each: a mission's history names the
#: same partners, kinds and days again and again (see `_shared`).
_SHARED: dict[Any, Any] = {}
#: The most values kept shared; beyond it the table starts again.
_SHARED_MOST = 1 << 16


def _shared(value: Any) -> Any:
    """The one object kept for a value equal to `value` (a string or a date): an
    import keeps hundreds of thousands of facts, and each would otherwise hold
    its own copies, parsed from its own line."""
    if value is None:
        return None
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= _SHARED_MOST:
            _SHARED.clear()
        found = _SHARED[value] = value
    return found


class Part(NamedTuple):
    """What the rules keep of a fact about partners, as corrected so far; its days
    and `edtf` are when it takes effect. Its first three fields are its place in
    the order of the world (`domain.fold.place`): Parts sort by it."""

    latest: date
    earliest: date
    version: int
    #: The fact's id (its UUID's integer).
    fact: int
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
    #: When the fact takes effect on a day of its own (`effective`): the day it
    #: occurred, as (latest, earliest, edtf); None when it takes effect as it occurs.
    occurred: Day | None


def _day(day: WorldDate) -> Day:
    return _shared(day.latest), _shared(day.earliest), _shared(day.edtf)


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
    latest, earliest, edtf = _day(event.in_effect)
    return Part(
        latest,
        earliest,
        event.originator_version,
        event.id.int,
        edtf,
        _shared(getattr(event, "kind")),  # noqa: B009  (every fact has one)
        _shared(getattr(event, "partner")),  # noqa: B009  (every fact about partners has one)
        _shared(getattr(event, "by", None)),
        _shared(getattr(event, "role", None)),
        _shared(getattr(event, "standing", None)),
        _shared(getattr(event, "by_party", None)),
        getattr(event, "contribution", None),
        None if event.effective is None else _day(event.occurred),
    )


def partners_of(part: Part) -> tuple[str, ...]:
    """The partners a fact is about."""
    return (part.partner, part.by) if part.by is not None else (part.partner,)


def changed(part: Part, values: dict[str, Any]) -> Part:
    """A fact about partners with the corrected values."""
    kept: Day = (part.latest, part.earliest, part.edtf)
    occurred, effective = (
        (kept, None) if part.occurred is None else (part.occurred, kept)
    )
    if "occurred" in values:
        occurred = _day(values["occurred"])
    if "effective" in values:
        effective = None if values["effective"] is None else _day(values["effective"])
    latest, earliest, edtf = effective or occurred
    return part._replace(
        latest=latest,
        earliest=earliest,
        edtf=edtf,
        partner=values.get("partner", part.partner),
        by=values.get("by", part.by),
        role=values.get("role", part.role),
        standing=values.get("standing", part.standing),
        party=values.get("by_party", part.party),
        value=values.get("contribution", part.value),
        occurred=None if effective is None else occurred,
    )
