"""The facts recorded about a mission: immutable events, named in the past tense."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from domain.dates import WorldDate
from domain.text import require_storable
from domain.vocabulary import Milestone, PartnerKind, Role, Standing, Status

#: The longest a name, title or publication may be, in characters.
SHORT_TEXT = 300
#: The longest a summary, reason or address may be, in characters.
LONG_TEXT = 2000
#: A mission's slug: lower-case letters, digits and single hyphens.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: The longest a slug may be, in characters.
SLUG_LENGTH = 64
#: The most aliases a mission may have.
MOST_ALIASES = 50
#: What a source's day of publication may be ahead of the clock's, in UTC: a day
#: east of Greenwich begins before it.
_A_DAY = timedelta(days=1)
#: The years a recording time may fall in: what the store's clock can have said.
RECORDED_YEARS = (1970, 9998)
#: How far a recording time may be ahead of the clock of the store that takes it
#: in (an import): clocks of different machines differ by that much at most.
CLOCK_ALLOWANCE = timedelta(minutes=5)
#: The same, as an error says it.
CLOCK_ALLOWANCE_SAID = f"{int(CLOCK_ALLOWANCE.total_seconds() // 60)} minutes"
#: The scheme by which this tracker seals an event (domain.chain), which the event
#: names in its `seal_scheme`.
SEAL_SCHEME = 3


def _written_as_a_time(value: Any) -> Any:
    """A recording time is a date and a time, as text or as a datetime: never a
    bare date, nor a count of seconds."""
    if isinstance(value, datetime) or (isinstance(value, str) and "T" in value):
        return value
    raise ValueError(
        "a recording time is an ISO 8601 date and time with its offset,"
        " e.g. 2022-03-02T10:00:00Z"
    )


def _in_years(value: datetime) -> datetime:
    first, last = RECORDED_YEARS
    if not first <= value.year <= last or not first <= value.astimezone(UTC).year:
        raise ValueError(f"a recording time falls in the years {first} to {last}")
    return value


#: When an event was recorded: an aware date and time.
Recorded = Annotated[
    AwareDatetime, BeforeValidator(_written_as_a_time), AfterValidator(_in_years)
]
#: A short text, such as a name.
ShortText = Annotated[str, Field(min_length=1, max_length=SHORT_TEXT)]


#: The scheme of an address: what comes before its first colon.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


class Source(BaseModel):
    """Who reported a fact, and where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    publication: str = Field(min_length=1, max_length=SHORT_TEXT)
    title: str | None = Field(default=None, max_length=SHORT_TEXT)
    author: str | None = Field(default=None, max_length=SHORT_TEXT)
    published: date | None = None
    url: str | None = Field(default=None, max_length=LONG_TEXT)

    @model_validator(mode="after")
    def _storable(self) -> Source:
        for name in ("publication", "title", "author", "url"):
            require_storable(name, getattr(self, name))
        if self.published and self.published > datetime.now(UTC).date() + _A_DAY:
            # Checked against the clock, as what is published only ever moves
            # into the past: a source that passes stays valid.
            raise ValueError(
                f"published: {self.published} is in the future; give the day the"
                " source was published"
            )
        scheme = _SCHEME.match(self.url or "")
        if scheme and scheme[1].lower() not in ("http", "https"):
            raise ValueError(
                f"url: {scheme[1][:20]!r} is no web address's scheme; give an"
                " address that starts http:// or https://"
            )
        return self


class Event(BaseModel):
    """What every stored event carries: its identity and when it was recorded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: The schema version of the event type; raise it with an `upcast_vN_vM`.
    class_version: ClassVar[int] = 1

    originator_id: UUID
    originator_version: int
    #: When the event was recorded, in UTC; set by the system.
    timestamp: Recorded
    id: UUID
    #: The digest of the mission's previous event ("" for its first).
    previous: str = ""
    #: SHA-256 of this event's content and `previous`, set as it is recorded.
    digest: str = ""
    #: The scheme that sealed it (domain.chain); None for an event sealed before
    #: events named their scheme, by scheme 1 or 2.
    seal_scheme: Literal[3] | None = None

    @model_validator(mode="after")
    def _storable(self) -> Event:
        """Every text of the event one that every store can hold (a source, a
        date and a correction's changes are looked into too)."""
        for name, value in self.__dict__.items():
            if isinstance(value, str | tuple | dict):
                require_storable(name, value)
        return self

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


#: A partner's slug, as a fact names it.
PartnerSlug = Annotated[str, Field(max_length=SHORT_TEXT)]


class MissionEvent(Event):
    """A fact: when it happened in the world (or was announced), who said so, and
    in what words; and, if it takes effect on another date, when."""

    occurred: WorldDate
    source: Source
    summary: str = Field(min_length=1, max_length=LONG_TEXT)
    quote: str | None = Field(default=None, max_length=LONG_TEXT)
    #: When the fact takes effect, if not when it happened: Russia said on
    #: 26 July 2022 that it would leave the ISS after 2024.
    effective: WorldDate | None = None

    @property
    def in_effect(self) -> WorldDate:
        """When the fact changes the mission: its effective date, or its date."""
        return self.effective or self.occurred


class Registered(MissionEvent):
    """A mission or programme came to be tracked, under a name and aliases."""

    kind: Literal["registered"] = "registered"
    slug: str = Field(pattern=SLUG_PATTERN, max_length=SLUG_LENGTH)
    name: ShortText
    aliases: tuple[ShortText, ...] = Field(default=(), max_length=MOST_ALIASES)

    @model_validator(mode="after")
    def _not_effective(self) -> Registered:
        if self.effective is not None:
            raise ValueError("a registration has no effective date")
        return self


class StatusChanged(MissionEvent):
    """The mission's status changed."""

    kind: Literal["status-changed"] = "status-changed"
    status: Status
    #: The partner that brought the change about (e.g. cancelled), if said.
    by_party: PartnerSlug | None = None


class PartnerJoined(MissionEvent):
    """A partner joined the mission, in a role and with a standing."""

    kind: Literal["partner-joined"] = "partner-joined"
    partner: str = Field(max_length=SHORT_TEXT)
    role: Role
    standing: Standing


class PartnerWithdrawn(MissionEvent):
    """A partner left the mission."""

    kind: Literal["partner-withdrawn"] = "partner-withdrawn"
    partner: str = Field(max_length=SHORT_TEXT)
    #: The party that ended the partner's part (e.g. excluded it), if said.
    by_party: PartnerSlug | None = None


class PartnerReplaced(MissionEvent):
    """One partner left the mission and another took its place."""

    kind: Literal["partner-replaced"] = "partner-replaced"
    partner: str = Field(max_length=SHORT_TEXT)
    by: str = Field(max_length=SHORT_TEXT)
    role: Role
    standing: Standing


class PartnerStandingChanged(MissionEvent):
    """A partner's standing changed, e.g. a cooperation was suspended."""

    kind: Literal["partner-standing-changed"] = "partner-standing-changed"
    partner: str = Field(max_length=SHORT_TEXT)
    standing: Standing
    #: The party that changed it (e.g. suspended the cooperation), if said.
    by_party: PartnerSlug | None = None


class PartnerRoleChanged(MissionEvent):
    """A partner's role changed, its part going on."""

    kind: Literal["partner-role-changed"] = "partner-role-changed"
    partner: PartnerSlug
    role: Role


class LaunchTargetChanged(MissionEvent):
    """The date the mission is meant to launch moved (and on what, if known), or
    the mission has no launch target any more (`target` None)."""

    #: v2 added `vehicle`.
    class_version: ClassVar[int] = 2
    kind: Literal["launch-target-changed"] = "launch-target-changed"
    target: WorldDate | None
    vehicle: str | None = Field(default=None, max_length=SHORT_TEXT)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 did not say on what the mission would launch."""
        state["vehicle"] = None


class MilestoneReached(MissionEvent):
    """The mission reached a step of its flight: launch, landing, sample return."""

    kind: Literal["milestone"] = "milestone"
    milestone: Milestone
    #: What there is to say of it, e.g. "1,935.3 g of lunar samples".
    detail: str | None = Field(default=None, max_length=SHORT_TEXT)


class ContributionAdded(MissionEvent):
    """A partner supplies something to the mission: an instrument, a launch."""

    kind: Literal["contribution-added"] = "contribution-added"
    partner: PartnerSlug
    contribution: ShortText


class ContributionRemoved(MissionEvent):
    """A partner no longer supplies something it did."""

    kind: Literal["contribution-removed"] = "contribution-removed"
    partner: PartnerSlug
    contribution: ShortText


class ProgrammeJoined(MissionEvent):
    """The mission became part of a programme (itself a tracked mission)."""

    kind: Literal["programme-joined"] = "programme-joined"
    programme: str = Field(pattern=SLUG_PATTERN, max_length=SLUG_LENGTH)


class ProgrammeLeft(MissionEvent):
    """The mission is no longer part of a programme."""

    kind: Literal["programme-left"] = "programme-left"
    programme: str = Field(pattern=SLUG_PATTERN, max_length=SLUG_LENGTH)


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

    @model_validator(mode="after")
    def _dates_as_dates(self) -> Corrected:
        """A date among the changes is kept as written: it holds what a date
        holds, and nothing else (a date's own checks are the fact's, applied as
        it is corrected)."""
        for name in _DATES:
            value = self.changes.get(name)
            if isinstance(value, dict) and value.keys() - _DATE_FIELDS:
                extra = sorted(value.keys() - _DATE_FIELDS)[0]
                raise ValueError(
                    f"changes.{name} has a field {extra[:40]!r}; a date has"
                    " edtf, earliest and latest"
                )
        return self


#: The fields of a fact that are dates, and what a date holds.
_DATES = ("occurred", "effective", "target")
_DATE_FIELDS = frozenset(WorldDate.model_fields)


class Retracted(Event):
    """An earlier event should never have been recorded: its report was withdrawn."""

    kind: Literal["retracted"] = "retracted"
    retracts: UUID
    reason: str = Field(min_length=1, max_length=LONG_TEXT)
    source: Source
    #: A sentence for the log, like every event's.
    summary: str = Field(min_length=1, max_length=LONG_TEXT)


class PartnerAdded(Event):
    """A partner became known to the tracker: an agency, a country, a company or
    an institute, with its names; a country may take part through a body of its
    own (`via`, e.g. Pakistan through SUPARCO). Each partner is a stream of its
    own, of this one event."""

    kind: Literal["partner-added"] = "partner-added"
    slug: str = Field(pattern=SLUG_PATTERN, max_length=SLUG_LENGTH)
    name: ShortText
    category: PartnerKind
    #: ISO 3166-1 alpha-2, e.g. PK.
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    via: str | None = Field(default=None, pattern=SLUG_PATTERN, max_length=SLUG_LENGTH)
    aliases: tuple[ShortText, ...] = Field(default=(), max_length=MOST_ALIASES)
    source: Source
    summary: str = Field(min_length=1, max_length=LONG_TEXT)


class PackAdded(Event):
    """A source pack was added under its name, citing its source: from then on
    the name is that pack's, and a pack of the name that cites another source
    is refused unless it replaces it. Each pack name is a stream of its own:
    this event, then one more each time the pack's source is given otherwise."""

    kind: Literal["pack-added"] = "pack-added"
    pack: str = Field(pattern=SLUG_PATTERN, max_length=SLUG_LENGTH)
    source: Source
    summary: str = Field(min_length=1, max_length=LONG_TEXT)


class Cited(Event):
    """Another source stands behind an earlier fact: it reports it too."""

    kind: Literal["cited"] = "cited"
    cites: UUID
    source: Source
    quote: str | None = Field(default=None, max_length=LONG_TEXT)
    #: A sentence for the log, like every event's.
    summary: str = Field(min_length=1, max_length=LONG_TEXT)


AnyEvent = Annotated[
    Registered
    | StatusChanged
    | PartnerJoined
    | PartnerWithdrawn
    | PartnerReplaced
    | PartnerStandingChanged
    | PartnerRoleChanged
    | LaunchTargetChanged
    | MilestoneReached
    | ContributionAdded
    | ContributionRemoved
    | ProgrammeJoined
    | ProgrammeLeft
    | Noted
    | Corrected
    | Retracted
    | Cited,
    Field(discriminator="kind"),
]

EVENT_TYPES: tuple[type[Event], ...] = (
    Registered,
    StatusChanged,
    PartnerJoined,
    PartnerWithdrawn,
    PartnerReplaced,
    PartnerStandingChanged,
    PartnerRoleChanged,
    LaunchTargetChanged,
    MilestoneReached,
    ContributionAdded,
    ContributionRemoved,
    ProgrammeJoined,
    ProgrammeLeft,
    Noted,
    Corrected,
    Retracted,
    Cited,
    PartnerAdded,
    PackAdded,
)

#: Event classes by the kind a user types, e.g. `status-changed`.
KINDS: dict[str, type[Event]] = {
    cls.model_fields["kind"].default: cls for cls in EVENT_TYPES
}
