"""The reference for the law of the two time axes, written apart from the code under
test: the events the tracker accepted as the test knows them, the facts known at a
time with their corrections applied, the state they fold to, and which commands the
rules refuse."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from tests.law_histories import Command, Dated


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


@dataclass
class Fact:
    """A fact as known at a time, its corrections applied."""

    id: UUID
    version: int
    kind: str
    occurred: Dated
    values: dict[str, str]

    @property
    def order(self) -> tuple[date, date, int]:
        return (self.occurred.latest, self.occurred.earliest, self.version)


@dataclass
class Expected:
    status: str | None = None
    partners: dict[str, tuple[str, str]] = field(default_factory=dict)
    target: str | None = None
    since: str | None = None
    applied: list[tuple[UUID, str, str | None]] = field(default_factory=list)


def known_facts(entries: list[Entry], known_at: datetime | None) -> list[Fact]:
    """The facts recorded by `known_at`, corrected as known then, in recording
    order, without those retracted by then."""
    known = [e for e in entries if known_at is None or e.recorded_at <= known_at]
    retracted = {e.about for e in known if e.kind == "retracted"}
    corrects = {e.id: e.about for e in known if e.kind == "corrected"}
    facts = {
        e.id: Fact(e.id, e.version, e.kind, e.occurred, dict(e.values))
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
            else:
                fact.values[name] = value
    return [fact for fact in facts.values() if fact.id not in retracted]


def fold(facts: list[Fact]) -> Expected:
    """The state once the facts are applied, in the order of the world."""
    state = Expected()
    for fact in sorted(facts, key=lambda f: f.order):
        values = fact.values
        state.applied.append((fact.id, fact.occurred.edtf, values.get("status")))
        changed = True
        if fact.kind == "status-changed":
            state.status = values["status"]
        elif fact.kind == "launch-target-changed":
            state.target = values["target"]
        elif fact.kind == "partner-joined":
            state.partners[values["partner"]] = (values["role"], values["standing"])
        elif fact.kind in ("partner-withdrawn", "partner-standing-changed"):
            name = values["partner"]
            standing = values.get("standing", "withdrawn")
            changed = is_member(state, name)
            if changed:
                state.partners[name] = (state.partners[name][0], standing)
        else:
            changed = False
        if changed:
            state.since = fact.occurred.edtf
    return state


def expected_on(entries: list[Entry], day: date, known_at: datetime | None) -> Expected:
    facts = known_facts(entries, known_at)
    return fold([f for f in facts if f.occurred.latest <= day])


def is_member(state: Expected, name: str) -> bool:
    return name in state.partners and state.partners[name][1] != "withdrawn"


def fact_refused(entries: list[Entry], command: Command) -> bool:
    """Whether the rules about partners refuse a new fact, given what was true
    before it (with every correction and retraction known so far)."""
    assert command.occurred is not None
    return partner_refused(
        known_facts(entries, None), command.kind, command.occurred, command.options
    )


def partner_refused(
    facts: list[Fact], kind: str, occurred: Dated, values: dict[str, str]
) -> bool:
    """Whether a fact of `kind` about the partner in `values`, dated `occurred`, is
    ruled out by what `facts` say was true just before: a member cannot join, and
    only a member can withdraw or change standing."""
    name = values.get("partner")
    if name is None:
        return False
    key = (occurred.latest, occurred.earliest)
    before = fold([f for f in facts if (f.occurred.latest, f.occurred.earliest) <= key])
    if kind == "partner-joined":
        return is_member(before, name)
    return not is_member(before, name)


def amendment_refused(entries: list[Entry], target: Entry, command: Command) -> bool:
    """Whether a correction or retraction of `target` breaks a rule: a retraction
    and a retracted event stand as they are; a registration cannot be retracted; a
    correction of a retracted fact is refused, and so are a status for a fact that
    has none, a correction that changes nothing, and one that the rules about
    partners would refuse of the corrected fact."""
    retracted = {e.about for e in entries if e.kind == "retracted"}
    if target.kind == "retracted" or target.id in retracted:
        return True
    if command.kind == "retract":
        return target.kind == "registered"
    by_id = {e.id: e for e in entries}
    root = target
    while root.kind == "corrected":
        assert root.about is not None
        root = by_id[root.about]
    if root.id in retracted:
        return True
    if command.new_status is not None and root.kind != "status-changed":
        return True
    facts = known_facts(entries, None)
    current = next(f for f in facts if f.id == root.id)
    new_date = command.new_date or current.occurred
    new_status = command.new_status or current.values.get("status")
    if (new_date, new_status) == (current.occurred, current.values.get("status")):
        return True
    others = [f for f in facts if f.id != root.id]
    return partner_refused(others, root.kind, new_date, current.values)
