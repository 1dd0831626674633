"""The reference for the law of the two time axes, written apart from the code under
test: the events the tracker accepted as the test knows them, the facts known at a
time with their corrections applied, and the state they fold to (which commands the
rules refuse: `tests.law_rules`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from tests.law_histories import NONE, Dated

WITHDRAWN = "withdrawn"
#: The kinds of fact about a partner's part, each naming it as `partner`.
ABOUT_PARTNERS = (
    "partner-joined",
    "partner-withdrawn",
    "partner-standing-changed",
    "partner-role-changed",
    "contribution-added",
    "contribution-removed",
)


@dataclass
class Entry:
    """An event the tracker accepted, as the test knows it (not as it was stored)."""

    id: UUID
    version: int
    recorded_at: datetime
    kind: str
    occurred: Dated | None = None
    values: dict[str, str] = field(default_factory=dict)
    about: UUID | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    effective: Dated | None = None


@dataclass
class Fact:
    """A fact as known at a time, its corrections applied."""

    id: UUID
    version: int
    kind: str
    occurred: Dated
    values: dict[str, str]
    effective: Dated | None = None

    @property
    def in_effect(self) -> Dated:
        """When the fact counts: when it takes effect, if said, else when it
        happened."""
        return self.effective or self.occurred

    @property
    def order(self) -> tuple[date, date, int]:
        return (self.in_effect.latest, self.in_effect.earliest, self.version)


#: A partner as the reference shows it: name, role, standing, the party that set
#: its standing, and its contributions in the order added.
Shown = tuple[str, str, str, str | None, tuple[str, ...]]


@dataclass
class Expected:
    """What the state of the mission should show."""

    status: str | None = None
    since: str | None = None
    by_party: str | None = None
    partners: list[Shown] = field(default_factory=list)
    target: str | None = None
    #: Each milestone reached: the milestone, the date it counts on, its detail.
    milestones: list[tuple[str, str, str | None]] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    last_change: str | None = None
    #: Each fact applied: its id, date, effective date and status (if any).
    applied: list[tuple[UUID, str, str | None, str | None]] = field(
        default_factory=list
    )
    #: The ids of the facts the state rests on, in the order of the world.
    basis: list[UUID] = field(default_factory=list)


@dataclass
class Part:
    """A partner's part, and the facts it rests on."""

    role: str
    standing: str
    party: str | None
    #: The fact that last set its role or standing.
    fact: Fact
    #: What it supplies, in the order added, with the fact that added each.
    supplies: dict[str, Fact] = field(default_factory=dict)

    @property
    def in_mission(self) -> bool:
        return self.standing != WITHDRAWN


class World:
    """The mission as the facts applied so far, in the order of the world, left it."""

    def __init__(self) -> None:
        #: The fact that began the status, and those that said it again since.
        self.status: Fact | None = None
        self.repeats: list[Fact] = []
        self.target: Fact | None = None
        self.partners: dict[str, Part] = {}
        self.milestones: list[Fact] = []
        self.programmes: dict[str, Fact] = {}
        #: What ended a contribution (by partner and contribution) or a part in a
        #: programme (by programme), until it is made, or joined, again.
        self.ended: dict[tuple[str, ...], Fact] = {}
        self.last_change: Fact | None = None
        self.applied: list[Fact] = []

    def member(self, name: str) -> Part | None:
        """The partner's part, if it is in the mission."""
        part = self.partners.get(name)
        return part if part is not None and part.in_mission else None

    def apply(self, fact: Fact) -> None:
        self.applied.append(fact)
        if self.changes(fact, fact.values):
            self.last_change = fact

    def changes(self, fact: Fact, values: dict[str, str]) -> bool:
        """Apply the fact; whether it changed anything. A status said again changes
        nothing, nor does a fact about a partner not in the mission, adding what a
        partner supplies already, removing what it does not, or joining or leaving
        a programme the mission is, or is not, part of."""
        kind = fact.kind
        if kind == "status-changed":
            now = self.status.values["status"] if self.status else None
            if values["status"] == now:
                self.repeats.append(fact)
                return False
            self.status, self.repeats = fact, []
        elif kind == "launch-target-changed":
            self.target = fact
        elif kind == "milestone":
            self.milestones.append(fact)
        elif kind == "programme-joined":
            if values["programme"] in self.programmes:
                return False
            self.programmes[values["programme"]] = fact
            self.ended.pop(("programme", values["programme"]), None)
        elif kind == "programme-left":
            if self.programmes.pop(values["programme"], None) is None:
                return False
            self.ended["programme", values["programme"]] = fact
        elif kind == "partner-joined":
            part = Part(values["role"], values["standing"], None, fact)
            self.partners[values["partner"]] = part
        elif kind in ABOUT_PARTNERS:
            return self.moves(fact, values)
        else:
            return False
        return True

    def moves(self, fact: Fact, values: dict[str, str]) -> bool:
        name = values["partner"]
        part = self.member(name)
        if part is None:
            return False
        kind = fact.kind
        if kind == "contribution-added":
            if values["contribution"] in part.supplies:
                return False
            part.supplies[values["contribution"]] = fact
            self.ended.pop(("partner", name, values["contribution"]), None)
            return True
        if kind == "contribution-removed":
            if part.supplies.pop(values["contribution"], None) is None:
                return False
            self.ended["partner", name, values["contribution"]] = fact
            return True
        if kind == "partner-role-changed":
            part.role = values["role"]
        else:
            part.standing = values.get("standing", WITHDRAWN)
            part.party = values.get("by_party")
        part.fact = fact
        if not part.in_mission:
            # A partner who leaves, however said, takes what it supplied along.
            part.supplies = {}
        return True

    def expected(self) -> Expected:
        status = self.status
        rests_on = [status, *self.repeats, self.target, *self.milestones]
        rests_on += [*self.programmes.values(), *self.ended.values()]
        for part in self.partners.values():
            rests_on += [part.fact, *part.supplies.values()]
        basis = {f.id: f for f in rests_on if f is not None}.values()
        return Expected(
            status=status.values["status"] if status else None,
            since=status.in_effect.edtf if status else None,
            by_party=status.values.get("by_party") if status else None,
            partners=[
                (name, p.role, p.standing, p.party, tuple(p.supplies))
                for name, p in self.partners.items()
            ],
            target=_target(self.target),
            milestones=[
                (m.values["milestone"], m.in_effect.edtf, m.values.get("detail"))
                for m in self.milestones
            ],
            programmes=list(self.programmes),
            last_change=self.last_change.in_effect.edtf if self.last_change else None,
            applied=[
                (
                    f.id,
                    f.occurred.edtf,
                    f.effective.edtf if f.effective else None,
                    f.values.get("status"),
                )
                for f in self.applied
            ],
            basis=[f.id for f in sorted(basis, key=lambda f: f.order)],
        )


def _target(fact: Fact | None) -> str | None:
    if fact is None or fact.values["target"] == NONE:
        return None
    return fact.values["target"]


def known_facts(entries: list[Entry], known_at: datetime | None) -> list[Fact]:
    """The facts recorded by `known_at`, corrected as known then, in recording
    order, without those retracted by then."""
    known = [e for e in entries if known_at is None or e.recorded_at <= known_at]
    retracted = {e.about for e in known if e.kind == "retracted"}
    corrects = {e.id: e.about for e in known if e.kind == "corrected"}
    facts = {
        e.id: Fact(e.id, e.version, e.kind, e.occurred, dict(e.values), e.effective)
        for e in known
        if e.occurred is not None
    }
    for entry in known:
        if entry.kind != "corrected" or entry.id in retracted:
            continue
        root = entry.about
        while root in corrects:
            root = corrects[root]
        assert root is not None
        fact = facts[root]
        for name, value in entry.changes.items():
            if name == "occurred":
                fact.occurred = value
            elif name == "effective":
                fact.effective = value
            else:
                fact.values[name] = value
    return [fact for fact in facts.values() if fact.id not in retracted]


def fold(facts: list[Fact]) -> World:
    """The mission once the facts are applied, in the order of the world."""
    world = World()
    for fact in sorted(facts, key=lambda f: f.order):
        world.apply(fact)
    return world


def expected_on(entries: list[Entry], day: date, known_at: datetime | None) -> Expected:
    """The state at the end of `day`, as known at `known_at`: of the facts that
    had surely taken effect by then."""
    facts = known_facts(entries, known_at)
    return fold([f for f in facts if f.in_effect.latest <= day]).expected()
