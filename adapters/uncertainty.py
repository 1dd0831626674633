"""What may or may not have happened by a day, as people read it."""

from __future__ import annotations

from typing import Any


def uncertain_line(view: dict[str, Any]) -> str:
    """The facts of a view that may or may not have happened by its day, summed
    up: `3 facts may or may not have happened by 2022-03-20`."""
    count = len(view["uncertain"])
    facts = "1 fact" if count == 1 else f"{count} facts"
    return f"{facts} may or may not have happened by {view['at']}"
