"""corrections_growth and undone_growth: `missions import` of an export whose one
fact is corrected N times (and, for undone_growth, each correction then retracted),
for N = 1,000 and 4,000 (linear cost gives about 4); and, run alone, the
times of the import and of `missions rebuild` for several N:

    .venv/bin/python benchmarks/corrections.py [--postgres] [--chained] N...

The export is valid and hash-chained: a mission registered, one fact about it
(a status change, or a partner's joining, whose corrections the rules refit
against the partner's other facts), then N corrections of that fact, each of
its status (or standing), recorded a second apart. Each correction names the
fact itself, or, `--chained`, the correction before it. `--undone`: then each
correction is retracted, the latest first, as a user undoes them."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository holds the package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import tempfile
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import orjson

from benchmarks.common import progress, remove_store, timed
from benchmarks.generator import TOPICS
from domain.chain import SCHEME, stored_digest
from domain.identity import mission_id

#: The numbers of corrections `corrections_growth` compares.
SMALL, LARGE = 1_000, 4_000
#: Recorded from this moment on, a second apart.
START = datetime(2025, 3, 1, 9, 0, 0)
#: What the corrections make of the fact's status, in turn.
STATUSES = ("delayed", "suspended", "planned", "at_risk")
#: What the corrections make of the partner's standing, in turn.
STANDINGS = ("suspended", "prospective", "active")
SOURCE: dict[str, Any] = {"publication": "SpaceNews", "title": None}
SOURCE |= {"author": None, "published": None, "url": None}
DAY: dict[str, str] = {
    "edtf": "2022-03-17",
    "earliest": "2022-03-17",
    "latest": "2022-03-17",
}


def _fact(kind: str) -> tuple[str, dict[str, Any]]:
    """The body of the one fact, and of what its corrections change."""
    common: dict[str, Any] = {"occurred": DAY, "source": SOURCE, "quote": None}
    common["effective"] = None
    own: dict[str, Any]
    if kind == "partner":
        own = {"partner": "esa", "role": "contributor", "standing": "active"}
        body = {**common, "summary": "ESA joined.", "kind": "partner-joined", **own}
        return "standing", body
    own = {"status": "suspended", "by_party": None}
    body = {**common, "summary": "Suspended.", "kind": "status-changed", **own}
    return "status", body


def write_corrections(
    path: Path,
    count: int,
    *,
    chained: bool = False,
    kind: str = "status",
    at_once: bool = False,
    undone: bool = False,
) -> str:
    """Write an export of one mission whose one fact is corrected `count` times
    to `path` (`at_once`: every correction recorded at the same time; `undone`:
    then each correction retracted, the latest first); the mission's slug."""
    slug = "corrected-often"
    origin = str(mission_id(slug))
    field, fact = _fact(kind)
    values = STANDINGS if field == "standing" else STATUSES
    registered: dict[str, Any] = {
        "occurred": DAY,
        "source": SOURCE,
        "summary": f"{slug} is tracked.",
        "quote": None,
        "effective": None,
        "kind": "registered",
        "slug": slug,
        "name": "Corrected Often",
        "aliases": [],
    }
    total = 2 * count + 2 if undone else count + 2
    ids = [str(uuid.UUID(int=n + 1, version=4)) for n in range(total)]
    previous = ""
    with path.open("wb") as out:
        for index in range(total):
            body: dict[str, Any]
            if index >= count + 2:  # undone: the latest standing correction
                kind_of = "retracted"
                body = {
                    "kind": "retracted",
                    "retracts": ids[2 * count + 3 - index],
                    "reason": "Undone.",
                    "source": SOURCE,
                    "summary": "Retracted a correction.",
                }
            elif index == 0:
                kind_of, body = "registered", registered
            elif index == 1:
                kind_of, body = str(fact["kind"]), fact
            else:
                named = ids[index - 1] if chained and index > 2 else ids[1]
                kind_of = "corrected"
                body = {
                    "kind": "corrected",
                    "corrects": named,
                    "changes": {field: values[index % len(values)]},
                    "summary": f"Corrected the {field} of event {ids[1]}.",
                }
            moment = START + timedelta(seconds=min(index, 2) if at_once else index)
            state = {
                "timestamp": moment.isoformat() + "Z",
                "id": ids[index],
                "previous": previous,
                "seal_scheme": SCHEME,
                **body,
            }
            version = index + 1
            state["digest"] = stored_digest(origin, version, state)
            previous = state["digest"]
            line = {
                "originator_id": origin,
                "originator_version": version,
                "topic": TOPICS[kind_of],
                "state": state,
            }
            out.write(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
    return slug


def import_and_rebuild(export: Path, store: str) -> tuple[float, float]:
    """Seconds of `missions import` of `export` into the fresh `store`, the read
    model brought up to date included, and of `missions rebuild` after it."""
    imported = timed("--store", store, "import", str(export))
    rebuilt = timed("--store", store, "rebuild")
    return imported, rebuilt


def measure_corrections(tmp: Path) -> dict[str, float]:
    """corrections_growth: the import of `LARGE` corrections of one fact against
    that of `SMALL`, into fresh SQLite stores, the better of two rounds each; and
    undone_growth: the same of a partner's joining corrected as often and each
    correction then retracted, the latest first (`--undone --partner`)."""
    found: dict[str, float] = {}
    for what, options in (("corrections", {}), ("undone", {"undone": True})):
        for count in (SMALL, LARGE):
            export = tmp / f"{what}-{count}.ndjson"
            kind = "partner" if options else "status"
            write_corrections(export, count, kind=kind, **options)
            best = []
            for _ in (1, 2):
                db = tmp / "corrections.db"
                remove_store(db)
                best.append(timed("--store", str(db), "import", str(export)))
                remove_store(db)
            found[f"{what}_import_s_{count}"] = min(best)
            export.unlink()
            progress(f"{what} {count} of one fact: import {min(best):.2f}s")
        found[f"{what}_growth"] = (
            found[f"{what}_import_s_{LARGE}"] / found[f"{what}_import_s_{SMALL}"]
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Time import and rebuild for each N given (SQLite; PostgreSQL if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[500, 1000, 2000, 4000])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--chained", action="store_true")
    parser.add_argument("--partner", action="store_true")
    parser.add_argument("--at-once", action="store_true")
    parser.add_argument("--undone", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the exports here, and stop")
    options = parser.parse_args(argv)
    kind = "partner" if options.partner else "status"
    with tempfile.TemporaryDirectory(prefix="missions-corrections-") as name:
        tmp = Path(name)
        for count in options.counts:
            export = tmp / f"corrections-{count}.ndjson"
            if options.keep is not None:
                export = options.keep / export.name
            write_corrections(
                export,
                count,
                chained=options.chained,
                kind=kind,
                at_once=options.at_once,
                undone=options.undone,
            )
            if options.keep is not None:
                continue
            db = tmp / "corrections.db"
            remove_store(db)
            imported, rebuilt = import_and_rebuild(export, str(db))
            remove_store(db)
            print(f"sqlite N={count}: import {imported:.2f}s rebuild {rebuilt:.2f}s")
            if options.postgres:
                from benchmarks.postgres import IMPORTED, SERVER, fresh_schema

                with fresh_schema(IMPORTED):
                    store = f"{SERVER}?schema={IMPORTED}"
                    imported, rebuilt = import_and_rebuild(export, store)
                print(
                    f"postgres N={count}: import {imported:.2f}s rebuild {rebuilt:.2f}s"
                )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
