"""What a command works on: the tracker or the reader of the store chosen by
`--store`, opened on first use and closed when the command ends."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from adapters.errors import InputError
from adapters.files import FileRefused

if TYPE_CHECKING:
    from adapters.eventstore.reported import Reported
    from adapters.eventstore.tracker import MissionTracker
    from adapters.readmodel.reader import Reader

T = TypeVar("T")


def tracker(ctx: click.Context) -> MissionTracker:
    """The tracker on the store chosen by --store, opened on first use."""
    from adapters.eventstore.tracker import MissionTracker

    root = ctx.find_root()
    opened = root.meta.get("tracker")
    if opened is None:
        opened = _open(ctx, MissionTracker)
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

        found, close = _open(ctx, open_reader)
        if sys.stderr.isatty():
            found.progress = catching_up
        root.meta["reader"] = found
        root.call_on_close(close)
    return found


def reported(ctx: click.Context, value: str) -> Reported:
    """The store chosen by --store as reported by the day `value` (--reported),
    made on first use and let go when the command ends."""
    from adapters.dates import parse_day
    from adapters.eventstore.reported import reported_by

    root = ctx.find_root()
    found: Reported | None = root.meta.get("reported")
    if found is None:
        day = parse_day(value)
        found = reported_by(tracker(ctx).reader, day)
        root.meta["reported"] = found
        root.call_on_close(found.close)
    return found


def catching_up(read: int, total: int) -> None:
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


def served_store(ctx: click.Context) -> str:
    """The store chosen by --store, opened and closed again to be sure it can be
    served (read-only, as others write it)."""
    from adapters.web.store import Served

    opened = _open(ctx, lambda url, read_only: Served.open(url))
    opened.close()
    return opened.url


#: The commands that write, and so may make the store they write to: a question
#: asked of a store that does not exist is refused.
WRITING = frozenset(
    {"seed", "add", "register", "record", "correct", "retract", "cite", "import"}
)  # `add` is also `partner add`


def _open(ctx: click.Context, opener: Callable[..., T]) -> T:
    from adapters.eventstore.stores import default_store, display, missing_store

    url = ctx.find_root().obj or default_store()
    missing = missing_store(url)
    if missing is not None and ctx.command.name not in WRITING:
        raise click.ClickException(
            f"no store at {click.format_filename(missing)}: run `missions seed` to"
            " make one with the built-in facts, or choose one with --store"
        )
    if missing is not None:
        MADE.append(url)
    read_only = bool(ctx.find_root().meta.get("read_only"))
    try:
        opened = opener(url, read_only=read_only)
    except (InputError, FileRefused):
        raise
    except Exception as error:  # never show a password, nor a traceback
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise click.ClickException(
            f"cannot open store {display(url)}: {first}"
        ) from None
    _say_replaced(opened)
    return opened


#: The stores that a writing command made, as it named them (they did not exist).
MADE: list[str] = []


def unmake_what_was_made() -> None:
    """Take away, once the command has failed and its store is closed, the store
    it made, if it holds no event: refused, it leaves nothing behind."""
    from adapters.eventstore.stores import unmake

    while MADE:
        url = MADE.pop()
        with contextlib.suppress(Exception):  # left as it is: the error is told
            unmake(url)


def _say_replaced(opened: Any) -> None:
    """Say, once, that the read model was of an older tracker's making, and is
    being built again from the events."""
    from adapters.readmodel.recorders import NONE_FOUND

    found = opened[0] if isinstance(opened, tuple) else opened
    view = found.reader.view if hasattr(found, "reader") else found.view
    if view.replaced_form == NONE_FOUND:
        click.echo(
            "The store has no read model (an earlier version of missions wrote"
            " it): it is built from the events.",
            err=True,
        )
    elif view.replaced_form is not None:
        click.echo(
            "The read model was made by another version of missions: it is built"
            " again from the events.",
            err=True,
        )
    view.replaced_form = None


def caught_up(ctx: click.Context, written: str) -> None:
    """Bring the read model up to date after a write that is committed. If it
    cannot, say exactly what was written: a plain error would read as nothing
    written, and invite a retry that records it twice."""
    try:
        tracker(ctx).catch_up()
    except Exception as error:  # whatever it was, the events stand
        first = str(error).splitlines()[0] if str(error) else ""
        raise click.ClickException(
            f"{written}, but the read model could not take it in"
            f" ({type(error).__name__}: {first}); do not record it again:"
            " the next command brings the read model up to date, and"
            " `missions verify` checks the store"
        ) from None
