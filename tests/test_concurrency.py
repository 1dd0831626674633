"""Several processes recording on the same mission at once lose nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from click.testing import Result

from adapters.eventstore.tracker import MissionTracker
from tests.conftest import Run

PROCESSES = 8
EACH = 200

WORKER = """
import sys
from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from domain.events import Source
from domain.mission import Report

store, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
app = MissionTracker(store)
errors = 0
for number in range(count):
    report = Report(
        occurred=parse_edtf("2023"),
        source=Source(publication=f"worker {worker}"),
        summary=f"Note {number} of worker {worker}.",
    )
    try:
        app.record("iss", "noted", report, {})
    except Exception as error:
        errors += 1
        print(type(error).__name__, error, file=sys.stderr)
app.close()
print(errors)
"""


def at_once(
    script: str, store: str, argument: str
) -> tuple[list[subprocess.Popen[str]], list[tuple[str, str]]]:
    """PROCESSES processes running `script` with the store, their number and
    `argument`; the processes and what each printed (stdout, stderr)."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, store, str(k), argument],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(PROCESSES)
    ]
    return workers, [worker.communicate(timeout=600) for worker in workers]


def test_eight_processes_recording_on_one_mission_lose_nothing(
    seeded: MissionTracker, store: str, run: Run
) -> None:
    before = len(seeded.mission("iss").events)
    workers, outcomes = at_once(WORKER, store, str(EACH))

    report = [
        (w.returncode, out[-40:], err[-400:])
        for w, (out, err) in zip(workers, outcomes, strict=True)
    ]
    assert [out.strip() for out, _ in outcomes] == ["0"] * PROCESSES, report
    assert [err for _, err in outcomes] == [""] * PROCESSES
    events = seeded.mission("iss").events
    assert [e.originator_version for e in events] == list(
        range(1, before + PROCESSES * EACH + 1)
    )
    summaries = {getattr(e, "summary", "") for e in events[before:]}
    expected = {
        f"Note {n} of worker {k}." for k in range(PROCESSES) for n in range(EACH)
    }
    assert summaries == expected
    verified: Result = run("verify")
    assert verified.exit_code == 0, verified.output


REGISTER = """
import sys
import time
from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from domain.errors import DomainError
from domain.events import Source
from domain.mission import Report

store, worker, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
app = MissionTracker(store)
report = Report(occurred=parse_edtf("2024"), source=Source(publication="a test"))
app.names()  # everything loaded and connected, then all go at once
time.sleep(max(0.0, start - time.time()))
try:
    app.register(f"rover-{worker}", "Lunar Rover", [f"rover {worker}"], report)
    print("registered")
except DomainError as error:
    print("refused", error)
app.close()
"""


def test_of_eight_processes_registering_one_name_at_once_one_succeeds(
    store: str, run: Run
) -> None:
    """A name names one mission, however many register it at the same moment."""
    _, outcomes = at_once(REGISTER, store, str(time.time() + 4))
    assert [err for _, err in outcomes] == [""] * PROCESSES
    said = sorted(out.split()[0] for out, _ in outcomes)
    assert said == ["refused"] * (PROCESSES - 1) + ["registered"], outcomes
    assert all(
        "'Lunar Rover' already names rover-" in out
        for out, _ in outcomes
        if out.startswith("refused")
    )
    listed = run("list", "--json")
    assert listed.exit_code == 0, listed.output
    assert (
        sum(m["mission"].startswith("rover-") for m in json.loads(listed.stdout)) == 1
    )
