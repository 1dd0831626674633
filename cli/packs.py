"""Adding source packs: `add`, and `seed`, which adds the built-in ones."""

from __future__ import annotations

from typing import Any

import click

from cli.choices import Choice
from cli.context import caught_up, tracker
from cli.output import counted, echo_json, json_option, printable


@click.command()
@click.argument("file", required=False, metavar="FILE")
@click.option(
    "--dry-run", is_flag=True, help="Write nothing: show what the pack would change."
)
@click.option(
    "--replace",
    is_flag=True,
    help="Add a pack whose name is taken by a pack recorded with another source,"
    " correcting that pack's facts (their source too) as this one says.",
)
@click.option(
    "--template", is_flag=True, help="Print a commented pack to start from, and exit."
)
@json_option
@click.pass_context
def add(
    ctx: click.Context,
    /,
    file: str | None,
    dry_run: bool,
    replace: bool,
    template: bool,
    as_json: bool,
) -> None:
    """Record the facts of a source pack: one source and what it reports.

    FILE is TOML (`missions add --template` prints a commented one) or NDJSON
    fact lines. All or nothing: a pack with a bad fact adds nothing. Adding a
    pack again adds nothing; a fact edited since is corrected. A pack named as
    one recorded with another source is refused, unless --replace.
    """
    from adapters.errors import InputError
    from adapters.packs.reading import template_text

    if template:
        click.echo(template_text(), nl=False)
        return
    if file is None:
        raise InputError(
            "give the pack's FILE, or --template for a commented one to start from"
        )
    _add(ctx, file, dry_run, replace, as_json)


def _add(
    ctx: click.Context, file: str, dry_run: bool, replace: bool, as_json: bool
) -> None:
    from adapters.packs.adding import add_pack
    from adapters.packs.outcome import outcome
    from adapters.packs.reading import read_pack

    plan = add_pack(tracker(ctx), read_pack(file), dry_run=dry_run, replace=replace)
    if not dry_run:  # the next question starts at once
        caught_up(ctx, f"Added the pack {printable(file)}")
    said = outcome(plan, tracker(ctx).partner_registry().names(), dry_run)
    if as_json:
        echo_json(said)
    else:
        click.echo(printable_outcome(said))
    if not dry_run:  # a dry run lists them with the rest
        from cli.text import look_line

        for view in said["warnings"]:
            click.echo(printable(f"Warning: {look_line(view)}"), err=True)


def printable_outcome(said: dict[str, Any]) -> str:
    """What a pack added (or would add), a line each, for people."""
    would = said["dry_run"]
    counts = [
        _count(len(said["added"]), "fact", "added" if not would else "to add"),
        _count(
            len(said["partners"]),
            "partner",
            "made known" if not would else "to make known",
        ),
        _count(
            len(said["corrected"]), "fact", "corrected" if not would else "to correct"
        ),
    ]
    shown = [c for c in counts if c] or ["nothing new"]
    head = "Would add" if would else "Added"
    lines = [
        f"{head} pack {said['pack'] or said['file']}: {', '.join(shown)};"
        f" {said['unchanged']} already recorded as it says."
    ]
    lines += [f"  + partner {slug}" for slug in said["partners"]]
    lines += [
        f"  + {f['mission']}  {f['on']}  {f['kind']}  [{f['key']}]"
        for f in said["added"]
    ]
    lines += [
        f"  ~ {f['mission']}  [{f['key']}]  corrected: {', '.join(f['fields'])}"
        for f in said["corrected"]
    ]
    for mission, days in said["differences"].items():
        for day in days:
            lines.append(f"  {mission} on {day['date']}: {_differs(day)}")
    if would:
        from cli.text import look_line

        lines += [f"  ! {look_line(view)}" for view in said["warnings"]]
    return "\n".join(printable(line) for line in lines)


def _count(n: int, noun: str, done: str) -> str:
    return f"{counted(n, noun)} {done}" if n else ""


def _differs(day: dict[str, Any]) -> str:
    parts = []
    for name, said in (("status", "status"), ("target_launch", "launch target")):
        if name in day:
            was, now = day[name]["from"], day[name]["to"]
            parts.append(f"{said} {was or '-'} → {now or '-'}")
    for moved in day.get("partners", []):
        parts.append(
            f"{moved['partner']} {moved['from'] or 'not a partner'}"
            f" → {moved['to'] or 'not a partner'}"
        )
    if "milestones" in day:
        new = [m for m in day["milestones"]["to"] if m not in day["milestones"]["from"]]
        gone = [
            m for m in day["milestones"]["from"] if m not in day["milestones"]["to"]
        ]
        parts += [f"milestone {m} reached" for m in new]
        parts += [f"milestone {m} no longer reached" for m in gone]
    return "; ".join(parts)


@click.command()
@click.option(
    "--only",
    type=Choice(["article"]),
    help="Add only the article's facts (and the built-in partners).",
)
@json_option
@click.pass_context
def seed(ctx: click.Context, only: str | None, as_json: bool) -> None:
    """Add the built-in packs: the facts of the SpaceNews article of 1 March 2022
    and the built-in partners, then what happened next (2022-2024), a pack for
    each source. Adding them again adds nothing."""
    from adapters.packs.seed import (
        built_ins_redefined,
        seed_article,
        seed_follow_ups,
        seed_partners,
    )

    added, total = seed_article(tracker(ctx))
    seed_partners(tracker(ctx))  # after the article's facts, which come first
    followed = seed_follow_ups(tracker(ctx)) if only is None else None
    caught_up(ctx, "Added the built-in packs")  # the next question starts at once
    for said in built_ins_redefined(tracker(ctx)):  # kept, but not in silence
        click.echo(printable(said), err=True)
    for why in followed.refused if followed else ():  # the rest went on
        click.echo(printable(f"Left out {why}"), err=True)
    if as_json:
        echo_json(
            {
                "article": {"added": added, "facts": total},
                "follow_ups": followed._asdict() if followed else None,
            }
        )
        return
    if added:
        click.echo(f"Recorded {added} of {total} facts from the article.")
    else:
        click.echo(
            f"Nothing to add: all {total} facts from the article are already recorded."
        )
    if followed is not None:
        click.echo(_followed_line(followed))


def _followed_line(followed: Any) -> str:
    """What seeding the packs of what happened next did, in a line: the facts
    recorded, the partners made known and the facts corrected as a pack edited
    since says."""
    fixed = (
        f"{counted(followed.corrected, 'fact')} corrected as the packs now say"
        if followed.corrected
        else ""
    )
    if followed.facts or followed.partners:
        made = f"{counted(followed.partners, 'partner')} made known"
        return (
            f"Recorded {counted(followed.facts, 'fact')} from"
            f" {counted(followed.packs, 'pack')} of what happened next"
            f" ({'; '.join(part for part in (made, fixed) if part)})."
        )
    if fixed:
        return (
            f"Nothing new from the {followed.packs} packs of what happened next;"
            f" {fixed}."
        )
    return (
        f"Nothing to add from the {followed.packs} packs of what happened"
        " next: all are recorded."
    )


#: The commands of this module, added to the group by cli.main.
COMMANDS = (add, seed)
