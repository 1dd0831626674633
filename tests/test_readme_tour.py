"""The README's tour works as printed, on the store that the README's first
command makes: each `$ ` command of its console blocks is typed into a shell,
as the installed console script, one after the other, and says what the README
says it does. What cannot be the same from one run to the next may differ: an
event id that the tour made (each later command then names the one made now)
and a time of recording. A line `...` stands for the rest of an answer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: An event id, as answers show it (its first 8 characters).
_ID = re.compile(r"\b[0-9a-f]{8}\b")
#: A time of recording, as answers show it.
_RECORDED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")
#: A shell variable set to a command's output: `name=$(...)`.
_ASSIGNED = re.compile(r"^([a-z_]+)=(\$\(.*\))$")


def tour() -> list[tuple[str, list[str]]]:
    """The tour's commands, each with the lines the README prints after it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## A short tour", 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        lines = block.splitlines()
        while lines:
            command = lines.pop(0).removeprefix("$ ")
            while command.endswith("\\"):
                command = command[:-1] + lines.pop(0).strip()
            said = []
            while lines and not lines[0].startswith("$ "):
                said.append(lines.pop(0))
            steps.append((command, said))
    return steps


def pattern(line: str) -> re.Pattern[str]:
    """A printed line as a pattern: its ids and times of recording open."""
    parts = re.split(f"({_ID.pattern}|{_RECORDED.pattern})", line)
    return re.compile(
        "".join(
            "([0-9a-f]{8})"
            if _ID.fullmatch(part)
            else ".{32}"
            if _RECORDED.fullmatch(part)
            else re.escape(part)
            for part in parts
        )
    )


def test_the_tour_works_as_printed(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("MISSIONS_STORE", "COLUMNS")
    }
    env.update(
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    made = subprocess.run(
        ["missions", "seed"], env=env, capture_output=True, text=True, check=False
    )
    assert made.returncode == 0, made.stderr
    steps = tour()
    assert len(steps) >= 15
    ids: dict[str, str] = {}  # an id the README prints: the id made now
    for command, said in steps:
        typed = _ID.sub(lambda found: ids.get(found[0], found[0]), command)
        assigned = _ASSIGNED.match(typed)
        if assigned:
            script = f'printf %s "{assigned[2]}"'
            value = subprocess.run(
                ["bash", "-c", script], env=env, capture_output=True, text=True
            )
            env[assigned[1]] = value.stdout
            assert said == [], command
            continue
        answer = subprocess.run(
            ["bash", "-c", typed],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
            check=False,
        )
        told = answer.stdout.splitlines()
        if "..." in said:
            said = said[: said.index("...")]
            told = told[: len(said)]
        assert len(told) == len(said), (command, answer.stdout)
        for printed, line in zip(said, told, strict=True):
            found = pattern(printed).fullmatch(line)
            assert found is not None, (command, printed, line)
            for readme_id, now in zip(
                _ID.findall(printed), found.groups(), strict=True
            ):
                assert ids.setdefault(readme_id, now) == now, (command, readme_id)
