"""What the last test run said of each scenario, read from its Cucumber JSON report."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any

from adapters.errors import InputError
from adapters.livingdocs.features import Feature, Scenario


class Status(StrEnum):
    """How a scenario (or one example of an outline) fared in the last run."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_RUN = "not run"


#: Step results that mean the scenario failed; any other that is not "passed"
#: (skipped, pending) means it did not run to the end.
FAILING = frozenset({"failed", "undefined", "ambiguous"})


@dataclass(frozen=True)
class Run:
    """One run of a scenario in the report (an outline runs once per example)."""

    name: str
    line: int
    #: Each reported step's line, text and result.
    steps: tuple[tuple[int | None, str, str], ...]
    error: str

    @property
    def status(self) -> Status:
        """Failed if a step failed, passed if every step passed, else not run."""
        results = [result for _, _, result in self.steps]
        if any(result in FAILING for result in results):
            return Status.FAILED
        if results and all(result == "passed" for result in results):
            return Status.PASSED
        return Status.NOT_RUN


@dataclass(frozen=True)
class Outcome:
    """A scenario's result: of the whole, of each example row, where it failed."""

    status: Status = Status.NOT_RUN
    #: An outline's examples, by the line of their row.
    rows: Mapping[int, Status] = field(default_factory=dict)
    #: The lines of the steps that failed.
    failed_steps: frozenset[int] = frozenset()
    error: str = ""


@dataclass(frozen=True)
class Results:
    """The outcome of every scenario found in a report, by file and line."""

    outcomes: Mapping[tuple[Path, int], Outcome] = field(default_factory=dict)

    def of(self, feature: Feature, scenario: Scenario) -> Outcome:
        """A scenario's outcome; not run if the report does not have it."""
        return self.outcomes.get((feature.path, scenario.line), Outcome())


def read_report(path: Path) -> list[dict[str, Any]]:
    """A Cucumber JSON report's features; anything else is refused."""
    try:
        text = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read '{path}': {error.strerror}") from None
    try:
        report = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"'{path}' is not valid JSON (line {error.lineno}, column {error.colno}:"
            f" {error.msg}); run the tests to write a new report"
        ) from None
    except UnicodeDecodeError:
        raise InputError(f"'{path}' is not valid JSON (not UTF-8 text)") from None
    problem = _problem(report)
    if problem:
        raise InputError(f"'{path}' is not a Cucumber JSON report: {problem}")
    return report  # type: ignore[no-any-return]


def _problem(report: Any) -> str | None:
    if not isinstance(report, list):
        return "expected a list of features"
    for number, feature in enumerate(report, 1):
        where = f"feature {number}"
        if not isinstance(feature, dict) or not isinstance(feature.get("uri"), str):
            return f"{where} has no 'uri'"
        if not isinstance(feature.get("elements", []), list):
            return f"{where} has no list of 'elements'"
        for index, element in enumerate(feature.get("elements", []), 1):
            where = f"feature {number}, element {index}"
            if not isinstance(element, dict) or not isinstance(
                element.get("line"), int
            ):
                return f"{where} has no 'line'"
            if not isinstance(element.get("name", ""), str):
                return f"{where} has a 'name' that is not text"
            steps = element.get("steps", [])
            if not isinstance(steps, list) or not all(_is_step(s) for s in steps):
                return f"{where} has a step without a 'result' status"
    return None


def _is_step(step: Any) -> bool:
    return (
        isinstance(step, dict)
        and isinstance(step.get("result"), dict)
        and isinstance(step["result"].get("status"), str)
        and isinstance(step.get("name", ""), str)
        and isinstance(step.get("line", 0), int)
    )


def mark(features: list[Feature], report: list[dict[str, Any]]) -> Results:
    """Each scenario's outcome in a report (as `read_report` returns it)."""
    runs: dict[tuple[Path, int], list[Run]] = defaultdict(list)
    for entry in report:
        feature = _feature_of(entry["uri"], features)
        if feature is None:
            continue
        for run in _runs(entry.get("elements", [])):
            scenario = _scenario_of(run, feature)
            if scenario is not None:
                runs[feature.path, scenario.line].append(run)
    outcomes = {
        (feature.path, scenario.line): _outcome(scenario, runs[key])
        for feature in features
        for scenario in feature.all_scenarios()
        if (key := (feature.path, scenario.line)) in runs
    }
    return Results(outcomes)


def _runs(elements: list[dict[str, Any]]) -> Iterable[Run]:
    before: list[tuple[int | None, str, str]] = []
    for element in elements:
        steps = [
            (s.get("line"), s.get("name", ""), s["result"]["status"])
            for s in element.get("steps", [])
        ]
        if element.get("type") == "background":  # some runners report it apart
            before = steps
            continue
        error = next(
            (
                s["result"].get("error_message") or ""
                for s in element.get("steps", [])
                if s["result"]["status"] in FAILING
            ),
            "",
        )
        yield Run(
            element.get("name", ""), element["line"], (*before, *steps), str(error)
        )
        before = []


def _feature_of(uri: str, features: list[Feature]) -> Feature | None:
    """The feature a report's entry is about: the same file, else the only one of
    that file name (pytest-bdd names it relative to its features directory)."""
    same = [f for f in features if Path(uri).resolve() == f.path.resolve()]
    named = [f for f in features if f.path.name == PurePosixPath(uri).name]
    found = same or named
    return found[0] if len(found) == 1 else None


def _scenario_of(run: Run, feature: Feature) -> Scenario | None:
    """The scenario of a run: at its line with its name, else the only one of its
    name (if the file changed since the run)."""
    scenarios = list(feature.all_scenarios())
    for scenario in scenarios:
        if scenario.line == run.line and run.name in _names(scenario):
            return scenario
    named = [s for s in scenarios if run.name in _names(s)]
    return named[0] if len(named) == 1 else None


def _names(scenario: Scenario) -> set[str]:
    """The names a scenario runs under: an outline's name may hold placeholders."""
    return {scenario.name} | {
        _fill(scenario.name, values) for values in _rows(scenario).values()
    }


def _outcome(scenario: Scenario, runs: list[Run]) -> Outcome:
    failed = [run for run in runs if run.status is Status.FAILED]
    failed_steps = frozenset(
        line
        for run in failed
        for line, _, result in run.steps
        if result in FAILING and line is not None
    )
    error = failed[0].error if failed else ""
    if not scenario.is_outline:
        return Outcome(_overall(runs), {}, failed_steps, error)
    rows = _row_statuses(scenario, runs)
    if failed:
        status = Status.FAILED
    elif not _telling_lines(scenario):  # examples that cannot be told apart
        status = _overall(runs)
    elif rows and all(s is Status.PASSED for s in rows.values()):
        status = Status.PASSED
    else:
        status = Status.NOT_RUN
    return Outcome(status, rows, failed_steps, error)


def _overall(runs: list[Run]) -> Status:
    statuses = {run.status for run in runs}
    if Status.FAILED in statuses:
        return Status.FAILED
    return Status.PASSED if Status.PASSED in statuses else Status.NOT_RUN


def _row_statuses(scenario: Scenario, runs: list[Run]) -> dict[int, Status]:
    """Each example row's status, from the runs whose steps read as that row's."""
    rows = _rows(scenario)
    telling = _telling_lines(scenario)
    expected = {
        line: _expected_steps(scenario, values) for line, values in rows.items()
    }
    found: dict[int, list[Run]] = {line: [] for line in rows}
    for run in runs:
        matching = [
            line for line, texts in expected.items() if _reads_as(run, texts, telling)
        ]
        if len(matching) == 1:
            found[matching[0]].append(run)
    return {line: _overall(found[line]) for line in rows}


def _reads_as(run: Run, texts: Mapping[int, str], telling: set[int]) -> bool:
    told = False
    for line, name, _ in run.steps:
        if line is not None and line in texts:
            if texts[line] != name:
                return False
            told = told or line in telling
    return told


def _rows(scenario: Scenario) -> dict[int, dict[str, str]]:
    """Each example row's values by placeholder name, by the row's line."""
    return {
        line: dict(zip(examples.header, cells, strict=False))
        for examples in scenario.examples
        for line, cells in zip(examples.body.lines, examples.body.rows, strict=True)
    }


def _telling_lines(scenario: Scenario) -> set[int]:
    """The lines of the outline's steps whose text holds a placeholder."""
    names = {name for examples in scenario.examples for name in examples.header}
    return {
        step.line
        for step in scenario.steps
        if any(f"<{name}>" in step.text for name in names)
    }


def _expected_steps(scenario: Scenario, values: Mapping[str, str]) -> dict[int, str]:
    texts = {s.line: s.text for b in scenario.backgrounds for s in b.steps}
    texts.update({s.line: _fill(s.text, values) for s in scenario.steps})
    return texts


def _fill(text: str, values: Mapping[str, str]) -> str:
    return re.sub(r"<([^<>]*)>", lambda m: values.get(m[1], m[0]), text)
