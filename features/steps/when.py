"""What a scenario does: a command typed, a mission asked about, a list or a log
read."""

from __future__ import annotations

import shlex

from pytest_bdd import parsers, when

from features.scenario import (
    Noted,
    Typed,
    View,
    answer,
    filled,
    missions,
)
from tests.stores import (
    stored_rows,
)


@when(parsers.parse("I type `{command}`"), target_fixture="typed")
def type_command(store: str, noted: Noted, command: str) -> Typed:
    """Type a command; keep what it did and the store's rows before it."""
    before = stored_rows(store)
    return Typed(missions(store, filled(command, noted)), before)


@when(
    parsers.parse('I ask for the status of "{name}" on {day}'),
    target_fixture="status",
)
def ask_status(store: str, name: str, day: str) -> View:
    """One mission's status on a date."""
    view: View = answer(store, f"missions status {shlex.quote(name)} --at {day} --json")
    return view


@when(
    parsers.parse('I ask for the status of "{name}" on {day}, as reported by {by}'),
    target_fixture="status",
)
def ask_status_reported(store: str, name: str, day: str, by: str) -> View:
    """One mission's status on a date, from what had been published by a day."""
    command = f"missions status {shlex.quote(name)} --at {day} --reported {by}"
    view: View = answer(store, f"{command} --json")
    return view


@when(
    parsers.parse("I list every mission on {day}, as reported by {by}"),
    target_fixture="listed",
)
def list_missions_reported(store: str, day: str, by: str) -> list[View]:
    """Every mission's status on a date, from what had been published by a day."""
    views: list[View] = answer(
        store, f"missions list --at {day} --reported {by} --json"
    )
    return views


@when(parsers.parse("I list every mission on {day}"), target_fixture="listed")
def list_missions(store: str, day: str) -> list[View]:
    """Every mission's status on a date."""
    views: list[View] = answer(store, f"missions list --at {day} --json")
    return views


@when(parsers.parse('I read the log of "{name}"'), target_fixture="log")
def read_log(store: str, name: str) -> list[View]:
    """Every fact recorded about a mission, in the order recorded."""
    entries: list[View] = answer(store, f"missions log {shlex.quote(name)} --json")
    return entries


@when(
    parsers.parse('I ask, as known at [{moment}], for the status of "{name}" on {day}'),
    target_fixture="status",
)
def ask_status_known_at(
    store: str, noted: Noted, moment: str, name: str, day: str
) -> View:
    """One mission's status on a date, from what had been recorded by a time."""
    command = f"missions status {shlex.quote(name)} --at {day} --known-at"
    view: View = answer(store, f"{command} {noted[moment]} --json")
    return view


@when(
    parsers.parse("I list, as known at [{moment}], every mission on {day}"),
    target_fixture="listed",
)
def list_missions_known_at(
    store: str, noted: Noted, moment: str, day: str
) -> list[View]:
    """Every mission's status on a date, from what had been recorded by a time."""
    command = f"missions list --at {day} --known-at {noted[moment]} --json"
    views: list[View] = answer(store, command)
    return views


@when(
    parsers.parse('I read, as known at [{moment}], the log of "{name}"'),
    target_fixture="log",
)
def read_log_known_at(store: str, noted: Noted, moment: str, name: str) -> list[View]:
    """The events recorded about a mission by a time, as the log showed them then."""
    command = f"missions log {shlex.quote(name)} --known-at {noted[moment]} --json"
    entries: list[View] = answer(store, command)
    return entries


@when(
    parsers.parse('I list the missions in which "{partner}" had a part on {day}'),
    target_fixture="listed",
)
def list_partner_missions(store: str, partner: str, day: str) -> list[View]:
    """The missions a partner was in on a date, whatever its standing."""
    command = f"missions list --partner {partner} --at {day} --json"
    views: list[View] = answer(store, command)
    return views


@when(
    parsers.parse('I list the missions in which "{partner}" was {standing} on {day}'),
    target_fixture="listed",
)
def list_partner_standing(
    store: str, partner: str, standing: str, day: str
) -> list[View]:
    """The missions a partner was in, with a given standing, on a date."""
    command = f"missions list --partner {partner} --standing {standing} --at {day}"
    views: list[View] = answer(store, f"{command} --json")
    return views
