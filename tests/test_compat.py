"""What earlier versions wrote is forever: each version's export imports, verifies
clean (saying how many events an older scheme sealed) and answers as that version
did, on both stores, and today's export of it is that export, line for line; each
version's SQLite file and PostgreSQL schema opens, has its read model built again
once (one line on stderr), verifies clean and answers as it did
(tests/data/compat/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.readmodel.tables import FORMAT
from cli.main import cli
from domain.chain import SCHEME as SEAL_NOW
from tests.compat import Fixture, differences, fixtures, questions
from tests.conftest import Run
from tests.stores import fresh_store

FIXTURES = fixtures()
IDS = [fixture.name for fixture in FIXTURES]

REBUILT = (
    "The read model was made by another version of missions: it is built again"
    " from the events.\n"
)
BUILT = (
    "The store has no read model (an earlier version of missions wrote it): it is"
    " built from the events.\n"
)


def missions(store: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", store, *args])


def answers_as_then(store: str, fixture: Fixture, kind: str) -> None:
    """Every question the version was asked, answered today as it answered it."""
    found = []
    for args, then in questions(fixture, kind):
        now = missions(store, *args)
        assert now.exit_code == then["exit"], (args, now.output)
        if then["exit"] == 0:
            said = differences(then["json"], json.loads(now.stdout))
            found += [f"{' '.join(args)}: {difference}" for difference in said]
    assert found == []


def verifies_clean(store: str, fixture: Fixture) -> None:
    """verify passes, and says that an older scheme sealed every event (none, of
    a version that sealed them by today's scheme, which each event names)."""
    events = len(fixture.lines)
    verified = missions(store, "verify")
    assert verified.exit_code == 0, verified.output
    said = verified.stdout.splitlines()
    assert said[0].startswith(f"Verified {events} events of ")
    older = json.loads(missions(store, "verify", "--json").stdout)["older_schemes"]
    if fixture.seal == SEAL_NOW:
        assert not any(line.startswith("Sealed by an older") for line in said)
        assert older["events"] == 0
        return
    assert said[1].startswith(
        f"Sealed by an older scheme: {events} events, which name no scheme"
    )
    assert older["events"] == events
    by_scheme = older["scheme_1"] + older["scheme_2"] + older["scheme_1_or_2"]
    assert by_scheme == events


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_an_old_export_imports_verifies_answers_and_exports_as_it_was(
    fixture: Fixture, store: str, run: Run, tmp_path: Path
) -> None:
    """It imports (once), verifies clean and answers as the version did; and,
    stamped as it was sealed, today's export of it is the version's export, line
    for line: so that export, too, imports, verifies and answers alike."""
    events = len(fixture.lines)
    imported = run("import", str(fixture.export))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == f"Imported {events} of {events} events.\n"
    verifies_clean(store, fixture)
    again = run("import", str(fixture.export))
    assert again.stdout == (
        f"Nothing to add: all {events} events are already in the store.\n"
    )
    answers_as_then(store, fixture, "sqlite")
    exported = tmp_path / "today.ndjson"
    assert run("export", "--out", str(exported)).exit_code == 0
    today = [json.loads(line) for line in exported.read_text().splitlines()]
    assert today == fixture.lines


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_an_old_sqlite_store_opens_verifies_and_answers_as_it_did(
    fixture: Fixture, tmp_path: Path
) -> None:
    store = fixture.store_file(tmp_path)
    had_read_model = fixture.store_had_read_model(store)
    first = missions(store, "list", "--at", "2022-03-01")
    assert first.exit_code == 0, first.output
    assert first.stderr == said_on_opening(fixture, had_read_model)
    second = missions(store, "list", "--at", "2022-03-01")
    assert (second.stderr, second.stdout) == ("", first.stdout)
    verifies_clean(store, fixture)
    answers_as_then(store, fixture, "sqlite")


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_an_old_postgres_schema_opens_verifies_and_answers_as_it_did(
    fixture: Fixture, tmp_path: Path
) -> None:
    with fresh_store("postgres", tmp_path, "compat") as store:
        fixture.restore_schema(store)
        first = missions(store, "list", "--at", "2022-03-01")
        assert first.exit_code == 0, first.output
        had = fixture.schema_had_read_model()
        assert first.stderr == said_on_opening(fixture, had)
        second = missions(store, "list", "--at", "2022-03-01")
        assert (second.stderr, second.stdout) == ("", first.stdout)
        verifies_clean(store, fixture)
        answers_as_then(store, fixture, "postgres")


def said_on_opening(fixture: Fixture, had_read_model: bool) -> str:
    """The one line a store of that version is opened with: a read model of
    another form, or none beside the events, is built (again) from them; one of
    today's form is kept."""
    if not had_read_model:
        return BUILT
    return "" if fixture.read_model == FORMAT else REBUILT


def test_a_built_in_partner_recorded_otherwise_before_still_imports(
    run: Run, tmp_path: Path
) -> None:
    """Versions before this one let `partner add` record a built-in partner's slug
    with other details; such a record is history, and imports as it was (only a
    new `partner add` or pack is refused it)."""
    import orjson

    from adapters.eventstore.persistence import dumped
    from domain.events import Source
    from domain.registry import add_partner
    from domain.vocabulary import PartnerKind

    event = add_partner(
        "esa", "Evil Space Agency", PartnerKind("company"), Source(publication="Old")
    )
    line = {
        "originator_id": str(event.originator_id),
        "originator_version": 1,
        "topic": "domain.events:PartnerAdded",
        "state": dumped(event),
    }
    path = tmp_path / "old-partner.ndjson"
    path.write_bytes(orjson.dumps(line) + b"\n")
    imported = run("import", str(path))
    assert imported.stdout == "Imported 1 of 1 event.\n", imported.output
    listed = json.loads(run("partner", "list", "--json").stdout)
    assert next(p for p in listed if p["partner"] == "esa")["name"] == (
        "Evil Space Agency"
    )
    assert run("verify").exit_code == 0
