"""`missions docs`: the feature files as a web site, marked by the last test run.
Here, the site itself: every feature in it as written, a page of its own for each,
and whatever a feature file or a report says shown as text."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from gherkin.parser import Parser

from tests.living_docs import (
    Page,
    docs,
    element,
    report,
    words,
    write_json,
)

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"


## The site holds every feature, as written


def gherkin_nodes(path: Path) -> Iterator[Mapping[str, Any]]:
    """Every node of a feature file's Gherkin tree, as the official parser reads it."""

    def walk(node: Any) -> Iterator[Mapping[str, Any]]:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    yield from walk(Parser().parse(path.read_text()))


def test_every_feature_is_in_the_site_with_all_it_says(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = docs("--out", out, "--features", FEATURES, "--report", tmp_path / "x")
    assert result.exit_code == 0, result.output
    index = Page((out / "index.html").read_text()).text
    scenarios = 0
    for path in sorted(FEATURES.glob("*.feature")):
        text = Page((out / f"{path.stem}.html").read_text()).text
        nodes = list(gherkin_nodes(path))
        feature = next(n for n in nodes if n.get("keyword") == "Feature")
        assert words(feature["name"]) in index
        assert words(feature["name"]) in text
        assert words(feature["description"]) in text
        expected: list[str] = []
        for node in nodes:
            if node.get("keyword") in ("Scenario", "Scenario Outline", "Rule"):
                expected.append(f"{node['keyword']}: {node['name']}")
                scenarios += node["keyword"] != "Rule"
                assert words(node["name"]) in index, node["name"]
            if "text" in node and "keywordType" in node:  # a step
                expected.append(f"{node['keyword'].strip()} {node['text']}")
            if "value" in node:  # a cell, of a data table or of Examples
                expected.append(node["value"])
            if "content" in node and "delimiter" in node:  # a doc string
                expected.append(node["content"])
        missing = [e for e in expected if words(e) not in text]
        assert missing == [], path.name
    assert scenarios > 50
    count = len(list(FEATURES.glob("*.feature")))
    assert result.stdout == ""  # the site is the result; the line says so
    assert result.stderr.endswith(
        f"Wrote {count} features ({scenarios} scenarios: 0 passed, 0 failed,"
        f" {scenarios} not run) to {out / 'index.html'}\n"
    )


def test_the_site_has_data_tables_doc_strings_and_rules_to_show() -> None:
    # so that the test above checks each of them
    source = "".join(p.read_text() for p in FEATURES.glob("*.feature"))
    assert '"""' in source
    assert re.search(r"^\s+Rule:", source, re.M)
    assert re.search(r"^\s+(Given|When|Then|And) .*:\n\s+\|", source, re.M)


## Pages


def test_every_feature_file_has_a_page_of_its_own_name() -> None:
    from adapters.livingdocs.site import page_names

    paths = [Path(n) for n in ("seeding.feature", "index.feature", "a b<c>.feature")]
    paths.append(Path("other/seeding.feature"))
    assert list(page_names(paths).values()) == [
        "seeding.html",
        "index-2.html",
        "a-b-c.html",
        "seeding-2.html",
    ]


def test_the_pages_are_written_beside_other_files_when_forced(
    launches: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("kept")
    assert docs("--out", out, "--features", launches, "--force").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".missions-docs",
        "index.html",
        "launches.html",
        "notes.txt",
    ]


def test_missions_help_does_not_load_the_gherkin_parser_or_the_site() -> None:
    probe = textwrap.dedent(
        """\
        import sys
        from cli.main import cli
        try:
            cli.main(["--help"])
        except SystemExit:
            pass
        print(sorted(m for m in sys.modules if m.split(".")[0] == "gherkin"
                     or m in ("adapters.livingdocs.site",
                              "adapters.livingdocs.pages",
                              "adapters.livingdocs.features")))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "docs " in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"


## Whatever a feature file or a report says, it is text


INJECTIONS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "'><iframe src=javascript:alert(4)>",
    "</title><script>alert(5)</script>",
    "</textarea></style></script><b>bold</b>",
    "javascript:alert(6)",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "&lt;i&gt;entity&lt;/i&gt; &amp;",
]


def injection_feature() -> str:
    """A feature file with markup wherever Gherkin takes text."""
    a, b, c, d, e, f, g, h, i = INJECTIONS
    return f"""\
@tag{a.replace(" ", "")}
Feature: Danger {a}
  The description {b}

  More {c}

  Background: Before {d}
    Given a background step {e}

  Rule: The rule {f}

    Scenario: A scenario {a}
      Given a step with `code {b}` and {c}
      Then a table:
        | {d} | {e} |
        | {g} | {h} |
      And a doc string:
        \"\"\"{i}
        {a}
        {b}
        \"\"\"

    @{f.replace(" ", "")}
    Scenario Outline: An outline <what> {g}
      When <what> happens
      Then <what> is shown as {c}

      Examples: Of {d}
        | what |
        | {a}  |
        | {b}  |
"""


def injection_site(directory: Path) -> Path:
    """A site built from the injection feature and a report that injects too."""
    features = directory / "features"
    features.mkdir()
    source = features / 'x"><img src=y onerror=alert(7)>.feature'
    source.write_text(injection_feature())
    line = 1 + next(
        n for n, text in enumerate(injection_feature().splitlines()) if "A scen" in text
    )
    steps = [(line + 1, "a step", "failed")]
    name, error = f"A scenario {INJECTIONS[0]}", f"E {INJECTIONS[1]}"
    found = write_json(
        directory / "cucumber.json",
        report(source.name, element(line, name, steps, error)),
    )
    out = directory / "site"
    result = docs("--out", out, "--features", features, "--report", found)
    assert result.exit_code == 0, result.output
    return out


#: Where the pages' links may lead: to the pages and their scenarios.
LINKS = r"(index|x-img-src-y-onerror-alert-7)\.html(#s\d+)?|#s\d+"
#: The elements and attributes the pages are made of; nothing else may appear.
TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "header", "div", "a",
    "span", "main", "h1", "h2", "h3", "h4", "p", "article", "section", "ul", "ol",
    "li", "label", "input", "code", "pre", "table", "thead", "tbody", "tr", "th",
    "td", "details", "summary", "footer", "script",
}  # fmt: skip


def test_markup_in_a_feature_file_or_report_is_shown_as_text(tmp_path: Path) -> None:
    out = injection_site(tmp_path)
    pages = sorted(out.glob("*.html"))
    assert [p.name for p in pages] == ["index.html", "x-img-src-y-onerror-alert-7.html"]
    for path in pages:
        html = path.read_text()
        page = Page(html)
        assert {tag for tag, _ in page.tags} <= TAGS
        assert [tag for tag, _ in page.tags].count("script") == 1
        for tag, attributes in page.tags:
            assert not [a for a in attributes if a.startswith("on")], (tag, attributes)
            assert tag == "script" or attributes.get("src") is None
            href = attributes.get("href") or ""
            assert tag != "a" or re.fullmatch(LINKS, href), href
        assert html.count("</title>") == 1
        assert "Danger <script>alert(1)</script>" in page.text
    text = Page((pages[1]).read_text()).text
    for injected in INJECTIONS:
        assert words(injected) in text, injected
    assert "E <img src=x onerror=alert(2)>" in text  # the report's error message
