"""The MissionTracker application: records facts and answers questions about them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from difflib import get_close_matches
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import Mapper, Transcoder
from eventsourcing.utils import get_topic

from adapters import commands
from adapters.errors import InputError, UnknownMission
from adapters.persistence import OrjsonTranscoder, PydanticMapper
from adapters.stores import store_settings
from domain.errors import DomainError
from domain.events import MissionEvent, Registered
from domain.mission import (
    Mission,
    Report,
    Snapshot,
    mission_id,
    project_mission,
    register,
)
from domain.timeline import MissionState, state_on

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class MissionTracker(Application[UUID]):
    """The tracked missions and programmes, and every fact recorded about them."""

    name = "missions"
    is_snapshotting_enabled = True
    snapshot_class = Snapshot
    snapshotting_projectors: ClassVar[dict[type[Any], Any]] = {Mission: project_mission}

    def __init__(self, store: str = "memory:", snapshot_interval: int = 50) -> None:
        self.snapshotting_intervals = {Mission: snapshot_interval}  # type: ignore[misc]
        super().__init__(store_settings(store))

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
            found += [self.mapper.to_domain_event(n) for n in page]  # type: ignore[misc]
            if len(page) < 500:
                return found
            start = page[-1].id + 1

    def resolve(self, name: str) -> str:
        """The slug of the mission a person means by `name`."""
        names: dict[str, str] = {}
        for entry in self.catalogue():
            for alias in (entry.slug, entry.name, *entry.aliases):
                names.setdefault(name_key(alias), entry.slug)
        slug = names.get(name_key(name))
        if slug is not None:
            return slug
        close = get_close_matches(name_key(name), list(names), n=3, cutoff=0.5)
        hint = sorted({names[key] for key in close}) or sorted(set(names.values()))
        raise UnknownMission(
            f"unknown mission {name!r}; "
            + (f"did you mean: {', '.join(hint)}?" if close else _known(hint))
        )

    def mission(self, slug: str) -> Mission:
        """The mission with every fact recorded about it."""
        try:
            found = self.repository.get(
                mission_id(slug), projector_func=project_mission
            )
        except AggregateNotFoundError:
            raise UnknownMission(f"unknown mission {slug!r}") from None
        assert isinstance(found, Mission)
        return found

    def state(self, slug: str, day: date) -> tuple[Mission, MissionState]:
        """The mission and what was true of it at the end of `day`."""
        mission = self.mission(self.resolve(slug))
        return mission, state_on(mission.events, day)

    def states(self, day: date) -> list[tuple[Mission, MissionState]]:
        """Every mission, and what was true of it at the end of `day`."""
        missions = [self.mission(entry.slug) for entry in self.catalogue()]
        return [(mission, state_on(mission.events, day)) for mission in missions]

    # Commands

    def register(
        self, slug: str, name: str, aliases: Iterable[str], report: Report
    ) -> Registered:
        """Start tracking a new mission or programme."""
        if not SLUG.match(slug):
            raise InputError(
                f"invalid slug {slug!r}; use lower-case letters, digits and"
                " single hyphens, e.g. venera-d"
            )
        aliases = tuple(dict.fromkeys(a.strip() for a in aliases))
        for given, option in ((name, "--name"), *((a, "--alias") for a in aliases)):
            if not name_key(given):
                raise InputError(
                    f"{option} {given!r} has no letters or digits; give a name"
                    " people would search for, e.g. Venera-D"
                )
        self.require_new_names(slug, name, aliases)
        event = register(slug, name.strip(), aliases, report)
        self.save(project_mission(None, [event]), event)
        return event

    def require_new_names(self, slug: str, name: str, aliases: Iterable[str]) -> None:
        """Refuse a slug, name or alias that already names a tracked mission."""
        taken = self._names()
        for alias in (slug, name, *aliases):
            if name_key(alias) in taken:
                raise DomainError(
                    f"{alias!r} already names {taken[name_key(alias)]}; choose another"
                )

    def record(
        self, name: str, kind: str, report: Report, options: Mapping[str, str | None]
    ) -> MissionEvent:
        """Record a fact of `kind` about the mission a person means by `name`."""
        mission = self.mission(self.resolve(name))
        event = commands.record(mission, kind, report, options)
        self.save(project_mission(mission, [event]), event)
        return event

    def _names(self) -> dict[str, str]:
        return {
            name_key(alias): entry.slug
            for entry in self.catalogue()
            for alias in (entry.slug, entry.name, *entry.aliases)
        }


def name_key(name: str) -> str:
    """A name as compared: case, spaces, hyphens and apostrophes do not count."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _known(slugs: list[str]) -> str:
    if not slugs:
        return "no missions are tracked yet; run `missions seed` or `missions register`"
    return f"known missions: {', '.join(slugs)}"
