"""The installed `missions` console script run in a process of its own, as
users run it: what signals and pipes need (they cannot be tested in-process)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "missions"
#: What an interrupted command says, on one line.
INTERRUPTED = "Error: interrupted; what was not finished was not written\n"


def closed_after_one_line(*args: str) -> tuple[int, bytes]:
    """`missions ARGS... | head -1`: the exit code and stderr of a command whose
    reader goes away after the first line."""
    process = subprocess.Popen(
        [str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def interrupted_import(store: str, given: bytes) -> tuple[int, bytes, bytes]:
    """Ctrl-C during `missions import -` that was given `given` and waits for the
    rest, which never comes: the exit code, stdout and stderr."""
    process = subprocess.Popen(
        [str(SCRIPT), "--store", store, "import", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(given)
    process.stdin.flush()
    time.sleep(2)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err
