"""many_missions_growth and record_ms_many: a store of many missions, each of one
event (its registration). `missions import` of 30,000 such missions against
10,000 (linear cost gives about 3), and the median wall time of `missions record`
of a note about one of them, by its slug, on the store of 30,000:

    .venv/bin/python benchmarks/many_missions.py [N...]

Run alone, it prints the import and record times for each N (by default 10,000,
30,000 and 100,000)."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository holds the package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import statistics
import tempfile
from collections.abc import Sequence

from benchmarks.common import SEED, progress, remove_store, timed
from benchmarks.generator import write_export

#: The numbers of missions `many_missions_growth` compares.
SMALL, LARGE = 10_000, 30_000
#: How many times `record` is timed.
RECORDS = 5


def import_and_record(tmp: Path, count: int) -> tuple[float, float]:
    """Seconds of `missions import` of `count` one-event missions into a fresh
    SQLite store, and the median milliseconds of a `record` on it after."""
    export = tmp / f"missions-{count}.ndjson"
    write_export(export, [(f"m-{n:06d}", 1) for n in range(count)], SEED)
    db = tmp / "many.db"
    remove_store(db)
    imported = timed("--store", str(db), "import", str(export))
    export.unlink()
    slug = f"m-{count // 2:06d}"
    records = [
        timed(
            *("--store", str(db), "record", slug, "noted"),
            *("--on", f"2024-01-{day:02d}", "--summary", "A note."),
            *("--source", "Benchmark"),
        )
        for day in range(1, RECORDS + 1)
    ]
    remove_store(db)
    return imported, statistics.median(records) * 1000


def measure_many_missions(tmp: Path) -> dict[str, float]:
    """many_missions_growth and record_ms_many (see the module)."""
    found: dict[int, tuple[float, float]] = {}
    for count in (SMALL, LARGE):
        found[count] = import_and_record(tmp, count)
        progress(
            f"{count} missions: import {found[count][0]:.2f}s,"
            f" record {found[count][1]:.0f} ms"
        )
    return {
        "many_missions_import_s_small": found[SMALL][0],
        "many_missions_import_s_large": found[LARGE][0],
        "many_missions_growth": found[LARGE][0] / found[SMALL][0],
        "record_ms_many": found[LARGE][1],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Time the import and a record for each N given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "counts", nargs="*", type=int, default=[10_000, 30_000, 100_000]
    )
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="missions-many-") as name:
        for count in options.counts:
            imported, record = import_and_record(Path(name), count)
            print(f"sqlite N={count}: import {imported:.2f}s record {record:.0f} ms")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
