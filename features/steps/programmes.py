"""Steps about what a mission reached and what it is part of: its milestones, and
the missions of a programme."""

from __future__ import annotations

import shlex

from pytest_bdd import parsers, then, when

from features.scenario import View, answer


@when(
    parsers.parse('I list the missions of the programme "{programme}" on {day}'),
    target_fixture="listed",
)
def list_programme(store: str, programme: str, day: str) -> list[View]:
    """The missions a programme had on a date."""
    quoted = shlex.quote(programme)
    views: list[View] = answer(
        store, f"missions list --programme {quoted} --at {day} --json"
    )
    return views


@then("its milestones are:")
def milestones_are(status: View, datatable: list[list[str]]) -> None:
    """The milestones reached by the date asked about, in the order of the world."""
    keys = datatable[0]
    shown = [[str(m[key] or "-") for key in keys] for m in status["milestones"]]
    assert [keys, *shown] == datatable
