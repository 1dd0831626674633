"""The `missions` command group, its global options and its error handling."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from adapters.errors import InputError
from adapters.files import FileRefused
from domain.errors import DomainError

if TYPE_CHECKING:
    from adapters.eventstore.tracker import MissionTracker
    from adapters.readmodel.reader import Reader

T = TypeVar("T")


class MissionsGroup(click.Group):
    """Reports every error as one line on stderr: exit 2 for bad usage, else 1."""

    def invoke(self, ctx: click.Context) -> Any:
        """Turn the tracker's errors into click's; say, once, if the answer left
        out stored events that do not count."""
        try:
            return super().invoke(ctx)
        except InputError as error:
            raise click.UsageError(str(error), ctx) from None
        except (DomainError, FileRefused) as error:
            raise click.ClickException(str(error)) from None
        finally:
            _say_skipped(ctx.find_root())

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Run, and exit with one line on stderr if anything goes wrong."""
        kwargs["standalone_mode"] = False
        try:
            super().main(*args, **kwargs)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except click.Abort:
            _fail("aborted", 1)
        except Exception as error:  # the store's own errors, never a traceback
            _fail(f"{type(error).__name__}: {error}", 1)
        sys.exit(0)


def _say_skipped(root: click.Context) -> None:
    """One line on stderr if the tracker or the reader met events that do not
    count (they keep what they met: nothing is read here)."""
    from cli.output import skipped_note

    opened = root.meta.get("tracker")
    found = opened.skipped() if opened is not None else []
    if opened is None and root.meta.get("reader") is not None:
        found = root.meta["reader"].skipped
    if found:
        click.echo(skipped_note(found), err=True)


def _fail(message: str, code: int) -> NoReturn:
    from cli.output import printable

    click.echo(printable(f"Error: {' '.join(message.split())}"), err=True)
    sys.exit(code)


@click.group(cls=MissionsGroup)
@click.version_option(package_name="missions")
@click.option(
    "--store",
    envvar="MISSIONS_STORE",
    metavar="URL",
    help="A file path, sqlite:///PATH or memory: (default: missions.db in the"
    " user's data directory). Also $MISSIONS_STORE.",
)
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """Track space missions and their partnerships, as they change over time."""
    ctx.obj = store


def tracker(ctx: click.Context) -> MissionTracker:
    """The tracker on the store chosen by --store, opened on first use."""
    from adapters.eventstore.tracker import MissionTracker

    root = ctx.find_root()
    opened = root.meta.get("tracker")
    if opened is None:
        opened = _open(root, MissionTracker)
        root.meta["tracker"] = opened
        root.call_on_close(opened.close)
    assert isinstance(opened, MissionTracker)
    return opened


def reader(ctx: click.Context) -> Reader:
    """What answers point-in-time questions on the store chosen by --store: only
    the read model and the events' recorders, without the event classes, so that
    a question starts quickly."""
    root = ctx.find_root()
    opened = root.meta.get("tracker")
    if opened is not None:
        return opened.reader  # type: ignore[no-any-return]
    found = root.meta.get("reader")
    if found is None:
        from adapters.readmodel.reader import open_reader

        found, close = _open(root, open_reader)
        if sys.stderr.isatty():
            found.progress = _catching_up
        root.meta["reader"] = found
        root.call_on_close(close)
    return found


def _catching_up(read: int, total: int) -> None:
    """A line on a terminal while the read model reads many new events (after an
    import, say); a small catch-up says nothing."""
    if total < _WORTH_SAYING:
        return
    line = f"\rUpdating the read model: {read} of {total} events"
    click.echo(line, err=True, nl=False)
    if read >= total:
        click.echo(err=True)


#: Events to read before a catch-up shows its progress.
_WORTH_SAYING = 10_000


def _open(root: click.Context, opener: Callable[[str], T]) -> T:
    from adapters.eventstore.stores import default_store, display

    url = root.obj or default_store()
    try:
        return opener(url)
    except InputError:
        raise
    except Exception as error:  # never show a password, nor a traceback
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise click.ClickException(
            f"cannot open store {display(url)}: {first}"
        ) from None


#: How many allocations, less deallocations, between collections of the youngest
#: objects, and how many of those between collections of the older ones. A
#: command lives for a moment and builds many objects, few of them in cycles:
#: Python's default (700, 10, 10) costs a third of `record`'s time on a mission of
#: 20,000 events, in collections that find next to nothing.
COLLECTIONS = (50_000, 20, 100)


def main() -> NoReturn:
    """The console script."""
    gc.set_threshold(*COLLECTIONS)
    cli.main(prog_name="missions")


from cli import docs, exchange, queries, recording, timeline  # noqa: E402  (commands register themselves)

__all__ = [
    "cli",
    "docs",
    "exchange",
    "main",
    "queries",
    "reader",
    "recording",
    "timeline",
    "tracker",
]
