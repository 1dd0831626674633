"""What was known at a time: corrections and retractions applied to the facts, the
rules a correction or a retraction must keep, uncertain dates and the history of
changes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypeVar
from uuid import UUID, uuid4

import pytest

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from domain.errors import DomainError
from domain.events import (
    Corrected,
    Event,
    LaunchTargetChanged,
    MissionEvent,
    Noted,
    PartnerJoined,
    PartnerReplaced,
    Registered,
    Retracted,
    Source,
    StatusChanged,
)
from domain.knowledge import amendments, effective_facts, known_by, root_fact
from domain.mission import Mission, Report, project_mission, register
from domain.timeline import history, state_on, uncertain_on
from domain.vocabulary import Role, Standing, Status

SOURCE = Source(publication="SpaceNews", title="ExoMars in limbo")
ESA = Source(
    publication="ESA",
    title="ExoMars suspended",
    author="ESA Council",
    published=date(2022, 3, 17),
    url="https://www.esa.int/exomars",
)
WITHDRAWN = Source(publication="SpaceNews", title="A correction")

E = TypeVar("E", bound=Event)


def when(edtf: str) -> dict[str, Any]:
    """A date as a correction carries it: JSON, with its earliest and latest day."""
    return parse_edtf(edtf).model_dump(mode="json")


def report(edtf: str, **fields: Any) -> Report:
    """What a source reports of a fact dated `edtf`."""
    return Report.model_validate(
        {"occurred": parse_edtf(edtf), "source": SOURCE, **fields}
    )


class Story:
    """A mission and the events recorded about it, one after the other."""

    def __init__(self, slug: str = "exomars", name: str = "ExoMars") -> None:
        first = register(slug, name, [], report("2016"))
        mission = project_mission(None, [first])
        assert mission is not None
        self.mission: Mission = mission
        self.registered = first

    def add(self, event: E) -> E:
        """Record `event` (which the mission's own command made)."""
        after = project_mission(self.mission, [event])
        assert after is not None
        self.mission = after
        return event

    @property
    def events(self) -> tuple[Event, ...]:
        return self.mission.events

    def fact(self, event_id: UUID) -> MissionEvent | None:
        """The fact with this id as it is now known, or None if it does not count."""
        return next((f for f in effective_facts(self.events) if f.id == event_id), None)

    def current(self, event_id: UUID) -> MissionEvent:
        """The fact with this id as it is now known; it must count."""
        fact = self.fact(event_id)
        assert fact is not None
        return fact

    def status(self, edtf: str, value: Status = Status.PLANNED) -> StatusChanged:
        return self.add(self.mission.change_status(value, report(edtf)))

    def join(
        self,
        partner: str,
        edtf: str,
        role: Role = Role.PARTNER,
        standing: Standing = Standing.ACTIVE,
    ) -> PartnerJoined:
        return self.add(
            self.mission.join_partner(partner, role, standing, report(edtf))
        )

    def correct(
        self, event: Event, changes: dict[str, Any], summary: str | None = None
    ) -> Corrected:
        return self.add(self.mission.correct(event.id, changes, summary))

    def retract(self, event: Event, reason: str = "The report was wrong.") -> Retracted:
        return self.add(self.mission.retract(event.id, reason, WITHDRAWN))


def refusal(action: Any, *args: Any) -> str:
    """The message of the DomainError `action(*args)` raises."""
    with pytest.raises(DomainError) as raised:
        action(*args)
    return str(raised.value)


def just_before(event: Event) -> Any:
    return event.timestamp - timedelta(microseconds=1)


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


# Mission.correct and Mission.retract: the rules


def test_an_unknown_event_cannot_be_corrected_or_retracted() -> None:
    story = Story()
    story.status("2022-03-07")
    unknown = uuid4()
    message = f"event {unknown} is not an event of exomars"
    assert refusal(story.mission.correct, unknown, {"summary": "x"}) == message
    assert refusal(story.mission.retract, unknown, "wrong", WITHDRAWN) == message


def test_an_event_of_another_mission_cannot_be_corrected_or_retracted() -> None:
    venera = Story("venera-d", "Venera-D")
    theirs = venera.status("2022-03-01", Status.DELAYED)
    story = Story()
    message = f"event {theirs.id} is not an event of exomars"
    assert refusal(story.mission.correct, theirs.id, {"summary": "x"}) == message
    assert refusal(story.mission.retract, theirs.id, "wrong", WITHDRAWN) == message


def test_a_retracted_event_cannot_be_corrected_or_retracted_again() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    retraction = story.retract(fact)
    assert refusal(story.mission.correct, fact.id, {"summary": "x"}) == (
        f"event {fact.id} was retracted by {retraction.id}; it cannot be corrected"
    )
    assert refusal(story.mission.retract, fact.id, "again", WITHDRAWN) == (
        f"event {fact.id} was retracted by {retraction.id}; it cannot be retracted"
    )


def test_a_correction_of_a_retracted_fact_cannot_be_corrected() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    correction = story.correct(fact, {"summary": "Planned."})
    retraction = story.retract(fact)
    assert refusal(story.mission.correct, correction.id, {"summary": "x"}) == (
        f"event {fact.id} was retracted by {retraction.id}; it cannot be corrected"
    )


def test_a_retracted_correction_cannot_be_corrected() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    correction = story.correct(fact, {"summary": "Planned."})
    retraction = story.retract(correction)
    assert refusal(story.mission.correct, correction.id, {"summary": "x"}) == (
        f"event {correction.id} was retracted by {retraction.id};"
        " it cannot be corrected"
    )


def test_a_retraction_cannot_be_corrected_or_retracted() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    retraction = story.retract(fact)
    assert refusal(story.mission.correct, retraction.id, {"reason": "x"}) == (
        f"event {retraction.id} is a retraction; it cannot be corrected"
    )
    assert refusal(story.mission.retract, retraction.id, "x", WITHDRAWN) == (
        f"event {retraction.id} is a retraction; it cannot be retracted"
    )


def test_a_registration_cannot_be_retracted() -> None:
    story = Story()
    assert refusal(story.mission.retract, story.registered.id, "x", WITHDRAWN) == (
        "a registration cannot be retracted; correct its date or source instead"
    )


def test_a_retraction_needs_a_reason() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    assert refusal(story.mission.retract, fact.id, "   ", WITHDRAWN) == (
        "a retraction needs a reason"
    )


@pytest.mark.parametrize(
    ("kind", "changes", "message"),
    [
        (
            "status",
            {"partner": "esa"},
            "a StatusChanged cannot have its partner corrected;"
            " it can have: occurred, quote, source, status, summary",
        ),
        (
            "status",
            {"target": when("2028"), "role": "lead", "status": "planned"},
            "a StatusChanged cannot have its role, target corrected;"
            " it can have: occurred, quote, source, status, summary",
        ),
        (
            "status",
            {"id": str(uuid4())},
            "a StatusChanged cannot have its id corrected;"
            " it can have: occurred, quote, source, status, summary",
        ),
        (
            "status",
            {"timestamp": "2022-03-01T00:00:00Z"},
            "a StatusChanged cannot have its timestamp corrected;"
            " it can have: occurred, quote, source, status, summary",
        ),
        (
            "status",
            {"kind": "noted"},
            "a StatusChanged cannot have its kind corrected;"
            " it can have: occurred, quote, source, status, summary",
        ),
        (
            "registered",
            {"slug": "rosalind", "name": "Rosalind Franklin"},
            "a Registered cannot have its name, slug corrected;"
            " it can have: occurred, quote, source, summary",
        ),
        (
            "joined",
            {"status": "planned"},
            "a PartnerJoined cannot have its status corrected;"
            " it can have: occurred, partner, quote, role, source, standing, summary",
        ),
    ],
)
def test_a_correction_may_name_only_the_fields_the_kind_has(
    kind: str, changes: dict[str, Any], message: str
) -> None:
    story = Story()
    events: dict[str, Event] = {
        "registered": story.registered,
        "status": story.status("2022-03-07"),
        "joined": story.join("esa", "2016"),
    }
    assert refusal(story.mission.correct, events[kind].id, changes) == message


def test_an_empty_correction_is_refused() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    assert refusal(story.mission.correct, fact.id, {}) == (
        "nothing to correct: give the fields that were wrong"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"status": "exploded"},
            "status: Input should be 'proposed', 'planned', 'at_risk', 'delayed',"
            " 'suspended', 'cancelled', 'launched', 'operating', 'completed'"
            " or 'failed'",
        ),
        (
            {
                "occurred": {
                    "edtf": "x",
                    "earliest": "2022-03-02",
                    "latest": "2022-03-01",
                }
            },
            "occurred: Value error, x: earliest day 2022-03-02 is after 2022-03-01",
        ),
        (
            {"occurred": "2022-03-17"},
            "occurred: Input should be a valid dictionary or instance of WorldDate",
        ),
        ({"summary": ""}, "summary: String should have at least 1 character"),
        (
            {"source": {"publication": ""}},
            "source.publication: String should have at least 1 character",
        ),
        (
            {"source": {"publication": "ESA", "pages": 3}},
            "source.pages: Extra inputs are not permitted",
        ),
    ],
)
def test_a_correction_that_does_not_fit_the_kind_is_refused(
    changes: dict[str, Any], message: str
) -> None:
    story = Story()
    fact = story.status("2022-03-07")
    assert refusal(story.mission.correct, fact.id, changes) == (
        f"the correction does not fit a StatusChanged: {message}"
    )


def test_a_correction_is_checked_against_the_fact_as_already_corrected() -> None:
    story = Story()
    fact = story.status("2022-03-07")
    story.correct(fact, {"occurred": when("2022-03-01/2022-03-31")})
    # Fine on its own; and still fine once combined with the first correction.
    story.correct(fact, {"status": "delayed"})
    fixed = story.fact(fact.id)
    assert isinstance(fixed, StatusChanged)
    assert (fixed.occurred.edtf, fixed.status) == ("2022-03-01/2022-03-31", "delayed")


def test_a_correction_cannot_bring_in_a_quote_of_25_words_or_more() -> None:
    """A fact's quote must be under 25 words when it is recorded; a correction must
    not be a way around that rule."""
    story = Story()
    fact = story.status("2022-03-07")
    quote = " ".join(["word"] * 30)
    assert refusal(story.mission.correct, fact.id, {"quote": quote}) == (
        "a quote must be under 25 words (this one has 30);"
        " say the rest in the summary, in our own words"
    )


def test_a_correction_cannot_bring_in_an_unknown_partner() -> None:
    """A fact can only name a known partner when it is recorded; a correction must
    not be a way around that rule."""
    story = Story()
    joined = story.join("esa", "2016")
    message = refusal(story.mission.correct, joined.id, {"partner": "spacex"})
    assert message.startswith("unknown partner 'spacex'; known partners: ")


def test_a_correction_that_changes_nothing_is_refused() -> None:
    story = Story()
    fact = story.status("2022-03-07", Status.SUSPENDED)
    story.correct(fact, {"occurred": when("2022-03-17")})
    message = f"the correction changes nothing: event {fact.id} already says so"
    for same in (
        {"status": "suspended"},
        {"occurred": when("2022-03-17")},
        {"summary": fact.summary, "status": "suspended"},
    ):
        assert refusal(story.mission.correct, fact.id, same) == message
    # A date the first correction superseded is a change again.
    story.correct(fact, {"occurred": when("2022-03-07")})
    assert story.current(fact.id).occurred.edtf == "2022-03-07"


def test_a_correction_is_checked_like_a_new_fact_about_partners() -> None:
    story = Story()
    joined = story.join("esa", "2020")
    withdrawn = story.add(story.mission.withdraw_partner("esa", report("2021")))
    nasa = story.join("nasa", "2020")
    # Withdrawn before it joined; joined twice at once; a stranger's withdrawal.
    assert refusal(
        story.mission.correct, withdrawn.id, {"occurred": when("2019-06")}
    ) == ("esa is not a partner of exomars on 2019-06; record partner-joined first")
    assert refusal(story.mission.correct, nasa.id, {"partner": "esa"}) == (
        "esa is already a partner of exomars on 2020 (partner, active)"
    )
    assert refusal(story.mission.correct, withdrawn.id, {"partner": "jaxa"}) == (
        "jaxa is not a partner of exomars on 2021; record partner-joined first"
    )
    # The fact being corrected does not stand in its own way.
    story.correct(joined, {"occurred": when("2019")})
    assert story.current(joined.id).occurred.edtf == "2019"


# uncertain_on


@pytest.fixture
def ilrs(seeded: MissionTracker) -> tuple[Event, ...]:
    """The events of the ILRS, as the article gives them."""
    return seeded.mission("ilrs").events


def test_the_ilrs_roadmap_of_june_2021_is_uncertain_within_the_month(
    ilrs: tuple[Event, ...],
) -> None:
    uncertain = uncertain_on(ilrs, date(2021, 6, 10))
    assert [(e.type, e.occurred.edtf) for e in uncertain] == [
        ("StatusChanged", "2021-06"),
        ("PartnerJoined", "2021-06"),
        ("PartnerJoined", "2021-06"),
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
    assert state.target_launch.edtf == "2030/2033"


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


# history


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
    story.add(story.mission.note(report("2022-12", summary="Nothing changed.")))
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
