"""A mission's state folded from plain facts: the one fold of the model.

The read model keeps it over stored rows, so that a question needs neither
pydantic nor a replay; the aggregate's timeline (`domain.timeline`) folds its
events through it. A fact is what the fold needs of an event; `source` is opaque
to it (where the read model keeps the fact's source, which event the timeline
means)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

from domain.membership import (
    CONTRIBUTED,
    PARTNER_KINDS,
    REPLACED,
    ROLE,
    UNCONTRIBUTED,
    Member,
    moved,
)

#: A fact's place in the order of the world: (latest day, earliest day, version).
Key = tuple[str, str, int]

STATUS = "status-changed"
TARGET = "launch-target-changed"
MILESTONE = "milestone"
PROGRAMME_JOINED = "programme-joined"
PROGRAMME_LEFT = "programme-left"
NOTED = "noted"

_Day = TypeVar("_Day")

#: What an answer shows of a state, in the order a status view lists it
#: (`State.shown` gives these, and what the read model needs besides).
SHOWN = (
    "status",
    "since",
    "by_party",
    "last_change",
    "target_launch",
    "partners",
    "milestones",
    "programmes",
    "facts",
)


#: The milestones an answer shows as dates of their own, by the key it shows them
#: under: once a mission has launched, its launch target steps aside.
FLOWN = {"launched": "launch", "landed": "landing"}


def flown(milestones: Iterable[Mapping[str, Any]]) -> dict[str, str | None]:
    """When the mission launched and landed (the first `launch` and `landing`
    milestones reached, as EDTF), from the milestones a state shows; None for
    what it has not."""
    found: dict[str, str | None] = dict.fromkeys(FLOWN)
    for milestone in milestones:
        for key, name in FLOWN.items():
            if milestone["milestone"] == name and found[key] is None:
                found[key] = milestone["on"]
    return found


def shown_flown(shown: Mapping[str, Any]) -> dict[str, Any]:
    """What a view shows of a state (`SHOWN`, from `State.shown`), with when the
    mission launched and landed after its launch target (`flown`)."""
    found: dict[str, Any] = {}
    for key in SHOWN:
        found[key] = shown[key]
        if key == "target_launch":
            found |= flown(shown["milestones"])
    return found


def place(latest: _Day, earliest: _Day, version: int) -> tuple[_Day, _Day, int]:
    """A fact's place in the order of the world: by the day it had surely taken
    effect, then by its earliest possible day, then in the order it was recorded
    (its version). Days are dates, or their ISO text, which sorts the same."""
    return (latest, earliest, version)


class Fact(NamedTuple):
    """What the fold needs of a fact (dates as ISO text, `root` its version). Its
    days and `edtf` are when it takes effect: its effective date, if it has one."""

    latest: str
    earliest: str
    root: int
    kind: str
    edtf: str
    #: status-changed: the status; launch-target-changed: the target (EDTF, None
    #: for none); milestone: the milestone; contribution-*: the contribution;
    #: programme-*: the programme.
    value: str | None = None
    partner: str | None = None
    #: partner-replaced: the partner who took the place.
    by: str | None = None
    role: str | None = None
    standing: str | None = None
    #: Where the fact's source is kept (opaque to the fold).
    source: int = 0
    #: The party that brought a change of status or standing about, if said.
    party: str | None = None
    #: milestone: what there is to say of it.
    detail: str | None = None

    @property
    def key(self) -> Key:
        """The fact's place in the order of the world."""
        return place(self.latest, self.earliest, self.root)


class Step(NamedTuple):
    """One change a fact made: to the status, the launch target, a partner's part
    (`partner`: its standing; `role`; `contribution`), the milestones reached or
    the programmes; or a note, which changes nothing but is told."""

    subject: str
    before: str | None
    after: str | None
    partner: str | None = None
    role: str | None = None


class _Part(NamedTuple):
    """A partner's part as the state keeps it: the part, the fact that last set
    its role or standing, and the facts of its contributions, in order."""

    member: Member
    fact: Fact
    supplied: tuple[Fact, ...] = ()


class State:
    """A mission's state once some facts have happened, and the facts it rests on.

    `partners` maps each partner to its part, in the order the partners first
    joined; `status` is the fact that began the status (a later fact that says
    the same does not move it, but stands behind it too: `repeats`)."""

    __slots__ = (
        "ended",
        "facts",
        "last_change",
        "milestones",
        "partners",
        "programmes",
        "repeats",
        "status",
        "target",
    )

    def __init__(self) -> None:
        #: The fact that began the status, and the one that set the launch target
        #: (each carries its value).
        self.status: Fact | None = None
        self.target: Fact | None = None
        #: The later facts that said the status again.
        self.repeats: list[Fact] = []
        #: The last fact that changed anything.
        self.last_change: Fact | None = None
        self.partners: dict[str, _Part] = {}
        #: The milestones reached, in the order of the world.
        self.milestones: list[Fact] = []
        #: The programmes the mission is part of, by slug.
        self.programmes: dict[str, Fact] = {}
        #: The facts that ended a contribution or a part in a programme, which
        #: stand until it is made or joined again, with the partner ("" for a
        #: programme).
        self.ended: list[tuple[Fact, str]] = []
        #: How many facts have been applied.
        self.facts = 0

    def apply(self, fact: Fact) -> bool:
        """Apply one fact; whether it changed anything."""
        return self.step(fact, None)

    def changes(self, fact: Fact) -> list[Step]:
        """Apply one fact; the changes it made (a note's included)."""
        steps: list[Step] = []
        self.step(fact, steps)
        return steps

    def step(self, fact: Fact, steps: list[Step] | None) -> bool:
        """Apply one fact, adding the changes it made to `steps` (if given);
        whether it changed anything. The one rule of how a fact changes a
        mission, for the read model and the aggregate alike."""
        self.facts += 1
        kind = fact.kind
        if kind == STATUS:
            before = self.status.value if self.status else None
            if steps is not None:
                steps.append(Step("status", before, fact.value))
            changed = self.status is None or before != fact.value
            if changed:
                self.status, self.repeats = fact, []
            else:
                self.repeats.append(fact)
        elif kind == TARGET:
            if steps is not None:
                before = self.target.value if self.target else None
                steps.append(Step("target_launch", before, fact.value))
            self.target = fact
            changed = True
        elif kind in PARTNER_KINDS:
            changed = self._move(fact, steps)
        elif kind == MILESTONE:
            if steps is not None:
                steps.append(Step("milestone", None, fact.value))
            self.milestones.append(fact)
            changed = True
        elif kind in (PROGRAMME_JOINED, PROGRAMME_LEFT):
            changed = self._programme(fact, steps)
        else:
            if kind == NOTED and steps is not None:
                steps.append(Step("note", None, None))
            changed = False
        if changed:
            self.last_change = fact
        return changed

    def basis(self) -> list[Fact]:
        """The facts the state rests on, in the order of the world: those that set
        the status, the launch target and each partner's part, the milestones
        reached and the programmes joined."""
        found = [self.status, *self.repeats, self.target, *self.milestones]
        found += [*self.programmes.values(), *(fact for fact, _ in self.ended)]
        for part in self.partners.values():
            found += [part.fact, *part.supplied]
        return sorted({f.key: f for f in found if f is not None}.values())

    def shown(self, names: Mapping[str, str]) -> dict[str, Any]:
        """What an answer shows of the state, with partners named from `names`;
        `sources` lists where the sources of the facts it rests on are kept, in
        the order of the world, each once, and `rests_on` those facts' versions
        (the read model finds their citations by them)."""
        status = self.status
        basis = self.basis()
        return {
            "status": status.value if status else None,
            "since": status.edtf if status else None,
            "by_party": status.party if status else None,
            "last_change": self.last_change.edtf if self.last_change else None,
            "target_launch": self.target.value if self.target else None,
            "partners": [
                {
                    "partner": partner,
                    "name": names.get(partner, partner),
                    "role": member.role,
                    "standing": member.standing,
                    "by_party": member.party,
                    "contributions": list(member.contributions),
                }
                for partner, (member, _, _) in self.partners.items()
            ],
            "milestones": [
                {"milestone": f.value, "on": f.edtf, "detail": f.detail}
                for f in self.milestones
            ],
            "programmes": list(self.programmes),
            "facts": self.facts,
            "sources": list(dict.fromkeys(f.source for f in basis)),
            "rests_on": [f.root for f in basis],
        }

    def dump(self, names: Mapping[str, str]) -> list[Any]:
        """The state as a JSON-ready list (the read model's row): what an answer
        shows (`shown`), then what the fold goes on from: the place, value and
        source of each fact it rests on, in the order `shown` lists them."""
        return [
            self.shown(names),
            _brief(self.status),
            _brief(self.target),
            [
                [_brief(part.fact), [_brief(f) for f in part.supplied]]
                for part in self.partners.values()
            ],
            [_brief(f) for f in self.milestones],
            [_brief(f) for f in self.programmes.values()],
            [_brief(f) for f in self.repeats],
            [[_brief(f), partner] for f, partner in self.ended],
        ]

    @classmethod
    def load(cls, row: list[Any] | None) -> State:
        """A state from `dump`'s list (an empty state from None)."""
        state = cls()
        if row is None:
            return state
        shown, status, target, parts, milestones, programmes, repeats, ended = row
        state.last_change = _dated(shown["last_change"])
        state.facts = shown["facts"]
        began = _unbrief(status, party=shown["by_party"])
        state.status = began._replace(edtf=shown["since"]) if began else None
        state.repeats = [_loaded(f) for f in repeats]
        state.ended = [(_loaded(f), partner) for f, partner in ended]
        state.target = _unbrief(target)
        for member, (fact, supplied) in zip(shown["partners"], parts, strict=True):
            state.partners[member["partner"]] = _Part(
                Member(
                    member["role"],
                    member["standing"],
                    member["by_party"],
                    tuple(member["contributions"]),
                ),
                _loaded(fact),
                tuple(_loaded(f) for f in supplied),
            )
        for reached, fact in zip(shown["milestones"], milestones, strict=True):
            state.milestones.append(
                _loaded(fact)._replace(edtf=reached["on"], detail=reached["detail"])
            )
        state.programmes = {f[3]: _loaded(f) for f in programmes}
        return state

    def _move(self, fact: Fact, steps: list[Step] | None) -> bool:
        """Move the part of each partner the fact is about; whether any moved."""
        changed = False
        for partner in (
            (fact.partner, fact.by) if fact.kind == REPLACED else (fact.partner,)
        ):
            assert partner is not None
            old = self.partners.get(partner)
            before = old.member if old else None
            after = moved(before, partner, fact)
            if after is before or after is None:
                continue
            if steps is not None:
                steps.append(_step(before, after, partner, fact))
            self.partners[partner] = _kept(old, after, fact)
            if fact.kind in (CONTRIBUTED, UNCONTRIBUTED):
                ending = fact if fact.kind == UNCONTRIBUTED else None
                self._end(partner, fact.value, ending)
            changed = True
        return changed

    def _end(self, partner: str, value: str | None, fact: Fact | None) -> None:
        """Keep `fact` as what ended `partner`'s contribution `value` (or the part
        in the programme `value`), or, if None, forget what ended it."""
        self.ended = [(f, p) for f, p in self.ended if (p, f.value) != (partner, value)]
        if fact is not None:
            self.ended.append((fact, partner))

    def _programme(self, fact: Fact, steps: list[Step] | None) -> bool:
        programme = fact.value
        assert programme is not None
        joined = fact.kind == PROGRAMME_JOINED
        if (programme in self.programmes) == joined:
            return False
        self._end("", programme, None if joined else fact)
        if joined:
            self.programmes[programme] = fact
        else:
            del self.programmes[programme]
        if steps is not None:
            before, after = (None, programme) if joined else (programme, None)
            steps.append(Step("programme", before, after))
        return True


def _step(before: Member | None, after: Member, partner: str, fact: Fact) -> Step:
    """The change a fact made to a partner's part."""
    if fact.kind == CONTRIBUTED:
        return Step("contribution", None, fact.value, partner, after.role)
    if fact.kind == UNCONTRIBUTED:
        return Step("contribution", fact.value, None, partner, after.role)
    if fact.kind == ROLE:
        assert before is not None
        return Step("role", before.role, after.role, partner, after.role)
    was = before.standing if before else None
    return Step("partner", was, after.standing, partner, after.role)


def _kept(old: _Part | None, member: Member, fact: Fact) -> _Part:
    """A partner's part as kept once `fact` moved it to `member`."""
    if fact.kind == CONTRIBUTED:
        assert old is not None
        return old._replace(member=member, supplied=(*old.supplied, fact))
    if fact.kind == UNCONTRIBUTED:
        assert old is not None
        kept = tuple(f for f in old.supplied if f.value != fact.value)
        return old._replace(member=member, supplied=kept)
    return _Part(
        member, fact, tuple(old.supplied) if old and member.contributions else ()
    )


def _brief(fact: Fact | None) -> list[object] | None:
    """What a state keeps of a fact it rests on: its place, value and source."""
    if fact is None:
        return None
    return [fact.latest, fact.earliest, fact.root, fact.value, fact.source]


def _unbrief(row: list[Any] | None, party: str | None = None) -> Fact | None:
    if row is None:
        return None
    return _loaded(row, party)


def _loaded(row: list[Any], party: str | None = None) -> Fact:
    latest, earliest, root, value, source = row
    return Fact(latest, earliest, root, "", "", value=value, source=source, party=party)


def _dated(edtf: str | None) -> Fact | None:
    """A fact as a state that was loaded keeps it: only its date (EDTF)."""
    return None if edtf is None else Fact("", "", 0, "", edtf)


def fold(facts: Iterable[Fact], state: State | None = None) -> State:
    """Apply facts, already in the order of the world, to `state` (or to an empty
    mission)."""
    state = state or State()
    for fact in facts:
        state.apply(fact)
    return state
