"""Answers to point-in-time questions, from the read model's rows.

The state of a mission on a day, as known now, is one indexed lookup in its
timeline; as known at an earlier time, a fold of the facts as they read then
(one ordered scan, no replay). Nothing here builds an event: the read path needs
neither pydantic nor the domain's event classes, only when the read model is
behind the events does `catch_up` bring the projector in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any
from uuid import UUID

import orjson
from eventsourcing.persistence import ApplicationRecorder, Mapper

from adapters.errors import UnknownMission
from adapters.eventstore.names import name_map, partner_slug, resolve
from adapters.readmodel.tables import (
    FACT_COLUMNS,
    MAX_SPAN,
    Caught,
    ReadModelRecorder,
    Skipped,
    Tx,
    micros,
    moment,
)
from domain.fold import Fact, State, fold
from domain.vocabulary import PARTNERS

if TYPE_CHECKING:
    from adapters.readmodel.projector import Progress, Projector

_KNOWN_NOW = "known_until IS NULL"
_KNOWN_THEN = "known_from <= ? AND (known_until IS NULL OR known_until > ?)"


class Mission:
    """A tracked mission as the read model lists it."""

    __slots__ = ("id", "name", "registered", "slug")

    def __init__(self, id: int, slug: str, name: str, registered: int) -> None:
        #: The mission's number in the read model.
        self.id = id
        self.slug = slug
        self.name = name
        self.registered = registered


class Reader:
    """Point-in-time answers from the read model, kept up to date by pulling."""

    def __init__(
        self,
        events: ApplicationRecorder,
        view: ReadModelRecorder,
        mapper: Callable[[], Mapper[UUID]],
    ) -> None:
        self.view = view
        self._mapper = mapper
        #: Told how far a catch-up has read, when one has much to read.
        self.progress: Progress | None = None
        #: The events that do not count, as the last catch-up left the read
        #: model, in recording order (none until one has run).
        self.skipped: list[Skipped] = []
        view.read_events_of(events)

    def catch_up(self) -> Caught:
        """Bring the read model up to date with the events."""
        with self.view.transaction(commit=False) as tx:
            behind = self.view.last_event(tx) > self.view.position(tx)
            if not behind:
                self.skipped = _skipped(tx)
        if not behind:
            return Caught(0, 0)
        return self._read_skipped(self._projector().catch_up())

    def rebuild(self) -> Caught:
        """Rebuild the read model from every event."""
        return self._read_skipped(self._projector().rebuild())

    def _read_skipped(self, caught: Caught) -> Caught:
        with self.view.transaction(commit=False) as tx:
            self.skipped = _skipped(tx)
        return caught

    def resolve(self, name: str) -> str:
        """The slug of the mission a person means by `name`."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            return resolve(name, self._names(tx))

    def status(
        self, name: str, day: date, known_at: datetime | None = None
    ) -> dict[str, Any]:
        """What was true of a mission at the end of `day`, as known at `known_at`."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            slug = resolve(name, self._names(tx))
            mission = next(m for m in _missions(tx, None) if m.slug == slug)
            _require_tracked(mission, known_at)
            return _views(tx, [mission], day, known_at)[0]

    def statuses(
        self,
        day: date,
        known_at: datetime | None = None,
        partner: str | None = None,
        standing: str | None = None,
    ) -> list[dict[str, Any]]:
        """Every mission's status on `day`; only those where `partner` had a part
        (with that `standing`, if given) when one is given."""
        wanted = partner_slug(partner) if partner is not None else None
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            found = _views(tx, _missions(tx, known_at), day, known_at)
        if wanted is None:
            return found
        return [
            view
            for view in found
            if any(
                p["partner"] == wanted and standing in (None, p["standing"])
                for p in view["partners"]
            )
        ]

    def partners(
        self, day: date, known_at: datetime | None = None
    ) -> list[dict[str, Any]]:
        """For each partner, its role and standing in every mission on `day` (null
        where it has none): a partner-by-mission table."""
        statuses = self.statuses(day, known_at)
        slugs = sorted({m["partner"] for view in statuses for m in view["partners"]})
        return [
            {
                "partner": slug,
                "name": PARTNERS.get(slug, slug),
                "missions": {
                    view["mission"]: next(
                        (
                            {"role": m["role"], "standing": m["standing"]}
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

    def timelines(
        self, names: Sequence[str] = (), known_at: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Each mission's facts in the order of the world (all missions tracked by
        `known_at` if no `names` are given), each with its source and the state
        after it, as known at `known_at` (now if None)."""
        self.catch_up()
        with self.view.transaction(commit=False) as tx:
            missions = _missions(tx, None if names else known_at)
            if names:
                known = self._names(tx)
                wanted = list(dict.fromkeys(resolve(name, known) for name in names))
                by_slug = {m.slug: m for m in missions}
                missions = [by_slug[slug] for slug in wanted]
                for mission in missions:
                    _require_tracked(mission, known_at)
            found = [(m, _timeline(tx, m, known_at)) for m in missions]
            sources = _sources(tx, {f["source"] for _, fs in found for f in fs})
        for _, facts in found:
            for fact in facts:
                fact["source"] = sources[fact["source"]]
        return [
            {"mission": m.slug, "name": m.name, "facts": facts} for m, facts in found
        ]

    def _names(self, tx: Tx) -> dict[str, str]:
        rows = tx.all("SELECT slug, name, aliases FROM {timeline_missions}")
        return name_map(
            (slug, [name, *orjson.loads(aliases)]) for slug, name, aliases in rows
        )

    def _projector(self) -> Projector:
        from adapters.readmodel.projector import (
            Projector,
        )  # the write path: pydantic events

        return Projector(self.view, self._mapper(), self.progress)


def _skipped(tx: Tx) -> list[Skipped]:
    """The events the read model has passed by, in recording order, each mission
    named by its slug."""
    rows = tx.all(
        "SELECT COALESCE(m.slug, s.mission), s.version, s.id, s.why"
        " FROM {timeline_skipped} s"
        " LEFT JOIN {timeline_missions} m ON m.mission = s.mission"
        " ORDER BY s.position"
    )
    return [Skipped(*row) for row in rows]


def _missions(tx: Tx, known_at: datetime | None) -> list[Mission]:
    rows = tx.all(
        "SELECT number, slug, name, registered FROM {timeline_missions} ORDER BY number"
    )
    missions = [Mission(*row) for row in rows]
    if known_at is None:
        return missions
    then = micros(known_at)
    return [m for m in missions if m.registered <= then]


def _require_tracked(mission: Mission, known_at: datetime | None) -> None:
    """Refuse to answer as known at a time before the mission was tracked."""
    if known_at is not None and mission.registered > micros(known_at):
        raise UnknownMission(
            f"{mission.slug} was not tracked yet at {known_at.isoformat()};"
            f" it was registered at {moment(mission.registered).isoformat()}"
        )


#: `FACT_COLUMNS` of the fact `f`, then its id and summary.
_TIMELINE_COLUMNS = ", ".join(
    f"f.{name.strip()}" for name in (*FACT_COLUMNS.split(","), "id", "summary")
)


def _timeline(
    tx: Tx, mission: Mission, known_at: datetime | None
) -> list[dict[str, Any]]:
    """A mission's facts in the order of the world, each with the state after it
    (`State.shown`, without its counts): as known now, the stored timeline; as
    known at `known_at`, a fold of the facts as they read then."""
    if known_at is None:
        rows = tx.all(
            f"SELECT {_TIMELINE_COLUMNS}, s.state FROM {{timeline_facts}} f"
            " JOIN {timeline_states} s ON s.mission = f.mission"
            " AND s.latest = f.latest AND s.earliest = f.earliest AND s.root = f.root"
            " WHERE f.mission = ? AND f.known_until IS NULL"
            " ORDER BY f.latest, f.earliest, f.root",
            (mission.id,),
        )
        return [
            _timeline_fact(Fact(*row[:11]), row, orjson.loads(row[-1])[0])
            for row in rows
        ]
    then = micros(known_at)
    rows = tx.all(
        f"SELECT {_TIMELINE_COLUMNS} FROM {{timeline_facts}} f"
        f" WHERE f.mission = ? AND {_KNOWN_THEN} ORDER BY f.latest, f.earliest, f.root",
        (mission.id, then, then),
    )
    state = State()
    found = []
    for row in rows:
        fact = Fact(*row[:11])
        state.apply(fact)
        found.append(_timeline_fact(fact, row, state.shown(PARTNERS)))
    return found


def _timeline_fact(
    fact: Fact, row: tuple[Any, ...], shown: dict[str, Any]
) -> dict[str, Any]:
    """A fact of `row` (its columns, then its id and summary), and the state
    after it."""
    return {
        "id": row[11],
        "kind": fact.kind,
        "occurred": fact.edtf,
        "earliest": fact.earliest,
        "latest": fact.latest,
        "summary": row[12],
        "value": fact.value,
        "partner": fact.partner,
        "by": fact.by,
        "role": fact.role,
        "standing": fact.standing,
        "source": fact.source,
        "state": {
            key: shown[key] for key in ("status", "since", "target_launch", "partners")
        },
    }


def _views(
    tx: Tx, missions: list[Mission], day: date, known_at: datetime | None
) -> list[dict[str, Any]]:
    """The status views of `missions` on `day`, as known at `known_at`."""
    on = day.isoformat()
    states = _states(tx, missions, on, known_at)
    uncertain = _uncertain(tx, missions, on, known_at)
    sources = _sources(tx, {i for s in states.values() for i in s["sources"]})
    known = known_at.isoformat() if known_at else None
    views = []
    for mission in missions:
        state = states.get(mission.id) or State().shown(PARTNERS)
        views.append(
            {
                "mission": mission.slug,
                "name": mission.name,
                "at": on,
                "known_at": known,
                "status": state["status"],
                "since": state["since"],
                "target_launch": state["target_launch"],
                "partners": state["partners"],
                "facts": state["facts"],
                "uncertain": uncertain.get(mission.id, []),
                "sources": [sources[i] for i in state["sources"]],
            }
        )
    return views


def _states(
    tx: Tx, missions: list[Mission], on: str, known_at: datetime | None
) -> dict[int, dict[str, Any]]:
    """What each mission's state shows at the end of the day `on` (`State.shown`)."""
    if known_at is None:
        wanted = {m.id for m in missions}
        only = " WHERE m.number = ?" if len(missions) == 1 else ""
        rows = tx.all(
            "SELECT m.number, (SELECT s.state FROM {timeline_states} s"
            " WHERE s.mission = m.number AND s.latest <= ?"
            " ORDER BY s.latest DESC, s.earliest DESC, s.root DESC LIMIT 1)"
            f" FROM {{timeline_missions}} m{only}",
            [on, *(m.id for m in missions[:1] if only)],
        )
        return {
            mission: orjson.loads(state)[0]
            for mission, state in rows
            if state is not None and mission in wanted
        }
    then = micros(known_at)
    found: dict[int, dict[str, Any]] = {}
    for mission in missions:
        rows = tx.execute(
            f"SELECT {FACT_COLUMNS} FROM {{timeline_facts}}"
            f" WHERE mission = ? AND latest <= ? AND {_KNOWN_THEN}"
            " ORDER BY latest, earliest, root",
            (mission.id, on, then, then),
        )
        found[mission.id] = fold(Fact(*row) for row in rows).shown(PARTNERS)
    return found


def _uncertain(
    tx: Tx, missions: list[Mission], on: str, known_at: datetime | None
) -> dict[int, list[dict[str, Any]]]:
    """For each mission, the facts that may, or may not yet, have happened by the
    end of the day `on` (registrations and notes left out): for each class of
    span, the facts ending within that span after the day (see `span`)."""
    one = len(missions) == 1
    known = _KNOWN_NOW if known_at is None else _KNOWN_THEN
    then = [] if known_at is None else [micros(known_at)] * 2
    day = date.fromisoformat(on)
    params: list[Any] = []
    for width in range(1, MAX_SPAN + 1):
        end = day + timedelta(days=min(1 << width, (date.max - day).days))
        params += [*(m.id for m in missions[:1] if one), width, on, end.isoformat()]
        params += [on, *then]
    rows = tx.all(_uncertain_query(one, known), params)
    found: dict[int, list[dict[str, Any]]] = {}
    for mission, id_, kind, edtf, earliest, latest, summary, _ in sorted(
        rows, key=lambda row: (row[0], row[5], row[4], row[7])
    ):
        found.setdefault(mission, []).append(
            {
                "id": id_,
                "kind": kind,
                "occurred": edtf,
                "earliest": earliest,
                "latest": latest,
                "summary": summary,
            }
        )
    return found


@cache
def _uncertain_query(one: bool, known: str) -> str:
    """One index range for each class of span, of one mission or of all."""
    only = "mission = ? AND " if one else ""
    index = "{by_ranged}" if one else "{by_spans}"
    part = (
        "SELECT mission, id, kind, edtf, earliest, latest, summary, root"
        f" FROM {{timeline_facts}} {index} WHERE {only}earliest < latest"
        " AND span = ? AND latest > ? AND latest <= ? AND earliest <= ?"
        f" AND kind NOT IN ('registered', 'noted') AND {known}"
    )
    return " UNION ALL ".join([part] * MAX_SPAN)


def _sources(tx: Tx, ids: set[int]) -> dict[int, Any]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = tx.all(
        f"SELECT id, body FROM {{timeline_sources}} WHERE id IN ({marks})", list(ids)
    )
    return {id_: orjson.loads(body) for id_, body in rows}


def open_reader(url: str) -> tuple[Reader, Callable[[], None]]:
    """A reader on the store at `url`, and what closes it: only the read model's
    and the events' recorders, without the application and its event classes."""
    from eventsourcing.persistence import InfrastructureFactory
    from eventsourcing.utils import Environment

    from adapters.eventstore.locks import WriteLocks
    from adapters.eventstore.stores import prepare, store_settings

    settings = store_settings(url)
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

    return Reader(events, view, _mapper), close


def view_recorder_class(settings: dict[str, str]) -> type[Any]:
    """The read model's recorder for the store these settings stand for."""
    from adapters.readmodel.tables import postgres_recorder_class, sqlite_recorder_class

    if settings["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        return postgres_recorder_class()
    return sqlite_recorder_class()


def _mapper() -> Mapper[UUID]:
    from adapters.eventstore.persistence import OrjsonTranscoder, PydanticMapper

    return PydanticMapper(transcoder=OrjsonTranscoder())
