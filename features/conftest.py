"""Steps shared by every feature: they type `missions` commands on a real store.

Every scenario runs twice, on a SQLite file of its own in a temporary folder and on a
PostgreSQL schema of its own, dropped after it (see tests/stores.py). Commands run
in-process through click's CliRunner, exactly as typed after `missions`; answers are
read from `--json`.
A `[name]` in a command, an error or a log entry stands for what the scenario noted
under that name: the id of an event it recorded, or the time at some point of it.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pytest_bdd import given, parsers, then, when

from cli.main import cli
from tests.stores import (
    KINDS,
    Articles,
    Kind,
    copy_store,
    fresh_store,
    kind_of,
    stored_rows,
)

Rows = list[tuple[object, ...]]
View = dict[str, Any]
#: Ids and times noted during a scenario, by the name written in square brackets.
Noted = dict[str, str]

NOTED = re.compile(r"\[([^\[\]]+)\]")
RECORDED = re.compile(
    r"Recorded \S+ for (?P<slug>\S+)(?: on \S+)? as event (?P<short>[0-9a-f]{8})"
    r" \(version (?P<version>\d+)\)\.\n"
)


@dataclass(frozen=True)
class Typed:
    """What a typed command did, and the store's rows just before it ran."""

    result: Result
    rows_before: Rows


@pytest.fixture(params=KINDS, ids=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The store the tracker keeps its facts in: a SQLite file, or a PostgreSQL
    schema of its own that is dropped after the scenario."""
    kind: Kind = request.param
    with fresh_store(kind, tmp_path) as url:
        yield url


@pytest.fixture
def noted() -> Noted:
    """What the scenario has noted so far: event ids and times, by name."""
    return {}


@pytest.fixture(scope="session")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Articles]:
    """Stores seeded once by `missions seed`, one of each kind, to be copied."""
    found = Articles(tmp_path_factory.mktemp("article"))
    with found.stack:
        yield found


def missions(store: str, command: str) -> Result:
    """Run a `missions ...` command line on the store, in-process."""
    words = shlex.split(command)
    assert words[0] == "missions", f"not a missions command: {command}"
    return CliRunner().invoke(cli, ["--store", store, *words[1:]])


def succeeded(result: Result) -> Result:
    """The result, once sure that the command worked."""
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    assert result.stderr == ""
    return result


def answer(store: str, command: str) -> Any:
    """The JSON a command prints."""
    return json.loads(succeeded(missions(store, command)).stdout)


def filled(text: str, noted: Noted) -> str:
    """The text with each `[name]` noted earlier replaced by what was noted."""
    return NOTED.sub(lambda found: noted.get(found[1], found[0]), text)


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


def part(membership: View | None) -> str:
    """A partner's part in a mission as `missions partners` shows it, `-` if none."""
    if membership is None:
        return "-"
    if membership["standing"] == "active":
        return str(membership["role"])
    return f"{membership['role']}, {membership['standing']}"


def printed(typed: Typed) -> Any:
    """The JSON a typed command printed, once sure that it worked."""
    return json.loads(succeeded(typed.result).stdout)


#: The fields of a status that say what was surely true on its day.
SETTLED = [
    "mission",
    "status",
    "since",
    "target_launch",
    "partners",
    "facts",
    "sources",
]


def comparable(views: list[View], fields: list[str] | None = None) -> list[View]:
    """Views cut down to some fields (all but `known_at` if none are named)."""
    return [
        {
            key: value
            for key, value in view.items()
            if (key in fields if fields else key != "known_at")
        }
        for view in views
    ]


## Given


@given("a tracker with no missions yet")
def empty_tracker(store: str) -> None:
    """A store in which nothing is tracked."""
    assert answer(store, "missions list --json") == []


@given("the tracker holds the facts of the article of 1 March 2022")
def seeded(store: str, articles: Articles) -> None:
    """The SpaceNews article's facts: a copy of a store `missions seed` filled."""
    copy_store(articles.of(kind_of(store)), store)


@given(parsers.parse("I have typed `{command}`"))
def have_typed(store: str, noted: Noted, command: str) -> None:
    """A command that has already worked."""
    succeeded(missions(store, filled(command, noted)))


@given(parsers.parse("I have typed `{command}`, noting its id as [{name}]"))
def have_typed_noting(store: str, noted: Noted, command: str, name: str) -> None:
    """A command that recorded an event; its full id is noted under a name."""
    said = succeeded(missions(store, filled(command, noted))).stdout
    recorded = RECORDED.fullmatch(said)
    assert recorded, said
    entries = answer(store, f"missions log {recorded['slug']} --json")
    event_id: str = entries[int(recorded["version"]) - 1]["id"]
    assert event_id.startswith(recorded["short"])
    noted[name] = event_id


@given(
    parsers.parse(
        'I have noted the id of entry {number:d} of the log of "{name}" as [{label}]'
    )
)
def have_noted_entry(
    store: str, noted: Noted, number: int, name: str, label: str
) -> None:
    """The full id of an event already in a mission's log, noted under a label."""
    entries = answer(store, f"missions log {shlex.quote(name)} --json")
    noted[label] = entries[number - 1]["id"]


@given(parsers.parse("I note the time as [{name}]"))
def note_time(noted: Noted, name: str) -> None:
    """The time now, in UTC, to ask later what was known then."""
    noted[name] = datetime.now(tz=UTC).isoformat()


@given(
    parsers.parse("I have noted every mission's answer on {days}"),
    target_fixture="noted_answers",
)
def have_noted_answers(store: str, days: str) -> dict[str, list[View]]:
    """Every mission's status on each of some dates, as answered then."""
    return {
        day: answer(store, f"missions list --at {day} --json")
        for day in re.split(r", | and ", days)
    }


@given(
    parsers.parse("I have looked at every mission on {day}"),
    target_fixture="earlier_list",
)
def have_listed(store: str, day: str) -> list[View]:
    """Every mission's status on a date, as it was answered then."""
    views: list[View] = answer(store, f"missions list --at {day} --json")
    return views


## When


@when(parsers.parse("I type `{command}`"), target_fixture="typed")
def type_command(store: str, noted: Noted, command: str) -> Typed:
    """Type a command; keep what it did and the store's rows before it."""
    before = stored_rows(store)
    return Typed(missions(store, filled(command, noted)), before)


@when(
    parsers.parse('I ask for the status of "{name}" on {day}'),
    target_fixture="status",
)
def ask_status(store: str, name: str, day: str) -> View:
    """One mission's status on a date."""
    view: View = answer(store, f"missions status {shlex.quote(name)} --at {day} --json")
    return view


@when(parsers.parse("I list every mission on {day}"), target_fixture="listed")
def list_missions(store: str, day: str) -> list[View]:
    """Every mission's status on a date."""
    views: list[View] = answer(store, f"missions list --at {day} --json")
    return views


@when(parsers.parse('I read the log of "{name}"'), target_fixture="log")
def read_log(store: str, name: str) -> list[View]:
    """Every fact recorded about a mission, in the order recorded."""
    entries: list[View] = answer(store, f"missions log {shlex.quote(name)} --json")
    return entries


@when(
    parsers.parse('I ask, as known at [{moment}], for the status of "{name}" on {day}'),
    target_fixture="status",
)
def ask_status_known_at(
    store: str, noted: Noted, moment: str, name: str, day: str
) -> View:
    """One mission's status on a date, from what had been recorded by a time."""
    command = f"missions status {shlex.quote(name)} --at {day} --known-at"
    view: View = answer(store, f"{command} {noted[moment]} --json")
    return view


@when(
    parsers.parse("I list, as known at [{moment}], every mission on {day}"),
    target_fixture="listed",
)
def list_missions_known_at(
    store: str, noted: Noted, moment: str, day: str
) -> list[View]:
    """Every mission's status on a date, from what had been recorded by a time."""
    command = f"missions list --at {day} --known-at {noted[moment]} --json"
    views: list[View] = answer(store, command)
    return views


@when(
    parsers.parse('I read, as known at [{moment}], the log of "{name}"'),
    target_fixture="log",
)
def read_log_known_at(store: str, noted: Noted, moment: str, name: str) -> list[View]:
    """The events recorded about a mission by a time, as the log showed them then."""
    command = f"missions log {shlex.quote(name)} --known-at {noted[moment]} --json"
    entries: list[View] = answer(store, command)
    return entries


@when(
    parsers.parse('I list the missions in which "{partner}" had a part on {day}'),
    target_fixture="listed",
)
def list_partner_missions(store: str, partner: str, day: str) -> list[View]:
    """The missions a partner was in on a date, whatever its standing."""
    command = f"missions list --partner {partner} --at {day} --json"
    views: list[View] = answer(store, command)
    return views


@when(
    parsers.parse('I list the missions in which "{partner}" was {standing} on {day}'),
    target_fixture="listed",
)
def list_partner_standing(
    store: str, partner: str, standing: str, day: str
) -> list[View]:
    """The missions a partner was in, with a given standing, on a date."""
    command = f"missions list --partner {partner} --standing {standing} --at {day}"
    views: list[View] = answer(store, f"{command} --json")
    return views


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


@then("it is uncertain of:")
def uncertain_of(status: View, datatable: list[list[str]]) -> None:
    """The facts that may or may not have happened by the date asked about."""
    assert as_table(status["uncertain"], datatable[0]) == datatable


@then(parsers.parse("it is uncertain of {count:d} facts"))
def uncertain_count(status: View, count: int) -> None:
    """How many facts may or may not have happened by the date asked about."""
    assert len(status["uncertain"]) == count


@then("nothing about it is uncertain")
def nothing_uncertain(status: View) -> None:
    """Every recorded fact had surely happened by then, or surely not."""
    assert status["uncertain"] == []


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


@then(
    "every mission's status, last change, launch target, partners, facts and sources"
    " are as I noted them"
)
def as_noted(listed: list[View], noted_answers: dict[str, list[View]]) -> None:
    """What every mission's answer on a date says was surely true is as noted."""
    before = noted_answers[listed[0]["at"]]
    assert comparable(listed, SETTLED) == comparable(before, SETTLED)


@then("every mission's answer is exactly as I noted it")
def exactly_as_noted(listed: list[View], noted_answers: dict[str, list[View]]) -> None:
    """Every field of every mission's answer is as noted, but the time known at."""
    assert comparable(listed) == comparable(noted_answers[listed[0]["at"]])


@then(parsers.parse("the log has {count:d} entries"))
def log_length(log: list[View], count: int) -> None:
    """How many facts are recorded about the mission."""
    assert len(log) == count


@then("the log reads, in the order recorded:")
def log_reads(log: list[View], datatable: list[list[str]]) -> None:
    """The log's entries, field by field."""
    assert as_table(log, datatable[0]) == datatable


@then(parsers.parse("entry {number:d} of the log reads:"))
def entry_reads(
    log: list[View], noted: Noted, number: int, datatable: list[list[str]]
) -> None:
    """One entry of the log, one field a row; `[name]` stands for a noted id."""
    expected = [[name, filled(value, noted)] for name, value in datatable]
    assert as_fields(log[number - 1], datatable) == expected


@then(
    parsers.parse("entry {number:d} of the log is shown as corrected by entry {by:d}")
)
def shown_corrected(log: list[View], number: int, by: int) -> None:
    """The original stays in the log, marked with the correction recorded about it."""
    assert log[number - 1]["corrected_by"] == [log[by - 1]["id"]]
    assert log[number - 1]["retracted_by"] is None


@then(
    parsers.parse("entry {number:d} of the log is shown as retracted by entry {by:d}")
)
def shown_retracted(log: list[View], number: int, by: int) -> None:
    """The original stays in the log, marked with the retraction recorded about it."""
    assert log[number - 1]["retracted_by"] == log[by - 1]["id"]


@then(
    parsers.parse(
        "entry {number:d} of the log is shown as neither corrected nor retracted"
    )
)
def shown_standing(log: list[View], number: int) -> None:
    """No correction or retraction of the entry is in the log."""
    assert log[number - 1]["corrected_by"] == []
    assert log[number - 1]["retracted_by"] is None


@then(parsers.parse("entry {number:d} of the log corrects entry {other:d}"))
def entry_corrects(log: list[View], number: int, other: int) -> None:
    """A correction names the event whose fields it supersedes."""
    assert log[number - 1]["kind"] == "corrected"
    assert log[number - 1]["corrects"] == log[other - 1]["id"]


@then(parsers.parse("entry {number:d} of the log changes the date to {edtf}"))
def entry_changes_date(log: list[View], number: int, edtf: str) -> None:
    """A correction that superseded when a fact happened, and nothing else."""
    changes = log[number - 1]["changes"]
    assert list(changes) == ["occurred"]
    assert changes["occurred"]["edtf"] == edtf


@then(parsers.parse("entry {number:d} of the log retracts entry {other:d}"))
def entry_retracts(log: list[View], number: int, other: int) -> None:
    """A retraction names the event that should never have been recorded."""
    assert log[number - 1]["kind"] == "retracted"
    assert log[number - 1]["retracts"] == log[other - 1]["id"]


@then("the changes are, in the order of the world:")
def changes_are(typed: Typed, datatable: list[list[str]]) -> None:
    """The changes `missions history --json` printed, one a row."""
    assert as_table(printed(typed), datatable[0]) == datatable


@then("the changes are, by mission:")
def changes_by_mission(typed: Typed, datatable: list[list[str]]) -> None:
    """The changes `missions changes --json` printed, mission by mission."""
    groups = printed(typed)
    flat = [change for group in groups for change in group["changes"]]
    assert all(c["mission"] == g["mission"] for g in groups for c in g["changes"])
    assert as_table(flat, datatable[0]) == datatable


@then("the partners are, by mission:")
def partners_by_mission(typed: Typed, datatable: list[list[str]]) -> None:
    """Each partner's part in each mission, as `missions partners --json` printed it."""
    header = datatable[0]
    rows = [
        [row["partner"], *(part(row["missions"][m]) for m in header[1:])]
        for row in printed(typed)
    ]
    assert [header, *rows] == datatable


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


@then(
    parsers.re(
        r"I am told the (?P<what>correction|retraction) is recorded for (?P<slug>\S+)"
    )
)
def told_amended(typed: Typed, what: str, slug: str) -> None:
    """The command recorded a correction or retraction, named by its short id."""
    kind = {"correction": "corrected", "retraction": "retracted"}[what]
    said = succeeded(typed.result).stdout
    recorded = RECORDED.fullmatch(said)
    assert recorded, said
    assert said.startswith(f"Recorded {kind} for {slug} as event "), said


@then(parsers.parse("I am refused with exit code {code:d}"))
def refused(typed: Typed, code: int) -> None:
    """The command failed, printing nothing on stdout."""
    assert typed.result.exit_code == code, typed.result.stderr
    assert typed.result.stdout == ""


@then("the error reads:")
def error_reads(typed: Typed, noted: Noted, docstring: str) -> None:
    """The one line the command printed on stderr; `[name]` stands for a noted id."""
    assert typed.result.stderr == f"{filled(docstring, noted)}\n"


@then(parsers.parse('the error reads "{line}"'))
def error_line(typed: Typed, noted: Noted, line: str) -> None:
    """The one line the command printed on stderr, when it is short."""
    assert typed.result.stderr == f"{filled(line, noted)}\n"


@then("nothing has been written to the store")
def store_unchanged(store: str, typed: Typed) -> None:
    """Every raw row of the store is as it was before the command."""
    assert stored_rows(store) == typed.rows_before
