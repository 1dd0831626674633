"""Adding a source pack: what it makes known, records and corrects, decided on the
missions as they are stored, then written all at once (or not at all).

A pack's name is its facts' identity: a pack that reuses the name of a pack
recorded with another source is refused unless it replaces it. A partner the
tracker knows is left as it is, and a pack that says otherwise of it is refused.
Adding an unchanged pack again costs time in proportion to it (adapters.packs.
again: each mission's facts looked up by id, a fact told unchanged by what it
says alone, the rules asked only of a fact that changes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from pydantic import ValidationError

from adapters.dates import parse_edtf
from adapters.errors import InputError, UnknownMission
from adapters.eventstore import commands
from adapters.eventstore.locks import WRITE_TRIES
from adapters.eventstore.names import Taken, name_key, name_taken, resolve
from adapters.eventstore.partners import Partner, Registry, redefined
from adapters.eventstore.registration import checked_names, checked_partner
from adapters.eventstore.tracker import REGISTRATIONS
from adapters.packs.again import (
    Recorded,
    as_said,
    changes,
    require_name_free,
    require_same_source,
)
from adapters.packs.reading import (
    REPORT_FIELDS,
    Entry,
    Pack,
    PackError,
)
from adapters.packs.wording import complained_of, in_pack_words
from domain.admission import require_short_quote
from domain.errors import DomainError
from domain.events import (
    Cited,
    Corrected,
    Event,
    MissionEvent,
    PackAdded,
    PartnerAdded,
)
from domain.knowledge import root_fact
from domain.mission import Mission, Report, register
from domain.packs import pack_added
from domain.projection import project_mission
from domain.registry import add_partner
from domain.vocabulary import PartnerKind

if TYPE_CHECKING:
    from adapters.eventstore.tracker import MissionTracker

#: The namespace of the ids of the facts of packs (and of the article's).
NAMESPACE = uuid5(NAMESPACE_URL, "missions:seed")


def fact_id(ident: str) -> UUID:
    """The id of the fact a pack names `ident`: the same each time it is added."""
    return uuid5(NAMESPACE, ident)


@dataclass(frozen=True)
class Fixed:
    """A fact of the pack that was recorded before and has since been edited."""

    key: str
    correction: Corrected
    fields: tuple[str, ...]


@dataclass
class Plan:
    """What adding a pack records: partners made known, then facts, then
    corrections, with the missions as they stand before and after."""

    pack: Pack
    #: Whether the pack may correct the facts of a pack of its name recorded
    #: with another source (`missions add --replace`).
    replace: bool = False
    partners: list[PartnerAdded] = field(default_factory=list)
    #: The record of the pack's name and source, if the store lacks it as it is.
    named: PackAdded | None = None
    added: list[tuple[str, MissionEvent]] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)
    unchanged: int = 0
    before: dict[str, Mission | None] = field(default_factory=dict)
    after: dict[str, Mission] = field(default_factory=dict)
    #: The events of each mission of `after`, by id, as it stands.
    recorded: dict[str, Recorded] = field(default_factory=dict, repr=False)

    def events_of(self, slug: str) -> Recorded:
        """The events of the mission `slug` as it stands in the plan, by id."""
        found = self.recorded.get(slug)
        mission = self.after[slug]
        found = Recorded.of(mission) if found is None else found.now(mission)
        self.recorded[slug] = found
        return found

    @property
    def events(self) -> list[Event]:
        """Every event to write, in the order decided."""
        facts: list[Event] = [event for _, event in self.added]
        named = [self.named] if self.named is not None else []
        fixed = [f.correction for f in self.fixed]
        return [*self.partners, *named, *facts, *fixed]


def add_pack(
    tracker: MissionTracker, pack: Pack, dry_run: bool = False, replace: bool = False
) -> Plan:
    """Record what `pack` adds to the store, all or nothing; with `dry_run`,
    decide it only; with `replace`, correct the facts of a pack of its name
    recorded with another source."""

    def attempt() -> Plan:
        plan = plan_pack(tracker, pack, replace)
        if not dry_run and plan.events:
            tracker.save(*plan.after.values(), *plan.events)
        return plan

    return tracker.locks.retrying(
        REGISTRATIONS,
        attempt,
        f"other writers kept recording; gave up after {WRITE_TRIES}"
        " tries, nothing was added: try again",
    )


def plan_pack(tracker: MissionTracker, pack: Pack, replace: bool = False) -> Plan:
    """What adding `pack` would record, checked against the store as it is."""
    plan = Plan(pack, replace)
    plan.named = _named(tracker, pack, replace)
    registry = tracker.partner_registry()
    for entry in pack.partners:
        event = _partner(pack, entry, registry)
        if event is not None:
            plan.partners.append(event)
    names = tracker.names()
    for entry in pack.facts:
        if entry.fields["kind"] == "registered":
            _registration(plan, entry, names)
        else:
            _fact(tracker, plan, entry, names, registry)
    return plan


def _named(tracker: MissionTracker, pack: Pack, replace: bool) -> PackAdded | None:
    """The record of a named pack to add: none if the store holds its name with
    its source as it is; a name held with another source is refused, unless
    the pack replaces that one."""
    if pack.name is None or pack.source is None:
        return None  # fact lines: each fact is known by its key alone
    latest = tracker.pack(pack.name)
    if latest is not None:
        if latest.source == pack.source:
            return None
        if not replace:
            require_name_free(pack, latest.source)
    return pack_added(pack.name, pack.source, latest)


def _partner(pack: Pack, entry: Entry, registry: Registry) -> PartnerAdded | None:
    given = entry.fields
    if given["partner"] in registry:
        _require_as_known(pack, entry, registry)
        return None  # known already: left as it is
    for name in ("name", "kind"):
        if not isinstance(given.get(name), str):
            raise pack.error(entry, name, "required, as text")
    if str(given["kind"]).lower() not in set(PartnerKind):
        kinds = ", ".join(PartnerKind)
        raise pack.error(entry, "kind", f"unknown kind; kinds: {kinds}")
    try:
        slug, name, country, aliases = checked_partner(
            given["partner"],
            given["name"],
            given.get("country"),
            tuple(given.get("aliases", ())),
        )
        _require_free(pack, entry, registry.taken)
        event = add_partner(
            slug,
            name,
            PartnerKind(str(given["kind"]).lower()),
            given["source"],
            country=country,
            via=_via(pack, entry, registry),
            aliases=aliases,
            summary=given.get("summary"),
        )
        partner = Partner(slug, name, event.category, country, event.via, aliases)
        registry.require_new(partner)
    except PackError:
        raise
    except (InputError, DomainError, ValidationError) as error:
        raise pack.error(
            entry, complained_of(error, given, "name"), in_pack_words(error)
        ) from None
    registry.add(partner)
    return event


def _require_as_known(pack: Pack, entry: Entry, registry: Registry) -> None:
    """Refuse an entry that says otherwise of a partner known already: its
    name, kind, country or the body it takes part through."""
    known = registry.partners[entry.fields["partner"]]
    said = {
        name: entry.fields[name]
        for name in ("name", "kind", "country")
        if isinstance(entry.fields.get(name), str)
    }
    if isinstance(entry.fields.get("via"), str):
        said["via"] = _via(pack, entry, registry)
    if registry.named(said.get("name") or "") == known.partner:
        del said["name"]  # one of its names: an alias agrees too
    differs = redefined(known, said, filling=True)
    if differs:
        raise pack.error(
            entry,
            differs[0][0],
            f"the partner {known.partner} is known as {known.described()};"
            f" this entry says {', '.join(text for _, text in differs)}: a pack"
            " does not redefine a known partner; leave the entry out, or give"
            " it as known",
        )


def _via(pack: Pack, entry: Entry, registry: Registry) -> str | None:
    via = entry.fields.get("via")
    if via is None:
        return None
    try:
        return registry.resolve(str(via))
    except InputError as error:
        raise pack.error(entry, "via", str(error)) from None


def _require_free(
    pack: Pack, entry: Entry, taken: Callable[[Iterable[str]], Taken | None]
) -> None:
    """Refuse a slug, name or alias of `entry` that already names another, in
    words that name its field."""
    given = entry.fields
    slug = given.get("partner", given.get("mission"))
    named = [("partner" if "partner" in given else "mission", slug)]
    named += [("name", given["name"])]
    named += [("aliases", alias) for alias in given.get("aliases", ())]
    for field_name, text in named:
        found = taken([str(text)])
        if found is not None:
            whose = "the partner " if "partner" in given else ""
            raise pack.error(entry, field_name, found.said(whose))


def _registration(plan: Plan, entry: Entry, names: dict[str, str]) -> None:
    """Track a mission of the pack, unless it is tracked already."""
    pack, given = plan.pack, entry.fields
    slug = str(given["mission"])
    if slug in names.values():
        plan.unchanged += 1  # tracked already: left as it is, whatever its source
        return
    report = _report(pack, entry, fact_id(entry.ident))
    try:
        aliases = checked_names(slug, str(given["name"]), given.get("aliases", ()))
        _require_free(pack, entry, partial(name_taken, names))
        event = register(slug, str(given["name"]), aliases, report)
    except PackError:
        raise
    except (InputError, DomainError, ValidationError) as error:
        raise pack.error(
            entry, complained_of(error, given, "mission"), in_pack_words(error)
        ) from None
    names.update({name_key(n): slug for n in (slug, given["name"], *aliases)})
    plan.before[slug] = None
    plan.after[slug] = _projected(None, [event])
    plan.added.append((entry.key, event))


def _fact(
    tracker: MissionTracker,
    plan: Plan,
    entry: Entry,
    names: dict[str, str],
    registry: Registry,
) -> None:
    pack, given = plan.pack, entry.fields
    ident = fact_id(entry.ident)
    report = _report(pack, entry, ident)
    try:
        slug = resolve(str(given["mission"]), names)
    except UnknownMission as error:
        raise pack.error(entry, "mission", str(error)) from None
    mission = _mission(tracker, plan, slug)
    options = {k: v for k, v in given.items() if k not in (*REPORT_FIELDS, "source")}
    if isinstance(options.get("programme"), str):  # a programme is a tracked mission
        try:
            options["programme"] = resolve(options["programme"], names)
        except UnknownMission as error:
            raise pack.error(entry, "programme", str(error)) from None
    if ident in plan.events_of(slug).ids:
        _compare(plan, entry, mission, report, options, registry)
        return
    _require_unrecorded(tracker, pack, entry, ident)
    try:
        event = commands.record(
            mission, given["kind"], report, options, lambda: registry
        )
    except (InputError, DomainError, ValidationError) as error:
        raise pack.error(
            entry, complained_of(error, given), in_pack_words(error)
        ) from None
    plan.after[slug] = _projected(mission, [event])
    plan.added.append((entry.key, event))


def _report(pack: Pack, entry: Entry, ident: UUID) -> Report:
    given = entry.fields
    dates = {}
    for name in ("on", "effective"):
        if given.get(name) is not None:
            try:
                dates[name] = parse_edtf(str(given[name]))
            except InputError as error:
                raise pack.error(entry, name, str(error)) from None
    try:
        require_short_quote(given.get("quote"))
    except DomainError as error:
        raise pack.error(entry, "quote", str(error)) from None
    return Report(
        id=ident,
        occurred=dates["on"],
        effective=dates.get("effective"),
        source=given["source"],
        summary=given.get("summary"),
        quote=given.get("quote"),
    )


def _mission(tracker: MissionTracker, plan: Plan, slug: str) -> Mission:
    if slug not in plan.after:
        found = tracker.mission(slug)
        plan.before[slug] = found
        plan.after[slug] = found
    return plan.after[slug]


def _require_unrecorded(
    tracker: MissionTracker, pack: Pack, entry: Entry, ident: UUID
) -> None:
    """Refuse a fact whose mission was edited: its id is another mission's."""
    try:
        other, _ = tracker.find_event(str(ident))
    except InputError:
        return
    raise pack.error(
        entry,
        "mission",
        f"this fact was added to {other.slug}; a fact's mission cannot change:"
        " retract it (`missions retract`) and give the new fact a new key",
    )


def _compare(
    plan: Plan,
    entry: Entry,
    mission: Mission,
    report: Report,
    options: dict[str, Any],
    registry: Registry,
) -> None:
    """Correct a fact recorded before if the pack now says otherwise."""
    pack, ident = plan.pack, report.id
    assert ident is not None
    current = plan.events_of(mission.slug).facts.get(ident)
    if current is None:
        plan.unchanged += 1  # retracted since: left as it is
        return
    if not plan.replace:
        require_same_source(pack, entry, current.source)
    kind = entry.fields["kind"]
    if current.kind != kind:  # type: ignore[attr-defined]
        raise pack.error(
            entry,
            "kind",
            f"this fact was added as {current.kind}; a fact's kind cannot change:"  # type: ignore[attr-defined]
            " retract it (`missions retract`) and give the new fact a new key",
        )
    said = as_said(mission, kind, report, options, registry)
    if said is not None and not changes(current, said):
        plan.unchanged += 1
        return
    without = _without(mission, ident)
    try:
        candidate = commands.record(without, kind, report, options, lambda: registry)
    except (InputError, DomainError, ValidationError) as error:
        raise pack.error(
            entry, complained_of(error, entry.fields), in_pack_words(error)
        ) from None
    changed = changes(current, candidate)
    if not changed:
        plan.unchanged += 1
        return
    try:
        correction = mission.correct(
            ident, changed, f"Corrected as the pack {pack.name or pack.path} now says."
        )
    except DomainError as error:
        raise pack.error(entry, sorted(changed)[0], str(error)) from None
    plan.after[mission.slug] = _projected(mission, [correction])
    plan.fixed.append(Fixed(entry.key, correction, tuple(sorted(changed))))


def _without(mission: Mission, ident: UUID) -> Mission:
    """The mission as if the fact `ident` had never been recorded."""
    by_id: dict[UUID, Event] = {e.id: e for e in mission.events}

    def about(event: Any) -> bool:
        if event.id == ident:
            return True
        target = getattr(event, "corrects", None) or getattr(event, "cites", None)
        if isinstance(event, Corrected | Cited) and target is not None:
            root = root_fact(target, by_id)
            return root is not None and root.id == ident
        return False

    return mission.model_copy(
        update={"events": tuple(e for e in mission.events if not about(e))}
    )


def _projected(mission: Mission | None, events: list[Any]) -> Mission:
    found = project_mission(mission, events)
    assert found is not None
    return found
