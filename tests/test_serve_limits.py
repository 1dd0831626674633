"""What `missions serve` holds out against: a request target longer than it
takes is refused with 414; its kept answers are bounded by their keys as well as
their bytes, so that many distinct long addresses leave its memory flat; a
request's head must come within a deadline; past its cap on connections a
request is told 503; and its workers end when the command that started them is
killed, leaving the port free."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import partial
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

import orjson
import pytest
import uvicorn
from click.testing import CliRunner
from starlette.requests import Request
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from adapters.web.api import asked
from adapters.web.app import create_app
from adapters.web.limits import LONGEST_TARGET, Timed, settings
from adapters.web.store import Kept
from cli.main import cli
from tests.servers import (
    alive,
    children,
    command_line,
    free_port,
    resident,
    running,
)
from tests.stores import Articles, copy_store

#: The longest request target a server takes (path and query), as documented.
LONGEST = 8 << 10
#: How many distinct padded addresses are asked, over how many days (each
#: answer made once, then kept), and how much the server's memory may grow.
ASKED = 3000
DAYS = 60
GROWTH = 20 << 20


def _sqlite_store(articles: Articles, tmp_path: Path) -> str:
    """A copy of the seeded SQLite store, its read model up to date (memory is
    the same on either store: one is enough)."""
    store = str(tmp_path / "missions.db")
    copy_store(articles.of("sqlite"), store)
    assert CliRunner().invoke(cli, ["--store", store, "list"]).exit_code == 0
    return store


def _padded(number: int, length: int) -> str:
    """A status request for day `number` after 1 March 2022, padded with `&` to
    `length` bytes of path and query."""
    day = date(2022, 3, 1) + timedelta(days=number)
    asked = f"/api/missions/exomars?at={day.isoformat()}"
    return asked + "&" * (length - len(asked))


def test_memory_stays_flat_under_many_distinct_long_addresses(
    articles: Articles, tmp_path: Path
) -> None:
    """Every tenth address is a byte or more too long, and refused. Asked on one
    connection with the standard library's client, which is quick to send long
    addresses."""
    store = _sqlite_store(articles, tmp_path)
    refused: list[tuple[int, bytes]] = []
    with running(store) as (process, address):
        session = HTTPConnection(address.removeprefix("http://"), timeout=30)
        for number in range(DAYS):  # warm up: every answer made once
            assert _get(session, _padded(number, 100))[0] == 200
        before = resident(process.pid)
        started = time.monotonic()
        for number in range(ASKED):
            day, shorter = number % DAYS, number // DAYS
            if number % 10:
                status, body = _get(session, _padded(day, LONGEST - shorter))
                assert status == 200, body
            else:
                refused.append(_get(session, _padded(day, LONGEST + 1 + shorter)))
        took = time.monotonic() - started
        after = resident(process.pid)
        session.close()
    print(f"RSS {before >> 20} MiB -> {after >> 20} MiB; {ASKED} asked in {took:.1f} s")
    assert after - before < GROWTH, (before, after)
    assert {status for status, _ in refused} == {414}
    assert orjson.loads(refused[0][1]) == {
        "error": f"the request's path and query are {LONGEST + 1} bytes long;"
        f" this server takes at most {LONGEST} (8 KiB)",
        "status": 414,
    }


def _get(session: HTTPConnection, target: str) -> tuple[int, bytes]:
    """GET the target on the connection, kept open: the status and the body."""
    session.request("GET", target)
    answer = session.getresponse()
    return answer.status, answer.read()


def test_workers_end_with_the_command_that_started_them(
    articles: Articles, tmp_path: Path
) -> None:
    store = _sqlite_store(articles, tmp_path)
    with running(store, "--workers", "2") as (process, address):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            workers = [
                pid
                for pid in children(process.pid)
                if "multiprocessing.spawn" in command_line(pid)
            ]
            if len(workers) == 2:
                break
            time.sleep(0.1)
        assert len(workers) == 2
        started = time.monotonic()
        process.send_signal(signal.SIGKILL)
        process.wait()
        try:
            while time.monotonic() - started < 5 and any(map(alive, workers)):
                time.sleep(0.05)
            assert not any(map(alive, workers))
            assert _can_listen(int(address.rpartition(":")[2]))
        finally:
            for pid in filter(alive, workers):
                os.kill(pid, signal.SIGKILL)
    print(f"workers ended {time.monotonic() - started:.2f} s after the kill")


def _can_listen(port: int) -> bool:
    """Whether a server could listen on the port again, as uvicorn binds it."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
            probe.listen()
        except OSError:
            return False
    return True


# In this process: the API, and uvicorn with the server's settings


def test_a_target_past_the_limit_is_refused_with_414_wherever_it_goes(
    articles: Articles, tmp_path: Path
) -> None:
    assert LONGEST_TARGET == LONGEST
    with TestClient(create_app(_sqlite_store(articles, tmp_path))) as client:
        assert client.get(_padded(0, LONGEST)).status_code == 200
        for path in ("/api/missions/exomars?at=", "/?at=", "/api/nowhere?"):
            target = path + "&" * (LONGEST + 1 - len(path))
            answer = client.get(target)
            assert answer.status_code == 414, target
            assert answer.json()["status"] == 414
            assert "script-src 'self'" in answer.headers["content-security-policy"]
        name = "x" * (LONGEST - len("/api/missions/"))
        assert client.get(f"/api/missions/{name}").status_code == 404
        assert client.get(f"/api/missions/{name}x").status_code == 414


@pytest.mark.parametrize(
    "query",
    ["at=2022-03-01&known_at=2022-03-02", "&&known_at=2022-03-02&&at=2022-03-01&&"],
)
def test_an_answer_is_kept_by_its_parameters_as_read(query: str) -> None:
    scope = {"type": "http", "path": "/api/partners", "query_string": query.encode()}
    kept_by = asked(Request({**scope, "headers": []}))
    assert kept_by == "/api/partners?at=2022-03-01&known_at=2022-03-02"


def test_kept_answers_take_about_their_bytes() -> None:
    """orjson may make a short answer in a buffer several times its length."""
    kept = Kept()
    answers = [{"said": "x" * 1000, "number": number} for number in range(200)]
    tracemalloc.start()
    try:
        for number in range(200):
            kept.answer(str(number), '"1"', partial(orjson.dumps, answers[number]))
        taken, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert taken < 200 * 2 * 1024


class Quick(Timed):
    """The protocol with a deadline short enough to wait for in a test."""

    deadline = 0.5


async def _hello(scope: Scope, receive: Receive, send: Send) -> None:
    """An ASGI application that answers every request with `hello`."""
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"hello"})


@contextmanager
def _uvicorn(**changed: Any) -> Iterator[int]:
    """uvicorn with the server's settings (the head's deadline shortened, and
    any `changed`) in a thread of this process, answering `_hello`: its port."""
    port = free_port()
    given = {**settings(), "http": Quick, **changed}
    config = uvicorn.Config(_hello, port=port, log_level="critical", **given)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.started
        yield port
    finally:
        server.should_exit = True
        thread.join(10)


def _connected(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def _closed_after(connection: socket.socket, trickle: bytes = b"") -> float:
    """Send `trickle` a byte every 0.1 s until the server closes the connection:
    how many seconds that took. What the server sent is read and dropped."""
    started = time.monotonic()
    connection.settimeout(0.1)
    sent = 0
    while time.monotonic() - started < 5:
        try:
            if not connection.recv(65536):
                return time.monotonic() - started
        except TimeoutError:
            pass
        if sent < len(trickle):
            connection.sendall(trickle[sent : sent + 1])
            sent += 1
    raise AssertionError("the server kept the connection open")


def test_a_head_that_does_not_come_whole_in_time_is_cut_off() -> None:
    trickled = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    with _uvicorn() as port:
        with _connected(port) as idle:
            assert 0.4 < _closed_after(idle) < 1.5
        with _connected(port) as slow:
            assert 0.4 < _closed_after(slow, trickled) < 1.5
        with _connected(port) as kept:  # the deadline starts again at each answer
            kept.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert kept.recv(65536).startswith(b"HTTP/1.1 200 ")
            assert 0.4 < _closed_after(kept, trickled) < 1.5


def test_a_head_that_comes_in_time_is_answered_and_may_be_followed() -> None:
    with _uvicorn() as port:
        session = HTTPConnection("127.0.0.1", port, timeout=5)
        for _ in range(3):
            session.request("GET", "/")
            assert session.getresponse().read() == b"hello"
            time.sleep(0.3)  # idle, within the deadline and the keep-alive
        session.close()


def test_past_the_cap_on_connections_a_request_is_told_503() -> None:
    with _uvicorn(limit_concurrency=2) as port:
        with _connected(port), _connected(port), _connected(port) as third:
            time.sleep(0.1)
            third.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert third.recv(65536).startswith(b"HTTP/1.1 503 ")
        with _connected(port) as alone:
            alone.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert alone.recv(65536).startswith(b"HTTP/1.1 200 ")
