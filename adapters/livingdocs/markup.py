"""Text from feature files and reports, as HTML: every piece of it escaped.

This is the one place where such text becomes markup: `escape` everything, and mark
up only what `inline` finds (`code` spans, an outline's <placeholders>), escaping each
piece it marks.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable

from adapters.livingdocs.cucumber import Status

ICONS = {Status.PASSED: "\u2713", Status.FAILED: "\u2717", Status.NOT_RUN: "\u25cb"}


def badge(status: Status, words: str | None = None) -> str:
    """A status in colour and in words (its own, or those given)."""
    icon = f'<span aria-hidden="true">{ICONS[status]}</span>'
    said = escape(words or status.value)
    return f'<span class="badge {status_class(status)}">{icon} {said}</span>'


def status_class(status: Status) -> str:
    """The CSS class of a status."""
    return status.value.replace(" ", "-")


def tags(names: Iterable[str]) -> str:
    """Gherkin tags, each a label."""
    spans = "".join(f'<span class="tag">{escape(name)}</span>' for name in names)
    return f'<div class="tags">{spans}</div>' if spans else ""


def prose(text: str) -> str:
    """A description: paragraphs between blank lines; indented blocks kept as
    they are written."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    out = []
    for block in blocks:
        lines = block.splitlines()
        if all(line[:1] in (" ", "\t") for line in lines):
            out.append(f"<pre>{escape(textwrap.dedent(block))}</pre>")
        else:
            out.append(f"<p>{inline(' '.join(line.strip() for line in lines))}</p>")
    return "".join(out)


def inline(text: str, names: frozenset[str] = frozenset()) -> str:
    """Text with its `code` spans and an outline's <placeholders> marked up."""
    parts = re.split(r"(`[^`\n]+`)", text)
    return "".join(
        f"<code>{marked(part[1:-1], names)}</code>"
        if index % 2
        else marked(part, names)
        for index, part in enumerate(parts)
    )


def marked(text: str, names: frozenset[str]) -> str:
    """Escaped text, an outline's <placeholders> in it marked."""
    if not names:
        return escape(text)
    pattern = "<(" + "|".join(re.escape(n) for n in sorted(names, key=len)[::-1]) + ")>"
    parts = re.split(pattern, text)
    return "".join(
        f'<span class="placeholder">&lt;{escape(part)}&gt;</span>'
        if index % 2
        else escape(part)
        for index, part in enumerate(parts)
    )


def escape(text: str) -> str:
    """Text as HTML text, or as an attribute's value (quotes escaped too)."""
    return html.escape(text, quote=True)
