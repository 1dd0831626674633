"""The histories the law of the two time axes is tried on: dates in March 2022 as
the test writes them, the commands to record (facts, corrections and retractions),
and the strategies that draw them in a random order (the histories tried on every
run are in `tests.law_examples`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

from hypothesis import strategies as st

from domain.dates import WorldDate

PARTNERS = ("esa", "nasa")
STATUSES = ("planned", "at_risk", "delayed", "suspended", "cancelled")
ROLES = ("lead", "partner", "contributor")
STANDINGS = ("active", "prospective", "suspended", "withdrawn")
#: Few, so that a partner is often said to add or remove what it already does.
CONTRIBUTIONS = ("the rover", "the lander")
MILESTONES = ("launch", "landing", "first-light", "failure")
#: The programmes the mission may join: missions the test registers first.
PROGRAMMES = ("mars-exploration", "aurora")
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
#: No date, as the commands take it: no launch target (`--target none`), or no
#: effective date of its own (`--effective none`).
NONE: Final = "none"


@dataclass(frozen=True)
class Command:
    """One thing to record: a fact of a kind (taking effect on `effective`, if
    given), a correction or a retraction.

    A correction or a retraction is about the `pick`-th event recorded before it,
    counting back from the last (0), modulo how many there are. A correction
    supersedes the date, the status or the effective date it gives ("none": the
    fact takes effect when it happened)."""

    kind: str
    occurred: Dated | None = None
    options: dict[str, str] = field(default_factory=dict)
    pick: int = 0
    new_date: Dated | None = None
    new_status: str | None = None
    effective: Dated | None = None
    new_effective: Dated | Literal["none"] | None = None


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
#: A fact takes effect when it happened, or (one in three) on a date of its own.
effective = st.one_of(st.none(), st.none(), dates())


def fact(
    kind: str,
    optional: dict[str, st.SearchStrategy[str]] | None = None,
    **required: st.SearchStrategy[str],
) -> st.SearchStrategy[Command]:
    """A fact of `kind` with options drawn from `required` (and some of `optional`),
    dated in March, which may take effect on another date."""
    return st.builds(
        Command,
        st.just(kind),
        dates(),
        st.fixed_dictionaries(required, optional=optional or {}),
        effective=effective,
    )


by_party = {"by_party": partner}
contribution = st.sampled_from(CONTRIBUTIONS)
#: A fact of any kind but a replacement of a partner.
facts: st.SearchStrategy[Command] = st.one_of(
    fact("status-changed", by_party, status=status),
    fact(
        "partner-joined",
        partner=partner,
        role=st.sampled_from(ROLES),
        standing=st.sampled_from(STANDINGS[:3]),
    ),
    fact("partner-withdrawn", by_party, partner=partner),
    fact(
        "partner-standing-changed",
        by_party,
        partner=partner,
        standing=st.sampled_from(STANDINGS),
    ),
    # The roles the other way round: what is drawn first (and shrunk to) is not
    # the role a partner first joins in, which a change to it would be refused.
    fact("partner-role-changed", partner=partner, role=st.sampled_from(ROLES[::-1])),
    fact("contribution-added", partner=partner, contribution=contribution),
    fact("contribution-removed", partner=partner, contribution=contribution),
    fact(
        "launch-target-changed",
        target=st.sampled_from([*(t.edtf for t in TARGETS), NONE]),
    ),
    fact(
        "milestone",
        {"detail": st.sampled_from(["as planned", "a day late"])},
        milestone=st.sampled_from(MILESTONES),
    ),
    fact("programme-joined", programme=st.sampled_from(PROGRAMMES)),
    fact("programme-left", programme=st.sampled_from(PROGRAMMES)),
    fact("noted"),
)
picks = st.integers(0, 40)
amendments: st.SearchStrategy[Command] = st.one_of(
    st.builds(Command, st.just("correct"), pick=picks, new_date=dates()),
    st.builds(Command, st.just("correct"), pick=picks, new_status=status),
    st.builds(
        Command, st.just("correct"), pick=picks, new_date=dates(), new_status=status
    ),
    st.builds(
        Command,
        st.just("correct"),
        pick=picks,
        new_effective=st.one_of(st.just(NONE), dates()),
    ),
    st.builds(Command, st.just("retract"), pick=picks),
)
early_joins = st.builds(
    Command,
    st.just("partner-joined"),
    st.sampled_from(
        [Dated("../2022-03-01", date.min, FIRST), Dated("2022-03-01", FIRST, FIRST)]
    ),
    st.fixed_dictionaries(
        {
            "partner": partner,
            "role": st.sampled_from(ROLES),
            "standing": st.sampled_from(STANDINGS[:3]),
        }
    ),
)


@st.composite
def steps(draw: st.DrawFn) -> Command:
    """A fact, or as often a correction or a retraction."""
    return draw(amendments if draw(st.booleans()) else facts)


@st.composite
def undone(draw: st.DrawFn, member: str) -> list[Command]:
    """A contribution added by `member`, or a programme joined, and the same
    removed, or left, on the same day or later: two facts, which a random order of
    recording may turn round."""
    if draw(st.booleans()):
        values = {"partner": member, "contribution": draw(contribution)}
        kinds = ("contribution-added", "contribution-removed")
    else:
        values = {"programme": draw(st.sampled_from(PROGRAMMES))}
        kinds = ("programme-joined", "programme-left")
    start, end = sorted(draw(st.lists(st.dates(FIRST, LAST), min_size=2, max_size=2)))
    return [
        Command(kinds[0], day(start.isoformat()), values),
        Command(kinds[1], day(end.isoformat()), values),
    ]


@st.composite
def histories(draw: st.DrawFn) -> list[Command]:
    """Facts, corrections and retractions in a random order of recording. So that
    more facts about partners apply, a partner joins early (in the world), recorded
    first, and another may join early too, recorded at any point; and so that more
    removals apply, the first may add something and remove it, or the mission join
    a programme and leave it."""
    first = draw(early_joins)
    early = draw(st.lists(early_joins, max_size=1))
    pairs = draw(st.lists(undone(first.options["partner"]), max_size=1))
    later = draw(st.lists(steps(), min_size=1, max_size=9))
    mixed = [*early, *(c for pair in pairs for c in pair), *later]
    return [first, *draw(st.permutations(mixed))]


def day(text: str) -> Dated:
    value = date.fromisoformat(text)
    return Dated(text, value, value)


MONTH = Dated("2022-03", date(2022, 3, 1), date(2022, 3, 31))
