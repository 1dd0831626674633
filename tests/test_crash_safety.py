"""An import killed at a random moment leaves a store that verifies, and running the
same import again completes it to exactly the expected events."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from adapters.packs.seed import seed_article
from cli.main import cli
from domain.events import MissionEvent, Source
from domain.mission import Report
from domain.projection import project_mission
from tests.conftest import NewStore
from tests.stores import kind_of

KILLS = 10
NOTES = 2000


def missions(store: str, *args: str) -> Result:
    """`missions --store STORE ARGS...`, in-process."""
    return CliRunner().invoke(cli, ["--store", store, *args])


def import_process(store: str, path: Path) -> subprocess.Popen[bytes]:
    """The real console script importing `path`, as a process that can be killed."""
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--store", store, "import", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
def export_file(store: str, tmp_path: Path) -> Path:
    """An export of the article's facts and a few thousand notes, made in bulk."""
    app = MissionTracker(store)
    seed_article(app)
    mission = app.mission("iss")
    new: list[MissionEvent] = []
    for number in range(NOTES):
        report = Report(
            occurred=parse_edtf("2023"),
            source=Source(publication="Bulk"),
            summary=f"Note {number}.",
        )
        event = mission.note(report)
        projected = project_mission(mission, [event])
        assert projected is not None
        mission = projected
        new.append(event)
    app.save(mission, *new)
    app.close()
    path = tmp_path / "export.ndjson"
    exported = missions(store, "export", "--out", str(path))
    assert exported.exit_code == 0, exported.output
    return path


def test_an_import_killed_at_random_moments_verifies_and_completes(
    export_file: Path, other_store: NewStore
) -> None:
    expected = export_file.read_bytes()
    timing = other_store()
    started = time.monotonic()
    assert import_process(timing, export_file).wait() == 0
    duration = time.monotonic() - started

    chance = random.Random(20220224)
    for _ in range(KILLS):
        target = other_store()
        MissionTracker(target).close()  # made first: a kill may come before it is
        process = import_process(target, export_file)
        time.sleep(chance.uniform(0.05, duration))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

        verified = missions(target, "verify")
        assert verified.exit_code == 0, verified.output
        again = missions(target, "import", str(export_file))
        assert again.exit_code == 0, again.output
        assert missions(target, "export").stdout_bytes == expected


def _writer_of(parent: int) -> int | None:
    """The pid of the import's writer process (adapters.evidence.bulkwriter),
    once started."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if (
            int(stat.rsplit(")", 1)[1].split()[1]) == parent
            and b"bulkwriter" in command
        ):
            return int(entry.name)
    return None


# Only a SQLite file has a writer of its own: PostgreSQL is written by the import.
@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_an_import_whose_writer_is_killed_says_so_in_one_line(
    export_file: Path, other_store: NewStore, store: str
) -> None:
    """Into a SQLite file, a second process writes the events: killed, at any
    moment, the import ends with one line saying so, and nothing is written."""
    assert kind_of(store) == "sqlite"
    failed = 0
    for delay in (0.0, 0.0, 0.02, 0.05, 0.1):
        target = other_store()
        before = missions(target, "export").stdout_bytes
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli",
                "--store",
                target,
                "import",
                str(export_file),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        writer = None
        while writer is None and process.poll() is None:
            writer = _writer_of(process.pid)
        assert writer is not None, "the import ended before its writer was seen"
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # it may be done already
            os.kill(writer, signal.SIGKILL)
        out, err = process.communicate(timeout=120)
        if process.returncode == 0:  # the writer had committed and answered
            assert out.startswith(b"Imported "), (out, err)
            continue
        failed += 1
        assert process.returncode == 2, (out, err)
        assert err == (
            b"Error: cannot write to the store: it stopped; nothing was imported\n"
        )
        assert out == b""
        assert missions(target, "export").stdout_bytes == before
    assert failed >= 2, "the writer was killed too late to test anything"
