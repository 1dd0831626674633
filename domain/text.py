"""Text that every store can hold: what a field of an event may hold.

PostgreSQL's text cannot hold NUL (U+0000); no store, nor JSON in UTF-8, can hold
a lone surrogate (U+D800 to U+DFFF, what Python makes of bytes that are not
UTF-8 in a command's arguments). Such text is refused where it comes in, with the
field it is in, so that nothing is written that a store, or its read model,
cannot take (tests/test_storable_text.py checks the rule against both stores)."""

from __future__ import annotations

from typing import Any

_NUL = "a NUL character (U+0000)"


def unstorable(value: str) -> str | None:
    """What in `value` no store can hold, in a few words; None if nothing."""
    if "\x00" in value:
        return _NUL
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(value[error.start])
        return f"a lone surrogate (U+{code:04X}: not UTF-8)"
    return None


class Unstorable(ValueError):
    """A text no store can hold, the field it is in, and what in it."""

    def __init__(self, field: str, what: str) -> None:
        super().__init__(f"{field} holds {what}, which no store can hold")
        self.field = field
        self.what = what

    def within(self, where: str) -> str:
        """The complaint, the field named within `where` (e.g. source)."""
        field = f"{where}.{self.field}" if where else self.field
        return f"{field} holds {self.what}, which no store can hold"


def require_storable(where: str, value: Any) -> None:
    """Refuse (Unstorable) a text in `value`, a JSON-like value (texts in lists,
    tuples and objects, keys too), that no store can hold, naming where it is."""
    if isinstance(value, str):
        found = unstorable(value)
        if found is not None:
            raise Unstorable(where, found)
    elif isinstance(value, list | tuple):
        for item in value:
            require_storable(where, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            require_storable(where, key)
            require_storable(f"{where}.{key}", item)
