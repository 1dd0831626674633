"""The living documentation in a real browser: it loads cleanly, offline, from its
own files; its search hides what does not match; and markup in a feature file or a
report never runs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from cli.main import cli
from tests.browser import Loaded, open_page, watch
from tests.test_living_docs import FEATURES, INJECTIONS, injection_site

#: The feature and scenario the report made here marks failed.
FAILED_FEATURE = "bad_input.feature"
#: The feature whose first scenario the report made here marks passed.
PASSED_FEATURE = "seeding.feature"


def title_of(path: Path) -> str:
    """A feature file's title, from its `Feature:` line."""
    line = next(s for s in path.read_text().splitlines() if s.startswith("Feature:"))
    return line.removeprefix("Feature:").strip()


def scenario_names() -> list[str]:
    """The names of every scenario and outline of the project's features."""
    found = re.compile(r"^\s*Scenario(?: Outline)?:\s*(.+?)\s*$", re.M)
    return [n for p in FEATURES.glob("*.feature") for n in found.findall(p.read_text())]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the project's features, with a report that fails a scenario of
    one and passes a scenario of another."""
    directory = tmp_path_factory.mktemp("docs")
    steps = [{"name": "x", "line": 1, "result": {"status": "failed"}}]
    runs = [{"name": "An unknown mission", "line": 11, "steps": steps}]
    lines = (FEATURES / PASSED_FEATURE).read_text().splitlines()
    line, text = next((n, s) for n, s in enumerate(lines, 1) if "Scenario:" in s)
    name = text.split(":", 1)[1].strip()
    passed = [{"name": "x", "line": 1, "result": {"status": "passed"}}]
    report = [
        {"uri": f"features/{FAILED_FEATURE}", "elements": runs},
        {
            "uri": f"features/{PASSED_FEATURE}",
            "elements": [{"name": name, "line": line, "steps": passed}],
        },
    ]
    found = directory / "cucumber.json"
    found.write_text(json.dumps(report))
    out = directory / "site"
    args = ["docs", "--out", str(out), "--features", str(FEATURES)]
    args += ["--report", str(found)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out


@contextmanager
def visit(browser: Browser, path: Path) -> Iterator[tuple[Page, Loaded]]:
    """A page to act on, offline, noting its errors and dialogs as it goes."""
    context = browser.new_context(offline=True)
    page = context.new_page()
    seen = watch(page)
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        yield page, seen
    finally:
        context.close()


def shown(page: Page, selector: str) -> list[str]:
    """The text of the elements a selector finds that are not hidden."""
    found: list[str] = page.eval_on_selector_all(
        selector,
        "nodes => nodes.filter(n => n.offsetParent !== null)"
        ".map(n => n.textContent.trim())",
    )
    return found


def test_every_page_loads_cleanly_offline_from_its_own_file(
    browser: Browser, site: Path
) -> None:
    pages = sorted(site.glob("*.html"))
    assert len(pages) == len(list(FEATURES.glob("*.feature"))) + 1
    texts: dict[str, str] = {}
    for path in pages:
        loaded = open_page(browser, path)
        assert loaded.errors == [], path.name
        assert loaded.dialogs == [], path.name
        assert loaded.fetched == [], path.name
        assert loaded.colours() > 30, path.name
        texts[path.name] = " ".join(loaded.text.split())
    for feature in FEATURES.glob("*.feature"):
        assert title_of(feature) in texts["index.html"]
        assert f"Feature: {title_of(feature)}" in texts[f"{feature.stem}.html"]
    assert "\u2717 1 failed" in texts["index.html"]
    assert "\u2713 1 passed" in texts["index.html"]


def test_the_search_hides_the_features_and_scenarios_that_do_not_match(
    browser: Browser, site: Path
) -> None:
    titles = {title_of(p) for p in FEATURES.glob("*.feature")}
    with visit(browser, site / "index.html") as (page, seen):
        assert set(shown(page, "[data-group] h2")) == titles
        page.fill("#search", "what we knew, and when")
        assert shown(page, "[data-group] h2") == ["What we knew, and when"]
        page.fill("#search", "  ENDS before   it BEGINS ")  # in an Examples table
        assert shown(page, "[data-item] a") == ["A malformed date"]
        assert shown(page, "[data-group] h2") == ["Bad input"]
        assert page.text_content("#search-said") == (
            f"1 of {len(titles)} features, 1 of {len(scenario_names())}"
            " scenarios match."
        )
        page.fill("#search", "status:failed")
        assert shown(page, "[data-item] a") == ["An unknown mission"]
        assert shown(page, "[data-group] h2") == [title_of(FEATURES / FAILED_FEATURE)]
        page.fill("#search", "no such words anywhere")
        assert shown(page, "[data-group] h2") == []
        assert page.text_content("#search-said") == (
            "Nothing matches \u201cno such words anywhere\u201d."
        )
        page.fill("#search", "")
        assert set(shown(page, "[data-group] h2")) == titles
        assert seen.errors == []
    with visit(browser, site / "bad_input.html") as (page, seen):
        scenarios = shown(page, "article[data-item] h3")
        page.fill("#search", "malformed")
        assert shown(page, "article[data-item] h3") == [
            "Scenario Outline: A malformed date"
        ]
        assert len(scenarios) > 1
        assert shown(page, "section.rule > h2") == [
            "Rule: A malformed date is refused, with the forms that are accepted"
        ]
        assert seen.errors == []


#: What a page would have if markup from the features had become elements.
DOM_PROBE = """() => ({
    scripts: document.scripts.length,
    foreign: document.querySelectorAll(
        "img, svg, iframe, object, embed, b, i, textarea, form, base, "
        + "meta[http-equiv=refresh i], link[rel=stylesheet], link[rel=import]"
    ).length,
    handlers: Array.from(document.querySelectorAll("*")).filter(
        e => Array.from(e.attributes).some(a => a.name.startsWith("on"))
    ).length,
    scriptLinks: Array.from(document.links).filter(
        a => a.protocol !== "file:"
    ).length,
    titles: document.querySelectorAll("title").length,
    text: document.body.textContent,
})"""


def test_markup_in_a_feature_file_or_report_never_runs(
    browser: Browser, tmp_path: Path
) -> None:
    out = injection_site(tmp_path)
    for path in sorted(out.glob("*.html")):
        with visit(browser, path) as (page, seen):
            found: dict[str, Any] = page.evaluate(DOM_PROBE)
            assert found["scripts"] == 1, path.name
            assert found["foreign"] == 0, path.name
            assert found["handlers"] == 0, path.name
            assert found["scriptLinks"] == 0, path.name
            assert found["titles"] == 1, path.name
            assert "Danger <script>alert(1)</script>" in found["text"]
            if path.name != "index.html":
                text = " ".join(found["text"].replace("`", "").split())
                for injected in INJECTIONS:
                    assert " ".join(injected.split()) in text, injected
            for typed in INJECTIONS:
                page.fill("#search", typed)
                said = page.text_content("#search-said") or ""
                assert typed.strip() in said or "scenarios match" in said
            page.fill("#search", "")
            assert page.evaluate(DOM_PROBE)["foreign"] == 0
            assert seen.dialogs == [], path.name
            assert seen.errors == [], path.name
        loaded = open_page(browser, path)
        assert (loaded.errors, loaded.dialogs, loaded.fetched) == ([], [], [])
