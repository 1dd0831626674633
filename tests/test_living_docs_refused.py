"""`missions docs` refuses bad input in one line, with exit code 2, and writes
nothing: a report that is not Cucumber JSON, a feature file that is not Gherkin, a
directory without features, an out path or a report that is the wrong kind of file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.living_docs import docs, refused


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
    assert message == (
        f"no feature files (*.feature) in '{tmp_path}': run it in the project's"
        " folder, where features/ is, or give --features DIR"
    )
    assert not out.exists()


def test_a_folder_holding_other_files_is_refused_unless_forced(
    tmp_path: Path,
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "precious.txt").write_text("mine")
    message = refused(docs("--out", out))
    assert message == (
        f"--out '{out}' holds other files than a site `missions docs` wrote:"
        " choose an empty or new folder, or give --force to write among them"
    )
    assert sorted(p.name for p in out.iterdir()) == ["precious.txt"]
    forced = docs("--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    again = docs("--out", out)  # a site it wrote: written again without --force
    assert again.exit_code == 0, again.output
    assert (out / "precious.txt").read_text() == "mine"


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
