"""The installed `missions` console script, run as a real process on a real store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from adapters.eventstore.tracker import MissionTracker
from adapters.packs.seed import seed_article, seed_lines
from cli.main import COLLECTIONS
from tests.answers import unwarned
from tests.stores import stored_rows

SCRIPT = Path(sys.executable).parent / "missions"
FACTS = len(seed_lines())


def missions(
    *args: str, env: dict[str, str], module: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the console script (or `python -m cli`) and capture what it prints."""
    command = [sys.executable, "-m", "cli"] if module else [str(SCRIPT)]
    return subprocess.run(
        [*command, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def succeeded(done: subprocess.CompletedProcess[str]) -> str:
    """The output of a process that must have succeeded, quietly on stderr but
    for its warnings (`missions lint`)."""
    assert done.returncode == 0, done.stderr
    assert unwarned(done.stderr) == ""
    return done.stdout


def parsed(done: subprocess.CompletedProcess[str]) -> Any:
    """The JSON a process that must have succeeded printed."""
    return orjson.loads(succeeded(done))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment, with no store chosen and the data folder under tmp_path."""
    chosen = {k: v for k, v in os.environ.items() if k != "MISSIONS_STORE"}
    chosen["XDG_DATA_HOME"] = str(tmp_path / "data")
    return chosen


def test_the_console_script_seeds_answers_and_records(
    store: str, tmp_path: Path, env: dict[str, str]
) -> None:
    assert SCRIPT.is_file()
    assert succeeded(
        missions("--store", store, "seed", "--only", "article", env=env)
    ) == (f"Recorded {FACTS} of {FACTS} facts from the article.\n")
    with_store = {**env, "MISSIONS_STORE": store}

    views = parsed(missions("list", "--at", "2022-02-25", "--json", env=with_store))
    assert [(v["mission"], v["status"]) for v in views] == [
        ("exomars", "planned"),
        ("venera-d", "delayed"),
        ("luna-27", None),
        ("change-6", None),
        ("change-7", None),
        ("ilrs", "proposed"),
        ("soyuz-kourou", "operating"),
        ("iss", "operating"),
    ]

    exomars = parsed(
        missions("status", "exomars", "--at", "2022-03-01", "--json", env=with_store)
    )
    assert (exomars["status"], exomars["since"]) == ("at_risk", "2022-02-28")
    assert (exomars["by_party"], exomars["last_change"]) == (None, "2022-02-28")
    assert exomars["target_launch"] == "2022-09"

    recorded = parsed(
        missions(
            *("record", "ExoMars", "status-changed", "--status", "suspended"),
            *("--on", "2022-03-17", "--source", "ESA", "--json"),
            env=with_store,
        )
    )
    assert (recorded["mission"], recorded["version"]) == ("exomars", 7)
    assert (recorded["status"], recorded["occurred"]) == ("suspended", "2022-03-17")
    assert (recorded["by_party"], recorded["effective"]) == (None, None)
    assert recorded["source"]["publication"] == "ESA"

    output = succeeded(missions("log", "exomars", "--ndjson", env=with_store))
    events = [orjson.loads(line) for line in output.splitlines()]
    assert [e["version"] for e in events] == list(range(1, 8))
    assert events[-1] == {
        **recorded,
        "corrected_by": [],
        "retracted_by": None,
        "sources": [recorded["source"]],
    }
    assert [e["retracted_by"] for e in events] == [None] * 7
    assert [e["corrected_by"] for e in events] == [[]] * 7
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("module", "args", "code", "message"),
    [
        (
            True,
            ("status", "exomar"),
            2,
            "unknown mission 'exomar'; did you mean: exomars?",
        ),
        (
            False,
            (
                *("record", "exomars", "partner-withdrawn", "--partner", "nasa"),
                *("--on", "2022-03-17", "--source", "ESA"),
            ),
            1,
            "nasa is not a partner of exomars on 2022-03-17;"
            " record partner-joined first",
        ),
    ],
    ids=["python -m cli: bad usage", "console script: domain error"],
)
def test_an_error_is_one_line_on_stderr_and_nothing_is_written(
    store: str,
    env: dict[str, str],
    module: bool,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    tracker = MissionTracker(store)
    seed_article(tracker)
    tracker.close()
    before = stored_rows(store)
    done = missions(*args, env={**env, "MISSIONS_STORE": store}, module=module)
    assert done.returncode == code
    assert done.stdout == ""
    assert done.stderr == f"Error: {message}\n"
    assert stored_rows(store) == before


def test_a_command_collects_cyclic_garbage_seldom(env: dict[str, str]) -> None:
    """A command lives for a moment: the console script has Python collect cyclic
    garbage seldom (cli.main.COLLECTIONS), not every 700 allocations."""
    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(*gc.get_threshold()))\n"
        "sys.argv = ['missions', '--version']\n"
        "from cli.main import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert tuple(int(n) for n in done.stdout.split()[-3:]) == COLLECTIONS
    assert COLLECTIONS[0] >= 50 * 700
