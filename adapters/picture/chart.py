"""A timeline as an SVG picture: one row a mission, its status as coloured bands,
its changes as markers whose tooltips give the date, the summary and the source.

The markup is built with ElementTree, so whatever comes from the events is text,
never markup (colours, shapes and the legend are in `adapters.picture.chartkey`). `png`
rasterizes the same picture with resvg."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple
from xml.etree import ElementTree as ET

from adapters.picture.axis import Scale, draw_axis, grid
from adapters.picture.chartkey import (
    FONT,
    INK,
    STYLE,
    box,
    clean,
    colour,
    legend,
    marker,
    marker_of,
    mix,
    num,
    patterns,
    readable_on,
    status_class,
    text,
    text_width,
)
from adapters.picture.spans import Mark, Row, Timeline
from adapters.sources import cite

WIDTH = 1200
#: How much larger than the SVG the PNG is drawn.
PNG_ZOOM = 1
#: The size of a row's label, and the least height of a row (room for a label).
LABEL_SIZE = 13
ROW_MIN = 28

_MARGIN = 20
_TOP = 96
_LABEL_MAX = 300
_LANE = 15
_RADIUS = 7
_TAIL = 24
_SHADES = ("#ffffff", "#f4f6f8")


def svg_document(timeline: Timeline, *, still: bool = False) -> str:
    """The picture as a standalone SVG file's text (`still`: to be drawn as an
    image, where nothing can be hovered)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        svg(timeline, still=still), encoding="unicode"
    )


def png(document: str) -> bytes:
    """The SVG document `document` drawn as a PNG, on white."""
    import resvg_py

    drawn = resvg_py.svg_to_bytes(
        svg_string=document, background="#ffffff", zoom=PNG_ZOOM
    )
    return bytes(drawn)


def tooltip(mark: Mark) -> str:
    """A change's tooltip: its date as recorded, what changed, the summary and
    the source."""
    return (
        f"{mark.occurred}  {mark.name}: {mark.change}\n{mark.summary}"
        f"\nSource: {cite(mark.source)}"
    )


@dataclass
class _Layout:
    """Where a row goes: its top, its height, and the lane of each mark."""

    row: Row
    lanes: list[int]
    lane_count: int
    #: Where each mark and its range of days reach, left and right.
    extents: list[tuple[float, float]]
    top: float = 0.0

    @property
    def height(self) -> float:
        return max(ROW_MIN, self.lane_count * _LANE + 10)

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


def svg(timeline: Timeline, *, links: bool = False, still: bool = False) -> ET.Element:
    """The picture, as an `<svg>` element; with `links`, each marker links to
    `#event-N`, the Nth of `timeline.marks` (for a page that lists them)."""
    widest = max([80.0, *(text_width(r.name, LABEL_SIZE) for r in timeline.rows)])
    label_width = min(_LABEL_MAX, widest)
    scale = Scale(timeline.window, _MARGIN + label_width + 16, WIDTH - _MARGIN)
    layouts = [_lay_out(row, scale) for row in timeline.rows]
    bottom = float(_TOP)
    for layout in layouts:
        layout.top = bottom
        bottom += layout.height
    bottom = max(bottom, _TOP + ROW_MIN)
    numbers = {id(m): i for i, m in enumerate(timeline.marks, start=1)}

    root, defs, paper = _frame(timeline, scale, bottom, still)
    for index, layout in enumerate(layouts):
        ET.SubElement(
            root,
            "rect",
            box(_MARGIN, layout.top, WIDTH - 2 * _MARGIN, layout.height)
            | {"fill": _SHADES[index % 2]},
        )
    grid(root, scale, _TOP, bottom, "#d5d9de")
    bands = ET.SubElement(root, "g", {"class": "bands", "clip-path": "url(#plot)"})
    for index, layout in enumerate(layouts):
        _draw_bands(bands, defs, layout, scale, index)
    grid(root, scale, _TOP, bottom, "#ffffff", opacity="0.35")
    draw_axis(root, scale, _TOP, bottom)
    if not layouts:
        text(root, scale.left + 8, _TOP + 18, "No missions tracked.", "tl-note")
    rows = ET.SubElement(root, "g", {"class": "rows"})
    for layout in layouts:
        _draw_row(rows, layout, scale, label_width, numbers, links)
    height = legend(root, _MARGIN, WIDTH - _MARGIN, bottom + 44) + 4
    for element in (paper, root):
        element.set("height", num(height))
    root.set("viewBox", f"0 0 {WIDTH} {num(height)}")
    return root


def _frame(
    timeline: Timeline, scale: Scale, bottom: float, still: bool
) -> tuple[ET.Element, ET.Element, ET.Element]:
    """The `<svg>` element with its title, style, definitions, white paper and
    headings; and its `<defs>` and paper, which the rest of the picture uses."""
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(WIDTH),
            "font-family": FONT,
            "class": "timeline",
        },
    )
    ET.SubElement(root, "title").text = clean(timeline.title)
    ET.SubElement(root, "style").text = STYLE
    defs = ET.SubElement(root, "defs")
    patterns(defs)
    clip = ET.SubElement(ET.SubElement(defs, "clipPath", {"id": "plot"}), "rect")
    clip.attrib.update(box(scale.left, _TOP, scale.right - scale.left, bottom - _TOP))
    paper = ET.SubElement(root, "rect", {"width": str(WIDTH), "fill": "#ffffff"})
    text(root, _MARGIN, 34, timeline.title, "tl-title")
    text(
        root,
        _MARGIN,
        56,
        "Bands: each mission's status. Markers: its changes. Hatched or fading:"
        " the day is known only as a range."
        + ("" if still else " Hover a marker for its date, summary and source."),
        "tl-note",
    )
    return root, defs, paper


def _lay_out(row: Row, scale: Scale) -> _Layout:
    """Give each mark the first lane where it overlaps no other mark, its range
    of days included, so that markers never hide each other."""
    ends: list[float] = []
    lanes = []
    extents = [_extent(mark, scale) for mark in row.marks]
    for start, end in extents:
        for lane, last in enumerate(ends):
            if last + 2 <= start:
                ends[lane] = end
                lanes.append(lane)
                break
        else:
            ends.append(end)
            lanes.append(len(ends) - 1)
    return _Layout(row, lanes, max(1, len(ends)), extents)


def _extent(mark: Mark, scale: Scale) -> tuple[float, float]:
    x = scale.middle(mark.day)
    start = x - _RADIUS
    if mark.earliest is None:
        start = x - _TAIL
    elif mark.uncertain:
        start = min(start, scale.clamp(scale.x(mark.earliest.toordinal())))
    return start, x + _RADIUS


def _draw_row(
    parent: ET.Element,
    layout: _Layout,
    scale: Scale,
    label_width: float,
    numbers: dict[int, int],
    links: bool,
) -> None:
    row = layout.row
    group = ET.SubElement(
        parent, "g", {"class": "row", "data-mission": clean(row.mission)}
    )
    label = ET.SubElement(group, "g", {"class": "label"})
    about = f"{row.name} ({row.mission})"
    if row.registered is not None:
        tracked = row.registered
        about += (
            f"\ntracked since {tracked.occurred}: {tracked.summary}"
            f"\nSource: {cite(tracked.source)}"
        )
    ET.SubElement(label, "title").text = clean(about)
    text(
        label,
        _MARGIN + 6,
        layout.middle + LABEL_SIZE * 0.36,
        _fit(row.name, label_width, LABEL_SIZE),
        "tl-label",
    )
    marks = ET.SubElement(group, "g", {"clip-path": "url(#plot)"})
    for mark, lane in zip(row.marks, layout.lanes, strict=True):
        y = layout.middle + _offset(lane, layout.lane_count) * _LANE
        _draw_mark(marks, mark, scale, y, numbers.get(id(mark)), links)


def _offset(lane: int, count: int) -> float:
    """Where a lane is, in lanes from the row's middle: the first lane in the
    middle, then above and below it in turn, so that a lone marker is centred."""
    return _slots(count)[lane] - (count - 1) / 2


@cache
def _slots(count: int) -> tuple[int, ...]:
    """The lanes of a row of `count`, from the middle outwards."""
    return tuple(
        sorted(range(count), key=lambda slot: (abs(slot - (count - 1) / 2), slot))
    )


class _Occupied:
    """The stretches of a row that its markers take, in order, so that a band
    finds the free stretches within it without going through the whole row."""

    def __init__(self, extents: list[tuple[float, float]]) -> None:
        self.extents = sorted(extents)
        self.lefts = [left for left, _ in self.extents]
        #: The furthest right any of the first `n` stretches reaches.
        self.reach = [float("-inf")]
        for _, right in self.extents:
            self.reach.append(max(self.reach[-1], right))

    def free(self, start: float, end: float) -> Iterator[tuple[float, float]]:
        """The stretches between `start` and `end` that no marker takes, in
        order (some may be empty)."""
        first = bisect_left(self.lefts, start)
        at = max(start, self.reach[first])
        for left, right in self.extents[first:]:
            if left >= end:
                break
            yield at, left
            at = max(at, right)
            if at >= end:
                return
        yield at, end


def _draw_bands(
    parent: ET.Element, defs: ET.Element, layout: _Layout, scale: Scale, index: int
) -> None:
    """A row's status bands: solid where the status surely held, fading in from
    the previous one where the day of the change is known only as a range."""
    group = ET.SubElement(
        parent, "g", {"class": "row-bands", "data-mission": clean(layout.row.mission)}
    )
    y, h = layout.top + 3, layout.height - 6
    occupied = _Occupied(layout.extents)
    for number, band in enumerate(layout.row.bands):
        hue = colour(band.status)
        start = scale.clamp(scale.x(band.start))
        end = scale.right if band.end is None else scale.clamp(scale.x(band.end))
        fade_from = scale.x(band.fade_from) if band.fade_from > 1 else scale.left
        left = scale.clamp(fade_from) if band.uncertain else start
        if end <= left:
            continue
        css = status_class(band.status)
        held = ET.SubElement(
            group, "g", {"class": f"status {css}", "data-status": clean(band.status)}
        )
        until = "" if band.end is None else f", until {date.fromordinal(band.end)}"
        ET.SubElement(held, "title").text = clean(
            f"{band.status} since {band.since}{until}"
        )
        base = colour(band.previous) if band.previous else _SHADES[index % 2]
        if start > left:
            key = f"fade-{index}-{number}"
            _fade(defs, key, fade_from, scale.x(band.start), base, hue)
            fills = [(f"url(#{key})", f"lead-in {css}")]
            if band.fade_from > 1:  # a range known at both ends: hatched too
                fills.append(("url(#hatch)", "hatch"))
            for fill, kind in fills:
                ET.SubElement(
                    held,
                    "rect",
                    box(left, y, start - left, h) | {"fill": fill, "class": kind},
                )
        if end > start:
            ET.SubElement(
                held,
                "rect",
                box(start, y, end - start, h)
                | {
                    "fill": hue,
                    "class": f"band {css}",
                    "data-start": date.fromordinal(band.start).isoformat(),
                },
            )

        fade = _Fade(fade_from, scale.x(band.start), base, hue)
        _band_text(held, band.status, (left, end), y + h / 2, occupied, fade)


def _fade(
    defs: ET.Element, key: str, x1: float, x2: float, base: str, hue: str
) -> None:
    gradient = ET.SubElement(
        defs,
        "linearGradient",
        {
            "id": key,
            "gradientUnits": "userSpaceOnUse",
            "x1": num(max(x1, -1e6)),
            "x2": num(x2),
            "y1": "0",
            "y2": "0",
        },
    )
    ET.SubElement(gradient, "stop", {"offset": "0", "stop-color": base})
    ET.SubElement(gradient, "stop", {"offset": "1", "stop-color": hue})


class _Fade(NamedTuple):
    """A band's colour across its fade, from `base` at `x1` to `hue` at `x2`."""

    x1: float
    x2: float
    base: str
    hue: str

    def at(self, x: float) -> str:
        """The colour at `x`."""
        if x >= self.x2:
            return self.hue
        return mix(self.base, self.hue, (x - self.x1) / max(self.x2 - self.x1, 1))


def _band_text(
    parent: ET.Element,
    status: str,
    span: tuple[float, float],
    middle: float,
    occupied: _Occupied,
    fade: _Fade,
) -> None:
    """The status's name in the widest stretch of its band free of markers (the
    first of the widest)."""
    words = status.replace("_", " ")
    needed = text_width(words, 11) + 16
    best: tuple[float, float] | None = None
    for gap in occupied.free(*span):
        if gap[1] - gap[0] >= needed and (
            best is None or gap[1] - gap[0] > best[1] - best[0]
        ):
            best = gap
    if best is None:
        return
    x = (best[0] + best[1]) / 2
    written = text(parent, x, middle + 4, words, "tl-status")
    written.set("text-anchor", "middle")
    written.set("fill", readable_on(fade.at(x)))


def _draw_mark(
    parent: ET.Element,
    mark: Mark,
    scale: Scale,
    y: float,
    number: int | None,
    links: bool,
) -> None:
    x = scale.middle(mark.day)
    if links and number is not None:
        parent = ET.SubElement(parent, "a", {"href": f"#event-{number}"})
    kind = marker_of(mark.kind)
    group = ET.SubElement(
        parent,
        "g",
        {
            "class": f"mark kind-{kind}",
            "data-day": mark.day.isoformat(),
            "data-mission": clean(mark.mission),
        },
    )
    ET.SubElement(group, "title").text = clean(tooltip(mark))
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


def _fit(name: str, width: float, size: float) -> str:
    """`name`, shortened with an ellipsis if wider than `width`."""
    most = int(width / (size * 0.6))
    return name if len(name) <= most else name[: most - 1].rstrip() + "\u2026"
