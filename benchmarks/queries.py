"""status_growth, replay_speedup, known_at_ms_100k, known_at_growth,
history_ms_100k, history_growth, list_ms_1000 and changes_ms_1000: the queries
in this process, on stores loaded in bulk."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
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
from benchmarks.streams import measure_streams


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
    windows = {slug: _recorded(spans[slug]) for slug in (long_, short)}
    replays, found = _status_rounds(settings, tracker, (long_, short), windows)
    whole = _whole_histories(tracker, long_)
    tracker.close()
    total = settings.long_events + settings.short_events
    streams = measure_streams(db, long_, settings.long_events, total)
    remove_store(db)
    medians = {name: ms(samples) for name, samples in found.items()}
    return {
        "status_ms_100k": medians["status_long"],
        "status_ms_1k": medians["status_short"],
        "status_growth": medians["status_long"] / medians["status_short"],
        "replay_s_100k": statistics.median(replays),
        "replay_speedup": statistics.median(replays) * 1000 / medians["status_long"],
        "known_at_ms_100k": medians["known_long"],
        "known_at_ms_1k": medians["known_short"],
        "known_at_growth": medians["known_long"] / medians["known_short"],
        "history_ms_100k": ms(whole),
        "history_window_ms_100k": medians["history_long"],
        "history_window_days_100k": _days(365, settings),
        "history_year_ms_1k": medians["history_short"],
        "history_growth": medians["history_long"] / medians["history_short"],
        "history_year_ms_100k": medians["history_year_long"],
        "status_samples": len(found["status_long"]),
        "replays": len(replays),
        **streams,
    }, catch_up_s


def _recorded(span: Any) -> tuple[datetime, datetime]:
    """When a generated mission's first and last events were recorded."""
    return instant(span.first_recorded), instant(span.last_recorded)


def _window(rng: random.Random, days: int) -> tuple[date, date]:
    """A window of `days` days within the span of the generated world dates."""
    first = rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal() - days)
    return date.fromordinal(first), date.fromordinal(first + days - 1)


def _days(days: int, settings: Settings) -> int:
    """A window of the long mission holding about as many facts as one of
    `days` days of the short one."""
    return max(1, round(days * settings.short_events / settings.long_events))


def _status_rounds(
    settings: Settings,
    tracker: Any,
    missions: tuple[str, str],
    windows: dict[str, tuple[datetime, datetime]],
) -> tuple[list[float], dict[str, list[float]]]:
    """Seconds of a naive replay of the long mission, interleaved with rounds of
    questions of the long mission and of the short one (status on a day, as
    known at a moment of its recording, and its history over a year), so that
    the machine's noise falls on all of them alike."""
    from adapters.eventstore import views

    long_, short = missions
    rng = random.Random(SEED + 2)

    def timed(ask: Callable[[], object]) -> float:
        start = time.perf_counter()
        ask()
        return time.perf_counter() - start

    def status(slug: str) -> Callable[[], float]:
        return lambda: timed(lambda: tracker.status(slug, random_day(rng), None))

    def known_at(slug: str) -> Callable[[], float]:
        def step() -> float:
            first, last = windows[slug]
            moment = first + (last - first) * rng.random()
            day = random_day(rng)
            return timed(lambda: tracker.status(slug, day, moment))

        return step

    def history(slug: str, days: int) -> Callable[[], float]:
        def step() -> float:
            start, end = _window(rng, days)
            return timed(lambda: list(tracker.history(slug, start, end)))

        return step

    def replay() -> float:
        day = random_day(rng)
        return timed(lambda: views.status_view(tracker.mission(long_), day, None))

    steps = {
        "status_long": status(long_),
        "status_short": status(short),
        "known_long": known_at(long_),
        "known_short": known_at(short),
        # Windows that hold about as many facts: both missions' dates span the
        # same years, so the long one's window is shorter by their ratio.
        "history_long": history(long_, _days(365, settings)),
        "history_short": history(short, 365),
        "history_year_long": history(long_, 365),
    }
    replays: list[float] = []
    found: dict[str, list[float]] = {name: [] for name in steps}
    share = -(-settings.min_samples // settings.replays)
    for number in range(settings.replays):
        replays.append(replay())
        progress(f"naive replay {number + 1}: {replays[-1]:.2f}s")
        more = rounds(
            list(steps.values()),
            settings.query_budget_s / settings.replays,
            share,
            settings.max_samples // settings.replays,
        )
        for kept, new in zip(found.values(), more, strict=True):
            kept += new
        progress(f"{len(found['status_long'])} rounds of questions")
    return replays, found


def _whole_histories(tracker: Any, slug: str) -> list[float]:
    """Seconds of the whole history of a mission, three times."""
    found = []
    for _ in range(3):
        start = time.perf_counter()
        list(tracker.history(slug))
        found.append(time.perf_counter() - start)
    progress(f"whole history: {ms(found):.0f} ms")
    return found


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

    def changes() -> float:
        first = random_day(rng)
        start = time.perf_counter()
        tracker.changes(first, first + timedelta(days=30))
        return time.perf_counter() - start

    found, changed = rounds(
        [statuses, changes],
        settings.query_budget_s,
        settings.min_samples,
        settings.max_samples,
    )
    progress(f"{len(found)} list and changes queries")
    tracker.close()
    remove_store(db)
    return {
        "list_ms_1000": ms(found),
        "changes_ms_1000": ms(changed),
        "list_samples": len(found),
    }, catch_up_s
