"""How an import checks what it reads, and at what cost: it tells its progress,
holds few stored events for comparison, checks each cited source once, and takes
the digests of numbers as the domain's json writes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
import pytest

from adapters.eventstore.tracker import MissionTracker
from adapters.evidence import exchange
from adapters.evidence.admission import Admitting
from adapters.evidence.lines import ImportRefused, Seen, check
from adapters.evidence.tables import Row
from adapters.evidence.verify import verify
from domain.chain import Canonical, canonical_json, stored_digest
from domain.events import Event
from tests.exports import exported_lines, fill, missions, write_lines
from tests.stores import KINDS, Kind, fresh_store


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
            assert exchange.import_events(app, str(file), told.append) == (60, 60)
            assert told == [10, 20, 30, 40, 50, 60]
            told.clear()
            assert exchange.import_events(app, str(file), told.append) == (0, 60)
            assert told == [10, 20, 30, 40, 50, 60]
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
