"""What the Mission aggregate refuses, and why: partners who are not members or
are already, unknown partners, long quotes, notes without a summary and ids already
recorded."""

from __future__ import annotations

from uuid import uuid4

import pytest

from adapters.dates import parse_edtf
from adapters.errors import InputError
from adapters.eventstore import commands
from adapters.eventstore.partners import Registry
from domain.errors import DomainError
from domain.events import MissionEvent
from domain.mission import register
from domain.vocabulary import Role, Standing, Status
from tests.model_facts import (
    Command,
    exomars,
    join,
    on,
    partners,
    recorded,
    replace,
    report,
    standing,
    then,
    withdraw,
)


def test_a_partner_who_never_joined_cannot_withdraw() -> None:
    with pytest.raises(DomainError) as refused:
        recorded(withdraw("esa", "2022-03-01"))
    assert str(refused.value) == (
        "esa is not a partner of exomars on 2022-03-01; record partner-joined first"
    )


def test_a_partner_cannot_withdraw_before_it_joined() -> None:
    mission = recorded(join("esa", "2022-03-01"))
    with pytest.raises(DomainError, match="esa is not a partner of exomars on 2022-02"):
        then(mission, withdraw("esa", "2022-02"))


def test_a_partner_cannot_withdraw_during_a_year_it_may_not_yet_have_joined() -> None:
    # Joined some time in 2022: not surely a partner by 1 June 2022.
    mission = recorded(join("esa", "2022"))
    with pytest.raises(DomainError, match="not a partner of exomars on 2022-06-01"):
        then(mission, withdraw("esa", "2022-06-01"))
    assert then(mission, withdraw("esa", "2023")).version == 3


def test_a_partner_cannot_withdraw_twice() -> None:
    mission = recorded(join("esa", "2016"), withdraw("esa", "2022-07"))
    with pytest.raises(DomainError) as refused:
        then(mission, withdraw("esa", "2023"))
    assert str(refused.value) == (
        "esa is no longer a partner of exomars on 2023: it left on 2022-07, as"
        " recorded (it withdrew); date this fact before that, or record"
        " partner-joined again first"
    )


def test_a_partner_can_withdraw_at_a_date_before_a_later_withdrawal() -> None:
    mission = recorded(join("esa", "2016"), withdraw("esa", "2022-07"))
    assert then(mission, withdraw("esa", "2020")).version == 4


def test_a_non_member_cannot_be_replaced() -> None:
    with pytest.raises(DomainError) as refused:
        recorded(replace("roscosmos", "nasa", "2022-11"))
    assert str(refused.value) == (
        "roscosmos is not a partner of exomars on 2022-11; record partner-joined first"
    )


def test_a_withdrawn_partner_cannot_be_replaced() -> None:
    mission = recorded(join("roscosmos", "2016"), withdraw("roscosmos", "2022-07"))
    with pytest.raises(DomainError, match="roscosmos is no longer a partner"):
        then(mission, replace("roscosmos", "nasa", "2022-11"))


def test_a_replaced_partner_is_said_to_have_been_replaced() -> None:
    mission = recorded(join("roscosmos", "2016"), replace("roscosmos", "nasa", "2022"))
    with pytest.raises(
        DomainError, match=r"it left on 2022, as recorded \(it was replaced\)"
    ):
        then(mission, withdraw("roscosmos", "2023"))


def test_a_partner_whose_standing_became_withdrawn_is_said_so() -> None:
    mission = recorded(
        join("roscosmos", "2016"), standing("roscosmos", Standing.WITHDRAWN, "2022")
    )
    with pytest.raises(DomainError, match=r"\(its standing became withdrawn\)"):
        then(mission, withdraw("roscosmos", "2023"))


def test_the_standing_of_a_non_member_cannot_change() -> None:
    mission = recorded(join("roscosmos", "2016"))
    with pytest.raises(DomainError) as refused:
        then(mission, standing("esa", Standing.SUSPENDED, "2022-02-28"))
    assert str(refused.value) == (
        "esa is not a partner of exomars on 2022-02-28; record partner-joined first"
    )


def test_the_standing_of_a_partner_cannot_change_before_it_joined() -> None:
    mission = recorded(join("roscosmos", "2016-06"))
    with pytest.raises(DomainError, match="roscosmos is not a partner"):
        then(mission, standing("roscosmos", Standing.SUSPENDED, "2016-05-31"))


def test_a_partner_who_is_already_a_member_cannot_join_again() -> None:
    mission = recorded(join("esa", "2016", Role.LEAD))
    with pytest.raises(DomainError) as refused:
        then(mission, join("esa", "2022-03-01"))
    assert str(refused.value) == (
        "esa is already a partner of exomars on 2022-03-01 (lead, active)"
    )


def test_a_suspended_partner_is_still_a_member_and_cannot_join_again() -> None:
    mission = recorded(
        join("roscosmos", "2016"),
        standing("roscosmos", Standing.SUSPENDED, "2022-02-28"),
    )
    with pytest.raises(
        DomainError, match=r"already a partner .* \(partner, suspended\)"
    ):
        then(mission, join("roscosmos", "2022-03"))


def test_a_partner_may_join_before_a_later_recorded_join() -> None:
    mission = recorded(join("esa", "2022-03-01"))
    assert then(mission, join("esa", "2016")).version == 3


def test_an_existing_member_cannot_replace_another() -> None:
    mission = recorded(join("esa", "2016", Role.LEAD), join("roscosmos", "2016"))
    with pytest.raises(DomainError) as refused:
        then(mission, replace("roscosmos", "esa", "2022-11"))
    assert str(refused.value) == (
        "esa is already a partner of exomars on 2022-11 (lead, active)"
    )


def test_a_partner_cannot_replace_itself() -> None:
    mission = recorded(join("esa", "2016"))
    with pytest.raises(DomainError, match="a partner cannot replace itself: esa"):
        then(mission, replace("esa", "esa", "2022-11"))


def test_a_withdrawn_partner_may_come_back_as_a_replacement() -> None:
    mission = recorded(
        join("nasa", "2011"),
        withdraw("nasa", "2012"),
        join("roscosmos", "2013"),
        replace("roscosmos", "nasa", "2022-11"),
    )
    assert partners(on(mission, "2022-12-01"))["nasa"] == (
        Role.PARTNER,
        Standing.ACTIVE,
    )


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("partner-joined", {"partner": "spacex", "role": "lead"}),
        ("partner-withdrawn", {"partner": "spacex"}),
        ("partner-replaced", {"partner": "spacex", "by": "esa"}),
        ("partner-replaced", {"partner": "esa", "by": "spacex"}),
        ("partner-standing-changed", {"partner": "spacex", "standing": "suspended"}),
        ("status-changed", {"status": "cancelled", "by_party": "spacex"}),
    ],
    ids=["join", "withdraw", "replace", "replace-by", "standing", "by-party"],
)
def test_an_unknown_partner_is_refused_with_the_known_ones(
    kind: str, options: dict[str, str | None]
) -> None:
    # Partners are data: the command layer, which knows them, refuses the fact.
    mission = recorded(join("esa", "2016"))
    with pytest.raises(InputError) as refused:
        commands.record(mission, kind, report("2022"), options, Registry)
    message = str(refused.value)
    assert message.startswith("unknown partner 'spacex'; known partners: ")
    assert "esa, " in message
    assert "roscosmos" in message


def words(count: int) -> str:
    return " ".join(["word"] * count)


def test_a_quote_of_twenty_four_words_is_kept() -> None:
    mission = then(
        exomars(),
        lambda m: m.change_status(
            Status.SUSPENDED, report("2022-03-17", quote=words(24))
        ),
    )
    last = mission.events[-1]
    assert isinstance(last, MissionEvent)
    assert last.quote == words(24)


@pytest.mark.parametrize("count", [25, 60])
def test_a_quote_of_twenty_five_words_or_more_is_refused(count: int) -> None:
    with pytest.raises(DomainError) as refused:
        exomars().change_status(
            Status.SUSPENDED, report("2022-03-17", quote=words(count))
        )
    assert str(refused.value) == (
        f"a quote must be under 25 words (this one has {count});"
        " say the rest in the summary, in our own words"
    )


def test_a_long_quote_is_refused_for_every_kind_of_fact() -> None:
    mission = recorded(join("esa", "2016"))
    long = report("2022", quote=words(25), summary="Something happened.")
    commands: list[Command] = [
        lambda m: m.note(long),
        lambda m: m.change_launch_target(parse_edtf("2028"), long),
        lambda m: m.join_partner("nasa", Role.PARTNER, Standing.ACTIVE, long),
        lambda m: m.withdraw_partner("esa", long),
        lambda m: m.replace_partner("esa", "nasa", long),
        lambda m: m.change_standing("esa", Standing.SUSPENDED, long),
    ]
    for command in commands:
        with pytest.raises(DomainError, match="under 25 words"):
            command(mission)
    with pytest.raises(DomainError, match="under 25 words"):
        register("venera-d", "Venera-D", [], long)


@pytest.mark.parametrize("summary", [None, ""])
def test_a_note_without_a_summary_is_refused(summary: str | None) -> None:
    with pytest.raises(DomainError) as refused:
        exomars().note(report("2022-03-01", summary=summary))
    assert str(refused.value) == "a note needs a summary: say what happened"


def test_a_fact_with_an_id_already_recorded_is_refused() -> None:
    fact_id = uuid4()
    mission = then(
        exomars(), lambda m: m.change_status(Status.PLANNED, report("2020", id=fact_id))
    )
    assert mission.has_event(fact_id)
    with pytest.raises(DomainError) as refused:
        mission.change_status(Status.DELAYED, report("2021", id=fact_id))
    assert str(refused.value) == f"event {fact_id} is already recorded"


def test_the_registration_id_cannot_be_reused_for_a_fact() -> None:
    mission = exomars()
    with pytest.raises(DomainError, match="already recorded"):
        mission.note(report("2022", id=mission.events[0].id, summary="Again."))


def test_a_refused_command_leaves_the_mission_as_it_was() -> None:
    mission = recorded(join("esa", "2016"))
    snapshot = mission.model_copy(deep=True)
    with pytest.raises(DomainError):
        mission.withdraw_partner("nasa", report("2022"))
    assert mission == snapshot
