"""Printing results: aligned tables for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def json_option(command: F) -> F:
    """Add `--json` to a command."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)


def echo_json(value: Any) -> None:
    """Print a value as indented JSON."""
    import orjson

    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def echo_ndjson(values: Iterable[Any]) -> None:
    """Print values as newline-delimited JSON, one a line."""
    import orjson

    for value in values:
        click.echo(orjson.dumps(value).decode())


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Rows under upper-case headers, in columns aligned by padding."""
    cells = [[str(h).upper() for h in headers]]
    cells += [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in cells
    )
