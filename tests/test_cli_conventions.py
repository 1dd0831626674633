"""The command line as people expect it, run as the installed console script in a
process of its own (signals and pipes cannot be tested in-process): help, a
closed pipe, Ctrl-C, output that cannot encode what was recorded, colour, output
files and completion, each on a store of each kind."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.eventstore.tracker import MissionTracker
from tests.processes import (
    INTERRUPTED,
    SCRIPT,
    closed_after_one_line,
    interrupted_import,
)
from tests.stores import KINDS, Kind, fresh_store, kind_of, stored_rows


def missions(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module", params=KINDS, ids=KINDS)
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A store of each kind holding the built-in packs: a few hundred lines to
    print."""
    kind: Kind = request.param
    with fresh_store(kind, tmp_path_factory.mktemp("conventions")) as store:
        assert missions("--store", store, "seed").returncode == 0
        yield store


# Help is help


def test_missions_alone_prints_its_help_and_succeeds() -> None:
    done = missions()
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.startswith("Usage: missions [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommands:\n" in done.stdout


@pytest.mark.parametrize("command", [[], ["status"], ["partner"], ["partner", "add"]])
def test_dash_h_is_help_everywhere(command: list[str]) -> None:
    short, long = missions(*command, "-h"), missions(*command, "--help")
    assert short.returncode == long.returncode == 0
    assert short.stdout == long.stdout
    assert short.stdout.startswith(f"Usage: missions {' '.join(command)}".rstrip())


def test_a_group_alone_prints_its_help() -> None:
    done = missions("partner")
    assert done.returncode == 0
    assert done.stdout == missions("partner", "--help").stdout


def test_help_names_a_command_or_says_which_was_meant() -> None:
    assert missions("help").stdout == missions("--help").stdout
    assert missions("help", "status").stdout == missions("status", "--help").stdout
    wrong = missions("help", "statsu")
    assert wrong.returncode == 2
    assert wrong.stderr == ("Error: no such command 'statsu'; did you mean: status?\n")


# A closed pipe


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["log", "iss", "--ndjson"],
        ["list"],
        ["changes", "--from", "2021-01-01", "--to", "2025-01-01"],
    ],
    ids=["export", "log", "list", "changes"],
)
def test_a_closed_pipe_ends_the_command_quietly(
    seeded: str, command: list[str]
) -> None:
    """As `missions export | head -1`: the reader goes after one line. Here most
    answers fit in the pipe whole, and the command meets the closed pipe at its
    last flush; tests/test_closed_pipes.py closes it mid-stream, on a long
    mission."""
    for _ in range(3):  # the same, every time
        assert closed_after_one_line("--store", seeded, *command) == (0, b"")


# Ctrl-C


def test_ctrl_c_during_an_import_says_one_line_and_writes_nothing(
    seeded: str, tmp_path: Path
) -> None:
    exported = missions("--store", seeded, "export")
    lines = exported.stdout.splitlines(keepends=True)
    with fresh_store(kind_of(seeded), tmp_path, "interrupted") as store:
        MissionTracker(store).close()  # made, and empty
        before = stored_rows(store)
        half = "".join(lines[: len(lines) // 2]).encode()
        assert interrupted_import(store, half) == (130, b"", INTERRUPTED.encode())
        assert stored_rows(store) == before


# Encodings


def test_text_the_output_cannot_encode_is_escaped(seeded: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = missions("--store", seeded, "log", "change-6", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Chang\\u2019e" in done.stdout or "Chang'e" in done.stdout
    assert done.stdout.isascii()


# Colour


def _coloured(store: str, *args: str, **env: str) -> bool:
    """Whether `timeline` printed ANSI colour, run under a terminal of its own."""
    import pty

    command = [str(SCRIPT), "--store", store, "timeline", *args]
    environment = {**os.environ, "TERM": "xterm-256color", **env}
    if "NO_COLOR" not in env:
        environment.pop("NO_COLOR", None)
    parent, child = pty.openpty()
    try:
        process = subprocess.Popen(
            command, stdout=child, stderr=subprocess.PIPE, env=environment
        )
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    finally:
        os.close(parent)
    assert process.returncode == 0
    return b"\x1b[" in b"".join(chunks)


def test_colour_on_a_terminal_unless_no_color_or_a_dumb_terminal(seeded: str) -> None:
    assert _coloured(seeded)
    assert not _coloured(seeded, NO_COLOR="1")
    assert not _coloured(seeded, TERM="dumb")
    assert not _coloured(seeded, "--color", "never")
    assert _coloured(seeded, "--color", "always", NO_COLOR="1")


def test_no_colour_off_a_terminal_unless_asked(seeded: str) -> None:
    plain = missions("--store", seeded, "timeline")
    assert plain.returncode == 0
    assert "\x1b[" not in plain.stdout
    forced = missions("--store", seeded, "timeline", "--color", "always")
    assert "\x1b[" in forced.stdout


# Output files are safe


@pytest.mark.parametrize("ending", [".png", ".svg", ".html"])
def test_timeline_replaces_its_own_picture_and_no_other_file_unless_forced(
    seeded: str, tmp_path: Path, ending: str
) -> None:
    out = tmp_path / f"timeline{ending}"
    for _ in range(2):  # its own picture: replaced
        drawn = missions("--store", seeded, "timeline", "--out", str(out))
        assert (drawn.returncode, drawn.stdout) == (0, "")
        assert drawn.stderr == f"Wrote {out}.\n"
    other = tmp_path / f"notes{ending}"
    other.write_text("mine")
    refused = missions("--store", seeded, "timeline", "--out", str(other))
    assert refused.returncode == 1
    assert refused.stderr == (
        f"Error: '{other}' exists and was not drawn by `missions timeline`: give"
        " --force to replace it, or choose another name\n"
    )
    assert other.read_text() == "mine"
    forced = missions("--store", seeded, "timeline", "--out", str(other), "--force")
    assert forced.returncode == 0
    assert other.read_bytes() != b"mine"


def test_a_picture_written_through_a_linked_folder_says_where_it_went(
    seeded: str, tmp_path: Path
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    out = tmp_path / "link" / "t.svg"
    drawn = missions("--store", seeded, "timeline", "--out", str(out))
    assert drawn.returncode == 0
    assert (
        drawn.stderr == f"Wrote {out} (that is {real / 't.svg'}: a link led there).\n"
    )
    assert (real / "t.svg").is_file()


# Completion


def _completed(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would be offered after `words` (the last one being typed)."""
    environment = {
        **os.environ,
        **(env or {}),
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "_MISSIONS_COMPLETE": "bash_complete",
    }
    done = subprocess.run(
        [str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return [line.partition(",")[2] for line in done.stdout.splitlines() if line]


def test_commands_missions_partners_and_kinds_complete(seeded: str) -> None:
    assert _completed("missions st") == ["status", "store"]
    store = f"missions --store {seeded}"
    listed = subprocess.run(
        [str(SCRIPT), "--store", seeded, "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    tracked = [view["mission"] for view in json.loads(listed.stdout)]
    chang = sorted(slug for slug in tracked if slug.startswith("chang"))
    assert len(chang) >= 2
    assert _completed(f"{store} status chang") == chang
    assert _completed(f"{store} record iss partner-j") == ["partner-joined"]
    partner = f"{store} record iss partner-joined --partner ro"
    assert _completed(partner) == ["roscosmos"]
    assert "venezuela" in _completed(f"{store} list --partner v")
    assert _completed(f"{store} list --programme il") == ["ilrs"]


def test_completion_on_a_store_that_does_not_exist_offers_nothing_and_makes_none(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "nope.db"
    assert _completed(f"missions --store {missing} status e") == []
    assert not missing.exists()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_its_completion_script(shell: str) -> None:
    env = {**os.environ, "_MISSIONS_COMPLETE": f"{shell}_source"}
    done = subprocess.run(
        [str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert "_MISSIONS_COMPLETE" in done.stdout
