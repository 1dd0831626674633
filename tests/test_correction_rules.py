"""The rules a correction or a retraction must keep: what can be corrected or
retracted, which fields a correction may name, and what it may bring in."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from adapters.errors import InputError
from adapters.eventstore import commands
from adapters.eventstore.partners import Registry
from domain.events import Event, StatusChanged
from domain.vocabulary import Status
from tests.knowledge_facts import WITHDRAWN, Story, refusal, report, when


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
            " it can have: by_party, effective, occurred, quote, source, status,"
            " summary",
        ),
        (
            "status",
            {"target": when("2028"), "role": "lead", "status": "planned"},
            "a StatusChanged cannot have its role, target corrected;"
            " it can have: by_party, effective, occurred, quote, source, status,"
            " summary",
        ),
        (
            "status",
            {"id": str(uuid4())},
            "a StatusChanged cannot have its id corrected;"
            " it can have: by_party, effective, occurred, quote, source, status,"
            " summary",
        ),
        (
            "status",
            {"timestamp": "2022-03-01T00:00:00Z"},
            "a StatusChanged cannot have its timestamp corrected;"
            " it can have: by_party, effective, occurred, quote, source, status,"
            " summary",
        ),
        (
            "status",
            {"kind": "noted"},
            "a StatusChanged cannot have its kind corrected;"
            " it can have: by_party, effective, occurred, quote, source, status,"
            " summary",
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
            " it can have: effective, occurred, partner, quote, role, source,"
            " standing, summary",
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
    not be a way around that rule. Partners are data, so the command layer, which
    knows them, refuses it (and the import, each line: tests/bad_inputs)."""
    with pytest.raises(InputError) as refused:
        commands.corrections(None, None, None, None, {"partner": "spacex"}, Registry)
    assert str(refused.value).startswith("unknown partner 'spacex'; known partners: ")


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
