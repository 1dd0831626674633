"""`missions serve` run as users run it: the installed script in a process of its
own, listening on a free port of 127.0.0.1, stopped when the test is done; and
what the system says of its processes (their children, their memory)."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
def running(store: str, *options: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Run `missions --store STORE serve OPTIONS...` until the block ends: its
    process, and its address (http://127.0.0.1:PORT). A process the block ended
    itself is left as it is."""
    port = free_port()
    process = subprocess.Popen(
        [str(SCRIPT), "--store", store, "serve", "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_for(address, process)
        yield process, address
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert process.stderr is not None
        process.stderr.close()


@contextmanager
def serving(store: str, *options: str) -> Iterator[str]:
    """Run `missions --store STORE serve OPTIONS...` until the block ends; its
    address (http://127.0.0.1:PORT)."""
    with running(store, *options) as (_, address):
        yield address


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


# What the system says of a process (Linux's /proc)


def children(pid: int) -> list[int]:
    """The processes `pid` started that are still its own."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # ended while the folder was read
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def alive(pid: int) -> bool:
    """Whether the process runs: there, and not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def command_line(pid: int) -> str:
    """How the process was started, its arguments joined by spaces."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def resident(pid: int) -> int:
    """The bytes of memory the process holds (its resident set, VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"process {pid} says nothing of its memory")
