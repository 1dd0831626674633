"""Answers to point-in-time questions, from the read model's rows.

The state of a mission on a day, as known now, is one indexed lookup in its
timeline; as known at an earlier time, a fold of the facts as they read then
(one ordered scan, no replay). Nothing here builds an event: the read path needs
neither pydantic nor the domain's event classes, only when the read model is
behind the events does `catch_up` bring the projector in."""

# Over 450 lines: `Reader` is the one facade over the read model that the CLI,
# the server and the tracker ask; the answers themselves are in answers.py,
# history.py and states.py.
from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

import orjson
from eventsourcing.persistence import ApplicationRecorder, Mapper

from adapters.eventstore.names import name_key, name_map, resolve
from adapters.eventstore.partners import Registry
from adapters.readmodel.answers import (
    Mission,
    days_known,
    missions_of,
    registry_of,
    require_tracked,
    skipped_events,
    timeline_of,
    views_of,
    with_sources,
)
from adapters.readmodel.history import Window, history_of, missions_changed
from adapters.readmodel.recorders import NONE_FOUND, ReadModelRecorder, Tx
from adapters.readmodel.tables import Caught, Skipped
from domain.identity import mission_id

if TYPE_CHECKING:
    from adapters.readmodel.projector import Progress, Projector


class Reader:
    """Point-in-time answers from the read model, kept up to date by pulling."""

    def __init__(
        self,
        events: ApplicationRecorder,
        view: ReadModelRecorder,
        mapper: Callable[[], Mapper[UUID]],
        read_only: str | None = None,
    ) -> None:
        self.view = view
        #: The store's file, if it is opened only to be read: the read model is
        #: then never brought up to date, and `behind` says how far it lags.
        self.read_only = read_only
        self.behind = 0
        self._mapper = mapper
        #: Told how far a catch-up has read, when one has much to read.
        self.progress: Progress | None = None
        #: How many facts apart each mission's states are kept (None: by the
        #: mission's length, `adapters.readmodel.states.spacing`).
        self.spacing: int | None = None
        #: The events that do not count, as the last catch-up left the read
        #: model, in recording order (none until one has run).
        self.skipped: list[Skipped] = []
        #: The partners known, as of a position of the read model.
        self._partners: tuple[int, Registry] | None = None
        #: The missions' names, and the missions, as of a position of the read
        #: model (a server asks again and again of a store that seldom moves).
        self._named: tuple[int, dict[str, str], dict[str, Mission]] | None = None
        view.read_events_of(events)
        if view.made and view.replaced_form is None:
            with view.transaction(commit=False) as tx:
                if view.last_event(tx):
                    view.replaced_form = NONE_FOUND

    def catch_up(self) -> Caught:
        """Bring the read model up to date with the events."""
        with self.view.transaction(commit=False) as tx:
            lag = self.view.last_event(tx) - self.view.position(tx)
            if lag <= 0 or self.read_only:
                self.skipped = skipped_events(tx)
        if self.read_only:  # answered from the read model as it stands
            self.behind = max(lag, 0)
            return Caught(0, 0)
        if lag <= 0:
            return Caught(0, 0)
        return self._read_skipped(self._projector().catch_up())

    def rebuild(self) -> Caught:
        """Rebuild the read model from every event."""
        if self.read_only:
            from adapters.files import FileRefused

            raise FileRefused(
                f"the store {self.read_only} is read-only: its read model cannot"
                " be rebuilt; copy it where it can be written"
            )
        return self._read_skipped(self._projector().rebuild())

    def _read_skipped(self, caught: Caught) -> Caught:
        with self.view.transaction(commit=False) as tx:
            self.skipped = skipped_events(tx)
        return caught

    def tracked(self, name: str, known_at: datetime | None) -> str:
        """The slug of the mission a person means by `name`, if it was tracked
        by `known_at`."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            return self._tracked(tx, name, known_at).slug

    def _tracked(self, tx: Tx, name: str, known_at: datetime | None) -> Mission:
        mission = self._as_typed(tx, name)
        if mission is None:
            mission = self._by_slug(tx)[resolve(name, self._names(tx))]
        require_tracked(mission, known_at)
        return mission

    def _as_typed(self, tx: Tx, name: str) -> Mission | None:
        """The mission whose slug `name` is, whatever its case, found by one
        indexed lookup: reading every mission's names to tell, as a name or an
        alias needs, costs a second at 100,000 missions. (Names name one mission
        each, so a slug found so is the one `resolve` gives.)"""
        slug = name.strip().lower()
        row = tx.one(
            "SELECT number, slug, name, registered FROM {timeline_missions}"
            " WHERE mission = ?",
            (str(mission_id(slug)),),
        )
        return None if row is None or row[1] != slug else Mission(*row)

    @property
    def mapper(self) -> Mapper[UUID]:
        """What reads the stored events (pydantic and the event classes)."""
        return self._mapper()

    def named(self, name: str) -> str | None:
        """The slug of the mission `name` names in the read model as it stands
        (not brought up to date), if any."""
        with self.view.transaction(commit=False) as tx:
            typed = self._as_typed(tx, name)
            return typed.slug if typed else self._names(tx).get(name_key(name))

    def resolve(self, name: str) -> str:
        """The slug of the mission a person means by `name`."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            typed = self._as_typed(tx, name)
            return typed.slug if typed else resolve(name, self._names(tx))

    def status(
        self, name: str, day: date, known_at: datetime | None = None
    ) -> dict[str, Any]:
        """What was true of a mission at the end of `day`, as known at `known_at`."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            mission = self._tracked(tx, name, known_at)
            names = self._registry(tx).names()
            return views_of(tx, [mission], day, known_at, names)[0]

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
        `programme` then, when one is given."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            known = self._registry(tx)
            wanted = known.resolve(partner) if partner is not None else None
            part_of = resolve(programme, self._names(tx)) if programme else None
            missions = missions_of(tx, known_at)
            found = views_of(tx, missions, day, known_at, known.names())
        return [
            view
            for view in found
            if (part_of is None or part_of in view["programmes"])
            and (
                wanted is None
                or any(
                    p["partner"] == wanted and standing in (None, p["standing"])
                    for p in view["partners"]
                )
            )
        ]

    def partners(
        self, day: date, known_at: datetime | None = None
    ) -> list[dict[str, Any]]:
        """For each partner, its role and standing in every mission on `day` (null
        where it has none): a partner-by-mission table."""
        statuses = self.statuses(day, known_at)
        slugs = sorted({m["partner"] for view in statuses for m in view["partners"]})
        names = self.registry().names()
        return [
            {
                "partner": slug,
                "name": names.get(slug, slug),
                "missions": {
                    view["mission"]: next(
                        (
                            {
                                "role": m["role"],
                                "standing": m["standing"],
                                "contributions": m["contributions"],
                            }
                            for m in view["partners"]
                            if m["partner"] == slug
                        ),
                        None,
                    )
                    for view in statuses
                },
            }
            for slug in slugs
        ]

    def history(
        self,
        name: str,
        start: date | None = None,
        end: date | None = None,
        known_at: datetime | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The mission's changes over the world's time, surely dated from `start`
        to `end`, as known at `known_at`, told as they are read (the mission is
        found, or refused, at once)."""
        window = Window.of(start, end)
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            mission = self._tracked(tx, name, known_at)
        return self._history(mission, window, known_at)

    def _history(
        self, mission: Mission, window: Window, known_at: datetime | None
    ) -> Iterator[dict[str, Any]]:
        with self.view.transaction(commit=False) as tx:
            yield from with_sources(tx, history_of(tx, mission, window, known_at))

    def changes(
        self,
        start: date | None,
        end: date | None,
        known_at: datetime | None = None,
        names: Sequence[str] = (),
        partner: str | None = None,
    ) -> list[dict[str, Any]]:
        """Every change whose days touch those from `start` to `end` (either
        may be open), grouped by mission (those tracked by `known_at`; of
        `names`, if given), in the order they were registered; of `partner`'s
        part only, if given."""
        window = Window.of(start, end)
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            slug = self._registry(tx).resolve(partner) if partner else None
            if names:
                missions = self._timeline_missions(tx, names, known_at)
            else:
                missions = missions_of(tx, known_at)
            if known_at is None:
                changed = missions_changed(tx, window)
                missions = [m for m in missions if m.id in changed]
            sources: dict[int, Any] = {}
            found = []
            for mission in missions:
                told = history_of(tx, mission, window, known_at)
                if slug is not None:
                    told = (c for c in told if c["partner"] == slug)
                changes = list(with_sources(tx, told, sources))
                if changes:
                    found.append(
                        {
                            "mission": mission.slug,
                            "name": mission.name,
                            "changes": changes,
                        }
                    )
        return found

    def timelines(
        self, names: Sequence[str] = (), known_at: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Each mission's facts in the order of the world (all missions tracked by
        `known_at` if no `names` are given), each with its source and the state
        after it, as known at `known_at` (now if None)."""
        return [
            {**told, "facts": list(told["facts"])}
            for told in self.each_timeline(names, known_at)
        ]

    def each_timeline(
        self, names: Sequence[str] = (), known_at: datetime | None = None
    ) -> Generator[dict[str, Any]]:
        """`timelines`, one mission at a time, its facts read as they are told
        (the missions are found, or refused, at once): a mission's facts are to
        be read before the next mission is asked for."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            missions = self._timeline_missions(tx, names, known_at)
        return self._each_timeline(missions, known_at)

    def _each_timeline(
        self, missions: list[Mission], known_at: datetime | None
    ) -> Generator[dict[str, Any]]:
        with self.view.transaction(commit=False) as tx:
            sources: dict[int, Any] = {}
            for mission in missions:
                facts = with_sources(tx, timeline_of(tx, mission, known_at), sources)
                yield {"mission": mission.slug, "name": mission.name, "facts": facts}

    def timeline_days(
        self, names: Sequence[str] = (), known_at: datetime | None = None
    ) -> tuple[str, str] | None:
        """The earliest and the latest day (ISO text) that the facts of those
        timelines are known to fall on (a range's open end left out); None if
        none is known."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            missions = self._timeline_missions(tx, names, known_at)
            return days_known(tx, [m.id for m in missions] if names else None, known_at)

    def timeline_names(
        self, names: Sequence[str] = (), known_at: datetime | None = None
    ) -> list[str]:
        """The names of the missions `each_timeline` tells, in its order."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            return [m.name for m in self._timeline_missions(tx, names, known_at)]

    def _timeline_missions(
        self, tx: Tx, names: Sequence[str], known_at: datetime | None
    ) -> list[Mission]:
        """The missions named (each once), each tracked by `known_at`; else every
        mission tracked by then."""
        missions = missions_of(tx, None if names else known_at)
        if not names:
            return missions
        known = self._names(tx)
        wanted = list(dict.fromkeys(resolve(name, known) for name in names))
        by_slug = {m.slug: m for m in missions}
        found = [by_slug[slug] for slug in wanted]
        for mission in found:
            require_tracked(mission, known_at)
        return found

    def about(self) -> dict[str, int]:
        """How many events the store holds, how far the read model has read, and
        how many missions it tracks as far as it has read: without catching up."""
        with self.view.transaction(commit=False) as tx:
            events = self.view.last_event(tx)
            read = self.view.position(tx)
            missions = tx.one("SELECT COUNT(*) FROM {timeline_missions}")[0]
        return {"events": events, "read": read, "missions": int(missions)}

    def heads(self) -> dict[UUID, tuple[int, str]]:
        """The last version, and its digest, of each stream of events the read
        model has read (without catching up): what `verify` holds the events to."""
        with self.view.transaction(commit=False) as tx:
            rows = tx.all("SELECT origin, version, digest FROM {timeline_heads}")
        return {
            UUID(origin): (int(version), digest) for origin, version, digest in rows
        }

    def names_known(self) -> tuple[list[str], list[str]]:
        """The slugs of the missions and of the partners, as the read model has
        them, without catching up (for completion at a shell prompt)."""
        with self.view.transaction(commit=False) as tx:
            missions = [
                row[0] for row in tx.all("SELECT slug FROM {timeline_missions}")
            ]
            partners = sorted(self._registry(tx))
        return sorted(missions), partners

    def registry(self) -> Registry:
        """Every partner known, as the read model has them: a registry of the
        caller's own, which it may add to."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            kept = self._registry(tx)
        return Registry(kept.partners[slug] for slug in kept.recorded)

    def _registry(self, tx: Tx) -> Registry:
        """The partners known, read again only when the read model has moved on."""
        position = self.view.position(tx)
        if self._partners is None or self._partners[0] != position:
            self._partners = (position, registry_of(tx))
        return self._partners[1]

    def _names(self, tx: Tx) -> dict[str, str]:
        """Every name of every mission, as compared, with its slug."""
        return self._naming(tx)[1]

    def _by_slug(self, tx: Tx) -> dict[str, Mission]:
        """Every mission tracked, by its slug."""
        return self._naming(tx)[2]

    def _naming(self, tx: Tx) -> tuple[int, dict[str, str], dict[str, Mission]]:
        """The missions' names and the missions, read again only when the read
        model has moved on."""
        position = self.view.position(tx)
        if self._named is None or self._named[0] != position:
            rows = tx.all("SELECT slug, name, aliases FROM {timeline_missions}")
            names = name_map(
                (slug, [name, *orjson.loads(aliases)]) for slug, name, aliases in rows
            )
            missions = {m.slug: m for m in missions_of(tx, None)}
            self._named = (position, names, missions)
        return self._named

    def _projector(self) -> Projector:
        # The write path: pydantic events.
        from adapters.readmodel.projector import Projector

        return Projector(self.view, self._mapper(), self.progress, self.spacing)


def open_reader(
    url: str, read_only: bool = False, live: bool = False
) -> tuple[Reader, Callable[[], None]]:
    """A reader on the store at `url`, and what closes it: only the read model's
    and the events' recorders, without the application and its event classes.
    `live`, with `read_only`: a SQLite file is read as others write it, not as
    a file that never changes."""
    from eventsourcing.persistence import InfrastructureFactory
    from eventsourcing.utils import Environment

    from adapters.eventstore.locks import WriteLocks
    from adapters.eventstore.stores import READ_ONLY, prepare, store_settings

    settings = store_settings(url, read_only, live)
    prepare(settings)
    locks = WriteLocks(settings)
    with locks.setting_up():
        factory: Any = InfrastructureFactory.construct(
            Environment("missions", settings)
        )
        events = factory.application_recorder()
        view = factory.tracking_recorder(view_recorder_class(settings))

    def close() -> None:
        locks.close()
        factory.close()

    return Reader(events, view, _mapper, settings.get(READ_ONLY)), close


def view_recorder_class(settings: dict[str, str]) -> type[Any]:
    """The read model's recorder for the store these settings stand for."""
    from adapters.readmodel.recorders import (
        postgres_recorder_class,
        sqlite_recorder_class,
    )

    if settings["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        return postgres_recorder_class()
    return sqlite_recorder_class()


def _mapper() -> Mapper[UUID]:
    from adapters.eventstore.persistence import OrjsonTranscoder, PydanticMapper

    return PydanticMapper(transcoder=OrjsonTranscoder())
