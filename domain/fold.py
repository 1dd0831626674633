"""A mission's state folded from plain facts: the one fold of the model.

The read model keeps it over stored rows, so that a question needs neither
pydantic nor a replay; the aggregate's timeline (`domain.timeline`) folds its
events through it. A fact is what the fold needs of an event; `source` is opaque
to it (where the read model keeps the fact's source, which event the timeline
means)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

#: A fact's place in the order of the world: (latest day, earliest day, version).
Key = tuple[str, str, int]

WITHDRAWN = "withdrawn"
JOINED = "partner-joined"
REPLACED = "partner-replaced"
WITHDREW = "partner-withdrawn"
STANDING = "partner-standing-changed"
#: The kinds of fact about partners.
PARTNER_KINDS = frozenset({JOINED, REPLACED, WITHDREW, STANDING})

_Day = TypeVar("_Day")


def place(latest: _Day, earliest: _Day, version: int) -> tuple[_Day, _Day, int]:
    """A fact's place in the order of the world: by the day it had surely
    happened, then by its earliest possible day, then in the order it was recorded
    (its version). Days are dates, or their ISO text, which sorts the same."""
    return (latest, earliest, version)


class Member(NamedTuple):
    """A partner's role and standing in a mission."""

    role: str
    standing: str


def moved(
    member: Member | None,
    partner: str,
    kind: str,
    by: str | None,
    role: str | None,
    standing: str | None,
) -> Member | None:
    """A partner's part once a fact about it (of `kind`, with its `by`, `role` and
    `standing`) has happened: the one rule, for the fold and for the rules a new
    fact must keep to. The fact is total: one about a partner who is not, or no
    longer, in the mission gives back `member` itself, unchanged."""
    if kind == JOINED or (kind == REPLACED and by == partner):
        assert role is not None
        assert standing is not None
        return Member(role, standing)
    if member is None or member.standing == WITHDRAWN:
        return member
    if kind == STANDING:
        assert standing is not None
        return Member(member.role, standing)
    return Member(member.role, WITHDRAWN)


class Fact(NamedTuple):
    """What the fold needs of a fact (dates as ISO text, `root` its version)."""

    latest: str
    earliest: str
    root: int
    kind: str
    edtf: str
    #: status-changed: the status; launch-target-changed: the target (EDTF).
    value: str | None = None
    partner: str | None = None
    #: partner-replaced: the partner who took the place.
    by: str | None = None
    role: str | None = None
    standing: str | None = None
    #: Where the fact's source is kept (opaque to the fold).
    source: int = 0

    @property
    def key(self) -> Key:
        """The fact's place in the order of the world."""
        return place(self.latest, self.earliest, self.root)


class Step(NamedTuple):
    """One change a fact made: to the status, the launch target or a partner's
    part (its standing, and its role)."""

    subject: str
    before: str | None
    after: str | None
    partner: str | None = None
    role: str | None = None


class State:
    """A mission's state once some facts have happened, and the facts it rests on.

    `partners` maps each partner to its part (role and standing) and the fact that
    set it, in the order the partners first joined."""

    __slots__ = ("facts", "partners", "since", "status", "target")

    def __init__(self) -> None:
        #: The fact that set the status, and the one that set the launch target
        #: (each carries its value).
        self.status: Fact | None = None
        self.target: Fact | None = None
        self.since: str | None = None
        self.partners: dict[str, tuple[Member, Fact]] = {}
        #: How many facts have been applied.
        self.facts = 0

    def apply(self, fact: Fact) -> bool:
        """Apply one fact; whether it changed anything."""
        return self.step(fact, None)

    def changes(self, fact: Fact) -> list[Step]:
        """Apply one fact; the changes it made."""
        steps: list[Step] = []
        self.step(fact, steps)
        return steps

    def step(self, fact: Fact, steps: list[Step] | None) -> bool:
        """Apply one fact, adding the changes it made to `steps` (if given);
        whether it changed anything. The one rule of how a fact changes a
        mission, for the read model and the aggregate alike."""
        self.facts += 1
        kind = fact.kind
        if kind == "status-changed":
            if steps is not None:
                before = self.status.value if self.status else None
                steps.append(Step("status", before, fact.value))
            self.status = fact
            changed = True
        elif kind == "launch-target-changed":
            if steps is not None:
                before = self.target.value if self.target else None
                steps.append(Step("target_launch", before, fact.value))
            self.target = fact
            changed = True
        elif kind in PARTNER_KINDS:
            changed = self._move(fact, steps)
        else:
            changed = False
        if changed:
            self.since = fact.edtf
        return changed

    def basis(self) -> list[Fact]:
        """The facts the state rests on, in the order of the world: those that set
        the status, the launch target and each partner's part."""
        found = [self.status, self.target, *(f for _, f in self.partners.values())]
        return sorted({f.key: f for f in found if f is not None}.values())

    def shown(self, names: Mapping[str, str]) -> dict[str, Any]:
        """What an answer shows of the state, with partners named from `names`;
        `sources` lists where the sources of the facts it rests on are kept, in
        the order of the world, each once."""
        return {
            "status": self.status.value if self.status else None,
            "since": self.since,
            "target_launch": self.target.value if self.target else None,
            "partners": [
                {
                    "partner": partner,
                    "name": names.get(partner, partner),
                    "role": member.role,
                    "standing": member.standing,
                }
                for partner, (member, _) in self.partners.items()
            ],
            "facts": self.facts,
            "sources": list(dict.fromkeys(f.source for f in self.basis())),
        }

    def dump(self, names: Mapping[str, str]) -> list[Any]:
        """The state as a JSON-ready list (the read model's row): what an answer
        shows (`shown`), then what the fold goes on from."""
        return [
            self.shown(names),
            _brief(self.status),
            _brief(self.target),
            [_brief(f) for _, f in self.partners.values()],
        ]

    @classmethod
    def load(cls, row: list[Any] | None) -> State:
        """A state from `dump`'s list (an empty state from None)."""
        state = cls()
        if row is not None:
            shown, status, target, briefs = row
            state.since, state.facts = shown["since"], shown["facts"]
            state.status, state.target = _unbrief(status), _unbrief(target)
            for member, brief in zip(shown["partners"], briefs, strict=True):
                fact = _unbrief(brief)
                assert fact is not None
                state.partners[member["partner"]] = (
                    Member(member["role"], member["standing"]),
                    fact,
                )
        return state

    def _move(self, fact: Fact, steps: list[Step] | None) -> bool:
        """Move the part of each partner the fact is about; whether any moved."""
        changed = False
        for partner in (fact.partner, fact.by) if fact.by else (fact.partner,):
            assert partner is not None
            old = self.partners.get(partner)
            before = old[0] if old else None
            after = moved(before, partner, fact.kind, fact.by, fact.role, fact.standing)
            if after is before or after is None:
                continue
            if steps is not None:
                was = before.standing if before else None
                steps.append(Step("partner", was, after.standing, partner, after.role))
            self.partners[partner] = (after, fact)
            changed = True
        return changed


def _brief(fact: Fact | None) -> list[object] | None:
    """What a state keeps of a fact it rests on: its place, value and source."""
    if fact is None:
        return None
    return [fact.latest, fact.earliest, fact.root, fact.value, fact.source]


def _unbrief(row: list[Any] | None) -> Fact | None:
    if row is None:
        return None
    latest, earliest, root, value, source = row
    return Fact(latest, earliest, root, "", "", value=value, source=source)


def fold(facts: Iterable[Fact], state: State | None = None) -> State:
    """Apply facts, already in the order of the world, to `state` (or to an empty
    mission)."""
    state = state or State()
    for fact in facts:
        state.apply(fact)
    return state
