"""Commands that record facts: register, record, seed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from cli.main import cli, tracker
from cli.output import echo_json, json_option
from domain.vocabulary import KINDS, Role, Standing, Status

F = TypeVar("F", bound=Callable[..., Any])


def report_options(command: F) -> F:
    """The date, the source and the words of a fact."""
    options = [
        click.option(
            "--on",
            "on",
            required=True,
            metavar="EDTF",
            help="When it happened: 2022-02-28, 2021-06, 2022, 2030/2033, 2026?",
        ),
        click.option(
            "--source",
            required=True,
            metavar="TEXT",
            help="Who reported it: the publication or body.",
        ),
        click.option("--source-title", metavar="TEXT", help="The title of the report."),
        click.option("--source-author", metavar="TEXT", help="The report's author."),
        click.option(
            "--source-date", metavar="DATE", help="When the report was published."
        ),
        click.option(
            "--source-url", metavar="URL", help="Where the report can be read."
        ),
        click.option(
            "--summary", metavar="TEXT", help="One sentence, in our own words."
        ),
        click.option("--quote", metavar="TEXT", help="A short quote (under 25 words)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


_BLANK = {
    "source": "say who reported it, e.g. 'ESA, 17 March 2022'",
    "summary": "write one sentence in our own words, or leave --summary out",
    "quote": "give the quote, or leave --quote out",
}


def _report(kwargs: dict[str, Any]) -> Any:
    from adapters.dates import parse_day, parse_edtf
    from adapters.errors import InputError
    from domain.events import Source
    from domain.mission import Report

    for option in ("source", "summary", "quote"):
        value = kwargs[option]
        if value is not None and not value.strip():
            raise InputError(f"--{option} is empty; {_BLANK[option]}")
    source = kwargs.pop("source").strip()
    published = kwargs.pop("source_date")
    return Report(
        occurred=parse_edtf(kwargs.pop("on")),
        source=Source(
            publication=source,
            title=kwargs.pop("source_title"),
            author=kwargs.pop("source_author"),
            published=parse_day(published) if published else None,
            url=kwargs.pop("source_url"),
        ),
        summary=_stripped(kwargs.pop("summary")),
        quote=_stripped(kwargs.pop("quote")),
    )


def _stripped(value: str | None) -> str | None:
    return value.strip() if value is not None else None


def _choice(enum: type[Status] | type[Role] | type[Standing]) -> click.Choice[str]:
    return click.Choice([member.value for member in enum], case_sensitive=False)


@cli.command()
@click.argument("mission")
@click.argument("kind", type=click.Choice(KINDS), metavar="KIND")
@report_options
@click.option("--status", type=_choice(Status), help="status-changed: the new status.")
@click.option("--partner", metavar="SLUG", help="The partner concerned, e.g. esa.")
@click.option("--role", type=_choice(Role), help="partner-joined, partner-replaced.")
@click.option("--standing", type=_choice(Standing), help="The partner's standing.")
@click.option("--by", metavar="SLUG", help="partner-replaced: the partner taking over.")
@click.option("--target", metavar="EDTF", help="launch-target-changed: e.g. 2028.")
@json_option
@click.pass_context
def record(
    ctx: click.Context, /, mission: str, kind: str, as_json: bool, **kwargs: Any
) -> None:
    """Record a dated fact about a mission, e.g. a status change.

    \b
    KIND and its options:
      status-changed            --status
      partner-joined            --partner --role [--standing, default active]
      partner-withdrawn         --partner
      partner-replaced          --partner --by [--role, default the old one's]
                                [--standing, default active]
      partner-standing-changed  --partner --standing
      launch-target-changed     --target EDTF
      noted                     --summary (required)
    """
    from adapters.views import event_view

    report = _report(kwargs)
    event = tracker(ctx).record(mission, kind, report, kwargs)
    view = event_view(tracker(ctx).resolve(mission), event)
    if as_json:
        echo_json(view)
    else:
        click.echo(
            f"Recorded {view['kind']} for {view['mission']} on {view['occurred']}"
            f" as event {view['id'][:8]} (version {view['version']})."
        )


@cli.command()
@click.argument("slug")
@click.option("--name", required=True, help="The display name, e.g. Venera-D.")
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    metavar="NAME",
    help="Another name people use (repeatable).",
)
@report_options
@click.pass_context
def register(
    ctx: click.Context, /, slug: str, name: str, aliases: tuple[str, ...], **kwargs: Any
) -> None:
    """Start tracking a new mission or programme."""
    event = tracker(ctx).register(slug, name, aliases, _report(kwargs))
    click.echo(f"Registered {event.name} as {event.slug}.")


@cli.command()
@click.pass_context
def seed(ctx: click.Context) -> None:
    """Record the facts of the SpaceNews article of 1 March 2022."""
    from adapters.seed import seed_article

    added, total = seed_article(tracker(ctx))
    if added:
        click.echo(f"Recorded {added} of {total} facts from the article.")
    else:
        click.echo(
            f"Nothing to add: all {total} facts from the article are already recorded."
        )
