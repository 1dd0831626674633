"""The Mission aggregate: a tracked mission or programme and every fact about it."""

# Over 450 lines: the aggregate's commands, each a few lines, share its checks
# (`_checked`, `admission`); `PlainFacts` and `Head` are apart already.
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, PrivateAttr

from domain.admission import (
    MAX_QUOTE_WORDS,
    Admission,
    require_in_recording_order,
    require_short_quote,
)
from domain.chain import sealed
from domain.dates import WorldDate
from domain.errors import DomainError
from domain.events import (
    AnyEvent,
    Cited,
    ContributionAdded,
    ContributionRemoved,
    Corrected,
    Event,
    LaunchTargetChanged,
    MilestoneReached,
    MissionEvent,
    Noted,
    PartnerJoined,
    PartnerReplaced,
    PartnerRoleChanged,
    PartnerStandingChanged,
    PartnerWithdrawn,
    ProgrammeJoined,
    ProgrammeLeft,
    Registered,
    Retracted,
    Source,
    StatusChanged,
)
from domain.identity import mission_id
from domain.knowledge import Unfit, correctable, effective_facts, refitted
from domain.partners import part_of
from domain.summaries import described
from domain.timeline import state_on
from domain.vocabulary import Milestone, Role, Standing, Status

E = TypeVar("E", bound=MissionEvent)
Ev = TypeVar("Ev", bound=Event)

__all__ = ["MAX_QUOTE_WORDS", "Mission", "Report", "correctable"]


class Report(BaseModel):
    """What a source reports of a fact: when it happened (or was announced), when
    it takes effect if later, and in what words."""

    model_config = ConfigDict(frozen=True)

    occurred: WorldDate
    source: Source
    summary: str | None = None
    quote: str | None = None
    id: UUID | None = None
    effective: WorldDate | None = None


class Unloaded(BaseModel):
    """A stored event that cannot be read as one of the mission's facts: it does not
    count, but it keeps its place among the mission's versions and in its chain."""

    model_config = ConfigDict(frozen=True)

    originator_id: UUID
    originator_version: int
    #: Its id and digest as stored, if its state could be read at all ("" if not).
    id: str = ""
    digest: str = ""
    #: Why it cannot be read, in a few words.
    why: str


class PlainFacts:
    """The facts whose rules look back at nothing recorded before (a status, a
    launch target, a milestone, a note): each is checked by itself, its quote
    short, so it can be recorded from a mission's `Head` as from the `Mission`."""

    def change_status(
        self, status: Status, report: Report, by_party: str | None = None
    ) -> StatusChanged:
        """Record that the mission's status changed (brought about by `by_party`,
        if said)."""
        return self._checked(StatusChanged, report, status=status, by_party=by_party)

    def change_launch_target(
        self, target: WorldDate | None, report: Report, vehicle: str | None = None
    ) -> LaunchTargetChanged:
        """Record that the launch target moved (and on what, if known), or that
        there is none any more (`target` None)."""
        return self._checked(
            LaunchTargetChanged, report, target=target, vehicle=vehicle
        )

    def reach_milestone(
        self, milestone: Milestone, report: Report, detail: str | None = None
    ) -> MilestoneReached:
        """Record that the mission reached a milestone."""
        return self._checked(
            MilestoneReached, report, milestone=milestone, detail=detail
        )

    def note(self, report: Report) -> Noted:
        """Record a dated fact that changes no state."""
        if not report.summary:
            raise DomainError("a note needs a summary: say what happened")
        return self._checked(Noted, report)

    def _checked(self, cls: type[E], report: Report, **change: Any) -> E:
        raise NotImplementedError


class Head(PlainFacts, BaseModel):
    """A mission as its next plain fact needs it: which mission, its version, and
    the digest of its latest stored event, which the next one is chained to. A
    plain fact given no id of its own is recorded from its head, without reading
    the mission's history: only an id given (which must be new) or a fact about
    partners or programmes looks back, and needs the `Mission`."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    slug: str
    version: int
    last_digest: str
    #: When its latest event was recorded, if it can be read: the next is not
    #: recorded before it (a mission's recording times never go backwards).
    last_recorded: datetime | None = None

    def fact(self, cls: type[E], report: Report, **change: Any) -> E:
        """The mission's next fact of class `cls`, as `report` tells it."""
        require_short_quote(report.quote)
        if report.effective is not None:
            change["effective"] = report.effective
        return self.next_event(
            cls,
            id=report.id or uuid4(),
            occurred=report.occurred,
            source=report.source,
            summary=report.summary or described(cls, change),
            quote=report.quote,
            **change,
        )

    def next_event(self, cls: type[Ev], **fields: Any) -> Ev:
        """The mission's next event, recorded now (never before its latest:
        `require_in_recording_order`) and chained to the last one."""
        now = _now()
        require_in_recording_order(self.slug, self.last_recorded, now)
        event = cls(
            originator_id=self.id,
            originator_version=self.version + 1,
            timestamp=now,
            **fields,
        )
        return sealed(event, self.last_digest)

    def _checked(self, cls: type[E], report: Report, **change: Any) -> E:
        event = self.fact(cls, report, **change)
        if _looks_back(event, report):
            msg = f"a {cls.__name__} given an id, or about partners, needs the mission"
            raise AssertionError(msg)
        return event


class Mission(PlainFacts, BaseModel):
    """A mission or programme, with every fact recorded about it.

    The aggregate keeps the facts themselves, not a state derived from them:
    a fact recorded today may be dated years back, so any state is a fold of the
    facts in the order of the world, and a snapshot must keep them all."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    version: int
    created_on: datetime
    modified_on: datetime
    slug: str
    name: str
    aliases: tuple[str, ...]
    events: tuple[AnyEvent, ...]
    #: The stored events that could not be read, in recording order: they do not
    #: count (`adapters.eventstore.persistence.load` says why).
    skipped: tuple[Unloaded, ...] = ()
    #: What the rules know of the events, kept from one version to the next (a
    #: pack checks each of its facts against the mission as the ones before left
    #: it: folding every event again for each would cost the square of them).
    _rules: Admission | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Missions are equal when their fields are: what is kept for the rules
        does not count."""
        if not isinstance(other, Mission):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    @property
    def last_digest(self) -> str:
        """The digest of the latest event, which the next one is chained to (as
        stored, if that one could not be read)."""
        last = max(
            (*self.events[-1:], *self.skipped[-1:]),
            key=lambda e: e.originator_version,
            default=None,
        )
        return last.digest if last else ""

    def has_event(self, event_id: UUID) -> bool:
        """Whether a fact with this id is already recorded."""
        return any(e.id == event_id for e in self.events)

    def join_partner(
        self, partner: str, role: Role, standing: Standing, report: Report
    ) -> PartnerJoined:
        """Record that a partner joined the mission."""
        return self._checked(
            PartnerJoined, report, partner=partner, role=role, standing=standing
        )

    def withdraw_partner(
        self, partner: str, report: Report, by_party: str | None = None
    ) -> PartnerWithdrawn:
        """Record that a partner left the mission (or was made to, by `by_party`)."""
        return self._checked(
            PartnerWithdrawn, report, partner=partner, by_party=by_party
        )

    def replace_partner(
        self,
        partner: str,
        by: str,
        report: Report,
        role: Role | None = None,
        standing: Standing = Standing.ACTIVE,
    ) -> PartnerReplaced:
        """Record that `by` took the place of `partner` (in its role, unless given)."""
        day = report.effective or report.occurred  # the role it had then
        old = self.admission().membership(partner, day.latest, day.earliest)
        return self._checked(
            PartnerReplaced,
            report,
            partner=partner,
            by=by,
            role=role or (old.role if old and old.role else Role.PARTNER),
            standing=standing,
        )

    def change_standing(
        self,
        partner: str,
        standing: Standing,
        report: Report,
        by_party: str | None = None,
    ) -> PartnerStandingChanged:
        """Record that a partner's standing changed (by `by_party`'s act, if said)."""
        return self._checked(
            PartnerStandingChanged,
            report,
            partner=partner,
            standing=standing,
            by_party=by_party,
        )

    def change_role(
        self, partner: str, role: Role, report: Report
    ) -> PartnerRoleChanged:
        """Record that a partner's role changed, its part going on."""
        return self._checked(PartnerRoleChanged, report, partner=partner, role=role)

    def add_contribution(
        self, partner: str, contribution: str, report: Report
    ) -> ContributionAdded:
        """Record that a partner supplies something to the mission."""
        return self._checked(
            ContributionAdded, report, partner=partner, contribution=contribution
        )

    def remove_contribution(
        self, partner: str, contribution: str, report: Report
    ) -> ContributionRemoved:
        """Record that a partner no longer supplies something it did."""
        return self._checked(
            ContributionRemoved, report, partner=partner, contribution=contribution
        )

    def join_programme(self, programme: str, report: Report) -> ProgrammeJoined:
        """Record that the mission became part of a programme."""
        if programme == self.slug:
            raise DomainError(f"{self.slug} cannot be a programme of its own")
        if programme in self._programmes_before(report):
            raise DomainError(
                f"{self.slug} is already part of the programme {programme} on"
                f" {(report.effective or report.occurred).edtf}"
            )
        return self._checked(ProgrammeJoined, report, programme=programme)

    def leave_programme(self, programme: str, report: Report) -> ProgrammeLeft:
        """Record that the mission is no longer part of a programme."""
        if programme not in self._programmes_before(report):
            raise DomainError(
                f"{self.slug} is not part of the programme {programme} on"
                f" {(report.effective or report.occurred).edtf};"
                " record programme-joined first"
            )
        return self._checked(ProgrammeLeft, report, programme=programme)

    def _programmes_before(self, report: Report) -> tuple[str, ...]:
        """The programmes the mission was part of once every fact dated up to the
        new fact's date had taken effect."""
        day = (report.effective or report.occurred).latest
        return state_on(self.events, day).programmes

    def admission(self) -> Admission:
        """What the rules know of the mission's events (domain.admission): those
        of a version before, with the events since counted in, where kept."""
        rules = self._rules
        if rules is None or not rules.counts_first_of(self.events):
            rules = Admission(self.slug)
        for event in self.events[rules.counted :]:
            rules.add(event)
        self._rules = rules
        return rules

    def succeeded_by(self, successor: Mission) -> Mission:
        """`successor`, a later version of this mission, with what the rules know
        of this one kept (`admission`)."""
        successor._rules = self._rules
        return successor

    def correct(
        self, event_id: UUID, changes: dict[str, Any], summary: str | None = None
    ) -> Corrected:
        """Record that some fields of an earlier fact (or correction) were wrong."""
        rules = self.admission()
        rules.standing_event(event_id, "corrected")
        root = rules.root_of(event_id)
        if root is None:
            raise DomainError(f"event {event_id} is not a fact; it cannot be corrected")
        rules.standing_event(root, "corrected")
        cls = rules.require_correctable(root, changes)
        current = next(f for f in effective_facts(self.events) if f.id == root)
        try:
            candidate = refitted(current, changes)
        except Unfit as error:
            msg = f"the correction does not fit a {cls.__name__}: {error}"
            raise DomainError(msg) from None
        if candidate == current:
            raise DomainError(
                f"the correction changes nothing: event {root} already says so"
            )
        names = ", ".join(_FIELD_NAMES.get(name, name) for name in sorted(changes))
        correction = self._next(
            Corrected,
            id=uuid4(),
            corrects=event_id,
            changes=changes,
            summary=summary or f"Corrected the {names} of event {root}.",
        )
        rules.check(correction)
        return correction

    def retract(self, event_id: UUID, reason: str, source: Source) -> Retracted:
        """Record that an earlier event should never have been recorded."""
        rules = self.admission()
        if rules.standing_event(event_id, "retracted") is Registered:
            raise DomainError(
                "a registration cannot be retracted; correct its date or source instead"
            )
        if not reason.strip():
            raise DomainError("a retraction needs a reason")
        retraction = self._next(
            Retracted,
            id=uuid4(),
            retracts=event_id,
            reason=reason.strip(),
            source=source,
            summary=f"Retracted {event_id}: {reason.strip()}",
        )
        rules.check(retraction)
        return retraction

    def cite(self, event_id: UUID, source: Source, quote: str | None = None) -> Cited:
        """Record that another source reports a fact too."""
        require_short_quote(quote)
        rules = self.admission()
        rules.standing_event(event_id, "cited")
        citation = self._next(
            Cited,
            id=uuid4(),
            cites=event_id,
            source=source,
            quote=quote,
            summary=f"{source.publication} reports event {event_id} too.",
        )
        rules.check(citation)
        return citation

    @property
    def head(self) -> Head:
        """The mission as its next plain fact needs it."""
        last = self.events[-1] if self.events else None
        return Head(
            id=self.id,
            slug=self.slug,
            version=self.version,
            last_digest=self.last_digest,
            last_recorded=last.timestamp if last else None,
        )

    def _next(self, cls: type[Ev], **fields: Any) -> Ev:
        """The mission's next event, recorded now and chained to the last one."""
        return self.head.next_event(cls, **fields)

    def _checked(self, cls: type[E], report: Report, **change: Any) -> E:
        """The mission's next fact, if it keeps to the rules."""
        event = self.head.fact(cls, report, **change)
        if _looks_back(event, report):
            self.admission().check(event)
        return event


def _looks_back(event: MissionEvent, report: Report) -> bool:
    """Whether a rule looks back at the mission's history for a new fact: for
    its id, if given (it must be new), or if it is about partners. Otherwise
    the id is new and the quote is checked (`Head.fact`)."""
    return report.id is not None or part_of(event) is not None


_FIELD_NAMES = {"occurred": "date", "target": "launch target"}


def register(
    slug: str, name: str, aliases: Iterable[str], report: Report
) -> Registered:
    """Start tracking a mission or programme."""
    require_short_quote(report.quote)
    return sealed(
        Registered(
            originator_id=mission_id(slug),
            originator_version=1,
            timestamp=_now(),
            id=report.id or uuid4(),
            occurred=report.occurred,
            source=report.source,
            summary=report.summary or f"{name} is tracked as {slug}.",
            quote=report.quote,
            slug=slug,
            name=name,
            aliases=tuple(aliases),
        ),
        "",
    )


def _now() -> datetime:
    return datetime.now(tz=UTC)
