"""Completion at a shell prompt (bash, zsh, fish, through click): the missions
and partners of the store in use, read without writing anything."""

from __future__ import annotations

import os
from typing import Any

import click
from click.shell_completion import CompletionItem


def complete_missions(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The slugs of the tracked missions that start with what was typed."""
    return _starting(_known(ctx)[0], incomplete)


def complete_partners(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The slugs of the partners known that start with what was typed."""
    return _starting(_known(ctx)[1], incomplete)


def _starting(slugs: list[str], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(slug) for slug in slugs if slug.startswith(incomplete)]


def _known(ctx: click.Context) -> tuple[list[str], list[str]]:
    """The slugs of the missions and partners of the store, or none: completion
    never fails, and never makes a store."""
    from adapters.eventstore.stores import default_store, missing_store

    url: Any = ctx.find_root().params.get("store")
    url = url or os.environ.get("MISSIONS_STORE") or default_store()
    if missing_store(url) is not None:
        return [], []
    try:
        from adapters.readmodel.reader import open_reader

        reader, close = open_reader(url)
        try:
            return reader.names_known()
        finally:
            close()
    except Exception:  # a store that cannot be read offers nothing to complete
        return [], []
