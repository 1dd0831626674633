"""pack_again_growth: adding a pack that is already recorded, unchanged, again, for
a pack of 8,000 noted facts against one of 2,000 (linear cost gives about 4), and
pack_first_growth, adding it the first time;
and, run alone, the times of `missions add` of it, first and again, as whole
processes, for several N:

    .venv/bin/python benchmarks/packs.py [--postgres] N...

The pack is TOML, as a person writes one: one source, one mission it starts
tracking (`[[missions]]`), then N noted facts about it, each with its key, a
date and a summary. Adding it again adds nothing: what it costs is reading the
pack and telling that each fact is recorded as it says."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository holds the package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import tempfile
import time
from collections.abc import Sequence

from benchmarks.common import progress, remove_store, timed

#: The numbers of facts `pack_again_growth` compares.
SMALL, LARGE = 2_000, 8_000
#: The mission the pack's facts are about.
SLUG = "noted-often"
#: The PostgreSQL schema of `--postgres`.
SCHEMA = "bench_packs"


def write_pack(path: Path, count: int) -> None:
    """Write a pack of `count` noted facts about one mission it tracks to `path`."""
    lines = [
        'pack = "bench-noted-often"',
        "",
        "[source]",
        'publication = "Benchmark"',
        'url = "https://example.org/noted-often"',
        "",
        "[[missions]]",
        f'mission = "{SLUG}"',
        'name = "Noted Often"',
        'on = "2020-01-01"',
        "",
    ]
    for n in range(count):
        lines += [
            "[[facts]]",
            f'key = "note-{n}"',
            f'mission = "{SLUG}"',
            'kind = "noted"',
            f'on = "{2021 + n // 336}-{1 + n % 12:02d}-{1 + n % 28:02d}"',
            f'summary = "Note {n} of the benchmark."',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def add_twice(pack: Path, store: str) -> tuple[float, float]:
    """Seconds of `missions add` of `pack` into the fresh `store`, and of adding
    it again."""
    first = timed("--store", store, "add", str(pack))
    again = timed("--store", store, "add", str(pack))
    return first, again


def measure_pack_again(tmp: Path) -> dict[str, float]:
    """pack_again_growth: adding again an unchanged pack of `LARGE` facts against
    one of `SMALL`, in this process (what starting one costs left out), on fresh
    SQLite stores, the better of two tries each; and pack_first_growth: the same
    of adding it the first time (one try: it is added once)."""
    from adapters.eventstore.tracker import MissionTracker
    from adapters.packs.adding import add_pack
    from adapters.packs.reading import read_pack

    again: dict[int, float] = {}
    first: dict[int, float] = {}
    for count in (SMALL, LARGE):
        path = tmp / f"pack-{count}.toml"
        write_pack(path, count)
        db = tmp / "pack.db"
        remove_store(db)
        tracker = MissionTracker(str(db))
        try:
            start = time.perf_counter()
            add_pack(tracker, read_pack(path))
            first[count] = time.perf_counter() - start
            tries = []
            for _ in (1, 2):
                start = time.perf_counter()
                plan = add_pack(tracker, read_pack(path))
                tries.append(time.perf_counter() - start)
                assert not plan.events, "adding the pack again recorded something"
        finally:
            tracker.close()
        remove_store(db)
        path.unlink()
        again[count] = min(tries)
        progress(
            f"a pack of {count} facts: added {first[count]:.2f}s,"
            f" again {again[count]:.2f}s"
        )
    return {
        "pack_again_s_small": again[SMALL],
        "pack_again_s_large": again[LARGE],
        "pack_again_growth": again[LARGE] / again[SMALL],
        "pack_first_s_small": first[SMALL],
        "pack_first_s_large": first[LARGE],
        "pack_first_growth": first[LARGE] / first[SMALL],
    }


def _on_postgres(pack: Path) -> tuple[float, float]:
    """`add_twice` on a PostgreSQL schema of its own, dropped before and after."""
    import psycopg

    from benchmarks.postgres import SERVER

    drop = f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"
    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(drop)
        try:
            return add_twice(pack, f"{SERVER}?schema={SCHEMA}")
        finally:
            connection.execute(drop)


def main(argv: Sequence[str] | None = None) -> int:
    """Time the first add and the add again for each N given (SQLite; PostgreSQL
    too if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[2000, 5000, 20000])
    parser.add_argument("--postgres", action="store_true")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="missions-packs-") as name:
        tmp = Path(name)
        for count in options.counts:
            pack = tmp / f"pack-{count}.toml"
            write_pack(pack, count)
            db = tmp / "pack.db"
            remove_store(db)
            first, again = add_twice(pack, str(db))
            remove_store(db)
            print(f"sqlite N={count}: add {first:.2f}s again {again:.2f}s")
            if options.postgres:
                first, again = _on_postgres(pack)
                print(f"postgres N={count}: add {first:.2f}s again {again:.2f}s")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
