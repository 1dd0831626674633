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

from collections.abc import Callable, Iterable
from datetime import date
from functools import cache, lru_cache
from typing import Any
from uuid import UUID

from adapters.dates import parse_edtf
from adapters.errors import InputError
from adapters.eventstore.names import name_key, name_taken
from adapters.eventstore.partners import Registry, partner_of
from adapters.evidence.ids import IdTable, MissionClasses
from domain.admission import Admission
from domain.dates import WorldDate
from domain.errors import DomainError
from domain.events import (
    Corrected,
    Event,
    LaunchTargetChanged,
    PackAdded,
    PartnerAdded,
    Registered,
)

#: Ids looked up in the store at once.
LOOKUP = 500
#: The events of streams that are not missions': a partner's, a pack's.
_NAMING = (PartnerAdded, PackAdded)
#: The fields that name a partner.
_PARTNER_FIELDS = ("partner", "by", "by_party")


def _field(event: Event, name: str) -> Any:
    """The event's field `name`, None if its class has none: asking a pydantic
    model for a field it lacks is slow, and an import asks six for each event."""
    return getattr(event, name) if name in _fields(type(event)) else None


@cache
def _fields(cls: type[Event]) -> frozenset[str]:
    return frozenset(cls.model_fields)


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
        known_ids: Callable[[list[str]], set[str]] | None,
        partners: Registry | None = None,
    ) -> None:
        """`known_ids` says which ids the store holds; None for an empty store."""
        #: Every name, slug and alias, as compared, with the slug it stands for.
        self.names = names
        #: The slugs of the missions tracked, as far as looked up.
        self.slugs: set[str] = set()
        #: Every partner known: the store's, then the file's too.
        self.partners = partners if partners is not None else Registry()
        self.stored_events = stored_events
        self.known_ids = known_ids
        #: Every id met (UUID.int, as the missions' rules keep them): the new
        #: events', and the stored events' of the missions the file adds to.
        self.ids = IdTable()
        #: How many missions the file adds to, so far (each one's number in `ids`).
        self.missions = 0
        #: New ids not yet looked up in the store, as text, with their lines.
        self.pending: dict[str, int] = {}

    def admit(self, number: int, event: Event, rules: Admission) -> None:
        """Check line `number`'s new event against its mission's `rules` (see
        `rules_of`), and count it in; Refusal says which rule it breaks."""
        key = event.id.int
        if self.ids.is_new(key):
            self._refuse(
                number, event, "its id is that of an earlier event of the file"
            )
        try:
            if type(event) is PartnerAdded:
                partner = partner_of(event)
                # As recorded: an earlier version may have recorded a built-in
                # partner's slug with other details; that record stands.
                self.partners.require_new(partner, as_recorded=True)
                self.partners.add(partner)
            else:
                if type(event) is Registered:
                    self._require_new_names(event)
                self._require_known_partners(event)
                self._require_known_programme(event)
                _require_true_dates(event)
                rules.admit(event)
        except (DomainError, InputError) as error:
            self._refuse(number, event, str(error))
        if type(event) in _NAMING:  # the rules keep the others' ids as new
            self.ids.mark_new(key)
        if self.known_ids is not None:
            pending = self.pending
            pending[str(event.id)] = number
            if len(pending) >= LOOKUP:
                self.look_up()

    def look_up(self) -> None:
        """Refuse the first new event whose id the store already holds."""
        pending, self.pending = self.pending, {}
        if not pending or self.known_ids is None:
            return
        found = self.known_ids(list(pending))
        for text, number in pending.items():
            if text in found:
                raise Refusal(
                    number,
                    f"event {text}: its id is already the id of an event in the store",
                )

    def rules_of(self, event: Event, stored: int) -> Admission:
        """The rules of the mission of `event`, of which the store holds `stored`
        events: read from the store the first time the file adds to it."""
        self.missions += 1
        classes = MissionClasses(self.ids, self.missions)
        if stored == 0:
            # lines.check: version 1 registers a mission, adds a partner or a
            # pack (whose stream holds its pack-added events alone).
            assert isinstance(event, Registered | PartnerAdded | PackAdded)
            rules: Admission
            if isinstance(event, PartnerAdded):
                rules = _PartnerStream(event.slug, classes)
            elif isinstance(event, PackAdded):
                rules = _PackStream(event.pack, classes)
            else:
                rules = Admission(event.slug, classes)
        else:
            events = list(self.stored_events(event.originator_id))
            first = events[0] if events else None
            if isinstance(first, PartnerAdded):
                rules = _PartnerStream(first.slug, classes)
            elif isinstance(first, PackAdded):
                rules = _PackStream(first.pack, classes)
            else:
                slug = (
                    first.slug
                    if isinstance(first, Registered)
                    else str(event.originator_id)
                )
                rules = Admission.of(slug, events, classes)
        classes.new = True  # the ids kept from now on are the file's
        return rules

    def _require_known_partners(self, event: Event) -> None:
        """Refuse a fact (or a correction) that names a partner not known."""
        named = event.changes if type(event) is Corrected else {}
        for field in _PARTNER_FIELDS:
            for value in (_field(event, field), named.get(field)):
                if type(value) is str:
                    self.partners.require_known(value)

    def _require_known_programme(self, event: Event) -> None:
        """Refuse a fact (or a correction) that names as its programme a mission
        not tracked, or its own."""
        named = event.changes if type(event) is Corrected else {}
        said = _field(event, "programme")
        for value in (said, named.get("programme")):
            if type(value) is not str:
                continue
            if value not in self.slugs:
                self.slugs = set(self.names.values())
            if value not in self.slugs:
                raise DomainError(f"unknown mission {value!r}, named as a programme")

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
        found = name_taken(self.names, texts, event.slug)
        if found is not None:
            raise DomainError(f"{found.said()}; a name names one mission")
        for text in texts:
            self.names[name_key(text)] = event.slug

    @staticmethod
    def _refuse(number: int, event: Event, message: str) -> None:
        kind = getattr(event, "kind", type(event).__name__)
        raise Refusal(number, f"event {event.id} ({kind}): {message}")


def _require_true_dates(event: Event) -> None:
    """Refuse a date whose EDTF text stands for other days than those stored."""
    for name in ("occurred", "effective"):
        day = _field(event, name)
        if day is not None:
            _require_true(day)
    if type(event) is LaunchTargetChanged and event.target is not None:
        _require_true(event.target)
    elif type(event) is Corrected:
        for name in ("occurred", "effective", "target"):
            value = event.changes.get(name)
            if isinstance(value, dict):
                try:
                    world = WorldDate.model_validate(value)
                except ValueError:
                    continue  # the rules say what is wrong with it
                _require_true(world)


def _require_true(world: WorldDate) -> None:
    earliest, latest = world.earliest, world.latest
    if earliest == latest and world.edtf == earliest.isoformat():
        return  # a day, as most facts are dated
    days = _days_of(world.edtf)
    if (earliest, latest) != days:
        raise DomainError(
            f"its date {world.edtf!r} stands for {days[0]} to {days[1]},"
            f" not {earliest} to {latest}"
        )


@lru_cache(maxsize=4096)
def _days_of(edtf: str) -> tuple[date, date]:
    """The earliest and latest day an EDTF text stands for (DateError if none)."""
    if edtf != edtf.strip():
        raise DomainError(f"its date {edtf!r} has spaces around it")
    day = parse_edtf(edtf)
    return day.earliest, day.latest


class _PackStream(Admission):
    """The rules of a pack's stream: its `pack-added` events alone, of its name."""

    __slots__ = ()

    def admit(self, event: Event) -> None:
        if type(event) is not PackAdded or event.pack != self.slug:
            raise DomainError(
                f"the stream of the pack {self.slug} holds its pack-added events"
                " alone; facts belong to missions"
            )


class _PartnerStream(Admission):
    """The rules of a partner's stream: it holds its `partner-added` alone."""

    __slots__ = ()

    def admit(self, event: Event) -> None:
        raise DomainError(
            f"the stream of the partner {self.slug} holds its partner-added event"
            " alone; facts belong to missions"
        )
