"""Printing results: aligned tables for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from adapters.readmodel.tables import Skipped

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


def printable(text: str) -> str:
    """Text as a terminal shows it, and nothing more: control characters (an
    escape sequence in a summary, a bell, a carriage return, a line break, a mark
    that reverses the text after it) written as escapes such as `\\x1b`."""
    return text if text.isprintable() else text.translate(_ESCAPES)


#: Each control character (C0, DEL and C1) and each invisible mark that reorders
#: the text around it (bidirectional controls), as Python writes it in a string.
_ESCAPES = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (
        *range(0x20),
        *range(0x7F, 0xA0),
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Rows under upper-case headers, in columns aligned by padding; what the
    cells hold is shown as text (`printable`)."""
    cells = [[str(h).upper() for h in headers]]
    cells += [["" if v is None else printable(str(v)) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in cells
    )


def skipped_note(skipped: Sequence[Skipped]) -> str:
    """The one line that says an answer left out events that do not count: the
    first, by its id, mission and version, and why; how many, if more."""
    first = skipped[0]
    event = f"event {first.event[:8]}" if first.event else "an event"
    where = f"{event} ({first.mission} version {first.version})"
    if len(skipped) > 1:
        where = f"{len(skipped)} events, the first {where}"
    return printable(f"missions: skipped {where}: {first.why}; run `missions verify`")
