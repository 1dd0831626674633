"""What a usage error in click's own words ends with: where to read more."""

from __future__ import annotations

from collections.abc import Sequence

#: How click's own usage errors begin (the tracker's say what would be right).
CLICK_SAYS = (
    "Invalid value for",
    "Missing option",
    "Missing argument",
    "No such option",
    "No such command",
)
COMMANDS_WITH_SUBCOMMANDS = {"partner"}


def hinted(args: Sequence[str], message: str) -> str:
    """`message`, with the hint a usage error in click's words ends with, for the
    command line `args` (its options and values after the command)."""
    if not message.startswith(CLICK_SAYS):
        return message
    words = [a for a in args if not a.startswith("-")]
    path = ["missions"]
    if message.startswith("No such command"):
        path += [w for w in words[:1] if w in COMMANDS_WITH_SUBCOMMANDS]
    else:
        path += (
            words[:2] if words and words[0] in COMMANDS_WITH_SUBCOMMANDS else words[:1]
        )
    ended = message if message.endswith((".", "?")) else f"{message}."
    return f"{ended} Try '{' '.join(path)} --help'."
