"""The bad-input corpus of tests/bad_inputs/, run on both kinds of store.

Every case, a command line (cli.json) or an import file (import/), must be refused
with one line on stderr, `Error: ...`, the expected exit code and no traceback, and
must leave the store's raw rows (events with their stored digests, and snapshots)
exactly as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_input_corpus import (
    CLI_CASES,
    IMPORT_CASES,
    IMPORTS,
    METACHARACTERS,
    CliCase,
    ImportCase,
    assert_unchanged,
    import_file,
    line_count,
    refusal,
    short,
    text,
)
from tests.conftest import Run
from tests.stores import stored_rows, tables

# The corpus itself


def test_the_corpus_has_at_least_30_cases_with_unique_names() -> None:
    names = [case["name"] for case in CLI_CASES] + [c["name"] for c in IMPORT_CASES]
    assert len(CLI_CASES) >= 30
    assert len(IMPORT_CASES) >= 30
    assert len(names) == len(set(names)), "case names must be unique"


def test_every_cli_case_expects_an_error_and_a_failing_exit() -> None:
    for case in CLI_CASES:
        assert case["exit"] in {1, 2}, case["name"]
        assert ("error" in case) != ("error_contains" in case), case["name"]


def test_every_import_file_is_a_case_and_every_case_has_its_file() -> None:
    files = {path.stem for path in IMPORTS.glob("*.ndjson")}
    built = {case["name"] for case in IMPORT_CASES if "build" in case}
    kept = {case["name"] for case in IMPORT_CASES if "build" not in case}
    assert files == kept
    assert not files & built


def test_metacharacters_where_a_name_or_date_is_expected_are_cases() -> None:
    """Each string of metacharacters.json is refused as a mission, a partner, a date
    and a slug (the cases `mission-sql`, `partner-html`, ...)."""
    by_name = {case["name"]: case for case in CLI_CASES}
    for key, value in METACHARACTERS.items():
        for role in ("mission", "partner", "date", "slug"):
            case = by_name[f"{role}-{key}"]
            assert value in case["args"], case["name"]


# Command lines


@pytest.mark.parametrize("case", CLI_CASES, ids=[c["name"] for c in CLI_CASES])
def test_a_bad_command_line_is_refused_with_one_line(
    run: Run, seeded_store: str, case: CliCase
) -> None:
    before = stored_rows(seeded_store)
    message = refusal(run(*(text(arg) for arg in case["args"])), case["exit"])
    if "error" in case:
        assert message == case["error"]
    else:
        assert case["error_contains"] in message, short(message)
    assert_unchanged(seeded_store, before)


# Import files (built by tests/bad_input_corpus.py from the seeded store's export)


@pytest.mark.parametrize("case", IMPORT_CASES, ids=[c["name"] for c in IMPORT_CASES])
def test_a_bad_import_line_is_refused_and_nothing_is_written(
    run: Run, seeded_store: str, tmp_path: Path, case: ImportCase
) -> None:
    path = import_file(case, run, tmp_path)
    line = line_count(path) if case["line"] == "last" else case["line"]
    before = stored_rows(seeded_store)
    message = refusal(run("import", str(path)), 2)
    assert message.startswith(f"line {line}: "), short(message)
    assert message.endswith("; nothing was imported"), short(message)
    if "field" in case:
        assert case["field"] in message, short(message)
    if "error" in case:
        assert case["error"] in message, short(message)
    assert_unchanged(seeded_store, before)
    still_works(run)


def still_works(run: Run) -> None:
    """The store answers and takes new facts as before."""
    for command in (("list",), ("status", "exomars"), ("verify",)):
        result = run(*command)
        assert result.exit_code == 0, short(result.output)
    recorded = run(
        "record",
        "iss",
        "noted",
        "--on",
        "2024-01-01",
        "--source",
        "A test",
        "--summary",
        "The store still takes facts.",
    )
    assert recorded.exit_code == 0, short(recorded.output)


def test_an_endless_line_is_refused_once_a_mebibyte_is_read(
    run: Run, seeded_store: str
) -> None:
    """`import /dev/zero` ends at once, rather than when memory runs out."""
    before = stored_rows(seeded_store)
    message = refusal(run("import", "/dev/zero"), 2)
    assert message == (
        "line 1: is longer than 1,048,576 bytes, the most a line may be"
        " (an event is a few KiB at most); nothing was imported"
    )
    assert_unchanged(seeded_store, before)


CONTROLLED = [case for case in IMPORT_CASES if "without_the_last_step" in case]


@pytest.mark.parametrize("case", CONTROLLED, ids=[c["name"] for c in CONTROLLED])
def test_without_its_bad_line_the_file_imports(
    run: Run, seeded_store: str, tmp_path: Path, case: ImportCase
) -> None:
    """The good lines before the bad one are good: the refusal wrote nothing that
    the same file, less its bad line, does write."""
    path = import_file(case, run, tmp_path, case["build"][:-1])
    before = stored_rows(seeded_store)
    result = run("import", str(path))
    assert result.exit_code == 0, short(result.output)
    assert result.stdout == case["without_the_last_step"] + "\n"
    assert result.stderr == ""
    imported = int(case["without_the_last_step"].split()[1])
    events = tables(seeded_store)[0]
    new = [row for row in stored_rows(seeded_store) if row not in before]
    assert sum(1 for row in new if row[0] == events) == imported
    verified = run("verify")
    assert verified.exit_code == 0, short(verified.output)
