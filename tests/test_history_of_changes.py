"""The history of changes: each change with what it was before and after, from the
facts as corrected and known at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.dates import parse_edtf
from domain.timeline import history, state_on
from domain.vocabulary import Role, Standing, Status
from tests.knowledge_facts import Story, just_before, report, when


def test_history_gives_each_change_with_what_it_was_before_and_after() -> None:
    story = Story()
    story.join("roscosmos", "2016", Role.LEAD)
    planned = story.status("2020", Status.PLANNED)
    esa = story.join("esa", "2016", Role.LEAD)
    target = story.add(
        story.mission.change_launch_target(parse_edtf("2022-09"), report("2020"))
    )
    suspended = story.add(
        story.mission.change_standing(
            "roscosmos", Standing.SUSPENDED, report("2022-02-28")
        )
    )
    at_risk = story.status("2022-02-28", Status.AT_RISK)
    swap = story.add(
        story.mission.replace_partner(
            "roscosmos", "nasa", report("2022-11"), Role.CONTRIBUTOR
        )
    )
    note = story.add(story.mission.note(report("2022-12", summary="Nothing changed.")))
    changes = [
        (c.subject, c.partner, c.role, c.before, c.after, c.event.id)
        for c in history(story.events)
    ]
    roscosmos = story.events[1].id
    assert changes == [
        ("partner", "roscosmos", Role.LEAD, None, "active", roscosmos),
        ("partner", "esa", Role.LEAD, None, "active", esa.id),
        ("status", None, None, None, "planned", planned.id),
        ("target_launch", None, None, None, "2022-09", target.id),
        ("partner", "roscosmos", Role.LEAD, "active", "suspended", suspended.id),
        ("status", None, None, "planned", "at_risk", at_risk.id),
        ("partner", "roscosmos", Role.LEAD, "suspended", "withdrawn", swap.id),
        ("partner", "nasa", Role.CONTRIBUTOR, None, "active", swap.id),
        # A note changes nothing, but is told.
        ("note", None, None, None, None, note.id),
    ]


def test_history_uses_the_corrected_facts_as_known_at_a_time() -> None:
    story = Story()
    planned = story.status("2020", Status.PLANNED)
    at_risk = story.status("2022-02-28", Status.AT_RISK)
    correction = story.correct(at_risk, {"occurred": when("2019"), "status": "delayed"})
    retraction = story.retract(planned)

    def changes(known_at: Any) -> list[tuple[str | None, str | None, str, str]]:
        return [
            (c.before, c.after, c.event.occurred.edtf, c.event.summary)
            for c in history(story.events, known_at)
        ]

    assert changes(just_before(correction)) == [
        (None, "planned", "2020", "The status changed to planned."),
        ("planned", "at_risk", "2022-02-28", "The status changed to at_risk."),
    ]
    # Corrected: the change to "delayed" now comes first, in 2019.
    assert changes(correction.timestamp) == [
        (None, "delayed", "2019", "The status changed to at_risk."),
        ("delayed", "planned", "2020", "The status changed to planned."),
    ]
    assert (
        changes(retraction.timestamp)
        == changes(None)
        == [
            (None, "delayed", "2019", "The status changed to at_risk."),
        ]
    )


def test_a_fact_about_a_partner_not_in_the_mission_makes_no_change() -> None:
    story = Story()
    joined = story.join("esa", "2020")
    withdrawn = story.add(story.mission.withdraw_partner("esa", report("2021")))
    early = story.status("2019", Status.PROPOSED)
    # Corrected to a date after ESA withdrew, the join comes too late for the
    # withdrawal, which then changes nothing.
    story.correct(joined, {"occurred": when("2022")})
    assert [(c.event.id, c.before, c.after) for c in history(story.events)] == [
        (early.id, None, "proposed"),
        (joined.id, None, "active"),
    ]
    assert [e.id for e in state_on(story.events, date(2022, 12, 31)).applied] == [
        story.registered.id,
        early.id,
        withdrawn.id,
        joined.id,
    ]
