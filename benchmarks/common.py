"""What every measurement shares: the settings of a quick or a full run, the
printing of progress and figures, timed rounds and the commands run."""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SEED = 20220301
#: Stored events written at once when loading a store for queries.
LOAD_BATCH = 5000
BIN = Path(sys.executable).parent
MISSIONS = str(BIN / "missions")


@dataclass(frozen=True)
class Settings:
    """How much the run measures: --quick, or the full run for the README."""

    quick: bool
    import_events: int
    import_missions: int
    import_round_budget_s: float
    query_budget_s: float
    replays: int
    cli_runs: int
    min_samples: int = 5
    max_samples: int = 200
    long_events: int = 100_000
    short_events: int = 1_000
    list_missions: int = 1_000
    list_events: int = 100


QUICK = Settings(
    quick=True,
    import_events=1_000_000,
    import_missions=100,
    import_round_budget_s=45,
    query_budget_s=20,
    replays=3,
    cli_runs=11,
)
FULL = Settings(
    quick=False,
    import_events=1_000_000,
    import_missions=100,
    import_round_budget_s=900,
    query_budget_s=90,
    replays=5,
    cli_runs=21,
)

STARTED = time.perf_counter()


def progress(message: str) -> None:
    """A progress line on standard error, with the time since the start."""
    elapsed = time.perf_counter() - STARTED
    print(f"[{elapsed:7.1f}s] {message}", file=sys.stderr, flush=True)


def figure(name: str, value: float | int | str, decimals: int = 2) -> None:
    """Print one figure as `name: value`."""
    shown = f"{value:.{decimals}f}" if isinstance(value, float) else str(value)
    print(f"{name}: {shown}", flush=True)


def timed(*args: str) -> float:
    """Wall seconds of the whole process `missions ARGS...`."""
    start = time.perf_counter()
    run([MISSIONS, *args])
    return time.perf_counter() - start


def run(command: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    """Run a command to completion; fail loudly, with its output, if it fails."""
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0:
        shown = " ".join(command)
        error = done.stderr.decode(errors="replace").strip()
        raise SystemExit(
            f"benchmark failed: `{shown}` exited {done.returncode}: {error}"
        )
    return done


def rounds(
    steps: Sequence[Callable[[], float]], budget_s: float, least: int, most: int
) -> list[list[float]]:
    """Run every step once a round, in an order that turns each round, until the
    budget is spent and `least` rounds are done, or `most` are; each step returns
    the seconds it measured. The seconds of each step, in the order of `steps`."""
    found: list[list[float]] = [[] for _ in steps]
    start = time.perf_counter()
    done = 0
    while done < most and (done < least or time.perf_counter() - start < budget_s):
        for offset in range(len(steps)):
            index = (done + offset) % len(steps)
            found[index].append(steps[index]())
        done += 1
    return found


def ms(seconds: Sequence[float]) -> float:
    """The median, in milliseconds."""
    return statistics.median(seconds) * 1000


DISK = [0]

#: The packages the `missions` command imports, from the repository's root.
PACKAGES = ("adapters", "cli", "domain")


def compile_bytecode() -> None:
    """Write the project's bytecode cache, as the first run of `missions` does
    where Python may write it. With PYTHONDONTWRITEBYTECODE set, and no cache
    written before, every process would compile the project's modules again,
    about 40 ms of each command's time that no user's command spends."""
    root = Path(__file__).resolve().parent.parent
    for package in PACKAGES:
        compileall.compile_dir(root / package, quiet=1)


def note_disk(tmp: Path) -> None:
    """Keep the most the temporary directory has held so far (bytes)."""
    used = sum(f.stat().st_size for f in tmp.iterdir() if f.is_file())
    DISK[0] = max(DISK[0], used)


def remove_store(path: Path) -> None:
    """Remove a SQLite store and its WAL files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
