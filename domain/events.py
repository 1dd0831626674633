"""The facts recorded about a mission: immutable events, named in the past tense."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.dates import WorldDate
from domain.vocabulary import Role, Standing, Status

#: The longest a name, title or publication may be, in characters.
SHORT_TEXT = 300
#: The longest a summary, reason or address may be, in characters.
LONG_TEXT = 2000


class Source(BaseModel):
    """Who reported a fact, and where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    publication: str = Field(min_length=1, max_length=SHORT_TEXT)
    title: str | None = Field(default=None, max_length=SHORT_TEXT)
    author: str | None = Field(default=None, max_length=SHORT_TEXT)
    published: date | None = None
    url: str | None = Field(default=None, max_length=LONG_TEXT)


class Event(BaseModel):
    """What every stored event carries: its identity and when it was recorded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: The schema version of the event type; raise it with an `upcast_vN_vM`.
    class_version: ClassVar[int] = 1

    originator_id: UUID
    originator_version: int
    #: When the event was recorded, in UTC; set by the system.
    timestamp: datetime
    id: UUID
    #: The digest of the mission's previous event ("" for its first).
    previous: str = ""
    #: SHA-256 of this event's content and `previous`, set as it is recorded.
    digest: str = ""

    @property
    def recorded_at(self) -> datetime:
        """When the event was recorded (UTC)."""
        return self.timestamp

    @property
    def type(self) -> str:
        """The event's type name, e.g. `StatusChanged`."""
        return type(self).__name__

    @classmethod
    def upcast(cls, state: dict[str, Any], from_version: int) -> dict[str, Any]:
        """Bring stored state written under an older schema up to date."""
        while from_version < cls.class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        return state


class MissionEvent(Event):
    """A fact: when it happened in the world, who said so, and in what words."""

    occurred: WorldDate
    source: Source
    summary: str = Field(min_length=1, max_length=LONG_TEXT)
    quote: str | None = Field(default=None, max_length=LONG_TEXT)


class Registered(MissionEvent):
    """A mission or programme came to be tracked, under a name and aliases."""

    kind: Literal["registered"] = "registered"
    slug: str
    name: str
    aliases: tuple[str, ...] = ()


class StatusChanged(MissionEvent):
    """The mission's status changed."""

    kind: Literal["status-changed"] = "status-changed"
    status: Status


class PartnerJoined(MissionEvent):
    """A partner joined the mission, in a role and with a standing."""

    kind: Literal["partner-joined"] = "partner-joined"
    partner: str
    role: Role
    standing: Standing


class PartnerWithdrawn(MissionEvent):
    """A partner left the mission."""

    kind: Literal["partner-withdrawn"] = "partner-withdrawn"
    partner: str


class PartnerReplaced(MissionEvent):
    """One partner left the mission and another took its place."""

    kind: Literal["partner-replaced"] = "partner-replaced"
    partner: str
    by: str
    role: Role
    standing: Standing


class PartnerStandingChanged(MissionEvent):
    """A partner's standing changed, e.g. a cooperation was suspended."""

    kind: Literal["partner-standing-changed"] = "partner-standing-changed"
    partner: str
    standing: Standing


class LaunchTargetChanged(MissionEvent):
    """The date the mission is meant to launch moved (and on what, if known)."""

    #: v2 added `vehicle`.
    class_version: ClassVar[int] = 2
    kind: Literal["launch-target-changed"] = "launch-target-changed"
    target: WorldDate
    vehicle: str | None = None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 did not say on what the mission would launch."""
        state["vehicle"] = None


class Noted(MissionEvent):
    """A dated fact about the mission that changes none of its state."""

    kind: Literal["noted"] = "noted"


class Corrected(Event):
    """Some fields of an earlier fact were wrong; these values supersede them.

    The earlier event stays as it was recorded: a correction is applied when the
    facts are read, and only by those who knew of it."""

    kind: Literal["corrected"] = "corrected"
    corrects: UUID
    #: The superseding values, by field name, as JSON (e.g. {"occurred": {...}}).
    changes: dict[str, Any]
    summary: str = Field(min_length=1, max_length=LONG_TEXT)


class Retracted(Event):
    """An earlier event should never have been recorded: its report was withdrawn."""

    kind: Literal["retracted"] = "retracted"
    retracts: UUID
    reason: str = Field(min_length=1, max_length=LONG_TEXT)
    source: Source
    #: A sentence for the log, like every event's.
    summary: str = Field(min_length=1, max_length=LONG_TEXT)


AnyEvent = Annotated[
    Registered
    | StatusChanged
    | PartnerJoined
    | PartnerWithdrawn
    | PartnerReplaced
    | PartnerStandingChanged
    | LaunchTargetChanged
    | Noted
    | Corrected
    | Retracted,
    Field(discriminator="kind"),
]

EVENT_TYPES: tuple[type[Event], ...] = (
    Registered,
    StatusChanged,
    PartnerJoined,
    PartnerWithdrawn,
    PartnerReplaced,
    PartnerStandingChanged,
    LaunchTargetChanged,
    Noted,
    Corrected,
    Retracted,
)

#: Event classes by the kind a user types, e.g. `status-changed`.
KINDS: dict[str, type[Event]] = {
    cls.model_fields["kind"].default: cls for cls in EVENT_TYPES
}
