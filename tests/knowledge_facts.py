"""A mission's story for the tests of what was known: sources, dates as a
correction carries them, the facts recorded one after the other, and the message
of a refusal."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypeVar
from uuid import UUID

import pytest

from adapters.dates import parse_edtf
from domain.errors import DomainError
from domain.events import (
    Corrected,
    Event,
    MissionEvent,
    PartnerJoined,
    Retracted,
    Source,
    StatusChanged,
)
from domain.knowledge import effective_facts
from domain.mission import Mission, Report, register
from domain.projection import project_mission
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
