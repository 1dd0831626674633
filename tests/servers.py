"""`missions serve` run as users run it: the installed script in a process of its
own, listening on a free port of 127.0.0.1, stopped when the test is done."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2 as httpx

from tests.processes import SCRIPT

#: How long a server may take to answer its first request.
STARTING = 30.0


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (as the system gave it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(store: str, *options: str) -> Iterator[str]:
    """Run `missions --store STORE serve OPTIONS...` until the block ends; its
    address (http://127.0.0.1:PORT)."""
    port = free_port()
    process = subprocess.Popen(
        [str(SCRIPT), "--store", store, "serve", "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_for(address, process)
        yield address
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert process.stderr is not None
        process.stderr.close()


def _wait_for(address: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTING
    while time.monotonic() < deadline:
        if process.poll() is not None:
            assert process.stderr is not None
            said = process.stderr.read().decode(errors="replace")
            raise AssertionError(f"missions serve stopped: {said}")
        try:
            if httpx.get(f"{address}/api/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"missions serve did not answer at {address}")
