"""Measure the tracker's speed targets, side by side, in one run.

    .venv/bin/python benchmarks/run.py [--quick]

The script builds its own data (valid, hash-chained NDJSON exports, streamed to
temporary files), imports it, times the queries in this process and the commands
as whole processes, and prints one `name: value` line per figure, then one
`targets:` line per figure saying whether its target was met. Progress goes to
standard error. A missed target is a measurement, not a failure: the exit status
is 0 unless something could not be measured. See docs/performance.md."""

from __future__ import annotations

import argparse
import calendar
import gc
import hashlib
import heapq
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.utils import get_topic

from domain.chain import stored_digest
from domain.events import KINDS
from domain.mission import mission_id
from domain.vocabulary import PARTNERS, Role, Standing, Status

SEED = 20220301
#: Stored events written at once when loading a store for queries.
LOAD_BATCH = 5000
BIN = Path(sys.executable).parent
MISSIONS = str(BIN / "missions")

# The data -----------------------------------------------------------------------

#: World dates are drawn from these days (the span a query date is drawn from).
FIRST_DAY = date(1980, 1, 1)
LAST_DAY = date(2024, 12, 31)
_FIRST, _DAYS = FIRST_DAY.toordinal(), (LAST_DAY - FIRST_DAY).days + 1
#: Events are recorded from this moment on, a second to two minutes apart.
RECORDING_START = datetime(2025, 1, 2, 8, 0, 0)
#: How many facts of a mission a correction or retraction may refer to.
FACT_POOL = 2000
#: Each mission's first events are also sealed by the project's own function.
CHECKED_VERSIONS = 3

TOPICS = {kind: get_topic(cls) for kind, cls in KINDS.items()}
STATUSES = [s.value for s in Status]
ROLES = [r.value for r in Role]
STANDINGS = [s.value for s in Standing if s is not Standing.WITHDRAWN]
VEHICLES = [None, "Proton-M", "Angara-A5", "Soyuz-2.1b", "Long March 5", "Ariane 6"]
PUBLICATIONS = [
    "SpaceNews",
    "SpaceflightNow",
    "Ars Technica",
    "NASASpaceflight",
    "Space.com",
    "The Planetary Society",
    "ESA Newsroom",
    "NASA News",
    "Roscosmos Press",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "Xinhua",
    "China Daily",
    "CGTN",
    "Global Times",
    "Kyodo News",
    "NHK World",
    "The Hindu",
    "Times of India",
    "Reuters",
    "Associated Press",
    "AFP",
    "BBC News",
    "The Guardian",
    "Le Monde",
    "Der Spiegel",
    "Frankfurter Allgemeine",
    "Corriere della Sera",
    "El País",
    "Nature",
    "Science",
    "Aviation Week",
    "Flight Global",
    "European Spaceflight",
    "Orbital Index",
]
AUTHORS = [None, "Andrew Jones", "Jeff Foust", "Eric Berger", "Anatoly Zak"]
AUTHORS += [None, "Marcia Smith", "Jonathan O'Callaghan", "Tereza Pultarova"]
QUOTES = [
    "We will not be able to launch this year.",
    "Cooperation continues as planned.",
    "The schedule is under review.",
    "All options remain on the table.",
]
NOTES = [
    "A design review took place.",
    "Officials discussed the mission at a conference.",
    "A contract for the landing platform was signed.",
    "Engineers completed a round of tests.",
]


def _sources(rng: random.Random) -> list[dict[str, Any]]:
    """A few articles from each of a few dozen publications."""
    found = []
    for publication in PUBLICATIONS:
        site = "".join(ch for ch in publication.lower() if ch.isalnum())
        for number in range(6):
            published = date.fromordinal(
                rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal())
            ).isoformat()
            found.append(
                {
                    "publication": publication,
                    "title": f"{publication} on space cooperation, part {number + 1}",
                    "author": rng.choice(AUTHORS),
                    "published": published,
                    "url": f"https://{site}.example/{published}/article-{number}",
                }
            )
    return found


def _world_date(rng: random.Random) -> dict[str, str]:
    """Mostly a single day; a tenth are ranges of a few days, or months.

    No "on or before" dates (`../2022-02-24`): a status lists every fact that may
    or may not have happened by its day, and such a fact may have until its
    latest day, so that list, and any answer, would grow with the mission."""
    day = date.fromordinal(_FIRST + int(rng.random() * _DAYS))
    text = day.isoformat()
    draw = rng.random()
    if draw < 0.90:
        return {"edtf": text, "earliest": text, "latest": text}
    if draw < 0.95:
        end = (day + timedelta(days=rng.randint(1, 10))).isoformat()
        return {"edtf": f"{text}/{end}", "earliest": text, "latest": end}
    last = calendar.monthrange(day.year, day.month)[1]
    return {
        "edtf": text[:7],
        "earliest": f"{text[:7]}-01",
        "latest": f"{text[:7]}-{last:02d}",
    }


def _later_month(rng: random.Random, occurred: dict[str, str]) -> dict[str, str]:
    """A launch target: a month half a year to six years after `occurred`."""
    after = date.fromisoformat(occurred["latest"]) + timedelta(
        days=180 + int(rng.random() * 2000)
    )
    last = calendar.monthrange(after.year, after.month)[1]
    month = after.isoformat()[:7]
    return {"edtf": month, "earliest": f"{month}-01", "latest": f"{month}-{last:02d}"}


@dataclass
class MissionSpan:
    """What a generated mission's queries are drawn from."""

    slug: str
    events: int = 0
    first_recorded: str = ""
    last_recorded: str = ""


@dataclass
class _Mission:
    """One mission's stream of events: its chain, partners and earlier facts."""

    slug: str
    rng: random.Random
    sources: list[dict[str, Any]]
    origin: str = ""
    version: int = 0
    previous: str = ""
    partners: list[str] = field(default_factory=list)
    members: dict[str, str] = field(default_factory=dict)
    #: The day of the latest partner event: they follow one another in the
    #: world's order as in recording order, as the rules of `record` require.
    partner_day: int = 0
    #: Earlier facts, not retracted: [id, kind, status] (a sample of them; none
    #: about partners, whose later events rest on them).
    facts: list[list[str]] = field(default_factory=list)
    span: MissionSpan = field(init=False)

    def __post_init__(self) -> None:
        self.origin = str(mission_id(self.slug))
        self.partners = self.rng.sample(sorted(PARTNERS), 6)
        self.span = MissionSpan(self.slug)
        self.partner_day = _FIRST + int(self.rng.random() * _DAYS / 2)

    def line(self, timestamp: str) -> bytes:
        """The mission's next event, recorded at `timestamp`, as an NDJSON line."""
        rng = self.rng
        self.version += 1
        bits = f"{rng.getrandbits(128):032x}"
        event_id = f"{bits[:8]}-{bits[8:12]}-4{bits[13:16]}-a{bits[17:20]}-{bits[20:]}"
        if self.version == 1:
            kind, body = "registered", self._registered()
        else:
            kind, body = self._fact(event_id, rng.random())
        # A launch target's schema version, 2, is stored, and sealed with it.
        schema = {"class_version": 2} if kind == "launch-target-changed" else {}
        sealed = {
            "timestamp": timestamp,
            "id": event_id,
            "previous": self.previous,
            **body,
            **schema,
            "originator_id": self.origin,
            "originator_version": self.version,
        }
        text = orjson.dumps(sealed, option=orjson.OPT_SORT_KEYS)
        digest = hashlib.sha256(text).hexdigest()
        state = {
            "timestamp": timestamp,
            "id": event_id,
            "previous": self.previous,
            "digest": digest,
            **body,
            **schema,
        }
        if self.version <= CHECKED_VERSIONS:
            expected = stored_digest(self.origin, self.version, state)
            if digest != expected:
                raise SystemExit(f"generator: {self.slug} v{self.version}: digest")
        self.previous = digest
        self.span.events = self.version
        self.span.first_recorded = self.span.first_recorded or timestamp
        self.span.last_recorded = timestamp
        line = {
            "originator_id": self.origin,
            "originator_version": self.version,
            "topic": TOPICS[kind],
            "state": state,
        }
        return orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE)

    def _registered(self) -> dict[str, Any]:
        rng = self.rng
        return {
            "occurred": _world_date(rng),
            "source": rng.choice(self.sources),
            "summary": f"{self.slug} is tracked.",
            "quote": None,
            "kind": "registered",
            "slug": self.slug,
            "name": f"Mission {self.slug}",
            "aliases": [],
        }

    def _fact(self, event_id: str, draw: float) -> tuple[str, dict[str, Any]]:
        """A fact of a realistic kind (or a correction or retraction of one)."""
        if draw < 0.05 and self.facts:
            return "corrected", self._correction()
        if draw < 0.08 and self.facts:
            return "retracted", self._retraction()
        rng = self.rng
        occurred = _world_date(rng)
        own: dict[str, Any]
        status = ""
        if draw < 0.63:
            kind, status = "status-changed", rng.choice(STATUSES)
            own, summary = {"status": status}, f"The status changed to {status}."
        elif draw < 0.71:
            kind, target = "launch-target-changed", _later_month(rng, occurred)
            own = {"target": target, "vehicle": rng.choice(VEHICLES)}
            summary = f"The launch target moved to {target['edtf']}."
        elif draw < 0.88:
            kind, own, summary = self._partner()
            self.partner_day += int(rng.random() * 3)
            day = date.fromordinal(self.partner_day).isoformat()
            occurred = {"edtf": day, "earliest": day, "latest": day}
        else:
            kind, own, summary = "noted", {}, rng.choice(NOTES)
        body = {
            "occurred": occurred,
            "source": rng.choice(self.sources),
            "summary": summary,
            "quote": rng.choice(QUOTES) if rng.random() < 0.1 else None,
            "kind": kind,
            **own,
        }
        if kind.startswith("partner-"):
            pass
        elif len(self.facts) < FACT_POOL:
            self.facts.append([event_id, kind, status])
        else:
            self.facts[rng.randrange(FACT_POOL)] = [event_id, kind, status]
        return kind, body

    def _partner(self) -> tuple[str, dict[str, Any], str]:
        """A partner event that follows from the ones before, in recording order:
        a partner joins before its standing changes, or it withdraws or is
        replaced."""
        rng = self.rng
        outside = [p for p in self.partners if p not in self.members]
        if not self.members or (outside and rng.random() < 0.3):
            partner, role = rng.choice(outside), rng.choice(ROLES)
            standing = rng.choice(STANDINGS)
            self.members[partner] = standing
            own = {"partner": partner, "role": role, "standing": standing}
            return "partner-joined", own, f"{partner} joined as {role} ({standing})."
        partner = rng.choice(sorted(self.members))
        draw = rng.random()
        if draw < 0.6:
            standing = rng.choice([s for s in STANDINGS if s != self.members[partner]])
            self.members[partner] = standing
            own = {"partner": partner, "standing": standing}
            summary = f"{partner}'s standing changed to {standing}."
            return "partner-standing-changed", own, summary
        del self.members[partner]
        if draw < 0.8 or not outside:
            return "partner-withdrawn", {"partner": partner}, f"{partner} withdrew."
        by, role, standing = rng.choice(outside), rng.choice(ROLES), "active"
        self.members[by] = standing
        own = {"partner": partner, "by": by, "role": role, "standing": standing}
        return "partner-replaced", own, f"{by} took the place of {partner}."

    def _correction(self) -> dict[str, Any]:
        rng = self.rng
        fact = rng.choice(self.facts)
        changes: dict[str, Any]
        if fact[1] == "status-changed" and rng.random() < 0.6:
            fact[2] = rng.choice([s for s in STATUSES if s != fact[2]])
            changes, what = {"status": fact[2]}, "status"
        else:
            changes, what = {"occurred": _world_date(rng)}, "date"
        return {
            "kind": "corrected",
            "corrects": fact[0],
            "changes": changes,
            "summary": f"Corrected the {what} of event {fact[0]}.",
        }

    def _retraction(self) -> dict[str, Any]:
        rng = self.rng
        index = rng.randrange(len(self.facts))
        target = self.facts[index][0]
        self.facts[index] = self.facts[-1]
        self.facts.pop()
        reason = "The report was withdrawn by its publisher."
        return {
            "kind": "retracted",
            "retracts": target,
            "reason": reason,
            "source": rng.choice(self.sources),
            "summary": f"Retracted {target}: {reason}",
        }


def write_export(
    path: Path, plan: Sequence[tuple[str, int]], seed: int
) -> dict[str, MissionSpan]:
    """Write an export of the missions of `plan` (slug, number of events) to
    `path`, their events interleaved as news arrives, streamed line by line."""
    rng = random.Random(seed)
    sources = _sources(rng)
    missions = [_Mission(slug, rng, sources) for slug, _ in plan]
    sizes = [count for _, count in plan]
    # Each mission's k-th event comes at about k/n of the way through the file.
    queue = [(rng.random() / n, index, 0) for index, n in enumerate(sizes) if n]
    heapq.heapify(queue)
    moment = 0
    with path.open("wb", buffering=1 << 20) as out:
        while queue:
            _, index, done = heapq.heappop(queue)
            moment += 1_000_000 + int(rng.random() * 119_000_000)
            stamp = RECORDING_START + timedelta(microseconds=moment)
            out.write(missions[index].line(stamp.isoformat("T", "microseconds") + "Z"))
            done += 1
            if done < sizes[index]:
                key = (done + rng.random()) / sizes[index]
                heapq.heappush(queue, (key, index, done))
    return {m.slug: m.span for m in missions}


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=UTC)


# Measuring ----------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How much the run measures: --quick, or the full run for the README."""

    quick: bool
    import_events: int
    import_missions: int
    import_round_budget_s: float
    query_budget_s: float
    replays: int
    cli_runs: int
    min_samples: int = 5
    max_samples: int = 200
    long_events: int = 100_000
    short_events: int = 1_000
    list_missions: int = 1_000
    list_events: int = 100


QUICK = Settings(
    quick=True,
    import_events=1_000_000,
    import_missions=100,
    import_round_budget_s=45,
    query_budget_s=20,
    replays=3,
    cli_runs=11,
)
FULL = Settings(
    quick=False,
    import_events=1_000_000,
    import_missions=100,
    import_round_budget_s=900,
    query_budget_s=90,
    replays=5,
    cli_runs=21,
)

_STARTED = time.perf_counter()


def progress(message: str) -> None:
    """A progress line on standard error, with the time since the start."""
    elapsed = time.perf_counter() - _STARTED
    print(f"[{elapsed:7.1f}s] {message}", file=sys.stderr, flush=True)


def figure(name: str, value: float | int | str, decimals: int = 2) -> None:
    """Print one figure as `name: value`."""
    shown = f"{value:.{decimals}f}" if isinstance(value, float) else str(value)
    print(f"{name}: {shown}", flush=True)


def run(command: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    """Run a command to completion; fail loudly, with its output, if it fails."""
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0:
        shown = " ".join(command)
        error = done.stderr.decode(errors="replace").strip()
        raise SystemExit(
            f"benchmark failed: `{shown}` exited {done.returncode}: {error}"
        )
    return done


def rounds(
    steps: Sequence[Callable[[], float]], budget_s: float, least: int, most: int
) -> list[list[float]]:
    """Run every step once a round, in an order that turns each round, until the
    budget is spent and `least` rounds are done, or `most` are; each step returns
    the seconds it measured. The seconds of each step, in the order of `steps`."""
    found: list[list[float]] = [[] for _ in steps]
    start = time.perf_counter()
    done = 0
    while done < most and (done < least or time.perf_counter() - start < budget_s):
        for offset in range(len(steps)):
            index = (done + offset) % len(steps)
            found[index].append(steps[index]())
        done += 1
    return found


def ms(seconds: Sequence[float]) -> float:
    """The median, in milliseconds."""
    return statistics.median(seconds) * 1000


_DISK = [0]


def note_disk(tmp: Path) -> None:
    """Keep the most the temporary directory has held so far (bytes)."""
    used = sum(f.stat().st_size for f in tmp.iterdir() if f.is_file())
    _DISK[0] = max(_DISK[0], used)


def remove_store(path: Path) -> None:
    """Remove a SQLite store and its WAL files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# import_ratio and import_peak_mb

#: Runs its arguments as a child and reports only that child's wall time and peak
#: resident memory in KiB: the most that the child and its own children (the
#: import's writer process) held together, polled twenty times a second, or the
#: largest of them alone (ru_maxrss), whichever is more.
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
most = 0
while child.poll() is None:
    most = max(most, tree(child.pid))
    time.sleep(0.05)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(wall, max(most, peak))
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


def sqlite_baseline(rows: list[Row], db: Path) -> float:
    """Seconds to insert the rows with plain sqlite3: a fresh file, the store's
    schema, one executemany in one transaction."""
    start = time.perf_counter()
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(BASELINE_SCHEMA)
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO stored_events VALUES (?,?,?,?)", rows)
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - start


def timed_import(export: Path, db: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of `missions import` into a fresh store."""
    remove_store(db)
    command = [MISSIONS, "--store", str(db), "import", str(export)]
    done = run([sys.executable, "-c", WRAPPER, *command])
    note_disk(db.parent)
    wall, peak_kib = done.stdout.split()
    return float(wall), int(peak_kib) / 1024


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
    imported: list[float] = []
    peaks: list[float] = []
    for round_ in (1, 2):
        rows = read_rows(export)
        remove_store(tmp / "baseline.db")
        gc.collect()
        baseline.append(sqlite_baseline(rows, tmp / "baseline.db"))
        note_disk(tmp)
        del rows
        remove_store(tmp / "baseline.db")
        progress(f"round {round_}: sqlite3 executemany {baseline[-1]:.2f}s")
        wall, peak = timed_import(export, tmp / "import.db")
        remove_store(tmp / "import.db")
        imported.append(wall)
        peaks.append(peak)
        progress(f"round {round_}: missions import {wall:.2f}s, peak {peak:.1f} MB")
        if wall > settings.import_round_budget_s:
            break
    small = tmp / "import-small.ndjson"
    small_ratio = ratio_of_first(export, SMALL_IMPORT, small, tmp)
    export.unlink()
    return {
        "generate_s": generated,
        "rounds": len(imported),
        "import_s": min(imported),
        "baseline_s": min(baseline),
        "import_ratio": min(baseline) / min(imported),
        "import_peak_mb": max(peaks),
        "import_ratio_100k": small_ratio,
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
        baseline.append(sqlite_baseline(rows, tmp / "baseline.db"))
    del rows
    remove_store(tmp / "baseline.db")
    imported = [timed_import(small, tmp / "import.db")[0] for _ in (1, 2)]
    remove_store(tmp / "import.db")
    small.unlink()
    progress(
        f"{count} events: executemany {min(baseline):.2f}s, import {min(imported):.2f}s"
    )
    return min(baseline) / min(imported)


# Queries in this process


def load_store(export: Path, db: Path) -> None:
    """A fresh store holding the events of an export, as `missions import` would
    write them (the same stored events, through the same recorder), without its
    line-by-line checks: the import's own speed is measured by import_ratio."""
    from eventsourcing.persistence import StoredEvent

    from adapters.eventstore.tracker import MissionTracker

    remove_store(db)
    tracker = MissionTracker(f"sqlite:///{db}")
    batch: list[StoredEvent] = []
    with export.open("rb") as source:
        for raw in source:
            line = orjson.loads(raw)
            batch.append(
                StoredEvent(
                    originator_id=UUID(line["originator_id"]),
                    originator_version=line["originator_version"],
                    topic=line["topic"],
                    state=orjson.dumps(line["state"]),
                )
            )
            if len(batch) == LOAD_BATCH:
                tracker.recorder.insert_events(batch)
                batch.clear()
    if batch:
        tracker.recorder.insert_events(batch)
    tracker.close()


def open_tracker(db: Path) -> tuple[Any, float | None]:
    """The tracker of a store, and the seconds its read model took to catch up
    (None if the tracker has no `catch_up`)."""
    from adapters.eventstore.tracker import MissionTracker

    tracker = MissionTracker(f"sqlite:///{db}")
    catch_up = getattr(tracker, "catch_up", None)
    if catch_up is None:
        return tracker, None
    start = time.perf_counter()
    catch_up()
    return tracker, time.perf_counter() - start


def random_day(rng: random.Random) -> date:
    """A day within the span of the generated world dates."""
    return date.fromordinal(rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal()))


def measure_status(
    settings: Settings, tmp: Path
) -> tuple[dict[str, float], float | None]:
    """status_ms_100k, status_growth, replay_speedup, known_at_ms_100k and
    catch_up_s_100k: a mission of 100,000 events beside one of 1,000."""
    from adapters.eventstore import views

    long_, short = "long", "short"
    export = tmp / "status.ndjson"
    plan = [(long_, settings.long_events), (short, settings.short_events)]
    progress(f"writing missions of {settings.long_events} and {settings.short_events}")
    spans = write_export(export, plan, SEED + 1)
    db = tmp / "status.db"
    progress("loading them into a store")
    load_store(export, db)
    export.unlink()
    tracker, catch_up_s = open_tracker(db)
    note_disk(tmp)
    progress(f"catch_up: {'n/a' if catch_up_s is None else f'{catch_up_s:.2f}s'}")
    rng = random.Random(SEED + 2)
    first = _instant(spans[long_].first_recorded)
    last = _instant(spans[long_].last_recorded)

    def status(slug: str) -> Callable[[], float]:
        def step() -> float:
            day = random_day(rng)
            start = time.perf_counter()
            tracker.status(slug, day, None)
            return time.perf_counter() - start

        return step

    def known_at() -> float:
        day = random_day(rng)
        moment = first + (last - first) * rng.random()
        start = time.perf_counter()
        tracker.status(long_, day, moment)
        return time.perf_counter() - start

    def replay() -> float:
        day = random_day(rng)
        start = time.perf_counter()
        views.status_view(tracker.mission(long_), day, None)
        return time.perf_counter() - start

    # A naive replay, then a share of the query rounds, and again: interleaved.
    replays: list[float] = []
    found: list[list[float]] = [[], [], []]
    share = -(-settings.min_samples // settings.replays)
    for number in range(settings.replays):
        replays.append(replay())
        progress(f"naive replay {number + 1}: {replays[-1]:.2f}s")
        more = rounds(
            [status(long_), status(short), known_at],
            settings.query_budget_s / settings.replays,
            share,
            settings.max_samples // settings.replays,
        )
        for kept, new in zip(found, more, strict=True):
            kept += new
        progress(f"{len(found[0])} rounds of status queries")
    tracker.close()
    remove_store(db)
    long_ms, short_ms, known_ms = (ms(samples) for samples in found)
    return {
        "status_ms_100k": long_ms,
        "status_ms_1k": short_ms,
        "status_growth": long_ms / short_ms,
        "replay_s_100k": statistics.median(replays),
        "replay_speedup": statistics.median(replays) * 1000 / long_ms,
        "known_at_ms_100k": known_ms,
        "status_samples": len(found[0]),
        "replays": len(replays),
    }, catch_up_s


def measure_list(
    settings: Settings, tmp: Path
) -> tuple[dict[str, float], float | None]:
    """list_ms_1000: every mission's status at a day, over 1,000 missions."""
    export = tmp / "list.ndjson"
    count, size = settings.list_missions, settings.list_events
    plan = [(f"list-{n:04d}", size) for n in range(count)]
    progress(f"writing {count} missions of {size} events")
    write_export(export, plan, SEED + 3)
    db = tmp / "list.db"
    progress("loading them into a store")
    load_store(export, db)
    export.unlink()
    tracker, catch_up_s = open_tracker(db)
    progress(f"catch_up: {'n/a' if catch_up_s is None else f'{catch_up_s:.2f}s'}")
    rng = random.Random(SEED + 4)

    def statuses() -> float:
        day = random_day(rng)
        start = time.perf_counter()
        answer = tracker.statuses(day)
        elapsed = time.perf_counter() - start
        if len(answer) != count:
            raise SystemExit(f"list answered {len(answer)} missions, not {count}")
        return elapsed

    (found,) = rounds(
        [statuses], settings.query_budget_s, settings.min_samples, settings.max_samples
    )
    progress(f"{len(found)} list queries")
    tracker.close()
    remove_store(db)
    return {"list_ms_1000": ms(found), "list_samples": len(found)}, catch_up_s


# Whole processes


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


# The report ---------------------------------------------------------------------


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
    Target("import_ratio", ">=", 0.5),
    Target("status_growth", "<=", 3),
    Target("replay_speedup", ">=", 100),
    Target("known_at_ms_100k", "<", 250),
    Target("list_ms_1000", "<", 50),
    Target("cli_status_ratio", "<=", 6),
    Target("cli_help_ratio", "<=", 4),
    Target("import_peak_mb", "<=", 200),
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
        decimals = 1 if target.name.endswith(("_ms_100k", "_ms_1000", "_mb")) else 2
        note = ""
        if target.name.startswith("import_") and values["import_events"] < 1_000_000:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the figures and the targets; 0 even when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a run under five minutes (fewer samples)"
    )
    settings = QUICK if parser.parse_args(argv).quick else FULL
    print(header(settings), flush=True)
    with tempfile.TemporaryDirectory(prefix="missions-bench-") as name:
        values = measure_all(settings, Path(name))
    report_targets(values, settings)
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figure("benchmark_peak_mb", own_peak, 1)
    figure("benchmark_disk_mb", _DISK[0] / 2**20, 1)
    figure("elapsed_s", time.perf_counter() - _STARTED, 1)
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
    values |= imports

    status, catch_up = measure_status(settings, tmp)
    figure("catch_up_s_100k", _or_na(catch_up))
    for name in ("status_ms_100k", "status_ms_1k"):
        figure(name, status[name], 1)
    figure("status_growth", status["status_growth"])
    figure("replay_s_100k", status["replay_s_100k"])
    figure("replay_speedup", status["replay_speedup"])
    figure("known_at_ms_100k", status["known_at_ms_100k"], 1)
    figure("status_samples", status["status_samples"])
    figure("replays", status["replays"])
    values |= status

    listed, catch_up = measure_list(settings, tmp)
    figure("catch_up_s_list", _or_na(catch_up))
    figure("list_ms_1000", listed["list_ms_1000"], 1)
    figure("list_samples", listed["list_samples"])
    values |= listed
    return values


def _or_na(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    sys.exit(main())
