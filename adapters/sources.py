"""A source, as people read it."""

from __future__ import annotations

from typing import Any


def cite(source: dict[str, Any]) -> str:
    """A source on one line: publication, "title", author, date, address."""
    parts = [str(source.get("publication") or "")]
    if source.get("title"):
        parts.append(f'"{source["title"]}"')
    parts += [str(source[k]) for k in ("author", "published", "url") if source.get(k)]
    return ", ".join(parts)
