"""The fold is total: facts recorded late, or built as no command would allow,
never make it fail, and the state on a day holds only facts surely happened by
then."""

from __future__ import annotations

from datetime import date
from typing import TypeVar
from uuid import uuid4

from adapters.dates import parse_edtf
from domain.events import (
    LaunchTargetChanged,
    MissionEvent,
    PartnerJoined,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerWithdrawn,
    StatusChanged,
)
from domain.identity import mission_id
from domain.timeline import fold, state_on
from domain.vocabulary import Role, Standing, Status
from tests.model_facts import (
    SOURCE,
    join,
    on,
    partners,
    recorded,
    replace,
    standing,
    withdraw,
)

E = TypeVar("E", bound=MissionEvent)


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
