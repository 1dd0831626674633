"""Export and import: a store rebuilt from its export gives the same logs and the
same answers for every date, from SQLite to PostgreSQL and back."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from tests.stores import KINDS, Kind, fresh_store, stored_rows

MISSIONS = (
    "exomars",
    "venera-d",
    "luna-27",
    "change-6",
    "change-7",
    "ilrs",
    "soyuz-kourou",
    "iss",
)
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
