"""The report: the header line, each figure's target, and whether it was met."""

from __future__ import annotations

import os
import platform
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from benchmarks.common import Settings


@dataclass(frozen=True)
class Target:
    """A figure's target: `value <op> limit`."""

    name: str
    op: str
    limit: float

    def met(self, value: float) -> bool:
        """Whether the value meets the target."""
        return {
            ">=": value >= self.limit,
            "<=": value <= self.limit,
            "<": value < self.limit,
        }[self.op]


TARGETS = [
    Target("import_ratio", ">=", 0.7),
    Target("import_ratio_pg", ">=", 0.6),
    Target("first_question_after_import_ms", "<", 500),
    Target("rebuild_vs_import", ">=", 0.5),
    Target("corrections_growth", "<=", 6),
    Target("undone_growth", "<=", 6),
    Target("pack_again_growth", "<=", 6),
    Target("pack_first_growth", "<=", 6),
    Target("many_missions_growth", "<=", 4.5),
    Target("record_ms_many", "<", 500),
    Target("store_vs_events", "<=", 2),
    Target("status_growth", "<=", 3),
    Target("replay_speedup", ">=", 100),
    Target("known_at_ms_100k", "<", 250),
    Target("known_at_growth", "<=", 3),
    Target("history_growth", "<=", 3),
    Target("list_ms_1000", "<", 50),
    Target("changes_ms_1000", "<", 100),
    Target("log_vs_export", ">=", 0.25),
    Target("export_vs_plain", ">=", 0.5),
    Target("log_peak_mb", "<", 60),
    Target("export_peak_mb", "<", 60),
    Target("record_ms_100k", "<", 300),
    Target("status_after_record_ms_100k", "<", 300),
    Target("cli_status_ratio", "<=", 6),
    Target("cli_help_ratio", "<=", 4),
    Target("import_peak_mb", "<=", 200),
    Target("command_peak_mb", "<=", 200),
    Target("serve_errors", "<=", 0),
    Target("serve_torn_answers", "<=", 0),
    Target("serve_last_matches_status", ">=", 1),
]


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def header(settings: Settings) -> str:
    """The run's date, Python, CPU, cores and mode, on one line."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return (
        f"benchmark: {now}, Python {platform.python_version()},"
        f" CPU {cpu_model()}, {cores or os.cpu_count()} cores,"
        f" SQLite {sqlite3.sqlite_version}, {'quick' if settings.quick else 'full'} run"
    )


def report_targets(values: dict[str, Any], settings: Settings) -> None:
    """One `targets:` line per figure: met or missed, and a summary line."""
    missed = []
    print(
        f"targets: status_ms_100k = {values['status_ms_100k']:.1f}: no target of its"
        " own (it is part of status_growth and replay_speedup)"
    )
    for target in TARGETS:
        value = values[target.name]
        met = target.met(value)
        decimals = (
            1 if target.name.endswith(("_ms", "_ms_100k", "_ms_1000", "_mb")) else 2
        )
        note = ""
        imported = ("import_", "first_question", "rebuild_", "store_", "command_")
        if target.name == "import_ratio_pg":
            note = " (measured at 100000 events)"
        elif target.name.startswith(imported) and values["import_events"] < 1_000_000:
            note = (
                f" (measured at {values['import_events']} events; the target is"
                " for 1,000,000)"
            )
        print(
            f"targets: {target.name} = {value:.{decimals}f}, target {target.op}"
            f" {target.limit:g}: {'met' if met else 'MISSED'}{note}"
        )
        if not met:
            missed.append(target.name)
    summary = f"{len(TARGETS) - len(missed)} of {len(TARGETS)} met"
    print(f"targets: {summary}" + (f"; missed: {', '.join(missed)}" if missed else ""))


def or_na(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"
