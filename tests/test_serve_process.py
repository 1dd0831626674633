"""`missions serve` run as users run it, on both stores: it listens on this
machine, answers several clients at once without an error, and while facts are
recorded into its store every answer is whole and the last is the CLI's."""

from __future__ import annotations

import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2 as httpx
import orjson
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import Run
from tests.processes import SCRIPT
from tests.servers import free_port, serving

#: The facts recorded while the server answers, and the days they fall on.
RECORDED = 12
STATUSES = ("suspended", "at_risk")
ASKED = "/api/missions/exomars?at=2031-01-01"


def _day(number: int) -> str:
    return f"2030-01-{number + 1:02d}"


def test_the_server_answers_on_this_machine(seeded_store: str, run: Run) -> None:
    assert run("list").exit_code == 0
    with serving(seeded_store, "--workers", "2") as address:
        assert address.startswith("http://127.0.0.1:")
        answer = httpx.get(f"{address}/api/missions/exomars?at=2022-03-01")
        assert answer.status_code == 200
        expected = run("status", "exomars", "--at", "2022-03-01", "--json")
        assert answer.json() == orjson.loads(expected.stdout)
        assert "script-src 'self'" in answer.headers["content-security-policy"]


def test_a_store_that_is_not_there_is_refused_before_listening(tmp_path: Any) -> None:
    missing = tmp_path / "nothing.db"
    port = str(free_port())
    done = subprocess.run(
        [str(SCRIPT), "--store", str(missing), "serve", "--port", port],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"Error: no store at {missing}: run `missions seed` to make one with the"
        " built-in facts, or choose one with --store\n"
    )
    assert not missing.exists()


def test_many_clients_at_once_get_no_error(seeded_store: str, run: Run) -> None:
    """A bounded load: 12 clients for 3 seconds (the benchmark runs 50 for 30)."""
    assert run("list").exit_code == 0
    paths = [
        "/api/missions?at=2022-03-01",
        "/api/missions/exomars?at=2022-02-27",
        "/api/missions/venera-d/log",
        "/api/missions/ilrs/history",
        "/api/partners?at=2022-03-01",
        "/api/changes?from=2022-02-24&to=2022-03-31",
    ]
    with serving(seeded_store, "--workers", "2") as address:

        def client(number: int) -> list[int]:
            statuses: list[int] = []
            until = time.monotonic() + 3
            with httpx.Client(base_url=address, timeout=30) as session:
                while time.monotonic() < until:
                    path = paths[(number + len(statuses)) % len(paths)]
                    statuses.append(session.get(path).status_code)
            return statuses

        with ThreadPoolExecutor(12) as pool:
            found = [s for statuses in pool.map(client, range(12)) for s in statuses]
    assert len(found) > 12
    assert set(found) == {200}


def test_every_answer_is_whole_while_facts_are_recorded(
    seeded_store: str, run: Run
) -> None:
    assert run("list").exit_code == 0
    base = orjson.loads(run("status", "exomars", "--at", "2031-01-01", "--json").stdout)
    answers: list[dict[str, Any]] = []
    with serving(seeded_store, "--workers", "2") as address:
        stop = threading.Event()

        def read() -> None:
            with httpx.Client(base_url=address, timeout=30) as session:
                while not stop.is_set():
                    answer = session.get(ASKED)
                    assert answer.status_code == 200
                    answers.append(answer.json())

        readers = [threading.Thread(target=read) for _ in range(3)]
        for reader in readers:
            reader.start()
        runner = CliRunner()
        for number in range(RECORDED):
            recorded = runner.invoke(
                cli,
                [
                    "--store", seeded_store, "record", "exomars", "status-changed",
                    "--status", STATUSES[number % 2], "--on", _day(number),
                    "--source", "ESA",
                ],
            )  # fmt: skip
            assert recorded.exit_code == 0, recorded.output
        time.sleep(1.0)
        with httpx.Client(base_url=address) as session:
            answers.append(session.get(ASKED).json())
        stop.set()
        for reader in readers:
            reader.join()
    last = orjson.loads(run("status", "exomars", "--at", "2031-01-01", "--json").stdout)
    assert answers[-1] == last
    seen = set()
    for answer in answers:
        count = answer["facts"] - base["facts"]
        assert 0 <= count <= RECORDED
        if count:
            expected = (STATUSES[(count - 1) % 2], _day(count - 1))
        else:
            expected = (base["status"], base["last_change"])
        assert (answer["status"], answer["last_change"]) == expected
        seen.add(count)
    assert len(seen) > 2  # answers were read while the facts came
