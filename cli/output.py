"""Printing results: aligned tables for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cli.choices import Choice

if TYPE_CHECKING:
    from adapters.readmodel.tables import Skipped

F = TypeVar("F", bound=Callable[..., Any])


def json_option(command: F) -> F:
    """Add `--json` to a command."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)


def colour_option(command: F) -> F:
    """Add `--color auto|always|never` to a command."""
    return click.option(
        "--color",
        "colour",
        type=Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the output: auto is on a terminal only, unless $NO_COLOR is"
        " set or $TERM is dumb.",
    )(command)


def wants_colour(choice: str) -> bool:
    """Whether to colour: as `--color` says, and for auto, on a terminal that
    can show it, unless $NO_COLOR (https://no-color.org) is set."""
    import os
    import sys

    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def counted(count: int, noun: str) -> str:
    """A count and its noun, as it reads: "1 event", "2 events"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def echo_json(value: Any) -> None:
    """Print a value as indented JSON."""
    import orjson

    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


#: Values of a stream written at once.
_LINES = 500


def echo_json_list(values: Iterable[Any]) -> None:
    """Print values as an indented JSON list, as `echo_json` prints a list, each
    value written as soon as it comes (a long list is never held whole); the
    values are closed at the end (`closed_at_end`)."""
    with closed_at_end(values):
        echo_lines(_json_list_lines(values))


def _json_list_lines(values: Iterable[Any]) -> Iterator[str]:
    """The lines of an indented JSON list of `values` (each value's lines as
    one, its comma added once the next value comes)."""
    import orjson

    told: str | None = None
    for value in values:
        yield "[" if told is None else f"{told},"
        dumped = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
        told = "  " + dumped.replace("\n", "\n  ")
    if told is None:
        yield "[]"
    else:
        yield told
        yield "]"


def echo_lines(lines: Iterable[str], color: bool | None = None) -> None:
    """Print lines as they come, a few hundred at once; the lines are closed at
    the end (`closed_at_end`)."""
    with closed_at_end(lines):
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == _LINES:
                click.echo("\n".join(chunk), color=color)
                chunk.clear()
        if chunk:
            click.echo("\n".join(chunk), color=color)


def echo_ndjson(values: Iterable[Any]) -> None:
    """Print values as newline-delimited JSON, one a line, a few hundred lines
    written at once; the values are closed at the end (`closed_at_end`)."""
    import orjson

    with closed_at_end(values):
        echo_lines(orjson.dumps(value).decode() for value in values)


@contextmanager
def closed_at_end(values: Iterable[Any]) -> Iterator[None]:
    """Where a stream is read: if it is a generator, it is closed when the
    reading ends, however it ends (the output closed early, as by `| head -1`;
    Ctrl-C; an error). A stream read in a store's transaction so ends it at
    once, while the store is open, rather than when it is collected, perhaps
    at exit, after the store is closed, where ending it fails."""
    try:
        yield
    finally:
        if isinstance(values, Generator):
            values.close()


def printable(text: str) -> str:
    """Text as a terminal shows it, and nothing more: every control and format
    character (Unicode categories Cc and Cf: an escape sequence in a summary, a
    bell, a line break, a mark that reverses or reorders the text after it) and
    the line and paragraph separators, written as escapes such as `\\x1b`."""
    if text.isprintable():
        return text
    import unicodedata

    return "".join(
        _escaped(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in text
    )


#: The categories escaped: controls, formats, and line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _escaped(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    margin: int = 0,
    weights: Sequence[int] | None = None,
    fit: bool = True,
) -> str:
    """Rows under upper-case headers, in columns aligned by padding; what the
    cells hold is shown as text (`printable`). On a terminal, or with $COLUMNS
    set, the long columns are cut to fit its width (less a `margin` the rows
    will be indented by), sharing it by their `weights` (`fitted`), each cut
    cell ending in an ellipsis; unless not to `fit`."""
    cells = [[str(h).upper() for h in headers]]
    cells += [["" if v is None else printable(str(v)) for v in row] for row in rows]
    room = output_width() if fit else None
    natural = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    widths = natural if room is None else fitted(natural, room - margin, weights)
    return "\n".join(
        "  ".join(
            _cut(cell, width).ljust(width)
            for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in cells
    )


#: How columns are cut until a row fits: those wider than `LONG` (texts: a change,
#: a summary, the partners) share the room left by the others, none cut below
#: `NARROWEST`; then every column down to it, then every column but the first
#: down to `LEAST`.
NARROWEST, LONG, LEAST = 10, 30, 5


def fitted(
    widths: list[int], room: int, weights: Sequence[int] | None = None
) -> list[int]:
    """The widths of columns so that a row fits `room` (the output's width). The
    long columns share what the others leave them, in proportion to their
    `weights` (1 each unless given): each is cut to its share (one that needs
    less keeps its own), so that no text is cut to nothing while another stays
    whole. A table too wide even then runs over."""
    fitted = _shared(widths, room, weights or [1] * len(widths))
    every = list(range(len(widths)))
    rest = every[1:]  # the first column names the row: cut last
    for candidates, floor in ((every, NARROWEST), (rest, LEAST)):
        while sum(fitted) + 2 * (len(fitted) - 1) > room:
            widest = max(candidates, key=lambda i: fitted[i], default=None)
            if widest is None or fitted[widest] <= floor:
                break
            over = sum(fitted) + 2 * (len(fitted) - 1) - room
            fitted[widest] = max(floor, fitted[widest] - over)
    return fitted


def _shared(widths: list[int], room: int, weights: Sequence[int]) -> list[int]:
    """`widths`, the long columns cut to their shares, if the row is too wide:
    the widest shares that let the row fit, none below `NARROWEST`."""
    if sum(widths) + 2 * (len(widths) - 1) <= room:
        return list(widths)
    # The long columns, those that need least for their weight first.
    long = sorted(
        (i for i, w in enumerate(widths) if w > LONG),
        key=lambda i: widths[i] / weights[i],
    )
    left = room - 2 * (len(widths) - 1) - sum(w for w in widths if w <= LONG)
    shared = list(widths)
    for done, index in enumerate(long):
        unit = left / sum(weights[i] for i in long[done:])
        if widths[index] <= unit * weights[index]:
            left -= widths[index]
            continue
        for other in long[done:]:
            shared[other] = max(NARROWEST, int(unit * weights[other]))
        break
    return shared


def output_width() -> int | None:
    """How wide the output is: $COLUMNS if set, else the terminal's width on a
    terminal, else unbounded (None): a file or a pipe gets whole rows."""
    import os
    import shutil
    import sys

    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[: width - 1] + "…"


def skipped_note(skipped: Sequence[Skipped]) -> str:
    """The one line that says an answer left out events that do not count: the
    first, by its id, mission and version, and why; how many, if more."""
    first = skipped[0]
    event = f"event {first.event[:8]}" if first.event else "an event"
    where = f"{event} ({first.mission} version {first.version})"
    if len(skipped) > 1:
        where = f"{len(skipped)} events, the first {where}"
    return printable(f"missions: skipped {where}: {first.why}; run `missions verify`")
