"""The rules' own account of a mission (domain.admission), kept one event at a time,
against the fold of the world's order (domain.timeline) as a reference: whatever
facts about partners, corrections and retractions come, in whatever order of the
world, a partner's part on a day is the same in both."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.admission import Admission
from domain.dates import WorldDate
from domain.events import (
    Corrected,
    Event,
    PartnerJoined,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    Registered,
    Retracted,
    Source,
    StatusChanged,
)
from domain.identity import mission_id
from domain.projection import project_mission
from domain.timeline import state_on
from domain.vocabulary import Role, Standing, Status
from tests.model_facts import join, recorded, then

ORIGIN = mission_id("probe")
SOURCE = Source(publication="A test")
FIRST = date(2022, 1, 1)
PARTNERS = ("esa", "nasa", "cnsa")
MOVES = ("joined", "replaced", "withdrawn", "standing", "status")

#: A step of a story: a fact (its move, day, partners, standing), a correction
#: of its date, or a retraction (each of an earlier step, by index).
Step = tuple[str, int, int, int, int]

steps = st.lists(
    st.tuples(
        st.sampled_from((*MOVES, "correct", "retract")),
        st.integers(0, 9),
        st.integers(0, 2),
        st.integers(0, 2),
        st.integers(0, 3),
    ),
    max_size=40,
)


def _day(offset: int) -> WorldDate:
    return WorldDate.day(FIRST + timedelta(days=offset))


class Story:
    """Events built one after the other, each the mission's next version."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def next(self, cls: type[Any], **fields: Any) -> Event:
        event: Event = cls(
            originator_id=ORIGIN,
            originator_version=len(self.events) + 1,
            timestamp=datetime(2024, 1, 1, tzinfo=UTC)
            + timedelta(seconds=len(self.events)),
            id=uuid4(),
            **fields,
        )
        self.events.append(event)
        return event

    def fact(self, cls: type[Any], day: int, **fields: Any) -> Event:
        return self.next(
            cls, occurred=_day(day), source=SOURCE, summary="A fact.", **fields
        )


def _told(story: Story, step: Step) -> None:
    move, day, first, second, level = step
    partner, other = PARTNERS[first], PARTNERS[second]
    standing = list(Standing)[level]
    earlier = [e.id for e in story.events[1:]]
    if move == "joined":
        story.fact(
            PartnerJoined, day, partner=partner, role=Role.PARTNER, standing=standing
        )
    elif move == "replaced":
        story.fact(
            PartnerReplaced,
            day,
            partner=partner,
            by=other,
            role=Role.LEAD,
            standing=standing,
        )
    elif move == "withdrawn":
        story.fact(PartnerWithdrawn, day, partner=partner)
    elif move == "standing":
        story.fact(PartnerStandingChanged, day, partner=partner, standing=standing)
    elif move == "status":
        story.fact(StatusChanged, day, status=Status.PLANNED)
    elif earlier and move == "correct":
        target: UUID = earlier[(day * 7 + first) % len(earlier)]
        changes = {"occurred": _day(second * 3 + level).model_dump(mode="json")}
        story.next(Corrected, corrects=target, changes=changes, summary="Fixed.")
    elif earlier and move == "retract":
        target = earlier[(day * 5 + second) % len(earlier)]
        story.next(
            Retracted, retracts=target, reason="Withdrawn.", source=SOURCE, summary="."
        )


@given(steps)
@settings(max_examples=300, deadline=None)
def test_a_partners_part_on_a_day_is_the_folds(told: list[Step]) -> None:
    story = Story()
    story.next(
        Registered,
        occurred=_day(0),
        source=SOURCE,
        summary="Tracked.",
        slug="probe",
        name="Probe",
    )
    rules = Admission("probe")
    rules.add(story.events[0])
    for step in told:
        _told(story, step)
        rules.add(story.events[-1])
        for day in range(0, 12, 3):
            on = FIRST + timedelta(days=day)
            state = state_on(story.events, on)
            for partner in PARTNERS:
                expected = state.membership(partner)
                found = rules.membership(partner, on, on)
                assert (found and (found.role, found.standing)) == (
                    expected and (expected.role, expected.standing)
                ), (partner, on)


# What a mission keeps of its rules from one version to the next


def test_a_later_version_counts_in_only_its_new_events() -> None:
    first = recorded(join("esa", "2021"))
    rules = first.admission()
    later = then(first, join("nasa", "2022"))
    assert later.admission() is rules
    assert rules.counted == len(later.events)
    fresh = Admission.of("exomars", later.events)
    assert rules.classes == fresh.classes
    on = date(2023, 1, 1)
    for partner in ("esa", "nasa"):
        assert rules.membership(partner, on, on) == fresh.membership(partner, on, on)


def test_an_earlier_version_asked_again_does_not_see_a_later_ones_events() -> None:
    first = recorded(join("esa", "2021"))
    first.admission()
    later = then(first, join("nasa", "2022"))
    later.admission()
    again = first.admission()
    assert again.counted == len(first.events)
    assert later.events[-1].id.int not in again.classes
    on = date(2023, 1, 1)
    assert again.membership("nasa", on, on) is None


def test_a_mission_without_one_of_its_events_has_rules_of_its_own() -> None:
    mission = recorded(join("esa", "2021"), join("nasa", "2022"))
    rules = mission.admission()
    dropped = mission.events[1]
    without = mission.model_copy(
        update={"events": tuple(e for e in mission.events if e is not dropped)}
    )
    assert without.admission() is not rules
    assert dropped.id.int not in without.admission().classes
    assert dropped.id.int in mission.admission().classes


def test_what_is_kept_for_the_rules_does_not_make_missions_differ() -> None:
    mission = recorded(join("esa", "2021"))
    mission.admission()
    assert mission == project_mission(None, mission.events)
