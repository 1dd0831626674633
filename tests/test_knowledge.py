"""What was known at a time: corrections and retractions applied to the facts, and
only those recorded by the time asked about."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest

from adapters.dates import parse_edtf
from domain.events import (
    LaunchTargetChanged,
    PartnerJoined,
    PartnerReplaced,
    Registered,
    StatusChanged,
)
from domain.knowledge import amendments, effective_facts, known_by, root_fact
from domain.timeline import state_on
from domain.vocabulary import Role, Standing, Status
from tests.knowledge_facts import ESA, WITHDRAWN, Story, just_before, report, when

# effective_facts: corrections


def test_a_correction_of_the_date_supersedes_it_and_keeps_the_rest() -> None:
    story = Story()
    wrong = story.status("2022-03-07", Status.SUSPENDED)
    correction = story.correct(wrong, {"occurred": when("2022-03-17")})
    fact = story.fact(wrong.id)
    assert isinstance(fact, StatusChanged)
    assert fact.occurred == parse_edtf("2022-03-17")
    assert fact.model_dump(exclude={"occurred"}) == wrong.model_dump(
        exclude={"occurred"}
    )
    # The original event is kept exactly as it was recorded.
    original = story.events[1]
    assert original == wrong
    assert isinstance(original, StatusChanged)
    assert original.occurred == parse_edtf("2022-03-07")
    assert correction.corrects == wrong.id
    assert correction.changes == {"occurred": when("2022-03-17")}
    assert correction.originator_version == wrong.originator_version + 1
    assert correction.summary == f"Corrected the date of event {wrong.id}."


def test_a_corrected_date_moves_the_fact_in_the_order_of_the_world() -> None:
    story = Story()
    wrong = story.status("2022-03-07", Status.SUSPENDED)
    story.correct(wrong, {"occurred": when("2022-03-17")})
    assert state_on(story.events, date(2022, 3, 10)).status is None
    assert state_on(story.events, date(2022, 3, 17)).status is Status.SUSPENDED
    assert state_on(story.events, date(2022, 3, 17)).since == parse_edtf("2022-03-17")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"summary": "ESA suspended ExoMars."}, {"summary": "ESA suspended ExoMars."}),
        ({"quote": "a short quote"}, {"quote": "a short quote"}),
        (
            {"source": ESA.model_dump(mode="json")},
            {"source": ESA},
        ),
        ({"status": "at_risk"}, {"status": Status.AT_RISK}),
        (
            {"status": "cancelled", "summary": "It was cancelled."},
            {"status": Status.CANCELLED, "summary": "It was cancelled."},
        ),
    ],
    ids=["summary", "quote", "source", "status", "status and summary"],
)
def test_a_correction_supersedes_exactly_the_fields_it_names(
    changes: dict[str, Any], expected: dict[str, Any]
) -> None:
    story = Story()
    wrong = story.status("2022-03-07", Status.SUSPENDED)
    story.correct(wrong, changes)
    fact = story.fact(wrong.id)
    assert fact is not None
    assert {name: getattr(fact, name) for name in expected} == expected
    unchanged = set(StatusChanged.model_fields) - set(expected)
    assert fact.model_dump(include=unchanged) == wrong.model_dump(include=unchanged)


def test_a_partner_joined_can_have_its_partner_role_and_standing_corrected() -> None:
    story = Story()
    wrong = story.join("nasa", "2021", Role.PARTNER, Standing.ACTIVE)
    story.correct(
        wrong, {"partner": "jaxa", "role": "contributor", "standing": "prospective"}
    )
    fact = story.fact(wrong.id)
    assert isinstance(fact, PartnerJoined)
    assert (fact.partner, fact.role, fact.standing) == (
        "jaxa",
        Role.CONTRIBUTOR,
        Standing.PROSPECTIVE,
    )
    state = state_on(story.events, date(2022, 1, 1))
    assert [(m.partner, m.role, m.standing) for m in state.partners] == [
        ("jaxa", Role.CONTRIBUTOR, Standing.PROSPECTIVE)
    ]


def test_a_launch_target_and_a_replacing_partner_can_be_corrected() -> None:
    story = Story()
    story.join("roscosmos", "2016")
    target = story.add(
        story.mission.change_launch_target(parse_edtf("2022-09"), report("2020"))
    )
    swap = story.add(
        story.mission.replace_partner("roscosmos", "nasa", report("2022-11"))
    )
    story.correct(target, {"target": when("2028")})
    story.correct(swap, {"by": "esa"})
    fixed_target = story.fact(target.id)
    fixed_swap = story.fact(swap.id)
    assert isinstance(fixed_target, LaunchTargetChanged)
    assert isinstance(fixed_swap, PartnerReplaced)
    assert fixed_target.target == parse_edtf("2028")
    assert (fixed_swap.partner, fixed_swap.by) == ("roscosmos", "esa")
    state = state_on(story.events, date(2023, 1, 1))
    assert state.target_launch == parse_edtf("2028")
    assert [(m.partner, m.standing) for m in state.partners] == [
        ("roscosmos", Standing.WITHDRAWN),
        ("esa", Standing.ACTIVE),
    ]


def test_a_registration_can_have_its_date_and_source_corrected() -> None:
    story = Story()
    story.correct(
        story.registered,
        {"occurred": when("2005"), "source": ESA.model_dump(mode="json")},
    )
    fact = story.fact(story.registered.id)
    assert isinstance(fact, Registered)
    assert (fact.occurred, fact.source) == (parse_edtf("2005"), ESA)
    assert (fact.slug, fact.name) == ("exomars", "ExoMars")
    assert state_on(story.events, date(2005, 12, 31)).applied == (fact,)


def test_a_correction_of_a_correction_applies_to_the_same_fact() -> None:
    story = Story()
    wrong = story.status("2022-03-07", Status.SUSPENDED)
    first = story.correct(wrong, {"occurred": when("2022-03-17")})
    second = story.correct(first, {"occurred": when("2022-03-18"), "status": "delayed"})
    assert second.corrects == first.id
    assert root_fact(second.id, {e.id: e for e in story.events}) == wrong
    fact = story.fact(wrong.id)
    assert isinstance(fact, StatusChanged)
    assert (fact.occurred, fact.status) == (parse_edtf("2022-03-18"), Status.DELAYED)
    assert [f.id for f in effective_facts(story.events)] == [
        story.registered.id,
        wrong.id,
    ]
    assert second.summary == f"Corrected the date, status of event {wrong.id}."


def test_later_corrections_win_over_earlier_ones_field_by_field() -> None:
    story = Story()
    wrong = story.status("2022-03-07", Status.SUSPENDED)
    story.correct(wrong, {"occurred": when("2022-03-17"), "status": "at_risk"})
    story.correct(wrong, {"status": "delayed"})
    fact = story.fact(wrong.id)
    assert isinstance(fact, StatusChanged)
    assert (fact.occurred, fact.status) == (parse_edtf("2022-03-17"), Status.DELAYED)


def test_a_correction_is_given_the_summary_it_is_given() -> None:
    story = Story()
    wrong = story.status("2022-03-07")
    correction = story.correct(
        wrong, {"occurred": when("2022-03-17")}, "The Council met on 17 March."
    )
    assert correction.summary == "The Council met on 17 March."
    assert story.current(wrong.id).summary == wrong.summary


# effective_facts: retractions


def test_a_retracted_fact_no_longer_counts_but_stays_recorded() -> None:
    story = Story()
    wrong = story.status("2022-03-07", Status.SUSPENDED)
    kept = story.status("2022-02-28", Status.AT_RISK)
    retraction = story.retract(wrong, "  ESA denied it.  ")
    assert story.fact(wrong.id) is None
    assert [f.id for f in effective_facts(story.events)] == [
        story.registered.id,
        kept.id,
    ]
    assert wrong in story.events
    assert state_on(story.events, date(2022, 3, 31)).status is Status.AT_RISK
    assert retraction.retracts == wrong.id
    assert retraction.reason == "ESA denied it."
    assert retraction.source == WITHDRAWN
    assert retraction.summary == f"Retracted {wrong.id}: ESA denied it."
    assert amendments(story.events) == {wrong.id: [retraction]}


def test_a_retracted_correction_brings_the_original_values_back() -> None:
    story = Story()
    fact = story.status("2022-03-07", Status.SUSPENDED)
    correction = story.correct(fact, {"occurred": when("2022-03-17")})
    story.retract(correction)
    assert story.fact(fact.id) == fact
    assert state_on(story.events, date(2022, 3, 10)).status is Status.SUSPENDED


def test_a_retracted_correction_leaves_the_other_corrections_applied() -> None:
    story = Story()
    fact = story.status("2022-03-07", Status.SUSPENDED)
    story.correct(fact, {"occurred": when("2022-03-17")})
    wrong = story.correct(fact, {"status": "cancelled"})
    story.retract(wrong)
    fixed = story.fact(fact.id)
    assert isinstance(fixed, StatusChanged)
    assert (fixed.occurred, fixed.status) == (
        parse_edtf("2022-03-17"),
        Status.SUSPENDED,
    )


def test_a_correction_of_a_correction_outlives_the_retraction_of_the_first() -> None:
    story = Story()
    fact = story.status("2022-03-07", Status.SUSPENDED)
    first = story.correct(fact, {"occurred": when("2022-03-17")})
    story.correct(first, {"status": "delayed"})
    story.retract(first)
    fixed = story.fact(fact.id)
    assert isinstance(fixed, StatusChanged)
    assert (fixed.occurred, fixed.status) == (parse_edtf("2022-03-07"), Status.DELAYED)


def test_amendments_lists_the_corrections_and_retraction_of_each_event() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    first = story.correct(fact, {"summary": "Planned."})
    second = story.correct(first, {"summary": "Planned again."})
    again = story.correct(fact, {"quote": "planned"})
    gone = story.retract(second)
    assert amendments(story.events) == {
        fact.id: [first, again],
        first.id: [second],
        second.id: [gone],
    }


# effective_facts: what was known at a time


def test_corrections_and_retractions_recorded_after_known_at_are_ignored() -> None:
    story = Story()
    fact = story.status("2022-03-07", Status.SUSPENDED)
    other = story.status("2022-02-28", Status.AT_RISK)
    correction = story.correct(fact, {"occurred": when("2022-03-17")})
    retraction = story.retract(other)
    late = story.status("2022-03-20", Status.CANCELLED)

    def known(at: Any) -> list[tuple[UUID, str]]:
        return [(f.id, f.occurred.edtf) for f in effective_facts(story.events, at)]

    registered = (story.registered.id, "2016")
    assert known(just_before(fact)) == [registered]
    assert known(fact.timestamp) == [registered, (fact.id, "2022-03-07")]
    assert known(just_before(correction)) == [
        registered,
        (fact.id, "2022-03-07"),
        (other.id, "2022-02-28"),
    ]
    # At or before: a correction recorded at known_at counts.
    assert known(correction.timestamp) == [
        registered,
        (fact.id, "2022-03-17"),
        (other.id, "2022-02-28"),
    ]
    assert known(retraction.timestamp) == [registered, (fact.id, "2022-03-17")]
    assert (
        known(late.timestamp)
        == known(None)
        == [
            registered,
            (fact.id, "2022-03-17"),
            (late.id, "2022-03-20"),
        ]
    )
    day = date(2022, 3, 10)
    assert state_on(story.events, day, just_before(correction)).status is (
        Status.SUSPENDED
    )
    assert state_on(story.events, day, correction.timestamp).status is Status.AT_RISK
    assert state_on(story.events, day, retraction.timestamp).status is None
    assert known_by(story.events, just_before(retraction)) == list(story.events[:-2])


def test_a_retraction_of_a_correction_counts_only_once_known() -> None:
    story = Story()
    fact = story.status("2022-03-07", Status.SUSPENDED)
    correction = story.correct(fact, {"status": "delayed"})
    retraction = story.retract(correction)
    before = effective_facts(story.events, just_before(retraction))
    after = effective_facts(story.events, retraction.timestamp)
    assert [f.status for f in before if isinstance(f, StatusChanged)] == [
        Status.DELAYED
    ]
    assert [f.status for f in after if isinstance(f, StatusChanged)] == [
        Status.SUSPENDED
    ]
