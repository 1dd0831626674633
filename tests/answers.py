"""Reading what the command line answers: the seed's facts and ids, the keys of
its JSON, the output of a command that must succeed, and the store's events."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
from click.testing import Result

from adapters.eventstore.partners import built_in
from adapters.packs.seed import seed_lines
from tests.stores import stored_rows, tables

FACTS = len(seed_lines())
#: The events `missions seed` records: the article's facts, then the built-in
#: partners.
SEEDED = FACTS + len(built_in())
#: The keys of `status --json` (and of each mission of `list --json`), in order.
STATUS_KEYS = (
    *("mission", "name", "at", "known_at", "status", "since", "by_party"),
    *("last_change", "target_launch", "launched", "landed", "partners"),
    *("milestones", "programmes", "facts", "uncertain", "sources"),
)
#: The keys of each partner of a status, in order.
PARTNER_KEYS = ("partner", "name", "role", "standing", "by_party", "contributions")
#: The keys of each change of `history --json` and `changes --json`, in order.
CHANGE_KEYS = (
    *("mission", "date", "earliest", "latest", "within", "subject", "partner"),
    "role",
    *("from", "to", "by_party", "detail", "announced", "occurred", "effective"),
    *("event", "kind", "summary", "source"),
)
EVENT_KEYS = {"id", "mission", "version", "type", "occurred", "recorded_at"}
EVENT_KEYS |= {"summary", "source", "effective"}


def seed_id(key: str) -> UUID:
    """The id the seed gives the fact with this key."""
    return uuid5(uuid5(NAMESPACE_URL, "missions:seed"), key)


def facts_of(mission: str) -> list[dict[str, Any]]:
    """The seed lines about one mission, in the order they are recorded."""
    return [line for line in seed_lines() if line["mission"] == mission]


def partner(
    name: str,
    role: str,
    standing: str,
    by_party: str | None = None,
    contributions: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A partner as `status --json` shows it, without its display name: who set
    its standing (if said) and what it supplies."""
    return {
        "partner": name,
        "role": role,
        "standing": standing,
        "by_party": by_party,
        "contributions": list(contributions),
    }


def partners_of(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The partners of a status view, without their display names."""
    return [
        partner(
            p["partner"],
            p["role"],
            p["standing"],
            p["by_party"],
            tuple(p["contributions"]),
        )
        for p in view["partners"]
    ]


def succeeded(result: Result) -> str:
    """The output of a command that must have succeeded, quietly on stderr but
    for its warnings of facts that deserve a second look (`missions lint`)."""
    assert result.exit_code == 0, result.output
    assert unwarned(result.stderr) == ""
    return result.stdout


def unwarned(said: str) -> str:
    """What a command said on stderr, but for its warnings (`missions lint`)."""
    return "".join(
        line for line in said.splitlines(keepends=True) if not line.startswith(WARNED)
    )


#: How a command begins a warning of a fact that deserves a second look.
WARNED = "Warning: "


def parsed(result: Result) -> Any:
    """The JSON a command that must have succeeded printed."""
    return orjson.loads(succeeded(result))


def events_in(store: str) -> int:
    """How many events the store holds."""
    events, _ = tables(store)
    return sum(1 for row in stored_rows(store) if row[0] == events)


def today_utc() -> date:
    """Today's date in UTC, which is what `--at` defaults to."""
    return datetime.now(tz=UTC).date()
