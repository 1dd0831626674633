"""The bad source packs of tests/bad_inputs/packs/, added on both kinds of store.

Each file is a pack that `missions add` must refuse, after `seed --only article`:
exit code 2, nothing on stdout, and one line on stderr,

    Error: FILE: line N: KEY: FIELD: WHY; nothing was added

with the line, key and field of the file's entry in expected.json and a fragment of
WHY. An entry whose key is null is refused for the file or a line as a whole (e.g.
`Error: FILE: not valid TOML (...)`): one `Error: FILE: ` line, with `line N: ` if
its line is given. Either way the store's raw rows are left exactly as they were.

What is wrong with each pack is said by a comment at the top of a TOML file, and by
the entry's "about" for an NDJSON one (JSON has no comments)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NotRequired, TypedDict

import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from tests.bad_input_corpus import short
from tests.stores import stored_rows

PACKS = Path(__file__).parent / "bad_inputs" / "packs"
EXPECTED_FILE = PACKS / "expected.json"


class Expected(TypedDict):
    """Where and why a bad pack is refused."""

    line: int | None
    key: str | None
    field: str | None
    error: str
    about: NotRequired[str]


EXPECTED: dict[str, Expected] = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)


def add(store: str, *args: str) -> Result:
    """`missions --store STORE add ARGS...`, in-process."""
    return CliRunner().invoke(cli, ["--store", store, "add", *args])


@pytest.fixture
def article_store(store: str) -> str:
    """The test's store, holding the article's facts and the built-in partners."""
    result = CliRunner().invoke(cli, ["--store", store, "seed", "--only", "article"])
    assert result.exit_code == 0, short(result.output)
    return store


def refused(result: Result, path: Path, expected: Expected) -> str:
    """The one line a refused pack gave on stderr, after asserting how it was
    refused: as `expected` says, with nothing on stdout and no traceback."""
    assert result.exit_code == 2, short(result.output)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == "", short(result.stdout)
    assert "Traceback" not in result.stderr, short(result.stderr)
    assert result.stderr.endswith("\n"), short(result.stderr)
    assert result.stderr.count("\n") == 1, short(result.stderr)
    assert "\r" not in result.stderr, short(result.stderr)
    message = result.stderr.removesuffix("\n")
    place = [f"Error: {path}"]
    if expected["line"] is not None:
        place.append(f"line {expected['line']}")
    for name in (expected["key"], expected["field"]):
        if name is not None:
            place.append(name)
    assert message.startswith(": ".join(place) + ": "), short(message)
    if expected["key"] is not None:
        assert message.endswith("; nothing was added"), short(message)
    assert expected["error"] in message, short(message)
    return message


# The corpus itself


def test_every_file_of_the_corpus_has_its_entry_and_every_entry_its_file() -> None:
    files = {path.name for path in PACKS.iterdir() if path != EXPECTED_FILE}
    assert files == set(EXPECTED)
    assert len(files) >= 15
    stems = [Path(name).stem for name in files]
    assert len(stems) == len(set(stems)), "file stems (the test ids) must be unique"


def test_every_bad_pack_says_what_is_wrong_with_it() -> None:
    for name, expected in EXPECTED.items():
        assert name.endswith((".toml", ".ndjson")), name
        if name.endswith(".toml"):
            first = (PACKS / name).read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith("# Wrong: "), name
        else:
            assert expected.get("about"), name
        assert expected["error"], name
        assert (expected["field"] is None) or (expected["key"] is not None), name


# Adding them


@pytest.mark.parametrize("name", NAMES, ids=[Path(name).stem for name in NAMES])
def test_a_bad_pack_is_refused_in_one_line_and_adds_nothing(
    article_store: str, name: str
) -> None:
    path = PACKS / name
    before = stored_rows(article_store)
    refused(add(article_store, str(path)), path, EXPECTED[name])
    assert stored_rows(article_store) == before, "the store changed"


@pytest.mark.parametrize(
    "flags",
    [["--dry-run"], ["--json"], ["--dry-run", "--json"]],
    ids=["dry-run", "json", "dry-run-json"],
)
def test_a_bad_pack_is_refused_the_same_way_with_any_flags(
    article_store: str, flags: list[str]
) -> None:
    name = "later-fact-bad.toml"
    path = PACKS / name
    before = stored_rows(article_store)
    with_flags = refused(add(article_store, str(path), *flags), path, EXPECTED[name])
    assert with_flags == refused(add(article_store, str(path)), path, EXPECTED[name])
    assert stored_rows(article_store) == before, "the store changed"


# The good template, for contrast


def test_the_template_is_accepted_in_a_dry_run_that_writes_nothing(
    article_store: str, tmp_path: Path
) -> None:
    template = CliRunner().invoke(cli, ["add", "--template"])
    assert template.exit_code == 0, short(template.output)
    path = tmp_path / "template.toml"
    path.write_text(template.stdout, encoding="utf-8")
    before = stored_rows(article_store)
    result = add(article_store, str(path), "--dry-run")
    assert result.exit_code == 0, short(result.output)
    assert result.stderr == "", short(result.stderr)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "Would add pack example-agency-2026-06-01-orbiter: 6 facts to add"
    )
    assert "  + partner example-agency" in lines
    assert any(line.startswith("  + example-orbiter ") for line in lines), short(
        result.stdout
    )
    assert stored_rows(article_store) == before, "a dry run wrote to the store"
