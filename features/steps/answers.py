"""What a scenario checks of an answer: a mission's status, partners, launch
target, sources and doubts."""

from __future__ import annotations

from pytest_bdd import parsers, then

from features.scenario import (
    View,
    as_fields,
    as_table,
    names,
)


@then(parsers.parse("the answer has the fields {listed}"))
def answer_fields(status: View, listed: str) -> None:
    """The fields of a status, in the order printed."""
    assert list(status) == names(listed)


@then("the answer reads:")
def answer_reads(status: View, datatable: list[list[str]]) -> None:
    """A status, one field a row."""
    assert as_fields(status, datatable) == datatable


@then(parsers.parse('it is "{slug}", named "{name}"'))
def mission_is(status: View, slug: str, name: str) -> None:
    """The mission the name resolved to."""
    assert (status["mission"], status["name"]) == (slug, name)


@then(parsers.parse('its status is "{expected}"'))
def status_is(status: View, expected: str) -> None:
    """The mission's status on the date asked about."""
    assert status["status"] == expected


@then("nothing is known of it yet")
def nothing_known(status: View) -> None:
    """No fact about the mission had surely happened by the date asked about."""
    assert status["status"] is None
    assert (status["since"], status["last_change"]) == (None, None)
    assert status["partners"] == []
    assert status["facts"] == 0


@then("nothing is recorded of it but its registration")
def only_registered(status: View) -> None:
    """The mission is tracked, and no other fact about it is known."""
    assert status["status"] is None
    assert status["partners"] == []
    assert status["target_launch"] is None
    assert status["facts"] == 1


@then(parsers.parse('its status has held since "{since}"'))
def since_is(status: View, since: str) -> None:
    """The date of the fact that set the status it had: a later fact that says
    the same status again does not move it."""
    assert status["since"] == since


@then(parsers.parse('its last change dates from "{last_change}"'))
def last_change_is(status: View, last_change: str) -> None:
    """The date of the last fact that changed the mission in any way."""
    assert status["last_change"] == last_change


@then(parsers.parse('its status was brought about by "{party}"'))
def by_party_is(status: View, party: str) -> None:
    """The partner said to have brought the status about."""
    assert status["by_party"] == party


@then("nobody is named as having brought its status about")
def by_no_party(status: View) -> None:
    """No fact said who brought the status about."""
    assert status["by_party"] is None


@then(parsers.parse('its launch target is "{target}"'))
def target_is(status: View, target: str) -> None:
    """When the mission was then meant to launch."""
    assert status["target_launch"] == target


@then("it has no launch target")
def no_target(status: View) -> None:
    """No launch target had been reported by the date asked about."""
    assert status["target_launch"] is None


@then("its partners are:")
def partners_are(status: View, datatable: list[list[str]]) -> None:
    """Who took part, in what role and standing, in the order they joined."""
    assert as_table(status["partners"], datatable[0]) == datatable


@then(parsers.parse('the standing of "{partner}" is "{standing}"'))
def standing_is(status: View, partner: str, standing: str) -> None:
    """One partner's standing on the date asked about."""
    standings = {p["partner"]: p["standing"] for p in status["partners"]}
    assert standings.get(partner) == standing


@then(parsers.parse("it rests on {count:d} facts"))
def facts_are(status: View, count: int) -> None:
    """How many recorded facts had surely happened by the date asked about."""
    assert status["facts"] == count


@then("its sources are:")
def sources_are(status: View, datatable: list[list[str]]) -> None:
    """Who reported the facts behind the answer, in the order of the world."""
    assert as_table(status["sources"], datatable[0]) == datatable


@then("it is uncertain of:")
def uncertain_of(status: View, datatable: list[list[str]]) -> None:
    """The facts that may or may not have happened by the date asked about."""
    assert as_table(status["uncertain"], datatable[0]) == datatable


@then(parsers.parse("it is uncertain of {count:d} facts"))
def uncertain_count(status: View, count: int) -> None:
    """How many facts may or may not have happened by the date asked about."""
    assert len(status["uncertain"]) == count


@then("nothing about it is uncertain")
def nothing_uncertain(status: View) -> None:
    """Every recorded fact had surely happened by then, or surely not."""
    assert status["uncertain"] == []
