"""The bad-input corpus of tests/bad_inputs/: its cases, read; an import case's file,
built from the seeded store's export by the case's steps; and the checks that a
command was refused in one line and left the store as it was."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict
from uuid import NAMESPACE_URL, uuid5

import orjson
from click.testing import Result

from domain.chain import digest_of
from domain.identity import mission_id
from tests.stores import Row, stored_rows

if TYPE_CHECKING:
    from tests.conftest import Run

CORPUS = Path(__file__).parent / "bad_inputs"
IMPORTS = CORPUS / "import"
#: How many lines the seeded store's export has: the import cases' lines count on it
#: (the article's 39 facts, then the 18 built-in partners).
EXPORTED = 57

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
        # Recorded no earlier than the file's latest line: recording times never
        # go backwards in a mission (a step may set another time).
        state["timestamp"] = self._latest_time(state.get("timestamp"))
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

    def _latest_time(self, own: Any) -> Any:
        """The latest recording time of the file's lines, or `own` if later."""
        times = [own] if isinstance(own, str) else []
        for number in range(1, len(self.lines) + 1):
            found = self.peek(number)
            stamp = (found or {}).get("state", {}).get("timestamp")
            if isinstance(stamp, str):
                times.append(stamp)
        if not times:
            return own
        return max(times, key=_instant)

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


def _instant(stamp: str) -> datetime:
    """A recording time as an instant (one without an offset taken as UTC; one
    that is not a time as the earliest)."""
    try:
        found = datetime.fromisoformat(stamp)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


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
