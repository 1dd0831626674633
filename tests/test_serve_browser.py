"""The explorer page of `missions serve` in a real browser (Chromium, see
tests/browser.py), the server run as users run it (tests/servers.py): the
sliders move the view by keyboard and the address bar follows, the known-at
slider shows what was known before a later fact, the reported slider what had
been published by a day, a permalink restores the view,
a fact recorded with the CLI appears within two seconds without a reload, and
markup in what was recorded stays text. Never a console error."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, expect

from cli.main import cli
from tests.browser import watch
from tests.servers import serving
from tests.stores import Articles, Kind, copy_store, fresh_store
from tests.test_serve_page import ARTICLE, UNKNOWN, caught_up, record_hostile
from tests.test_timeline_browser import PAYLOADS, mission_name

#: The statuses the page's table shows, by mission.
SHOWN = """() => Object.fromEntries([...document.querySelectorAll('tr[data-mission]')]
  .map(row => [row.dataset.mission, row.querySelector('.status').textContent]))"""
#: The form as it stands: each field's and slider's value.
FORM = """() => Object.fromEntries(['at', 'at-slider', 'known-at', 'known-at-slider']
  .map(id => [id, document.getElementById(id).value]))"""
#: What could run or fetch something in the page.
PROBE = """() => ({
  scripts: [...document.querySelectorAll('script')].map(s => s.getAttribute('src')),
  embedded: document.querySelectorAll(
    'img, image, iframe, object, embed, foreignObject, use').length,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
    a => a.name.toLowerCase().startsWith('on'))).map(e => e.tagName),
  links: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))
    .filter(h => !h.startsWith('/') && h !== 'data:,'
      && !h.startsWith('https://spacenews.com/')),
  pictures: document.querySelectorAll('main svg').length,
})"""
#: What the browser reports of a view refused (400), the only error it may report.
REFUSED = (
    "Failed to load resource: the server responded with a status of 400 (Bad Request)"
)
CLEAN = {
    "scripts": ["/static/explorer.js"],
    "embedded": 0,
    "handlers": [],
    "links": [],
    "pictures": 1,
}


def run(store: str, *args: str) -> str:
    """`missions --store STORE ARGS...`, which must succeed; its output."""
    result = CliRunner().invoke(cli, ["--store", store, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def listed(store: str, *args: str) -> dict[str, str]:
    """Each mission's status as `missions list --json ARGS...` answers."""
    views = orjson.loads(run(store, "list", "--json", *args))
    return {view["mission"]: view["status"] or UNKNOWN for view in views}


@contextmanager
def seeded(articles: Articles, tmp_path: Path, kind: Kind) -> Iterator[str]:
    """A copy of the seeded store of that kind, its read model up to date."""
    with fresh_store(kind, tmp_path, "served") as url:
        copy_store(articles.of(kind), url)
        yield caught_up(url)


@pytest.fixture
def article(articles: Articles, tmp_path: Path) -> Iterator[str]:
    """A SQLite copy of the seeded store."""
    with seeded(articles, tmp_path, "sqlite") as url:
        yield url


@contextmanager
def opened(
    browser: Browser, address: str, *, errors: tuple[str, ...] = ()
) -> Iterator[Page]:
    """A new page at `address`, which must have made no console error (but
    `errors`), thrown no exception and opened no dialog when the block ends."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    loaded = watch(page)
    try:
        page.goto(address, wait_until="load")
        yield page
        assert loaded.errors == list(errors)
        assert loaded.dialogs == []
    finally:
        context.close()


def shown_day(page: Page, day: str) -> None:
    """Wait until the page shows the view of `day`."""
    expect(page.locator("#shown")).to_contain_text(f"Missions on {day}")


def address(page: Page) -> str:
    """What the address bar holds."""
    return str(page.evaluate("() => location.href"))


def statuses(page: Page) -> dict[str, str]:
    found: dict[str, str] = page.evaluate(SHOWN)
    return found


def form(page: Page) -> dict[str, str]:
    found: dict[str, str] = page.evaluate(FORM)
    return found


def test_moving_the_world_slider_changes_the_statuses(
    browser: Browser, article: str
) -> None:
    today = datetime.now(tz=UTC).date().isoformat()
    with (
        serving(article) as base,
        opened(browser, f"{base}/?at=2022-02-25") as page,
    ):
        assert statuses(page) == listed(article, "--at", "2022-02-25")
        assert statuses(page)["luna-27"] == UNKNOWN
        expect(page.get_by_label("World date")).to_be_enabled()
        page.focus("#at-slider")
        page.keyboard.press("ArrowRight")
        shown_day(page, "2022-02-26")
        assert statuses(page) == listed(article, "--at", "2022-02-26")
        assert statuses(page)["soyuz-kourou"] == "suspended"
        assert address(page) == f"{base}/?at=2022-02-26"
        page.keyboard.press("End")
        shown_day(page, today)
        assert form(page)["at"] == today
        assert statuses(page) == listed(article, "--at", today)
        assert address(page) == f"{base}/?at={today}"
        page.fill("#at", "2022-03-01")
        shown_day(page, "2022-03-01")
        assert statuses(page) == ARTICLE
        assert address(page) == f"{base}/?at=2022-03-01"


def test_the_known_at_slider_shows_what_was_known_before_a_later_fact(
    browser: Browser, article: str
) -> None:
    run(
        article, "record", "exomars", "status-changed", "--status", "suspended",
        "--on", "2022-03-01", "--source", "ESA",
    )  # fmt: skip
    with serving(article) as base:
        with opened(browser, f"{base}/?at=2022-03-01") as page:
            assert statuses(page)["exomars"] == "suspended"
            assert form(page)["known-at"] == ""
            page.focus("#known-at-slider")
            page.keyboard.press("ArrowLeft")
            expect(page.locator("#shown")).to_contain_text("as recorded by")
            assert statuses(page) == ARTICLE
            known = form(page)["known-at"]
            assert statuses(page) == listed(
                article, "--at", "2022-03-01", "--known-at", known
            )
            assert address(page) == f"{base}/?at=2022-03-01&known_at={known}"
            permalink, before = address(page), form(page)
        with opened(browser, permalink) as again:
            assert statuses(again) == ARTICLE
            assert form(again) == before


def test_the_reported_slider_shows_what_had_been_published_by_a_day(
    browser: Browser, articles: Articles, tmp_path: Path
) -> None:
    with fresh_store("sqlite", tmp_path, "reported") as store:
        copy_store(articles.every_pack("sqlite"), store)
        caught_up(store)
        day = ["--at", "2022-04-30"]
        with serving(store) as base, opened(browser, f"{base}/?at=2022-04-30") as page:
            assert "luna-25" in statuses(page)
            expect(
                page.get_by_label("Reported by (date of publication)")
            ).to_be_enabled()
            page.focus("#reported-slider")
            page.keyboard.press("Home")  # the first day a source was published
            expect(page.locator("#shown")).to_contain_text("as reported by")
            first = str(
                page.evaluate("() => document.getElementById('reported').value")
            )
            assert statuses(page) == listed(store, *day, "--reported", first)
            assert address(page) == f"{base}/?at=2022-04-30&reported={first}"
            page.fill("#reported", "2022-03-02")
            expect(page.locator("#shown")).to_contain_text("reported by 2022-03-02")
            assert statuses(page) == listed(store, *day, "--reported", "2022-03-02")
            assert "luna-25" not in statuses(page)
            page.focus("#reported-slider")
            page.keyboard.press("End")  # all that was recorded
            expect(page.locator("#shown")).not_to_contain_text("reported by")
            assert statuses(page) == listed(store, *day)
            assert address(page) == f"{base}/?at=2022-04-30"


def test_a_bad_date_typed_shows_the_clis_message(
    browser: Browser, article: str
) -> None:
    with (
        serving(article) as base,
        opened(browser, f"{base}/?at=2022-03-01", errors=(REFUSED,)) as page,
    ):
        page.fill("#known-at", "yesterday")
        page.press("#known-at", "Enter")
        expect(page.locator("p.refused")).to_have_text(
            "'yesterday' is not a valid time; use an ISO 8601 date or date-time,"
            " e.g. 2022-03-02 or 2022-03-02T12:00:00Z"
        )
        assert address(page) == f"{base}/?at=2022-03-01&known_at=yesterday"
        page.wait_for_timeout(1200)  # no poll of a refusal
        page.fill("#known-at", "")
        page.press("#known-at", "Enter")
        shown_day(page, "2022-03-01")
        assert statuses(page) == ARTICLE
        assert address(page) == f"{base}/?at=2022-03-01"


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_fact_recorded_appears_within_two_seconds_without_a_reload(
    browser: Browser, articles: Articles, tmp_path: Path, kind: Kind
) -> None:
    with (
        seeded(articles, tmp_path, kind) as store,
        serving(store) as base,
        opened(browser, f"{base}/?at=2022-03-20") as page,
    ):
        page.evaluate("() => { window.unreloaded = true; }")
        exomars = page.locator('tr[data-mission="exomars"] .status')
        expect(exomars).to_have_text("at_risk")
        time.sleep(1.5)  # a poll or two, told 304
        expect(exomars).to_have_text("at_risk")
        run(
            store, "record", "exomars", "status-changed", "--status", "suspended",
            "--on", "2022-03-17", "--source", "ESA",
        )  # fmt: skip
        recorded = time.monotonic()
        expect(exomars).to_have_text("suspended", timeout=2000)
        assert time.monotonic() - recorded < 2
        assert page.evaluate("() => window.unreloaded") is True
        assert statuses(page) == listed(store, "--at", "2022-03-20")


def test_markup_in_what_was_recorded_stays_inert(
    browser: Browser, tmp_path: Path
) -> None:
    store = str(tmp_path / "hostile.db")
    record_hostile(store)
    with (
        serving(store) as base,
        opened(browser, f"{base}/?at=2022-03-01") as page,
    ):
        probed: dict[str, Any] = page.evaluate(PROBE)
        assert probed == CLEAN
        text = page.inner_text("main")
        for payload in PAYLOADS:
            assert mission_name(payload) in text
            assert f'{payload}, "{payload}", {payload}' in text
        page.focus("#at-slider")
        page.keyboard.press("ArrowLeft")
        shown_day(page, "2022-02-28")
        page.wait_for_timeout(1200)  # a poll
        assert page.evaluate(PROBE) == CLEAN
        assert set(statuses(page).values()) == {"at_risk"}
