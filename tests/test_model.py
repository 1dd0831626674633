"""The Mission aggregate's commands and invariants, and the fold of its facts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar
from uuid import uuid4

import pytest

from adapters.dates import parse_edtf
from domain.errors import DomainError
from domain.events import (
    LaunchTargetChanged,
    MissionEvent,
    Noted,
    PartnerJoined,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    Registered,
    Source,
    StatusChanged,
)
from domain.mission import Mission, Report, mission_id, project_mission, register
from domain.timeline import Membership, MissionState, fold, state_on, world_order
from domain.vocabulary import Role, Standing, Status

SOURCE = Source(publication="SpaceNews", title="ExoMars in limbo")

Command = Callable[[Mission], MissionEvent]
E = TypeVar("E", bound=MissionEvent)


def report(edtf: str, **fields: object) -> Report:
    """What a source reports of a fact dated `edtf`."""
    return Report.model_validate(
        {"occurred": parse_edtf(edtf), "source": SOURCE, **fields}
    )


def exomars() -> Mission:
    """ExoMars, registered and with no other facts."""
    event = register("exomars", "ExoMars", ["Rosalind Franklin"], report("2016"))
    mission = project_mission(None, [event])
    assert mission is not None
    return mission


def recorded(*commands: Command) -> Mission:
    """ExoMars with facts recorded one after the other, each checked as recorded."""
    mission = exomars()
    for command in commands:
        mission = then(mission, command)
    return mission


def then(mission: Mission, command: Command) -> Mission:
    """The mission once the fact `command` gives is recorded."""
    after = project_mission(mission, [command(mission)])
    assert after is not None
    return after


def status(value: Status, edtf: str) -> Command:
    return lambda m: m.change_status(value, report(edtf))


def join(
    partner: str,
    edtf: str,
    role: Role = Role.PARTNER,
    standing: Standing = Standing.ACTIVE,
) -> Command:
    return lambda m: m.join_partner(partner, role, standing, report(edtf))


def withdraw(partner: str, edtf: str) -> Command:
    return lambda m: m.withdraw_partner(partner, report(edtf))


def replace(
    partner: str,
    by: str,
    edtf: str,
    role: Role | None = None,
    standing: Standing = Standing.ACTIVE,
) -> Command:
    return lambda m: m.replace_partner(partner, by, report(edtf), role, standing)


def standing(partner: str, value: Standing, edtf: str) -> Command:
    return lambda m: m.change_standing(partner, value, report(edtf))


def target(value: str, edtf: str) -> Command:
    return lambda m: m.change_launch_target(parse_edtf(value), report(edtf))


def note(edtf: str, summary: str = "ESA met to discuss the mission.") -> Command:
    return lambda m: m.note(report(edtf, summary=summary))


def on(mission: Mission, day: str) -> MissionState:
    """What was true of the mission at the end of `day`."""
    return state_on(mission.events, date.fromisoformat(day))


def partners(state: MissionState) -> dict[str, tuple[Role, Standing]]:
    return {m.partner: (m.role, m.standing) for m in state.partners}


# Registering


def test_registering_a_mission_gives_it_an_id_from_its_slug() -> None:
    mission = exomars()
    assert mission.id == mission_id("exomars")
    assert (mission.slug, mission.name, mission.aliases) == (
        "exomars",
        "ExoMars",
        ("Rosalind Franklin",),
    )
    assert mission.version == 1
    assert [type(e) for e in mission.events] == [Registered]


def test_a_registered_mission_has_no_status_partners_or_target() -> None:
    state = on(exomars(), "2030-01-01")
    assert (state.status, state.partners, state.target_launch, state.since) == (
        None,
        (),
        None,
        None,
    )
    assert [type(e) for e in state.applied] == [Registered]


def test_each_recorded_fact_takes_the_next_version() -> None:
    mission = recorded(status(Status.PLANNED, "2020"), note("2021"))
    assert [e.originator_version for e in mission.events] == [1, 2, 3]
    assert {e.originator_id for e in mission.events} == {mission.id}
    assert mission.version == 3


def test_a_fact_without_a_summary_is_described_in_words() -> None:
    mission = recorded(
        status(Status.AT_RISK, "2022-02-28"),
        join("esa", "2016"),
        replace("esa", "nasa", "2022-11"),
        standing("nasa", Standing.PROSPECTIVE, "2022-12"),
        withdraw("nasa", "2023"),
        target("2028", "2023"),
    )
    assert [e.summary for e in mission.events[1:]] == [
        "The status changed to at_risk.",
        "esa joined as partner (active).",
        "nasa took the place of esa.",
        "nasa's standing changed to prospective.",
        "nasa withdrew.",
        "The launch target moved to 2028.",
    ]


# Status


def test_status_is_that_of_the_last_status_change_in_the_order_of_the_world() -> None:
    mission = recorded(
        status(Status.PLANNED, "2020-01-15"),
        status(Status.AT_RISK, "2022-02-28"),
    )
    assert on(mission, "2020-01-14").status is None
    assert on(mission, "2020-01-15").status is Status.PLANNED
    assert on(mission, "2022-02-27").status is Status.PLANNED
    assert on(mission, "2022-02-28").status is Status.AT_RISK


def test_status_ignores_events_dated_after_the_query() -> None:
    mission = recorded(
        status(Status.PLANNED, "2020"),
        status(Status.SUSPENDED, "2022-03-17"),
        target("2028", "2022-11"),
        join("esa", "2022-12"),
    )
    state = on(mission, "2022-03-16")
    assert state.status is Status.PLANNED
    assert state.target_launch is None
    assert state.partners == ()
    assert [type(e) for e in state.applied] == [Registered, StatusChanged]


def test_status_ignores_a_fact_that_may_not_yet_have_happened() -> None:
    mission = recorded(
        status(Status.PLANNED, "2020-01-15"), status(Status.CANCELLED, "2022")
    )
    assert parse_edtf("2022").maybe_by(date(2022, 6, 1))
    assert on(mission, "2022-06-01").status is Status.PLANNED
    assert on(mission, "2022-12-30").status is Status.PLANNED
    assert on(mission, "2022-12-31").status is Status.CANCELLED


def test_a_fact_on_or_before_a_day_applies_from_that_day() -> None:
    mission = recorded(status(Status.SUSPENDED, "../2022-02-24"))
    assert on(mission, "2022-02-23").status is None
    assert on(mission, "2022-02-24").status is Status.SUSPENDED


def test_a_fact_with_an_open_end_never_applies() -> None:
    mission = recorded(status(Status.LAUNCHED, "2028/.."))
    assert on(mission, "9999-12-30").status is None


def test_a_fact_recorded_later_but_dated_earlier_takes_its_place_in_the_world() -> None:
    mission = recorded(
        status(Status.AT_RISK, "2022-02-28"),
        status(Status.PLANNED, "2020-01-15"),
    )
    assert on(mission, "2021-01-01").status is Status.PLANNED
    assert on(mission, "2022-03-01").status is Status.AT_RISK


def test_facts_are_ordered_by_their_latest_day_before_their_earliest() -> None:
    # The range starts first, but has surely happened only a day later.
    mission = recorded(
        status(Status.DELAYED, "2022-01-01/2022-05-02"),
        status(Status.AT_RISK, "2022-05-01"),
    )
    assert on(mission, "2022-05-01").status is Status.AT_RISK
    assert on(mission, "2022-05-02").status is Status.DELAYED


def test_facts_with_the_same_latest_day_are_ordered_by_their_earliest() -> None:
    mission = recorded(
        status(Status.CANCELLED, "2022-12-31"),
        status(Status.DELAYED, "2022"),
    )
    assert on(mission, "2022-12-31").status is Status.CANCELLED


def test_facts_on_the_same_dates_are_ordered_as_recorded() -> None:
    first = recorded(
        status(Status.DELAYED, "2022-03"), status(Status.SUSPENDED, "2022-03")
    )
    second = recorded(
        status(Status.SUSPENDED, "2022-03"), status(Status.DELAYED, "2022-03")
    )
    assert on(first, "2022-04-01").status is Status.SUSPENDED
    assert on(second, "2022-04-01").status is Status.DELAYED


def test_the_world_order_sorts_by_latest_earliest_and_version() -> None:
    mission = recorded(
        note("2022-12-31"),
        note("2022"),
        note("2022-05-01"),
        note("2022"),
        note("../2022-05-01"),
    )
    ordered = world_order(e for e in mission.events if isinstance(e, MissionEvent))
    assert [(e.occurred.edtf, e.originator_version) for e in ordered] == [
        ("2016", 1),
        ("../2022-05-01", 6),
        ("2022-05-01", 4),
        ("2022", 3),
        ("2022", 5),
        ("2022-12-31", 2),
    ]


# Since, and facts that change nothing


def test_since_is_the_date_of_the_last_fact_that_changed_the_state() -> None:
    mission = recorded(
        status(Status.PLANNED, "2020-01-15"),
        join("esa", "2021-06"),
        note("2022-02-24"),
    )
    state = on(mission, "2022-03-01")
    assert state.since == parse_edtf("2021-06")
    assert on(mission, "2021-01-01").since == parse_edtf("2020-01-15")


def test_since_follows_the_order_of_the_world_not_of_recording() -> None:
    mission = recorded(target("2028", "2022-11"), status(Status.PLANNED, "2020"))
    assert on(mission, "2023-01-01").since == parse_edtf("2022-11")


def test_a_note_changes_no_state_but_counts_as_applied() -> None:
    before = recorded(status(Status.SUSPENDED, "2022-03-17"))
    after = then(before, note("2022-04-01", "Roscosmos was told."))
    old, new = on(before, "2022-05-01"), on(after, "2022-05-01")
    assert (new.status, new.partners, new.target_launch, new.since) == (
        old.status,
        old.partners,
        old.target_launch,
        old.since,
    )
    assert len(new.applied) == len(old.applied) + 1
    assert isinstance(new.applied[-1], Noted)
    assert new.applied[-1].summary == "Roscosmos was told."


# Partners


def test_a_partner_joins_in_a_role_and_with_a_standing() -> None:
    mission = recorded(
        join("esa", "2016", Role.LEAD),
        join("roscosmos", "2016", Role.PARTNER, Standing.PROSPECTIVE),
    )
    assert on(mission, "2016-12-31").partners == (
        Membership(partner="esa", role=Role.LEAD, standing=Standing.ACTIVE),
        Membership(
            partner="roscosmos", role=Role.PARTNER, standing=Standing.PROSPECTIVE
        ),
    )
    assert on(mission, "2016-12-30").partners == ()


def test_a_withdrawn_partner_stays_listed_as_withdrawn() -> None:
    mission = recorded(
        join("roscosmos", "2016", Role.PARTNER), withdraw("roscosmos", "2022-07")
    )
    assert partners(on(mission, "2022-06-30")) == {
        "roscosmos": (Role.PARTNER, Standing.ACTIVE)
    }
    assert partners(on(mission, "2022-07-31")) == {
        "roscosmos": (Role.PARTNER, Standing.WITHDRAWN)
    }


def test_a_partner_may_join_again_after_withdrawing() -> None:
    mission = recorded(
        join("nasa", "2011"),
        withdraw("nasa", "2012"),
        join("nasa", "2022-11", Role.CONTRIBUTOR),
    )
    assert partners(on(mission, "2013-01-01")) == {
        "nasa": (Role.PARTNER, Standing.WITHDRAWN)
    }
    assert partners(on(mission, "2022-12-01")) == {
        "nasa": (Role.CONTRIBUTOR, Standing.ACTIVE)
    }


def test_a_replaced_partner_withdraws_and_the_new_one_takes_its_role() -> None:
    mission = recorded(
        join("esa", "2016", Role.LEAD),
        join("roscosmos", "2016", Role.LEAD),
        replace("roscosmos", "nasa", "2022-11"),
    )
    event = mission.events[-1]
    assert isinstance(event, PartnerReplaced)
    assert (event.partner, event.by, event.role, event.standing) == (
        "roscosmos",
        "nasa",
        Role.LEAD,
        Standing.ACTIVE,
    )
    assert partners(on(mission, "2022-11-30")) == {
        "esa": (Role.LEAD, Standing.ACTIVE),
        "roscosmos": (Role.LEAD, Standing.WITHDRAWN),
        "nasa": (Role.LEAD, Standing.ACTIVE),
    }


def test_a_replacing_partner_takes_the_role_and_standing_it_is_given() -> None:
    mission = recorded(
        join("roscosmos", "2016", Role.LEAD),
        replace("roscosmos", "nasa", "2022-11", Role.CONTRIBUTOR, Standing.PROSPECTIVE),
    )
    assert partners(on(mission, "2022-12-01")) == {
        "roscosmos": (Role.LEAD, Standing.WITHDRAWN),
        "nasa": (Role.CONTRIBUTOR, Standing.PROSPECTIVE),
    }


def test_a_replacement_takes_the_role_the_old_partner_had_on_that_date() -> None:
    mission = recorded(
        join("roscosmos", "2016", Role.LEAD),
        withdraw("roscosmos", "2019"),
        join("roscosmos", "2020", Role.CONTRIBUTOR),
        replace("roscosmos", "nasa", "2022-11"),
    )
    assert partners(on(mission, "2022-12-01"))["nasa"] == (
        Role.CONTRIBUTOR,
        Standing.ACTIVE,
    )


def test_a_partner_standing_changes() -> None:
    mission = recorded(
        join("roscosmos", "2016", Role.PARTNER),
        standing("roscosmos", Standing.SUSPENDED, "2022-02-28"),
    )
    assert partners(on(mission, "2022-02-27")) == {
        "roscosmos": (Role.PARTNER, Standing.ACTIVE)
    }
    assert partners(on(mission, "2022-02-28")) == {
        "roscosmos": (Role.PARTNER, Standing.SUSPENDED)
    }


def test_a_suspended_partner_can_withdraw() -> None:
    mission = recorded(
        join("roscosmos", "2016"),
        standing("roscosmos", Standing.SUSPENDED, "2022-02-28"),
        withdraw("roscosmos", "2022-07"),
    )
    assert partners(on(mission, "2022-08-01"))["roscosmos"][1] is Standing.WITHDRAWN


# Launch target


def test_the_launch_target_is_the_last_one_set() -> None:
    mission = recorded(
        target("2022-09", "2020-03-12"),
        target("2028", "2022-11"),
    )
    assert on(mission, "2020-03-11").target_launch is None
    assert on(mission, "2021-01-01").target_launch == parse_edtf("2022-09")
    assert on(mission, "2022-11-30").target_launch == parse_edtf("2028")


def test_a_launch_target_can_be_an_interval() -> None:
    mission = recorded(target("2030/2033", "2023"))
    state = on(mission, "2024-01-01")
    assert state.target_launch == parse_edtf("2030/2033")
    assert state.since == parse_edtf("2023")


# Invariants


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
    with pytest.raises(DomainError, match="esa is not a partner of exomars on 2023"):
        then(mission, withdraw("esa", "2023"))


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
    with pytest.raises(DomainError, match="roscosmos is not a partner"):
        then(mission, replace("roscosmos", "nasa", "2022-11"))


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
    "command",
    [
        join("spacex", "2022"),
        withdraw("spacex", "2022"),
        replace("spacex", "esa", "2022"),
        replace("esa", "spacex", "2022"),
        standing("spacex", Standing.SUSPENDED, "2022"),
    ],
    ids=["join", "withdraw", "replace", "replace-by", "standing"],
)
def test_an_unknown_partner_is_refused_with_the_known_ones(command: Command) -> None:
    mission = recorded(join("esa", "2016"))
    with pytest.raises(DomainError) as refused:
        then(mission, command)
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


# The fold is total


def test_a_backdated_join_makes_a_later_join_a_rejoin_without_error() -> None:
    mission = recorded(
        join("esa", "2021", Role.CONTRIBUTOR), join("esa", "2016", Role.LEAD)
    )
    assert partners(on(mission, "2017-01-01")) == {"esa": (Role.LEAD, Standing.ACTIVE)}
    assert partners(on(mission, "2022-01-01")) == {
        "esa": (Role.CONTRIBUTOR, Standing.ACTIVE)
    }


def test_a_backdated_withdrawal_makes_a_later_one_harmless() -> None:
    mission = recorded(
        join("esa", "2016"), withdraw("esa", "2022-07"), withdraw("esa", "2020")
    )
    assert partners(on(mission, "2021-01-01")) == {
        "esa": (Role.PARTNER, Standing.WITHDRAWN)
    }
    assert partners(on(mission, "2023-01-01")) == {
        "esa": (Role.PARTNER, Standing.WITHDRAWN)
    }


def test_a_replacement_after_a_backdated_withdrawal_only_adds_the_new_partner() -> None:
    mission = recorded(
        join("roscosmos", "2016", Role.LEAD),
        replace("roscosmos", "nasa", "2022-11"),
        withdraw("roscosmos", "2022-07"),
    )
    assert partners(on(mission, "2022-12-01")) == {
        "roscosmos": (Role.LEAD, Standing.WITHDRAWN),
        "nasa": (Role.LEAD, Standing.ACTIVE),
    }


def test_a_suspension_after_a_backdated_withdrawal_does_not_revive_a_partner() -> None:
    # Roscosmos was suspended in March; a later report says it had withdrawn
    # in February. Once withdrawn, it is not a partner: the suspension is moot.
    mission = recorded(
        join("roscosmos", "2016"),
        standing("roscosmos", Standing.SUSPENDED, "2022-03-17"),
        withdraw("roscosmos", "2022-02-28"),
    )
    assert partners(on(mission, "2022-03-01")) == {
        "roscosmos": (Role.PARTNER, Standing.WITHDRAWN)
    }
    assert partners(on(mission, "2022-04-01")) == {
        "roscosmos": (Role.PARTNER, Standing.WITHDRAWN)
    }


def fact(cls: type[E], version: int, edtf: str, **fields: object) -> E:
    """An event built directly, as no command would allow it."""
    return cls.model_validate(
        {
            "originator_id": mission_id("exomars"),
            "originator_version": version,
            "timestamp": "2026-01-01T00:00:00Z",
            "id": uuid4(),
            "occurred": parse_edtf(edtf),
            "source": SOURCE,
            "summary": "A fact.",
            **fields,
        }
    )


def test_the_fold_ignores_facts_about_partners_who_never_joined() -> None:
    events: list[MissionEvent] = [
        fact(PartnerWithdrawn, 2, "2020", partner="esa"),
        fact(PartnerStandingChanged, 3, "2021", partner="esa", standing="suspended"),
    ]
    state = fold(events)
    assert state.partners == ()
    assert len(state.applied) == 2


def test_the_fold_adds_a_replacing_partner_even_if_the_old_one_never_joined() -> None:
    replaced = fact(
        PartnerReplaced,
        2,
        "2022",
        partner="roscosmos",
        by="nasa",
        role="lead",
        standing="active",
    )
    state = fold([replaced])
    assert partners(state) == {"nasa": (Role.LEAD, Standing.ACTIVE)}


def test_state_on_a_day_folds_only_facts_surely_happened_by_then() -> None:
    events: list[MissionEvent] = [
        fact(StatusChanged, 2, "2022-03", status="suspended"),
        fact(LaunchTargetChanged, 3, "2022", target=parse_edtf("2028")),
        fact(PartnerJoined, 4, "2021", partner="esa", role="lead", standing="active"),
    ]
    state = state_on(events, date(2022, 4, 1))
    assert state.status is Status.SUSPENDED
    assert state.target_launch is None
    assert partners(state) == {"esa": (Role.LEAD, Standing.ACTIVE)}
    assert [e.originator_version for e in state.applied] == [4, 2]
