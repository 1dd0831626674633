"""A timeline as one self-contained HTML page: the picture, inline, and under it
the table of the changes it shows. Nothing is loaded from elsewhere and there is
no script: the tooltips are the SVG's own, and a marker links to its line of the
table. Built with ElementTree: text from the events stays text."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from adapters.picture.chart import svg
from adapters.picture.chartkey import FONT, clean
from adapters.picture.spans import Mark, Timeline
from adapters.sources import cite

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


def page(timeline: Timeline) -> str:
    """The HTML page's text."""
    html = ET.Element("html", {"lang": "en"})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(
        head,
        "meta",
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    )
    # No favicon to fetch.
    ET.SubElement(head, "link", {"rel": "icon", "href": "data:,"})
    ET.SubElement(head, "title").text = clean(timeline.title)
    ET.SubElement(head, "style").text = _STYLE
    body = ET.SubElement(html, "body")
    figure = ET.SubElement(body, "figure")
    figure.append(svg(timeline, links=True))
    ET.SubElement(body, "h2").text = "Changes shown"
    marks = timeline.marks
    if not marks:
        ET.SubElement(body, "p", {"class": "empty"}).text = "None in this time."
    else:
        _table(body, marks)
    return "<!DOCTYPE html>\n" + ET.tostring(html, encoding="unicode", method="html")


def _table(parent: ET.Element, marks: list[Mark]) -> None:
    table = ET.SubElement(parent, "table", {"class": "events"})
    header = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    for name in ("Date", "Mission", "Kind", "Change", "Summary", "Source"):
        ET.SubElement(header, "th", {"scope": "col", "class": name.lower()}).text = name
    body = ET.SubElement(table, "tbody")
    for number, mark in enumerate(marks, start=1):
        row = ET.SubElement(body, "tr", {"id": f"event-{number}"})
        cells = (
            ("date", mark.occurred),
            ("mission", mark.name),
            ("kind", mark.kind),
            ("change", mark.change),
            ("summary", mark.summary),
        )
        for css, words in cells:
            ET.SubElement(row, "td", {"class": css}).text = clean(words)
        _source(ET.SubElement(row, "td", {"class": "source"}), mark.source)


def _source(cell: ET.Element, source: dict[str, Any]) -> None:
    """A source: who, what, when, linked to where only if that is a web address
    (an address such as `javascript:...` is shown, never followed)."""
    url = source.get("url")
    if isinstance(url, str) and _WEB.fullmatch(url):
        link = ET.SubElement(cell, "a", {"href": clean(url), "rel": "noreferrer"})
        link.text = clean(cite({**source, "url": None}))
    else:
        cell.text = clean(cite(source))
