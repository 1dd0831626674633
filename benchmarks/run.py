"""Measure the tracker's speed targets, side by side, in one run.

    .venv/bin/python benchmarks/run.py [--quick]

The script builds its own data (valid, hash-chained NDJSON exports, streamed to
temporary files), imports it, times the queries in this process and the commands
as whole processes, and prints one `name: value` line per figure, then one
`targets:` line per figure saying whether its target was met. Progress goes to
standard error. A missed target is a measurement, not a failure: the exit status
is 0 unless something could not be measured. See docs/performance.md."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository holds the package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import resource
import tempfile
import time
from collections.abc import Sequence
from typing import Any

from benchmarks.commands import measure_cli
from benchmarks.common import (
    DISK,
    FULL,
    QUICK,
    STARTED,
    Settings,
    compile_bytecode,
    figure,
    progress,
)
from benchmarks.corrections import measure_corrections
from benchmarks.imports import measure_import
from benchmarks.queries import measure_list, measure_status
from benchmarks.report import header, or_na, report_targets


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the figures and the targets; 0 even when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a run under five minutes (fewer samples)"
    )
    settings = QUICK if parser.parse_args(argv).quick else FULL
    print(header(settings), flush=True)
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="missions-bench-") as name:
        values = measure_all(settings, Path(name))
    report_targets(values, settings)
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figure("benchmark_peak_mb", own_peak, 1)
    figure("benchmark_disk_mb", DISK[0] / 2**20, 1)
    figure("elapsed_s", time.perf_counter() - STARTED, 1)
    return 0


def measure_all(settings: Settings, tmp: Path) -> dict[str, Any]:
    """Every measurement, each figure printed as soon as it is measured."""
    values: dict[str, Any] = {"import_events": settings.import_events}
    progress("cli: a seeded store, whole processes")
    cli = measure_cli(settings, tmp)
    figure("cli_status_ratio", cli["cli_status_ratio"])
    figure("cli_help_ratio", cli["cli_help_ratio"])
    figure("python_pass_ms", cli["python_ms"], 1)
    figure("cli_status_ms", cli["cli_status_ms"], 1)
    figure("cli_help_ms", cli["cli_help_ms"], 1)
    figure("cli_runs", settings.cli_runs)
    values |= cli

    imports = measure_import(settings, tmp)
    figure("import_ratio", imports["import_ratio"])
    figure("import_peak_mb", imports["import_peak_mb"], 1)
    figure("import_events", settings.import_events)
    figure("import_events_per_s", settings.import_events / imports["import_s"], 0)
    figure("sqlite3_events_per_s", settings.import_events / imports["baseline_s"], 0)
    figure("import_rounds", int(imports["rounds"]))
    figure("import_ratio_100k", imports["import_ratio_100k"])
    figure("import_cpu_ratio", imports["import_cpu_ratio"])
    figure("import_ratio_pg", imports["import_ratio_pg"])
    figure("import_pg_peak_mb", imports["import_pg_peak_mb"], 1)
    figure("copy_events_per_s", imports["copy_events_per_s"], 0)
    figure(
        "first_question_after_import_ms", imports["first_question_after_import_ms"], 1
    )
    figure("rebuild_events_per_s", imports["rebuild_events_per_s"], 0)
    figure("rebuild_vs_import", imports["rebuild_vs_import"])
    figure("store_mb_per_1m", imports["store_mb_per_1m"], 1)
    figure("events_mb_per_1m", imports["events_mb_per_1m"], 1)
    figure("store_vs_events", imports["store_vs_events"])
    figure("command_peak_mb", imports["command_peak_mb"], 1)
    values |= imports

    corrected = measure_corrections(tmp)
    for what in ("corrections", "undone"):
        figure(f"{what}_growth", corrected[f"{what}_growth"])
        for name in (f"{what}_import_s_1000", f"{what}_import_s_4000"):
            figure(name, corrected[name])
    values |= corrected

    status, catch_up = measure_status(settings, tmp)
    figure("catch_up_s_100k", or_na(catch_up))
    for name in ("status_ms_100k", "status_ms_1k"):
        figure(name, status[name], 1)
    figure("status_growth", status["status_growth"])
    figure("replay_s_100k", status["replay_s_100k"])
    figure("replay_speedup", status["replay_speedup"])
    figure("known_at_ms_100k", status["known_at_ms_100k"], 1)
    figure("known_at_ms_1k", status["known_at_ms_1k"], 1)
    figure("known_at_growth", status["known_at_growth"])
    figure("history_ms_100k", status["history_ms_100k"], 1)
    figure("history_window_days_100k", status["history_window_days_100k"])
    figure("history_window_ms_100k", status["history_window_ms_100k"], 1)
    figure("history_year_ms_1k", status["history_year_ms_1k"], 1)
    figure("history_growth", status["history_growth"])
    figure("history_year_ms_100k", status["history_year_ms_100k"], 1)
    for name in ("log_rate", "export_rate", "plain_rate"):
        figure(name, status[name], 0)
    figure("log_vs_export", status["log_vs_export"])
    figure("export_vs_plain", status["export_vs_plain"])
    figure("log_peak_mb", status["log_peak_mb"], 1)
    figure("export_peak_mb", status["export_peak_mb"], 1)
    figure("record_ms_100k", status["record_ms_100k"], 1)
    figure("status_after_record_ms_100k", status["status_after_record_ms_100k"], 1)
    figure("status_samples", status["status_samples"])
    figure("replays", status["replays"])
    values |= status

    listed, catch_up = measure_list(settings, tmp)
    figure("catch_up_s_list", or_na(catch_up))
    figure("list_ms_1000", listed["list_ms_1000"], 1)
    figure("changes_ms_1000", listed["changes_ms_1000"], 1)
    figure("list_samples", listed["list_samples"])
    values |= listed

    from benchmarks.many_missions import measure_many_missions

    progress("many missions: an import and a record")
    many = measure_many_missions(tmp)
    figure("many_missions_growth", many["many_missions_growth"])
    figure("many_missions_import_s_30000", many["many_missions_import_s_large"])
    figure("record_ms_many", many["record_ms_many"], 1)
    values |= many

    from benchmarks.packs import measure_pack_again

    progress("packs: an unchanged pack added again")
    again = measure_pack_again(tmp)
    figure("pack_again_growth", again["pack_again_growth"])
    figure("pack_again_s_8000", again["pack_again_s_large"])
    figure("pack_first_growth", again["pack_first_growth"])
    figure("pack_first_s_8000", again["pack_first_s_large"])
    values |= again

    from benchmarks.serve import measure_serve

    served = measure_serve(settings, tmp)
    for name in ("serve_requests_per_s", "serve_p50_ms", "serve_p99_ms"):
        figure(name, served[name], 1)
    for name in (
        "serve_requests",
        "serve_errors",
        "serve_answers_while_recording",
        "serve_torn_answers",
        "serve_last_matches_status",
    ):
        figure(name, int(served[name]))
    values |= served
    return values


if __name__ == "__main__":
    sys.exit(main())
