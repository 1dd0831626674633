"""A choice among words that answers a mistyped one with the closest."""

from __future__ import annotations

from typing import Any

import click


class Choice(click.Choice[str]):
    """One of some words, as click's own; a word that is none of them, but close
    to some, is answered with those ("did you mean: noted?", as an unknown
    mission is)."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        """Click's message, and the choices closest to `value`, if any."""
        from difflib import get_close_matches

        said = super().get_invalid_choice_message(value, ctx)
        wanted = str(value).lower() if not self.case_sensitive else str(value)
        words = {
            str(c).lower() if not self.case_sensitive else str(c): str(c)
            for c in self.choices
        }
        close = get_close_matches(wanted, list(words), n=3, cutoff=0.6)
        if not close:
            return said
        meant = ", ".join(words[c] for c in close)
        return f"{said.removesuffix('.')}; did you mean: {meant}?"
