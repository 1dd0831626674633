"""Checking a store: every event decodes and validates, versions are contiguous,
each mission's hash chain holds, every correction fits the fact it corrects, and
each snapshot is its mission as its events make it.

A snapshot is not sealed: it is derived, and is checked against what it is
derived from. It is read where the mission is loaded, and whatever it says
stands in for its events (what `record` allows, what `status` answers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple
from uuid import UUID

import orjson
from eventsourcing.utils import get_topic

from adapters.errors import invalid
from adapters.eventstore.persistence import load
from adapters.evidence.lines import canonical_text, recorded_time
from domain.chain import SCHEMA, SCHEME, schemes
from domain.events import (
    CLOCK_ALLOWANCE,
    CLOCK_ALLOWANCE_SAID,
    Corrected,
    Event,
    PackAdded,
    PartnerAdded,
    Registered,
    Retracted,
)
from domain.knowledge import Misfit, misfits
from domain.mission import Mission
from domain.projection import Snapshot, project_mission

if TYPE_CHECKING:
    from eventsourcing.persistence import Notification, StoredEvent

    from adapters.eventstore.tracker import MissionTracker

PAGE = 500
_PARTNER_ADDED = get_topic(PartnerAdded)
_PACK_ADDED = get_topic(PackAdded)


def verify(tracker: MissionTracker) -> dict[str, Any]:
    """Every stored event checked in recording order; the problems found, named."""
    chains: dict[UUID, tuple[int, str]] = {}
    names: dict[UUID, str] = {}
    #: The streams of partners (`partner-added`) and of packs' names
    #: (`pack-added`), not missions.
    named_partners: set[UUID] = set()
    named_packs: set[UUID] = set()
    #: Each mission's corrections and retractions, by id (`_Amending`).
    amending: dict[UUID, dict[int, _Amending]] = {}
    problems: list[dict[str, Any]] = []
    seals = _Seals()
    times = _Times()
    count = 0
    start = 1
    while True:
        page = tracker.recorder.select_notifications(start, PAGE)
        for stored in page:
            count += 1
            problems += _check(tracker, stored, chains, names, amending, (seals, times))
            if stored.topic == _PARTNER_ADDED:
                named_partners.add(UUID(str(stored.originator_id)))
            elif stored.topic == _PACK_ADDED:
                named_packs.add(UUID(str(stored.originator_id)))
        if len(page) < PAGE:
            break
        start = page[-1].id + 1
    corrected = [o for o, found in amending.items() if _corrects(found)]
    for origin in sorted(corrected, key=list(chains).index):
        problems += _misfits(tracker, origin, amending[origin], names)
    for origin in chains:
        problems += _check_snapshots(tracker, origin, names.get(origin, str(origin)))
    problems += _cut_off(tracker.reader.heads(), chains, names)
    partners, packs = len(named_partners), len(named_packs)
    return {
        "events": count,
        "missions": len(chains) - partners - packs,
        "partners": partners,
        "packs": packs,
        "problems": problems,
        "older_schemes": seals.report(),
    }


class _Times:
    """Each stream's recording times: none beyond the clock (and the allowance
    for clocks), and none before the event before it in its stream."""

    def __init__(self) -> None:
        self.latest = datetime.now(UTC) + CLOCK_ALLOWANCE
        self.last: dict[UUID, tuple[int, datetime]] = {}

    def check(self, origin: UUID, version: int, content: dict[str, Any]) -> list[str]:
        """What is wrong with the recording time of the stream's event at
        `version`, whose stored state is `content`."""
        recorded = recorded_time(content)
        if recorded is None:
            return []  # an event that does not load: named as such
        found = []
        if recorded > self.latest:
            found.append(
                f"it was recorded at {recorded.isoformat()}, in the future: a"
                f" recording time is at most {CLOCK_ALLOWANCE_SAID} after now"
            )
        before = self.last.get(origin)
        if before is not None and recorded < before[1]:
            found.append(
                f"it was recorded at {recorded.isoformat()}, before the event before"
                f" it (version {before[0]}, recorded {before[1].isoformat()}):"
                " recording times go backwards"
            )
        else:
            self.last[origin] = (version, recorded)
        return found


class _Seals:
    """How many events each older sealing scheme sealed (domain.chain): those
    that name no scheme, by the schemes their digests hold by."""

    def __init__(self) -> None:
        self.by: Counter[tuple[int, ...]] = Counter()
        #: Those scheme 1 may have sealed, of a kind with more than one schema
        #: version: a change to their schema version would not show.
        self.uncovered = 0

    def add(self, held_by: tuple[int, ...], event: Event | None) -> None:
        if not held_by or SCHEME in held_by:
            return
        self.by[held_by] += 1
        if 1 in held_by and event is not None and type(event).class_version > 1:
            self.uncovered += 1

    def report(self) -> dict[str, Any]:
        """As `verify --json` says it."""
        return {
            "events": self.by.total(),
            "scheme_1": self.by[(1,)],
            "scheme_2": self.by[(2,)],
            "scheme_1_or_2": self.by[(1, 2)],
            "not_covered": {SCHEMA: self.uncovered},
        }


def _cut_off(
    heads: dict[UUID, tuple[int, str]],
    chains: dict[UUID, tuple[int, str]],
    names: dict[UUID, str],
) -> list[dict[str, Any]]:
    """The streams whose latest events, read by the read model before, are gone
    or were replaced: what no hash chain can show, since nothing follows them."""
    found = []
    for origin, (version, digest) in heads.items():
        last, last_digest = chains.get(origin, (0, ""))
        if last > version or (last == version and last_digest == digest):
            continue
        if last < version:
            gone = version - last
            events = "event is" if gone == 1 else f"{gone} events are"
            problem = (
                f"its latest {events} missing: the store ends at version {last},"
                f" and version {version} was read before"
            )
        else:
            problem = (
                "its latest event is not the one read before:"
                f" version {version} was replaced"
            )
        found.append(
            {
                "mission": names.get(origin, str(origin)),
                "version": min(last + 1, version),
                "event": None,
                "problem": problem,
            }
        )
    return found


class _Amending(NamedTuple):
    """A correction or retraction as `verify` keeps it: where it is, and which
    event (by its id's integer) it corrects or retracts."""

    version: int
    corrects: bool
    target: int


def _corrects(amending: dict[int, _Amending]) -> bool:
    return any(found.corrects for found in amending.values())


def _misfits(
    tracker: MissionTracker,
    origin: UUID,
    amending: dict[int, _Amending],
    names: dict[UUID, str],
) -> list[dict[str, Any]]:
    """The corrections of a mission that load but do not fit the fact they
    correct, as the corrections before them left it: each fact's chain of
    corrections read on its own (the fact, its corrections and what retracts
    them), so that a long mission is never held whole."""
    found: list[Misfit] = []
    for chain in _chains(tracker, origin, amending):
        found += misfits(chain)
    found.sort(key=lambda misfit: misfit.correction.originator_version)
    return [
        {
            "mission": names.get(origin, str(origin)),
            "version": misfit.correction.originator_version,
            "event": str(misfit.correction.id),
            "problem": f"its changes do not fit the {misfit.fact.type} it corrects:"
            f" {misfit.why}",
        }
        for misfit in found
    ]


def _chains(
    tracker: MissionTracker, origin: UUID, amending: dict[int, _Amending]
) -> Iterator[list[Event]]:
    """Each corrected fact of the mission with the corrections of it and the
    retractions of those, in recording order, as they load."""
    roots: dict[int, int] = {}
    for key, found in amending.items():
        if found.corrects:
            root, seen = found.target, {key}
            while root in amending and amending[root].corrects and root not in seen:
                seen.add(root)
                root = amending[root].target
            roots[key] = root
    versions = _versions_of(tracker, origin, set(roots.values()))
    for root in dict.fromkeys(roots.values()):
        members = {key for key, bears_on in roots.items() if bears_on == root}
        members |= {root}
        wanted = [amending[key].version for key in members if key in amending]
        wanted += [
            found.version
            for found in amending.values()
            if not found.corrects and found.target in members
        ]
        if root in versions:
            wanted.append(versions[root])
        yield _loaded(tracker, origin, sorted(set(wanted)))


def _versions_of(
    tracker: MissionTracker, origin: UUID, ids: set[int]
) -> dict[int, int]:
    """The versions of the mission's events with these ids (by their integers)."""
    found: dict[int, int] = {}
    after = None
    while True:
        page = tracker.recorder.select_events(origin, gt=after, limit=PAGE)
        for stored in page:
            try:
                named = orjson.loads(stored.state).get("id")
                key = UUID(named).int
            except (orjson.JSONDecodeError, AttributeError, TypeError, ValueError):
                continue
            if key in ids:
                found[key] = stored.originator_version
        if len(page) < PAGE:
            return found
        after = page[-1].originator_version


def _loaded(tracker: MissionTracker, origin: UUID, versions: list[int]) -> list[Event]:
    """The mission's events at these versions that load, in order."""
    found = []
    for version in versions:
        for stored in tracker.recorder.select_events(
            origin, gt=version - 1, lte=version
        ):
            event = load(tracker.mapper, stored)
            if isinstance(event, Event):
                found.append(event)
    return found


def _check(
    tracker: MissionTracker,
    stored: Notification,
    chains: dict[UUID, tuple[int, str]],
    names: dict[UUID, str],
    amending: dict[UUID, dict[int, _Amending]],
    tally: tuple[_Seals, _Times],
) -> list[dict[str, Any]]:
    origin, version = stored.originator_id, stored.originator_version
    assert isinstance(origin, UUID)
    found: list[str] = []
    event: Any = None
    try:
        content = orjson.loads(stored.state)
        if not isinstance(content, dict):
            raise TypeError("not a JSON object")
    except (orjson.JSONDecodeError, TypeError) as error:
        content = {}
        found.append(f"its stored state does not decode: {error}")
    else:
        try:
            event = tracker.mapper.to_domain_event(stored)
        except Exception as error:  # whatever a corrupt row raises, it is a finding
            found.append(f"it does not load as an event: {invalid(error)}")
        else:
            if isinstance(event, Registered | PartnerAdded):
                names[origin] = event.slug
            elif isinstance(event, PackAdded):
                names[origin] = f"pack {event.pack}"
            elif isinstance(event, Corrected):
                kept = _Amending(version, True, event.corrects.int)
                amending.setdefault(origin, {})[event.id.int] = kept
            elif isinstance(event, Retracted):
                kept = _Amending(version, False, event.retracts.int)
                amending.setdefault(origin, {})[event.id.int] = kept
        held_by = schemes(str(origin), version, content, canonical_text)
        if not held_by:
            found.append(
                "its content does not match its digest: edited after recording"
            )
        seals, times = tally
        seals.add(held_by, event if isinstance(event, Event) else None)
        found += times.check(origin, version, content)
    before, previous = chains.get(origin, (0, ""))
    if version != before + 1:
        missing = f"version {version} follows version {before}"
        found.append(f"{missing}: the events between are missing")
    elif content and content.get("previous") != previous:
        found.append("it is not chained to the event before it: that one was changed")
    chains[origin] = (version, str(content.get("digest", "")))
    return [
        {
            "mission": names.get(origin, str(origin)),
            "version": version,
            "event": content.get("id"),
            "problem": problem,
        }
        for problem in found
    ]


def _check_snapshots(
    tracker: MissionTracker, origin: UUID, mission: str
) -> list[dict[str, Any]]:
    """Each stored snapshot of the mission (a store keeps only the latest; a
    memory store, all) compared with the mission built from its events up to
    the snapshot's version. If those events do not load, their problems are
    named already, and the snapshot is not compared."""
    assert tracker.snapshots is not None
    stored = tracker.snapshots.recorder.select_events(origin)
    if not stored:
        return []
    last = max(s.originator_version for s in stored)
    try:
        loaded = [
            tracker.mapper.to_domain_event(event)
            for event in tracker.recorder.select_events(origin, lte=last)
        ]
    except Exception:  # named as the events' own problems
        return []
    events = [e for e in loaded if isinstance(e, Event)]
    found = []
    for snapshot in stored:
        version = snapshot.originator_version
        problem = _snapshot_problem(tracker, snapshot, events)
        if problem is not None:
            found.append(
                {
                    "mission": mission,
                    "version": version,
                    "event": None,
                    "problem": f"its snapshot at version {version} {problem}",
                }
            )
    return found


def _snapshot_problem(
    tracker: MissionTracker, stored: StoredEvent, events: list[Event]
) -> str | None:
    """What is wrong with a stored snapshot, given the mission's events up to
    at least its version; None if it is the mission they make."""
    try:
        snapshot = tracker.mapper.to_domain_event(stored)
        if not isinstance(snapshot, Snapshot):
            raise TypeError(f"it is a {type(snapshot).__name__}, not a snapshot")
        kept = project_mission(None, [snapshot])
    except Exception as error:  # whatever a corrupt row raises, it is a finding
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"does not load: {first}"
    version = stored.originator_version
    made: Mission | None = project_mission(
        None, [e for e in events if e.originator_version <= version]
    )
    if kept != made:
        return "does not match its events"
    return None
