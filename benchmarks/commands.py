"""cli_status_ratio and cli_help_ratio: whole `missions` processes against
`python -c pass`."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from benchmarks.common import MISSIONS, Settings, ms, remove_store, rounds, run


def measure_cli(settings: Settings, tmp: Path) -> dict[str, float]:
    """cli_status_ratio and cli_help_ratio: whole processes against `python -c
    pass`, interleaved."""
    db = tmp / "seeded.db"
    run([MISSIONS, "--store", str(db), "seed"])
    status = [
        *(MISSIONS, "--store", str(db)),
        *("status", "exomars", "--at", "2022-03-01", "--json"),
    ]
    answer = orjson.loads(run(status).stdout)
    if answer.get("mission") != "exomars":
        raise SystemExit(f"unexpected status answer: {answer}")
    commands = [[sys.executable, "-c", "pass"], status, [MISSIONS, "--help"]]

    def wall(command: list[str]) -> Callable[[], float]:
        def step() -> float:
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            return time.perf_counter() - start

        return step

    runs = settings.cli_runs
    python, status_s, help_s = rounds([wall(c) for c in commands], 0, runs, runs)
    remove_store(db)
    return {
        "python_ms": ms(python),
        "cli_status_ms": ms(status_s),
        "cli_help_ms": ms(help_s),
        "cli_status_ratio": statistics.median(status_s) / statistics.median(python),
        "cli_help_ratio": statistics.median(help_s) / statistics.median(python),
    }
