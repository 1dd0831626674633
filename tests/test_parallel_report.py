"""The test run's Cucumber report, which `missions docs` marks each scenario by,
holds every scenario when the suite runs in parallel workers (conftest.py carries
each scenario from its worker to the report)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = "features/test_seeding_bdd.py"


def scenarios_reported(tmp_path: Path, *options: str) -> list[str]:
    """The names of the scenarios in the report of a run of SPEC."""
    report = tmp_path / f"report{len(options)}.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--cucumberjson={report}",
            # One kind of store: the report names a scenario once a store kind.
            *("-k", "sqlite"),
            *options,
            SPEC,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    features = json.loads(report.read_text())
    return sorted(s["name"] for f in features for s in f["elements"])


def test_a_parallel_run_reports_every_scenario_a_serial_run_does(
    tmp_path: Path,
) -> None:
    serial = scenarios_reported(tmp_path)
    assert len(serial) >= 3
    assert scenarios_reported(tmp_path, "-n", "2") == serial
