"""The histories the law of the two time axes is tried on: dates in March 2022 as
the test writes them, the commands to record (facts, corrections and retractions),
the strategies that draw them in a random order, and the histories tried on every
run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from hypothesis import example
from hypothesis import strategies as st

from domain.dates import WorldDate

PARTNERS = ("esa", "nasa")
STATUSES = ("planned", "at_risk", "delayed", "suspended", "cancelled")
ROLES = ("lead", "partner", "contributor")
STANDINGS = ("active", "prospective", "suspended", "withdrawn")
FIRST, LAST = date(2022, 3, 1), date(2022, 3, 8)


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


def day(text: str) -> Dated:
    value = date.fromisoformat(text)
    return Dated(text, value, value)


MONTH = Dated("2022-03", date(2022, 3, 1), date(2022, 3, 31))


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
