"""What the commands print for people is text, never terminal control: an escape
sequence, a bell, a carriage return or a right-to-left override recorded in a
name, a summary or a source is shown escaped, while JSON keeps it as recorded."""

from __future__ import annotations

import unicodedata

import orjson
import pytest

from cli.output import printable
from tests.conftest import Run

#: A colour change, a window-title change ending with a bell, a carriage return
#: that would overwrite the line, a mark reversing what follows, the Arabic letter
#: mark (a format character no list of bidi controls names) and a line separator.
HOSTILE = (
    "red \x1b[31mALERT\x1b[0m \x1b]0;owned\x07 over\rwrite \u202eesrever"
    " \u061cmark \u2028break"
)
SHOWN = (
    r"red \x1b[31mALERT\x1b[0m \x1b]0;owned\x07 over\x0dwrite \u202eesrever"
    r" \u061cmark \u2028break"
)


def acted_on(text: str) -> list[str]:
    """What a terminal would act on: every control and format character (Unicode's
    Cc and Cf) but the line break, and the line and paragraph separators."""
    hidden = {"Cc", "Cf", "Zl", "Zp"}
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) in hidden]


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable(HOSTILE) == SHOWN
    assert printable("Chang'e-6, Ле́том, 嫦娥六号") == "Chang'e-6, Ле́том, 嫦娥六号"
    assert printable("two\nlines\tand a tab") == r"two\x0alines\x09and a tab"


@pytest.fixture
def hostile(run: Run) -> Run:
    """A mission whose name, summary and source hold terminal control."""
    registered = run(
        "register", "hostile", "--name", f"Mission {HOSTILE}",
        "--on", "2022-02", "--source", HOSTILE, "--summary", f"Tracked: {HOSTILE}",
    )  # fmt: skip
    assert registered.exit_code == 0, registered.output
    recorded = run(
        "record", "hostile", "status-changed", "--status", "at_risk",
        "--on", "2022-02-10/2022-03-10", "--summary", HOSTILE, "--source", HOSTILE,
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    return run


@pytest.mark.parametrize(
    "command",
    [
        ["status", "hostile", "--at", "2022-03-01"],
        ["status", "hostile", "--at", "2022-04-01"],
        ["log", "hostile"],
        ["history", "hostile"],
        ["changes", "--from", "2022-01-01", "--to", "2022-12-31"],
        ["timeline"],
    ],
    ids=lambda command: "-".join(command[:: 3 if command[0] == "status" else 9]),
)
def test_text_output_shows_control_characters_escaped(
    hostile: Run, command: list[str]
) -> None:
    result = hostile(*command)
    printed = result.stdout + result.stderr
    assert not acted_on(printed)
    assert "ALERT" in printed or "hostile" in printed


def test_status_shows_the_hostile_text_escaped_and_json_keeps_it(hostile: Run) -> None:
    text = hostile("status", "hostile", "--at", "2022-04-01").stdout
    assert f"Mission {SHOWN} (hostile)" in text
    assert f"    {SHOWN}" in text  # the source
    found = hostile("status", "hostile", "--at", "2022-04-01", "--json")
    view = orjson.loads(found.stdout)
    assert view["name"] == f"Mission {HOSTILE}"
    assert view["sources"][0]["publication"] == HOSTILE
