"""Reading what the command line answers: the seed's facts and ids, the keys of
its JSON, the output of a command that must succeed, and the store's events."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
from click.testing import Result

from adapters.eventstore.seed import seed_lines
from tests.stores import stored_rows, tables

FACTS = len(seed_lines())
STATUS_KEYS = {"mission", "name", "at", "status", "partners", "target_launch"}
STATUS_KEYS |= {"since", "sources"}
EVENT_KEYS = {"id", "mission", "version", "type", "occurred", "recorded_at"}
EVENT_KEYS |= {"summary", "source"}


def seed_id(key: str) -> UUID:
    """The id the seed gives the fact with this key."""
    return uuid5(uuid5(NAMESPACE_URL, "missions:seed"), key)


def facts_of(mission: str) -> list[dict[str, Any]]:
    """The seed lines about one mission, in the order they are recorded."""
    return [line for line in seed_lines() if line["mission"] == mission]


def partner(name: str, role: str, standing: str) -> dict[str, str]:
    """A partner as `status --json` shows it, without its display name."""
    return {"partner": name, "role": role, "standing": standing}


def partners_of(view: dict[str, Any]) -> list[dict[str, str]]:
    """The partners of a status view, without their display names."""
    return [partner(p["partner"], p["role"], p["standing"]) for p in view["partners"]]


def succeeded(result: Result) -> str:
    """The output of a command that must have succeeded, quietly on stderr."""
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


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
