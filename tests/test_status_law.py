"""The core law, as a property: a mission's state at any date is the fold, in the order
of the world, of exactly the facts that had surely happened by then, whatever the
order in which they were recorded."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from hypothesis import example, given, settings
from hypothesis import strategies as st

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from domain.errors import DomainError
from domain.events import MissionEvent, Source
from domain.identity import mission_id
from domain.mission import Report
from domain.projection import project_mission
from domain.vocabulary import Role, Standing, Status
from tests.readmodel import read_model_agrees, rebuilt_read_model_is_the_same

SLUG = "exomars"
SOURCE = Source(publication="SpaceNews")
PARTNERS = ("esa", "nasa", "roscosmos", "jaxa")

Partners = dict[str, tuple[Role, Standing]]


@dataclass(frozen=True)
class Dated:
    """An EDTF date as the test writes it, with the days it stands for."""

    edtf: str
    earliest: date
    latest: date

    @property
    def key(self) -> tuple[date, date]:
        return (self.latest, self.earliest)


@dataclass(frozen=True)
class Fact:
    """A fact to record: its kind, its date and its options, as a person types them."""

    kind: str
    occurred: Dated
    options: dict[str, str | None] = field(default_factory=dict)
    target: Dated | None = None


@dataclass(frozen=True)
class Recorded:
    """A fact the tracker accepted, with what the reference needs to fold it."""

    fact: Fact
    id: UUID
    version: int
    role: Role | None = None
    standing: Standing | None = None

    @property
    def order(self) -> tuple[date, date, int]:
        return (*self.fact.occurred.key, self.version)

    def joins(self) -> tuple[Role, Standing]:
        """The role and standing of the partner this fact brings in."""
        assert self.role is not None
        assert self.standing is not None
        return (self.role, self.standing)


# Strategies


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@st.composite
def world_dates(
    draw: st.DrawFn, first: int = 2019, last: int = 2022, open_end: bool = True
) -> Dated:
    """A single day, month or year, an interval, or an open start or end."""
    days = st.dates(date(first, 1, 1), date(last, 12, 31))
    forms = ["day", "day", "month", "year", "years", "days", "open-start"]
    form = draw(st.sampled_from([*forms, "open-end"] if open_end else forms))
    if form == "day":
        day = draw(days)
        return Dated(day.isoformat(), day, day)
    if form == "month":
        day = draw(days)
        return Dated(
            f"{day.year}-{day.month:02d}",
            day.replace(day=1),
            last_day(day.year, day.month),
        )
    if form == "year":
        year = draw(st.integers(first, last))
        return Dated(str(year), date(year, 1, 1), date(year, 12, 31))
    if form == "years":
        start, end = sorted(
            draw(st.lists(st.integers(first, last), min_size=2, max_size=2))
        )
        return Dated(f"{start}/{end}", date(start, 1, 1), date(end, 12, 31))
    if form == "days":
        first_day, last_day_ = sorted(draw(st.lists(days, min_size=2, max_size=2)))
        return Dated(
            f"{first_day.isoformat()}/{last_day_.isoformat()}", first_day, last_day_
        )
    if form == "open-start":
        day = draw(days)
        return Dated(f"../{day.isoformat()}", date.min, day)
    year = draw(st.integers(first, last))
    return Dated(f"{year}/..", date(year, 1, 1), date.max)


def options(
    **values: st.SearchStrategy[str | None],
) -> st.SearchStrategy[dict[str, str | None]]:
    return st.fixed_dictionaries(values)


partner = st.sampled_from(PARTNERS)
status = st.sampled_from([s.value for s in Status])
role = st.sampled_from([r.value for r in Role])
standing = st.sampled_from([s.value for s in Standing])


def maybe(values: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | values


status_changes = st.builds(
    Fact, st.just("status-changed"), world_dates(), options(status=status)
)
target_changes = world_dates(2024, 2033).flatmap(
    lambda target: st.builds(
        Fact,
        st.just("launch-target-changed"),
        world_dates(),
        st.just({"target": target.edtf}),
        st.just(target),
    )
)
notes = st.builds(Fact, st.just("noted"), world_dates())


def joins(
    who: st.SearchStrategy[str], dates: st.SearchStrategy[Dated]
) -> st.SearchStrategy[Fact]:
    return st.builds(
        Fact,
        st.just("partner-joined"),
        dates,
        options(partner=who, role=role, standing=maybe(standing)),
    )


def any_fact(who: st.SearchStrategy[str]) -> st.SearchStrategy[Fact]:
    """Any fact, about partners drawn from `who` (a replacing one from all of them);
    those about partners, which most rules concern, come up more often."""
    withdrawals = st.builds(
        Fact, st.just("partner-withdrawn"), world_dates(), options(partner=who)
    )
    replacements = st.builds(
        Fact,
        st.just("partner-replaced"),
        world_dates(),
        options(partner=who, by=partner, role=maybe(role), standing=maybe(standing)),
    )
    standing_changes = st.builds(
        Fact,
        st.just("partner-standing-changed"),
        world_dates(),
        options(partner=who, standing=standing),
    )
    return st.one_of(
        status_changes,
        joins(who, world_dates()),
        withdrawals,
        withdrawals,
        replacements,
        replacements,
        standing_changes,
        standing_changes,
        target_changes,
        notes,
    )


@st.composite
def histories(draw: st.DrawFn) -> list[Fact]:
    """Facts recorded in a random order, whatever their dates.

    A few partners join early, and later facts are mostly about them, so that more
    of those facts are accepted and can apply."""
    early_dates = world_dates(2016, 2018, open_end=False)
    early = draw(st.lists(joins(partner, early_dates), min_size=1, max_size=3))
    joined = st.sampled_from([option(j, "partner") for j in early])
    later = draw(st.lists(any_fact(joined | partner), min_size=1, max_size=16))
    return draw(st.permutations([*early, *later]))


# The reference: plain dicts, written apart from the code under test


def is_member(partners: Partners, name: str | None) -> bool:
    return name in partners and partners[name][1] is not Standing.WITHDRAWN


def option(fact: Fact, name: str) -> str:
    """A required option of a fact."""
    value = fact.options.get(name)
    assert value is not None, (fact, name)
    return value


@dataclass
class Expected:
    status: Status | None = None
    partners: Partners = field(default_factory=dict)
    target: Dated | None = None
    applied: list[UUID] = field(default_factory=list)


def reference(recorded: list[Recorded]) -> Expected:
    """Fold facts in the order of the world, with the simplest logic there is.

    A fact about a partner who is not in the mission (a later-recorded, earlier-dated
    fact can bring that about) changes nothing of that partner."""
    state = Expected()
    partners = state.partners
    for entry in sorted(recorded, key=lambda r: r.order):
        state.applied.append(entry.id)
        fact = entry.fact
        if fact.kind == "status-changed":
            state.status = Status(option(fact, "status"))
        elif fact.kind == "launch-target-changed":
            state.target = fact.target
        elif fact.kind == "partner-joined":
            partners[option(fact, "partner")] = entry.joins()
        elif fact.kind == "partner-withdrawn":
            name = option(fact, "partner")
            if name in partners:
                partners[name] = (partners[name][0], Standing.WITHDRAWN)
        elif fact.kind == "partner-standing-changed":
            name = option(fact, "partner")
            if is_member(partners, name):
                partners[name] = (partners[name][0], Standing(option(fact, "standing")))
        elif fact.kind == "partner-replaced":
            name = option(fact, "partner")
            if name in partners:
                partners[name] = (partners[name][0], Standing.WITHDRAWN)
            partners[option(fact, "by")] = entry.joins()
    return state


def state_before(recorded: list[Recorded], fact: Fact) -> Expected:
    """What the reference says was true just before `fact`, in the world's order."""
    return reference([r for r in recorded if r.fact.occurred.key <= fact.occurred.key])


def refused(before: Expected, fact: Fact) -> bool:
    """Whether the model's rules refuse `fact`, given what was true before it."""
    name, by = fact.options.get("partner"), fact.options.get("by")
    if fact.kind == "partner-joined":
        return is_member(before.partners, name)
    if fact.kind in ("partner-withdrawn", "partner-standing-changed"):
        return not is_member(before.partners, name)
    if fact.kind == "partner-replaced":
        return (
            name == by
            or not is_member(before.partners, name)
            or is_member(before.partners, by)
        )
    return False


def resolved(before: Expected, fact: Fact) -> tuple[Role | None, Standing | None]:
    """The role and standing a joining or replacing partner takes: as given, else
    active, and in the role the replaced partner had."""
    standing = Standing(fact.options.get("standing") or Standing.ACTIVE)
    if fact.kind == "partner-joined":
        return Role(option(fact, "role")), standing
    if fact.kind == "partner-replaced":
        role = fact.options.get("role")
        if role is None:
            return before.partners[option(fact, "partner")][0], standing
        return Role(role), standing
    return None, None


def query_days(facts: list[Fact], drawn: list[date]) -> list[date]:
    """Days on which the law is checked: each fact's last day, the day before it, and
    its first day (where a fact may, but need not, have happened)."""
    days = set(drawn)
    for fact in facts:
        days.add(fact.occurred.latest)
        if fact.occurred.latest > date.min:
            days.add(fact.occurred.latest - timedelta(days=1))
        days.add(fact.occurred.earliest)
    return sorted(days)


def report(dated: Dated, kind: str) -> Report:
    summary = "Something was said." if kind == "noted" else None
    return Report(occurred=parse_edtf(dated.edtf), source=SOURCE, summary=summary)


def record_all(tracker: MissionTracker, facts: list[Fact]) -> list[Recorded]:
    """Register the mission, then record the facts in the order given.

    The tracker must refuse exactly the facts the reference says break a rule; the
    refused ones are left out of what is returned."""
    registration = Fact(
        "registered", Dated("2015", date(2015, 1, 1), date(2015, 12, 31))
    )
    registered = tracker.register(
        SLUG, "ExoMars", [], report(registration.occurred, "registered")
    )
    recorded = [Recorded(registration, registered.id, registered.originator_version)]
    for fact in facts:
        tracker.catch_up()  # the read model is kept one fact at a time
        before = state_before(recorded, fact)
        try:
            event = tracker.record(
                SLUG, fact.kind, report(fact.occurred, fact.kind), fact.options
            )
        except DomainError:
            assert refused(before, fact), fact
            continue
        assert not refused(before, fact), fact
        occurred = event.occurred
        assert Dated(occurred.edtf, occurred.earliest, occurred.latest) == fact.occurred
        role, standing = resolved(before, fact)
        recorded.append(
            Recorded(fact, event.id, event.originator_version, role, standing)
        )
    return recorded


def day(text: str) -> Dated:
    value = date.fromisoformat(text)
    return Dated(text, value, value)


@settings(max_examples=150, deadline=None)
@given(
    histories(),
    st.lists(st.dates(date(2018, 6, 1), date(2023, 6, 30)), max_size=4),
    st.sampled_from([2, 3]),
)
# ESA was suspended in 2022; a later report says it had withdrawn in 2021.
@example(
    [
        Fact("partner-joined", day("2020-01-01"), {"partner": "esa", "role": "lead"}),
        Fact(
            "partner-standing-changed",
            day("2022-03-01"),
            {"partner": "esa", "standing": "suspended"},
        ),
        Fact("partner-withdrawn", day("2021-06-01"), {"partner": "esa"}),
    ],
    [date(2022, 6, 1)],
    2,
)
# NASA replaced Roscosmos in 2022; a later report says Roscosmos left in 2021.
@example(
    [
        Fact(
            "partner-joined",
            Dated("2016", date(2016, 1, 1), date(2016, 12, 31)),
            {"partner": "roscosmos", "role": "lead"},
        ),
        Fact(
            "partner-replaced",
            day("2022-11-30"),
            {"partner": "roscosmos", "by": "nasa"},
        ),
        Fact("partner-withdrawn", day("2021-06-01"), {"partner": "roscosmos"}),
        Fact(
            "partner-joined",
            Dated("../2019-01-01", date.min, date(2019, 1, 1)),
            {"partner": "nasa", "role": "contributor"},
        ),
    ],
    [],
    3,
)
def test_the_state_on_any_day_is_the_fold_of_the_facts_surely_happened_by_then(
    facts: list[Fact], drawn: list[date], interval: int
) -> None:
    tracker = MissionTracker("memory:", snapshot_interval=interval)
    try:
        recorded = record_all(tracker, facts)
        for on in query_days([r.fact for r in recorded], drawn):
            expected = reference([r for r in recorded if r.fact.occurred.latest <= on])
            state = tracker.state(SLUG, on)[1]
            assert state.status == expected.status, on
            assert {m.partner: (m.role, m.standing) for m in state.partners} == (
                expected.partners
            ), on
            target = state.target_launch
            assert (
                target and Dated(target.edtf, target.earliest, target.latest)
            ) == expected.target, on
            assert [e.id for e in state.applied] == expected.applied, on
            read_model_agrees(tracker, tracker.mission(SLUG), on, None)
        rebuilt_read_model_is_the_same(tracker)

        stored = list(tracker.events.get(mission_id(SLUG)))
        events = [e for e in stored if isinstance(e, MissionEvent)]
        assert len(events) == len(stored) == len(recorded)
        assert tracker.mission(SLUG) == project_mission(None, events)
    finally:
        tracker.close()
