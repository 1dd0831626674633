"""`missions timeline` written as an HTML page that lists every change and loads
nothing, and as text, coloured only for a terminal."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from adapters.picture.spans import timeline
from cli.text import timeline_text
from tests.answers import succeeded
from tests.article import ARTICLE
from tests.conftest import Run
from tests.timelines import CHANGES, NAMES, drawn


class _Cells(HTMLParser):
    """The text of each cell of a page's table body, row by row, and every
    element and attribute met."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td" and self._in_body:
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        if self._in_body and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def test_the_page_lists_every_change_and_loads_nothing(
    query: Run, tmp_path: Path
) -> None:
    page = drawn(query, tmp_path / "t.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    parsed = _Cells()
    parsed.feed(page)
    assert len(parsed.rows) == len(CHANGES)
    listed = {(row[0], row[1], row[2], row[4]) for row in parsed.rows}
    assert listed == {
        (f["on"], NAMES[f["mission"]], f["kind"], f["summary"]) for f in CHANGES
    }
    assert all(ARTICLE["title"] in row[5] for row in parsed.rows)
    # One file: no script, and nothing to load but the empty icon.
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags
    assert "img" not in tags
    assert tags.count("svg") == 1
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert name != "src"
            if name == "href" and tag == "link":
                assert value == "data:,"
            elif name == "href":
                assert value == ARTICLE["url"] or (value or "").startswith("#event-")


def test_without_out_the_timeline_is_text(query: Run) -> None:
    text = succeeded(query("timeline"))
    lines = text.splitlines()
    assert lines[0] == "Missions from 2021-05-23 to 2022-03-10"
    assert "ExoMars (exomars)" in lines
    assert "  status  planned ../2022-02-24 -> at_risk 2022-02-28" in lines
    assert "  2022-02-26     roscosmos: active -> suspended" in lines
    assert any(
        line.startswith("  2022-02-24/2022-03-01  nasa withdrew; note: ")
        for line in lines
    )
    assert all(len(line) <= 100 for line in lines)
    assert "\x1b" not in text


def test_the_text_colours_statuses_only_for_a_terminal(query: Run) -> None:
    fact: dict[str, Any] = {
        "id": "1",
        "kind": "status-changed",
        "occurred": "2022-01-01",
        "earliest": "2022-01-01",
        "latest": "2022-01-01",
        "summary": "In orbit.",
        "value": "operating",
        "partner": None,
        "by": None,
        "role": None,
        "standing": None,
        "source": {"publication": "ESA"},
        "state": {"status": "operating", "partners": [], "target_launch": None},
    }
    found = [{"mission": "iss", "name": "ISS", "facts": [fact]}]
    drawn = timeline(found, None, None, None, date(2022, 3, 1))
    assert "\x1b[" in timeline_text(drawn, colour=True)
    assert timeline_text(drawn) == (
        "Missions from 2021-12-31 to 2022-01-02\n"
        "ISS (iss)\n"
        "  status  operating 2022-01-01"
    )
    # click's runner is not a terminal.
    text = succeeded(query("timeline", "--mission", "iss"))
    assert "operating" in text
    assert "\x1b" not in text
