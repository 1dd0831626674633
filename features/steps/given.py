"""What a scenario starts from: an empty or a seeded store, commands typed, and
what they noted."""

from __future__ import annotations

import re
import shlex
from datetime import UTC, datetime

from pytest_bdd import given, parsers

from adapters.eventstore.tracker import MissionTracker
from features.scenario import (
    RECORDED,
    Noted,
    View,
    answer,
    filled,
    missions,
    succeeded,
)
from tests.compat import fixtures
from tests.stores import (
    Articles,
    copy_store,
    kind_of,
)


@given("a tracker with no missions yet")
def empty_tracker(store: str) -> None:
    """A store made, in which nothing is tracked."""
    MissionTracker(store).close()
    assert answer(store, "missions list --json") == []


@given("the tracker holds the facts of the article of 1 March 2022")
def seeded(store: str, articles: Articles) -> None:
    """The SpaceNews article's facts: a copy of a store `missions seed` filled."""
    copy_store(articles.of(kind_of(store)), store)


@given("the tracker holds the article and every built-in pack")
def seeded_with_every_pack(store: str, articles: Articles) -> None:
    """What `missions seed` records: a copy of a store it filled."""
    copy_store(articles.every_pack(kind_of(store)), store)


@given(parsers.parse("I have typed `{command}`"))
def have_typed(store: str, noted: Noted, command: str) -> None:
    """A command that has already worked."""
    succeeded(missions(store, filled(command, noted)))


@given(parsers.parse("I have typed `{command}`, noting its id as [{name}]"))
def have_typed_noting(store: str, noted: Noted, command: str, name: str) -> None:
    """A command that recorded an event; its full id is noted under a name."""
    said = succeeded(missions(store, filled(command, noted))).stdout
    recorded = RECORDED.fullmatch(said)
    assert recorded, said
    entries = answer(store, f"missions log {recorded['slug']} --json")
    event_id: str = entries[int(recorded["version"]) - 1]["id"]
    assert event_id.startswith(recorded["short"])
    noted[name] = event_id


@given(
    parsers.parse(
        'I have noted the id of entry {number:d} of the log of "{name}" as [{label}]'
    )
)
def have_noted_entry(
    store: str, noted: Noted, number: int, name: str, label: str
) -> None:
    """The full id of an event already in a mission's log, noted under a label."""
    entries = answer(store, f"missions log {shlex.quote(name)} --json")
    noted[label] = entries[number - 1]["id"]


@given(parsers.parse("I note the time as [{name}]"))
def note_time(noted: Noted, name: str) -> None:
    """The time now, in UTC, to ask later what was known then."""
    noted[name] = datetime.now(tz=UTC).isoformat()


@given(
    parsers.parse("I have noted every mission's answer on {days}"),
    target_fixture="noted_answers",
)
def have_noted_answers(store: str, days: str) -> dict[str, list[View]]:
    """Every mission's status on each of some dates, as answered then."""
    return {
        day: answer(store, f"missions list --at {day} --json")
        for day in re.split(r", | and ", days)
    }


@given(
    parsers.parse("I have looked at every mission on {day}"),
    target_fixture="earlier_list",
)
def have_listed(store: str, day: str) -> list[View]:
    """Every mission's status on a date, as it was answered then."""
    views: list[View] = answer(store, f"missions list --at {day} --json")
    return views


@given(
    parsers.parse(
        "the export that the tracker of commit {commit} wrote, noted as [{label}]"
    )
)
def old_export(noted: Noted, commit: str, label: str) -> None:
    """The export of a compatibility fixture (tests/data/compat/), by its commit."""
    (found,) = [f for f in fixtures() if f.commit.startswith(commit)]
    noted[label] = str(found.export)
