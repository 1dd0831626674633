"""The Mission aggregate's commands, and the state the fold of its facts gives on a
day: status in the order of the world, since, partners and the launch target."""

from __future__ import annotations

from datetime import date

from adapters.dates import parse_edtf
from domain.events import (
    MissionEvent,
    Noted,
    PartnerReplaced,
    Registered,
    StatusChanged,
)
from domain.identity import mission_id
from domain.timeline import Membership, world_order
from domain.vocabulary import Role, Standing, Status
from tests.model_facts import (
    exomars,
    join,
    note,
    on,
    partners,
    recorded,
    replace,
    standing,
    status,
    target,
    then,
    withdraw,
)

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


def test_last_change_is_the_date_of_the_last_fact_that_changed_the_state() -> None:
    mission = recorded(
        status(Status.PLANNED, "2020-01-15"),
        join("esa", "2021-06"),
        note("2022-02-24"),
    )
    state = on(mission, "2022-03-01")
    assert state.last_change == parse_edtf("2021-06")
    assert on(mission, "2021-01-01").last_change == parse_edtf("2020-01-15")


def test_since_is_when_the_status_began_and_a_repeat_does_not_move_it() -> None:
    mission = recorded(
        status(Status.PLANNED, "2020-01-15"),
        join("esa", "2021-06"),
        status(Status.PLANNED, "2021-09"),
        status(Status.AT_RISK, "2022-02-28"),
    )
    assert on(mission, "2021-12-31").since == parse_edtf("2020-01-15")
    assert on(mission, "2022-03-01").since == parse_edtf("2022-02-28")
    # A repeat changes nothing, but stands behind the status too.
    repeated = on(mission, "2021-12-31")
    assert repeated.last_change == parse_edtf("2021-06")
    assert [e.occurred.edtf for e in repeated.basis] == [
        "2020-01-15",
        "2021-06",
        "2021-09",
    ]


def test_last_change_follows_the_order_of_the_world_not_of_recording() -> None:
    mission = recorded(target("2028", "2022-11"), status(Status.PLANNED, "2020"))
    state = on(mission, "2023-01-01")
    assert state.last_change == parse_edtf("2022-11")
    assert state.since == parse_edtf("2020")


def test_a_note_changes_no_state_but_counts_as_applied() -> None:
    before = recorded(status(Status.SUSPENDED, "2022-03-17"))
    after = then(before, note("2022-04-01", "Roscosmos was told."))
    old, new = on(before, "2022-05-01"), on(after, "2022-05-01")
    assert (new.status, new.partners, new.target_launch, new.last_change) == (
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
    assert state.last_change == parse_edtf("2023")
    assert state.since is None  # no status recorded
