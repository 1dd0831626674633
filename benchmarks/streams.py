"""log_rate, export_rate, their peaks and record_ms_100k: whole `missions`
processes on the store of the 100,000-event mission, against a plain read and
encode of the same rows."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.common import MISSIONS, ms, progress
from benchmarks.imports import wrapped

#: Backdated facts recorded, each followed by a status: their medians are kept.
RECORDS = 5

#: The plain limit of an export: every stored row read with sqlite3 and written
#: as a JSON line with orjson, in one process.
PLAIN = """\
import sqlite3, sys, orjson
connection = sqlite3.connect(sys.argv[1])
out = sys.stdout.buffer
rows = connection.execute(
    "SELECT originator_id, originator_version, topic, state FROM stored_events"
    " ORDER BY rowid"
)
for origin, version, topic, state in rows:
    line = {"originator_id": origin, "originator_version": version,
            "topic": topic, "state": orjson.Fragment(state)}
    out.write(orjson.dumps(line) + b"\\n")
"""


def measure_streams(db: Path, slug: str, events: int, total: int) -> dict[str, float]:
    """The log of the mission `slug` (`events` long) and the export of the
    store (`total` events) as whole processes, the plain read and encode of the
    store's rows, then backdated facts recorded, each followed by a status."""
    store = ("--store", str(db))
    log_s, log_mb, _ = wrapped(MISSIONS, *store, "log", slug, "--ndjson")
    export_s, export_mb, _ = wrapped(MISSIONS, *store, "export")
    plain_s, _, _ = wrapped(sys.executable, "-c", PLAIN, str(db))
    progress(f"log {log_s:.2f}s, export {export_s:.2f}s, plain {plain_s:.2f}s")
    recorded: list[float] = []
    asked: list[float] = []
    for day in range(1, RECORDS + 1):  # each a change: the statuses alternate
        status = ("delayed", "at_risk")[day % 2]
        fact = ("record", slug, "status-changed", "--status", status)
        told = ("--on", f"1990-06-{day:02d}", "--source", "Benchmark")
        recorded.append(wrapped(MISSIONS, *store, *fact, *told)[0])
        asked.append(wrapped(MISSIONS, *store, "status", slug, "--json")[0])
    progress(f"record {ms(recorded):.0f} ms, the next status {ms(asked):.0f} ms")
    log_rate, export_rate = events / log_s, total / export_s
    return {
        "log_rate": log_rate,
        "export_rate": export_rate,
        "plain_rate": total / plain_s,
        "log_vs_export": log_rate / export_rate,
        "export_vs_plain": export_rate * plain_s / total,
        "log_peak_mb": log_mb,
        "export_peak_mb": export_mb,
        "record_ms_100k": ms(recorded),
        "status_after_record_ms_100k": ms(asked),
    }
