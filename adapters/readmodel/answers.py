"""The read model's answers, as queries over its tables: the missions tracked
by a time, the state of each on a day (one indexed lookup as known now, one
ordered scan of the facts as they read then), what may have happened by a day,
the sources the answers rest on, a mission's timeline, and the events passed by.
`reader.Reader` asks them in its transactions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import orjson

from adapters.errors import UnknownMission
from adapters.eventstore.partners import Partner, Registry
from adapters.readmodel.recorders import Tx
from adapters.readmodel.states import LAST_ROOT, shown_of, state_before
from adapters.readmodel.tables import FACT_COLUMNS, MAX_SPAN, Skipped, micros, moment
from domain.fold import Fact, State, fold, shown_flown

#: The rows of facts as they read now.
KNOWN_NOW = "known_until IS NULL"
_KNOWN_THEN = "known_from <= ? AND (known_until IS NULL OR known_until > ?)"


def known_as(known_at: datetime | None) -> tuple[str, list[int]]:
    """Which rows of facts read as they did at `known_at` (now if None): the
    condition, and its parameters."""
    if known_at is None:
        return KNOWN_NOW, []
    return _KNOWN_THEN, [micros(known_at)] * 2


class Mission:
    """A tracked mission as the read model lists it."""

    __slots__ = ("id", "name", "registered", "slug")

    def __init__(self, id: int, slug: str, name: str, registered: int) -> None:
        #: The mission's number in the read model.
        self.id = id
        self.slug = slug
        self.name = name
        self.registered = registered


def registry_of(tx: Tx) -> Registry:
    """Every partner known: the built-in ones and those recorded."""
    rows = tx.all(
        "SELECT slug, name, kind, country, via, aliases FROM {timeline_partners}"
    )
    return Registry(
        Partner(slug, name, kind, country, via, tuple(orjson.loads(aliases)))
        for slug, name, kind, country, via, aliases in rows
    )


def named(states: Iterable[dict[str, Any]], names: dict[str, str]) -> None:
    """Give the partners of each state (`State.shown`) their display names: the
    read model keeps slugs, since names are data."""
    for state in states:
        for member in state["partners"]:
            member["name"] = names.get(member["partner"], member["partner"])


def skipped_events(tx: Tx) -> list[Skipped]:
    """The events the read model has passed by, in recording order, each mission
    named by its slug."""
    rows = tx.all(
        "SELECT COALESCE(m.slug, s.mission), s.version, s.id, s.why"
        " FROM {timeline_skipped} s"
        " LEFT JOIN {timeline_missions} m ON m.mission = s.mission"
        " ORDER BY s.position"
    )
    return [Skipped(*row) for row in rows]


def event_missions(tx: Tx, low: str, high: str) -> list[tuple[str, str]]:
    """The events whose ids fall from `low` (included) to `high` (excluded),
    each as its mission's slug and its id, however the read model keeps them:
    a fact, a correction or retraction, a citation, or an event passed by."""
    among = " WHERE id >= ? AND id < ?"
    rows = tx.all(
        "SELECT DISTINCT m.slug, x.id FROM ("
        f"SELECT mission, id FROM {{timeline_facts}}{among}"
        f" UNION SELECT mission, id FROM {{timeline_amendments}}{among}"
        f" UNION SELECT mission, id FROM {{timeline_citations}}{among}"
        ") x JOIN {timeline_missions} m ON m.number = x.mission"
        " UNION SELECT m.slug, s.id FROM {timeline_skipped} s"
        " JOIN {timeline_missions} m ON m.mission = s.mission"
        " WHERE s.id >= ? AND s.id < ?"
        " LIMIT 6",
        [low, high] * 4,
    )
    return [(slug, id_) for slug, id_ in rows]


def missions_of(tx: Tx, known_at: datetime | None) -> list[Mission]:
    rows = tx.all(
        "SELECT number, slug, name, registered FROM {timeline_missions} ORDER BY number"
    )
    missions = [Mission(*row) for row in rows]
    if known_at is None:
        return missions
    then = micros(known_at)
    return [m for m in missions if m.registered <= then]


def require_tracked(mission: Mission, known_at: datetime | None) -> None:
    """Refuse to answer as known at a time before the mission was tracked."""
    if known_at is not None and mission.registered > micros(known_at):
        raise UnknownMission(
            f"{mission.slug} was not tracked yet at {known_at.isoformat()};"
            f" it was registered at {moment(mission.registered).isoformat()}"
        )


#: How many columns `FACT_COLUMNS` names.
_FACT = len(FACT_COLUMNS.split(","))
#: `FACT_COLUMNS` of the fact `f`, then its id and summary.
_TIMELINE_COLUMNS = ", ".join(
    f"f.{name.strip()}" for name in (*FACT_COLUMNS.split(","), "id", "summary")
)


def timeline_of(
    tx: Tx, mission: Mission, known_at: datetime | None
) -> Iterator[dict[str, Any]]:
    """A mission's facts in the order of the world, each with the state after it
    (`State.shown`, without its counts): a fold of the facts as they read at
    `known_at` (now if None), each told as it is folded."""
    known, then = known_as(known_at)
    rows = tx.all(
        f"SELECT {_TIMELINE_COLUMNS} FROM {{timeline_facts}} f"
        f" WHERE f.mission = ? AND {known} ORDER BY f.latest, f.earliest, f.root",
        (mission.id, *then),
    )
    state = State()
    # A state that a fact leaves as it was is the same object as before it, and
    # so are its lists that it leaves as they were: a long timeline holds each
    # state once, not once a fact.
    shown: dict[str, Any] = {}
    for row in rows:
        fact = Fact(*row[:_FACT])
        if state.apply(fact) or not shown:
            after = state.shown({})
            new = {key: after[key] for key in _TIMELINE_STATE}
            for key in _SHARED:
                if shown and new[key] == shown[key]:
                    new[key] = shown[key]
            shown = new
        yield _timeline_fact(fact, row, shown)


def days_known(
    tx: Tx, missions: list[int] | None, known_at: datetime | None
) -> tuple[str, str] | None:
    """The earliest and the latest day that the facts of `missions` (of all if
    none are given), as known at `known_at`, fall on, a range's open end left
    out; None if none is known."""
    known, then = known_as(known_at)
    only = f" AND mission IN ({', '.join('?' * len(missions))})" if missions else ""
    ends = (date.min.isoformat(), date.max.isoformat())
    part = f"SELECT {{day}} AS day FROM {{{{timeline_facts}}}} WHERE {known}{only}"
    row = tx.one(
        f"SELECT MIN(day), MAX(day) FROM ({part.format(day='earliest')}"
        f" UNION ALL {part.format(day='latest')}) days WHERE day NOT IN (?, ?)",
        [*then, *(missions or []), *then, *(missions or []), *ends],
    )
    return None if row is None or row[0] is None else (row[0], row[1])


#: What a timeline's fact keeps of the state after it.
_TIMELINE_STATE = (
    "status",
    "since",
    "target_launch",
    "partners",
    "milestones",
    "programmes",
)
#: The parts of a state that grow with a mission, shared while they stand.
_SHARED = ("partners", "milestones", "programmes")


def _timeline_fact(
    fact: Fact, row: tuple[Any, ...], state: dict[str, Any]
) -> dict[str, Any]:
    """A fact of `row` (its columns, then its id and summary), and the state
    after it (as `timeline_of` keeps it: not to be changed)."""
    return {
        "id": row[_FACT],
        "kind": fact.kind,
        "occurred": fact.edtf,
        "earliest": fact.earliest,
        "latest": fact.latest,
        "summary": row[_FACT + 1],
        "value": fact.value,
        "partner": fact.partner,
        "by": fact.by,
        "role": fact.role,
        "standing": fact.standing,
        "by_party": fact.party,
        "detail": fact.detail,
        "source": fact.source,
        "state": state,
    }


def views_of(
    tx: Tx,
    missions: list[Mission],
    day: date,
    known_at: datetime | None,
    names: dict[str, str],
) -> list[dict[str, Any]]:
    """The status views of `missions` on `day`, as known at `known_at`."""
    on = day.isoformat()
    states = _states(tx, missions, on, known_at)
    named(states.values(), names)
    uncertain = _uncertain(tx, missions, on, known_at)
    cited = _citations(tx, states, known_at)
    wanted = {i for s in states.values() for i in s["sources"]}
    sources = sources_of(tx, wanted | {i for c in cited.values() for i in c})
    known = known_at.isoformat() if known_at else None
    views = []
    for mission in missions:
        state = states.get(mission.id) or State().shown({})
        told = dict.fromkeys([*state["sources"], *cited.get(mission.id, ())])
        views.append(
            {
                "mission": mission.slug,
                "name": mission.name,
                "at": on,
                "known_at": known,
                **shown_flown(state),
                "uncertain": uncertain.get(mission.id, []),
                "sources": [sources[i] for i in told],
            }
        )
    return views


def _citations(
    tx: Tx, states: dict[int, dict[str, Any]], known_at: datetime | None
) -> dict[int, list[int]]:
    """For each mission, the sources of the citations, standing at `known_at`, of
    the facts its state rests on: in the order of those facts, then recorded."""
    known, then = known_as(known_at)
    rows = tx.all(
        "SELECT mission, root, source FROM {timeline_citations}"
        f" WHERE {known} ORDER BY known_from",
        then,
    )
    found: dict[int, list[int]] = {}
    cited = {mission for mission, _, _ in rows}
    for mission, state in states.items():
        if mission not in cited:
            continue
        place = {root: index for index, root in enumerate(state["rests_on"])}
        ordered = sorted(
            (place[root], n, source)
            for n, (of, root, source) in enumerate(rows)
            if of == mission and root in place
        )
        if ordered:
            found[mission] = [source for _, _, source in ordered]
    return found


def _states(
    tx: Tx, missions: list[Mission], on: str, known_at: datetime | None
) -> dict[int, dict[str, Any]]:
    """What each mission's state shows at the end of the day `on` (`State.shown`)."""
    if known_at is None:
        wanted = {m.id for m in missions}
        only = " WHERE m.number = ?" if len(missions) == 1 else ""
        kept = (
            " FROM {timeline_states} s WHERE s.mission = m.number AND s.latest <= ?"
            " ORDER BY s.latest DESC, s.earliest DESC, s.root DESC LIMIT 1)"
        )
        rows = tx.all(
            f"SELECT m.number, (SELECT s.shown{kept}, (SELECT s.facts{kept},"
            f" (SELECT s.ahead{kept} FROM {{timeline_missions}} m{only}",
            [on, on, on, *(m.id for m in missions[:1] if only)],
        )
        last = (on, on, LAST_ROOT)
        return {
            mission: shown_of(shown, facts)
            if not ahead
            else state_before(tx, mission, last).shown({})
            for mission, shown, facts, ahead in rows
            if shown is not None and mission in wanted
        }
    known, then = known_as(known_at)
    found: dict[int, dict[str, Any]] = {}
    for mission in missions:
        rows = tx.execute(
            f"SELECT {FACT_COLUMNS} FROM {{timeline_facts}}"
            f" WHERE mission = ? AND latest <= ? AND {known}"
            " ORDER BY latest, earliest, root",
            (mission.id, on, *then),
        )
        found[mission.id] = fold(Fact(*row) for row in rows).shown({})
    return found


def _uncertain(
    tx: Tx, missions: list[Mission], on: str, known_at: datetime | None
) -> dict[int, list[dict[str, Any]]]:
    """For each mission, the facts that may, or may not yet, have happened by the
    end of the day `on` (registrations and notes left out): for each class of
    span, the facts ending within that span after the day (see `span`)."""
    one = len(missions) == 1
    known, then = known_as(known_at)
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


def with_sources(
    tx: Tx, told: Iterable[dict[str, Any]], sources: dict[int, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """Each change or fact of `told`, as it comes, with its source in place of
    where the source is kept: each source read once, and kept in `sources` (to
    be shared by several calls)."""
    sources = {} if sources is None else sources
    for item in told:
        kept = item["source"]
        if kept not in sources:
            sources |= sources_of(tx, {kept})
        item["source"] = sources[kept]
        yield item


def sources_of(tx: Tx, ids: set[int]) -> dict[int, Any]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = tx.all(
        f"SELECT id, body FROM {{timeline_sources}} WHERE id IN ({marks})", list(ids)
    )
    return {id_: orjson.loads(body) for id_, body in rows}
