"""`missions docs`: the feature files as a web site, marked by the last test run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from gherkin.parser import Parser

from cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"

LAUNCHES = """\
Feature: Launches
  Rockets go up, mostly.

  Scenario: A launch that went well
    Given a rocket
    Then it flies

  Scenario: A launch that went badly
    Given a rocket
    Then it explodes

  Scenario Outline: Launches by the dozen
    Given <count> rockets
    Then <count> of them fly

    Examples:
      | count |
      | 1     |
      | 2     |

  Scenario: A launch put off
    Given a rocket
    Then the weather is checked
"""
#: The lines of LAUNCHES' scenarios, and of its outline's example rows.
WELL, BADLY, DOZEN, PUT_OFF = 4, 8, 12, 21
#: How the site marks them after the run both tests make: one passes, one fails, one
#: outline row of two fails, one is not run.
LAUNCH_MARKS = {WELL: "passed", BADLY: "failed", DOZEN: "failed", PUT_OFF: "not-run"}
ONE, TWO = 18, 19


def docs(*args: str | Path) -> Result:
    """Run `missions docs ARGS...` in-process."""
    return CliRunner().invoke(cli, ["docs", *map(str, args)])


def refused(result: Result) -> str:
    """The one-line error of a command refused as bad usage (exit 2)."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1
    return result.stderr.removeprefix("Error: ").removesuffix("\n")


def element(
    line: int, name: str, steps: list[tuple[int, str, str]], error: str = ""
) -> dict[str, Any]:
    """A scenario's element of a Cucumber JSON report, as pytest-bdd writes it."""
    return {
        "keyword": "Scenario",
        "id": f"test_{line}",
        "name": name,
        "line": line,
        "description": "",
        "tags": [],
        "type": "scenario",
        "steps": [
            {
                "keyword": "Given",
                "name": text,
                "line": at,
                "match": {"location": ""},
                "result": {"status": status, "duration": 1}
                | ({"error_message": error} if status == "failed" else {}),
            }
            for at, text, status in steps
        ],
    }


def report(uri: str, *elements: dict[str, Any]) -> list[dict[str, Any]]:
    """A Cucumber JSON report of one feature file."""
    return [{"keyword": "Feature", "uri": uri, "name": "", "elements": [*elements]}]


def launch_report(
    two: str = "failed", *, twice: bool = True, shift: int = 0
) -> list[dict[str, Any]]:
    """A report of LAUNCHES: one scenario passed, one failed, the outline's second
    example as given, the last scenario not run (each on two stores if `twice`)."""
    runs = [
        element(WELL + shift, "A launch that went well", [(5, "a rocket", "passed")]),
        element(
            BADLY + shift,
            "A launch that went badly",
            [(9, "a rocket", "passed"), (10, "it explodes", "failed")],
            "AssertionError: it exploded",
        ),
        element(
            DOZEN + shift,
            "Launches by the dozen",
            [(13, "1 rockets", "passed"), (14, "1 of them fly", "passed")],
        ),
        element(
            DOZEN + shift,
            "Launches by the dozen",
            [(13, "2 rockets", "passed"), (14, "2 of them fly", two)],
        ),
    ]
    return report("features/launches.feature", *(runs * (2 if twice else 1)))


@pytest.fixture
def launches(tmp_path: Path) -> Path:
    """A directory holding LAUNCHES as launches.feature."""
    directory = tmp_path / "features"
    directory.mkdir()
    (directory / "launches.feature").write_text(LAUNCHES)
    return directory


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value))
    return path


class Page(HTMLParser):
    """A page's text (without its style and script), its tags and their
    attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skipping = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._skipping = tag in ("script", "style")
        self._between(tag)

    def handle_endtag(self, tag: str) -> None:
        self._skipping = False
        self._between(tag)

    def _between(self, tag: str) -> None:
        if tag not in INLINE:  # blocks' texts are apart
            self.chunks.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        """The text, its white space run together."""
        return words("".join(self.chunks))


#: The elements whose text runs on with the text around them.
INLINE = frozenset({"span", "code", "a", "b", "i"})


def words(text: str) -> str:
    """Text with its white space run together and without `code` backticks."""
    return " ".join(text.replace("`", "").split())


def marks(html: str) -> dict[int, str]:
    """Each scenario's mark on a feature page, by the scenario's line."""
    found = re.findall(r'<article class="card ([a-z-]+)" id="s(\d+)"', html)
    return {int(line): status for status, line in found}


def row_marks(html: str) -> list[str]:
    """The marks of an outline's example rows, in order."""
    return re.findall(r'<tr class="([a-z-]+)"><td><span class="badge', html)


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
    assert result.stdout == (
        f"Wrote {count} features ({scenarios} scenarios: 0 passed, 0 failed,"
        f" {scenarios} not run) to {out / 'index.html'}\n"
    )


def test_the_site_has_data_tables_doc_strings_and_rules_to_show() -> None:
    # so that the test above checks each of them
    source = "".join(p.read_text() for p in FEATURES.glob("*.feature"))
    assert '"""' in source
    assert re.search(r"^\s+Rule:", source, re.M)
    assert re.search(r"^\s+(Given|When|Then|And) .*:\n\s+\|", source, re.M)


## Results of the last run


def test_a_report_marks_scenarios_passed_failed_or_not_run(
    launches: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    found = write_json(tmp_path / "cucumber.json", launch_report())
    result = docs("--out", out, "--features", launches, "--report", found)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == (
        "Wrote 1 feature (4 scenarios: 1 passed, 2 failed, 1 not run)"
        f" to {out / 'index.html'}\n"
    )
    page = (out / "launches.html").read_text()
    assert marks(page) == LAUNCH_MARKS
    assert row_marks(page) == ["passed", "failed"]
    assert "AssertionError: it exploded" in Page(page).text
    index = (out / "index.html").read_text()
    for status in ("1 passed", "2 failed", "1 not run"):
        assert f"</span> {status}</span>" in index


def test_an_outline_passes_only_when_every_example_passed(
    launches: Path, tmp_path: Path
) -> None:
    from adapters.livingdocs.cucumber import Status, mark
    from adapters.livingdocs.features import read_features

    features = read_features(launches)
    outline = next(s for s in features[0].all_scenarios() if s.line == DOZEN)

    def outline_of(found: list[dict[str, Any]]) -> tuple[Status, dict[int, Status]]:
        outcome = mark(features, found).of(features[0], outline)
        return outcome.status, dict(outcome.rows)

    assert outline_of(launch_report("passed")) == (
        Status.PASSED,
        {ONE: Status.PASSED, TWO: Status.PASSED},
    )
    skipped = outline_of(launch_report("skipped"))
    assert skipped == (Status.NOT_RUN, {ONE: Status.PASSED, TWO: Status.NOT_RUN})
    only_one = launch_report("passed")
    only_one[0]["elements"] = only_one[0]["elements"][:3]
    assert outline_of(only_one) == (
        Status.NOT_RUN,
        {ONE: Status.PASSED, TWO: Status.NOT_RUN},
    )
    # one store failed an example that the other passed
    mixed = launch_report("passed", twice=False) + launch_report("failed")
    assert outline_of(mixed)[0] is Status.FAILED


def test_a_scenario_moved_since_the_run_is_found_by_its_name(
    launches: Path, tmp_path: Path
) -> None:
    from adapters.livingdocs.cucumber import Status, mark
    from adapters.livingdocs.features import read_features

    features = read_features(launches)
    results = mark(features, launch_report(shift=3))
    statuses = {
        s.line: results.of(features[0], s).status for s in features[0].all_scenarios()
    }
    assert statuses == {
        WELL: Status.PASSED,
        BADLY: Status.FAILED,
        DOZEN: Status.FAILED,
        PUT_OFF: Status.NOT_RUN,
    }


PYTEST_BDD_STEPS = """\
import pytest
from pytest_bdd import given, parsers, scenarios, then

scenarios("launches.feature")


@given("a rocket")
def rocket():
    pass


@given(parsers.parse("{count:d} rockets"))
def rockets(count):
    pass


@then("it flies")
def flies():
    pass


@then("it explodes")
def explodes():
    raise AssertionError("it <b>exploded</b>")


@then(parsers.parse("{count:d} of them fly"))
def fly(count):
    assert count != 2


@then("the weather is checked")
def weather():
    pass
"""


def test_a_report_written_by_pytest_bdd_marks_each_scenario_and_example(
    launches: Path, tmp_path: Path
) -> None:
    (launches / "test_launches.py").write_text(PYTEST_BDD_STEPS)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    found = tmp_path / "cucumber.json"
    run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*run, f"--cucumberjson={found}", "-k", "not put_off", "features"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # (pytest-bdd reports a scenario skipped by a step as passed: hence -k)
    assert "2 failed, 2 passed, 1 deselected" in done.stdout, done.stdout
    out = tmp_path / "site"
    result = docs("--out", out, "--features", launches, "--report", found)
    assert result.exit_code == 0, result.output
    assert "(4 scenarios: 1 passed, 2 failed, 1 not run)" in result.stdout
    page = (out / "launches.html").read_text()
    assert marks(page) == LAUNCH_MARKS
    assert row_marks(page) == ["passed", "failed"]
    assert "it <b>exploded</b>" in Page(page).text


def test_without_a_report_every_scenario_is_not_run_and_it_says_how_to_make_one(
    launches: Path, tmp_path: Path
) -> None:
    out, missing = tmp_path / "site", tmp_path / "reports" / "cucumber.json"
    result = docs("--out", out, "--features", launches, "--report", missing)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"No test report at {missing}: every scenario is shown as not run;"
        " run the tests (.venv/bin/pytest) to make one.\n"
    )
    assert "(4 scenarios: 0 passed, 0 failed, 4 not run)" in result.stdout
    assert set(marks((out / "launches.html").read_text()).values()) == {"not-run"}


def test_a_report_of_other_tests_says_so(launches: Path, tmp_path: Path) -> None:
    found = write_json(tmp_path / "cucumber.json", [])
    result = docs("--out", tmp_path / "site", "--features", launches, "--report", found)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"The test report at {found} has no results")
    assert result.stderr.count("\n") == 1


## Bad input: one line, exit 2, nothing written


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("{not json", "is not valid JSON (line 1, column 2:"),
        ("", "is not valid JSON (line 1, column 1:"),
        ('{"features": []}', "is not a Cucumber JSON report: expected a list"),
        ("[1, 2]", "is not a Cucumber JSON report: feature 1 has no 'uri'"),
        (
            '[{"uri": "a.feature", "elements": [{"name": "x"}]}]',
            "is not a Cucumber JSON report: feature 1, element 1 has no 'line'",
        ),
        (
            '[{"uri": "a.feature", "elements": [{"line": 3, "steps": [{}]}]}]',
            "is not a Cucumber JSON report: feature 1, element 1 has a step without",
        ),
    ],
    ids=["broken", "empty", "object", "numbers", "no-line", "no-result"],
)
def test_a_report_that_is_not_a_cucumber_report_is_refused(
    launches: Path, tmp_path: Path, content: str, error: str
) -> None:
    found = tmp_path / "cucumber.json"
    found.write_text(content)
    out = tmp_path / "site"
    result = docs("--out", out, "--features", launches, "--report", found)
    assert error in refused(result)
    assert refused(result).startswith(f"'{found}' ")
    assert not out.exists()


#: The start of a feature file, to go wrong after.
STEP = "Feature: A\n  Scenario: B\n    Given c\n"


@pytest.mark.parametrize(
    ("text", "line", "error"),
    [
        (f"{STEP}  Nonsense here\n", 4, "'Nonsense here'"),
        (f"{STEP}      | a | b |\n      | c |\n", 5, "inconsistent cell count"),
        ("# only a comment\n", 1, "no 'Feature:' in the file"),
        (f'{STEP}      """\n      never closed\n', 6, "unexpected end of file"),
        ("Given c\nFeature: A\n", 1, "got 'Given c'"),
    ],
    ids=["stray-text", "table", "no-feature", "doc-string", "step-first"],
)
def test_a_feature_file_that_is_not_gherkin_is_refused_with_its_name_and_line(
    launches: Path, tmp_path: Path, text: str, line: int, error: str
) -> None:
    broken = launches / "zz_broken.feature"
    broken.write_text(text)
    out = tmp_path / "site"
    message = refused(docs("--out", out, "--features", launches))
    assert message.startswith(f"{broken}, line {line}: ")
    assert error in message
    assert not out.exists()


def test_a_directory_without_feature_files_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    message = refused(docs("--out", out, "--features", tmp_path))
    assert message == f"no feature files (*.feature) in '{tmp_path}'"
    assert not out.exists()


def test_an_out_path_that_is_a_file_is_refused(launches: Path, tmp_path: Path) -> None:
    taken = tmp_path / "site.html"
    taken.write_text("mine")
    for out in (taken, taken / "site"):
        message = refused(docs("--out", out, "--features", launches))
        assert message == f"--out '{out}': '{taken}' is a file, not a directory"
    assert taken.read_text() == "mine"


def test_a_report_that_is_a_directory_is_refused(
    launches: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = docs("--out", out, "--features", launches, "--report", tmp_path)
    assert refused(result) == f"cannot read '{tmp_path}': Is a directory"
    assert not out.exists()


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


def test_the_pages_are_written_into_an_existing_directory_beside_other_files(
    launches: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("kept")
    assert docs("--out", out, "--features", launches).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
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
    pages = sorted(out.iterdir())
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
