"""The test run's Cucumber JSON report (pyproject's addopts name it), which
`missions docs` marks each scenario by: kept by the runs that run the features,
and left alone by those that run only other tests."""

from __future__ import annotations

from pathlib import Path

import pytest


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
