"""Plain views of missions and events, as scripts read them (the JSON contract)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from adapters.eventstore.partners import Registry
from adapters.eventstore.persistence import stored_fields
from domain.events import Corrected, Event, MissionEvent, Retracted
from domain.fold import shown_flown
from domain.knowledge import amendments, citations, known_by
from domain.mission import Mission
from domain.timeline import Change, history, shown_on, uncertain_on

_COMMON = {
    "originator_id",
    "originator_version",
    "timestamp",
    "id",
    "occurred",
    "source",
    "summary",
    "quote",
    "kind",
    "previous",
    "digest",
    "seal_scheme",
}


def status_view(
    mission: Mission,
    day: date,
    known_at: datetime | None = None,
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What was true of a mission at the end of `day`, as known at `known_at`, and
    who said so: the sources of the facts it rests on, then those of their
    citations (each source once)."""
    names = Registry().names() if names is None else names
    shown, applied = shown_on(mission.events, day, known_at, names)
    cited = citations(mission.events, known_at)
    basis = [applied[index] for index in shown["sources"]]
    sources: list[dict[str, Any]] = []
    told = [f.source for f in basis] + [
        c.source for f in basis for c in cited.get(f.id, ())
    ]
    for source in told:
        dumped = source.model_dump(mode="json")
        if dumped not in sources:
            sources.append(dumped)
    return {
        "mission": mission.slug,
        "name": mission.name,
        "at": day.isoformat(),
        "known_at": known_at.isoformat() if known_at else None,
        **shown_flown(shown),
        "uncertain": [
            _fact_brief(event) for event in uncertain_on(mission.events, day, known_at)
        ],
        "sources": sources,
    }


def log_view(
    mission: Mission, known_at: datetime | None = None
) -> list[dict[str, Any]]:
    """Every event recorded about a mission by `known_at`, each with the
    corrections and retraction recorded about it by then."""
    known = known_by(mission.events, known_at)
    later = amendments(known)
    cited = citations(known)
    views = []
    for event in known:
        view = event_view(mission.slug, event)
        about = later.get(event.id, [])
        view["corrected_by"] = [str(e.id) for e in about if isinstance(e, Corrected)]
        view["retracted_by"] = next(
            (str(e.id) for e in about if isinstance(e, Retracted)), None
        )
        if isinstance(event, MissionEvent):
            view["sources"] = [
                view["source"],
                *(c.source.model_dump(mode="json") for c in cited.get(event.id, ())),
            ]
        views.append(view)
    return views


def event_view(slug: str, event: Event) -> dict[str, Any]:
    """One recorded event, with its dates, its source and its own fields."""
    own = event.model_dump(mode="json", exclude=_COMMON)
    for name in ("target", "effective"):
        if own.get(name) is not None:
            own[name] = own[name]["edtf"]
    fact = event if isinstance(event, MissionEvent) else None
    source = getattr(event, "source", None)
    return {
        "id": str(event.id),
        "mission": slug,
        "version": event.originator_version,
        "type": event.type,
        "kind": _kind(event),
        "occurred": fact.occurred.edtf if fact else None,
        "earliest": fact.occurred.earliest.isoformat() if fact else None,
        "latest": fact.occurred.latest.isoformat() if fact else None,
        "recorded_at": event.recorded_at.isoformat(),
        "summary": getattr(event, "summary", None),
        "quote": getattr(event, "quote", None),
        "source": source.model_dump(mode="json") if source else None,
        **own,
    }


def stored_view(
    slug: str, version: int, cls: type[Event], state: dict[str, Any]
) -> dict[str, Any]:
    """`event_view` of an event of class `cls` from its stored state, when that
    state holds exactly the event (`persistence.is_regular`: a field left out
    holds its default): the event is not built, so that a log tells such events
    as they are read (`adapters.eventstore.log`)."""
    fields, own_fields, kind, is_fact = _shape(cls)
    own = {name: state.get(name, default) for name, default in own_fields}
    for name in ("target", "effective"):
        if own.get(name) is not None:
            own[name] = own[name]["edtf"]
    occurred = state.get("occurred", fields.get("occurred")) if is_fact else None
    stamp: str = state.get("timestamp", fields["timestamp"])
    return {
        "id": state.get("id", fields["id"]),
        "mission": slug,
        "version": version,
        "type": cls.__name__,
        "kind": kind,
        "occurred": occurred["edtf"] if occurred else None,
        "earliest": occurred["earliest"] if occurred else None,
        "latest": occurred["latest"] if occurred else None,
        # As `datetime.isoformat` writes UTC, where pydantic writes Z.
        "recorded_at": stamp[:-1] + "+00:00" if stamp.endswith("Z") else stamp,
        "summary": state.get("summary", fields.get("summary")),
        "quote": state.get("quote", fields.get("quote")),
        "source": state.get("source", fields.get("source")),
        **own,
    }


@cache
def _shape(
    cls: type[Event],
) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...], str, bool]:
    """What `stored_view` needs of a class: its stored fields with their
    defaults, those of its own (not every event's), its kind, whether a fact."""
    fields = stored_fields(cls)
    own = tuple((name, value) for name, value in fields if name not in _COMMON)
    return dict(fields), own, _kind_of(cls), issubclass(cls, MissionEvent)


def history_view(
    mission: Mission,
    start: date | None = None,
    end: date | None = None,
    known_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """The mission's changes, in the order of the world, whose days touch those
    from `start` to `end`, each `within` them surely (all its days are) or
    possibly (a fact dated "on or before 2022-02-24" is only possibly after
    2022-02-20)."""
    found = []
    for change in history(mission.events, known_at):
        on = change.on
        if (start is None or on.latest >= start) and (
            end is None or on.earliest <= end
        ):
            inside = (start is None or on.earliest >= start) and (
                end is None or on.latest <= end
            )
            view = change_view(mission.slug, change)
            view["within"] = "surely" if inside else "possibly"
            found.append(view)
    return found


def change_view(slug: str, change: Change) -> dict[str, Any]:
    """One change: its date, what changed from what to what, and why."""
    event, on = change.event, change.on
    return {
        "mission": slug,
        "date": on.edtf,
        "earliest": on.earliest.isoformat(),
        "latest": on.latest.isoformat(),
        "within": "surely",
        "subject": change.subject,
        "partner": change.partner,
        "role": change.role.value if change.role else None,
        "from": change.before,
        "to": change.after,
        "by_party": getattr(event, "by_party", None),
        "detail": getattr(event, "detail", None),
        "announced": change.announced,
        "occurred": event.occurred.edtf,
        "effective": event.effective.edtf if event.effective else None,
        "event": str(event.id),
        "kind": _kind(event),
        "summary": event.summary,
        "source": event.source.model_dump(mode="json"),
    }


def _fact_brief(event: MissionEvent) -> dict[str, Any]:
    """A fact that may or may not have taken effect, at the date it takes effect."""
    day = event.in_effect
    return {
        "id": str(event.id),
        "kind": _kind(event),
        "occurred": day.edtf,
        "earliest": day.earliest.isoformat(),
        "latest": day.latest.isoformat(),
        "summary": event.summary,
    }


def _kind(event: Event) -> str:
    """The kind of an event, as people type it, e.g. `status-changed`."""
    return _kind_of(type(event))


def _kind_of(cls: type[Event]) -> str:
    return str(cls.model_fields["kind"].default)
