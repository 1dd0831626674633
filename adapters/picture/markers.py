"""A timeline row's markers: a change's, its shape by its kind and its range of
days drawn under it, and a crowd's, a rounded marker giving how many changes it
gathers; where each reaches (for the lanes they are laid out in), and their
tooltips. Built with ElementTree: text from the events stays text."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from adapters.picture.axis import Scale
from adapters.picture.chartkey import (
    INK,
    box,
    clean,
    marker,
    marker_of,
    text,
    text_width,
)
from adapters.picture.crowds import CLOSER, LISTED, Crowd, Item
from adapters.picture.spans import Mark
from adapters.sources import cite

#: A marker's half width, the length of an "on or before" tail, and the size of
#: a crowd's count.
_RADIUS = 7
_TAIL = 24
_COUNT_SIZE = 10


def tooltip(mark: Mark) -> str:
    """A change's tooltip: its date as recorded, what changed, the summary and
    the source."""
    return (
        f"{mark.occurred}  {mark.name}: {mark.change}\n{mark.summary}"
        f"\nSource: {cite(mark.source)}"
    )


def crowd_tooltip(crowd: Crowd) -> str:
    """A crowd's tooltip: how many changes, from when to when, and the first few."""
    count = len(crowd.marks)
    lines = [
        f"{crowd.first.name}: {count} changes from {crowd.first.occurred}"
        f" to {crowd.last.occurred}"
    ]
    lines += [f"{m.occurred}  {m.change}" for _, m in crowd.marks[:LISTED]]
    if count > LISTED:
        lines.append(f"... and {count - LISTED} more: {CLOSER}")
    return "\n".join(lines)


def extent(mark: Mark, x: float, scale: Scale) -> tuple[float, float]:
    """Where a change's marker, drawn at `x`, and its range of days reach."""
    start = x - _RADIUS
    if mark.earliest is None:
        start = x - _TAIL
    elif mark.uncertain:
        start = min(start, scale.clamp(scale.x(mark.earliest.toordinal())))
    return start, x + _RADIUS


def item_extent(item: Item, scale: Scale) -> tuple[float, float]:
    """Where a change's marker, or a crowd's, reaches."""
    if isinstance(item, Crowd):
        x, half = scale.middle(item.day), _pill_width(item) / 2
        return x - half, x + half
    mark = item[1]
    return extent(mark, scale.middle(mark.day), scale)


def _pill_width(crowd: Crowd) -> float:
    return max(2 * _RADIUS + 2, text_width(str(len(crowd.marks)), _COUNT_SIZE) + 8)


def draw_mark(
    parent: ET.Element, mark: Mark, scale: Scale, y: float, anchor: str | None
) -> None:
    x = scale.middle(mark.day)
    kind = marker_of(mark.kind)
    group = _group(parent, anchor, f"mark kind-{kind}", mark, tooltip(mark))
    if mark.earliest is None:
        ET.SubElement(
            group,
            "rect",
            box(x - _TAIL, y - 1.25, _TAIL, 2.5)
            | {"fill": "url(#tail)", "class": "open-range"},
        )
    elif mark.uncertain:
        left = scale.clamp(scale.x(mark.earliest.toordinal()))
        right = scale.clamp(scale.x(mark.day.toordinal() + 1))
        ET.SubElement(
            group,
            "rect",
            box(left, y - 4, right - left, 8)
            | {"fill": "url(#range)", "stroke": INK, "stroke-width": "0.8"}
            | {"class": "range"},
        )
    marker(group, kind, x, y)


def _group(
    parent: ET.Element, anchor: str | None, css: str, mark: Mark, tip: str
) -> ET.Element:
    """The group a marker is drawn in, from the day of `mark`, with its tooltip:
    inside a link to `anchor`, if one is given."""
    if anchor is not None:
        parent = ET.SubElement(parent, "a", {"href": f"#{anchor}"})
    group = ET.SubElement(
        parent,
        "g",
        {
            "class": css,
            "data-day": mark.day.isoformat(),
            "data-mission": clean(mark.mission),
        },
    )
    ET.SubElement(group, "title").text = clean(tip)
    return group


def draw_crowd(
    parent: ET.Element, crowd: Crowd, scale: Scale, y: float, anchor: str | None
) -> None:
    """A crowd: a rounded marker that gives how many changes it gathers."""
    x = scale.middle(crowd.day)
    count = str(len(crowd.marks))
    group = _group(parent, anchor, "crowd", crowd.first, crowd_tooltip(crowd))
    group.attrib |= {"data-count": count, "data-last": crowd.last.day.isoformat()}
    width = _pill_width(crowd)
    ET.SubElement(
        group,
        "rect",
        box(x - width / 2, y - _RADIUS, width, 2 * _RADIUS)
        | {"rx": str(_RADIUS), "fill": INK, "stroke": "#ffffff", "stroke-width": "1.2"},
    )
    written = text(group, x, y + _COUNT_SIZE * 0.36, count, "tl-count")
    written.set("text-anchor", "middle")
