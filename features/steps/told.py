"""What a scenario checks of what it is told: messages, tables, errors, and a
store left as it was."""

from __future__ import annotations

import json
import re

from pytest_bdd import parsers, then

from features.scenario import (
    RECORDED,
    Noted,
    Typed,
    as_fields,
    filled,
    succeeded,
)
from tests.stores import (
    stored_rows,
)


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
