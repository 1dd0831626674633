"""An import keeps the memory it frees between batches (adapters.evidence.heap),
instead of giving it back to the system and faulting it in again for the next batch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.evidence import heap

ROOT = Path(__file__).resolve().parent.parent

#: Makes and frees 5 MB of small blocks, and a 4 MB buffer, twenty times each, as
#: an import's batches do, and prints the page faults that took: within
#: heap.kept(), then after it.
CHURN = """
import resource
from adapters.evidence import heap

def churn():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(20):
        blocks = [bytes(1000) for _ in range(5000)]
        del blocks
    for _ in range(20):
        buffer = b"x" * (4 << 20)
        del buffer
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

churn()  # the interpreter's own first allocations
with heap.kept():
    kept = churn()
print(kept, churn())
"""

glibc = pytest.mark.skipif(
    not hasattr(os, "confstr") or not os.confstr("CS_GNU_LIBC_VERSION"),
    reason="the C heap's trim threshold is glibc's",
)


@glibc
def test_memory_freed_within_the_block_is_reused_not_faulted_in_again() -> None:
    kept, after = _faults(CHURN)
    # Each round is about 1,200 pages (5 MB) or 1,000 pages (4 MB): given back
    # and faulted in again every round after the block, reused within it.
    assert after > 30_000
    assert kept < after / 5


@glibc
def test_a_child_process_started_with_its_environment_keeps_freed_memory() -> None:
    child = CHURN.replace("with heap.kept():\n    kept = churn()", "kept = churn()")
    told = _faults(child, heap.child_environment())
    untold = _faults(
        child, {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    )
    assert told[0] < untold[0] / 5


def _faults(script: str, environment: dict[str, str] | None = None) -> list[int]:
    """The page faults a script printed."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return [int(count) for count in done.stdout.split()]
