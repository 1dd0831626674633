"""A pack added again, compared with what it recorded before: each mission's
facts looked up by id (`Recorded`), a fact as the pack says it, built without the
rules (`as_said`) and what it changes (`changes`), and whether a fact's source is
the pack's (`same_source`): so that adding an unchanged pack again costs time in
proportion to it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from pydantic import ValidationError

from adapters.errors import InputError
from adapters.eventstore import commands
from adapters.eventstore.names import name_key
from adapters.eventstore.partners import Registry
from adapters.packs.reading import Entry, Pack
from domain.errors import DomainError
from domain.events import MissionEvent, Source
from domain.knowledge import correctable, effective_facts
from domain.mission import Mission, Report


@dataclass
class Recorded:
    """A mission's events as they stand in a plan, looked up by id: the id of
    every event, and each fact as its corrections leave it (none retracted)."""

    mission: Mission
    ids: set[UUID]
    facts: dict[UUID, MissionEvent]

    @classmethod
    def of(cls, mission: Mission) -> Recorded:
        """The events of `mission`, read once."""
        facts = {fact.id: fact for fact in effective_facts(mission.events)}
        return cls(mission, {event.id for event in mission.events}, facts)

    def now(self, mission: Mission) -> Recorded:
        """The events of `mission`, the same mission with facts added since, or
        corrected: new facts are counted in, anything else is read again."""
        if mission is self.mission:
            return self
        count = len(self.mission.events)
        new = mission.events[count:]
        if mission.events[:1] != self.mission.events[:1] or not all(
            isinstance(event, MissionEvent) for event in new
        ):
            return Recorded.of(mission)
        self.mission = mission
        for event in new:
            self.ids.add(event.id)
            if isinstance(event, MissionEvent):
                self.facts[event.id] = event
        return self


def changes(current: MissionEvent, candidate: MissionEvent) -> dict[str, Any]:
    """The fields a correction may change whose values `candidate` gives
    otherwise than `current`, with the values it gives."""
    now = candidate.model_dump(mode="json")
    was = current.model_dump(mode="json")
    return {
        name: now[name]
        for name in correctable(type(current))
        if now.get(name) != was.get(name)
    }


E = TypeVar("E", bound=MissionEvent)


class _AsSaid(Mission):
    """A mission without its facts, whose new fact is built as a pack says it,
    without the rules: enough to tell that a fact recorded before is unchanged,
    in time that does not grow with the mission."""

    def _checked(self, cls: type[E], report: Report, **change: Any) -> E:
        return self.head.fact(cls, report, **change)


def as_said(
    mission: Mission,
    kind: str,
    report: Report,
    options: dict[str, Any],
    registry: Registry,
) -> MissionEvent | None:
    """The fact as the pack says it, built without looking at the mission's
    history; None if that cannot tell (a replacement's role, when not given, is
    the one the partner had; or what the pack says breaks a rule)."""
    if kind == "partner-replaced" and options.get("role") is None:
        return None
    blank = _AsSaid.model_construct(**{**dict(mission), "events": (), "skipped": ()})
    try:
        return commands.record(blank, kind, report, options, lambda: registry)
    except (InputError, DomainError, ValidationError):
        return None


def require_same_source(pack: Pack, entry: Entry, recorded: Source) -> None:
    """Refuse a pack that reuses the name of a pack recorded with another
    source (for NDJSON lines, a line that reuses a recorded fact's key), unless
    it replaces it."""
    given = entry.fields["source"]
    if same_source(recorded, given):
        return
    if pack.name is not None:
        require_name_free(pack, recorded)
    raise pack.error(
        entry,
        "source",
        f"the key {entry.key} is taken by a fact recorded with the source"
        f" {cited(recorded)}; give this fact a key of its own, or add it with"
        " --replace to correct that fact as this line says",
    )


def require_name_free(pack: Pack, recorded: Source) -> None:
    """Refuse a pack whose name is that of a pack recorded with another source,
    `recorded`."""
    if pack.source is not None and same_source(recorded, pack.source):
        return
    named = Entry("", "(pack)", {}, pack.line)
    raise pack.error(
        named,
        "pack",
        f"the name {pack.name} is taken by a pack recorded with the source"
        f" {cited(recorded)}; give this pack a name of its own, or add it"
        " with --replace to correct that pack's facts as this one says",
    )


def same_source(recorded: Source, given: Source) -> bool:
    """Whether `given` names the source `recorded` does: the same publication,
    and the same title and page where both give one. Case, spacing and
    punctuation do not count in a publication or a title, nor the scheme, the
    case or a final slash in a url; the author and the date of publication may
    be corrected."""
    if name_key(recorded.publication) != name_key(given.publication):
        return False
    titles = (recorded.title, given.title)
    if all(titles) and name_key(titles[0] or "") != name_key(titles[1] or ""):
        return False
    urls = (recorded.url, given.url)
    return not all(urls) or _page(urls[0] or "") == _page(urls[1] or "")


def _page(url: str) -> str:
    """A url as compared: no scheme, no final slash, whatever the case."""
    return re.sub("^[a-z]+://", "", url.strip().casefold()).rstrip("/")


def cited(source: Source) -> str:
    """A source in one line: its publication, then its title and url if known."""
    parts = [source.publication]
    if source.title:
        parts.append(f'"{source.title}"')
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)
