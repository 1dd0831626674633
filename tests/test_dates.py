"""Reading EDTF dates into their earliest and latest days, and asking about them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from adapters.dates import (
    EDTF_FORMS,
    DateError,
    parse_any_edtf,
    parse_day,
    parse_edtf,
    parse_instant,
)
from adapters.errors import InputError
from domain.dates import WorldDate
from tests.readmodel import heavy_modules_of

#: The EDTF library's package.
EDTF = ("edtf",)

# parse_edtf


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2022-02-28", date(2022, 2, 28), date(2022, 2, 28)),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29)),
        ("2021-06", date(2021, 6, 1), date(2021, 6, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2030/2033", date(2030, 1, 1), date(2033, 12, 31)),
        ("2022-06/2022-08-15", date(2022, 6, 1), date(2022, 8, 15)),
        ("../2022-02-24", date.min, date(2022, 2, 24)),
        ("2022/..", date(2022, 1, 1), date.max),
    ],
)
def test_an_edtf_date_stands_for_its_earliest_and_latest_day(
    text: str, earliest: date, latest: date
) -> None:
    assert parse_edtf(text) == WorldDate(edtf=text, earliest=earliest, latest=latest)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2026?", date(2026, 1, 1), date(2026, 12, 31)),
        ("2021-06~", date(2021, 6, 1), date(2021, 6, 30)),
        ("2022-03-17?", date(2022, 3, 17), date(2022, 3, 17)),
        ("2022-03-17%", date(2022, 3, 17), date(2022, 3, 17)),
        ("/2022-03-01", date.min, date(2022, 3, 1)),
        ("2022-03-01/", date(2022, 3, 1), date.max),
    ],
)
def test_an_uncertain_or_approximate_date_keeps_the_days_it_names(
    text: str, earliest: date, latest: date
) -> None:
    # The qualifier stays in the EDTF text; the edtf library's "fuzzy" bounds
    # (a year or more either side) would make such a fact count far too late.
    assert parse_edtf(text) == WorldDate(edtf=text, earliest=earliest, latest=latest)


def test_an_edtf_date_is_read_without_surrounding_spaces() -> None:
    assert parse_edtf("  2022-02-28\n") == WorldDate.day(date(2022, 2, 28))


@pytest.mark.parametrize(
    "text",
    [
        "2022-02-30",
        "2021-02-29",
        "2022-13",
        "2022-1",
        "garbage",
        "",
        "..",
        "2022-02-28/2022-02-30",
        "28/02/2022",
    ],
)
def test_an_invalid_edtf_date_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_edtf(text)
    message = str(refused.value)
    assert message.startswith(f"{text!r} is not a valid EDTF date; ")
    assert message.endswith(EDTF_FORMS)
    for form in ("2022-02-28", "2021-06", "2022", "2030/2033", "2026?", "../"):
        assert form in message


@pytest.mark.parametrize("text", ["2033/2030", "2022-03-01/2022-02-01"])
def test_an_interval_that_ends_before_it_begins_is_refused(text: str) -> None:
    with pytest.raises(DateError, match="ends before it begins") as refused:
        parse_edtf(text)
    assert str(refused.value) == f"{text!r} ends before it begins; {EDTF_FORMS}"


@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_calendar_day_is_read_as_the_edtf_library_reads_it(day: date) -> None:
    """A plain day is read without the library, which is slow to import (see the
    test of the modules `record` loads): the answer must be the library's."""
    text = day.isoformat()
    assert parse_edtf(text) == parse_any_edtf(text) == WorldDate.day(day)


def _plain(day: date, precision: int) -> str:
    """A day written as a day, a month or a year (precision 3, 2 or 1)."""
    return "-".join(day.isoformat().split("-")[:precision])


_PRECISION = st.integers(min_value=1, max_value=3)


@given(
    st.dates(min_value=date(1000, 1, 1)),
    _PRECISION,
    st.dates(min_value=date(1000, 1, 1)),
    _PRECISION,
    st.sampled_from(["one", "interval", "open start", "open end"]),
)
@settings(max_examples=300, deadline=None)
def test_a_plain_date_or_interval_is_read_as_the_edtf_library_reads_it(
    start: date, start_precision: int, end: date, end_precision: int, form: str
) -> None:
    """Days, months, years and intervals of them are read without the library
    (an import reads thousands; the library takes milliseconds each): the answer,
    or the refusal, must be the library's."""
    first, last = _plain(start, start_precision), _plain(end, end_precision)
    text = {
        "one": first,
        "interval": f"{first}/{last}",
        "open start": f"../{last}",
        "open end": f"{first}/..",
    }[form]
    try:
        expected: WorldDate | str = parse_any_edtf(text)
    except DateError as error:
        expected = str(error)
    try:
        found: WorldDate | str = parse_edtf(text)
    except DateError as error:
        found = str(error)
    assert found == expected


@pytest.mark.parametrize(
    "text", ["0000-01-01", "2022-00-10", "2022-04-31", "٢٠٢٢-٠٢-٢٨", "2022-13", "0000"]
)
def test_a_day_that_does_not_exist_is_refused_as_the_library_refuses_it(
    text: str,
) -> None:
    with pytest.raises(DateError, match="is not a valid EDTF date"):
        parse_edtf(text)


def test_a_date_error_is_an_input_error() -> None:
    with pytest.raises(InputError):
        parse_edtf("garbage")


# parse_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-03-01", date(2022, 3, 1)),
        (" 2022-03-01 ", date(2022, 3, 1)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_a_question_date_is_an_iso_calendar_date(text: str, day: date) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize(
    "text", ["2022-03", "2022", "2022-3-1", "2022-02-30", "01/03/2022", "x", ""]
)
def test_a_question_date_that_is_not_an_iso_day_is_refused(text: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_day(text)
    assert str(refused.value) == (
        f"{text!r} is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01"
    )


# parse_instant


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        ("0001-01-01T14:00:00+14:00", datetime(1, 1, 1, tzinfo=UTC)),
        ("0001-01-01", datetime(1, 1, 1, 23, 59, 59, 999999, tzinfo=UTC)),
        ("9999-12-31T09:59:59-14:00", datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ("9999-12-31", datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_a_time_at_either_end_of_the_calendar_is_read(
    text: str, instant: datetime
) -> None:
    assert parse_instant(text) == instant


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:00:00+14:00",
        "0001-01-01T13:59:59.999999+14:00",
        "9999-12-31T23:59:59-14:00",
        "9999-12-31T10:00:00-14:00",
    ],
)
def test_a_time_an_offset_carries_out_of_the_calendar_is_refused(text: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_instant(text)
    assert str(refused.value) == (
        f"{text!r} is out of range; use a time from 0001-01-01T00:00:00Z"
        " to 9999-12-31T23:59:59Z"
    )


# WorldDate


def test_a_world_date_cannot_end_before_it_begins() -> None:
    with pytest.raises(ValidationError, match="earliest day 2022-03-01 is after"):
        WorldDate(edtf="x", earliest=date(2022, 3, 1), latest=date(2022, 2, 1))


def test_a_single_day_is_its_own_earliest_and_latest_day() -> None:
    day = WorldDate.day(date(2022, 2, 24))
    assert (day.edtf, day.earliest, day.latest) == (
        "2022-02-24",
        date(2022, 2, 24),
        date(2022, 2, 24),
    )


def test_a_year_has_surely_happened_only_by_its_last_day() -> None:
    year = parse_edtf("2022")
    assert not year.surely_by(date(2021, 12, 31))
    assert not year.surely_by(date(2022, 1, 1))
    assert not year.surely_by(date(2022, 12, 30))
    assert year.surely_by(date(2022, 12, 31))
    assert year.surely_by(date(2023, 6, 1))


def test_a_year_may_have_happened_from_its_first_day_until_its_last() -> None:
    year = parse_edtf("2022")
    assert not year.maybe_by(date(2021, 12, 31))
    assert year.maybe_by(date(2022, 1, 1))
    assert year.maybe_by(date(2022, 12, 30))
    assert not year.maybe_by(date(2022, 12, 31))
    assert not year.maybe_by(date(2023, 1, 1))


def test_a_single_day_is_never_merely_possible() -> None:
    day = WorldDate.day(date(2022, 2, 24))
    assert not day.maybe_by(date(2022, 2, 23))
    assert not day.surely_by(date(2022, 2, 23))
    assert not day.maybe_by(date(2022, 2, 24))
    assert day.surely_by(date(2022, 2, 24))


def test_an_open_start_may_always_have_happened_before_its_end() -> None:
    before = parse_edtf("../2022-02-24")
    assert before.maybe_by(date(1900, 1, 1))
    assert before.maybe_by(date(2022, 2, 23))
    assert before.surely_by(date(2022, 2, 24))


def test_an_open_end_has_never_surely_happened() -> None:
    after = parse_edtf("2022/..")
    assert not after.surely_by(date(9999, 12, 30))
    assert after.maybe_by(date(9999, 12, 30))
    assert not after.maybe_by(date(2021, 12, 31))


def test_dates_are_ordered_by_latest_then_earliest_day() -> None:
    by_latest = sorted(
        [parse_edtf("2022"), parse_edtf("2022-12-31"), parse_edtf("2022-05-01")],
        key=lambda d: d.order_key,
    )
    assert [d.edtf for d in by_latest] == ["2022-05-01", "2022", "2022-12-31"]


def test_recording_a_fact_dated_to_a_plain_date_does_not_load_the_edtf_library(
    tmp_path: Path,
) -> None:
    def recorded(on: str) -> list[str]:
        change = ["status-changed", "--status", "delayed", "--on", on]
        return ["record", "exomars", *change, "--source", "ESA"]

    for number, plain in enumerate(["2022-03-07", "2022-04", "2021/2022-03"]):
        store = str(tmp_path / f"{number}.db")
        loaded, _ = heavy_modules_of(store, [recorded(plain)], EDTF)
        assert loaded == [], plain
    doubtful, _ = heavy_modules_of(str(tmp_path / "q.db"), [recorded("2026?")], EDTF)
    assert "edtf" in doubtful
