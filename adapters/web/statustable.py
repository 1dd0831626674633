"""Every mission's status on a day as the explorer page shows it: a table, one
row a mission, with its status and since when, its launch target, its partners,
its milestones, what may or may not have happened yet, and the sources it all
rests on. Built with ElementTree from the answers of `missions list --json`:
whatever the events hold stays text, and only a web address is a link."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree as ET

from adapters.picture.chartkey import clean, colour
from adapters.picture.chartpage import cited
from adapters.uncertainty import uncertain_line

_COLUMNS = (
    "Mission",
    "Status",
    "Since",
    "Launch",
    "Partners",
    "Milestones",
    "Sources",
)


def status_table(statuses: list[dict[str, Any]]) -> ET.Element:
    """The table of `statuses` (as `Reader.statuses` gives them), or a line
    saying that no mission was tracked."""
    if not statuses:
        empty = ET.Element("p", {"class": "empty"})
        empty.text = "No mission was tracked then."
        return empty
    table = ET.Element("table", {"class": "missions"})
    header = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    for name in _COLUMNS:
        ET.SubElement(header, "th", {"scope": "col"}).text = name
    body = ET.SubElement(table, "tbody")
    for view in statuses:
        _row(ET.SubElement(body, "tr", {"data-mission": clean(view["mission"])}), view)
    return table


def _row(row: ET.Element, view: dict[str, Any]) -> None:
    mission = ET.SubElement(row, "th", {"scope": "row", "class": "mission"})
    ET.SubElement(mission, "span", {"class": "name"}).text = clean(view["name"])
    ET.SubElement(mission, "span", {"class": "slug"}).text = clean(view["mission"])
    _status(ET.SubElement(row, "td", {"class": "state"}), view)
    _text(row, "since", view["status"] and view["since"])
    launched = view.get("launched")  # once it has, the target steps aside
    _text(row, "target", f"launched {launched}" if launched else view["target_launch"])
    _listed(row, "partners", (_partner(p) for p in view["partners"]))
    _listed(
        row,
        "milestones",
        (
            f"{m['on']}: {m['milestone']}"
            + (f" ({m['detail']})" if m["detail"] else "")
            for m in view["milestones"]
        ),
    )
    cell = ET.SubElement(row, "td", {"class": "sources"})
    if view["sources"]:
        listed = ET.SubElement(cell, "ul")
        for source in view["sources"]:
            cited(ET.SubElement(listed, "li"), source)


def _status(cell: ET.Element, view: dict[str, Any]) -> None:
    """The status, in its colour in the picture, by whom, and what may or may
    not have happened by then."""
    status = view["status"]
    swatch = {"class": "swatch", "style": f"background: {colour(status or '')}"}
    if status is not None:
        ET.SubElement(cell, "span", swatch)
    said = ET.SubElement(cell, "span", {"class": "status"})
    said.text = clean(status or "not known before")
    if view["by_party"]:
        ET.SubElement(cell, "span", {"class": "by"}).text = clean(
            f" (by {view['by_party']})"
        )
    if view["uncertain"]:  # summed up in a line, listed when it is opened
        toggle = ET.SubElement(cell, "details", {"class": "uncertain"})
        ET.SubElement(toggle, "summary").text = uncertain_line(view)
        listed = ET.SubElement(toggle, "ul", {"class": "uncertain"})
        for change in view["uncertain"]:
            ET.SubElement(listed, "li").text = clean(
                f"{change['occurred']} {change['kind']}: {change['summary']}"
            )


def _partner(member: dict[str, Any]) -> str:
    """A partner's part: its name, role and standing, and what it brings."""
    standing = member["standing"] + (
        f" by {member['by_party']}" if member["by_party"] else ""
    )
    brings = "; ".join(member["contributions"])
    return f"{member['name']}: {member['role']}, {standing}" + (
        f" ({brings})" if brings else ""
    )


def _text(row: ET.Element, css: str, words: str | None) -> None:
    ET.SubElement(row, "td", {"class": css}).text = clean(words or "")


def _listed(row: ET.Element, css: str, lines: Iterable[str]) -> None:
    cell = ET.SubElement(row, "td", {"class": css})
    listed: ET.Element | None = None
    for line in lines:
        if listed is None:
            listed = ET.SubElement(cell, "ul")
        ET.SubElement(listed, "li").text = clean(line)
