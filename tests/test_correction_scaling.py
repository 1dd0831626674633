"""Corrections of one fact cost the same however many came before: an import or a
rebuild applies each correction once, to the fact as the ones before it left
it, in a few statements, and answers as the aggregate's fold does; no time is
measured (the machine is shared), only work counted."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
import pytest
from eventsourcing.utils import get_topic
from hypothesis import given, settings
from hypothesis import strategies as st

import domain.knowledge
from adapters.eventstore.tracker import MissionTracker
from adapters.evidence import exchange
from adapters.readmodel import amended, projector
from adapters.readmodel.recorders import Tx
from domain.chain import SCHEME, stored_digest
from domain.events import (
    KINDS,
    Corrected,
    Event,
    MissionEvent,
    Retracted,
    Source,
    StatusChanged,
)
from domain.identity import mission_id
from domain.knowledge import Reading, Span, effective_facts, misfits, spans
from tests.readmodel import read_model_agrees, read_model_rows
from tests.stores import KINDS as STORES
from tests.stores import Kind, execute, fresh_store

SLUG = "corrected-often"
ORIGIN = mission_id(SLUG)
START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
DAY = {"edtf": "2022-03-17", "earliest": "2022-03-17", "latest": "2022-03-17"}
SOURCE = {"publication": "SpaceNews", "title": None, "author": None}
SOURCE |= {"published": None, "url": None}
STATUSES = ("delayed", "suspended", "planned", "at_risk")


# An export of one mission whose one fact is amended again and again


@dataclass(frozen=True)
class Step:
    """One event after the mission's registration and its one status fact: a
    correction of the event `target` (0: the fact; k: the k-th step) to `status`,
    or, if `status` is None, a retraction of it; recorded `after` seconds after
    the step before it."""

    target: int
    status: str | None
    after: int = 1


def ident(index: int) -> str:
    """The id of the mission's `index`-th event (0: its registration, 1: the fact)."""
    return str(UUID(int=index + 1, version=4))


def write_export(path: Path, steps: list[Step]) -> Path:
    """An export of the mission: registered, one status fact, then `steps`, each
    line chained and sealed as a tracker seals it."""
    common = {"occurred": DAY, "source": SOURCE, "quote": None, "effective": None}
    bodies: list[dict[str, Any]] = [
        {**common, "summary": "Tracked.", "kind": "registered", "slug": SLUG}
        | {"name": "Corrected Often", "aliases": []},
        {**common, "summary": "Suspended.", "kind": "status-changed"}
        | {"status": "suspended", "by_party": None},
    ]
    for step in steps:
        target = ident(step.target + 1)
        if step.status is None:
            bodies.append(
                {"kind": "retracted", "retracts": target, "reason": "Withdrawn."}
                | {"source": SOURCE, "summary": f"Retracted {target}."}
            )
        else:
            bodies.append(
                {"kind": "corrected", "corrects": target}
                | {"changes": {"status": step.status}, "summary": "Corrected."}
            )
    previous, moment = "", START
    lines = []
    for index, body in enumerate(bodies):
        if index >= 2:
            moment += timedelta(seconds=steps[index - 2].after)
        state = {
            "timestamp": moment.isoformat().replace("+00:00", "Z"),
            "id": ident(index),
            "previous": previous,
            "seal_scheme": SCHEME,
            **body,
        }
        state["digest"] = previous = stored_digest(str(ORIGIN), index + 1, state)
        line = {
            "originator_id": str(ORIGIN),
            "originator_version": index + 1,
            "topic": get_topic(KINDS[body["kind"]]),
            "state": state,
        }
        lines.append(orjson.dumps(line))
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def corrections(count: int) -> list[Step]:
    """`count` corrections of the fact, each of its status, a second apart."""
    return [Step(0, STATUSES[n % len(STATUSES)]) for n in range(count)]


@pytest.fixture(params=STORES, ids=STORES)
def kind(request: pytest.FixtureRequest) -> Kind:
    found: Kind = request.param
    return found


@pytest.fixture
def imported(kind: Kind, tmp_path: Path) -> Iterator[Any]:
    """Imports an export of `steps` into a fresh store of the test's kind (or,
    `raw`, writes its lines there as they are); the tracker on it (closed, and
    the store dropped, after the test)."""
    made: list[tuple[MissionTracker, Any]] = []

    def importing(steps: list[Step], raw: bool = False) -> MissionTracker:
        name = f"n{len(made)}"
        context = fresh_store(kind, tmp_path, name)
        store = context.__enter__()
        tracker = MissionTracker(store)
        made.append((tracker, context))
        export = write_export(tmp_path / f"{name}.ndjson", steps)
        if raw:  # as a store written by hand holds them, past the import's checks
            for text in export.read_bytes().splitlines():
                line = orjson.loads(text)
                version, topic = line["originator_version"], line["topic"]
                execute(
                    store,
                    "INSERT INTO {events} (originator_id, originator_version,"
                    " topic, state) VALUES (?, ?, ?, ?)",
                    [ORIGIN, version, topic, orjson.dumps(line["state"])],
                )
        else:
            exchange.import_events(tracker, str(export))
        tracker.catch_up()
        return tracker

    yield importing
    for tracker, context in made:
        tracker.close()
        context.__exit__(None, None, None)


# Work counted, for N and 2N corrections


class Counted:
    """How many corrections were applied to a fact (`refitted`) and how many
    statements the read model ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.refits = 0
        self.statements = 0
        refitted = domain.knowledge.refitted
        execute, executemany = Tx.execute, Tx.executemany

        def counted_refitted(fact: MissionEvent, changes: dict[str, Any]) -> Any:
            self.refits += 1
            return refitted(fact, changes)

        def counted_execute(tx: Tx, *args: Any) -> Any:
            self.statements += 1
            return execute(tx, *args)

        def counted_executemany(tx: Tx, *args: Any) -> None:
            self.statements += 1
            executemany(tx, *args)

        monkeypatch.setattr(domain.knowledge, "refitted", counted_refitted)
        monkeypatch.setattr(Tx, "execute", counted_execute)
        monkeypatch.setattr(Tx, "executemany", counted_executemany)

    def reset(self) -> tuple[int, int]:
        """The counts so far, from zero again."""
        found = (self.refits, self.statements)
        self.refits = self.statements = 0
        return found


@pytest.mark.parametrize("chained", [False, True], ids=["of-the-fact", "chained"])
def test_each_correction_is_applied_once_in_a_few_statements(
    imported: Any, monkeypatch: pytest.MonkeyPatch, chained: bool
) -> None:
    """N and 2N corrections of one fact (each naming the fact, or the correction
    before it): the import's catch-up, and a rebuild, apply each correction once
    and run as many statements for each of the second N as for each of the
    first; the time they once took grew as N squared, or cubed."""
    counted = Counted(monkeypatch)
    work = {}
    for count in (100, 200):
        steps = corrections(count)
        if chained:
            steps = [Step(n, s.status) for n, s in enumerate(steps)]
        counted.reset()
        tracker = imported(steps)
        imported_work = counted.reset()
        tracker.rebuild()
        work[count] = (imported_work, counted.reset())
        assert (
            tracker.status(SLUG, date(2022, 3, 31))["status"]
            == STATUSES[(count - 1) % len(STATUSES)]
        )
    for done in ("import", "rebuild"):
        (refits, statements), (refits2, statements2) = (
            work[count][done == "rebuild"] for count in (100, 200)
        )
        assert refits == 100, done
        assert refits2 == 200, done
        # Each correction adds a few statements (one chain read is two).
        assert statements2 - statements <= 100 * 8, (done, statements, statements2)
        assert statements2 <= 2 * statements, (done, statements, statements2)


def test_a_fact_read_again_in_each_catch_up_is_read_in_two_queries(
    imported: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catch-up that meets a fact amended before reads its chain of amendments
    in two queries, not one for each, and folds it once."""
    tracker = imported(corrections(200))
    counted = Counted(monkeypatch)
    tracker.correct(ident(1), {"status": "completed"})
    counted.reset()
    tracker.catch_up()
    refits, statements = counted.reset()
    assert refits == 201  # the fact's corrections, folded once, and the new one
    assert statements < 40, statements
    assert tracker.status(SLUG, date(2022, 3, 31))["status"] == "completed"
    read_model_agrees(tracker, tracker.mission(SLUG), date(2022, 3, 31), None)


# Answers


def test_many_corrections_and_a_retraction_of_the_last_answer_as_the_aggregate(
    imported: Any,
) -> None:
    steps = [*corrections(300), Step(300, None)]
    tracker = imported(steps)
    mission = tracker.mission(SLUG)
    assert tracker.status(SLUG, date(2022, 3, 31))["status"] == STATUSES[298 % 4]
    moments = [START + timedelta(seconds=n, microseconds=500) for n in (0, 1, 150)]
    moments += [START + timedelta(seconds=s) for s in (299, 300, 301, 400)]
    for known_at in [None, *moments]:
        read_model_agrees(tracker, mission, date(2022, 3, 31), known_at)
        read_model_agrees(tracker, mission, date(2022, 3, 1), known_at)
    kept = read_model_rows(tracker)
    tracker.rebuild()
    assert read_model_rows(tracker) == kept


#: Amendments that exercise every way a fact's last span can change: corrections
#: of the fact and of corrections, some recorded at the same time as the one
#: before (a span that begins again, or goes on from the span before it), a
#: correction that says the same, retractions of corrections in the middle and
#: at the end, and at last of the fact itself.
MIXED = [
    Step(0, "delayed"),
    Step(1, "planned", after=0),
    Step(0, "delayed", after=0),
    Step(0, "planned"),
    Step(0, "planned"),
    Step(4, "at_risk"),
    Step(2, None),
    Step(0, "cancelled", after=0),
    Step(8, None, after=0),
    Step(6, None),
    Step(0, "delayed", after=0),
    Step(5, None),
    Step(0, "suspended"),
    Step(0, "planned", after=0),
    Step(0, "suspended", after=0),
    Step(0, None),
]


def test_rows_kept_one_amendment_at_a_time_are_those_written_from_the_chain(
    imported: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows a catch-up keeps as each amendment comes are those it writes
    from the fact's whole chain of amendments for each one (as it does when it
    keeps none)."""
    followed = imported(MIXED)
    kept = read_model_rows(followed)
    mission = followed.mission(SLUG)
    for index in range(len(MIXED) + 2):
        known_at = START + timedelta(seconds=index)
        for on in (date(2022, 3, 31), date(2022, 3, 1)):
            read_model_agrees(followed, mission, on, known_at)
    monkeypatch.setattr(projector, "AMENDED", 0)
    rewritten = imported(MIXED)
    assert read_model_rows(rewritten) == kept
    followed.rebuild()
    assert read_model_rows(followed) == kept


#: Amendments recorded at times that go backwards, as no tracker records them,
#: but a store written by hand may hold them.
BACKWARDS = [
    Step(0, "delayed"),
    Step(0, "planned", after=-3),
    Step(1, "at_risk", after=5),
    Step(0, "delayed", after=-1),
    Step(2, None, after=-4),
    Step(0, "cancelled", after=9),
    Step(0, "planned", after=-20),
]


def test_amendments_recorded_back_in_time_have_the_fact_read_again(
    imported: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rewritten = []
    rewrite = amended.rewrite

    def counted(*args: Any) -> Any:
        rewritten.append(1)
        return rewrite(*args)

    monkeypatch.setattr(projector, "rewrite", counted)
    followed = imported(BACKWARDS, raw=True)
    assert len(rewritten) == 4  # the amendments recorded before the one before
    kept = read_model_rows(followed)
    mission = followed.mission(SLUG)
    for seconds in range(-25, 15):
        known_at = START + timedelta(seconds=seconds)
        if known_at >= mission.events[0].timestamp:
            read_model_agrees(followed, mission, date(2022, 3, 31), known_at)
    monkeypatch.setattr(projector, "AMENDED", 0)
    assert read_model_rows(imported(BACKWARDS, raw=True)) == kept
    followed.rebuild()
    assert read_model_rows(followed) == kept


# The spans of one fact, against every time read again


def status_fact(moment: datetime) -> StatusChanged:
    return StatusChanged(
        originator_id=ORIGIN,
        originator_version=2,
        timestamp=moment,
        id=UUID(ident(1)),
        occurred=DAY,
        source=Source(publication="SpaceNews"),
        summary="Suspended.",
        status="suspended",
    )


@st.composite
def chains(draw: st.DrawFn) -> list[Event]:
    """A fact and amendments of it, recorded at times that mostly follow their
    order, at times at once, at times go backwards; some corrections do not fit
    (an unknown status), some name a correction, a retraction or nothing."""
    times = draw(st.lists(st.sampled_from([0, 0, 1, 1, 1, 3, -2]), max_size=14))
    moment = START
    events: list[Event] = [status_fact(moment)]
    for index, step in enumerate(times):
        moment += timedelta(seconds=step)
        version = index + 3
        event_id = UUID(ident(version - 1))
        pick = draw(st.integers(0, len(events) + 1))
        target = events[pick].id if pick < len(events) else UUID(int=pick)
        common: dict[str, Any] = {
            "originator_id": ORIGIN,
            "originator_version": version,
            "timestamp": moment,
            "id": event_id,
        }
        if draw(st.integers(0, 3)) == 0:
            events.append(
                Retracted(
                    **common,
                    retracts=target,
                    reason="Withdrawn.",
                    source=Source(publication="TASS"),
                    summary="Retracted.",
                )
            )
        else:
            status = draw(st.sampled_from([*STATUSES, "suspended", "unheard-of"]))
            events.append(
                Corrected(
                    **common,
                    corrects=target,
                    changes={"status": status},
                    summary="Corrected.",
                )
            )
    return events


def spans_read_again(events: list[Event]) -> list[Span]:
    """The spans, each time's facts read again from every event known then (as
    the read model once wrote them)."""
    found: list[Span] = []
    for moment in sorted({e.timestamp for e in events}):
        known = [f for f in effective_facts(events, moment) if f.id == events[0].id]
        fact = known[0] if known else None
        if not found or found[-1].fact != fact:
            found.append(Span(moment, fact))
    return found


@settings(max_examples=300, deadline=None)
@given(chains())
def test_spans_are_the_facts_known_at_each_time(events: list[Event]) -> None:
    assert spans(events) == spans_read_again(events)


@settings(max_examples=300, deadline=None)
@given(chains())
def test_a_reading_counts_each_amendment_in_as_the_whole_chain_does(
    events: list[Event],
) -> None:
    first = events[0]
    assert isinstance(first, MissionEvent)
    reading = Reading(first)
    for index, event in enumerate(events[1:], start=2):
        misfit = reading.add(event)
        known = events[:index]
        expected = next((f for f in effective_facts(known) if f.id == first.id), None)
        assert reading.now == expected
        unfit = [m for m in misfits(known) if m.correction is event]
        assert misfit == (unfit[0] if unfit else None)
