"""The law of the two time axes, as a property: the state of a mission on day D, as
known at time T, is the fold, in the order of the world, of exactly the facts that
surely took effect on or before D (on their effective date, if they have one, else on
their date) and were recorded at or before T, with the corrections recorded by T
applied and the facts retracted by T left out; whatever the order of recording, and on
a store that takes snapshots: in memory, and (fewer examples) on PostgreSQL. Exactly
the commands the rules refuse are refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from adapters.eventstore.tracker import MissionTracker
from domain.errors import DomainError
from domain.events import Event, Source
from domain.mission import Report
from domain.timeline import MissionState
from tests.law_examples import with_examples
from tests.law_histories import (
    FIRST,
    Command,
    Dated,
    dates,
    histories,
)
from tests.law_reference import Entry, Expected, expected_on
from tests.law_rules import amendment_refused, changes_of, fact_refused
from tests.readmodel import (
    questions_agree,
    read_model_agrees,
    rebuilt_read_model_is_the_same,
)
from tests.stores import drop, fresh_store

SLUG = "exomars"
SOURCE = Source(publication="SpaceNews")
#: The days asked about: around every day a fact can be dated by, and in late March.
DAYS = [FIRST - timedelta(days=1 - n) for n in range(10)] + [
    date(2022, 3, 30),
    date(2022, 3, 31),
]


def report(
    dated: Dated, effective: Dated | None = None, summary: str | None = None
) -> Report:
    return Report(
        occurred=dated.world(),
        source=SOURCE,
        summary=summary,
        effective=effective.world() if effective else None,
    )


def record_all(
    tracker: MissionTracker, registered_on: Dated, commands: list[Command]
) -> list[Entry]:
    """Register the programmes the commands name (each a mission), then the
    mission, and record the commands in order; the refused ones are left out, and
    must be exactly those the rules refuse. The read model catches up after each,
    so that it is kept one event at a time, out of the world's order."""
    for programme in sorted({c.options.get("programme", "") for c in commands}):
        if programme:
            tracker.register(programme, programme.title(), [], report(registered_on))
    first = tracker.register(SLUG, "ExoMars", [], report(registered_on))
    entries = [Entry(first.id, 1, first.timestamp, "registered", registered_on)]
    for command in commands:
        entry = record(tracker, entries, command)
        if entry is not None:
            assert entry.version == len(entries) + 1
            entries.append(entry)
        tracker.catch_up()
    return entries


def record(
    tracker: MissionTracker, entries: list[Entry], command: Command
) -> Entry | None:
    """Record the command; what the tracker accepted, or None if it refused it,
    as it must exactly when the rules refuse it."""
    if command.kind in ("correct", "retract"):
        target = entries[-1 - command.pick % len(entries)]
        refused = amendment_refused(entries, target, command)
        changes = changes_of(command)
        made = attempt(lambda: amend(tracker, target, command.kind, changes))
        tally(f"{command.kind} of {target.kind}", refused)
        assert (made is None) == refused, (command, target)
        if made is None:
            return None
        kind = "retracted" if command.kind == "retract" else "corrected"
        return Entry(
            made.id,
            made.originator_version,
            made.timestamp,
            kind,
            about=target.id,
            changes=changes,
        )
    assert command.occurred is not None
    refused = fact_refused(entries, command)
    # A note says what happened in its summary; the other facts are described.
    summary = "A note." if command.kind == "noted" else None
    said = report(command.occurred, command.effective, summary)
    made = attempt(lambda: tracker.record(SLUG, command.kind, said, command.options))
    tally(command.kind, refused)
    assert (made is None) == refused, command
    if made is None:
        return None
    return Entry(
        made.id,
        made.originator_version,
        made.timestamp,
        command.kind,
        command.occurred,
        dict(command.options),
        effective=command.effective,
    )


def amend(
    tracker: MissionTracker, target: Entry, kind: str, changes: dict[str, Any]
) -> Event:
    """Retract the target, or correct it with the changes."""
    if kind == "retract":
        return tracker.retract(str(target.id), "It was wrong.", SOURCE)[1]
    sent = {k: v.json() if isinstance(v, Dated) else v for k, v in changes.items()}
    return tracker.correct(str(target.id), sent)[1]


def attempt(write: Callable[[], Event]) -> Event | None:
    """What `write` recorded, or None if the rules refused it."""
    try:
        return write()
    except DomainError:
        return None


def tally(what: str, refused: bool) -> None:
    """Count what was recorded and what refused in Hypothesis's statistics
    (`--hypothesis-show-statistics`)."""
    event(f"{what}: {'refused' if refused else 'recorded'}")


def times(stamps: list[datetime]) -> list[datetime | None]:
    """When to ask: before anything was recorded, at each recording and between
    each two, and with no limit."""
    found: list[datetime | None] = [None, stamps[0] - timedelta(microseconds=1)]
    for earlier, later in pairwise(stamps):
        found += [earlier, earlier + (later - earlier) / 2]
    return [*found, stamps[-1]]


def observed(state: MissionState) -> Expected:
    """The parts of a state the reference predicts, in its terms."""
    return Expected(
        status=state.status.value if state.status else None,
        since=state.since.edtf if state.since else None,
        by_party=state.by_party,
        partners=[
            (m.partner, m.role.value, m.standing.value, m.by_party, m.contributions)
            for m in state.partners
        ],
        target=state.target_launch.edtf if state.target_launch else None,
        milestones=[(m.milestone.value, m.on.edtf, m.detail) for m in state.milestones],
        programmes=list(state.programmes),
        last_change=state.last_change.edtf if state.last_change else None,
        applied=[
            (
                e.id,
                e.occurred.edtf,
                e.effective.edtf if e.effective else None,
                getattr(e, "status", None),
            )
            for e in state.applied
        ],
        basis=[e.id for e in state.basis],
    )


def the_law_holds(
    store: str, registered_on: Dated, commands: list[Command], interval: int
) -> None:
    """Record the history on the store, then ask about every day at every time."""
    tracker = MissionTracker(store, snapshot_interval=interval, state_spacing=interval)
    try:
        entries = record_all(tracker, registered_on, commands)
        mission = tracker.mission(SLUG)
        stored = mission.events
        assert [e.id for e in stored] == [e.id for e in entries]
        stamps = [e.timestamp for e in stored]
        assert stamps == [e.recorded_at for e in entries]
        for known_at in times(stamps):
            for on in DAYS:
                state = tracker.state(SLUG, on, known_at=known_at)[1]
                assert observed(state) == expected_on(entries, on, known_at), (
                    on,
                    known_at,
                )
                read_model_agrees(tracker, mission, on, known_at)
            questions_agree(tracker, mission, known_at)
        rebuilt_read_model_is_the_same(tracker)
    finally:
        tracker.close()


# Each example asks about 12 days at every recording time: 60 examples (6 on
# PostgreSQL) of random histories, new ones in each run, are 2,500 or so answers.
@settings(max_examples=60, deadline=None)
@given(dates(), histories(), st.sampled_from([2, 3]))
@with_examples
def test_the_state_on_a_day_as_known_at_a_time_is_the_fold_of_what_was_known(
    registered_on: Dated, commands: list[Command], interval: int
) -> None:
    the_law_holds("memory:", registered_on, commands, interval)


@pytest.fixture
def postgres_store(tmp_path: Path) -> Iterator[str]:
    """A PostgreSQL store for the whole test, emptied between examples."""
    with fresh_store("postgres", tmp_path) as store:
        yield store


@settings(
    max_examples=6,
    deadline=None,
    # The store is emptied after each example, so the examples do not share it.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(dates(), histories(), st.sampled_from([2, 3]))
@with_examples
def test_the_law_holds_on_a_postgresql_store(
    postgres_store: str, registered_on: Dated, commands: list[Command], interval: int
) -> None:
    try:
        the_law_holds(postgres_store, registered_on, commands, interval)
    finally:
        drop(postgres_store)
