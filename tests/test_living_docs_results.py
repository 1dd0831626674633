"""`missions docs` marks each scenario by the last test run's Cucumber JSON report:
passed, failed or not run, an outline by every example; without a report, or with
one of other tests, it says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.living_docs import (
    BADLY,
    DOZEN,
    LAUNCH_MARKS,
    ONE,
    PUT_OFF,
    TWO,
    WELL,
    Page,
    docs,
    launch_report,
    marks,
    row_marks,
    write_json,
)


def test_a_report_marks_scenarios_passed_failed_or_not_run(
    launches: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    found = write_json(tmp_path / "cucumber.json", launch_report())
    result = docs("--out", out, "--features", launches, "--report", found)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
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
    assert "(4 scenarios: 1 passed, 2 failed, 1 not run)" in result.stderr
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
    warned, wrote = result.stderr.splitlines()
    assert warned == (
        f"No test report at {missing}: every scenario is shown as not run;"
        " run the tests (.venv/bin/pytest) to make one."
    )
    assert "(4 scenarios: 0 passed, 0 failed, 4 not run)" in wrote
    assert set(marks((out / "launches.html").read_text()).values()) == {"not-run"}


def test_a_report_of_other_tests_says_so(launches: Path, tmp_path: Path) -> None:
    found = write_json(tmp_path / "cucumber.json", [])
    result = docs("--out", tmp_path / "site", "--features", launches, "--report", found)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"The test report at {found} has no results")
    assert result.stderr.count("\n") == 2  # and the line that says what was written
