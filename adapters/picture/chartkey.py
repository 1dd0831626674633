"""A timeline picture's key: the status colours, the marker shapes, the fills
of uncertain dates, the legend that explains them, and the few SVG helpers the
picture is built with (ElementTree: text from the events stays text)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from xml.etree import ElementTree as ET

FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
INK = "#1f1f1f"

#: One colour a status: Paul Tol's "muted" scheme, told apart by colour-blind eyes.
PALETTE = {
    "proposed": "#88CCEE",
    "planned": "#44AA99",
    "at_risk": "#DDCC77",
    "delayed": "#999933",
    "suspended": "#CC6677",
    "cancelled": "#882255",
    "launched": "#332288",
    "operating": "#117733",
    "completed": "#DDDDDD",
    "failed": "#AA4499",
}
#: The colour of a status the palette does not know.
OTHER = "#BBBBBB"
#: The shades of the rows, in turn.
SHADES = ("#ffffff", "#f4f6f8")


def _star(outer: float, inner: float) -> str:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 5 * i - math.pi / 2
        points.append(f"{radius * math.cos(angle):.2f},{radius * math.sin(angle):.2f}")
    return "M" + "L".join(points) + "Z"


#: A marker shape for each kind of change, centred on (0, 0), and its meaning.
MARKERS = {
    "status-changed": ("M0,-6.5L6.5,0L0,6.5L-6.5,0Z", "status changed"),
    "partner-joined": ("M0,-6L6.5,5.5L-6.5,5.5Z", "partner joined"),
    "partner-withdrawn": ("M0,6L6.5,-5.5L-6.5,-5.5Z", "partner withdrew"),
    "partner-replaced": ("M-6,-6L6,-6L-6,6L6,6Z", "partner replaced by another"),
    "partner-standing-changed": (
        "M-5,-5H5V5H-5Z",
        "partner's standing, role or contributions changed",
    ),
    "launch-target-changed": (_star(7, 3), "launch target changed"),
    "milestone": (
        "M-2,-7H2V-2H7V2H2V7H-2V2H-7V-2H-2Z",
        "milestone reached (e.g. landing)",
    ),
    "programme-joined": (
        "M-6,0L-3,-5.2L3,-5.2L6,0L3,5.2L-3,5.2Z",
        "joined or left a programme",
    ),
    "noted": ("M-4.5,0a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0", "note"),
}
#: The marker of the kinds that share another's.
SHARED = {
    "partner-role-changed": "partner-standing-changed",
    "contribution-added": "partner-standing-changed",
    "contribution-removed": "partner-standing-changed",
    "programme-left": "programme-joined",
}


def marker_of(kind: str) -> str:
    """The kind whose marker a kind of change is drawn with."""
    kind = SHARED.get(kind, kind)
    return kind if kind in MARKERS else "noted"


STYLE = """
.tl-title { font-size: 18px; font-weight: bold; fill: #1f1f1f; }
.tl-note { font-size: 12px; fill: #5f6368; }
.tl-tick { font-size: 11px; fill: #5f6368; }
.tl-label { font-size: 13px; fill: #1f1f1f; }
.tl-legend { font-size: 12px; fill: #1f1f1f; }
.tl-heading { font-size: 12px; font-weight: bold; fill: #1f1f1f; }
.tl-status { font-size: 11px; }
.tl-count { font-size: 10px; font-weight: bold; fill: #ffffff; }
.mark:hover path, a:focus path, .crowd:hover rect, a:focus .crowd rect {
  stroke: #e8a000; stroke-width: 2.5px; }
"""
# XML 1.0 cannot carry these characters, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ITEM = 26


def clean(text: str) -> str:
    """Text as XML can carry it: characters it cannot hold become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def colour(status: str) -> str:
    """The colour of a status."""
    return PALETTE.get(status, OTHER)


def status_class(status: str) -> str:
    """The class naming a status's colour: `status-planned`, or `status-other`."""
    return f"status-{status if status in PALETTE else 'other'}"


def text_width(text: str, size: float) -> float:
    """About how wide a text is in the picture's fonts (a little generous)."""
    return len(text) * size * 0.6


def readable_on(hue: str) -> str:
    """The colour of text that reads well on `hue` (#rrggbb)."""
    red, green, blue = (int(hue[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.45 else INK


def mix(first: str, second: str, share: float) -> str:
    """The colour `share` of the way from `first` to `second` (#rrggbb)."""
    share = min(max(share, 0.0), 1.0)
    channels = (
        round(
            int(first[i : i + 2], 16) * (1 - share) + int(second[i : i + 2], 16) * share
        )
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def text(parent: ET.Element, x: float, y: float, words: str, css: str) -> ET.Element:
    """A `<text>` of `words` (as text, whatever they hold)."""
    element = ET.SubElement(parent, "text", {"x": num(x), "y": num(y), "class": css})
    element.text = clean(words)
    return element


def box(x: float, y: float, width: float, height: float) -> dict[str, str]:
    """A rectangle's attributes."""
    return {"x": num(x), "y": num(y), "width": num(width), "height": num(height)}


def num(value: float) -> str:
    """A coordinate, to a tenth of a pixel."""
    written = f"{value:.1f}"
    return written[:-2] if written.endswith(".0") else written


def marker(parent: ET.Element, kind: str, x: float, y: float) -> ET.Element:
    """The marker of a kind of change, centred on (x, y)."""
    hollow = kind == "noted"
    return ET.SubElement(
        parent,
        "path",
        {
            "d": MARKERS[kind][0],
            "transform": f"translate({num(x)},{num(y)})",
            "fill": "#ffffff" if hollow else INK,
            "stroke": INK if hollow else "#ffffff",
            "stroke-width": "1.6" if hollow else "1.2",
        },
    )


def patterns(defs: ET.Element) -> None:
    """The fills uncertain dates are drawn with: `hatch` (white stripes over a
    band), `range` (a marker's range of days), `tail` (a fade, for "on or before")."""
    hatch = _pattern(defs, "hatch", 6)
    ET.SubElement(
        hatch,
        "rect",
        {"width": "2", "height": "6", "fill": "#ffffff", "fill-opacity": "0.55"},
    )
    stripes = _pattern(defs, "range", 4)
    ET.SubElement(stripes, "rect", {"width": "4", "height": "4", "fill": "#ffffff"})
    ET.SubElement(stripes, "rect", {"width": "1.5", "height": "4", "fill": INK})
    for key, hue in (("tail", INK), ("sample", PALETTE["planned"])):
        fade = ET.SubElement(defs, "linearGradient", {"id": key})
        ET.SubElement(
            fade, "stop", {"offset": "0", "stop-color": hue, "stop-opacity": "0"}
        )
        ET.SubElement(fade, "stop", {"offset": "1", "stop-color": hue})


def _pattern(defs: ET.Element, key: str, size: int) -> ET.Element:
    return ET.SubElement(
        defs,
        "pattern",
        {
            "id": key,
            "patternUnits": "userSpaceOnUse",
            "width": str(size),
            "height": str(size),
            "patternTransform": "rotate(45)",
        },
    )


def legend(parent: ET.Element, left: float, right: float, top: float) -> float:
    """Draw the legend from `top`, between `left` and `right`; where it ends."""
    group = ET.SubElement(parent, "g", {"class": "legend"})
    statuses = ((s, s.replace("_", " ")) for s in PALETTE)
    y = _line(group, left, right, top, "Status", statuses)
    changes = [(kind, meaning) for kind, (_, meaning) in MARKERS.items()]
    changes.append(("crowd", "changes too close together to tell apart"))
    y = _line(group, left, right, y, "Changes", changes)
    dates = [
        ("range", "a change on some day in this range"),
        ("tail", "a change on or before this day"),
        ("lead-in", "a status that began on some day in this stretch"),
        ("fade", "a status that began on or before the day it is solid from"),
        ("changing", "statuses that followed too closely to tell apart"),
    ]
    return _line(group, left, right, y, "Dates", dates)


def _line(
    parent: ET.Element,
    left: float,
    right: float,
    y: float,
    heading: str,
    items: Iterable[tuple[str, str]],
) -> float:
    """One line of the legend, wrapped when full; the y of the next."""
    text(parent, left, y + 4, heading, "tl-heading")
    start = x = left + 76
    for key, words in items:
        width = _ITEM + text_width(words, 12) + 18
        if x + width > right and x > start:
            x, y = start, y + 22
        item = ET.SubElement(parent, "g", {"class": f"legend-item legend-{key}"})
        _swatch(item, key, x, y)
        text(item, x + _ITEM, y + 4, words, "tl-legend")
        x += width
    return y + 26


def _swatch(parent: ET.Element, key: str, x: float, y: float) -> None:
    if key in PALETTE:
        ET.SubElement(
            parent,
            "rect",
            {**box(x, y - 7, 20, 14), "fill": colour(key)}
            | {"class": f"swatch {status_class(key)}"},
        )
    elif key in MARKERS:
        marker(parent, key, x + 10, y)
    elif key == "range":
        ET.SubElement(
            parent,
            "rect",
            {**box(x, y - 4, 20, 8), "fill": "url(#range)", "stroke": INK}
            | {"stroke-width": "0.8"},
        )
    elif key == "crowd":
        ET.SubElement(
            parent,
            "rect",
            {**box(x, y - 7, 20, 14), "rx": "7", "fill": INK},
        )
        text(parent, x + 10, y + 3.6, "3", "tl-count").set("text-anchor", "middle")
    elif key in ("lead-in", "fade", "changing"):
        fills = {
            "lead-in": ["url(#sample)", "url(#hatch)"],
            "fade": ["url(#sample)"],
            "changing": [PALETTE["planned"], "url(#hatch)"],
        }[key]
        for fill in fills:
            ET.SubElement(parent, "rect", {**box(x, y - 7, 20, 14), "fill": fill})
    else:
        ET.SubElement(parent, "rect", {**box(x, y - 1.5, 20, 3), "fill": "url(#tail)"})
