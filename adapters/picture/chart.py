"""A timeline as an SVG picture: one row a mission, its status as coloured bands,
its changes as markers whose tooltips give the date, the summary and the source.

The markup is built with ElementTree, so whatever comes from the events is text,
never markup (colours, shapes and the legend are in `adapters.picture.chartkey`).
It is written a row at a time, as the rows are read: a row's bands and its
markers go to two scratch files, and the picture is put together from them once
its height is known (what a crowded row gathers is in `adapters.picture.crowds`).
`png` rasterizes the same picture with resvg."""

from __future__ import annotations

import io
import shutil
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from tempfile import TemporaryFile
from typing import IO, TYPE_CHECKING, NamedTuple
from xml.etree import ElementTree as ET

from adapters.errors import InputError
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
from adapters.picture.crowds import MOST_LANES, Crowd, Item, crowded, lanes, runs
from adapters.picture.spans import Band, Drawing, Mark, Row
from adapters.sources import cite

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

WIDTH = 1200
#: How much larger than the SVG the PNG is drawn.
PNG_ZOOM = 1
#: What a PNG is drawn within, so that the rasterizer's memory stays bounded (it
#: holds about 27 bytes a pixel and 3 KB a shape): at most this many pixels (a
#: taller picture is drawn smaller), and this many markers and bands.
PNG_PIXELS = 4_000_000
PNG_SHAPES = 20_000
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
#: How many of a crowd's changes its tooltip lists, and of a run's statuses.
_LISTED = 8
_COUNT_SIZE = 10
#: Told a row as it is drawn (its place, from 0, and the row).
Listed = Callable[[int, Row], None]


def svg_document(
    drawing: Drawing, labels: Sequence[str], *, still: bool = False
) -> tuple[bytes, float]:
    """The picture as a standalone SVG file (`still`: to be drawn as an image,
    where nothing can be hovered, of at most `PNG_SHAPES`), in memory; and its
    height."""
    out = io.BytesIO()
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    most = PNG_SHAPES if still else None
    height = draw(out, drawing, labels, still=still, most_shapes=most)
    return out.getvalue(), height


def write_svg(
    out: SupportsWrite[bytes],
    drawing: Drawing,
    labels: Sequence[str],
    *,
    still: bool = False,
) -> float:
    """Write the picture as a standalone SVG file into `out`; its height."""
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    return draw(out, drawing, labels, still=still)


def png(document: bytes, height: float) -> tuple[bytes, float]:
    """The SVG document `document`, `height` pixels high, drawn as a PNG on
    white; and the zoom it is drawn at (`PNG_ZOOM`, unless that would take more
    than `PNG_PIXELS`)."""
    import resvg_py

    zoom = min(PNG_ZOOM, (PNG_PIXELS / (WIDTH * max(height, 1))) ** 0.5)
    drawn = resvg_py.svg_to_bytes(
        svg_string=document.decode(), background="#ffffff", zoom=zoom
    )
    return bytes(drawn), zoom


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
    lines += [f"{m.occurred}  {m.change}" for _, m in crowd.marks[:_LISTED]]
    if count > _LISTED:
        lines.append(f"... and {count - _LISTED} more: {_CLOSER}")
    return "\n".join(lines)


#: How to see what a crowd, or a run of statuses, gathers.
_CLOSER = "draw fewer days (--from, --to) to see each"


def line_id(row: int, mark: int) -> str:
    """The id of a change's line in a page's table: by its row's place and its
    place in the row's marks, both from 0."""
    return f"event-{row + 1}-{mark + 1}"


@dataclass
class _Layout:
    """Where a row goes: its top, its height, and the lane of each item."""

    row: Row
    #: What the row draws: its marks, or, if they are too many, crowds of them.
    items: list[Item]
    lanes: list[int]
    #: Where each item and its range of days reach, left and right.
    extents: list[tuple[float, float]]
    top: float = 0.0

    @property
    def lane_count(self) -> int:
        return max(self.lanes, default=0) + 1

    @property
    def height(self) -> float:
        return max(ROW_MIN, self.lane_count * _LANE + 10)

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


def draw(
    out: SupportsWrite[bytes],
    drawing: Drawing,
    labels: Sequence[str],
    *,
    links: bool = False,
    still: bool = False,
    listed: Listed | None = None,
    most_shapes: int | None = None,
) -> float:
    """Write the picture as an `<svg>` element into `out`, a row at a time (the
    rows' names are `labels`); its height. With `links`, each marker links to
    its line (`line_id`) of a page that lists the changes, and `listed` is told
    each row as it is drawn. Refused if it takes more than `most_shapes`
    markers and bands."""
    widest = max([80.0, *(text_width(label, LABEL_SIZE) for label in labels)])
    label_width = min(_LABEL_MAX, widest)
    scale = Scale(drawing.window, _MARGIN + label_width + 16, WIDTH - _MARGIN)
    places: list[tuple[float, float]] = []
    bottom = float(_TOP)
    shapes = 0
    with TemporaryFile() as bands, TemporaryFile() as rows:
        for index, row in enumerate(drawing.rows):
            layout = _lay_out(row, scale)
            layout.top = bottom
            places.append((bottom, layout.height))
            bottom += layout.height
            drawn = (
                _draw_bands(layout, scale, index),
                _draw_row(layout, scale, label_width, index, links),
            )
            shapes += len(layout.items) + len(drawn[0].findall("g"))
            if most_shapes is not None and shapes > most_shapes:
                raise TooMuchToDraw(most_shapes)
            for scratch, element in zip((bands, rows), drawn, strict=True):
                scratch.write(_written(_untitled(element) if still else element))
            if listed is not None:
                listed(index, row)
        bottom = max(bottom, _TOP + ROW_MIN)
        root, paper = _frame(drawing, scale, bottom, still)
        for index, (top, height) in enumerate(places):
            ET.SubElement(
                root,
                "rect",
                box(_MARGIN, top, WIDTH - 2 * _MARGIN, height)
                | {"fill": _SHADES[index % 2]},
            )
        grid(root, scale, _TOP, bottom, "#d5d9de")
        _hole(ET.SubElement(root, "g", {"class": "bands", "clip-path": "url(#plot)"}))
        grid(root, scale, _TOP, bottom, "#ffffff", opacity="0.35")
        draw_axis(root, scale, _TOP, bottom)
        if not places:
            text(root, scale.left + 8, _TOP + 18, "No missions tracked.", "tl-note")
        _hole(ET.SubElement(root, "g", {"class": "rows"}))
        height = legend(root, _MARGIN, WIDTH - _MARGIN, bottom + 44) + 4
        for element in (paper, root):
            element.set("height", num(height))
        root.set("viewBox", f"0 0 {WIDTH} {num(height)}")
        before_bands, between, after_rows = _written(root).split(_HOLE)
        out.write(before_bands)
        _copy(bands, out)
        out.write(between)
        _copy(rows, out)
        out.write(after_rows)
        return height


#: Where a scratch file's content goes in the picture put together.
_HOLE_TAG = "missions-hole"
_HOLE = f"<{_HOLE_TAG} />".encode()


class TooMuchToDraw(InputError):
    """A picture of more shapes than it may be drawn with."""

    def __init__(self, most: int) -> None:
        super().__init__(
            f"this timeline is too much for a .png, which draws at most {most:,}"
            " markers and bands: choose missions with --mission, or fewer days"
            " with --from and --to, or write .svg or .html, which draw any amount"
        )


def _hole(parent: ET.Element) -> None:
    ET.SubElement(parent, _HOLE_TAG)


def _untitled(element: ET.Element) -> ET.Element:
    """`element` without its tooltips, which an image cannot show."""
    for parent in element.iter():
        for title in parent.findall("title"):
            parent.remove(title)
    return element


def _written(element: ET.Element) -> bytes:
    return ET.tostring(element, encoding="unicode").encode()


def _copy(scratch: IO[bytes], out: SupportsWrite[bytes]) -> None:
    scratch.seek(0)
    shutil.copyfileobj(scratch, out)


def _frame(
    drawing: Drawing, scale: Scale, bottom: float, still: bool
) -> tuple[ET.Element, ET.Element]:
    """The `<svg>` element with its title, style, definitions, white paper and
    headings; and its paper, whose height the legend sets."""
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(WIDTH),
            "font-family": FONT,
            "class": "timeline",
        },
    )
    ET.SubElement(root, "title").text = clean(drawing.title)
    ET.SubElement(root, "style").text = STYLE
    defs = ET.SubElement(root, "defs")
    patterns(defs)
    clip = ET.SubElement(ET.SubElement(defs, "clipPath", {"id": "plot"}), "rect")
    clip.attrib.update(box(scale.left, _TOP, scale.right - scale.left, bottom - _TOP))
    paper = ET.SubElement(root, "rect", {"width": str(WIDTH), "fill": "#ffffff"})
    text(root, _MARGIN, 34, drawing.title, "tl-title")
    text(
        root,
        _MARGIN,
        56,
        "Bands: each mission's status. Markers: its changes. Hatched or fading:"
        " the day is known only as a range."
        + ("" if still else " Hover a marker for its date, summary and source."),
        "tl-note",
    )
    return root, paper


def _lay_out(row: Row, scale: Scale) -> _Layout:
    """Give each mark the first lane where it overlaps no other mark, its range
    of days included, so that markers never hide each other; if that takes more
    than `MOST_LANES`, gather the marks into crowds and lay those out."""
    middles = [scale.middle(mark.day) for mark in row.marks]
    extents = [_extent(m, x, scale) for m, x in zip(row.marks, middles, strict=True)]
    found = lanes(extents, MOST_LANES)
    if found is not None:
        return _Layout(row, list(enumerate(row.marks)), found, extents)
    items = crowded(row.marks, middles, scale.left)
    extents = [_item_extent(item, scale) for item in items]
    return _Layout(row, items, lanes(extents, None) or [], extents)


def _extent(mark: Mark, x: float, scale: Scale) -> tuple[float, float]:
    start = x - _RADIUS
    if mark.earliest is None:
        start = x - _TAIL
    elif mark.uncertain:
        start = min(start, scale.clamp(scale.x(mark.earliest.toordinal())))
    return start, x + _RADIUS


def _item_extent(item: Item, scale: Scale) -> tuple[float, float]:
    if isinstance(item, Crowd):
        x, half = scale.middle(item.day), _pill_width(item) / 2
        return x - half, x + half
    mark = item[1]
    return _extent(mark, scale.middle(mark.day), scale)


def _pill_width(crowd: Crowd) -> float:
    return max(2 * _RADIUS + 2, text_width(str(len(crowd.marks)), _COUNT_SIZE) + 8)


def _draw_row(
    layout: _Layout, scale: Scale, label_width: float, index: int, links: bool
) -> ET.Element:
    row = layout.row
    group = ET.Element("g", {"class": "row", "data-mission": clean(row.mission)})
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
    for item, lane in zip(layout.items, layout.lanes, strict=True):
        y = layout.middle + _offset(lane, layout.lane_count) * _LANE
        if isinstance(item, Crowd):
            anchor = line_id(index, min(i for i, _ in item.marks)) if links else None
            _draw_crowd(marks, item, scale, y, anchor)
        else:
            anchor = line_id(index, item[0]) if links else None
            _draw_mark(marks, item[1], scale, y, anchor)
    return group


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


def _draw_bands(layout: _Layout, scale: Scale, index: int) -> ET.Element:
    """A row's status bands: solid where the status surely held, fading in from
    the previous one where the day of the change is known only as a range; a
    run of bands too thin to tell apart drawn as one."""
    group = ET.Element(
        "g", {"class": "row-bands", "data-mission": clean(layout.row.mission)}
    )
    defs = ET.SubElement(group, "defs")
    y, h = layout.top + 3, layout.height - 6
    occupied = _Occupied(layout.extents)
    shown = []
    for number, band in enumerate(layout.row.bands):
        start = scale.clamp(scale.x(band.start))
        end = scale.right if band.end is None else scale.clamp(scale.x(band.end))
        fade_from = scale.x(band.fade_from) if band.fade_from > 1 else scale.left
        left = scale.clamp(fade_from) if band.uncertain else start
        if end > left:
            shown.append(((number, band), left, end))
    for together, left, end in runs(shown):
        if len(together) > 1:
            _draw_run([band for _, band in together], (left, end), y, h, group)
            continue
        ((number, band),) = together
        held = _draw_band(band, scale, (left, end), y, h, group)
        base = colour(band.previous) if band.previous else _SHADES[index % 2]
        hue = colour(band.status)
        fade_from = scale.x(band.fade_from) if band.fade_from > 1 else scale.left
        start = scale.clamp(scale.x(band.start))
        if start > left:
            key = f"fade-{index}-{number}"
            _fade(defs, key, fade_from, scale.x(band.start), base, hue)
            fills = [(f"url(#{key})", f"lead-in {status_class(band.status)}")]
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
                    "class": f"band {status_class(band.status)}",
                    "data-start": date.fromordinal(band.start).isoformat(),
                },
            )
        fade = _Fade(fade_from, scale.x(band.start), base, hue)
        _band_text(held, band.status, (left, end), y + h / 2, occupied, fade)
    if not len(defs):
        group.remove(defs)
    return group


def _draw_band(
    band: Band,
    scale: Scale,
    span: tuple[float, float],
    y: float,
    h: float,
    parent: ET.Element,
) -> ET.Element:
    """A band's group and its tooltip; its rectangles are for the caller."""
    held = ET.SubElement(
        parent,
        "g",
        {
            "class": f"status {status_class(band.status)}",
            "data-status": clean(band.status),
        },
    )
    until = "" if band.end is None else f", until {date.fromordinal(band.end)}"
    ET.SubElement(held, "title").text = clean(
        f"{band.status} since {band.since}{until}"
    )
    return held


def _draw_run(
    bands: list[Band],
    span: tuple[float, float],
    y: float,
    h: float,
    parent: ET.Element,
) -> None:
    """Statuses that follow one another too closely to be told apart: one band in
    the last one's colour, hatched, whose tooltip says how many and which."""
    names = list(dict.fromkeys(band.status for band in bands))
    which = ", ".join(names[:_LISTED]) + (", ..." if len(names) > _LISTED else "")
    held = ET.SubElement(
        parent, "g", {"class": "statuses", "data-count": str(len(bands))}
    )
    ET.SubElement(held, "title").text = clean(
        f"{len(bands)} statuses from {bands[0].since} to {bands[-1].since}:"
        f" {which}; {_CLOSER}"
    )
    left, end = span
    last = bands[-1].status
    for fill, css in (
        (colour(last), f"changing {status_class(last)}"),
        ("url(#hatch)", "hatch"),
    ):
        ET.SubElement(
            held, "rect", box(left, y, end - left, h) | {"fill": fill, "class": css}
        )


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


def _draw_crowd(
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


def _fit(name: str, width: float, size: float) -> str:
    """`name`, shortened with an ellipsis if wider than `width`."""
    most = int(width / (size * 0.6))
    return name if len(name) <= most else name[: most - 1].rstrip() + "\u2026"
