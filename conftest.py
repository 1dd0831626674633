"""The test run's Cucumber JSON report (pyproject's addopts name it), which
`missions docs` marks each scenario by: kept by the runs that run the features,
and left alone by those that run only other tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Tables are cut to $COLUMNS when it is set: the tests read whole rows, unless a
# test sets it itself.
os.environ.pop("COLUMNS", None)

#: The features' step definitions (features/steps), loaded for every feature; only
#: the root conftest may name plugins.
pytest_plugins = (
    "features.steps.given",
    "features.steps.when",
    "features.steps.answers",
    "features.steps.listings",
    "features.steps.told",
    "features.steps.programmes",
    "features.steps.packs",
)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Before pytest-bdd opens the report: no report from a run without features,
    else make the report's folder."""
    report = config.getoption("cucumber_json_path", None)
    if not report:
        return
    features = Path(config.rootpath, "features").resolve()
    asked = [
        Path(config.invocation_params.dir, arg.split("::")[0]) for arg in config.args
    ]
    if not any(_within(path.resolve(), features) for path in asked):
        config.option.cucumber_json_path = None
        return
    Path(report).parent.mkdir(parents=True, exist_ok=True)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents or path in folder.parents


# With pytest-xdist, the scenarios run in workers and the report is written by the
# controller. pytest-bdd keeps each test report's scenario beside the report
# object, in the worker: the hooks below carry it across with the report.

_SCENARIO = "bdd_scenario"


@pytest.hookimpl(hookwrapper=True)
def pytest_report_to_serializable(report: pytest.TestReport) -> Iterator[None]:
    """In a worker: the report as sent, with its scenario, if it has one."""
    from pytest_bdd.reporting import test_report_context_registry

    outcome = yield
    data = outcome.get_result()  # type: ignore[attr-defined]
    context = test_report_context_registry.get(report)
    if isinstance(data, dict) and context is not None:
        data[_SCENARIO] = {"scenario": context.scenario, "name": context.name}


@pytest.hookimpl(hookwrapper=True)
def pytest_report_from_serializable(data: dict[str, Any]) -> Iterator[None]:
    """In the controller: the report as received, its scenario kept beside it for
    pytest-bdd's Cucumber JSON report."""
    from pytest_bdd.reporting import ReportContext, test_report_context_registry

    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    context = data.get(_SCENARIO)
    if report is not None and context is not None:
        test_report_context_registry[report] = ReportContext(**context)


#: The tests that take longest (tens of seconds each), by module: run first, so
#: that the parallel workers do not wait on one of them at the end of the run.
LONG_FIRST = (
    "tests/test_two_axes_law.py",
    "tests/test_parallel_report.py",
    "tests/test_concurrency.py",
    "tests/test_crash_safety.py",
    "tests/test_status_law.py",
    "tests/test_living_docs_browser.py",
    "tests/test_exchange.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the longest tests first (`LONG_FIRST`), the rest as collected."""
    rank = {module: index for index, module in enumerate(LONG_FIRST)}

    def place(item: pytest.Item) -> int:
        module = item.nodeid.split("::")[0]
        return rank.get(module, len(LONG_FIRST))

    items.sort(key=place)  # stable: the rest keep their order
