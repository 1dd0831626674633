"""An import killed at a random moment leaves a store that verifies, and running the
same import again completes it to exactly the expected events."""

from __future__ import annotations

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
from adapters.seed import seed_article
from adapters.tracker import MissionTracker
from cli.main import cli
from domain.events import MissionEvent, Source
from domain.mission import Report, project_mission
from tests.conftest import NewStore

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
        process = import_process(target, export_file)
        time.sleep(chance.uniform(0.05, duration))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

        verified = missions(target, "verify")
        assert verified.exit_code == 0, verified.output
        again = missions(target, "import", str(export_file))
        assert again.exit_code == 0, again.output
        assert missions(target, "export").stdout_bytes == expected
