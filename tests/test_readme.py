"""The README opens with the two commands that CI and newcomers rely on."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The shell commands of the README's code blocks, in order."""
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_a_run_command_and_a_test_command() -> None:
    run, test = readme_commands()[:2]
    assert "missions seed" in run
    assert "list --at 2022-02-25" in run
    assert "list --at 2022-03-01" in run
    assert "list --at 2024-12-31" in run  # what happened next: the built-in packs
    assert test.endswith(".venv/bin/pytest -n auto")  # in parallel: pytest-xdist
    for check in ("ruff check", "ruff format --check", "mypy"):
        assert check in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test in ci
