"""status_growth, replay_speedup, known_at_ms_100k and list_ms_1000: the queries
in this process, on stores loaded in bulk."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson

from benchmarks.common import (
    LOAD_BATCH,
    SEED,
    Settings,
    ms,
    note_disk,
    progress,
    remove_store,
    rounds,
)
from benchmarks.generator import FIRST_DAY, LAST_DAY, instant, write_export


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
    span = spans[long_]
    window = (instant(span.first_recorded), instant(span.last_recorded))
    replays, found = _status_rounds(settings, tracker, (long_, short), window)
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


def _status_rounds(
    settings: Settings,
    tracker: Any,
    missions: tuple[str, str],
    window: tuple[datetime, datetime],
) -> tuple[list[float], list[list[float]]]:
    """Seconds of a naive replay of the long mission, interleaved with rounds of
    status questions (of the long mission, of the short one, and of the long one
    as known at a moment of `window`), so that the machine's noise falls on both."""
    from adapters.eventstore import views

    long_, short = missions
    first, last = window
    rng = random.Random(SEED + 2)

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
    return replays, found


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
