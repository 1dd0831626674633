"""Reading dates typed by people: EDTF for facts, ISO 8601 for questions."""

from __future__ import annotations

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
    from domain.dates import WorldDate

    cleaned = text.strip()
    if _CALENDAR_DAY.fullmatch(cleaned):
        # Most facts are dated to a day: the EDTF library, which takes a sixth of
        # a second to import, would read it as that day too.
        try:
            return WorldDate.day(date.fromisoformat(cleaned))
        except ValueError:
            pass  # no such day: the library says so, in its words
    return parse_any_edtf(text)


#: A calendar day written as EDTF and ISO 8601 write it, e.g. 2022-02-28.
_CALENDAR_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
