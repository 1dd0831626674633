"""The options of the commands that record, and what they read: who reported a
fact and where (`--source` and `--source-*`), when (`--on`, `--effective`), in
what words, and the options of each kind of fact."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from cli.choices import Choice
from cli.completion import complete_missions, complete_partners
from domain.vocabulary import Milestone, Role, Standing, Status

F = TypeVar("F", bound=Callable[..., Any])

_BLANK = {
    "source": "say who reported it, e.g. 'ESA, 17 March 2022'",
    "summary": "write one sentence in our own words, or leave --summary out",
    "quote": "give the quote, or leave --quote out",
    "reason": "say why the event should not have been recorded",
}
_SOURCE_DETAILS = ("source_title", "source_author", "source_date", "source_url")


def _apply(command: F, options: list[Callable[[F], F]]) -> F:
    for option in reversed(options):
        command = option(command)
    return command


def source_options(required: bool) -> Callable[[F], F]:
    """Who reported a fact, and where."""

    def decorate(command: F) -> F:
        return _apply(
            command,
            [
                click.option(
                    "--source",
                    required=required,
                    metavar="TEXT",
                    help="Who reported it: the publication or body.",
                ),
                click.option(
                    "--source-title", metavar="TEXT", help="The report's title."
                ),
                click.option("--source-author", metavar="TEXT", help="Its author."),
                click.option("--source-date", metavar="DATE", help="When published."),
                click.option("--source-url", metavar="URL", help="Where to read it."),
            ],
        )

    return decorate


def report_options(required: bool) -> Callable[[F], F]:
    """The date, the source and the words of a fact."""

    def decorate(command: F) -> F:
        return _apply(
            command,
            [
                click.option(
                    "--on",
                    "on",
                    required=required,
                    metavar="EDTF",
                    help="When it happened, in EDTF: 2022-02-28, 2021-06, 2030/2033.",
                ),
                source_options(required),
                click.option(
                    "--summary", metavar="TEXT", help="One sentence, in our own words."
                ),
                click.option(
                    "--quote", metavar="TEXT", help="A short quote (under 25 words)."
                ),
            ],
        )

    return decorate


def effective_option(command: F) -> F:
    """When a fact takes effect, if not when it happened."""
    return click.option(
        "--effective",
        metavar="EDTF",
        help="When it takes effect, if later than --on (e.g. announced on --on).",
    )(command)


def _choice(
    enum: type[Status] | type[Role] | type[Standing] | type[Milestone],
) -> Choice:
    return Choice([member.value for member in enum], case_sensitive=False)


def kind_options(command: F) -> F:
    """The options of each kind of fact."""
    return _apply(
        command,
        [
            click.option(
                "--status", type=_choice(Status), help="status-changed: the new status."
            ),
            click.option(
                "--by-party",
                metavar="SLUG",
                shell_complete=complete_partners,
                help="Who brought it about, e.g. the partner that suspended.",
            ),
            click.option(
                "--partner",
                metavar="SLUG",
                shell_complete=complete_partners,
                help="The partner concerned, e.g. esa.",
            ),
            click.option(
                "--role", type=_choice(Role), help="partner-joined, partner-replaced."
            ),
            click.option(
                "--standing", type=_choice(Standing), help="The partner's standing."
            ),
            click.option(
                "--by",
                metavar="SLUG",
                shell_complete=complete_partners,
                help="partner-replaced: who takes over.",
            ),
            click.option(
                "--target", metavar="EDTF", help="launch-target-changed: e.g. 2028."
            ),
            click.option(
                "--vehicle", metavar="TEXT", help="launch-target-changed: the launcher."
            ),
            click.option(
                "--milestone",
                type=_choice(Milestone),
                help="milestone: the milestone reached.",
            ),
            click.option("--detail", metavar="TEXT", help="milestone: what of it."),
            click.option(
                "--contribution",
                metavar="TEXT",
                help="contribution-added, -removed: what the partner supplies.",
            ),
            click.option(
                "--programme",
                metavar="MISSION",
                shell_complete=complete_missions,
                help="programme-joined, -left: the programme (a tracked mission).",
            ),
        ],
    )


def text_of(kwargs: dict[str, Any], option: str) -> str | None:
    """A text option, stripped; refused if given but blank."""
    from adapters.errors import InputError

    value = kwargs.pop(option)
    if value is not None and not value.strip():
        raise InputError(f"--{option} is empty; {_BLANK[option]}")
    return _short_enough(option, value.strip()) if value is not None else None


def _short_enough(option: str, value: str) -> str:
    """Refuse a text longer than the event model keeps, or one it cannot keep
    (bytes that are not UTF-8 in the command line: domain.text)."""
    from adapters.errors import InputError
    from domain.events import LONG_TEXT, SHORT_TEXT
    from domain.text import unstorable

    found = unstorable(value)
    if found is not None:
        name = option.replace("_", "-")
        raise InputError(
            f"--{name} holds {found}, which no store can hold: type it as UTF-8"
        )

    limit = (
        LONG_TEXT
        if option in ("summary", "quote", "reason", "source_url")
        else SHORT_TEXT
    )
    if len(value) > limit:
        name = option.replace("_", "-")
        raise InputError(
            f"--{name} is {len(value)} characters long; keep it to {limit}"
        )
    return value


def source_of(kwargs: dict[str, Any]) -> Any:
    """The Source from --source and --source-*; None if none are given."""
    from adapters.dates import parse_day
    from adapters.errors import InputError
    from domain.events import Source

    publication = text_of(kwargs, "source")
    details = {name: kwargs.pop(name) for name in _SOURCE_DETAILS}
    for name, value in details.items():
        if value is not None and name != "source_date":
            _short_enough(name, value)
    if publication is None:
        given = [
            f"--{n.replace('_', '-')}" for n, v in details.items() if v is not None
        ]
        if given:
            raise InputError(f"{given[0]} needs --source: say who reported it")
        return None
    published = details["source_date"]
    return Source(
        publication=publication,
        title=details["source_title"],
        author=details["source_author"],
        published=parse_day(published) if published else None,
        url=details["source_url"],
    )


def report_of(kwargs: dict[str, Any]) -> Any:
    from adapters.dates import parse_edtf
    from domain.mission import Report

    source = source_of(kwargs)
    effective = kwargs.pop("effective", None)
    return Report(
        occurred=parse_edtf(kwargs.pop("on")),
        source=source,
        summary=text_of(kwargs, "summary"),
        quote=text_of(kwargs, "quote"),
        effective=parse_edtf(effective) if effective is not None else None,
    )


def not_empty(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    """Refuse an option given with nothing in it (`--at ""`): leaving it out is
    how to ask for its default."""
    if value is not None and not value.strip():
        raise click.BadParameter(
            "it is empty; give a date such as 2022-03-01, or leave the option out"
        )
    return value


def range_options(required: bool) -> Callable[[F], F]:
    """Add `--from DATE` and `--to DATE` (required, or not) to a command."""

    def add(command: F) -> F:
        said = "YYYY-MM-DD." if required else None
        for name, dest, what in (("--to", "end", "Up to"), ("--from", "start", "From")):
            command = click.option(
                name,
                dest,
                metavar="DATE",
                required=required,
                callback=not_empty,
                help=said or f"{what} this date (YYYY-MM-DD).",
            )(command)
        return command

    return add
