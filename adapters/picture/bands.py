"""A timeline row's status bands: solid where a status surely held, fading in
from the one before where the day of the change is known only as a range, its
name written in the widest stretch free of markers; a run of bands too thin to
tell apart drawn as one hatched band (`adapters.picture.crowds.runs`). Built
with ElementTree: text from the events stays text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple
from xml.etree import ElementTree as ET

from adapters.picture.axis import Scale
from adapters.picture.chartkey import (
    SHADES,
    box,
    clean,
    colour,
    mix,
    num,
    readable_on,
    status_class,
    text,
    text_width,
)
from adapters.picture.crowds import CLOSER, LISTED, runs
from adapters.picture.spans import Band, Row


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


def draw_bands(
    row: Row,
    place: tuple[float, float],
    extents: list[tuple[float, float]],
    scale: Scale,
    index: int,
) -> ET.Element:
    """A row's status bands, in the row's `place` (its top and height), each
    status written clear of its markers (`extents`, left and right), shaded as
    the `index`th row is: solid where the status surely held, fading in from the
    previous one where the day of the change is known only as a range; a run of
    bands too thin to tell apart drawn as one."""
    group = ET.Element("g", {"class": "row-bands", "data-mission": clean(row.mission)})
    defs = ET.SubElement(group, "defs")
    top, height = place
    y, h = top + 3, height - 6
    occupied = _Occupied(extents)
    shown = []
    for number, band in enumerate(row.bands):
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
        base = colour(band.previous) if band.previous else SHADES[index % 2]
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
    which = ", ".join(names[:LISTED]) + (", ..." if len(names) > LISTED else "")
    held = ET.SubElement(
        parent, "g", {"class": "statuses", "data-count": str(len(bands))}
    )
    ET.SubElement(held, "title").text = clean(
        f"{len(bands)} statuses from {bands[0].since} to {bands[-1].since}:"
        f" {which}; {CLOSER}"
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
