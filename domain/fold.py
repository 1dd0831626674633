"""A mission's state folded from plain facts: the one fold of the model.

The read model keeps it over stored rows, so that a question needs neither
pydantic nor a replay; the aggregate's timeline (`domain.timeline`) folds its
events through it. A fact is what the fold needs of an event; `source` is opaque
to it (where the read model keeps the fact's source, which event the timeline
means)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

#: A fact's place in the order of the world: (latest day, earliest day, version).
Key = tuple[str, str, int]

WITHDRAWN = "withdrawn"


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
        return (self.latest, self.earliest, self.root)


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

    `partners` maps each partner to its role, its standing and the fact that set
    them, in the order the partners first joined."""

    __slots__ = ("facts", "partners", "since", "status", "target")

    def __init__(self) -> None:
        #: The fact that set the status, and the one that set the launch target
        #: (each carries its value).
        self.status: Fact | None = None
        self.target: Fact | None = None
        self.since: str | None = None
        self.partners: dict[str, tuple[str, str, Fact]] = {}
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
        elif kind == "partner-joined":
            changed = self._join(fact.partner, fact, steps)
        elif kind == "partner-replaced":
            self._set_standing(fact.partner, WITHDRAWN, fact, steps)
            changed = self._join(fact.by, fact, steps)
        elif kind == "partner-withdrawn":
            changed = self._set_standing(fact.partner, WITHDRAWN, fact, steps)
        elif kind == "partner-standing-changed":
            changed = self._set_standing(fact.partner, fact.standing, fact, steps)
        else:
            changed = False
        if changed:
            self.since = fact.edtf
        return changed

    def basis(self) -> list[Fact]:
        """The facts the state rests on, in the order of the world: those that set
        the status, the launch target and each partner's part."""
        found = [self.status, self.target, *(m[2] for m in self.partners.values())]
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
                    "role": role,
                    "standing": standing,
                }
                for partner, (role, standing, _) in self.partners.items()
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
            [_brief(f) for _, _, f in self.partners.values()],
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
                    member["role"],
                    member["standing"],
                    fact,
                )
        return state

    def _join(self, partner: str | None, fact: Fact, steps: list[Step] | None) -> bool:
        assert partner is not None
        assert fact.role is not None
        assert fact.standing is not None
        if steps is not None:
            old = self.partners.get(partner)
            before = old[1] if old else None
            steps.append(Step("partner", before, fact.standing, partner, fact.role))
        self.partners[partner] = (fact.role, fact.standing, fact)
        return True

    def _set_standing(
        self,
        partner: str | None,
        standing: str | None,
        fact: Fact,
        steps: list[Step] | None,
    ) -> bool:
        member = self.partners.get(partner or "")
        if member is None or member[1] == WITHDRAWN:
            return False
        assert partner is not None
        assert standing is not None
        if steps is not None:
            steps.append(Step("partner", member[1], standing, partner, member[0]))
        self.partners[partner] = (member[0], standing, fact)
        return True


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
