"""A complaint about a pack's entry in the pack's words: the field it is about
(`complained_of`), and what it says with the command line's options named as
the pack names their fields (`in_pack_words`), `--alias` as `aliases`."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from adapters.errors import field_of, invalid
from adapters.eventstore import commands
from adapters.packs.reading import PARTNER_FIELDS, REPORT_FIELDS


def complained_of(error: Exception, given: dict[str, Any], default: str = "") -> str:
    """The field a complaint is about: the one whose option it names (`--alias`
    is `aliases`), else `default`, else the first option of the fact's kind."""
    found = field_of(error)
    if found is not None:
        return found.split(".")[0]
    text = str(error)
    for flag, name in _FLAGS.items():
        if flag in text:
            return name
    required = commands.OPTIONS.get(str(given.get("kind")), ((), ()))[0]
    return default or (required[0] if required else "kind")


#: The command line's options, as a pack names the fields they stand for.
_FLAGS = {
    f"--{name.replace('_', '-')}": name
    for name in sorted(
        {*REPORT_FIELDS, *PARTNER_FIELDS, *commands.OPTION_NAMES},
        key=len,
        reverse=True,
    )
} | {"--alias": "aliases"}


def in_pack_words(error: Exception) -> str:
    """A complaint in a pack's words: fields, not the command line's options."""
    if isinstance(error, ValidationError):
        problem = error.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        said = str(problem["msg"])
        if said.startswith("Value error, "):  # the model's own words, as they are
            return invalid(error)
        return f"{where}: {said.lower()}" if where else said
    return _FLAG.sub(lambda found: _FLAGS.get(found[0], found[0]), str(error))


_FLAG = re.compile(r"--[a-z]+(?:-[a-z]+)*")
