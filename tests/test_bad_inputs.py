"""The bad-input corpus of tests/bad_inputs/, run on both kinds of store.

Every case, a command line (cli.json) or an import file (import/), must be refused
with one line on stderr, `Error: ...`, the expected exit code and no traceback, and
must leave the store's raw rows (events with their stored digests, and snapshots)
exactly as they were. SQL, HTML and shell metacharacters are data where free text is
expected: stored and read back verbatim."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, NotRequired, TypedDict
from uuid import NAMESPACE_URL, uuid5

import orjson
import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from domain.chain import digest_of
from domain.mission import mission_id
from tests.conftest import NewStore, Run
from tests.stores import Row, stored_rows, tables

CORPUS = Path(__file__).parent / "bad_inputs"
IMPORTS = CORPUS / "import"
#: How many lines the seeded store's export has: the import cases' lines count on it.
EXPORTED = 39

#: A text as the corpus gives it: itself, or {"repeat": S, "times": N}.
Text = str | dict[str, Any]


class CliCase(TypedDict):
    """A command line that must be refused."""

    name: str
    args: list[Text]
    exit: int
    error: NotRequired[str]
    error_contains: NotRequired[str]


class ImportCase(TypedDict):
    """An import file that must be refused, at `line`."""

    name: str
    line: int | str
    field: NotRequired[str]
    error: NotRequired[str]
    why: NotRequired[str]
    build: NotRequired[list[dict[str, Any]]]
    without_the_last_step: NotRequired[str]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


CLI_CASES: list[CliCase] = _load(CORPUS / "cli.json")
IMPORT_CASES: list[ImportCase] = _load(IMPORTS / "expected.json")["cases"]
METACHARACTERS: dict[str, str] = _load(CORPUS / "metacharacters.json")


def text(value: Text) -> str:
    """A corpus text as typed: a big one is built, not kept in the repository."""
    if isinstance(value, str):
        return value
    return str(value["repeat"]) * int(value["times"])


def json_value(value: Any) -> Any:
    """A JSON value of the corpus, with {"repeat": S, "times": N} built."""
    if isinstance(value, dict) and set(value) == {"repeat", "times"}:
        return text(value)
    return value


def short(value: str, limit: int = 300) -> str:
    """A text cut for an assertion message: some are a megabyte long."""
    return value if len(value) <= limit else f"{value[:limit]}... ({len(value)} chars)"


def refusal(result: Result, code: int) -> str:
    """The message of a refused command, after asserting how it was refused: the
    exit code, nothing on stdout, one `Error: ` line on stderr, no traceback."""
    assert result.exit_code == code, short(result.output)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == "", short(result.stdout)
    assert "Traceback" not in result.stderr, short(result.stderr)
    assert result.stderr.startswith("Error: "), short(result.stderr)
    assert result.stderr.endswith("\n"), short(result.stderr)
    assert result.stderr.count("\n") == 1, short(result.stderr)
    assert "\r" not in result.stderr, short(result.stderr)
    return result.stderr.removeprefix("Error: ").removesuffix("\n")


def assert_unchanged(url: str, before: list[Row]) -> None:
    """The store's raw rows are exactly those of `before`."""
    after = stored_rows(url)
    same = after == before
    added = sum(1 for row in after if row not in before)
    removed = sum(1 for row in before if row not in after)
    assert same, f"the store changed: {added} rows added or changed, {removed} gone"


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


# Import files


class ImportFile:
    """An import file built from an export by the steps of a case."""

    def __init__(self, export: bytes, case: str) -> None:
        self.case = case
        #: Each line as exported (bytes) until a step changes it (a dict).
        self.lines: list[bytes | dict[str, Any]] = list(export.splitlines())
        self.cut_last = False

    def event(self, number: int) -> dict[str, Any]:
        """Line `number` (from 1), parsed, to be changed."""
        line = self.lines[number - 1]
        if isinstance(line, bytes):
            line = orjson.loads(line)
            assert isinstance(line, dict), f"line {number} is not an event"
            self.lines[number - 1] = line
        return line

    def peek(self, number: int) -> dict[str, Any] | None:
        """Line `number`, parsed, if it is a JSON object; left as it is."""
        line = self.lines[number - 1]
        if isinstance(line, dict):
            return line
        try:
            parsed = orjson.loads(line)
        except orjson.JSONDecodeError:
            return None
        return parsed if isinstance(parsed, dict) else None

    def apply(self, step: dict[str, Any]) -> None:
        """Carry out one step of a case's `build`."""
        do = step["do"]
        if do == "set":
            parent, key = self._field(step["line"], step["field"])
            parent[key] = json_value(step["value"])
        elif do == "remove":
            parent, key = self._field(step["line"], step["field"])
            del parent[key]
        elif do == "reseal":
            self._reseal(step["line"])
        elif do == "append":
            for _ in range(step.get("times", 1)):
                self._append(step)
        elif do == "truncate":
            number = step["line"]
            self.lines[number - 1] = self._bytes(number)[: step["bytes"]]
            self.cut_last = number == len(self.lines)
        elif do == "append-text":
            self.lines.append(step["text"].encode())
            self.cut_last = False
        else:
            raise AssertionError(f"unknown step {do!r} in case {self.case}")

    def content(self) -> bytes:
        """The file's bytes."""
        joined = b"\n".join(self._bytes(n) for n in range(1, len(self.lines) + 1))
        return joined if self.cut_last else joined + b"\n"

    def _bytes(self, number: int) -> bytes:
        line = self.lines[number - 1]
        return line if isinstance(line, bytes) else orjson.dumps(line)

    def _field(self, number: int, dotted: str) -> tuple[dict[str, Any], str]:
        return _parent(self.event(number), dotted)

    def _reseal(self, number: int) -> None:
        """Seal line `number` again and re-chain its mission's later lines."""
        event = self.event(number)
        seal(event)
        origin, digest = event["originator_id"], event["state"]["digest"]
        for later in range(number + 1, len(self.lines) + 1):
            found = self.peek(later)
            if found is None or found.get("originator_id") != origin:
                continue
            event = self.event(later)
            event["state"]["previous"] = digest
            seal(event)
            digest = event["state"]["digest"]

    def _append(self, step: dict[str, Any]) -> None:
        event = copy.deepcopy(self.event(step["copy"]))
        if "mission" in step:
            event["originator_id"] = str(mission_id(step["mission"]))
        elif "originator_id" in step:
            event["originator_id"] = step["originator_id"]
        before = self._last_of(event["originator_id"], step.get("version"))
        version = step.get("version") or (before[0] + 1)
        event["originator_version"] = version
        state = event["state"]
        state["previous"] = before[1]
        if not step.get("same-id"):
            state["id"] = str(uuid5(NAMESPACE_URL, f"{self.case}/{len(self.lines)}"))
        for dotted, value in step.get("set", {}).items():
            parent, key = _parent(event, dotted)
            parent[key] = json_value(value)
        if "keep-only" in step:
            event["state"] = {
                k: v for k, v in event["state"].items() if k in step["keep-only"]
            }
        seal(event)
        self.lines.append(event)
        self.cut_last = False

    def _last_of(self, origin: str, below: int | None) -> tuple[int, str]:
        """The version and digest of the mission's latest line (below `below`)."""
        last = (0, "")
        for number in range(1, len(self.lines) + 1):
            found = self.peek(number)
            if found is None or found.get("originator_id") != origin:
                continue
            version = found["originator_version"]
            if (below is None or version < below) and version > last[0]:
                last = (version, found["state"]["digest"])
        return last


def _parent(event: dict[str, Any], dotted: str) -> tuple[dict[str, Any], str]:
    *path, key = dotted.split(".")
    parent = event
    for name in path:
        parent = parent[name]
    return parent, key


def seal(event: dict[str, Any]) -> None:
    """Set an exported event's digest as the tracker computes it."""
    state = event["state"]
    sealed = {
        **state,
        "originator_id": event["originator_id"],
        "originator_version": event["originator_version"],
    }
    state["digest"] = digest_of(sealed)


def exported(run: Run) -> bytes:
    """`missions export` of the test's store."""
    result = run("export")
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.count(b"\n")
    assert lines == EXPORTED, f"the seeded store exports {lines} lines, not {EXPORTED}"
    return result.stdout_bytes


def import_file(
    case: ImportCase, run: Run, folder: Path, steps: list[dict[str, Any]] | None = None
) -> Path:
    """The case's file: kept in the corpus, or built from the store's export."""
    if "build" not in case:
        return IMPORTS / f"{case['name']}.ndjson"
    built = ImportFile(exported(run), case["name"])
    for step in case["build"] if steps is None else steps:
        built.apply(step)
    path = folder / f"{case['name']}.ndjson"
    path.write_bytes(built.content())
    return path


def line_count(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


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


# Metacharacters are data where free text is expected


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
        assert event["summary"] == value
        assert event["quote"] == value
        source_view = event["source"]
        assert source_view["publication"] == value
        assert source_view["title"] == value
        assert source_view["author"] == value
    assert events[0]["name"] == value

    status = run("status", value, "--json")
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)["name"] == value
    shown = run("status", slug)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith(f"{value} ({slug}) on ")

    # As stored: two new events holding the text as typed; every other row intact.
    after = stored_rows(seeded_store)
    assert all(row in after for row in before)
    events_table = tables(seeded_store)[0]
    new = [row for row in after if row not in before and row[0] == events_table]
    assert len(new) == 2
    for row in new:
        assert orjson.dumps(value) in bytes(row[4])  # as typed, nothing escaped
        state = orjson.loads(bytes(row[4]))
        assert state["summary"] == value
        assert state["source"]["publication"] == value
    verified = run("verify")
    assert verified.exit_code == 0, verified.output

    # And through an export and an import into another store.
    other = other_store()
    runner = CliRunner()
    out = run("export")
    assert out.exit_code == 0
    imported = runner.invoke(
        cli, ["--store", other, "import", "-"], input=out.stdout_bytes
    )
    assert imported.exit_code == 0, imported.output
    again = runner.invoke(cli, ["--store", other, "log", value, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout) == events
