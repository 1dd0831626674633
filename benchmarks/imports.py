"""import_ratio, import_cpu_ratio and import_peak_mb: `missions import` against a
plain sqlite3 executemany of the same rows; then, on the store it made, the
first question, `missions rebuild`, and the store's size against the events'."""

from __future__ import annotations

import gc
import sqlite3
import sys
import time
from pathlib import Path
from uuid import UUID

import orjson

from benchmarks.common import (
    MISSIONS,
    SEED,
    Settings,
    note_disk,
    progress,
    remove_store,
    run,
)
from benchmarks.generator import TOPICS, write_export

#: Runs its arguments as a child and reports only that child's wall time (to
#: within 2 ms: its end is looked for 500 times a second), peak resident memory
#: in KiB (the most that the child and its own children, the import's writer
#: process, held together, polled twenty times a second, or the largest of them
#: alone, ru_maxrss, whichever is more) and CPU seconds (user and system, of the
#: child and its children).
WRAPPER = """\
import resource, subprocess, sys, time
def tree(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as found:
            children = [int(c) for c in found.read().split()]
        with open(f"/proc/{pid}/status") as status:
            rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0
    return rss + sum(tree(child) for child in children)
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
most, sample = 0, start
while child.poll() is None:
    if time.perf_counter() >= sample:
        most = max(most, tree(child.pid))
        sample += 0.05
    time.sleep(0.002)
wall = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, max(most, used.ru_maxrss), used.ru_utime + used.ru_stime)
sys.exit(child.returncode)
"""

BASELINE_SCHEMA = (
    "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER,"
    " topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
)

Row = tuple[str, int, str, bytes]


def read_rows(path: Path) -> list[Row]:
    """The rows a store holds for an export: what the baseline inserts."""
    rows: list[Row] = []
    topics = {topic: topic for topic in TOPICS.values()}
    with path.open("rb") as source:
        for raw in source:
            line = orjson.loads(raw)
            # orjson's buffer is larger than its text: keep an exact copy, or a
            # million rows take four times the memory they need.
            state = bytes(memoryview(orjson.dumps(line["state"])))
            topic = topics.get(line["topic"], line["topic"])
            origin = UUID(line["originator_id"]).hex
            rows.append((origin, line["originator_version"], topic, state))
    return rows


def sqlite_baseline(rows: list[Row], db: Path) -> tuple[float, float]:
    """Seconds to insert the rows with plain sqlite3 (a fresh file, the store's
    schema, one executemany in one transaction), and the CPU seconds it took."""
    start, cpu = time.perf_counter(), time.process_time()
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(BASELINE_SCHEMA)
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO stored_events VALUES (?,?,?,?)", rows)
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - start, time.process_time() - cpu


def wrapped(*command: str) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds of a whole process (its
    children included), measured by `WRAPPER`."""
    done = run([sys.executable, "-c", WRAPPER, *command])
    wall, peak_kib, cpu = done.stdout.split()
    return float(wall), int(peak_kib) / 1024, float(cpu)


def timed_import(export: Path, db: Path) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds of `missions import` into a
    fresh store (the read model brought up to date included)."""
    remove_store(db)
    measured = wrapped(MISSIONS, "--store", str(db), "import", str(export))
    note_disk(db.parent)
    return measured


def store_mb(db: Path) -> float:
    """The size of a SQLite store's files, in MB."""
    found = [Path(f"{db}{suffix}") for suffix in ("", "-wal")]
    return sum(f.stat().st_size for f in found if f.exists()) / 2**20


def after_import(db: Path, events: int) -> dict[str, float]:
    """On the store an import made: the first question (a whole process), then
    `missions rebuild` of its read model."""
    store = ("--store", str(db))
    start = time.perf_counter()
    run([MISSIONS, *store, "list", "--json"])
    first = time.perf_counter() - start
    start = time.perf_counter()
    run([MISSIONS, *store, "rebuild"])
    rebuilt = time.perf_counter() - start
    progress(f"first question {first * 1000:.0f} ms, rebuild {rebuilt:.1f}s")
    return {
        "first_question_after_import_ms": first * 1000,
        "rebuild_events_per_s": events / rebuilt,
        **command_peaks(db),
    }


#: The questions whose peak memory is measured on the store an import made:
#: each over its whole answer (every mission, or the first mission's whole
#: history, a year for `changes`), and the timeline drawn in each of its forms.
QUESTIONS = {
    "list": ["list", "--json"],
    "status": ["status", "import-0000", "--json"],
    "status --known-at": ["status", "import-0000", "--known-at", "2026-01-01"],
    "partners": ["partners", "--json"],
    "history": ["history", "import-0000", "--json"],
    "log": ["log", "import-0000", "--ndjson"],
    "changes": ["changes", "--from", "2001-01-01", "--to", "2001-12-31", "--json"],
    "export": ["export"],
    "verify": ["verify"],
    "timeline": ["timeline"],
    "timeline --out .svg": ["timeline", "--out", "{tmp}/timeline.svg"],
    "timeline --out .html": ["timeline", "--out", "{tmp}/timeline.html"],
    "timeline --out .png": ["timeline", "--out", "{tmp}/timeline.png"],
}


def command_peaks(db: Path) -> dict[str, float]:
    """command_peak_mb: the most any of the `QUESTIONS` holds at its peak, each a
    whole process (and which one, in the progress lines)."""
    peaks = {}
    for name, args in QUESTIONS.items():
        filled = [arg.format(tmp=db.parent) for arg in args]
        wall, peak, _ = wrapped(MISSIONS, "--store", str(db), *filled)
        peaks[name] = peak
        progress(f"{name}: {wall:.1f}s, peak {peak:.0f} MB")
    for ending in ("svg", "html", "png"):
        (db.parent / f"timeline.{ending}").unlink(missing_ok=True)
    most = max(peaks, key=peaks.__getitem__)
    progress(f"the most held: {most}, {peaks[most]:.0f} MB")
    return {"command_peak_mb": peaks[most]}


def measure_import(settings: Settings, tmp: Path) -> dict[str, float]:
    """import_ratio, and import_peak_mb of the same runs."""
    count, missions = settings.import_events, settings.import_missions
    export = tmp / "import.ndjson"
    progress(f"writing {count} events of {missions} missions")
    started = time.perf_counter()
    plan = [(f"import-{n:04d}", count // missions) for n in range(missions)]
    write_export(export, plan, SEED)
    generated = time.perf_counter() - started
    progress(f"written in {generated:.1f}s")
    baseline: list[float] = []
    baseline_cpu: list[float] = []
    imported: list[float] = []
    imported_cpu: list[float] = []
    peaks: list[float] = []
    sizes: dict[str, float] = {}
    for round_ in (1, 2):
        rows = read_rows(export)
        remove_store(tmp / "baseline.db")
        gc.collect()
        wall, cpu = sqlite_baseline(rows, tmp / "baseline.db")
        baseline.append(wall)
        baseline_cpu.append(cpu)
        note_disk(tmp)
        sizes["events"] = store_mb(tmp / "baseline.db")
        del rows
        remove_store(tmp / "baseline.db")
        progress(f"round {round_}: sqlite3 executemany {baseline[-1]:.2f}s")
        wall, peak, cpu = timed_import(export, tmp / "import.db")
        sizes["store"] = store_mb(tmp / "import.db")
        last = round_ == 2 or wall > settings.import_round_budget_s
        after = after_import(tmp / "import.db", count) if last else {}
        remove_store(tmp / "import.db")
        imported.append(wall)
        imported_cpu.append(cpu)
        peaks.append(peak)
        progress(f"round {round_}: missions import {wall:.2f}s, peak {peak:.1f} MB")
        if last:
            break
    small = tmp / "import-small.ndjson"
    small_ratio = ratio_of_first(export, SMALL_IMPORT, small, tmp)
    export.unlink()
    from benchmarks.postgres import measure_postgres  # it reads rows as here

    postgres = measure_postgres(small, SMALL_IMPORT)
    small.unlink()
    return {
        "generate_s": generated,
        "rounds": len(imported),
        "import_s": min(imported),
        "baseline_s": min(baseline),
        "import_ratio": min(baseline) / min(imported),
        "import_cpu_ratio": min(baseline_cpu) / min(imported_cpu),
        "import_peak_mb": max(peaks),
        "store_mb_per_1m": sizes["store"] * 1_000_000 / count,
        "events_mb_per_1m": sizes["events"] * 1_000_000 / count,
        "store_vs_events": sizes["store"] / sizes["events"],
        "rebuild_vs_import": after["rebuild_events_per_s"] * min(imported) / count,
        **after,
        "import_ratio_100k": small_ratio,
        **postgres,
    }


#: The smaller import measured beside the target's, where the process's fixed
#: costs (starting, importing the event classes, the final commit) weigh more.
SMALL_IMPORT = 100_000


def ratio_of_first(export: Path, count: int, small: Path, tmp: Path) -> float:
    """import_ratio for the first `count` events of an export (each mission's
    first events: still a valid export), the better of two rounds each."""
    with export.open("rb") as source, small.open("wb") as out:
        for _, line in zip(range(count), source, strict=False):
            out.write(line)
    rows = read_rows(small)
    baseline = []
    for _ in (1, 2):
        remove_store(tmp / "baseline.db")
        baseline.append(sqlite_baseline(rows, tmp / "baseline.db")[0])
    del rows
    remove_store(tmp / "baseline.db")
    imported = [timed_import(small, tmp / "import.db")[0] for _ in (1, 2)]
    remove_store(tmp / "import.db")
    progress(
        f"{count} events: executemany {min(baseline):.2f}s, import {min(imported):.2f}s"
    )
    return min(baseline) / min(imported)
