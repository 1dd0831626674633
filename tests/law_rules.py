"""Which commands the rules refuse, for the law of the two time axes, written apart
from the code under test: a fact about a partner or a programme that what was true
when it took effect rules out, and a correction or retraction that breaks a rule."""

from __future__ import annotations

from typing import Any

from tests.law_histories import NONE, Command, Dated
from tests.law_reference import ABOUT_PARTNERS, Entry, Fact, fold, known_facts


def fact_refused(entries: list[Entry], command: Command) -> bool:
    """Whether the rules about partners or programmes refuse a new fact, given
    what was true when it took effect (with every correction and retraction known
    so far)."""
    assert command.occurred is not None
    in_effect = command.effective or command.occurred
    facts = known_facts(entries, None)
    if command.kind in ("programme-joined", "programme-left"):
        return programme_refused(facts, command.kind, in_effect, command.options)
    return partner_refused(facts, command.kind, in_effect, command.options)


def programme_refused(
    facts: list[Fact], kind: str, in_effect: Dated, values: dict[str, str]
) -> bool:
    """Whether the mission cannot join, or leave, the programme in `values` on
    `in_effect`: it can join one it is not part of at the end of that date's last
    day (all the facts surely in effect by then applied), and leave one it is."""
    then = fold([f for f in facts if f.in_effect.latest <= in_effect.latest])
    part_of = values["programme"] in then.programmes
    return part_of if kind == "programme-joined" else not part_of


def partner_refused(
    facts: list[Fact], kind: str, in_effect: Dated, values: dict[str, str]
) -> bool:
    """Whether a fact of `kind` about the partner in `values`, taking effect on
    `in_effect`, is ruled out by what `facts` say was true then (with the facts
    of that same date): a partner in the mission cannot join; only one in the
    mission can leave it, change standing or role, or add or remove a
    contribution; and none can take the role it has, add what it supplies already
    or remove what it does not supply."""
    if kind not in ABOUT_PARTNERS:
        return False
    key = (in_effect.latest, in_effect.earliest)
    then = fold([f for f in facts if f.order[:2] <= key])
    part = then.member(values["partner"])
    if kind == "partner-joined":
        return part is not None
    if part is None:
        return True
    if kind == "partner-role-changed":
        return values["role"] == part.role
    if kind == "contribution-added":
        return values["contribution"] in part.supplies
    if kind == "contribution-removed":
        return values["contribution"] not in part.supplies
    return False


def changes_of(command: Command) -> dict[str, Any]:
    """What a correction supersedes: the date, the status, the effective date
    (None: the fact takes effect when it happened)."""
    changes: dict[str, Any] = {}
    if command.new_date is not None:
        changes["occurred"] = command.new_date
    if command.new_status is not None:
        changes["status"] = command.new_status
    if command.new_effective is not None:
        new = command.new_effective
        changes["effective"] = None if new == NONE else new
    return changes


def amendment_refused(entries: list[Entry], target: Entry, command: Command) -> bool:
    """Whether a correction or retraction of `target` breaks a rule: a retraction
    and a retracted event stand as they are; a registration cannot be retracted,
    nor take effect on a date of its own; a correction of a retracted fact is
    refused, and so are a status for a fact that has none, a correction that
    changes nothing, and one that the rules about partners would refuse of the
    corrected fact."""
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
    changes = changes_of(command)
    if "status" in changes and root.kind != "status-changed":
        return True
    if "effective" in changes and root.kind == "registered":
        return True
    facts = known_facts(entries, None)
    current = next(f for f in facts if f.id == root.id)
    before = (current.occurred, current.effective, current.values.get("status"))
    after = (
        changes.get("occurred", current.occurred),
        changes.get("effective", current.effective),
        changes.get("status", current.values.get("status")),
    )
    if after == before:
        return True
    others = [f for f in facts if f.id != root.id]
    return partner_refused(others, root.kind, after[1] or after[0], current.values)
