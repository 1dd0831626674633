"""Steps shared by every feature: they type `missions` commands on a real SQLite file.

Each scenario gets its own store in a temporary folder. Commands run in-process through
click's CliRunner, exactly as typed after `missions`; answers are read from `--json`.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pytest_bdd import given, parsers, then, when

from cli.main import cli

Rows = list[tuple[object, ...]]
View = dict[str, Any]


@dataclass(frozen=True)
class Typed:
    """What a typed command did, and the store's rows just before it ran."""

    result: Result
    rows_before: Rows


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The SQLite file the tracker keeps its facts in."""
    return tmp_path / "missions.db"


@pytest.fixture(scope="session")
def article_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store seeded once from the article, to be copied for each scenario."""
    path = tmp_path_factory.mktemp("article") / "missions.db"
    succeeded(missions(path, "missions seed"))
    return path


def missions(store: Path, command: str) -> Result:
    """Run a `missions ...` command line on the store, in-process."""
    words = shlex.split(command)
    assert words[0] == "missions", f"not a missions command: {command}"
    return CliRunner().invoke(cli, ["--store", str(store), *words[1:]])


def succeeded(result: Result) -> Result:
    """The result, once sure that the command worked."""
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    assert result.stderr == ""
    return result


def answer(store: Path, command: str) -> Any:
    """The JSON a command prints."""
    return json.loads(succeeded(missions(store, command)).stdout)


def stored_rows(store: Path) -> Rows:
    """Every raw row of every table of the store, read without touching it."""
    if not store.exists():
        return []
    with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        return [
            (table, *row)
            for table in tables
            for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
        ]


def cell(value: Any) -> str:
    """A JSON value as a spec table shows it: `-` for nothing, partners as a list."""
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(
            p["partner"]
            if p["standing"] == "active"
            else f"{p['partner']} ({p['standing']})"
            for p in value
        )
    return str(value)


def as_table(views: list[View], header: list[str]) -> list[list[str]]:
    """The views as rows under a header of field names (spaces for underscores).

    A field that a view does not have shows as `-`; each must be in some view."""
    keys = [name.replace(" ", "_") for name in header]
    assert all(any(key in view for view in views) for key in keys), header
    return [header, *([cell(view.get(key)) for key in keys] for view in views)]


def as_fields(view: View, datatable: list[list[str]]) -> list[list[str]]:
    """The view's values for the fields named in the first column of a table."""
    return [[name, cell(view[name.replace(" ", "_")])] for name, _ in datatable]


## Given


@given("a tracker with no missions yet")
def empty_tracker(store: Path) -> None:
    """A store in which nothing is tracked."""
    assert answer(store, "missions list --json") == []


@given("the tracker holds the facts of the article of 1 March 2022")
def seeded(store: Path, article_store: Path) -> None:
    """The SpaceNews article's facts: a copy of a store `missions seed` filled."""
    shutil.copyfile(article_store, store)


@given(parsers.parse("I have typed `{command}`"))
def have_typed(store: Path, command: str) -> None:
    """A command that has already worked."""
    succeeded(missions(store, command))


@given(
    parsers.parse("I have looked at every mission on {day}"),
    target_fixture="earlier_list",
)
def have_listed(store: Path, day: str) -> list[View]:
    """Every mission's status on a date, as it was answered then."""
    views: list[View] = answer(store, f"missions list --at {day} --json")
    return views


## When


@when(parsers.parse("I type `{command}`"), target_fixture="typed")
def type_command(store: Path, command: str) -> Typed:
    """Type a command; keep what it did and the store's rows before it."""
    before = stored_rows(store)
    return Typed(missions(store, command), before)


@when(
    parsers.parse('I ask for the status of "{name}" on {day}'),
    target_fixture="status",
)
def ask_status(store: Path, name: str, day: str) -> View:
    """One mission's status on a date."""
    view: View = answer(store, f"missions status {shlex.quote(name)} --at {day} --json")
    return view


@when(parsers.parse("I list every mission on {day}"), target_fixture="listed")
def list_missions(store: Path, day: str) -> list[View]:
    """Every mission's status on a date."""
    views: list[View] = answer(store, f"missions list --at {day} --json")
    return views


@when(parsers.parse('I read the log of "{name}"'), target_fixture="log")
def read_log(store: Path, name: str) -> list[View]:
    """Every fact recorded about a mission, in the order recorded."""
    entries: list[View] = answer(store, f"missions log {shlex.quote(name)} --json")
    return entries


## Then


def names(listed: str) -> list[str]:
    """Field names listed in words: `a, b and c`."""
    return [name.replace(" ", "_") for name in re.split(r", | and ", listed)]


@then(parsers.parse("the answer has the fields {listed}"))
def answer_fields(status: View, listed: str) -> None:
    """The fields of a status, in the order printed."""
    assert list(status) == names(listed)


@then("the answer reads:")
def answer_reads(status: View, datatable: list[list[str]]) -> None:
    """A status, one field a row."""
    assert as_fields(status, datatable) == datatable


@then(parsers.parse('it is "{slug}", named "{name}"'))
def mission_is(status: View, slug: str, name: str) -> None:
    """The mission the name resolved to."""
    assert (status["mission"], status["name"]) == (slug, name)


@then(parsers.parse('its status is "{expected}"'))
def status_is(status: View, expected: str) -> None:
    """The mission's status on the date asked about."""
    assert status["status"] == expected


@then("nothing is known of it yet")
def nothing_known(status: View) -> None:
    """No fact about the mission had surely happened by the date asked about."""
    assert status["status"] is None
    assert status["partners"] == []
    assert status["facts"] == 0


@then("nothing is recorded of it but its registration")
def only_registered(status: View) -> None:
    """The mission is tracked, and no other fact about it is known."""
    assert status["status"] is None
    assert status["partners"] == []
    assert status["target_launch"] is None
    assert status["facts"] == 1


@then(parsers.parse('its last change dates from "{since}"'))
def since_is(status: View, since: str) -> None:
    """The date of the last fact that changed the mission."""
    assert status["since"] == since


@then(parsers.parse('its launch target is "{target}"'))
def target_is(status: View, target: str) -> None:
    """When the mission was then meant to launch."""
    assert status["target_launch"] == target


@then("it has no launch target")
def no_target(status: View) -> None:
    """No launch target had been reported by the date asked about."""
    assert status["target_launch"] is None


@then("its partners are:")
def partners_are(status: View, datatable: list[list[str]]) -> None:
    """Who took part, in what role and standing, in the order they joined."""
    assert as_table(status["partners"], datatable[0]) == datatable


@then(parsers.parse('the standing of "{partner}" is "{standing}"'))
def standing_is(status: View, partner: str, standing: str) -> None:
    """One partner's standing on the date asked about."""
    standings = {p["partner"]: p["standing"] for p in status["partners"]}
    assert standings.get(partner) == standing


@then(parsers.parse("it rests on {count:d} facts"))
def facts_are(status: View, count: int) -> None:
    """How many recorded facts had surely happened by the date asked about."""
    assert status["facts"] == count


@then("its sources are:")
def sources_are(status: View, datatable: list[list[str]]) -> None:
    """Who reported the facts behind the answer, in the order of the world."""
    assert as_table(status["sources"], datatable[0]) == datatable


@then("the missions are, in order:")
def missions_are(listed: list[View], datatable: list[list[str]]) -> None:
    """Every tracked mission on the date asked about, in the order registered."""
    assert as_table(listed, datatable[0]) == datatable


@then("every mission's status, last change, launch target and partners are as before")
def unchanged_list(listed: list[View], earlier_list: list[View]) -> None:
    """The same state as before, for every mission."""
    fields = ["mission", "status", "since", "target_launch", "partners"]
    assert [[v[f] for f in fields] for v in listed] == [
        [v[f] for f in fields] for v in earlier_list
    ]


@then(parsers.parse("the log has {count:d} entries"))
def log_length(log: list[View], count: int) -> None:
    """How many facts are recorded about the mission."""
    assert len(log) == count


@then("the log reads, in the order recorded:")
def log_reads(log: list[View], datatable: list[list[str]]) -> None:
    """The log's entries, field by field."""
    assert as_table(log, datatable[0]) == datatable


@then(parsers.parse("entry {number:d} of the log reads:"))
def entry_reads(log: list[View], number: int, datatable: list[list[str]]) -> None:
    """One entry of the log, one field a row."""
    assert as_fields(log[number - 1], datatable) == datatable


@then(parsers.parse("entry {number:d} of the log cites:"))
def entry_cites(log: list[View], number: int, datatable: list[list[str]]) -> None:
    """Who reported one fact of the log, and where."""
    assert as_fields(log[number - 1]["source"], datatable) == datatable


@then(parsers.parse("every entry has the fields {listed}, then those of its kind"))
def entry_fields(log: list[View], listed: str) -> None:
    """The fields every entry of the log has, in the order printed."""
    expected = names(listed)
    assert all(list(entry)[: len(expected)] == expected for entry in log)


@then("every entry has its own id and was recorded at a time in UTC")
def ids_and_times(log: list[View]) -> None:
    """Ids are unique; recording times are ISO 8601 in UTC."""
    assert len({entry["id"] for entry in log}) == len(log)
    assert all(entry["recorded_at"].endswith("+00:00") for entry in log)


@then(parsers.parse('I am told "{text}"'))
def told(typed: Typed, text: str) -> None:
    """The command worked and said so in one line."""
    assert succeeded(typed.result).stdout == f"{text}\n"


@then(parsers.parse("I am told the fact is recorded as {kind} for {slug} on {on}"))
def told_recorded(typed: Typed, kind: str, slug: str, on: str) -> None:
    """The command recorded a fact and named it by its short id and version."""
    said = succeeded(typed.result).stdout
    fact = re.escape(f"Recorded {kind} for {slug} on {on} as event ")
    assert re.fullmatch(rf"{fact}[0-9a-f]{{8}} \(version \d+\)\.\n", said), said


@then("I see:")
def see(typed: Typed, docstring: str) -> None:
    """What the command printed, exactly."""
    assert succeeded(typed.result).stdout == f"{docstring}\n"


@then(parsers.parse("I see {count:d} lines, each one entry of the log of {slug}"))
def see_ndjson(typed: Typed, count: int, slug: str) -> None:
    """Newline-delimited JSON: one object a line."""
    lines = succeeded(typed.result).stdout.splitlines()
    assert [json.loads(line)["mission"] for line in lines] == [slug] * count


@then("the recorded fact reads:")
def recorded_reads(typed: Typed, datatable: list[list[str]]) -> None:
    """The fact printed by `--json`, one field a row."""
    view = json.loads(succeeded(typed.result).stdout)
    assert as_fields(view, datatable) == datatable


@then(parsers.parse("I am refused with exit code {code:d}"))
def refused(typed: Typed, code: int) -> None:
    """The command failed, printing nothing on stdout."""
    assert typed.result.exit_code == code, typed.result.stderr
    assert typed.result.stdout == ""


@then("the error reads:")
def error_reads(typed: Typed, docstring: str) -> None:
    """The one line the command printed on stderr."""
    assert typed.result.stderr == f"{docstring}\n"


@then(parsers.parse('the error reads "{line}"'))
def error_line(typed: Typed, line: str) -> None:
    """The one line the command printed on stderr, when it is short."""
    assert typed.result.stderr == f"{line}\n"


@then("nothing has been written to the store")
def store_unchanged(store: Path, typed: Typed) -> None:
    """Every raw row of the store is as it was before the command."""
    assert stored_rows(store) == typed.rows_before
