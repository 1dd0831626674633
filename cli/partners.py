"""Commands about partners, which are data: `partner add` and `partner list`."""

from __future__ import annotations

from typing import Any

import click

from cli.choices import Choice
from cli.completion import complete_partners
from cli.context import caught_up, reader, tracker
from cli.groups import HelpfulGroup
from cli.options import source_of, source_options, text_of
from cli.output import echo_json, json_option, printable, table
from domain.vocabulary import PartnerKind


@click.group(cls=HelpfulGroup)
def partner() -> None:
    """The partners the tracker knows: agencies, countries, companies, institutes."""


@partner.command("add")
@click.argument("slug")
@click.option("--name", required=True, help="The display name, e.g. Pakistan.")
@click.option(
    "--kind",
    "kind",
    required=True,
    type=Choice([k.value for k in PartnerKind], case_sensitive=False),
    help="What kind of body it is.",
)
@click.option("--country", metavar="CC", help="Its country, ISO 3166 (e.g. PK).")
@click.option(
    "--via",
    metavar="PARTNER",
    shell_complete=complete_partners,
    help="The body it takes part through (e.g. suparco).",
)
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    metavar="NAME",
    help="Another name (repeatable).",
)
@source_options(required=True)
@click.option("--summary", metavar="TEXT", help="One sentence, in our own words.")
@json_option
@click.pass_context
def add(
    ctx: click.Context,
    /,
    slug: str,
    name: str,
    kind: str,
    country: str | None,
    via: str | None,
    aliases: tuple[str, ...],
    as_json: bool,
    **kwargs: Any,
) -> None:
    """Make a partner known, so that facts can name it."""
    from adapters.eventstore.partners import partner_of
    from adapters.eventstore.registration import checked_partner
    from domain.registry import add_partner

    source = source_of(kwargs)
    summary = text_of(kwargs, "summary")
    known = tracker(ctx).partner_registry()
    slug, name, country, aliases = checked_partner(slug, name, country, aliases)
    event = add_partner(
        slug,
        name,
        PartnerKind(kind.lower()),
        source,
        country=country,
        via=known.resolve(via) if via is not None else None,
        aliases=aliases,
        summary=summary,
    )
    tracker(ctx).add_partner(event)
    written = f"Added {event.name} as partner {event.slug}"
    caught_up(ctx, printable(written))  # the next question starts at once
    if as_json:
        echo_json(partner_of(event).view())
    else:
        click.echo(printable(f"Added {event.name} as partner {event.slug}."))


@partner.command("list")
@json_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """Every partner known, by slug."""
    partners = reader(ctx).registry().listed()
    if as_json:
        echo_json([p.view() for p in partners])
        return
    rows = (
        [p.partner, p.name, p.kind, p.country or "", p.via or "", ", ".join(p.aliases)]
        for p in partners
    )
    click.echo(table(["partner", "name", "kind", "country", "via", "aliases"], rows))


#: The commands of this module, added to the group by cli.main.
COMMANDS = (partner,)
