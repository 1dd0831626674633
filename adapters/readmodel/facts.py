"""A fact as a row of `timeline_facts`: its place in the order of the world (when
it takes effect, and when it was announced, if that differs), the span of
recording time it read so over, and what the fold reads of it
(`domain.fold.Fact`), from its stored state as JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.readmodel.tables import span

INSERT_FACT = (
    "INSERT INTO {timeline_facts} (mission, latest, earliest, root, known_from,"
    " known_until, kind, edtf, value, partner, by_partner, role, standing, source,"
    " party, detail, id, summary, span, occurred, occurred_earliest, occurred_latest)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

#: The field that holds a fact's value (`domain.fold.Fact.value`), by kind.
VALUES = {
    "status-changed": "status",
    "launch-target-changed": "target",
    "milestone": "milestone",
    "contribution-added": "contribution",
    "contribution-removed": "contribution",
    "programme-joined": "programme",
    "programme-left": "programme",
}


def place_of(fact: dict[str, Any]) -> tuple[str, str]:
    """The place of a fact (its stored state, as JSON) in the order of the world,
    but for its version: the latest and earliest day it takes effect."""
    day = fact.get("effective") or fact["occurred"]
    return day["latest"], day["earliest"]


def fact_row(
    fact: dict[str, Any],
    mission: int,
    root: int,
    known: tuple[int, int | None],
    source: int,
    first: str | None = None,
) -> tuple[Any, ...]:
    """The row of the fact `root` (its stored state, as JSON) as it read over the
    span `known` of recording time (from, until); `source` is where its source is
    kept, `first` its first id (its own, if not given)."""
    effective = fact.get("effective")
    day = effective or fact["occurred"]
    announced = fact["occurred"] if effective else None
    kind = fact["kind"]
    value = fact.get(VALUES.get(kind, ""))
    if kind == "launch-target-changed" and value is not None:
        value = value["edtf"]
    return (
        mission,
        day["latest"],
        day["earliest"],
        root,
        *known,
        kind,
        day["edtf"],
        value,
        fact.get("partner"),
        fact.get("by"),
        fact.get("role"),
        fact.get("standing"),
        source,
        fact.get("by_party"),
        fact.get("detail"),
        first or fact["id"],
        fact["summary"],
        span(date.fromisoformat(day["earliest"]), date.fromisoformat(day["latest"])),
        *(
            (announced["edtf"], announced["earliest"], announced["latest"])
            if announced
            else (None, None, None)
        ),
    )
