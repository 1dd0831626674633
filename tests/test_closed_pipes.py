"""A closed pipe ends every command that prints quietly, however long its answer:
`missions log MISSION --ndjson | head -1` on a mission of many thousand events,
whose reader goes away while the log is still being read in a transaction,
exits 0 with nothing on stderr, as `missions export | head -1` does.

Each command is run as the installed console script, as users run it, on a store
of each kind holding one long mission (and a few short ones), a few times at once:
when the pipe closes depends on timing."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest

from benchmarks.generator import write_export
from tests.processes import SCRIPT
from tests.stores import KINDS, Kind, fresh_store

#: The long mission, and how many events it has: its log is many pages of
#: `adapters.eventstore.log` long and some megabytes of output, far more than a
#: pipe holds (64 KiB), so that its reader goes away mid-stream.
LONG, EVENTS = "long-log", 5_000
#: The short missions beside it, and their events: rows for `list` and `partners`.
SHORT, SHORT_EVENTS = 20, 5
#: How many times a command that streams is run (at once).
RUNS = 2
#: The span of `changes`: every day the generated facts fall on.
SPAN = ["--from", "1980-01-01", "--to", "2024-12-31"]


@pytest.fixture(scope="session")
def long_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid export of the long mission and the short ones."""
    plan = [(LONG, EVENTS), *((f"short-{n}", SHORT_EVENTS) for n in range(SHORT))]
    path = tmp_path_factory.mktemp("closed-pipes") / "long.ndjson"
    write_export(path, plan, seed=11)
    return path


@pytest.fixture(scope="session", params=KINDS, ids=KINDS)
def long_store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    long_export: Path,
) -> Iterator[str]:
    """A store of each kind holding the export, its read model up to date."""
    kind: Kind = request.param
    with fresh_store(kind, tmp_path_factory.mktemp("closed-pipes")) as store:
        imported = _missions("--store", store, "import", str(long_export))
        assert imported.returncode == 0, imported.stderr
        caught_up = _missions("--store", store, "status", LONG)
        assert caught_up.returncode == 0, caught_up.stderr
        yield store


def _missions(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=120, check=False
    )


def closed_after_one_line(times: int, *args: str) -> list[tuple[int, bytes, bytes]]:
    """`missions ARGS... | head -1`, run `times` times at once: for each, the
    exit code, the first line read and stderr."""
    processes = [
        subprocess.Popen(
            [str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(times)
    ]
    done = []
    for process in processes:
        assert process.stdout is not None
        first = process.stdout.readline()
        process.stdout.close()
        _, err = process.communicate(timeout=60)
        done.append((process.returncode, first, err))
    return done


def _starts(*prefixes: bytes) -> Callable[[bytes], bool]:
    return lambda first: first.startswith(prefixes)


def _version(field: str) -> Callable[[bytes], bool]:
    return lambda first: orjson.loads(first)[field] == 1


#: The commands that print as they read, in a transaction still open when their
#: reader goes away, and what their first line is: each is run `RUNS` times.
STREAMED: dict[str, tuple[list[str], Callable[[bytes], bool]]] = {
    "log-ndjson": (["log", LONG, "--ndjson"], _version("version")),
    "log-json": (["log", LONG, "--json"], _starts(b"[\n")),
    "history-json": (["history", LONG, "--json"], _starts(b"[\n")),
    "export": (["export"], _version("originator_version")),
    "timeline-text": (["timeline"], _starts(b"Missions ")),
}
#: The commands that read their whole answer before they print it: each is run
#: once (their reader goes away while they print, or at their last flush).
WHOLE: dict[str, tuple[list[str], Callable[[bytes], bool]]] = {
    "log-text": (["log", LONG], _starts(b"VER ")),
    "history-text": (["history", LONG], _starts(b"DATE ")),
    "changes-text": (["changes", *SPAN], _starts(b"Mission ")),
    "changes-json": (["changes", *SPAN, "--json"], _starts(b"[\n")),
    "list": (["list"], _starts(b"Missions on ")),
    "partners": (["partners"], _starts(b"Partners on ")),
}


@pytest.mark.parametrize("name", STREAMED)
def test_a_closed_pipe_ends_a_streamed_answer_quietly(
    long_store: str, name: str
) -> None:
    """Exit 0 and nothing on stderr (no "Exception ignored", no traceback), each
    time, the first line as the command prints it."""
    args, first_line = STREAMED[name]
    for code, first, err in closed_after_one_line(RUNS, "--store", long_store, *args):
        assert (code, err.decode()) == (0, "")
        assert first_line(first), first


@pytest.mark.parametrize("name", WHOLE)
def test_a_closed_pipe_ends_a_whole_answer_quietly(long_store: str, name: str) -> None:
    args, first_line = WHOLE[name]
    [(code, first, err)] = closed_after_one_line(1, "--store", long_store, *args)
    assert (code, err.decode()) == (0, "")
    assert first_line(first), first
