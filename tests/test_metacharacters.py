"""SQL, HTML and shell metacharacters (tests/bad_inputs/metacharacters.json) are data
where free text is expected: stored and read back verbatim, on both kinds of store
and through an export and an import."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.bad_input_corpus import METACHARACTERS
from tests.conftest import NewStore, Run
from tests.stores import Row, stored_rows, tables


def assert_holds_verbatim(event: dict[str, Any], value: str) -> None:
    """An event of `log --json` holds the text in its summary, its quote and its
    source's publication, title and author."""
    assert event["summary"] == value
    assert event["quote"] == value
    source_view = event["source"]
    assert source_view["publication"] == value
    assert source_view["title"] == value
    assert source_view["author"] == value


def assert_stored_as_typed(store: str, before: list[Row], value: str) -> None:
    """The store holds two new events holding the text as typed, and every row of
    `before` intact."""
    after = stored_rows(store)
    assert all(row in after for row in before)
    events_table = tables(store)[0]
    new = [row for row in after if row not in before and row[0] == events_table]
    assert len(new) == 2
    for row in new:
        assert orjson.dumps(value) in bytes(row[4])  # as typed, nothing escaped
        state = orjson.loads(bytes(row[4]))
        assert state["summary"] == value
        assert state["source"]["publication"] == value


def log_imported_into(other: str, run: Run, value: str) -> Any:
    """The log of the mission named `value`, as `log --json` prints it in the store
    `other` once it imported the export of the test's store."""
    runner = CliRunner()
    out = run("export")
    assert out.exit_code == 0
    imported = runner.invoke(
        cli, ["--store", other, "import", "-"], input=out.stdout_bytes
    )
    assert imported.exit_code == 0, imported.output
    again = runner.invoke(cli, ["--store", other, "log", value, "--json"])
    assert again.exit_code == 0, again.output
    return json.loads(again.stdout)


@pytest.mark.parametrize(
    "value", list(METACHARACTERS.values()), ids=list(METACHARACTERS)
)
def test_metacharacters_in_free_text_are_stored_and_read_back_verbatim(
    run: Run, seeded_store: str, other_store: NewStore, value: str
) -> None:
    slug = "probe"
    words = ("--summary", value, "--quote", value)
    source = ("--source", value, "--source-title", value, "--source-author", value)
    before = stored_rows(seeded_store)

    registered = run(
        "register", slug, "--name", value, "--on", "2022-03-01", *source, *words
    )
    assert registered.exit_code == 0, registered.output
    assert registered.stdout == f"Registered {value} as {slug}.\n"
    # The name is data too: the mission is found by it.
    recorded = run("record", value, "noted", "--on", "2022-03-02", *source, *words)
    assert recorded.exit_code == 0, recorded.output

    log = run("log", slug, "--json")
    assert log.exit_code == 0, log.output
    events = json.loads(log.stdout)
    assert [e["kind"] for e in events] == ["registered", "noted"]
    for event in events:
        assert_holds_verbatim(event, value)
    assert events[0]["name"] == value

    status = run("status", value, "--json")
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)["name"] == value
    shown = run("status", slug)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith(f"{value} ({slug}) on ")

    # As stored: two new events holding the text as typed; every other row intact.
    assert_stored_as_typed(seeded_store, before, value)
    verified = run("verify")
    assert verified.exit_code == 0, verified.output

    # And through an export and an import into another store.
    assert log_imported_into(other_store(), run, value) == events
