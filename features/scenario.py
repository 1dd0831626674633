"""What the steps share: running a `missions` command on a scenario's store,
reading its answers, and writing them as the feature files' tables do."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from typing import Any

from click.testing import CliRunner, Result

from cli.main import cli
from tests.answers import unwarned

Rows = list[tuple[object, ...]]
View = dict[str, Any]
#: Ids and times noted during a scenario, by the name written in square brackets.
Noted = dict[str, str]

NOTED = re.compile(r"\[([^\[\]]+)\]")
RECORDED = re.compile(
    r"Recorded \S+ for (?P<slug>\S+)(?: on \S+)? as event (?P<short>[0-9a-f]{8})"
    r" \(version (?P<version>\d+)\)\.\n"
)


@dataclass(frozen=True)
class Typed:
    """What a typed command did, and the store's rows just before it ran."""

    result: Result
    rows_before: Rows


def missions(store: str, command: str) -> Result:
    """Run a `missions ...` command line on the store, in-process."""
    words = shlex.split(command)
    assert words[0] == "missions", f"not a missions command: {command}"
    return CliRunner().invoke(cli, ["--store", store, *words[1:]])


def succeeded(result: Result) -> Result:
    """The result, once sure that the command worked (it may have warned of a
    fact that deserves a second look: `missions lint`)."""
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    assert unwarned(result.stderr) == ""
    return result


def answer(store: str, command: str) -> Any:
    """The JSON a command prints."""
    return json.loads(succeeded(missions(store, command)).stdout)


def filled(text: str, noted: Noted) -> str:
    """The text with each `[name]` noted earlier replaced by what was noted."""
    return NOTED.sub(lambda found: noted.get(found[1], found[0]), text)


def cell(value: Any) -> str:
    """A JSON value as a spec table shows it: `-` for nothing, partners as a list
    (with their standing unless active), other lists (of contributions or
    programmes) as their items."""
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(
            str(p)
            if not isinstance(p, dict)
            else p["partner"]
            if p["standing"] == "active"
            else f"{p['partner']} ({p['standing']})"
            for p in value
        )
    return str(value)


def as_table(views: list[View], header: list[str]) -> list[list[str]]:
    """The views as rows under a header of field names (spaces for underscores).

    A field that a view does not have shows as `-`; each must be in some view."""
    keys = [name.replace(" ", "_") for name in header]
    assert all(any(key in view for view in views) for key in keys), header
    return [header, *([cell(view.get(key)) for key in keys] for view in views)]


def as_fields(view: View, datatable: list[list[str]]) -> list[list[str]]:
    """The view's values for the fields named in the first column of a table."""
    return [[name, cell(view[name.replace(" ", "_")])] for name, _ in datatable]


def part(membership: View | None) -> str:
    """A partner's part in a mission as `missions partners` shows it, `-` if none:
    its role, its standing unless active, and what it supplies, if anything."""
    if membership is None:
        return "-"
    shown = str(membership["role"])
    if membership["standing"] != "active":
        shown += f", {membership['standing']}"
    if membership["contributions"]:
        shown += f" ({'; '.join(membership['contributions'])})"
    return shown


def printed(typed: Typed) -> Any:
    """The JSON a typed command printed, once sure that it worked."""
    return json.loads(succeeded(typed.result).stdout)


#: The fields of a status that say what was surely true on its day.
SETTLED = [
    "mission",
    "status",
    "since",
    "by_party",
    "last_change",
    "target_launch",
    "partners",
    "milestones",
    "programmes",
    "facts",
    "sources",
]


def comparable(views: list[View], fields: list[str] | None = None) -> list[View]:
    """Views cut down to some fields (all but `known_at` if none are named)."""
    return [
        {
            key: value
            for key, value in view.items()
            if (key in fields if fields else key != "known_at")
        }
        for view in views
    ]


def names(listed: str) -> list[str]:
    """Field names listed in words: `a, b and c`."""
    return [name.replace(" ", "_") for name in re.split(r", | and ", listed)]
