"""Reading dates typed by people: EDTF for facts, ISO 8601 for questions."""

from __future__ import annotations

import calendar
import math
import re
import time
from datetime import UTC, date, datetime
from datetime import time as dt_time
from typing import TYPE_CHECKING

from adapters.errors import InputError

if TYPE_CHECKING:
    from domain.dates import WorldDate

EDTF_FORMS = (
    "accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033,"
    " 2026? (uncertain), 2021-06~ (approximate), ../2022-03-01 (on or before)"
)


class DateError(InputError):
    """A date that cannot be read."""


def parse_edtf(text: str) -> WorldDate:
    """Read an EDTF date into its earliest and latest possible day."""
    cleaned = text.strip()
    bounds = _plain_bounds(cleaned)
    if bounds is None:
        return parse_any_edtf(text)
    from domain.dates import WorldDate

    earliest, latest = bounds
    if earliest > latest:
        raise DateError(f"{text!r} ends before it begins; {EDTF_FORMS}")
    return WorldDate(edtf=cleaned, earliest=earliest, latest=latest)


def _plain_bounds(text: str) -> tuple[date, date] | None:
    """The days of a plain EDTF date, read without the EDTF library: a day, a month
    or a year (2022-02-28, 2021-06, 2022), or an interval of two of them, either
    end open (2030/2033, ../2022-03-01). The library takes a sixth of a second to
    import and some milliseconds a date; it reads these the same (a property
    test holds the two to it). None for any other form, or for a date that does
    not exist: the library reads it, or says what is wrong, in its words."""
    if _PLAIN.fullmatch(text) is None:
        return None
    start, slash, end = text.partition("/")
    if start == end == "..":
        return None
    try:
        earliest = date.min if start == ".." else _first_day(start)
        latest = _last_day(end if slash else start)
    except ValueError:
        return None
    if slash and end == "..":
        latest = date.max
    return earliest, latest


def _first_day(text: str) -> date:
    year, month, day = (*map(int, text.split("-")), 1, 1)[:3]
    if year == 0:
        raise ValueError("EDTF's year 0 is no day of the calendar")
    return date(year, month, day)


def _last_day(text: str) -> date:
    if text == "..":
        return date.max
    parts = [int(part) for part in text.split("-")]
    if parts[0] == 0:
        raise ValueError("EDTF's year 0 is no day of the calendar")
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return date(parts[0], 12, 31)


#: A day, month or year (four ASCII digits), or an interval of two, either open.
_ONE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
_PLAIN = re.compile(rf"{_ONE}|(?:\.\.|{_ONE})/(?:\.\.|{_ONE})")


def parse_any_edtf(text: str) -> WorldDate:
    """Any EDTF date, read by the EDTF library."""
    from edtf import parse_edtf as edtf_parse  # slow to import; only when recording
    from edtf.parser.edtf_exceptions import EDTFParseException

    from domain.dates import WorldDate

    cleaned = text.strip()
    try:
        parsed = edtf_parse(cleaned)
        # Strict bounds: "2026?" spans 2026, its doubt kept in the text. The
        # library's fuzzy bounds widen a day by a year and would delay the fact.
        earliest = _day(parsed.lower_strict(), date.min)
        latest = _day(parsed.upper_strict(), date.max)
        # An unknown end ("/2022-03-01") bounds nothing; the library guesses one.
        if cleaned.startswith("/"):
            earliest = date.min
        if cleaned.endswith("/"):
            latest = date.max
    except (EDTFParseException, ValueError, OverflowError, TypeError) as error:
        raise DateError(f"{text!r} is not a valid EDTF date; {EDTF_FORMS}") from error
    if earliest > latest:
        raise DateError(f"{text!r} ends before it begins; {EDTF_FORMS}")
    return WorldDate(edtf=cleaned, earliest=earliest, latest=latest)


def parse_day(text: str) -> date:
    """Read an ISO 8601 calendar date, e.g. 2022-03-01."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DateError(
            f"{text!r} is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01"
        ) from None


def _day(value: time.struct_time | float, infinite: date) -> date:
    if isinstance(value, float):
        if math.isinf(value):
            return infinite
        raise DateError(f"unexpected date bound {value}")
    return date(value.tm_year, value.tm_mon, value.tm_mday)


def parse_instant(text: str) -> datetime:
    """Read an ISO 8601 date or date-time as a UTC instant. A date alone means
    the end of that day, as `--at` does; no offset means UTC."""
    cleaned = text.strip()
    try:
        if len(cleaned) <= len("2022-03-01"):
            day = date.fromisoformat(cleaned)
            return datetime.combine(day, dt_time.max, tzinfo=UTC)
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise DateError(
            f"{text!r} is not a valid time; use an ISO 8601 date or date-time,"
            " e.g. 2022-03-02 or 2022-03-02T12:00:00Z"
        ) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # an offset that carries it past year 1 or 9999
        raise DateError(
            f"{text!r} is out of range; use a time from 0001-01-01T00:00:00Z"
            " to 9999-12-31T23:59:59Z"
        ) from None
