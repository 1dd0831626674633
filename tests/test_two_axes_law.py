"""The law of the two time axes, as a property: the state of a mission on day D, as
known at time T, is the fold, in the order of the world, of exactly the facts dated
surely on or before D and recorded at or before T, with the corrections recorded by T
applied and the facts retracted by T left out; whatever the order of recording, and on
a store that takes snapshots: in memory, and (fewer examples) on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from adapters.eventstore.tracker import MissionTracker
from domain.dates import WorldDate
from domain.errors import DomainError
from domain.events import Event, Source
from domain.mission import Report
from domain.timeline import MissionState
from tests.readmodel import read_model_agrees, rebuilt_read_model_is_the_same
from tests.stores import drop, fresh_store

SLUG = "exomars"
SOURCE = Source(publication="SpaceNews")
PARTNERS = ("esa", "nasa")
STATUSES = ("planned", "at_risk", "delayed", "suspended", "cancelled")
ROLES = ("lead", "partner", "contributor")
STANDINGS = ("active", "prospective", "suspended", "withdrawn")
FIRST, LAST = date(2022, 3, 1), date(2022, 3, 8)
#: The days asked about: around every day a fact can be dated by, and in late March.
DAYS = [FIRST - timedelta(days=1 - n) for n in range(10)] + [
    date(2022, 3, 30),
    date(2022, 3, 31),
]


@dataclass(frozen=True)
class Dated:
    """An EDTF date as the test writes it, with the days it stands for."""

    edtf: str
    earliest: date
    latest: date

    def world(self) -> WorldDate:
        return WorldDate(edtf=self.edtf, earliest=self.earliest, latest=self.latest)

    def json(self) -> dict[str, str]:
        return {
            "edtf": self.edtf,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
        }


TARGETS = (
    Dated("2028", date(2028, 1, 1), date(2028, 12, 31)),
    Dated("2030/2033", date(2030, 1, 1), date(2033, 12, 31)),
    Dated("2029-06", date(2029, 6, 1), date(2029, 6, 30)),
)


@dataclass(frozen=True)
class Command:
    """One thing to record: a fact of a kind, a correction or a retraction.

    A correction or a retraction is about the `pick`-th event recorded before it
    (modulo how many there are)."""

    kind: str
    occurred: Dated | None = None
    options: dict[str, str] = field(default_factory=dict)
    pick: int = 0
    new_date: Dated | None = None
    new_status: str | None = None


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


# Strategies


@st.composite
def dates(draw: st.DrawFn) -> Dated:
    """A day, a range of days, "on or before" a day, or the month, all in March 2022."""
    days = st.dates(FIRST, LAST)
    form = draw(st.sampled_from(["day", "day", "days", "open-start", "month"]))
    if form == "day":
        day = draw(days)
        return Dated(day.isoformat(), day, day)
    if form == "days":
        start, end = sorted(draw(st.lists(days, min_size=2, max_size=2, unique=True)))
        return Dated(f"{start.isoformat()}/{end.isoformat()}", start, end)
    if form == "open-start":
        day = draw(days)
        return Dated(f"../{day.isoformat()}", date.min, day)
    return Dated("2022-03", date(2022, 3, 1), date(2022, 3, 31))


partner = st.sampled_from(PARTNERS)
status = st.sampled_from(STATUSES)


def options(**values: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(values)


facts = st.one_of(
    st.builds(
        Command,
        st.just("status-changed"),
        dates(),
        options(status=status),
    ),
    st.builds(
        Command,
        st.just("partner-joined"),
        dates(),
        options(
            partner=partner,
            role=st.sampled_from(ROLES),
            standing=st.sampled_from(STANDINGS[:3]),
        ),
    ),
    st.builds(
        Command,
        st.just("partner-withdrawn"),
        dates(),
        options(partner=partner),
    ),
    st.builds(
        Command,
        st.just("partner-standing-changed"),
        dates(),
        options(partner=partner, standing=st.sampled_from(STANDINGS)),
    ),
    st.builds(
        Command,
        st.just("launch-target-changed"),
        dates(),
        options(target=st.sampled_from([t.edtf for t in TARGETS])),
    ),
)
picks = st.integers(0, 40)
amendments = st.one_of(
    st.builds(Command, st.just("correct"), pick=picks, new_date=dates()),
    st.builds(Command, st.just("correct"), pick=picks, new_status=status),
    st.builds(
        Command, st.just("correct"), pick=picks, new_date=dates(), new_status=status
    ),
    st.builds(Command, st.just("retract"), pick=picks),
)
early_joins = st.builds(
    Command,
    st.just("partner-joined"),
    st.sampled_from(
        [Dated("../2022-03-01", date.min, FIRST), Dated("2022-03-01", FIRST, FIRST)]
    ),
    options(
        partner=partner,
        role=st.sampled_from(ROLES),
        standing=st.sampled_from(STANDINGS[:3]),
    ),
)


@st.composite
def histories(draw: st.DrawFn) -> list[Command]:
    """Facts, corrections and retractions in a random order of recording. A partner
    or two join early (in the world), so that more facts about partners apply."""
    early = draw(st.lists(early_joins, max_size=2))
    later = draw(st.lists(st.one_of(facts, amendments), min_size=1, max_size=14))
    return draw(st.permutations([*early, *later]))


# The reference, written apart from the code under test


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


# Recording


def report(dated: Dated) -> Report:
    return Report(occurred=dated.world(), source=SOURCE)


def record_all(
    tracker: MissionTracker, registered_on: Dated, commands: list[Command]
) -> list[Entry]:
    """Register the mission and record the commands in order; the refused ones are
    left out, and must be exactly those the rules refuse. The read model catches
    up after each, so that it is kept one event at a time, out of the world's
    order."""
    first = tracker.register(SLUG, "ExoMars", [], report(registered_on))
    entries = [Entry(first.id, 1, first.timestamp, "registered", registered_on)]
    for command in commands:
        entry = record(tracker, entries, command)
        if entry is not None:
            assert entry.version == len(entries) + 1
            entries.append(entry)
        tracker.catch_up()
    return entries


def record(
    tracker: MissionTracker, entries: list[Entry], command: Command
) -> Entry | None:
    event: Event
    if command.kind in ("correct", "retract"):
        target = entries[command.pick % len(entries)]
        refused = amendment_refused(entries, target, command)
        changes: dict[str, Any] = {}
        if command.new_date is not None:
            changes["occurred"] = command.new_date
        if command.new_status is not None:
            changes["status"] = command.new_status
        try:
            if command.kind == "retract":
                event = tracker.retract(str(target.id), "It was wrong.", SOURCE)[1]
            else:
                sent = {
                    k: v.json() if isinstance(v, Dated) else v
                    for k, v in changes.items()
                }
                event = tracker.correct(str(target.id), sent)[1]
        except DomainError:
            assert refused, (command, target)
            return None
        assert not refused, (command, target)
        kind = "retracted" if command.kind == "retract" else "corrected"
        return Entry(
            event.id,
            event.originator_version,
            event.timestamp,
            kind,
            about=target.id,
            changes=changes,
        )
    assert command.occurred is not None
    refused = fact_refused(entries, command)
    try:
        event = tracker.record(
            SLUG, command.kind, report(command.occurred), command.options
        )
    except DomainError:
        assert refused, command
        return None
    assert not refused, command
    return Entry(
        event.id,
        event.originator_version,
        event.timestamp,
        command.kind,
        command.occurred,
        dict(command.options),
    )


def times(stamps: list[datetime]) -> list[datetime | None]:
    """When to ask: before anything was recorded, at each recording and between
    each two, and with no limit."""
    found: list[datetime | None] = [None, stamps[0] - timedelta(microseconds=1)]
    for earlier, later in pairwise(stamps):
        found += [earlier, earlier + (later - earlier) / 2]
    return [*found, stamps[-1]]


def observed(state: MissionState) -> Expected:
    """The parts of a state the reference predicts, in its terms."""
    return Expected(
        status=state.status.value if state.status else None,
        partners={m.partner: (m.role.value, m.standing.value) for m in state.partners},
        target=state.target_launch.edtf if state.target_launch else None,
        since=state.since.edtf if state.since else None,
        applied=[
            (e.id, e.occurred.edtf, getattr(e, "status", None)) for e in state.applied
        ],
    )


def day(text: str) -> Dated:
    value = date.fromisoformat(text)
    return Dated(text, value, value)


MONTH = Dated("2022-03", date(2022, 3, 1), date(2022, 3, 31))


def the_law_holds(
    store: str, registered_on: Dated, commands: list[Command], interval: int
) -> None:
    """Record the history on the store, then ask about every day at every time."""
    tracker = MissionTracker(store, snapshot_interval=interval)
    try:
        entries = record_all(tracker, registered_on, commands)
        mission = tracker.mission(SLUG)
        stored = mission.events
        assert [e.id for e in stored] == [e.id for e in entries]
        stamps = [e.timestamp for e in stored]
        assert stamps == [e.recorded_at for e in entries]
        for known_at in times(stamps):
            for on in DAYS:
                state = tracker.state(SLUG, on, known_at=known_at)[1]
                assert observed(state) == expected_on(entries, on, known_at), (
                    on,
                    known_at,
                )
                read_model_agrees(tracker, mission, on, known_at)
        rebuilt_read_model_is_the_same(tracker)
    finally:
        tracker.close()


#: Histories worth trying on every run, before the generated ones.
EXAMPLES = [
    # Suspended on 7 March, corrected to "some time in March"; that correction
    # corrected to the 5th with another status, then retracted; then the planning
    # retracted.
    example(
        day("2022-03-01"),
        [
            Command("status-changed", day("2022-03-02"), {"status": "planned"}),
            Command("status-changed", day("2022-03-07"), {"status": "suspended"}),
            Command("correct", pick=2, new_date=MONTH),
            Command(
                "correct", pick=3, new_date=day("2022-03-05"), new_status="delayed"
            ),
            Command("retract", pick=3),
            Command("retract", pick=1),
        ],
        2,
    ),
    # ESA joins, is suspended, withdraws; the withdrawal is moved before the
    # suspension.
    example(
        Dated("../2022-03-01", date.min, date(2022, 3, 1)),
        [
            Command(
                "partner-joined",
                day("2022-03-02"),
                {"partner": "esa", "role": "lead", "standing": "active"},
            ),
            Command(
                "partner-standing-changed",
                day("2022-03-06"),
                {"partner": "esa", "standing": "suspended"},
            ),
            Command("partner-withdrawn", day("2022-03-08"), {"partner": "esa"}),
            Command("correct", pick=3, new_date=day("2022-03-04")),
            Command("retract", pick=1),
            Command("correct", pick=0, new_date=day("2022-03-08")),
        ],
        3,
    ),
]


def with_examples(test: Callable[..., None]) -> Callable[..., None]:
    """The test, trying the EXAMPLES first."""
    for chosen in reversed(EXAMPLES):
        test = chosen(test)
    return test


@settings(max_examples=150, deadline=None)
@given(dates(), histories(), st.sampled_from([2, 3]))
@with_examples
def test_the_state_on_a_day_as_known_at_a_time_is_the_fold_of_what_was_known(
    registered_on: Dated, commands: list[Command], interval: int
) -> None:
    the_law_holds("memory:", registered_on, commands, interval)


@pytest.fixture
def postgres_store(tmp_path: Path) -> Iterator[str]:
    """A PostgreSQL store for the whole test, emptied between examples."""
    with fresh_store("postgres", tmp_path) as store:
        yield store


@settings(
    max_examples=20,
    deadline=None,
    # The store is emptied after each example, so the examples do not share it.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(dates(), histories(), st.sampled_from([2, 3]))
@with_examples
def test_the_law_holds_on_a_postgresql_store(
    postgres_store: str, registered_on: Dated, commands: list[Command], interval: int
) -> None:
    try:
        the_law_holds(postgres_store, registered_on, commands, interval)
    finally:
        drop(postgres_store)
