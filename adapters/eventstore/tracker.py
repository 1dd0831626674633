"""The MissionTracker application: records facts and answers questions about them."""

# Over 450 lines: `MissionTracker` is the one application that every command
# that writes asks (missions, partners, packs' names, snapshots); what it
# records is decided in commands.py, registration.py and the domain.
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.application import Application
from eventsourcing.persistence import (
    Mapper,
    Recording,
    Transcoder,
)
from eventsourcing.utils import get_topic

from adapters.errors import InputError, UnknownMission
from adapters.eventstore import commands, snapshots
from adapters.eventstore.locks import WRITE_TRIES, WriteLocks
from adapters.eventstore.log import event_log
from adapters.eventstore.names import name_map, name_taken, resolve
from adapters.eventstore.partners import Registry, partner_of
from adapters.eventstore.persistence import OrjsonTranscoder, PydanticMapper, load
from adapters.eventstore.registration import checked_names
from adapters.eventstore.stores import READ_ONLY, prepare, store_settings
from adapters.readmodel.reader import Reader, view_recorder_class
from adapters.readmodel.tables import Caught, Skipped, unfit
from domain.errors import DomainError
from domain.events import (
    Cited,
    Corrected,
    Event,
    MissionEvent,
    PackAdded,
    PartnerAdded,
    Registered,
    Retracted,
    Source,
)
from domain.identity import mission_id
from domain.knowledge import misfits
from domain.mission import Head, Mission, Report, Unloaded, register
from domain.packs import pack_id
from domain.projection import Snapshot, project_mission
from domain.timeline import MissionState, state_on

#: The lock a registration holds while it checks its names are new and writes:
#: on SQLite the store's one write lock; on PostgreSQL an advisory lock of its own.
REGISTRATIONS = uuid5(NAMESPACE_URL, "missions:registrations")
T = TypeVar("T")


class MissionTracker(Application[UUID]):
    """The tracked missions and programmes, and every fact recorded about them."""

    name = "missions"
    is_snapshotting_enabled = True
    snapshot_class = Snapshot

    def __init__(
        self,
        store: str = "memory:",
        snapshot_interval: int = 50,
        read_only: bool = False,
        state_spacing: int | None = None,
    ) -> None:
        #: A write that loads a mission snapshots it once its latest snapshot is
        #: this many events behind (`save`).
        self.snapshot_interval = snapshot_interval
        #: The version of the snapshot each mission read was loaded from (0: none).
        self._snapshotted: dict[UUID, int] = {}
        settings = store_settings(store, read_only)
        prepare(settings)
        self.locks = WriteLocks(settings)
        with self.locks.setting_up():
            super().__init__(settings)
            view: Any = self.factory.tracking_recorder(view_recorder_class(settings))
        self.reader = Reader(
            self.recorder, view, lambda: self.mapper, settings.get(READ_ONLY)
        )
        #: How many facts apart the read model keeps each mission's states (None:
        #: by its length); tests set it to go through the folds of long timelines.
        self.reader.spacing = state_spacing
        #: The events that do not count met so far in reading missions, by
        #: mission and version, in the order met.
        self._met: dict[tuple[str, int], Skipped] = {}

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """Write the events of `objs`; then snapshot each mission among them, as
        written, whose latest snapshot is `snapshot_interval` or more events
        behind. Only a write that read the whole mission has one to give: a
        plain fact, written from the mission's head, takes none."""
        recordings = super().save(*objs, **kwargs)
        for mission in objs:
            if isinstance(mission, Mission):
                behind = mission.version - self._snapshotted.get(mission.id, 0)
                if behind >= self.snapshot_interval:
                    self._put_snapshot(mission)
        return recordings

    def take_snapshot(
        self,
        aggregate_id: UUID,
        version: int | None = None,
        projector_func: Any = project_mission,
    ) -> None:
        """Snapshot the mission as `load` reads it."""
        found = self.load(aggregate_id, version)
        assert found is not None
        self._put_snapshot(found)

    def _put_snapshot(self, mission: Mission) -> None:
        """Keep a snapshot of `mission` and forget its older ones: each holds the
        whole history (adapters.eventstore.snapshots)."""
        assert self.snapshots is not None
        snapshots.keep(self.snapshots, mission)
        self._snapshotted[mission.id] = mission.version

    def close(self) -> None:
        """Close the store's connections."""
        self.locks.close()
        super().close()

    def construct_mapper(self) -> Mapper[UUID]:
        """Pydantic events, serialised with orjson."""
        return self.factory.mapper(
            transcoder=self.construct_transcoder(), mapper_class=PydanticMapper
        )

    def construct_transcoder(self) -> Transcoder:
        """orjson, without transcodings."""
        return OrjsonTranscoder()

    # Queries

    def catalogue(self) -> list[Registered]:
        """The registration of every tracked mission, in the order registered."""
        topic = get_topic(Registered)
        found: list[Registered] = []
        start = 1
        while True:
            page = self.recorder.select_notifications(start, 500, topics=[topic])
            for stored in page:
                event = load(self.mapper, stored)
                if isinstance(event, Registered):
                    found.append(event)
                elif isinstance(event, Unloaded):
                    self._meet(str(event.originator_id), event)
            if len(page) < 500:
                return found
            start = page[-1].id + 1

    def partner_registry(self) -> Registry:
        """Every partner known: the built-in ones and those recorded, as the read
        model (brought up to date) keeps them; a copy of the caller's own."""
        return self.reader.registry()

    def add_partner(self, event: PartnerAdded) -> None:
        """Record a new partner, whose names name no other."""
        with self.locks.writing(REGISTRATIONS):
            self.partner_registry().require_new(partner_of(event))
            self.save(event)

    def pack(self, name: str) -> PackAdded | None:
        """The latest record of the pack named `name`: the source it cites; None
        if no pack of the name was added (or only by a tracker that kept no
        record of names)."""
        found = self.recorder.select_events(pack_id(name), desc=True, limit=1)
        event = load(self.mapper, found[0]) if found else None
        return event if isinstance(event, PackAdded) else None

    def resolve(self, name: str) -> str:
        """The slug of the mission a person means by `name`: among the missions
        the read model names as it stands (names name one mission each, so what
        it names stays so), else among every registration."""
        return self.reader.named(name) or resolve(name, self._names())

    def mission(self, slug: str) -> Mission:
        """The mission with every fact recorded about it; the events that do not
        count (`skipped`) are remembered, for `skipped()` to say."""
        found = self.load(mission_id(slug))
        if found is None:
            raise UnknownMission(f"unknown mission {slug!r}")
        passed = [
            Skipped(found.slug, s.originator_version, s.id, s.why)
            for s in found.skipped
        ]
        passed += [
            Skipped(
                found.slug,
                misfit.correction.originator_version,
                str(misfit.correction.id),
                unfit(misfit.fact.type),
            )
            for misfit in misfits(found.events)
        ]
        for skipped in sorted(passed, key=lambda s: s.version):
            self._met.setdefault((skipped.mission, skipped.version), skipped)
        return found

    def head(self, slug: str) -> Head:
        """The mission as its next plain fact needs it (`domain.mission.Head`):
        its latest stored event's version and digest, one row read, whatever
        the length of its history."""
        origin = mission_id(slug)
        found = self.recorder.select_events(origin, desc=True, limit=1)
        if not found:
            raise UnknownMission(f"unknown mission {slug!r}")
        last = load(self.mapper, found[0])
        return Head(
            id=origin,
            slug=slug,
            version=found[0].originator_version,
            last_digest=last.digest,
            last_recorded=last.timestamp if isinstance(last, Event) else None,
        )

    def load(self, origin: UUID, version: int | None = None) -> Mission | None:
        """The mission with this aggregate id, up to `version` (None if there is
        none): from its latest snapshot, if that can still be read, and the events
        after it. An event that cannot be read is kept in `skipped`; a snapshot
        that cannot (or that holds a time without a UTC offset, which an older
        tracker let in) is passed over for the events."""
        assert self.snapshots is not None
        mission = snapshots.latest(self.snapshots, origin, version)
        after = mission.version if mission else None
        if version is None:
            self._snapshotted[origin] = after or 0
        stored = self.recorder.select_events(origin, gt=after, lte=version)
        return project_mission(mission, (load(self.mapper, s) for s in stored))

    def skipped(self) -> list[Skipped]:
        """The events that do not count that this tracker has met, in the read
        model and in the missions it read, each once (read model's first)."""
        found = {(s.mission, s.version): s for s in self.reader.skipped}
        for key, skipped in self._met.items():
            found.setdefault(key, skipped)
        return list(found.values())

    def _meet(self, slug: str, unread: Unloaded) -> None:
        key = (slug, unread.originator_version)
        self._met.setdefault(key, Skipped(*key, unread.id, unread.why))

    def missions(self, known_at: datetime | None = None) -> list[Mission]:
        """Every mission whose registration was recorded by `known_at`."""
        return [
            self.mission(entry.slug)
            for entry in self.catalogue()
            if known_at is None or entry.timestamp <= known_at
        ]

    def state(
        self, name: str, day: date, known_at: datetime | None = None
    ) -> tuple[Mission, MissionState]:
        """The mission and what was true of it at the end of `day`, as known then."""
        mission = self.mission(self.resolve(name))
        return mission, state_on(mission.events, day, known_at)

    def catch_up(self) -> Caught:
        """Bring the read model up to date with the events."""
        return self.reader.catch_up()

    def rebuild(self) -> Caught:
        """Rebuild the read model from every event."""
        return self.reader.rebuild()

    def status(
        self, name: str, day: date, known_at: datetime | None = None
    ) -> dict[str, Any]:
        """What was true of a mission at the end of `day`, as known at `known_at`
        (from the read model)."""
        return self.reader.status(name, day, known_at)

    def statuses(
        self,
        day: date,
        known_at: datetime | None = None,
        partner: str | None = None,
        standing: str | None = None,
        programme: str | None = None,
    ) -> list[dict[str, Any]]:
        """Every mission's status on `day`; only those where `partner` had a part
        (with that `standing`, if given) when one is given, and only those of
        `programme` when one is given (from the read model)."""
        return self.reader.statuses(day, known_at, partner, standing, programme)

    def event_log(
        self, name: str, known_at: datetime | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every event recorded about a mission by `known_at`, in recording order,
        read as it is told (the mission is found, or refused, at once)."""
        slug = self.reader.tracked(name, known_at)
        view = self.reader.view
        return event_log(view, self.mapper, mission_id(slug), slug, known_at)

    def history(
        self,
        name: str,
        start: date | None = None,
        end: date | None = None,
        known_at: datetime | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The mission's changes over the world's time, from `start` to `end`."""
        return self.reader.history(name, start, end, known_at)

    def changes(
        self, start: date | None, end: date | None, known_at: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Every change whose days touch those from `start` to `end` (either may
        be open), grouped by mission."""
        return self.reader.changes(start, end, known_at)

    def partners(
        self, day: date, known_at: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Each partner's role and standing in each mission on `day`."""
        return self.reader.partners(day, known_at)

    def find_event(self, reference: str) -> tuple[Mission, Event]:
        """The event whose id is, or starts with, `reference`, and its mission."""
        wanted = reference.strip().lower()
        if len(wanted.replace("-", "")) < 4:
            raise InputError(
                f"event id {reference!r} is too short; give 4 or more characters"
            )
        found = [
            (mission, event)
            for mission in self.missions()
            for event in mission.events
            if str(event.id).startswith(wanted)
        ]
        if not found:
            raise InputError(
                f"no event has an id starting {reference!r};"
                " `missions log MISSION` shows the ids"
            )
        if len(found) > 1:
            ids = ", ".join(str(e.id) for _, e in found[:5])
            raise InputError(f"event id {reference!r} is ambiguous: {ids}")
        return found[0]

    # Commands

    def register(
        self, slug: str, name: str, aliases: Iterable[str], report: Report
    ) -> Registered:
        """Start tracking a new mission or programme."""
        aliases = checked_names(slug, name, aliases)
        with self.locks.writing(REGISTRATIONS):
            self.require_new_names(slug, name, aliases)
            event = register(slug, name.strip(), aliases, report)
            self.save(project_mission(None, [event]), event)
        return event

    def require_new_names(self, slug: str, name: str, aliases: Iterable[str]) -> None:
        """Refuse a slug, name or alias that already names a tracked mission."""
        found = name_taken(self._names(), (slug, name, *aliases))
        if found is not None:
            raise DomainError(f"{found.said()}; choose another")

    def record(
        self, name: str, kind: str, report: Report, options: Mapping[str, str | None]
    ) -> MissionEvent:
        """Record a fact of `kind` about the mission a person means by `name`."""
        slug = self.resolve(name)
        programme = options.get("programme")
        if programme is not None:  # a programme is a tracked mission
            options = {**options, "programme": self.resolve(programme)}

        def attempt() -> MissionEvent:
            if commands.plain(kind, report):  # its rules look back at nothing
                fact = commands.record(
                    self.head(slug), kind, report, options, self.partner_registry
                )
                self.save(fact)
                return fact
            mission = self.mission(slug)
            event = commands.record(
                mission, kind, report, options, self.partner_registry
            )
            self.save(project_mission(mission, [event]), event)
            return event

        return self._retrying(mission_id(slug), attempt)

    def correct(
        self,
        reference: str,
        changes: dict[str, Any],
        summary: str | None = None,
        mission: str | None = None,
    ) -> tuple[Mission, Corrected]:
        """Record that fields of an earlier event were wrong; returns the correction."""

        def attempt() -> tuple[Mission, Corrected]:
            found, event = self._event_of(reference, mission)
            correction = found.correct(event.id, changes, summary)
            self.save(project_mission(found, [correction]), correction)
            return found, correction

        return self._retrying(self.find_event(reference)[0].id, attempt)

    def retract(
        self, reference: str, reason: str, source: Source, mission: str | None = None
    ) -> tuple[Mission, Retracted]:
        """Record that an earlier event should never have been recorded."""

        def attempt() -> tuple[Mission, Retracted]:
            found, event = self._event_of(reference, mission)
            retraction = found.retract(event.id, reason, source)
            self.save(project_mission(found, [retraction]), retraction)
            return found, retraction

        return self._retrying(self.find_event(reference)[0].id, attempt)

    def cite(
        self,
        reference: str,
        source: Source,
        quote: str | None = None,
        mission: str | None = None,
    ) -> tuple[Mission, Cited]:
        """Record that another source reports an earlier fact too."""

        def attempt() -> tuple[Mission, Cited]:
            found, event = self._event_of(reference, mission)
            citation = found.cite(event.id, source, quote)
            self.save(project_mission(found, [citation]), citation)
            return found, citation

        return self._retrying(self.find_event(reference)[0].id, attempt)

    def _retrying(self, mission: UUID, attempt: Callable[[], T]) -> T:
        """`attempt` holding the mission's write lock (`WriteLocks.retrying`)."""
        return self.locks.retrying(
            mission,
            attempt,
            f"other writers kept recording on this mission; gave up after"
            f" {WRITE_TRIES} tries, nothing was written: try again",
        )

    def _event_of(self, reference: str, mission: str | None) -> tuple[Mission, Event]:
        found, event = self.find_event(reference)
        if mission is not None and self.resolve(mission) != found.slug:
            raise DomainError(
                f"event {event.id} is an event of {found.slug}, not of"
                f" {self.resolve(mission)}"
            )
        return found, event

    def names(self) -> dict[str, str]:
        """Every name, slug and alias, as compared, with the slug it stands for."""
        return self._names()

    def _names(self) -> dict[str, str]:
        """Every name, slug and alias, as compared, with the slug it stands for
        (registration keeps them unique)."""
        return name_map((e.slug, (e.name, *e.aliases)) for e in self.catalogue())
