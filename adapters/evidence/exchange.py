"""Export and import: every stored event as one NDJSON line, in recording order.

A line holds what rebuilds the store exactly: the mission's aggregate id, the
event's version and topic, and its stored state (ids, dates, recorded time,
source, digest). An import reads its file once, as a stream (standard input
too), checking each line as it comes and writing the new ones in large batches,
all in one transaction that holds the store's write lock: a bad line refuses the
whole file and nothing is written, and an import that was killed wrote nothing,
so it can simply be run again. A line whose mission and version are already in
the store must be that stored event exactly, and is skipped: the same file can
be imported twice. Memory does not grow with the file: besides the batch being
written and stored events read ahead to compare, an import keeps each mission's
last version and digest, and what the rules keep of the missions it adds to
(adapters.evidence.admission; their ids in adapters.evidence.ids): about 130
bytes an event. The events table, as each kind of store keeps it, is in
adapters.evidence.tables."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any
from uuid import UUID

import orjson

from adapters.errors import InputError
from adapters.evidence import heap
from adapters.evidence.admission import Admitting, Refusal
from adapters.evidence.lines import (
    MAX_LINE,
    Checked,
    ImportRefused,
    Seen,
    check,
    recorded_time,
    refused,
)
from adapters.evidence.tables import Row, Store, transaction
from domain.events import CLOCK_ALLOWANCE, CLOCK_ALLOWANCE_SAID

if TYPE_CHECKING:
    from adapters.eventstore.tracker import MissionTracker
    from domain.admission import Admission

PAGE = 1000
#: New events written at once.
BATCH = 5000
#: Stored events read at once, to compare with lines already in the store.
RANGE = 1000
#: The most stored events held at once for those comparisons.
HELD = 20_000
#: Any mission: SQLite's write lock is the whole store's.
_STORE = UUID(int=0)


def import_events(
    tracker: MissionTracker,
    path: str,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Import the events of the NDJSON file at `path` ("-": standard input).

    Returns (added, events in the file). Raises ImportRefused naming the line and
    the field, or the event and the rule, of the first bad line; then nothing was
    written. `progress` is told how many events have been read, every few
    thousand and at the end."""
    # The memory freed is given back once all the import held is let go of:
    # after `_import` returns, not while its locals hold it.
    with heap.kept():
        return _import(tracker, path, progress)


def _import(
    tracker: MissionTracker, path: str, progress: Callable[[int], None] | None
) -> tuple[int, int]:
    seen = Seen()
    with _source(path) as source, _writing(tracker):
        # Held by the lock: no mission is registered until the import is done.
        names = tracker.names()
        partners = tracker.partner_registry()  # before the import's transaction
        with transaction(tracker) as store, _no_cycles():
            known = store.known_ids if store.holds_events() else None
            admitting = Admitting(names, store.events, known, partners)
            importer = _Importer(store, admitting)
            try:
                for number, raw in _lines(source):
                    if raw.isspace():
                        continue
                    importer.accept(check(number, raw, seen))
                    if progress is not None and importer.total % BATCH == 0:
                        progress(importer.total)
                importer.flush()
            except Refusal as refusal:
                raise refused(refusal.number, refusal.message) from None
            except ImportRefused:
                _earlier_refusal(admitting)
                raise
    if progress is not None and importer.total % BATCH:
        progress(importer.total)
    return importer.added, importer.total


def _earlier_refusal(admitting: Admitting) -> None:
    """Refuse, rather than a later line, an earlier one whose id the store holds."""
    try:
        admitting.look_up()
    except Refusal as refusal:
        raise refused(refusal.number, refusal.message) from None


def _lines(source: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """The source's lines, numbered from 1, each at most MAX_LINE bytes long:
    a longer one is refused as soon as its first MAX_LINE bytes are read."""
    number = 0
    while True:
        raw = source.readline(MAX_LINE + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE and raw[-1:] != b"\n":
            raise refused(
                number,
                f"is longer than {MAX_LINE:,} bytes, the most a line may be"
                " (an event is a few KiB at most)",
            )
        yield number, raw


class _Chain:
    """What an import knows of a mission: its last version and digest so far, and
    the last version the store held before."""

    __slots__ = (
        "digest",
        "key",
        "origin",
        "recorded",
        "rules",
        "stored",
        "text",
        "version",
    )

    def __init__(self, origin: UUID, key: Any, version: int, digest: str) -> None:
        self.origin = origin
        self.text = str(origin)
        self.key = key
        self.stored = self.version = version
        self.digest = digest
        #: When its last event so far was recorded (None: none, or unreadable).
        self.recorded: datetime | None = None
        #: What the rules know of the mission, once the file adds to it.
        self.rules: Admission | None = None


class _Importer:
    """Checks lines one by one, and writes the new ones in batches."""

    def __init__(self, store: Store, admitting: Admitting) -> None:
        self.store = store
        self.admitting = admitting
        #: The latest recording time a line may have: the import's clock, and
        #: the allowance for clocks (domain.events.CLOCK_ALLOWANCE).
        self.latest = datetime.now(UTC) + CLOCK_ALLOWANCE
        self.total = 0
        self.added = 0
        self.batch: list[Row] = []
        self.chains: dict[UUID, _Chain] = {}
        #: The same chains by the id as written, when written in the usual form.
        self.named: dict[str, _Chain] = {}
        #: Stored states read ahead, by mission and version, and how many.
        self.held: dict[UUID, dict[int, bytes]] = {}
        self.held_count = 0
        #: How many of the file's missions the store already holds.
        self.stored_missions = 0

    def accept(self, line: Checked) -> None:
        """Take a line checked on its own; keep it to be written if it is new."""
        self.total += 1
        number, named, version, topic, row, digest, previous, event = line
        chain = self.named.get(named)
        if chain is None:
            chain = self._chain(named)
        if version <= chain.stored and self._already_there(number, chain, version, row):
            chain.version, chain.digest = version, digest
            chain.recorded = event.timestamp
            return
        if version != chain.version + 1:
            raise refused(
                number,
                f"field originator_version is {version}; expected {chain.version + 1}",
            )
        if previous != chain.digest:
            raise refused(
                number, "field state.previous does not chain to the event before it"
            )
        self._in_recording_order(number, chain, event.timestamp)
        rules = chain.rules
        if rules is None:
            rules = chain.rules = self.admitting.rules_of(event, chain.stored)
        self.admitting.admit(number, event, rules)
        chain.version, chain.digest = version, digest
        chain.recorded = event.timestamp
        batch = self.batch
        # orjson's buffer is several times its text: a batch keeps an exact copy.
        batch.append((chain.key, version, topic, bytes(memoryview(row))))
        if len(batch) >= BATCH:
            self.flush()

    def _in_recording_order(
        self, number: int, chain: _Chain, recorded: datetime
    ) -> None:
        """Refuse a recording time from the future (beyond the import's clock and
        the allowance), or before the mission's event before it."""
        if recorded > self.latest:
            raise refused(
                number,
                f"field state.timestamp is {recorded.isoformat()}, in the future:"
                f" a recording time is at most {CLOCK_ALLOWANCE_SAID} after the time"
                " of its"
                f" import ({self.latest - CLOCK_ALLOWANCE:%Y-%m-%dT%H:%M:%SZ})",
            )
        if chain.version and chain.recorded is None:
            chain.recorded = self._stored_time(chain)
        if chain.recorded is not None and recorded < chain.recorded:
            raise refused(
                number,
                f"field state.timestamp is {recorded.isoformat()}, before the"
                f" mission's event before it (version {chain.version}, recorded"
                f" {chain.recorded.isoformat()}): a mission's recording times"
                " never go backwards",
            )

    def _stored_time(self, chain: _Chain) -> datetime | None:
        """When the mission's last stored event was recorded, if it says."""
        state = self.store.states(chain.key, chain.version, chain.version)
        try:
            return recorded_time(orjson.loads(state[chain.version]))
        except (KeyError, orjson.JSONDecodeError):
            return None

    def flush(self) -> None:
        """Write the new events kept so far, their ids looked up in the store."""
        self.admitting.look_up()
        if self.batch:
            self.store.insert(self.batch)
            self.added += len(self.batch)
            self.batch = []

    def _already_there(
        self, number: int, chain: _Chain, version: int, row: bytes
    ) -> bool:
        """Whether the store holds the line's event, which must then be the same."""
        existing = self._stored(chain, version)
        if existing is None:
            return False
        if existing != row:
            event_id = orjson.loads(row).get("id")
            raise refused(
                number,
                f"event {event_id} (version {version}) is already in the store"
                " with different content",
            )
        return True

    def _chain(self, named: str) -> _Chain:
        """The chain of the mission a line names, asking the store the first time."""
        origin = UUID(named)
        chain = self.chains.get(origin)
        if chain is None:
            key = self.store.key(origin)
            chain = _Chain(origin, key, *self.store.last(key))
            self.chains[origin] = chain
            self.stored_missions += chain.stored > 0
        if named == chain.text:
            self.named[named] = chain
        return chain

    def _stored(self, chain: _Chain, version: int) -> bytes | None:
        """The stored state of the mission's `version`, read with those after it:
        as many as HELD shares out among the missions the store holds, so that
        missions interleaved in the file keep theirs until they come again."""
        held = self.held.pop(chain.origin, None)
        if held is None or version not in held:
            self.held_count -= len(held or ())
            ahead = min(RANGE, max(1, HELD // max(1, self.stored_missions)))
            last = min(version + ahead - 1, chain.stored)
            held = self.store.states(chain.key, version, last)
            self.held_count += len(held)
            while self.held and self.held_count > HELD:  # those read longest ago
                self.held_count -= len(self.held.pop(next(iter(self.held))))
        self.held[chain.origin] = held
        found = held.pop(version, None)
        if found is not None:
            self.held_count -= 1
        return found


@contextmanager
def _no_cycles() -> Iterator[None]:
    """The garbage collector paused: an import makes millions of short-lived
    objects and no cycles, and collecting would cost a tenth of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _source(path: str) -> Iterator[IO[bytes]]:
    """The file at `path`, or standard input."""
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        handle = open(path, "rb", buffering=1 << 16)  # noqa: SIM115  (closed below)
    except OSError as error:
        raise InputError(f"cannot read {path!r}: {error.strerror}") from None
    with handle:
        yield handle


@contextmanager
def _writing(tracker: MissionTracker) -> Iterator[None]:
    """SQLite: the store's write lock, the one every writer of missions takes,
    whatever its mission. PostgreSQL's write locks are by mission: there the
    lock of registrations keeps the missions' names as they are, and the events
    table's lock, taken by the transaction, keeps other writers waiting."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    from adapters.eventstore.tracker import REGISTRATIONS

    if not isinstance(tracker.recorder, SQLiteApplicationRecorder):
        with tracker.locks.writing(REGISTRATIONS):
            yield
        return
    with tracker.locks.writing(_STORE):
        yield
