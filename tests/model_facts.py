"""What the tests of the Mission aggregate share: ExoMars registered, facts
recorded on it by command, and the state the fold gives on a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from adapters.dates import parse_edtf
from domain.events import MissionEvent, Source
from domain.mission import Mission, Report, register
from domain.projection import project_mission
from domain.timeline import MissionState, state_on
from domain.vocabulary import Role, Standing, Status

SOURCE = Source(publication="SpaceNews", title="ExoMars in limbo")

Command = Callable[[Mission], MissionEvent]


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
