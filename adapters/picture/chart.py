"""A timeline as an SVG picture: one row a mission, its status as coloured bands,
its changes as markers whose tooltips give the date, the summary and the source.

The markup is built with ElementTree, so whatever comes from the events is text,
never markup (colours, shapes and the legend are in `adapters.picture.chartkey`).
It is written a row at a time, as the rows are read: a row's bands and its
markers go to two scratch files, and the picture is put together from them once
its height is known (a row's status bands are drawn by `adapters.picture.bands`,
its markers by `adapters.picture.markers`, and what a crowded row gathers is in
`adapters.picture.crowds`).
`png` rasterizes the same picture with resvg."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from tempfile import TemporaryFile
from typing import IO, TYPE_CHECKING
from xml.etree import ElementTree as ET

from adapters.errors import InputError
from adapters.picture.axis import Scale, draw_axis, grid
from adapters.picture.bands import draw_bands
from adapters.picture.chartkey import (
    FONT,
    SHADES,
    STYLE,
    box,
    clean,
    legend,
    num,
    patterns,
    text,
    text_width,
)
from adapters.picture.crowds import (
    MOST_LANES,
    Crowd,
    Item,
    crowded,
    lanes,
)
from adapters.picture.markers import draw_crowd, draw_mark, extent, item_extent
from adapters.picture.spans import Drawing, Row
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
                draw_bands(
                    layout.row,
                    (layout.top, layout.height),
                    layout.extents,
                    scale,
                    index,
                ),
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
                | {"fill": SHADES[index % 2]},
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
    extents = [extent(m, x, scale) for m, x in zip(row.marks, middles, strict=True)]
    found = lanes(extents, MOST_LANES)
    if found is not None:
        return _Layout(row, list(enumerate(row.marks)), found, extents)
    items = crowded(row.marks, middles, scale.left)
    extents = [item_extent(item, scale) for item in items]
    return _Layout(row, items, lanes(extents, None) or [], extents)


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
            draw_crowd(marks, item, scale, y, anchor)
        else:
            anchor = line_id(index, item[0]) if links else None
            draw_mark(marks, item[1], scale, y, anchor)
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


def _fit(name: str, width: float, size: float) -> str:
    """`name`, shortened with an ellipsis if wider than `width`."""
    most = int(width / (size * 0.6))
    return name if len(name) <= most else name[: most - 1].rstrip() + "\u2026"
