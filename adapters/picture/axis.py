"""A time axis: where a day falls across a picture, readable ticks (days,
months or years, chosen by how many days are shown), and their lines and labels
in the SVG."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree as ET

from adapters.picture.chartkey import num, text
from adapters.picture.spans import Window

#: The least room a tick's label is given, in pixels.
TICK_ROOM = 84
_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
#: The steps ticks can take: ("day", n), ("month", n) or ("year", n).
_STEPS = [
    *(("day", n) for n in (1, 2, 7, 14)),
    *(("month", n) for n in (1, 2, 3, 6)),
    *(("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)),
]
_DAYS_IN = {"day": 1.0, "month": 30.44, "year": 365.25}


class Scale:
    """Days across the pixels from `left` to `right`: a day D covers [x(D), x(D+1))."""

    def __init__(self, window: Window, left: float, right: float) -> None:
        self.window = window
        self.left = left
        self.right = right
        self.per_day = (right - left) / window.days

    def x(self, ordinal: float) -> float:
        """Where the day with this ordinal begins."""
        return self.left + (ordinal - self.window.first) * self.per_day

    def middle(self, day: date) -> float:
        """The middle of `day`."""
        return self.x(day.toordinal() + 0.5)

    def clamp(self, x: float) -> float:
        """`x`, kept within the axis."""
        return min(max(x, self.left), self.right)


def ticks(scale: Scale) -> list[tuple[int, str]]:
    """The days to mark on the axis (ordinals) and their labels: the finest step
    whose labels have room."""
    unit, step = next(
        (
            (unit, step)
            for unit, step in _STEPS
            if _DAYS_IN[unit] * step * scale.per_day >= TICK_ROOM
        ),
        _STEPS[-1],
    )
    window = scale.window
    found: list[tuple[int, str]] = []
    for day in _days(unit, step, window.start, window.end):
        first = not found
        if unit == "day":
            words = f"{day.day} {_MONTHS[day.month - 1]}"
            if first or (day.month == 1 and day.day <= step):
                words += f" {day.year}"
        elif unit == "month":
            words = _MONTHS[day.month - 1]
            if first or day.month <= step:
                words += f" {day.year}"
        else:
            words = str(day.year)
        found.append((day.toordinal(), words))
    return found


def _days(unit: str, step: int, start: date, end: date) -> list[date]:
    """The days from `start` to `end` a step of `step` units falls on."""
    if unit == "day":
        # Weekly ticks fall on Mondays (ordinal 1, 0001-01-01, was a Monday).
        offset = 1 if step % 7 == 0 else 0
        first = start.toordinal()
        first += (offset - first) % step
        return [date.fromordinal(o) for o in range(first, end.toordinal() + 1, step)]
    if unit == "month":
        index = start.year * 12 + start.month - 1
        if start.day > 1:
            index += 1
        index += -index % step
        found = []
        while index // 12 <= end.year:
            day = date(index // 12, index % 12 + 1, 1)
            if day > end:
                break
            found.append(day)
            index += step
        return found
    year = start.year if start == date(start.year, 1, 1) else start.year + 1
    year += -year % step
    return [date(y, 1, 1) for y in range(max(year, 1), end.year + 1, step)]


def grid(
    parent: ET.Element,
    scale: Scale,
    top: float,
    bottom: float,
    stroke: str,
    opacity: str = "1",
) -> None:
    """Vertical lines at the ticks, from `top` to `bottom`."""
    grid = ET.SubElement(
        parent, "g", {"class": "grid", "stroke": stroke, "stroke-opacity": opacity}
    )
    for ordinal, _ in ticks(scale):
        x = num(scale.x(ordinal))
        ET.SubElement(
            grid, "line", {"x1": x, "x2": x, "y1": num(top), "y2": num(bottom)}
        )


def draw_axis(parent: ET.Element, scale: Scale, top: float, bottom: float) -> None:
    """The axis's lines and tick labels, above `top` and below `bottom`."""
    axis = ET.SubElement(parent, "g", {"class": "axis"})
    for ordinal, words in ticks(scale):
        x = scale.x(ordinal)
        for y in (top - 10, bottom + 18):
            text(axis, x, y, words, "tl-tick").set("text-anchor", "middle")
    for y in (top, bottom):
        ET.SubElement(
            axis,
            "line",
            {"x1": num(scale.left), "x2": num(scale.right), "y1": num(y)}
            | {"y2": num(y), "stroke": "#9aa0a6"},
        )
