"""A timeline as one self-contained HTML page: the picture, inline, and under it
the table of the changes it shows. Nothing is loaded from elsewhere and there is
no script: the tooltips are the SVG's own, and a marker links to its line of the
table. Built with ElementTree: text from the events stays text.

Written as the rows are read: each change's line of the table goes to a scratch
SQLite file as its row is drawn, and comes back from it in the order of the
world, so that a page of a million changes is written in little memory."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from datetime import date
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from adapters.picture.chart import draw, line_id
from adapters.picture.chartkey import FONT, clean
from adapters.picture.spans import Drawing, Mark, Row
from adapters.sources import cite

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

#: An address that may be a link: a web address and nothing else.
_WEB = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_STYLE = f"""
body {{ font-family: {FONT}; color: #1f1f1f; margin: 24px; max-width: 1240px; }}
figure {{ margin: 0 0 24px 0; overflow-x: auto; }}
figure svg {{ display: block; }}
h2 {{ font-size: 18px; margin: 24px 0 8px 0; }}
table {{ border-collapse: collapse; font-size: 13px; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: 6px 8px;
  border-bottom: 1px solid #d5d9de; }}
th {{ background: #f4f6f8; }}
td.date {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
td.source {{ font-size: 12px; color: #3c4043; overflow-wrap: anywhere; }}
td.source a {{ color: #1a5fb4; }}
th.date {{ width: 9em; }}
th.mission {{ width: 12%; }}
th.kind {{ width: 10%; }}
th.change {{ width: 15%; }}
th.source {{ width: 22%; }}
tr:target {{ background: #fff4cc; }}
p.empty {{ color: #5f6368; }}
"""


def write_page(
    out: SupportsWrite[bytes], drawing: Drawing, labels: Sequence[str]
) -> None:
    """Write the HTML page into `out` (the rows' names are `labels`)."""
    html, head = html_page(drawing.title)
    ET.SubElement(head, "style").text = _STYLE
    body = ET.SubElement(html, "body")
    ET.SubElement(body, "figure").text = _HOLE
    ET.SubElement(body, "h2").text = "Changes shown"
    ET.SubElement(body, "div").text = _HOLE
    before, between, after = html_bytes(html).split(_HOLE.encode())
    between, after = between.removesuffix(b"<div>"), after.removeprefix(b"</div>")
    with TemporaryDirectory() as scratch:
        lines = _Lines(sqlite3.connect(f"{scratch}/lines.db"))
        try:
            out.write(b"<!DOCTYPE html>\n" + before)
            draw(out, drawing, labels, links=True, listed=lines.add)
            out.write(between)
            lines.write(out)
            out.write(after)
        finally:
            lines.close()


#: Where the picture and the table go in the page written around them.
_HOLE = "\x00hole\x00"


def html_page(title: str) -> tuple[ET.Element, ET.Element]:
    """A page that loads nothing it is not given (no favicon to fetch): its
    `<html>` element and its `<head>`, which holds its title."""
    html = ET.Element("html", {"lang": "en"})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(
        head,
        "meta",
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    )
    ET.SubElement(head, "title").text = clean(title)
    ET.SubElement(head, "link", {"rel": "icon", "href": "data:,"})
    return html, head


def html_bytes(element: ET.Element) -> bytes:
    """An element written as HTML, in UTF-8."""
    return ET.tostring(element, encoding="unicode", method="html").encode()


class _Lines:
    """The table's lines, in a scratch SQLite file until they are written: each
    with the day it is drawn on (and the earliest day it may have been), its
    row's place and its own in the row, by which they are written."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute(
            "CREATE TABLE line (day TEXT, earliest TEXT, row INTEGER, mark INTEGER,"
            " html BLOB)"
        )

    def add(self, index: int, row: Row) -> None:
        """Keep the lines of a row's changes."""
        self.db.executemany(
            "INSERT INTO line VALUES (?, ?, ?, ?, ?)",
            (
                (
                    mark.day.isoformat(),
                    (mark.earliest or date.min).isoformat(),
                    index,
                    number,
                    html_bytes(_line(mark, line_id(index, number))),
                )
                for number, mark in enumerate(row.marks)
            ),
        )

    def write(self, out: SupportsWrite[bytes]) -> None:
        """Write the table of the lines kept, in the order of the world, or say
        there are none."""
        found = self.db.execute(
            "SELECT html FROM line ORDER BY day, earliest, row, mark"
        )
        first = found.fetchone()
        if first is None:
            out.write(html_bytes(_EMPTY))
            return
        before, after = html_bytes(_TABLE).split(_HOLE.encode())
        out.write(before + first[0])
        for (line,) in found:
            out.write(line)
        out.write(after)

    def close(self) -> None:
        self.db.close()


def _table() -> ET.Element:
    table = ET.Element("table", {"class": "events"})
    header = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    for name in ("Date", "Mission", "Kind", "Change", "Summary", "Source"):
        ET.SubElement(header, "th", {"scope": "col", "class": name.lower()}).text = name
    ET.SubElement(table, "tbody").text = _HOLE
    return table


_TABLE = _table()
_EMPTY = ET.Element("p", {"class": "empty"})
_EMPTY.text = "None in this time."


def _line(mark: Mark, anchor: str) -> ET.Element:
    """A change's line of the table."""
    row = ET.Element("tr", {"id": anchor})
    cells = (
        ("date", mark.occurred),
        ("mission", mark.name),
        ("kind", mark.kind),
        ("change", mark.change),
        ("summary", mark.summary),
    )
    for css, words in cells:
        ET.SubElement(row, "td", {"class": css}).text = clean(words)
    cited(ET.SubElement(row, "td", {"class": "source"}), mark.source)
    return row


def cited(cell: ET.Element, source: dict[str, Any]) -> None:
    """A source: who, what, when, linked to where only if that is a web address
    (an address such as `javascript:...` is shown, never followed)."""
    url = source.get("url")
    if isinstance(url, str) and _WEB.fullmatch(url):
        link = ET.SubElement(cell, "a", {"href": clean(url), "rel": "noreferrer"})
        link.text = clean(cite({**source, "url": None}))
    else:
        cell.text = clean(cite(source))
