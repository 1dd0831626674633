"""Command groups as people expect them: given no command, the help."""

from __future__ import annotations

import click


class HelpfulGroup(click.Group):
    """A group that, given no command, prints its help and exits 0."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:  # not while completing
            click.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)
