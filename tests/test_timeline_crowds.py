"""A timeline of more changes than its pixels can tell apart: markers gathered
into crowds that give their count, thin bands into runs, so that the picture's
size follows its pixels; the page still lists every change, in the order of the
world; a PNG draws a bounded number of rows."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PIL import Image

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from adapters.picture import chart
from adapters.picture.crowds import MOST_LANES, STRETCH, Crowd, crowded, lanes, runs
from adapters.picture.spans import Mark
from domain.events import Source
from domain.mission import Report
from tests.conftest import Run
from tests.timelines import drawn

SVG = "{http://www.w3.org/2000/svg}"
#: The facts of the crowded mission: a status a day, turn about.
DAYS = 150
FIRST = date(2022, 1, 1)
STATUSES = ("planned", "at_risk")


def _mark(day: date) -> Mark:
    return Mark(
        mission="m",
        name="M",
        kind="milestone",
        occurred=day.isoformat(),
        earliest=day,
        latest=day,
        day=day,
        change="landed",
        summary="Landed.",
        source={"publication": "ESA"},
    )


# The rules


def test_lanes_keep_overlapping_extents_apart_up_to_the_most_allowed() -> None:
    extents = [(0.0, 10.0), (5.0, 15.0), (20.0, 30.0), (21.0, 31.0), (22.0, 32.0)]
    assert lanes(extents, None) == [0, 1, 0, 1, 2]
    assert lanes(extents, 3) == [0, 1, 0, 1, 2]
    assert lanes(extents, 2) is None
    assert lanes([], 1) == []


def test_marks_are_gathered_by_the_stretch_of_pixels_they_fall_on() -> None:
    marks = [_mark(FIRST + timedelta(days=n)) for n in range(5)]
    middles = [100.0, 101.0, 100.0 + STRETCH, 100.0 + 3 * STRETCH, 102.0]
    items = crowded(marks, middles, left=100.0)
    assert len(items) == 3
    crowd, alone, last = items
    assert isinstance(crowd, Crowd)
    assert [i for i, _ in crowd.marks] == [0, 1, 4]
    assert (crowd.first.day, crowd.last.day) == (marks[0].day, marks[4].day)
    assert crowd.day == FIRST + timedelta(days=2)
    assert alone == (2, marks[2])
    assert last == (3, marks[3])


def test_thin_things_that_follow_one_another_come_together() -> None:
    spans = [("a", 0.0, 5.0), ("b", 5.0, 6.0), ("c", 6.0, 7.5), ("d", 7.5, 20.0)]
    assert list(runs(spans)) == [
        (["a"], 0.0, 5.0),
        (["b", "c"], 5.0, 7.5),
        (["d"], 7.5, 20.0),
    ]
    # A thin one alone stays alone, at the end too.
    assert list(runs([("a", 0.0, 9.0), ("b", 9.0, 10.0)])) == [
        (["a"], 0.0, 9.0),
        (["b"], 9.0, 10.0),
    ]


# The picture


@pytest.fixture
def crowded_mission(tracker: MissionTracker) -> MissionTracker:
    """A mission whose status changed every day for `DAYS` days."""
    source = Source(publication="ESA")
    report = Report(occurred=parse_edtf("2021-12"), source=source)
    tracker.register("busy", "Busy mission", [], report)
    for n in range(DAYS):
        on = (FIRST + timedelta(days=n)).isoformat()
        tracker.record(
            "busy",
            "status-changed",
            Report(occurred=parse_edtf(on), source=source, summary=f"Day {n}."),
            {"status": STATUSES[n % 2]},
        )
    tracker.catch_up()
    return tracker


def _by_class(root: ET.Element, css: str) -> list[ET.Element]:
    return [e for e in root.iter() if css in e.get("class", "").split()]


def _title(element: ET.Element) -> str:
    return element.findtext(f"{SVG}title") or ""


def test_a_crowded_row_draws_each_change_once_in_fewer_markers(
    crowded_mission: MissionTracker, run: Run, tmp_path: Path
) -> None:
    years = ("--from", "2020-01-01", "--to", "2023-12-31")
    root = ET.parse(drawn(run, tmp_path / "t.svg", *years)).getroot()
    marks, crowds = _by_class(root, "mark"), _by_class(root, "crowd")
    assert crowds
    counts = [int(c.get("data-count", 0)) for c in crowds]
    assert all(count > 1 for count in counts)
    assert sum(counts) + len(marks) == DAYS
    assert len(marks) + len(crowds) < DAYS / 3
    for crowd in crowds:
        first, *listed = _title(crowd).split("\n")
        assert first.startswith(f"Busy mission: {crowd.get('data-count')} changes from")
        assert 1 <= len(listed) <= 9
        assert all(" status: " in line for line in listed[: len(listed) - 1])
        assert crowd.get("data-day", "") < crowd.get("data-last", "")
    # A crowded row takes a few lanes, not one a marker.
    (shade,) = [
        r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#ffffff" and r.get("x")
    ][:1]
    assert float(shade.get("height", 0)) <= MOST_LANES * 15 + 10
    # Over its own half year, each change has room for a marker of its own.
    close = ET.parse(drawn(run, tmp_path / "t.svg")).getroot()
    assert not _by_class(close, "crowd")
    assert len(_by_class(close, "mark")) == DAYS


def test_statuses_too_close_to_tell_apart_are_one_run(
    crowded_mission: MissionTracker, run: Run, tmp_path: Path
) -> None:
    wide = ("--from", "2012-01-01", "--to", "2031-12-31")
    root = ET.parse(drawn(run, tmp_path / "t.svg", *wide)).getroot()
    (changing,) = _by_class(root, "statuses")
    assert int(changing.get("data-count", 0)) >= DAYS - 2
    assert _title(changing).startswith(
        f"{changing.get('data-count')} statuses from 2022-01-"
    )
    assert "planned, at_risk" in _title(changing)
    drawn_alone = _by_class(root, "status")
    assert int(changing.get("data-count", 0)) + len(drawn_alone) == DAYS
    assert len(list(root.iter())) < 400


class _Lines(HTMLParser):
    """The ids and first cells of a page's table lines, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.dates: list[str] = []
        self.links: list[str] = []
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("id"):
            self.ids.append(found["id"] or "")
        elif tag == "td" and found.get("class") == "date":
            self._cell = ""
        elif tag == "a" and (found.get("href") or "").startswith("#"):
            self.links.append((found["href"] or "")[1:])

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.dates.append(self._cell)
            self._cell = None


def test_the_page_lists_every_change_of_a_crowd_in_the_order_of_the_world(
    crowded_mission: MissionTracker, run: Run, tmp_path: Path
) -> None:
    page = _Lines()
    page.feed(drawn(run, tmp_path / "t.html").read_text())
    assert len(page.ids) == len(set(page.ids)) == DAYS
    assert page.dates == [(FIRST + timedelta(days=n)).isoformat() for n in range(DAYS)]
    # Each marker and each crowd leads to a line of the table.
    assert page.links
    assert set(page.links) <= set(page.ids)


def test_the_article_page_lists_its_changes_in_the_order_of_the_world(
    query: Run, tmp_path: Path
) -> None:
    page = _Lines()
    page.feed(drawn(query, tmp_path / "t.html").read_text())
    latest = [parse_edtf(on).latest for on in page.dates]
    assert latest == sorted(latest)
    assert set(page.links) == set(page.ids)


def test_a_png_of_more_than_it_can_draw_is_refused(
    crowded_mission: MissionTracker,
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A PNG is drawn in memory: past its budget of shapes it is refused (the
    budget lowered here, so that a small store reaches it)."""
    monkeypatch.setattr(chart, "PNG_SHAPES", DAYS)
    out = tmp_path / "t.png"
    refused = run("timeline", "--out", str(out))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: this timeline is too much for a .png, which draws at most {DAYS}"
        " markers and bands: choose missions with --mission, or fewer days with"
        " --from and --to, or write .svg or .html, which draw any amount\n"
    )
    assert not out.exists()
    shorter = run("timeline", "--out", str(out), "--to", "2022-01-31")
    assert shorter.exit_code == 0, shorter.output
    assert out.read_bytes().startswith(b"\x89PNG")
    assert drawn(run, tmp_path / "t.svg").stat().st_size > 0


def test_a_tall_png_is_drawn_smaller_and_says_so(
    crowded_mission: MissionTracker,
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chart, "PNG_PIXELS", 100_000)
    out = tmp_path / "t.png"
    result = run("timeline", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Wrote {out}, drawn at ")
    assert result.stderr.endswith(
        "% of its size to keep it in memory (its .svg is full size; --mission,"
        " --from and --to draw less).\n"
    )
    width, height = Image.open(out).size
    assert width < chart.WIDTH
    assert width * height <= 100_000 * 1.05
