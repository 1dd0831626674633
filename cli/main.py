"""The `missions` command group, its global options and its error handling; the
commands, each defined in a module of its own kind, are added to it here."""

from __future__ import annotations

import gc
import io
import sys
from typing import Any, NoReturn

import click

from adapters.errors import InputError, invalid
from adapters.files import FileRefused
from cli import (
    docs,
    exchange,
    packs,
    partners,
    queries,
    recording,
    serve,
    store,
    timeline,
)
from cli.groups import HelpfulGroup
from cli.output import counted
from domain.errors import DomainError

#: The options that show a command's help, everywhere.
HELP = ["-h", "--help"]
#: The exit code of a command interrupted (Ctrl-C), as shells give it: 128 + SIGINT.
INTERRUPTED = 130


class Interrupted(Exception):
    """Ctrl-C, carried past click, which would otherwise print a blank line."""


class Refused(click.UsageError):
    """Input the tracker refused: its message says what would be right."""


def _hint(error: click.ClickException) -> str:
    """Where to read more, after a usage error in click's own words (a missing
    argument, an unknown option), which say what is wrong but not what is right."""
    if not isinstance(error, click.UsageError) or isinstance(error, Refused):
        return ""
    return f" Try '{error.ctx.command_path} --help'." if error.ctx else ""


class ClosedEarly(Exception):
    """The output's reader went away, carried past click, which would exit 1."""


class MissionsGroup(HelpfulGroup):
    """Reports every error as one line on stderr: exit 2 for bad usage, 130 when
    interrupted, else 1; ends quietly when its output is closed early."""

    def invoke(self, ctx: click.Context) -> Any:
        """Turn the tracker's errors into click's; say, once, if the answer left
        out stored events that do not count."""
        try:
            return super().invoke(ctx)
        except InputError as error:
            raise Refused(str(error), ctx) from None
        except (DomainError, FileRefused) as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            raise Interrupted from None
        except BrokenPipeError as error:
            _let_go(error)
            raise ClosedEarly from None
        except Exception as error:
            # pydantic's, for an event built from what was typed (pydantic is not
            # imported to find out: a command that needs none starts faster).
            if type(error).__name__ != "ValidationError":
                raise
            raise Refused(invalid(error), ctx) from None
        finally:
            _say_how_answered(ctx.find_root())

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Run, and exit with one line on stderr if anything goes wrong."""
        from cli.context import MADE

        MADE.clear()  # what an earlier run in this process made is not this one's
        kwargs["standalone_mode"] = False
        try:
            super().main(*args, **kwargs)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as error:
            hint = _hint(error)
            message = error.format_message()
            if hint and not message.endswith((".", "?")):
                message += "."
            _fail(message + hint, error.exit_code)
        except (click.Abort, Interrupted, KeyboardInterrupt):
            _fail("interrupted; what was not finished was not written", INTERRUPTED)
        except (BrokenPipeError, ClosedEarly):
            _closed_early()
        except Exception as error:  # the store's own errors, never a traceback
            _fail(f"{type(error).__name__}: {error}", 1)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _closed_early()
        sys.exit(0)


def _let_go(error: BaseException) -> None:
    """Let go of what the command's frames still held when its output closed
    (they are kept by the error's traceback until exit): a stream read in a
    store's transaction, suspended where the output closed, so ends now, while
    the store is open, and not at exit, after the store is closed, where ending
    it fails and Python prints "Exception ignored in: <generator ...>"."""
    import traceback

    traceback.clear_frames(error.__traceback__)


def _closed_early() -> NoReturn:
    """The reader of the output went away (`missions export | head -1`): end
    quietly and successfully, as ripgrep does, with nothing on stderr."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush goes there
    sys.exit(0)


def _say_how_answered(root: click.Context) -> None:
    """One line on stderr if the tracker or the reader met events that do not
    count, and one if a read-only store's read model lags behind its events
    (they keep what they met: nothing is read here)."""
    from cli.output import skipped_note

    opened = root.meta.get("tracker")
    found = opened.skipped() if opened is not None else []
    if opened is None and root.meta.get("reader") is not None:
        found = root.meta["reader"].skipped
    if found:
        click.echo(skipped_note(found), err=True)
    reader = opened.reader if opened is not None else root.meta.get("reader")
    if reader is not None and reader.behind:
        click.echo(
            "The store is read-only, and its read model is"
            f" {counted(reader.behind, 'event')}"
            " behind them: the answer is as of its last update.",
            err=True,
        )


def _fail(message: str, code: int) -> NoReturn:
    from cli.context import unmake_what_was_made
    from cli.output import printable

    unmake_what_was_made()

    click.echo(printable(f"Error: {' '.join(message.split())}"), err=True)
    sys.exit(code)


@click.group(
    "missions", cls=MissionsGroup, context_settings={"help_option_names": HELP}
)
@click.version_option(package_name="missions")
@click.option(
    "--store",
    envvar="MISSIONS_STORE",
    metavar="URL",
    help="A file path; sqlite:///RELATIVE/PATH or sqlite:////ABSOLUTE/PATH (as"
    " SQLAlchemy reads them); memory: (a throwaway store); or"
    " postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?schema=NAME]. Default:"
    " missions.db in the user's data directory. Also $MISSIONS_STORE.",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Open the store only to read it, as a store that cannot be written is:"
    " questions are answered from its read model as it stands; writes are refused.",
)
@click.pass_context
def cli(ctx: click.Context, store: str | None, read_only: bool) -> None:
    """Track space missions and their partnerships, as they change over time."""
    ctx.obj = store
    ctx.meta["read_only"] = read_only


#: How many allocations, less deallocations, between collections of the youngest
#: objects, and how many of those between collections of the older ones. A
#: command lives for a moment and builds many objects, few of them in cycles:
#: Python's default (700, 10, 10) costs a third of `record`'s time on a mission of
#: 20,000 events, in collections that find next to nothing.
COLLECTIONS = (50_000, 20, 100)


def main() -> NoReturn:
    """The console script."""
    gc.set_threshold(*COLLECTIONS)
    for stream in (sys.stdout, sys.stderr):  # what the output cannot encode: escaped
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    cli.main(prog_name="missions")


@cli.command("help")
@click.argument("command", required=False, metavar="[COMMAND]")
@click.pass_context
def help_command(ctx: click.Context, command: str | None) -> None:
    """Show the help of missions, or of one of its commands."""
    root = ctx.find_root()
    group = root.command
    assert isinstance(group, click.Group)
    if command is None:
        click.echo(root.get_help())
        return
    found = group.get_command(root, command)
    if found is None:
        from adapters.eventstore.names import closest, name_key

        hint = closest(command, {name_key(n): n for n in group.commands}, 0.6)
        said = f"; did you mean: {', '.join(hint)}?" if hint else ""
        raise InputError(f"no such command {command!r}{said}")
    with click.Context(found, info_name=command, parent=root) as inner:
        click.echo(found.get_help(inner))


_MODULES = (docs, exchange, packs, partners, queries, recording, serve, store, timeline)
for _module in _MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)
