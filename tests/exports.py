"""What the tests of export and import share: running a command on a store, filling
a store with the article and a few facts of the spring of 2022, its export parsed,
and import files written from such lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from click.testing import CliRunner, Result

from cli.main import cli


def missions(store: str, *args: str, stdin: bytes | None = None) -> Result:
    """`missions --store STORE ARGS...`, in-process."""
    return CliRunner().invoke(cli, ["--store", store, *args], input=stdin)


def fill(store: str) -> None:
    """The article's facts and a few of the spring of 2022, with a correction."""
    assert missions(store, "seed", "--only", "article").exit_code == 0
    recorded = missions(
        store,
        "record",
        "exomars",
        "status-changed",
        "--status",
        "suspended",
        "--on",
        "2022-03-07",
        "--source",
        "ESA",
        "--json",
    )
    assert recorded.exit_code == 0, recorded.output
    event = orjson.loads(recorded.stdout)["id"]
    assert missions(store, "correct", event[:8], "--on", "2022-03-17").exit_code == 0
    joined = missions(
        store,
        "record",
        "luna-27",
        "partner-joined",
        "--partner",
        "esa",
        "--role",
        "contributor",
        "--on",
        "../2022-04-13",
        "--source",
        "ESA",
    )
    assert joined.exit_code == 0, joined.output


def exported_lines(store: str) -> list[dict[str, Any]]:
    """`missions export` of a store, each line parsed."""
    return [
        orjson.loads(x) for x in missions(store, "export").stdout_bytes.splitlines()
    ]


def write_lines(path: Path, lines: list[dict[str, Any]]) -> Path:
    """An import file of those lines."""
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    return path
