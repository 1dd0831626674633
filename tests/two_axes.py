"""What the command-line tests of the two time axes share: the seed's ids, running
a command and reading its answer, and recording a fact."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from click.testing import Result

from adapters.packs.seed import seed_lines
from tests.answers import parsed

if TYPE_CHECKING:
    from tests.conftest import Run

EDTF_FORMS = (
    "accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033, 2026? (uncertain),"
    " 2021-06~ (approximate), ../2022-03-01 (on or before)"
)
TIME_FORMS = (
    "use an ISO 8601 date or date-time, e.g. 2022-03-02 or 2022-03-02T12:00:00Z"
)
KNOWN_PARTNERS = (
    "known partners: arianespace, asi, casc, casic, cnes, cnsa, csa, dlr, esa,"
    " glavkosmos, iki, isro, jaxa, kari, nasa, roscosmos, uaesa, uksa"
)
#: Two facts with ids that share their first characters, recorded by hand.
TWINS = (
    UUID("abcd0000-0000-4000-8000-000000000001"),
    UUID("abcd0000-0000-4000-8000-000000000002"),
)


def seed_id(key: str) -> str:
    """The id the seed gives the fact with this key."""
    return str(uuid5(uuid5(NAMESPACE_URL, "missions:seed"), key))


def line(key: str) -> dict[str, Any]:
    """The seed line with this key."""
    return next(found for found in seed_lines() if found["key"] == key)


#: The week after the invasion of Ukraine, as `changes` asks for it.
WEEK = ("changes", "--from", "2022-02-24", "--to", "2022-03-03")
AT_RISK = seed_id("exomars/at-risk")
EXOMARS = seed_id("exomars/registered")


def refused(result: Result, code: int) -> str:
    """The one-line error of a command that must have failed with `code`."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0].removeprefix("Error: ")


def instant(view: dict[str, Any]) -> datetime:
    """When an event of `log --json` was recorded."""
    return datetime.fromisoformat(view["recorded_at"])


def between(earlier: dict[str, Any], later: dict[str, Any]) -> datetime:
    """A time after the first event was recorded and before the second."""
    start, end = instant(earlier), instant(later)
    assert start < end
    middle = start + (end - start) / 2
    assert start < middle < end
    return middle


def record(run: Run, mission: str, kind: str, on: str, *options: str) -> dict[str, Any]:
    """Record a fact reported by ESA; the event as `record --json` prints it."""
    view: dict[str, Any] = parsed(
        run("record", mission, kind, "--on", on, "--source", "ESA", "--json", *options)
    )
    time.sleep(0.002)  # so that every recording has its own time
    return view


def log(run: Run, mission: str, *options: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = parsed(run("log", mission, "--json", *options))
    return found


def status(run: Run, mission: str, at: str, *options: str) -> dict[str, Any]:
    found: dict[str, Any] = parsed(
        run("status", mission, "--at", at, "--json", *options)
    )
    return found


def roles(view: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p["partner"], p["role"], p["standing"]) for p in view["partners"]]
