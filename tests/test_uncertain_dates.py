"""Facts with uncertain dates: which facts are unsure on a day, as the ILRS roadmap
shows, and how that follows corrections and retractions."""

from __future__ import annotations

from datetime import date

import pytest

from adapters.eventstore.tracker import MissionTracker
from domain.events import Event, Noted, Registered
from domain.knowledge import effective_facts
from domain.timeline import state_on, uncertain_on
from domain.vocabulary import Status
from tests.knowledge_facts import Story, just_before, report, when


@pytest.fixture
def ilrs(seeded: MissionTracker) -> tuple[Event, ...]:
    """The events of the ILRS, as the article gives them."""
    return seeded.mission("ilrs").events


def test_the_ilrs_roadmap_of_june_2021_is_uncertain_within_the_month(
    ilrs: tuple[Event, ...],
) -> None:
    uncertain = uncertain_on(ilrs, date(2021, 6, 10))
    # The proposal and its partners are known only by June 2021; the roadmap
    # dates its launch target to that month.
    assert [(e.type, e.occurred.edtf) for e in uncertain] == [
        ("StatusChanged", "../2021-06"),
        ("PartnerJoined", "../2021-06"),
        ("PartnerJoined", "../2021-06"),
        ("LaunchTargetChanged", "2021-06"),
    ]
    # The registration, dated "by June 2021", is left out though it is unsure too.
    registered = ilrs[0]
    assert isinstance(registered, Registered)
    assert registered.occurred.maybe_by(date(2021, 6, 10))
    assert state_on(ilrs, date(2021, 6, 10)).status is None


@pytest.mark.parametrize("day", [date(2021, 6, 30), date(2021, 7, 1)])
def test_the_ilrs_roadmap_applies_once_june_2021_is_over(
    ilrs: tuple[Event, ...], day: date
) -> None:
    assert uncertain_on(ilrs, day) == []
    state = state_on(ilrs, day)
    assert state.status is Status.PROPOSED
    assert state.target_launch is not None
    assert state.target_launch.edtf == "2030/2034~"
    # "The early 2030s": from 2030 to about 2034, no narrower than the article.
    assert (state.target_launch.earliest, state.target_launch.latest) == (
        date(2030, 1, 1),
        date(2034, 12, 31),
    )


def test_before_june_2021_only_what_the_article_dates_by_june_2021_is_uncertain(
    ilrs: tuple[Event, ...],
) -> None:
    uncertain = uncertain_on(ilrs, date(2021, 5, 31))
    assert [(e.type, e.occurred.edtf) for e in uncertain] == [
        ("StatusChanged", "../2021-06"),
        ("PartnerJoined", "../2021-06"),
        ("PartnerJoined", "../2021-06"),
    ]
    assert state_on(ilrs, date(2021, 5, 31)).status is None


def test_a_fact_is_uncertain_from_its_first_day_to_the_day_before_its_last() -> None:
    story = Story()
    fact = story.status("2021-06", Status.PROPOSED)
    assert uncertain_on(story.events, date(2021, 5, 31)) == []
    assert uncertain_on(story.events, date(2021, 6, 1)) == [fact]
    assert uncertain_on(story.events, date(2021, 6, 29)) == [fact]
    assert uncertain_on(story.events, date(2021, 6, 30)) == []


def test_registrations_and_notes_are_never_uncertain() -> None:
    story = Story()
    story.correct(story.registered, {"occurred": when("2021-06")})
    story.add(story.mission.note(report("2021-06", summary="A roadmap came out.")))
    assert [type(e) for e in effective_facts(story.events)] == [Registered, Noted]
    for day in (date(2021, 6, 1), date(2021, 6, 10), date(2021, 6, 29)):
        assert uncertain_on(story.events, day) == []


def test_uncertainty_follows_corrections_retractions_and_what_was_known() -> None:
    story = Story()
    fact = story.status("2021-06", Status.PROPOSED)
    other = story.status("2021-06-01/2021-06-20", Status.PLANNED)
    correction = story.correct(fact, {"occurred": when("2021-06-05")})
    retraction = story.retract(other)
    day = date(2021, 6, 10)
    # In the order of the world: "by 20 June" comes before "in June".
    assert uncertain_on(story.events, day, just_before(correction)) == [other, fact]
    assert [e.id for e in uncertain_on(story.events, day, correction.timestamp)] == [
        other.id
    ]
    assert uncertain_on(story.events, day, retraction.timestamp) == []
    assert uncertain_on(story.events, day) == []
