"""Makes the folder where the test run keeps its Cucumber JSON report (pyproject's
addopts name it), so that `missions docs` can mark each scenario passed or failed."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Create the report's folder before pytest-bdd writes the report into it."""
    report = config.getoption("cucumber_json_path", None)
    if report:
        Path(report).parent.mkdir(parents=True, exist_ok=True)
