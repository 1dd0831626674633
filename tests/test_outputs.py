"""What `--out` does with what is already at its path: a FIFO or a character device
(/dev/null) is written into as a stream and left as it was, a block device, a socket
or a folder is refused, and `export --out` replaces an export and no other file
unless forced. Each on real files, and on both kinds of store."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.evidence.lines import MAX_LINE
from cli.main import cli
from tests.conftest import Run
from tests.processes import SCRIPT
from tests.stores import Articles
from tests.test_files import LINK_REFUSED, refusal

#: The seeded store's events, as `Exported ...` counts them.
EVENTS = 57
NULL = Path(os.devnull)
NOT_AN_EXPORT = (
    "exists and is not an export of `missions export`: give --force to replace it,"
    " or choose another name"
)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own for the output (a SQLite store is in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@contextmanager
def draining(fifo: Path) -> Iterator[bytearray]:
    """Everything written into the FIFO at `fifo`, read by a thread as the program
    at the other end of a pipe reads it; whole once the block is left."""
    got = bytearray()

    def read() -> None:
        with fifo.open("rb") as stream:
            while chunk := stream.read(1 << 16):
                got.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield got
    finally:
        reader.join(timeout=1)
        if reader.is_alive():  # nothing opened the FIFO: let the reader go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(timeout=10)
        assert not reader.is_alive()


def identity(path: Path) -> tuple[int, int, int, int]:
    """What makes a device node or a FIFO itself: its kind, device and inode, and
    the device it stands for."""
    found = path.lstat()
    return stat.S_IFMT(found.st_mode), found.st_dev, found.st_ino, found.st_rdev


def node(path: Path, kind: int, device: int) -> Path:
    """A device node at `path` (mknod needs root: else the test is skipped)."""
    try:
        os.mknod(path, kind | 0o600, device)
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def null_device(path: Path) -> Path:
    """A character device at `path` that is /dev/null, as /dev/null's own node."""
    return node(path, stat.S_IFCHR, NULL.stat().st_rdev)


def block_device(path: Path) -> Path:
    """A block device at `path` that stands for no disk (device 0:0): opening it
    could write nothing anywhere."""
    return node(path, stat.S_IFBLK, os.makedev(0, 0))


def unix_socket(path: Path) -> Path:
    """A socket bound at `path` (bound from its folder: a socket's path is short)."""
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as bound:
            bound.bind(path.name)
    finally:
        os.chdir(here)
    return path


# FIFOs and character devices are written into


def test_export_streams_every_event_into_a_fifo_and_leaves_it_a_fifo(
    run: Run, seeded_store: str, out: Path
) -> None:
    fifo = out / "events.ndjson"
    os.mkfifo(fifo)
    before = identity(fifo)
    with draining(fifo) as got:
        exported = run("export", "--out", str(fifo))
    assert exported.exit_code == 0, exported.output
    assert exported.stderr == f"Exported {EVENTS} events to {fifo}.\n"
    assert bytes(got) == run("export").stdout_bytes
    assert bytes(got).count(b"\n") == EVENTS
    assert identity(fifo) == before
    assert list(out.iterdir()) == [fifo]


@pytest.mark.parametrize("ending", [".svg", ".html", ".png"])
def test_timeline_draws_into_a_fifo_as_into_a_file_and_leaves_it_a_fifo(
    run: Run, seeded_store: str, out: Path, ending: str
) -> None:
    fifo = out / f"timeline{ending}"
    os.mkfifo(fifo)
    before = identity(fifo)
    with draining(fifo) as got:
        drawn = run("timeline", "--out", str(fifo))
    assert drawn.exit_code == 0, drawn.output
    assert drawn.stderr == f"Wrote {fifo}.\n"
    assert identity(fifo) == before
    file = out / f"file{ending}"
    assert run("timeline", "--out", str(file)).exit_code == 0
    assert bytes(got) == file.read_bytes()
    assert sorted(out.iterdir()) == sorted([fifo, file])


def test_a_fifo_is_drawn_into_without_force_even_after_a_picture_was(
    run: Run, seeded_store: str, out: Path
) -> None:
    fifo = out / "timeline.svg"
    os.mkfifo(fifo)
    for _ in range(2):
        with draining(fifo) as got:
            assert run("timeline", "--out", str(fifo)).exit_code == 0
        assert got.startswith(b"<?xml")
        assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_out_dev_null_writes_into_it_and_leaves_it_a_character_device(
    run: Run, seeded_store: str
) -> None:
    before = identity(NULL)
    assert stat.S_ISCHR(before[0])
    exported = run("export", "--out", str(NULL))
    assert exported.exit_code == 0, exported.output
    assert exported.stderr == f"Exported {EVENTS} events to {NULL}.\n"
    assert identity(NULL) == before


def test_timeline_out_dev_null_is_refused_for_want_of_an_ending_and_left_as_it_is(
    run: Run, seeded_store: str
) -> None:
    """timeline draws by the name's ending, and /dev/null has none."""
    before = identity(NULL)
    assert refusal(run("timeline", "--out", str(NULL)), code=2) == (
        "cannot draw 'null': --out takes a file ending in .html, .svg or .png"
    )
    assert identity(NULL) == before


def test_a_character_device_named_for_a_picture_is_drawn_into_and_left_as_it_is(
    run: Run, seeded_store: str, out: Path
) -> None:
    device = null_device(out / "timeline.svg")
    before = identity(device)
    drawn = run("timeline", "--out", str(device))
    assert drawn.exit_code == 0, drawn.output
    assert drawn.stderr == f"Wrote {device}.\n"
    assert identity(device) == before
    assert list(out.iterdir()) == [device]


def test_the_console_script_exports_into_dev_null_and_leaves_it_as_it_is(
    articles: Articles,
) -> None:
    before = identity(NULL)
    env = {k: v for k, v in os.environ.items() if k != "MISSIONS_STORE"}
    done = subprocess.run(
        [str(SCRIPT), "--store", articles.of("sqlite"), "export", "--out", str(NULL)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    assert done.stderr == f"Exported {EVENTS} events to {NULL}.\n"
    assert identity(NULL) == before


# Block devices, sockets and folders are refused

MAKERS: dict[str, Callable[[Path], Path]] = {
    "a block device": block_device,
    "a socket": unix_socket,
}


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize(
    ("command", "name"), [("export", "events.ndjson"), ("timeline", "t.svg")]
)
def test_a_block_device_or_a_socket_is_refused_and_left_as_it_is(
    run: Run, seeded_store: str, out: Path, kind: str, command: str, name: str
) -> None:
    target = MAKERS[kind](out / name)
    before = identity(target)
    assert refusal(run(command, "--out", str(target), "--force")) == (
        f"cannot write '{target}': it is {kind}; name a regular file, a FIFO or a"
        " character device"
    )
    assert identity(target) == before
    assert list(out.iterdir()) == [target]


@pytest.mark.parametrize("command", ["export", "timeline"])
def test_a_folder_is_refused_as_a_file(run: Run, out: Path, command: str) -> None:
    folder = out / "t.svg"
    folder.mkdir()
    result = run(command, "--out", str(folder), "--force")
    assert refusal(result, code=2) == (
        f"Invalid value for '--out': File '{folder}' is a directory."
        f" Try 'missions {command} --help'."
    )
    assert list(out.iterdir()) == [folder]
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("kind", ["a FIFO", "a character device"])
@pytest.mark.parametrize("below", [False, True], ids=["itself", "on the way"])
def test_docs_out_refuses_a_fifo_or_a_device_as_its_folder(
    launches: Path, out: Path, kind: str, below: bool
) -> None:
    taken = out / "site"
    if kind == "a FIFO":
        os.mkfifo(taken)
    else:
        null_device(taken)
    before = identity(taken)
    site = taken / "docs" if below else taken
    command = ["docs", "--out", str(site), "--features", str(launches)]
    result = CliRunner().invoke(cli, [*command, "--report", "-", "--force"])
    assert refusal(result, code=2) == (
        f"--out '{site}': '{taken}' is {kind}, not a directory"
    )
    assert identity(taken) == before
    assert list(out.iterdir()) == [taken]


# export --out replaces an export, and no other file unless forced


def test_export_out_refuses_a_file_that_is_not_an_export_unless_forced(
    run: Run, seeded_store: str, out: Path
) -> None:
    mine = out / "notes.txt"
    mine.write_text("mine\n")
    assert refusal(run("export", "--out", str(mine))) == f"'{mine}' {NOT_AN_EXPORT}"
    assert mine.read_text() == "mine\n"
    assert list(out.iterdir()) == [mine]
    forced = run("export", "--out", str(mine), "--force")
    assert forced.exit_code == 0, forced.output
    assert mine.read_bytes() == run("export").stdout_bytes
    assert list(out.iterdir()) == [mine]


@pytest.mark.parametrize(
    "older",
    [
        b"",
        b'{"originator_id":"x","originator_version":1,"topic":"t","state":{}}\n'
        b"the first line alone is read\n",
        b'{"state": {}, "topic": "t", "originator_version": 1, "originator_id": "x"}',
    ],
    ids=["empty", "an export", "an export's one line, unended"],
)
def test_export_out_replaces_an_export_or_an_empty_file(
    run: Run, seeded_store: str, out: Path, older: bytes
) -> None:
    file = out / "events.ndjson"
    file.write_bytes(older)
    exported = run("export", "--out", str(file))
    assert exported.exit_code == 0, exported.output
    assert file.read_bytes() == run("export").stdout_bytes
    assert list(out.iterdir()) == [file]


@pytest.mark.parametrize(
    "content",
    [
        b"\n",
        b"[]\n",
        b"{}\n",
        b'{"originator_id":"x","originator_version":1,"topic":"t"}\n',
        b'{"originator_id":"x","originator_version":1,"topic":"t","state":{},"x":1}\n',
        b'{"originator_id":"x","originator_version":1,"topic":"t","state":{}',
        b'{"originator_id":"x","originator_version":1,"topic":"t","state":"'
        + b"x" * MAX_LINE
        + b'"}\n',
        b"\xff\xfe not text\n",
    ],
    ids=[
        "a blank line",
        "a list",
        "no fields",
        "three fields",
        "five fields",
        "cut short",
        "a first line longer than an export's",
        "not text",
    ],
)
def test_export_out_refuses_what_only_looks_like_an_export(
    run: Run, out: Path, content: bytes
) -> None:
    mine = out / "events.ndjson"
    mine.write_bytes(content)
    assert refusal(run("export", "--out", str(mine))) == f"'{mine}' {NOT_AN_EXPORT}"
    assert mine.read_bytes() == content


def test_export_out_force_still_refuses_a_symbolic_link(
    run: Run, seeded_store: str, out: Path
) -> None:
    target = out / "export.ndjson"
    target.write_text("")
    link = out / "events.ndjson"
    link.symlink_to(target)
    message = refusal(run("export", "--out", str(link), "--force"))
    assert message == f"'{link}' {LINK_REFUSED} remove it or write elsewhere"
    assert link.readlink() == target
    assert target.read_text() == ""
