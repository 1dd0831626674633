"""`missions timeline`: the article's missions over the world's time, drawn as an
SVG or a PNG, on SQLite files and PostgreSQL schemas; and what it reads."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PIL import Image

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from adapters.packs.seed import seed_lines
from adapters.picture.chart import LABEL_SIZE, PNG_ZOOM, ROW_MIN
from adapters.picture.chartkey import MARKERS, PALETTE, text_width
from domain.events import Source
from domain.mission import Report
from tests.answers import succeeded
from tests.article import ARTICLE, MISSIONS
from tests.conftest import Run
from tests.readmodel import HEAVY, heavy_modules_of
from tests.timelines import CHANGES, NAMES, drawn

SVG = "{http://www.w3.org/2000/svg}"
#: Each mission's statuses, in the order of the world.
BANDS = {
    "exomars": ["planned", "at_risk"],
    "venera-d": ["delayed"],
    "luna-27": ["planned"],
    "change-6": ["planned"],
    "change-7": ["planned"],
    "ilrs": ["proposed"],
    "soyuz-kourou": ["operating", "suspended"],
    "iss": ["operating"],
}


def picture(run: Run, folder: Path, *args: str) -> ET.Element:
    """The timeline's SVG, parsed."""
    return ET.parse(drawn(run, folder / "timeline.svg", *args)).getroot()


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def with_class(root: ET.Element, css: str) -> list[ET.Element]:
    """Every element of the picture with the class `css`, in document order."""
    return [e for e in root.iter() if css in classes(e)]


def title_of(element: ET.Element) -> str:
    found = element.find(f"{SVG}title")
    assert found is not None
    assert found.text is not None
    return found.text


def mark_days(root: ET.Element) -> list[str]:
    return [m.get("data-day", "") for m in with_class(root, "mark")]


# The picture


def test_the_picture_has_one_readable_label_a_mission(
    query: Run, tmp_path: Path
) -> None:
    root = picture(query, tmp_path)
    rows = with_class(root, "row")
    assert [row.get("data-mission") for row in rows] == MISSIONS
    labels = [row.find(f"{SVG}g/{SVG}text") for row in rows]
    assert [label.text for label in labels if label is not None] == [
        NAMES[m] for m in MISSIONS
    ]
    assert root.get("font-family", "").startswith("'DejaVu Sans'")


def test_each_status_is_a_band_of_its_own_colour(query: Run, tmp_path: Path) -> None:
    root = picture(query, tmp_path)
    found = {
        row.get("data-mission"): [
            g.get("data-status") for g in with_class(row, "status")
        ]
        for row in with_class(root, "row-bands")
    }
    assert found == BANDS
    bands = with_class(root, "band")
    assert len(bands) == sum(len(b) for b in BANDS.values())
    for band in bands:
        (status,) = [c[7:] for c in classes(band) if c.startswith("status-")]
        assert band.get("fill") == PALETTE[status]
        assert float(band.get("width", 0)) > 0
    # Each status has its own colour.
    assert len(set(PALETTE.values())) == len(PALETTE)


def test_each_change_is_a_marker_whose_tooltip_gives_date_summary_and_source(
    query: Run, tmp_path: Path
) -> None:
    root = picture(query, tmp_path)
    marks = with_class(root, "mark")
    assert len(marks) == len(CHANGES)
    tooltips = [title_of(mark) for mark in marks]
    for fact in CHANGES:
        assert any(
            tip.startswith(fact["on"] + " ")
            and fact["summary"] in tip
            and ARTICLE["title"] in tip
            and ARTICLE["url"] in tip
            for tip in tooltips
        ), fact["key"]
    # One shape for each kind of change.
    shapes: dict[str, set[str | None]] = {}
    for mark in marks:
        (kind,) = [c[5:] for c in classes(mark) if c.startswith("kind-")]
        path = mark.find(f"{SVG}path")
        assert path is not None
        shapes.setdefault(kind, set()).add(path.get("d"))
    assert all(len(d) == 1 for d in shapes.values())
    assert len({d for ds in shapes.values() for d in ds}) == len(shapes)
    assert len({shape for shape, _ in MARKERS.values()}) == len(MARKERS)


def test_a_date_known_only_as_a_range_is_drawn_uncertain(
    query: Run, tmp_path: Path
) -> None:
    root = picture(query, tmp_path)
    by_tooltip = {title_of(m).split("\n")[0]: m for m in with_class(root, "mark")}
    withdrawn = by_tooltip["2022-02-24/2022-03-01  Venera-D: nasa withdrew"]
    (bar,) = with_class(withdrawn, "range")
    assert float(bar.get("width", 0)) > 4 * 2  # five days or so
    assert bar.get("fill") == "url(#range)"
    # "On or before 24 February": a fading tail.
    joined = by_tooltip["../2022-02-24  ExoMars: esa joined as lead"]
    assert with_class(joined, "open-range")
    assert not with_class(joined, "range")
    # A day known exactly: neither.
    at_risk = by_tooltip["2022-02-28  ExoMars: status: planned -> at_risk"]
    assert not with_class(at_risk, "range")
    assert not with_class(at_risk, "open-range")
    # ILRS was proposed on or before June 2021: its band fades in, without the
    # hatching of a range known at both ends.
    (ilrs,) = [
        r for r in with_class(root, "row-bands") if r.get("data-mission") == "ilrs"
    ]
    (lead_in,) = with_class(ilrs, "lead-in")
    assert lead_in.get("fill", "").startswith("url(#fade-")
    assert not with_class(ilrs, "hatch")


def test_the_missions_asked_for_are_drawn_in_that_order(
    query: Run, tmp_path: Path
) -> None:
    root = picture(query, tmp_path, "--mission", "Venera D", "--mission", "exomars")
    assert [r.get("data-mission") for r in with_class(root, "row")] == [
        "venera-d",
        "exomars",
    ]
    assert {m.get("data-mission") for m in with_class(root, "mark")} == {
        "venera-d",
        "exomars",
    }


def test_from_and_to_bound_the_time_drawn(query: Run, tmp_path: Path) -> None:
    root = picture(query, tmp_path, "--from", "2022-02-25", "--to", "2022-03-01")
    assert title_of(root) == "Missions from 2022-02-25 to 2022-03-01"
    days = mark_days(root)
    assert sorted(set(days)) == ["2022-02-26", "2022-02-28", "2022-03-01"]
    clip = root.find(f".//{SVG}clipPath/{SVG}rect")
    assert clip is not None
    left = float(clip.get("x", 0))
    right = left + float(clip.get("width", 0))
    for band in with_class(root, "band"):
        x = float(band.get("x", 0))
        assert left <= x
        assert x + float(band.get("width", 0)) <= right + 0.1


def test_known_at_draws_what_was_known_then(
    seeded_store: str, run: Run, tmp_path: Path
) -> None:
    before = datetime.now(UTC)
    time.sleep(0.01)
    record = ["record", "exomars", "status-changed", "--status", "suspended"]
    succeeded(run(*record, "--on", "2022-03-17", "--source", "ESA"))
    now = picture(run, tmp_path, "--mission", "exomars")
    assert "2022-03-17" in mark_days(now)
    then = picture(
        run, tmp_path, "--mission", "exomars", "--known-at", before.isoformat()
    )
    assert "2022-03-17" not in mark_days(then)
    assert title_of(then).endswith(f", as known at {before.isoformat()}")
    assert [g.get("data-status") for g in with_class(then, "status")] == BANDS[
        "exomars"
    ]
    text = succeeded(run("timeline", "--known-at", before.isoformat()))
    assert "suspended 2022-03-17" not in text
    assert "at_risk 2022-02-28 -> suspended 2022-03-17" in succeeded(run("timeline"))


def test_the_png_is_the_svg_drawn(query: Run, tmp_path: Path) -> None:
    svg = ET.parse(drawn(query, tmp_path / "t.svg")).getroot()
    data = drawn(query, tmp_path / "t.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    width, height = int(svg.get("width", 0)), int(svg.get("height", 0))
    assert image.size == (width * PNG_ZOOM, height * PNG_ZOOM)
    assert len(image.convert("RGB").getcolors(1 << 16) or []) > 100


# Many missions


def test_fifty_missions_have_fifty_labels_that_never_overlap(
    tracker: MissionTracker, run: Run, tmp_path: Path
) -> None:
    source = Source(publication="ESA")
    for number in range(50):
        slug = f"mission-{number:02d}"
        report = Report(occurred=parse_edtf("2022-01"), source=source)
        tracker.register(slug, f"Mission number {number} to the Moon", [], report)
        on = Report(
            occurred=parse_edtf(f"2022-02-{number % 28 + 1:02d}"), source=source
        )
        tracker.record(slug, "status-changed", on, {"status": "planned"})
    tracker.catch_up()
    root = picture(run, tmp_path)
    labels = [
        label
        for row in with_class(root, "row")
        for label in row.iter(f"{SVG}text")
        if "tl-label" in classes(label)
    ]
    assert [label.text for label in labels] == [
        f"Mission number {n} to the Moon" for n in range(50)
    ]
    ys = [float(label.get("y", 0)) for label in labels]
    assert all(b - a >= LABEL_SIZE * 1.5 for a, b in pairwise(ys))
    assert ROW_MIN >= LABEL_SIZE * 1.5
    # Each label fits in the column left of the plot.
    clip = root.find(f".//{SVG}clipPath/{SVG}rect")
    assert clip is not None
    plot = float(clip.get("x", 0))
    assert all(
        float(label.get("x", 0)) + text_width(label.text or "", LABEL_SIZE) < plot
        for label in labels
    )
    assert float(root.get("height", 0)) > 50 * ROW_MIN


# The read path


def test_the_timeline_needs_neither_pydantic_nor_the_events(tmp_path: Path) -> None:
    out = str(tmp_path / "t.svg")
    commands = [["timeline"], ["timeline", "--out", out]]
    heavy, _ = heavy_modules_of(
        str(tmp_path / "missions.db"), commands, (*HEAVY, "resvg_py")
    )
    assert heavy == []


def test_the_timelines_as_known_now_are_the_fold_of_the_facts_known(
    seeded: MissionTracker,
) -> None:
    source = Source(publication="ESA")
    fact = seeded.record(
        "exomars",
        "status-changed",
        Report(occurred=parse_edtf("2022-03-07"), source=source),
        {"status": "cancelled"},
    )
    seeded.correct(str(fact.id), {"status": "suspended"})
    other = seeded.record(
        "iss",
        "partner-joined",
        Report(occurred=parse_edtf("2022-03"), source=source),
        {"partner": "esa", "role": "partner"},
    )
    seeded.retract(str(other.id), "Not so.", source)
    seeded.catch_up()
    later = datetime.now(UTC) + timedelta(days=1)
    kept = seeded.reader.timelines()
    assert kept == seeded.reader.timelines((), later)
    exomars = kept[0]["facts"][-1]
    assert (exomars["value"], exomars["state"]["status"]) == ("suspended", "suspended")
    assert [f["kind"] for f in kept[-1]["facts"]] == [
        line["kind"] for line in seed_lines() if line["mission"] == "iss"
    ]


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--mission", "iss", "--mission", "exomars"],
        ["--from", "2022-02-20", "--to", "2022-03-05"],
        ["--to", "2021-12-31"],
    ],
    ids=["all", "two", "window", "before-the-facts"],
)
def test_the_text_told_a_mission_at_a_time_is_the_whole_timelines_text(
    run: Run, seeded: MissionTracker, options: list[str]
) -> None:
    """The terminal's timeline reads one mission at a time, and its window from
    the facts' days as the read model keeps them: the same text as the whole."""
    from adapters.picture.spans import timeline
    from cli.text import timeline_text

    told = run("timeline", *options)
    assert told.exit_code == 0, told.output
    names = [v for k, v in pairwise(options) if k == "--mission"]
    given = dict(zip(options[::2], options[1::2], strict=True))
    start, end = (
        datetime.fromisoformat(given[key]).date() if key in given else None
        for key in ("--from", "--to")
    )
    today = datetime.now(tz=UTC).date()
    whole = timeline(seeded.reader.timelines(names), start, end, None, today)
    assert told.stdout == timeline_text(whole) + "\n"
