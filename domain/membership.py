"""A partner's part in a mission (`Member`), and the one rule of how a fact about
partners moves it (`moved`), which the fold and the rules a new fact must keep to
both apply. Plain values only: the read model folds without pydantic."""

from __future__ import annotations

from typing import NamedTuple, Protocol

WITHDRAWN = "withdrawn"

JOINED = "partner-joined"
REPLACED = "partner-replaced"
WITHDREW = "partner-withdrawn"
STANDING = "partner-standing-changed"
ROLE = "partner-role-changed"
CONTRIBUTED = "contribution-added"
UNCONTRIBUTED = "contribution-removed"
#: The kinds of fact about partners.
PARTNER_KINDS = frozenset(
    {JOINED, REPLACED, WITHDREW, STANDING, ROLE, CONTRIBUTED, UNCONTRIBUTED}
)
#: The kinds that take a partner in (the partner named, or `by` for a replacement).
JOINING = frozenset({JOINED, REPLACED})


class Member(NamedTuple):
    """A partner's role and standing in a mission, the party that set its standing
    (if said), and what it supplies."""

    role: str
    standing: str
    party: str | None = None
    contributions: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """Whether the partner is in the mission (in any standing but withdrawn)."""
        return self.standing != WITHDRAWN


class Move(Protocol):
    """What `moved` reads of a fact about partners."""

    @property
    def kind(self) -> str: ...
    @property
    def by(self) -> str | None: ...
    @property
    def role(self) -> str | None: ...
    @property
    def standing(self) -> str | None: ...
    @property
    def party(self) -> str | None: ...
    #: contribution-added and -removed: the contribution.
    @property
    def value(self) -> str | None: ...


def takes_in(fact: Move, partner: str) -> bool:
    """Whether the fact takes `partner` into the mission (anew)."""
    return fact.kind == JOINED or (fact.kind == REPLACED and fact.by == partner)


def moved(member: Member | None, partner: str, fact: Move) -> Member | None:
    """`partner`'s part once the fact has happened. The rule is total: a fact about
    a partner who is not, or no longer, in the mission, or one that would change
    nothing, gives back `member` itself."""
    if takes_in(fact, partner):
        assert fact.role is not None
        assert fact.standing is not None
        return Member(fact.role, fact.standing)
    if member is None or member.standing == WITHDRAWN:
        return member
    kind = fact.kind
    if kind == STANDING and fact.standing != WITHDRAWN:
        assert fact.standing is not None
        return member._replace(standing=fact.standing, party=fact.party)
    if kind == ROLE:
        assert fact.role is not None
        return member._replace(role=fact.role)
    if kind == CONTRIBUTED:
        if fact.value is None or fact.value in member.contributions:
            return member
        return member._replace(contributions=(*member.contributions, fact.value))
    if kind == UNCONTRIBUTED:
        if fact.value not in member.contributions:
            return member
        kept = tuple(c for c in member.contributions if c != fact.value)
        return member._replace(contributions=kept)
    # Withdrawn (however said), or replaced by another: what it supplied goes
    # with its part.
    return Member(member.role, WITHDRAWN, fact.party)
