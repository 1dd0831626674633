"""serve_*: `missions serve --workers 4` on a PostgreSQL schema holding the
article and 1,000 generated missions, under 50 clients asking at once for 30
seconds (15 in a quick run), each request waiting for the one before: requests
a second, p50 and p99 latency, errors; then, while one process records 100
facts, whether every answer read was whole (never a fact half applied) and the
last one the same as `missions status`.

The clients run in this process on asyncio (httpx2), on the same machine as the
server: on two cores they take some of its CPU, so read the rate as a floor."""

from __future__ import annotations

import asyncio
import random
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
import orjson
import psycopg

from benchmarks.common import MISSIONS, SEED, Settings, progress
from benchmarks.generator import write_export
from benchmarks.postgres import SERVER

SCHEMA = "missions_bench_serve"
STORE = f"{SERVER}?schema={SCHEMA}"
CLIENTS = 50
GENERATED = 1_000
#: Each generated mission's events.
EVENTS = 20
RECORDED = 100
#: The mission recorded into, and the days its facts fall on (after all others).
BUSY = "exomars"
STATUSES = ("suspended", "at_risk")


def _drop() -> None:
    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


def _missions(*args: str) -> str:
    done = subprocess.run(
        [MISSIONS, "--store", STORE, *args], capture_output=True, check=True
    )
    return done.stdout.decode()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _paths(slugs: list[str], rng: random.Random) -> list[str]:
    """A mix of what readers ask: mostly statuses, some logs, histories,
    partners and changes."""
    day = f"20{rng.randint(21, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    slug = rng.choice(slugs)
    return [
        f"/api/missions?at={day}",
        f"/api/missions/{slug}?at={day}",
        f"/api/missions/{slug}?at={day}&known_at=2025-06-01",
        f"/api/missions/{slug}/history",
        f"/api/missions/{slug}/log",
        f"/api/partners?at={day}",
        "/api/changes?from=2022-02-24&to=2022-03-31",
        f"/api/missions/{BUSY}?at={day}",
    ]


async def _client(
    address: str, slugs: list[str], until: float, seed: int
) -> tuple[list[float], int]:
    rng = random.Random(seed)
    times: list[float] = []
    errors = 0
    async with httpx.AsyncClient(base_url=address, timeout=30) as client:
        while time.perf_counter() < until:
            path = rng.choice(_paths(slugs, rng))
            start = time.perf_counter()
            try:
                answer = await client.get(path)
                ok = answer.status_code == 200
            except httpx.HTTPError:
                ok = False
            times.append(time.perf_counter() - start)
            errors += not ok
    return times, errors


async def _load(address: str, slugs: list[str], seconds: float) -> dict[str, float]:
    until = time.perf_counter() + seconds
    start = time.perf_counter()
    done = await asyncio.gather(
        *(_client(address, slugs, until, SEED + n) for n in range(CLIENTS))
    )
    elapsed = time.perf_counter() - start
    times = sorted(t for found, _ in done for t in found)
    quantiles = statistics.quantiles(times, n=100)
    return {
        "serve_requests_per_s": len(times) / elapsed,
        "serve_p50_ms": quantiles[49] * 1000,
        "serve_p99_ms": quantiles[98] * 1000,
        "serve_errors": float(sum(errors for _, errors in done)),
        "serve_requests": float(len(times)),
    }


def _expected(base: dict[str, Any], recorded: int) -> tuple[str, str | None]:
    """The status and last change that `recorded` of the benchmark's facts make."""
    if recorded == 0:
        return base["status"], base["last_change"]
    return STATUSES[(recorded - 1) % 2], _day(recorded - 1)


def _day(number: int) -> str:
    return f"2030-{1 + number // 28:02d}-{1 + number % 28:02d}"


def _consistency(address: str) -> dict[str, float]:
    """Record `RECORDED` facts while readers ask; every answer must be a whole
    number of facts applied, and the last the CLI's."""
    asked = f"/api/missions/{BUSY}?at=2031-01-01"
    base = orjson.loads(_missions("status", BUSY, "--at", "2031-01-01", "--json"))
    answers: list[dict[str, Any]] = []
    stop = threading.Event()

    def read() -> None:
        with httpx.Client(base_url=address, timeout=30) as client:
            while not stop.is_set():
                answers.append(client.get(asked).json())

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    for number in range(RECORDED):
        _missions(
            "record", BUSY, "status-changed", "--status", STATUSES[number % 2],
            "--on", _day(number), "--source", "Benchmark",
        )  # fmt: skip
    time.sleep(1.5)
    stop.set()
    for reader in readers:
        reader.join()
    torn = 0
    for answer in answers:
        recorded = answer["facts"] - base["facts"]
        if (answer["status"], answer["last_change"]) != _expected(base, recorded):
            torn += 1
    last = orjson.loads(_missions("status", BUSY, "--at", "2031-01-01", "--json"))
    return {
        "serve_answers_while_recording": float(len(answers)),
        "serve_torn_answers": float(torn),
        "serve_last_matches_status": float(answers[-1] == last),
    }


def measure_serve(settings: Settings, tmp: Path) -> dict[str, float]:
    """Every serve_ figure, on a fresh schema dropped afterwards."""
    _drop()
    try:
        export = tmp / "serve.ndjson"
        slugs = [f"serve-{n:04d}" for n in range(GENERATED)]
        write_export(export, [(slug, EVENTS) for slug in slugs], SEED)
        _missions("seed")
        _missions("import", str(export))
        export.unlink()
        progress(f"serve: the article and {GENERATED} missions in {SCHEMA}")
        port = _free_port()
        server = subprocess.Popen(
            [
                MISSIONS,
                "--store",
                STORE,
                "serve",
                "--port",
                str(port),
                "--workers",
                "4",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        address = f"http://127.0.0.1:{port}"
        try:
            _wait(address)
            seconds = 15.0 if settings.quick else 30.0
            figures = asyncio.run(_load(address, [*slugs, BUSY], seconds))
            progress(
                f"serve: {figures['serve_requests_per_s']:.0f} requests/s,"
                f" p99 {figures['serve_p99_ms']:.0f} ms"
            )
            figures |= _consistency(address)
        finally:
            server.terminate()
            server.wait(timeout=30)
        return figures
    finally:
        _drop()


def _wait(address: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{address}/api/openapi.json").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"missions serve did not answer at {address}")
