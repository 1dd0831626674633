"""The rules an import applies to each new event: the aggregate's own
(`domain.admission`), on each mission as it stands with the events before it,
the store's and the file's; and those across missions, which no aggregate can
check alone: an event's id is the id of no other event, and a mission's slug,
name and aliases name no other mission. Also that a date's EDTF text says the
days it is stored with.

Each mission's rules are read from the store once, the first time the file adds
to it; after that each event is checked against what the rules keep, without a
replay. Ids are looked up in the read model's indexes, a batch at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any
from uuid import UUID

from adapters.dates import parse_edtf
from adapters.errors import InputError
from adapters.names import name_key
from domain.admission import Admission
from domain.dates import WorldDate
from domain.errors import DomainError
from domain.events import (
    Corrected,
    Event,
    LaunchTargetChanged,
    MissionEvent,
    Registered,
)

#: Ids looked up in the store at once.
LOOKUP = 500


class Refusal(Exception):
    """A line that breaks a rule: its number and what is wrong (without "line N")."""

    def __init__(self, number: int, message: str) -> None:
        super().__init__(message)
        self.number = number
        self.message = message


class Admitting:
    """What an import knows of the missions it adds to, and of the names and ids
    in the store."""

    def __init__(
        self,
        names: dict[str, str],
        stored_events: Callable[[UUID], Iterable[Event]],
        known_ids: Callable[[list[str]], set[str]],
    ) -> None:
        #: Every name, slug and alias, as compared, with the slug it stands for.
        self.names = names
        self.stored_events = stored_events
        self.known_ids = known_ids
        #: The rules of each mission the file adds to.
        self.missions: dict[UUID, Admission] = {}
        #: The new events' ids, with the line each came on.
        self.lines: dict[UUID, int] = {}
        #: New ids not yet looked up in the store.
        self.pending: list[UUID] = []

    def admit(self, number: int, event: Event, stored: int) -> None:
        """Check line `number`'s new event, of a mission the store holds `stored`
        events of, and count it in; Refusal says which rule it breaks."""
        rules = self.missions.get(event.originator_id)
        if rules is None:
            rules = self._rules(event, stored)
        earlier = self.lines.get(event.id)
        if earlier is not None:
            self._refuse(
                number, event, f"its id is that of the event on line {earlier}"
            )
        try:
            if isinstance(event, Registered):
                self._require_new_names(event)
            _require_true_dates(event)
            rules.check(event)
        except (DomainError, InputError) as error:
            self._refuse(number, event, str(error))
        rules.add(event)
        self.lines[event.id] = number
        self.pending.append(event.id)
        if len(self.pending) >= LOOKUP:
            self.look_up()

    def look_up(self) -> None:
        """Refuse the first new event whose id the store already holds."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        found = self.known_ids([str(event_id) for event_id in pending])
        for event_id in pending:
            if str(event_id) in found:
                raise Refusal(
                    self.lines[event_id],
                    f"event {event_id}: its id is already the id of an event"
                    " in the store",
                )

    def _rules(self, event: Event, stored: int) -> Admission:
        """The rules of the mission of `event`, read from the store if it holds
        any of its events."""
        if stored == 0:
            assert isinstance(event, Registered)  # lines.check: version 1 registers
            rules = Admission(event.slug)
        else:
            events = list(self.stored_events(event.originator_id))
            first = events[0] if events else None
            slug = (
                first.slug
                if isinstance(first, Registered)
                else str(event.originator_id)
            )
            rules = Admission.of(slug, events)
        self.missions[event.originator_id] = rules
        return rules

    def _require_new_names(self, event: Registered) -> None:
        """Refuse a name that names no mission, or one that names another."""
        for option, given in (
            ("name", event.name),
            *(("alias", alias) for alias in event.aliases),
        ):
            if not name_key(given):
                raise DomainError(
                    f"its {option} {given[:60]!r} has no letters or digits"
                )
        texts = (event.slug, event.name, *event.aliases)
        for text in texts:
            taken = self.names.get(name_key(text))
            if taken is not None and taken != event.slug:
                raise DomainError(
                    f"{text[:60]!r} already names {taken}; a name names one mission"
                )
        for text in texts:
            self.names[name_key(text)] = event.slug

    @staticmethod
    def _refuse(number: int, event: Event, message: str) -> None:
        kind = getattr(event, "kind", type(event).__name__)
        raise Refusal(number, f"event {event.id} ({kind}): {message}")


def _require_true_dates(event: Event) -> None:
    """Refuse a date whose EDTF text stands for other days than those stored."""
    for world in _dates_of(event):
        earliest, latest = _days_of(world.edtf)
        if (world.earliest, world.latest) != (earliest, latest):
            raise DomainError(
                f"its date {world.edtf!r} stands for {earliest} to {latest},"
                f" not {world.earliest} to {world.latest}"
            )


def _dates_of(event: Event) -> Iterator[WorldDate]:
    if isinstance(event, MissionEvent):
        yield event.occurred
    if isinstance(event, LaunchTargetChanged):
        yield event.target
    if isinstance(event, Corrected):
        for name in ("occurred", "target"):
            value = event.changes.get(name)
            if isinstance(value, dict):
                try:
                    yield WorldDate.model_validate(value)
                except ValueError:
                    continue  # the rules say what is wrong with it


@lru_cache(maxsize=4096)
def _days_of(edtf: str) -> tuple[Any, Any]:
    """The earliest and latest day an EDTF text stands for (DateError if none)."""
    if edtf != edtf.strip():
        raise DomainError(f"its date {edtf!r} has spaces around it")
    day = parse_edtf(edtf)
    return day.earliest, day.latest
