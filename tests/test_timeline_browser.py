"""The timeline's page and picture in a real browser (Chromium, see tests/browser.py):
they load offline without an error and fetch nothing, and whatever markup the
names, summaries and sources of missions hold, it stays text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from adapters.eventstore.names import name_key
from cli.main import cli
from tests.browser import open_page
from tests.stores import Articles

#: Text that would be markup, or a script, if it were pasted into a page.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "]]>",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
]
#: What a page holds once loaded: elements that run or fetch something, and the
#: addresses of its links beyond the page and the article.
PROBE = """() => {
  const all = [...document.querySelectorAll('*')];
  return {
    scripts: document.querySelectorAll('script').length,
    embedded: document.querySelectorAll(
      'img, image, iframe, object, embed, foreignObject, use').length,
    handlers: all.filter(e => [...e.attributes].some(
      a => a.name.toLowerCase().startsWith('on'))).map(e => e.tagName),
    links: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))
      .filter(h => !h.startsWith('#') && h !== 'data:,'
        && !h.startsWith('https://spacenews.com/')),
    pictures: document.querySelectorAll('svg').length,
  };
}"""
CLEAN = {"scripts": 0, "embedded": 0, "handlers": [], "links": [], "pictures": 1}


def run(store: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--store", store, *args])
    assert result.exit_code == 0, result.output
    return result.output


def drawn(store: str, folder: Path) -> dict[str, Path]:
    """The store's timeline drawn as a page and as a picture, by ending."""
    files = {ending: folder / f"timeline.{ending}" for ending in ("html", "svg")}
    for path in files.values():
        run(store, "timeline", "--out", str(path))
    return files


def address(payload: str) -> str:
    """A source's address holding the payload: as it is, but for a javascript:
    address, which is refused where it comes in (tests/test_source_rules.py), so
    that no page can hold one."""
    return "https://spacenews.com/" if payload.startswith("javascript:") else payload


def mission_name(payload: str) -> str:
    """A mission's name holding the payload (a name needs a letter or a digit)."""
    return payload if name_key(payload) else f"Mission {payload}"


@pytest.fixture(scope="module")
def article_files(
    articles: Articles, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The article's timeline, as a page and as a picture."""
    folder = tmp_path_factory.mktemp("timeline")
    return drawn(articles.of("sqlite"), folder)


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The timeline of missions whose names, aliases, summaries and sources hold
    markup, recorded with the CLI."""
    folder = tmp_path_factory.mktemp("hostile")
    store = str(folder / "missions.db")
    for number, payload in enumerate(PAYLOADS):
        slug = f"hostile-{number}"
        run(
            store, "register", slug, "--name", mission_name(payload),
            "--alias", f"alias {number} {payload}", "--on", "2022-02",
            "--source", payload, "--summary", f"Tracked: {payload}",
        )  # fmt: skip
        run(
            store, "record", slug, "status-changed", "--status", "at_risk",
            "--on", f"2022-02-{10 + number}/2022-02-{20 + number}",
            "--summary", payload, "--source", payload, "--source-title", payload,
            "--source-author", payload, "--source-url", address(payload),
        )  # fmt: skip
        run(
            store, "record", slug, "partner-joined", "--partner", "esa",
            "--role", "lead", "--on", f"../2022-01-{10 + number}",
            "--summary", f"ESA leads {payload}", "--source", "ESA",
            "--source-url", "https://spacenews.com/",
        )  # fmt: skip
    return drawn(store, folder)


@pytest.mark.parametrize("ending", ["html", "svg"])
def test_the_timeline_loads_offline_without_errors(
    browser: Browser, article_files: dict[str, Path], ending: str
) -> None:
    loaded = open_page(browser, article_files[ending], probe=PROBE)
    assert loaded.errors == []
    assert loaded.dialogs == []
    assert loaded.fetched == []
    assert loaded.colours() > 200
    for name in (
        "ExoMars",
        "Venera-D",
        "Luna 27",
        "Chang'e-6",
        "Chang'e-7",
        "International Lunar Research Station",
        "Soyuz at the Guiana Space Centre",
        "International Space Station",
    ):
        assert name in loaded.text
    assert loaded.probed == CLEAN


@pytest.mark.parametrize("ending", ["html", "svg"])
def test_markup_in_what_was_recorded_stays_text(
    browser: Browser, hostile_files: dict[str, Path], ending: str
) -> None:
    loaded = open_page(browser, hostile_files[ending], probe=PROBE)
    assert loaded.dialogs == []
    assert loaded.errors == []
    assert loaded.fetched == []
    for payload in PAYLOADS:
        assert mission_name(payload) in loaded.text
        assert f'{payload}, "{payload}", {payload}' in loaded.text
    probed: dict[str, Any] = loaded.probed
    assert probed == CLEAN
