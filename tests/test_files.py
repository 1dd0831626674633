"""Files on disk: a SQLite store, its folders and its lock file are private to their
owner whatever the umask, and output is written whole or not at all, never through a
symbolic link."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from tests.stores import stored_rows

SCRIPT = Path(sys.executable).parent / "missions"
NOTE = (
    "record",
    "exomars",
    "noted",
    "--on",
    "2022-03-17",
    "--source",
    "ESA",
    "--summary",
    "A note.",
)


def mode(path: Path) -> int:
    """The permission bits of `path` itself (a link's own, not its target's)."""
    return stat.S_IMODE(path.lstat().st_mode)


def missions(*args: str | Path, umask: int, data: Path) -> str:
    """Run the console script under `umask`, with its data folder at `data`, and
    return what it printed; it must succeed."""
    env = {k: v for k, v in os.environ.items() if k != "MISSIONS_STORE"}
    env["XDG_DATA_HOME"] = str(data)
    done = subprocess.run(
        [str(SCRIPT), *map(str, args)],
        env=env,
        umask=umask,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def refusal(result: Result, code: int = 1) -> str:
    """The message of a refused command: its exit code, nothing on stdout, and one
    `Error: ` line on stderr."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.removeprefix("Error: ").removesuffix("\n")


@pytest.fixture(params=["to nothing", "to a file"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """What a planted symbolic link points to: nothing yet, or a file of someone's."""
    found = tmp_path / "elsewhere" / "target"
    found.parent.mkdir()
    if request.param == "to a file":
        found.write_text("mine\n")
    return found


def assert_untouched(target: Path, link: Path) -> None:
    """The link is still a link to `target`, and `target` is as it was."""
    assert link.is_symlink()
    assert link.readlink() == target
    if target.exists():
        assert target.read_text() == "mine\n"
    assert list(target.parent.iterdir()) == ([target] if target.exists() else [])


# The store and its lock file


def test_a_new_store_its_folders_and_its_lock_file_are_private_whatever_the_umask(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    missions("seed", umask=0, data=data)
    missions(*NOTE, umask=0, data=data)
    folder = data / "missions"
    assert sorted(p.name for p in folder.iterdir()) == [
        "missions.db",
        "missions.db.lock",
    ]
    assert mode(data) == mode(folder) == 0o700
    assert mode(folder / "missions.db") == 0o600
    assert mode(folder / "missions.db.lock") == 0o600


def test_an_open_stores_write_ahead_log_and_shared_memory_are_private(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store" / "missions.db"
    probe = (
        "import os, stat, sys\n"
        "from adapters.seed import seed_article\n"
        "from adapters.tracker import MissionTracker\n"
        "tracker = MissionTracker(sys.argv[1])\n"
        "seed_article(tracker)\n"
        "folder = os.path.dirname(sys.argv[1])\n"
        "for name in sorted(os.listdir(folder)):\n"
        "    path = os.path.join(folder, name)\n"
        "    print(name, oct(stat.S_IMODE(os.stat(path).st_mode)))\n"
        "tracker.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(store)],
        umask=0,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "missions.db 0o600",
        "missions.db-shm 0o600",
        "missions.db-wal 0o600",
    ]


def test_a_store_in_a_folder_already_there_leaves_the_folder_as_it_was(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    store = folder / "missions.db"
    assert CliRunner().invoke(cli, ["--store", str(store), "seed"]).exit_code == 0
    assert mode(folder) == 0o755
    assert mode(store) == 0o600


def test_a_lock_file_that_is_a_symbolic_link_is_refused_and_not_followed(
    tmp_path: Path, target: Path
) -> None:
    store = str(tmp_path / "missions.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "seed"]).exit_code == 0
    lock = tmp_path / "missions.db.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)
    before = stored_rows(store)
    message = refusal(runner.invoke(cli, ["--store", store, *NOTE]))
    assert message == f"the store's lock file '{lock}' is a symbolic link; remove it"
    assert stored_rows(store) == before
    assert_untouched(target, lock)
