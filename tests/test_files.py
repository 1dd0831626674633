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

from adapters.files import writing
from cli.main import cli
from tests.conftest import Run
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
LINK_REFUSED = "is a symbolic link, and output is never written through one;"
FEATURE = """\
Feature: Launches
  Scenario: A launch that went well
    Given a rocket
"""


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
    missions("seed", "--only", "article", umask=0, data=data)
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
        "from adapters.packs.seed import seed_article\n"
        "from adapters.eventstore.tracker import MissionTracker\n"
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
        "missions.db.lock 0o600",  # taken while a new file's tables are made
    ]


def test_a_store_in_a_folder_already_there_leaves_the_folder_as_it_was(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    store = folder / "missions.db"
    assert (
        CliRunner()
        .invoke(cli, ["--store", str(store), "seed", "--only", "article"])
        .exit_code
        == 0
    )
    assert mode(folder) == 0o755
    assert mode(store) == 0o600


def test_a_lock_file_that_is_a_symbolic_link_is_refused_and_not_followed(
    tmp_path: Path, target: Path
) -> None:
    store = str(tmp_path / "missions.db")
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["--store", store, "seed", "--only", "article"]).exit_code
        == 0
    )
    lock = tmp_path / "missions.db.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)
    before = stored_rows(store)
    message = refusal(runner.invoke(cli, ["--store", store, *NOTE]))
    assert message == f"the store's lock file '{lock}' is a symbolic link; remove it"
    assert stored_rows(store) == before
    assert_untouched(target, lock)


# Output


def test_timeline_out_refuses_a_symbolic_link(
    query: Run, tmp_path: Path, target: Path
) -> None:
    link = tmp_path / "timeline.svg"
    link.symlink_to(target)
    message = refusal(query("timeline", "--out", str(link)))
    assert message == f"'{link}' {LINK_REFUSED} remove it or write elsewhere"
    assert_untouched(target, link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "timeline.svg"]


def test_export_out_refuses_a_symbolic_link(
    query: Run, tmp_path: Path, target: Path
) -> None:
    link = tmp_path / "events.ndjson"
    link.symlink_to(target)
    message = refusal(query("export", "--out", str(link)))
    assert message == f"'{link}' {LINK_REFUSED} remove it or write elsewhere"
    assert_untouched(target, link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "events.ndjson"]


def test_export_into_a_folder_that_does_not_exist_is_one_line_and_writes_nothing(
    query: Run, tmp_path: Path
) -> None:
    out = tmp_path / "no" / "events.ndjson"
    assert refusal(query("export", "--out", str(out))) == (
        f"cannot write '{out}': there is no folder '{out.parent}';"
        " write into a folder that exists"
    )
    assert list(tmp_path.iterdir()) == []


def test_export_from_a_store_that_cannot_be_opened_leaves_no_file(
    tmp_path: Path,
) -> None:
    store = tmp_path / "notes.txt"
    store.write_text("not a database\n")
    out = tmp_path / "events.ndjson"
    result = CliRunner().invoke(
        cli, ["--store", str(store), "export", "--out", str(out)]
    )
    assert refusal(result) == f"cannot open store {store}: file is not a database"
    # No export, whole or part; the store's lock file is made as it is opened.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "notes.txt.lock"]


def test_export_out_writes_the_file_whole_with_the_usual_mode(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missions("seed", "--only", "article", umask=0o027, data=data)
    out = tmp_path / "events.ndjson"
    exported = missions("export", umask=0o027, data=data)
    out.write_text(exported.splitlines(keepends=True)[0])  # an older export
    missions("export", "--out", out, umask=0o027, data=data)
    assert out.read_text() == exported
    assert mode(out) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "events.ndjson"]


@pytest.mark.parametrize("page", ["index.html", "launches.html"])
def test_docs_out_refuses_a_symbolic_link_in_place_of_a_page_and_writes_no_page(
    tmp_path: Path, target: Path, page: str
) -> None:
    features = tmp_path / "features"
    features.mkdir()
    (features / "launches.feature").write_text(FEATURE)
    site = tmp_path / "site"
    site.mkdir()
    link = site / page
    link.symlink_to(target)
    # --force: the folder holds something else already, the link.
    command = ["docs", "--out", str(site), "--features", str(features)]
    result = CliRunner().invoke(cli, [*command, "--report", "-", "--force"])
    assert refusal(result) == f"'{link}' {LINK_REFUSED} remove it or write elsewhere"
    assert list(site.iterdir()) == [link]
    assert_untouched(target, link)


def test_a_file_being_written_is_removed_if_writing_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    out.write_text("as it was\n")

    def write_half() -> None:
        with writing(out) as handle:
            handle.write(b"half of it")
            raise RuntimeError("the rest never came")

    with pytest.raises(RuntimeError):
        write_half()
    assert out.read_text() == "as it was\n"
    assert list(tmp_path.iterdir()) == [out]
