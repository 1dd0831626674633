"""What the tests of `missions docs` share: running the command, a feature file of
launches and Cucumber JSON reports of it, and reading the pages written."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from cli.main import cli

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


def launches_in(tmp_path: Path) -> Path:
    """A directory holding LAUNCHES as launches.feature (the `launches` fixture of
    the modules that use it)."""
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
