"""Export and import: a store rebuilt from its export gives the same logs and the
same answers for every date, from SQLite to PostgreSQL and back; an import adds
what is new in one pass, and in one transaction that a bad line, or a store it
cannot write, leaves unwritten."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from adapters.errors import InputError
from adapters.eventstore.tracker import MissionTracker
from adapters.evidence import exchange
from adapters.evidence.verify import verify
from domain.chain import stored_digest
from tests.article import MISSIONS
from tests.exports import exported_lines, fill, missions, write_lines
from tests.stores import KINDS, Kind, fresh_store, stored_rows, tables

DAYS = tuple(date(2021, 6, 1) + timedelta(days=30 * n) for n in range(14))


def answers(store: str) -> list[bytes]:
    """Every mission's log and status on many days: what a user sees."""
    found = [missions(store, "log", m, "--json").stdout_bytes for m in MISSIONS]
    found += [
        missions(store, "list", "--at", day.isoformat(), "--json").stdout_bytes
        for day in DAYS
    ]
    return found


@pytest.fixture
def stores(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """A source store and two targets, of the kinds the test names."""
    kinds: tuple[Kind, Kind, Kind] = request.param
    with (
        fresh_store(kinds[0], tmp_path, "source") as source,
        fresh_store(kinds[1], tmp_path, "middle") as middle,
        fresh_store(kinds[2], tmp_path, "last") as last,
    ):
        yield [source, middle, last]


@pytest.mark.parametrize(
    "stores",
    [
        pytest.param(kinds, id="-".join(kinds))
        for kinds in itertools.product(KINDS, repeat=3)
        if kinds[0] == kinds[2]
    ],
    indirect=True,
)
def test_an_export_imported_elsewhere_and_back_rebuilds_the_store_exactly(
    stores: list[str], tmp_path: Path
) -> None:
    source, middle, last = stores
    fill(source)
    exported = missions(source, "export").stdout_bytes
    # The article's 39 facts, the 18 built-in partners, and the 3 facts `fill` adds.
    assert exported.count(b"\n") == 39 + 18 + 3

    file = tmp_path / "export.ndjson"
    file.write_bytes(exported)
    assert missions(middle, "import", str(file)).exit_code == 0
    piped = missions(last, "import", "-", stdin=missions(middle, "export").stdout_bytes)
    assert piped.exit_code == 0, piped.output
    assert missions(last, "export").stdout_bytes == exported
    assert answers(middle) == answers(source)
    assert answers(last) == answers(source)
    assert missions(last, "verify").exit_code == 0


@pytest.mark.parametrize("kind", KINDS)
def test_importing_the_same_file_again_adds_nothing(kind: Kind, tmp_path: Path) -> None:
    with (
        fresh_store(kind, tmp_path, "a") as source,
        fresh_store(kind, tmp_path, "b") as target,
    ):
        fill(source)
        file = tmp_path / "export.ndjson"
        file.write_bytes(missions(source, "export").stdout_bytes)
        first = missions(target, "import", str(file))
        assert first.stdout == "Imported 60 of 60 events.\n"
        rows = stored_rows(target)
        again = missions(target, "import", str(file))
        assert again.exit_code == 0
        assert (
            again.stdout == "Nothing to add: all 60 events are already in the store.\n"
        )
        assert stored_rows(target) == rows


@pytest.mark.parametrize("kind", KINDS)
def test_an_export_is_one_json_object_a_line_in_recording_order(
    kind: Kind, tmp_path: Path
) -> None:
    with fresh_store(kind, tmp_path) as store:
        fill(store)
        lines = [
            orjson.loads(x) for x in missions(store, "export").stdout_bytes.splitlines()
        ]
    assert {tuple(sorted(line)) for line in lines} == {
        ("originator_id", "originator_version", "state", "topic")
    }
    recorded = [line["state"]["timestamp"] for line in lines]
    assert recorded == sorted(recorded)
    assert all(line["state"]["digest"] for line in lines)


# One pass, one transaction


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_partly_in_the_store_imports_the_rest(
    kind: Kind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines already stored are compared with stored events read a few at a time
    (here two, and at most three held), and the rest is added."""
    monkeypatch.setattr(exchange, "RANGE", 2)
    monkeypatch.setattr(exchange, "HELD", 3)
    with (
        fresh_store(kind, tmp_path, "a") as source,
        fresh_store(kind, tmp_path, "b") as target,
    ):
        fill(source)
        lines = exported_lines(source)
        part = write_lines(tmp_path / "part.ndjson", lines[:25])
        whole = write_lines(tmp_path / "whole.ndjson", lines)
        assert missions(target, "import", str(part)).stdout == (
            "Imported 25 of 25 events.\n"
        )
        assert missions(target, "import", str(whole)).stdout == (
            "Imported 35 of 60 events.\n"
        )
        assert exported_lines(target) == lines
        assert missions(target, "verify").exit_code == 0


@pytest.mark.parametrize("kind", KINDS)
def test_an_event_stored_otherwise_is_refused_wherever_it_comes(
    kind: Kind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "RANGE", 2)
    monkeypatch.setattr(exchange, "HELD", 3)
    with (
        fresh_store(kind, tmp_path, "a") as source,
        fresh_store(kind, tmp_path, "b") as target,
    ):
        fill(source)
        lines = exported_lines(source)
        piped = write_lines(tmp_path / "all.ndjson", lines).read_bytes()
        assert missions(target, "import", "-", stdin=piped).exit_code == 0
        before = stored_rows(target)
        # The file's last note, its summary changed and sealed again.
        number, line = next(
            (n, x)
            for n, x in reversed(list(enumerate(lines, start=1)))
            if x["topic"].endswith(":Noted")
        )
        state = {**line["state"], "summary": "Something else entirely."}
        state["digest"] = stored_digest(
            line["originator_id"], line["originator_version"], state
        )
        lines[number - 1] = {**line, "state": state}
        refused = missions(target, "import", str(write_lines(tmp_path / "x", lines)))
        assert refused.exit_code == 2
        assert refused.stderr == (
            f"Error: line {number}: event {state['id']} (version"
            f" {line['originator_version']}) is already in the store with different"
            " content; nothing was imported\n"
        )
        assert stored_rows(target) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_line_after_many_batches_writes_nothing(
    kind: Kind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "BATCH", 5)
    with (
        fresh_store(kind, tmp_path, "a") as source,
        fresh_store(kind, tmp_path, "b") as target,
    ):
        fill(source)
        file = tmp_path / "export.ndjson"
        file.write_bytes(missions(source, "export").stdout_bytes + b'{"originator')
        refused = missions(target, "import", str(file))
        assert refused.exit_code == 2
        assert refused.stderr == (
            "Error: line 61: is not valid JSON (a truncated line?); nothing was"
            " imported\n"
        )
        assert not [row for row in stored_rows(target) if row[0] == tables(target)[0]]


def test_an_import_that_cannot_write_says_why_and_writes_nothing(
    tmp_path: Path,
) -> None:
    """A SQLite file is written by a process of its own
    (adapters.evidence.bulkwriter): if it cannot take the store's write lock, the
    import fails with its reason, in one line, and the store stays as it was; once
    the lock is free, it imports."""
    with (
        fresh_store("sqlite", tmp_path, "a") as source,
        fresh_store("sqlite", tmp_path, "b") as target,
    ):
        fill(source)
        file = tmp_path / "export.ndjson"
        file.write_bytes(missions(source, "export").stdout_bytes)
        app = MissionTracker(target)
        app.recorder.datastore.pool.lock_timeout = 1  # type: ignore[attr-defined]
        before = stored_rows(target)
        holder = sqlite3.connect(target, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            with pytest.raises(InputError) as refused:
                exchange.import_events(app, str(file))
            assert str(refused.value) == (
                "cannot write to the store: OperationalError: database is locked;"
                " nothing was imported"
            )
            holder.rollback()
            assert stored_rows(target) == before
            assert exchange.import_events(app, str(file)) == (60, 60)
            assert verify(app)["problems"] == []
        finally:
            holder.close()
            app.close()
