"""Export and import: a store rebuilt from its export gives the same logs and the
same answers for every date, from SQLite to PostgreSQL and back."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
import pytest
from click.testing import CliRunner, Result

from adapters.errors import InputError
from adapters.eventstore.tracker import MissionTracker
from adapters.evidence import exchange
from adapters.evidence.admission import Admitting
from adapters.evidence.lines import ImportRefused, Seen, check
from adapters.evidence.tables import Row
from adapters.evidence.verify import verify
from cli.main import cli
from domain.chain import Canonical, canonical_json, stored_digest
from domain.events import Event
from tests.article import MISSIONS
from tests.stores import KINDS, Kind, fresh_store, stored_rows, tables

DAYS = tuple(date(2021, 6, 1) + timedelta(days=30 * n) for n in range(14))


def missions(store: str, *args: str, stdin: bytes | None = None) -> Result:
    """`missions --store STORE ARGS...`, in-process."""
    return CliRunner().invoke(cli, ["--store", store, *args], input=stdin)


def fill(store: str) -> None:
    """The article's facts and a few of the spring of 2022, with a correction."""
    assert missions(store, "seed").exit_code == 0
    recorded = missions(
        store,
        "record",
        "exomars",
        "status-changed",
        "--status",
        "suspended",
        "--on",
        "2022-03-07",
        "--source",
        "ESA",
        "--json",
    )
    assert recorded.exit_code == 0, recorded.output
    event = orjson.loads(recorded.stdout)["id"]
    assert missions(store, "correct", event[:8], "--on", "2022-03-17").exit_code == 0
    joined = missions(
        store,
        "record",
        "luna-27",
        "partner-joined",
        "--partner",
        "esa",
        "--role",
        "contributor",
        "--on",
        "../2022-04-13",
        "--source",
        "ESA",
    )
    assert joined.exit_code == 0, joined.output


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
    assert exported.count(b"\n") == 39 + 3

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
        assert first.stdout == "Imported 42 of 42 events.\n"
        rows = stored_rows(target)
        again = missions(target, "import", str(file))
        assert again.exit_code == 0
        assert (
            again.stdout == "Nothing to add: all 42 events are already in the store.\n"
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


def exported_lines(store: str) -> list[dict[str, Any]]:
    """`missions export` of a store, each line parsed."""
    return [
        orjson.loads(x) for x in missions(store, "export").stdout_bytes.splitlines()
    ]


def write_lines(path: Path, lines: list[dict[str, Any]]) -> Path:
    """An import file of those lines."""
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    return path


def appended(
    lines: list[dict[str, Any]],
    copy: dict[str, Any],
    changes: dict[str, Any],
    canonical: Canonical = canonical_json,
) -> dict[str, Any]:
    """A copy of an event as its mission's next event, with other changes, chained
    and sealed with that writer of the canonical text."""
    origin = copy["originator_id"]
    last = max(
        (x for x in lines if x["originator_id"] == origin),
        key=lambda x: int(x["originator_version"]),
    )
    version = last["originator_version"] + 1
    state = {
        **copy["state"],
        "id": str(uuid5(NAMESPACE_URL, f"appended/{version}")),
        "previous": last["state"]["digest"],
        "changes": changes,
    }
    state["digest"] = stored_digest(origin, version, state, canonical)
    return {**copy, "originator_version": version, "state": state}


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
            "Imported 17 of 42 events.\n"
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
            "Error: line 43: is not valid JSON (a truncated line?); nothing was"
            " imported\n"
        )
        assert not [row for row in stored_rows(target) if row[0] == tables(target)[0]]


@pytest.mark.parametrize("kind", KINDS)
def test_progress_is_told_how_many_events_were_read(
    kind: Kind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "BATCH", 10)
    with (
        fresh_store(kind, tmp_path, "a") as source,
        fresh_store(kind, tmp_path, "b") as target,
    ):
        fill(source)
        file = tmp_path / "export.ndjson"
        file.write_bytes(
            missions(source, "export").stdout_bytes.replace(b"\n", b"\n\n")
        )
        told: list[int] = []
        app = MissionTracker(target)
        try:
            assert exchange.import_events(app, str(file), told.append) == (42, 42)
            assert told == [10, 20, 30, 40, 42]
            told.clear()
            assert exchange.import_events(app, str(file), told.append) == (0, 42)
            assert told == [10, 20, 30, 40, 42]
        finally:
            app.close()


@pytest.mark.parametrize("kind", KINDS)
def test_numbers_json_and_orjson_write_otherwise_are_sealed_as_json_writes_them(
    kind: Kind, tmp_path: Path
) -> None:
    """The import takes digests with orjson, but numbers below 1e-4 (which the
    tracker never writes) are sealed as the domain's json writes them: a line
    sealed so has its digest checked and is refused by the rules (no field of a
    fact is a number), and one sealed over orjson's text is refused as unsealed."""
    with (
        fresh_store(kind, tmp_path, "a") as source,
        fresh_store(kind, tmp_path, "b") as target,
    ):
        fill(source)
        lines = exported_lines(source)
        correction = next(x for x in lines if x["topic"].endswith(":Corrected"))
        small = {"a": 1e-07, "b": [0.00001234, -2e-06]}

        def plain_orjson(content: dict[str, Any]) -> bytes:
            return orjson.dumps(content, option=orjson.OPT_SORT_KEYS)

        otherwise = appended(lines, correction, small, plain_orjson)
        assert (
            otherwise["state"]["digest"]
            != appended(lines, correction, small)["state"]["digest"]
        )
        app = MissionTracker(target)
        try:
            bad = write_lines(tmp_path / "bad.ndjson", [*lines, otherwise])
            with pytest.raises(
                ImportRefused, match=r"field state\.digest does not match"
            ):
                exchange.import_events(app, str(bad))
            sealed = write_lines(
                tmp_path / "sealed.ndjson", [*lines, appended(lines, correction, small)]
            )
            with pytest.raises(ImportRefused, match=r"cannot have its a, b corrected"):
                exchange.import_events(app, str(sealed))
            plain = write_lines(tmp_path / "plain.ndjson", lines)
            assert exchange.import_events(app, str(plain)) == (len(lines), len(lines))
            assert verify(app)["problems"] == []
        finally:
            app.close()


def test_the_stored_events_held_for_comparison_stay_few(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stored events read ahead for comparison are shared out among the missions
    and never more than HELD; each is read once when the missions interleave."""
    monkeypatch.setattr(exchange, "RANGE", 4)
    monkeypatch.setattr(exchange, "HELD", 10)
    reads: list[tuple[int, int]] = []

    class Table:
        """Missions of 50 stored events each."""

        def key(self, origin: UUID) -> Any:
            return origin

        def last(self, key: Any) -> tuple[int, str]:
            return (50, "digest")

        def states(self, key: Any, first: int, last: int) -> dict[int, bytes]:
            reads.append((first, last))
            return {v: f"{key}/{v}".encode() for v in range(first, last + 1)}

        def insert(self, rows: list[Row]) -> None:
            raise AssertionError("nothing is new")

        def events(self, origin: UUID) -> Iterator[Event]:
            raise AssertionError("nothing is new")

        def known_ids(self, ids: list[str]) -> set[str]:
            raise AssertionError("nothing is new")

        def holds_events(self) -> bool:
            return True

    nothing_new = Admitting({}, lambda origin: iter(()), lambda ids: set())
    importer = exchange._Importer(Table(), nothing_new)
    chains = [importer._chain(str(UUID(int=n))) for n in range(5)]
    for version in range(1, 51):
        for chain in chains:
            assert importer._stored(chain, version) == f"{chain.key}/{version}".encode()
            assert importer.held_count == sum(map(len, importer.held.values()))
            assert importer.held_count <= 10
    assert sum(last - first + 1 for first, last in reads) == 5 * 50


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
            assert exchange.import_events(app, str(file)) == (42, 42)
            assert verify(app)["problems"] == []
        finally:
            holder.close()
            app.close()


def test_each_cited_source_is_checked_once_and_those_kept_stay_few(
    tmp_path: Path,
) -> None:
    """An import validates each distinct source once
    (adapters.evidence.lines.Seen); what it keeps of them is bounded, and keeping
    them changes no line's check."""
    with fresh_store("sqlite", tmp_path, "a") as store:
        fill(store)
        raws = missions(store, "export").stdout_bytes.splitlines()
    states = [orjson.loads(raw)["state"] for raw in raws]
    cited = {orjson.dumps(state["source"]) for state in states if "source" in state}
    assert 1 < len(cited) < len(raws)
    alone = [check(number, raw) for number, raw in enumerate(raws, start=1)]
    seen = Seen()
    assert [check(n, raw, seen) for n, raw in enumerate(raws, start=1)] == alone
    assert set(seen.sources) == cited
    few = Seen()
    few.SOURCES = 2
    assert [check(n, raw, few) for n, raw in enumerate(raws, start=1)] == alone
    assert 0 < len(few.sources) <= 2


def test_a_source_seen_valid_does_not_vouch_for_another_that_is_not(
    tmp_path: Path,
) -> None:
    with fresh_store("sqlite", tmp_path, "a") as store:
        fill(store)
        lines = exported_lines(store)
    seen = Seen()
    for number, line in enumerate(lines, start=1):
        check(number, orjson.dumps(line), seen)
    bad = lines[-1]
    bad["state"]["source"] = {**bad["state"]["source"], "published": "1 March"}
    with pytest.raises(ImportRefused) as refused:
        check(99, orjson.dumps(bad), seen)
    assert "not a valid event: source.published" in str(refused.value)
