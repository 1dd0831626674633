"""The explorer's form: the day of the world's time asked about, the time of
recording it is asked as known at, and the day by which what counts had been
published (reported), each as a slider and as text beside it.

It is a GET form to `/` whose fields are the text, named `at`, `known_at` and
`reported`: without a script, the text is what is sent. The sliders have no
names; they are sent disabled and the page's script enables them, moving the
text, and the view, as they move. The world's slider stops at each day (its
values count days from 1970); the recording slider at each time the record
changed, then at "now"; the publication slider at each day a source was
published, then at "all".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.etree import ElementTree as ET

import orjson

from adapters.picture.chartkey import clean
from adapters.picture.spans import window_between

#: At most how many times of recording the known-at slider stops at.
STOPS = 500
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class Asked:
    """What the form shows: the day and the time of the view (None: now), and
    the text of each, as it was given."""

    at: date
    known_at: datetime | None
    at_text: str
    known_text: str
    #: The day by which what counts had been published (None: all recorded).
    reported: date | None = None
    reported_text: str = ""


def instant(moment: datetime) -> str:
    """A time of recording as the form writes it: ISO 8601, UTC, to the
    microsecond (the read model's precision)."""
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def controls(
    asked: Asked,
    days: tuple[str, str] | None,
    recorded: list[datetime],
    today: date,
    published: Sequence[date] = (),
) -> ET.Element:
    """The form for `asked`. The world's slider reaches from the days the facts
    fall on (`days`, ISO text; None if none is known), padded as a timeline is,
    to today; the recording slider's stops are the times in `recorded`, all but
    the last (as known then is as known now), then "now"; the publication
    slider's, the days in `published`, then "all"."""
    form = ET.Element(
        "form",
        {"id": "controls", "class": "controls", "method": "get", "action": "/"},
    )
    window = window_between(days, None, None, today)
    first, last = min(window.start, asked.at), max(window.end, today, asked.at)
    _axis(
        form,
        ("at-slider", "World date", _day_number(asked.at), asked.at.isoformat()),
        {"min": str(_day_number(first)), "max": str(_day_number(last))},
        ("at", "Status on (YYYY-MM-DD)"),
        {"type": "date", "name": "at", "value": clean(asked.at_text)},
    )
    stops = [instant(t) for t in recorded[:-1]]
    stop = _stop(recorded, asked.known_at)
    shown = stops[stop] if stop < len(stops) else "now"
    _axis(
        form,
        ("known-at-slider", "Known at (time of recording)", stop, shown),
        {
            "min": "0",
            "max": str(len(stops)),
            "data-stops": orjson.dumps(stops).decode(),
        },
        ("known-at", "As recorded by (empty: now)"),
        {
            "type": "text",
            "name": "known_at",
            "value": clean(asked.known_text),
            "placeholder": "now, or e.g. 2022-03-02T12:00:00Z",
            "spellcheck": "false",
            "autocomplete": "off",
        },
    )
    days_published = [day.isoformat() for day in published]
    place = _place(published, asked.reported)
    _axis(
        form,
        (
            "reported-slider",
            "Reported by (date of publication)",
            place,
            days_published[place] if place < len(published) else "all",
        ),
        {
            "min": "0",
            "max": str(len(published)),
            "data-stops": orjson.dumps(days_published).decode(),
        },
        ("reported", "As published by (empty: all)"),
        {
            "type": "date",
            "name": "reported",
            "value": clean(asked.reported_text),
        },
    )
    ET.SubElement(form, "button", {"type": "submit"}).text = "Show"
    return form


def _place(published: Sequence[date], reported: date | None) -> int:
    """The publication slider's stop for `reported`: the last day of
    `published` on or before it (the first if none is); "all" for all."""
    if reported is None:
        return len(published)
    return max(bisect_right(published, reported) - 1, 0)


def _axis(
    form: ET.Element,
    slider: tuple[str, str, int, str],
    reach: dict[str, str],
    typed: tuple[str, str],
    field: dict[str, str],
) -> None:
    """One line of the form: a slider (its id, label, value and the value's
    words) and the text beside it (its id and label)."""
    line = ET.SubElement(form, "div", {"class": "axis"})
    ident, label, value, words = slider
    ET.SubElement(line, "label", {"for": ident}).text = label
    ET.SubElement(
        line,
        "input",
        {
            "type": "range",
            "id": ident,
            **reach,
            "step": "1",
            "value": str(value),
            "aria-valuetext": words,
            "disabled": "disabled",
        },
    )
    ident, label = typed
    ET.SubElement(line, "label", {"for": ident, "class": "typed"}).text = label
    ET.SubElement(line, "input", {"id": ident, **field})


def _day_number(day: date) -> int:
    """A day as the world's slider counts it: days since 1 January 1970."""
    return (day - _EPOCH).days


def _stop(recorded: list[datetime], known_at: datetime | None) -> int:
    """The recording slider's stop for `known_at`: the last time of `recorded`
    on or before it; "now" (after them all) for now, or from the last on."""
    if known_at is None or not recorded or known_at >= recorded[-1]:
        return max(len(recorded) - 1, 0)
    return max(bisect_right(recorded, known_at, hi=len(recorded) - 1) - 1, 0)
