"""The read model: kept from the events by pulling, rewritten only from the first
fact a new event touches, rebuilt to the same rows, never half-written, and read
without the event classes."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from adapters.readmodel import projector, states
from adapters.readmodel.projector import Projector
from adapters.readmodel.tables import Caught
from cli import context as cli_context
from domain.events import Source
from domain.mission import Report
from tests.conftest import Run
from tests.readmodel import (
    heavy_modules_of,
    read_model_agrees,
    read_model_rows,
    rebuilt_read_model_is_the_same,
)
from tests.stores import execute, kind_of, schema_of

SOURCE = Source(publication="ESA")
DAYS = [date(2022, 3, d) for d in range(1, 29)]


def report(edtf: str) -> Report:
    return Report(occurred=parse_edtf(edtf), source=SOURCE, summary="A status.")


def status_on(tracker: MissionTracker, edtf: str, status: str) -> Caught:
    """Record a status change on `edtf` and bring the read model up to date."""
    tracker.record("exomars", "status-changed", report(edtf), {"status": status})
    return tracker.catch_up()


@pytest.fixture
def march(tracker: MissionTracker) -> MissionTracker:
    """ExoMars with one status a day from 1 to 20 March 2022, recorded in order."""
    tracker.register("exomars", "ExoMars", [], report("../2022-03-01"))
    for day in range(1, 21):
        status_on(tracker, f"2022-03-{day:02d}", "planned" if day % 2 else "delayed")
    return tracker


def test_a_fact_at_the_end_of_the_world_writes_one_state(
    march: MissionTracker,
) -> None:
    assert status_on(march, "2022-03-25", "at_risk") == Caught(events=1, states=1)


def test_a_backdated_fact_rewrites_the_timeline_from_its_place_only(
    march: MissionTracker,
) -> None:
    before = read_model_rows(march)["timeline_states"]
    # Dated 10 March, after the fact of that day: its own state is written, and
    # the state after 11 March's fact is the same as before but for its count of
    # facts, so the fold ends there: that state and the later ones count one more.
    assert status_on(march, "2022-03-10", "at_risk") == Caught(events=1, states=1)
    after = read_model_rows(march)["timeline_states"]
    assert len(after) == len(before) + 1
    earlier = [row for row in before if row[1] <= "2022-03-10"]
    assert [row for row in after if row[1] < "2022-03-10"] == earlier[:-1]
    later = [row for row in before if row[1] > "2022-03-10"]
    counted = [(*row[:6], row[6] + 1, row[7]) for row in later]
    assert [row for row in after if row[1] > "2022-03-10"] == counted
    assert march.status("exomars", date(2022, 3, 10))["status"] == "at_risk"
    assert march.status("exomars", date(2022, 3, 11))["status"] == "planned"
    assert march.status("exomars", date(2022, 3, 28))["facts"] == 22
    rebuilt_read_model_is_the_same(march)


def test_a_long_timeline_keeps_some_states_and_answers_the_same(
    tracker: MissionTracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `EVERY_FACT` facts a mission keeps a state every few facts, and
    folds the rest when asked: the answers stay those of a replay, through the
    length at which the spacing changes, for facts recorded in any order."""
    monkeypatch.setattr(states, "EVERY_FACT", 4)
    tracker.register("exomars", "ExoMars", [], report("../2022-03-01"))
    days = random.Random(7).sample(range(1, 29), 28)
    for number, day in enumerate(days, start=1):
        status = ("planned", "delayed", "at_risk")[number % 3]
        status_on(tracker, f"2022-03-{day:02d}", status)
        mission = tracker.mission("exomars")
        for on in DAYS:
            read_model_agrees(tracker, mission, on, None)
    kept = read_model_rows(tracker)["timeline_states"]
    assert 4 < len(kept) < 29  # some states, not every one
    tracker.rebuild()
    assert read_model_rows(tracker)["timeline_states"] == kept


def test_facts_after_the_last_state_kept_are_all_folded(
    tracker: MissionTracker,
) -> None:
    """Facts come, several at a time, after the last state a long timeline
    keeps: each answer folds all of them, then the states kept after them."""
    tracker.reader.spacing = 3
    tracker.register("exomars", "ExoMars", [], report("../2022-03-01"))
    statuses = ("planned", "delayed", "at_risk")
    for batch in ([1, 2, 3], [4, 5], [6, 7], [8], [9, 10, 11, 12], [13]):
        for day in batch:
            tracker.record(
                "exomars",
                "status-changed",
                report(f"2022-03-{day:02d}"),
                {"status": statuses[day % 3]},
            )
        tracker.catch_up()
        mission = tracker.mission("exomars")
        for on in DAYS:
            read_model_agrees(tracker, mission, on, None)


def test_a_correction_rewrites_from_the_earlier_of_the_old_and_new_dates(
    march: MissionTracker,
) -> None:
    fact = march.record(
        "exomars", "status-changed", report("2022-03-18"), {"status": "suspended"}
    )
    march.catch_up()
    march.correct(str(fact.id), {"occurred": parse_edtf("2022-03-05").model_dump()})
    caught = march.catch_up()
    # Now dated 5 March, it comes after that day's fact: it and the 13 facts
    # from 6 to 18 March (where it was) are refolded; the state after 19 March's
    # fact is as it was (planned since that day), and so is every later one.
    assert caught == Caught(events=1, states=14)
    rebuilt_read_model_is_the_same(march)
    mission = march.mission("exomars")
    for day in DAYS:
        read_model_agrees(march, mission, day, None)


def test_a_retraction_rewrites_from_the_retracted_fact(march: MissionTracker) -> None:
    fact = march.record(
        "exomars", "status-changed", report("2022-03-19"), {"status": "cancelled"}
    )
    fact_root = fact.originator_version
    march.catch_up()
    march.retract(str(fact.id), "It was a rumour.", SOURCE)
    # Its state is gone; the state of 20 March, refolded, is as it was (delayed
    # since that day) but for its count of facts: no state is written.
    before = read_model_rows(march)["timeline_states"]
    assert march.catch_up() == Caught(events=1, states=0)
    after = read_model_rows(march)["timeline_states"]
    kept = [row for row in before if row[1] != "2022-03-19" or row[3] != fact_root]
    assert after == [
        (*row[:6], row[6] - 1, row[7]) if row[1] > "2022-03-19" else row for row in kept
    ]
    assert len(after) == len(before) - 1
    rebuilt_read_model_is_the_same(march)
    assert march.status("exomars", date(2022, 3, 19))["status"] == "planned"


def test_a_query_catches_up_with_what_another_tracker_recorded(
    store: str, march: MissionTracker
) -> None:
    other = MissionTracker(store)
    try:
        assert other.status("exomars", date(2022, 3, 30))["status"] == "delayed"
        status_on(march, "2022-03-30", "cancelled")  # caught up by `march`
        march.record("exomars", "noted", report("2022-03-31"), {})
        # `other` reads both: one from the read model, one pulled now.
        view = other.status("exomars", date(2022, 3, 31))
        assert (view["status"], view["facts"]) == ("cancelled", 23)
    finally:
        other.close()


def test_a_long_catch_up_tells_how_far_it_has_read(
    store: str, march: MissionTracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page by page, then at the end, in events to read since the last catch-up."""
    monkeypatch.setattr(projector, "PAGE", 4)
    for day in range(21, 31):
        march.record("exomars", "noted", report(f"2022-03-{day}"), {})
    other = MissionTracker(store)
    told: list[tuple[int, int]] = []
    other.reader.progress = lambda read, total: told.append((read, total))
    try:
        assert other.reader.catch_up() == Caught(events=10, states=10)
    finally:
        other.close()
    total = told[-1][1]
    assert total >= 10  # and the snapshots taken meanwhile
    assert told[-1] == (total, total)
    assert [read for read, _ in told] == sorted({read for read, _ in told})
    assert len(told) == 1 + 10 // 4


def test_the_terminal_is_told_of_a_long_catch_up_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_context.catching_up(3, 5)
    cli_context.catching_up(4000, 20000)
    cli_context.catching_up(20000, 20000)
    assert capsys.readouterr().err == (
        "\rUpdating the read model: 4000 of 20000 events"
        "\rUpdating the read model: 20000 of 20000 events\n"
    )


def test_rebuild_gives_the_rows_kept_as_the_events_came(
    seeded: MissionTracker, run: Run
) -> None:
    status_on(seeded, "2022-03-17", "suspended")
    seeded.record(
        "exomars", "status-changed", report("2020-03-12"), {"status": "delayed"}
    )
    fact = seeded.record(
        "exomars", "status-changed", report("2022-03-07"), {"status": "cancelled"}
    )
    seeded.correct(str(fact.id), {"status": "suspended"})
    seeded.retract(str(fact.id), "Wrong date.", SOURCE)
    seeded.catch_up()
    kept = read_model_rows(seeded)
    result = run("rebuild")
    assert result.exit_code == 0, result.output
    assert result.output == "Rebuilt the read model from 44 events (41 states).\n"
    assert read_model_rows(seeded) == kept


def test_a_catch_up_that_fails_leaves_the_read_model_as_it_was(
    march: MissionTracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = read_model_rows(march)
    for day in (21, 22, 23):
        march.record(
            "exomars", "status-changed", report(f"2022-03-{day}"), {"status": "at_risk"}
        )
    apply = Projector._apply
    seen: list[int] = []

    def failing(self: Projector, *args: Any) -> Any:
        seen.append(1)
        if len(seen) == 2:
            raise RuntimeError("the disk is full")
        return apply(self, *args)

    monkeypatch.setattr(Projector, "_apply", failing)
    with pytest.raises(RuntimeError, match="the disk is full"):
        march.catch_up()
    assert read_model_rows(march) == kept
    monkeypatch.undo()
    assert march.catch_up() == Caught(events=3, states=3)
    assert march.status("exomars", date(2022, 3, 23))["status"] == "at_risk"


def test_the_questions_over_time_need_neither_pydantic_nor_the_events(
    tmp_path: Path,
) -> None:
    commands = [
        ["status", "exomars", "--at", "2022-03-01", "--json"],
        ["list", "--at", "2022-03-01"],
        ["partners", "--at", "2022-03-01"],
        ["history", "exomars", "--from", "2022-02-01", "--json"],
        ["changes", "--from", "2022-02-24", "--to", "2022-03-01"],
    ]
    heavy, printed = heavy_modules_of(str(tmp_path / "missions.db"), commands)
    assert heavy == []
    assert '"status": "at_risk"' in printed


def test_a_read_model_of_another_form_is_built_again_and_said_once(
    seeded_store: str, run: Run
) -> None:
    table = "timeline_format"
    if kind_of(seeded_store) == "postgres":
        table = f'"{schema_of(seeded_store)}".{table}'
    assert run("list").exit_code == 0
    expected = run("list", "--at", "2022-03-01", "--json").stdout
    execute(seeded_store, f"UPDATE {table} SET format = 3")  # an older tracker's
    first = run("list", "--at", "2022-03-01", "--json")
    assert first.exit_code == 0
    assert first.stderr == (
        "The read model was made by another version of missions: it is built"
        " again from the events.\n"
    )
    assert first.stdout == expected
    again = run("list", "--at", "2022-03-01", "--json")
    assert (again.stderr, again.stdout) == ("", expected)
