"""The `timeline` command: every mission's statuses and changes over time, as a
picture (HTML, SVG or PNG) or as text."""

from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from adapters.errors import InputError
from cli.completion import complete_missions
from cli.options import range_options
from cli.output import colour_option, wants_colour
from cli.queries import asked as asked_of
from cli.queries import known_at_option, reported_as, reported_option, say_undated

if TYPE_CHECKING:
    from adapters.picture.spans import Drawing

#: What `--out` can write, by the file's ending.
ENDINGS = (".html", ".svg", ".png")


@click.command()
@range_options(required=False)
@click.option(
    "--mission",
    "missions",
    multiple=True,
    metavar="MISSION",
    shell_complete=complete_missions,
    help="Only this mission (repeatable; default all).",
)
@known_at_option
@reported_option
@click.option(
    "--out",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Draw the picture into FILE: .html, .svg or .png (default: text).",
)
@click.option(
    "--force", is_flag=True, help="With --out: replace a file not drawn by timeline."
)
@colour_option
@click.pass_context
def timeline(
    ctx: click.Context,
    start: str | None,
    end: str | None,
    missions: tuple[str, ...],
    known_at: str | None,
    reported: str | None,
    out: Path | None,
    force: bool,
    colour: str,
) -> None:
    """Each mission's statuses and changes over the world's time.

    Without --out, a few lines a mission. With --out, a picture: one row a
    mission, its statuses as coloured bands, its changes as markers (hover one
    for its date, summary and source); an .html page lists the changes too.
    """
    from adapters.dates import parse_day, parse_instant
    from adapters.picture.spans import Drawing, row_of, window_between

    if out is not None and out.suffix.lower() not in ENDINGS:
        raise InputError(
            f"cannot draw {click.format_filename(out.name)!r}:"
            " --out takes a file ending in .html, .svg or .png"
        )
    if out is not None:
        _refuse_to_replace(out, force)
    first = parse_day(start) if start else None
    last = parse_day(end) if end else None
    instant = parse_instant(known_at) if known_at else None
    today = datetime.now(tz=UTC).date()
    answers, named = asked_of(ctx, reported, missions)
    missions = tuple(named)
    say_undated(reported_as(ctx, reported, named or None))
    days = answers.timeline_days(missions, instant)
    window = window_between(days, first, last, today)
    labels = answers.timeline_names(missions, instant) if out is not None else []
    told = answers.each_timeline(missions, instant)
    with closing(told):  # its transaction ends even if drawing fails
        drawing = Drawing(window, instant, (row_of(m, window) for m in told))
        if out is None:  # told a mission at a time
            from cli.output import echo_lines
            from cli.text import timeline_lines

            coloured = wants_colour(colour)
            echo_lines(timeline_lines(drawing, colour=coloured), color=coloured)
            return
        zoom = _draw(out, drawing, labels)
    smaller = (
        ""
        if zoom >= 1
        else f", drawn at {zoom:.0%} of its size to keep it in memory (its .svg"
        " is full size; --mission, --from and --to draw less)"
    )
    click.echo(
        f"Wrote {click.format_filename(out)}{_through_links(out)}{smaller}.", err=True
    )


def _refuse_to_replace(out: Path, force: bool) -> None:
    """Refuse what cannot be drawn into (a link, a folder, a block device or a
    socket), and a file that `timeline` did not draw, unless forced; a FIFO or a
    character device is drawn into, never replaced."""
    from adapters.files import FileRefused, check_output
    from adapters.picture.signature import is_signed

    if not check_output(out) and out.is_file() and not force and not is_signed(out):
        raise FileRefused(
            f"'{out}' exists and was not drawn by `missions timeline`: give --force"
            " to replace it, or choose another name"
        )


def _through_links(out: Path) -> str:
    """Where the file went, if a symbolic link on the way led elsewhere."""
    real = out.resolve()
    return "" if real == out.absolute() else f" (that is {real}: a link led there)"


def _draw(out: Path, drawing: Drawing, labels: list[str]) -> float:
    """Draw the file, a row at a time as the rows are read, and put it in place
    whole once it is drawn (a PNG is drawn from its SVG, in memory); the zoom
    it is drawn at."""
    from adapters.files import write_file, writing
    from adapters.picture.signature import Signing, signed

    ending = out.suffix.lower()
    if ending == ".png":
        from adapters.picture.chart import png, svg_document

        drawn, zoom = png(*svg_document(drawing, labels, still=True))
        write_file(out, signed(drawn))
        return zoom
    with writing(out) as handle:
        if ending == ".html":
            from adapters.picture.chartpage import write_page

            write_page(Signing(handle), drawing, labels)
        else:
            from adapters.picture.chart import write_svg

            write_svg(Signing(handle), drawing, labels)
    return 1.0


#: The commands of this module, added to the group by cli.main.
COMMANDS = (timeline,)
