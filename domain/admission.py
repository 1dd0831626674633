"""The rules an event must keep to, wherever it enters a store: what a mission's
aggregate checks before `record`, `correct` and `retract` write, and what an
import checks of every line.

`Admission` keeps what the rules need of a mission's events, updated one event
at a time: the ids and classes of its events, which are retracted, the fact each
correction bears on, and each partner's facts in the order of the world. So an
event is checked against the mission as it stands without a replay, and an
import of a million events checks each in about the time it takes to read it."""

# Over 450 lines: `Admission` is one state (ids, retractions, partner facts
# and their corrections) that its checks read and `add` updates together;
# split, each half would reach into the other's fields. A split of the partner
# facts' bookkeeping into a class of its own is noted for a later session.
from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, Protocol
from uuid import UUID

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from domain.errors import DomainError
from domain.events import (
    Cited,
    Corrected,
    Event,
    MissionEvent,
    Registered,
    Retracted,
)
from domain.knowledge import correctable
from domain.membership import (
    CONTRIBUTED,
    JOINED,
    REPLACED,
    ROLE,
    STANDING,
    UNCONTRIBUTED,
    WITHDRAWN,
    WITHDREW,
    Member,
    moved,
    takes_in,
)
from domain.partners import (
    CLASSES,
    Part,
    changed,
    part_of,
    partners_of,
)

#: A quote is a few words of the source's own, never its text.
MAX_QUOTE_WORDS = 24


def require_short_quote(quote: str | None) -> None:
    """Refuse a quote of 25 words or more."""
    if quote is not None and len(quote.split()) > MAX_QUOTE_WORDS:
        raise DomainError(
            f"a quote must be under 25 words (this one has {len(quote.split())});"
            " say the rest in the summary, in our own words"
        )


class Classes(Protocol):
    """Where a mission's rules keep the class of each of its events, by id: a
    dict, or a more compact table where an import keeps millions."""

    def __contains__(self, key: object, /) -> bool: ...

    def get(self, key: int, /) -> type[Event] | None: ...

    def __getitem__(self, key: int, /) -> type[Event]: ...

    def __setitem__(self, key: int, cls: type[Event], /) -> None: ...


class Admission:
    """A mission's events as its rules see them, and the checks a new one must pass."""

    __slots__ = (
        "classes",
        "correction_at",
        "corrections",
        "counted",
        "entries",
        "last",
        "parts",
        "retracted",
        "roots",
        "slug",
        "tails",
    )

    def __init__(self, slug: str, classes: Classes | None = None) -> None:
        self.slug = slug
        # Events are known by their ids' integers (UUID.int): a mission's rules
        # keep one for each of its events, and an integer is half a UUID's size.
        #: Every event's class, by its id.
        self.classes: Classes = {} if classes is None else classes
        #: Each correction's fact (the root of a chain of corrections).
        self.roots: dict[int, int] = {}
        #: Each retracted event, with the retraction that retracted it.
        self.retracted: dict[int, UUID] = {}
        #: Each standing fact about partners, as corrected so far.
        self.parts: dict[int, Part] = {}
        #: The facts about each partner, in the order of the world (a `Part`
        #: sorts by its place in it: see `domain.fold.place`).
        self.entries: dict[str, list[Part]] = {}
        #: Each partner's part after all its facts, where known: a new fact dated
        #: after them all, as most are, is checked without going back over them.
        self.tails: dict[str, Member | None] = {}
        #: The corrections of each partner fact, in order, with the fact as the
        #: standing ones before each left it.
        self.corrections: dict[int, list[tuple[int, dict[str, Any], Part]]] = {}
        #: Where each correction of a partner fact is among its fact's.
        self.correction_at: dict[int, int] = {}
        #: How many events are counted in, and the last of them.
        self.counted = 0
        self.last: Event | None = None

    @classmethod
    def of(
        cls, slug: str, events: Iterable[Event], classes: Classes | None = None
    ) -> Admission:
        """What the rules know of a mission once `events` are recorded (their
        classes kept in `classes`, a new dict if None)."""
        admission = cls(slug, classes)
        for event in events:
            admission.add(event)
        return admission

    def counts_first_of(self, events: Sequence[Event]) -> bool:
        """Whether the events counted in are the first ones of `events` (a
        mission's events only ever grow, or lose some when a pack tries a fact
        without another: the last one counted in, in its place, tells)."""
        if self.counted > len(events):
            return False
        return self.counted == 0 or events[self.counted - 1] is self.last

    def admit(self, event: Event) -> None:
        """Check `event` against the mission as it stands, then count it in."""
        cls = type(event)
        if cls in _LOOKING_BACK:
            self.check(event)
            self.add(event)
            return
        # A fact about no partner: only its id and its quote can be wrong (the
        # same checks as `check`, without its detours: most facts are such).
        assert isinstance(event, MissionEvent)
        key = event.id.int
        if key in self.classes:
            raise DomainError(f"event {event.id} is already recorded")
        if event.quote is not None:
            require_short_quote(event.quote)
        self.classes[key] = cls

    # Checks

    def check(self, event: Event) -> None:
        """Refuse, with DomainError, an event that breaks one of the rules."""
        if event.id.int in self.classes:
            raise DomainError(f"event {event.id} is already recorded")
        if isinstance(event, Corrected):
            self._check_correction(event)
        elif isinstance(event, Retracted):
            self._check_retraction(event)
        elif isinstance(event, Cited):
            self._check_citation(event)
        elif isinstance(event, MissionEvent):
            require_short_quote(event.quote)
            if not isinstance(event, Registered):
                part = part_of(event)
                if part is not None:
                    self.require_fits(part)

    def standing_event(self, event_id: UUID, done: str) -> type[Event]:
        """The class of the event with this id, if it is the mission's and not
        retracted; `done` says what was to be done to it."""
        cls = self.classes.get(event_id.int)
        if cls is None:
            raise DomainError(f"event {event_id} is not an event of {self.slug}")
        if cls is Retracted:
            raise DomainError(f"event {event_id} is a retraction; it cannot be {done}")
        retraction = self.retracted.get(event_id.int)
        if retraction is not None:
            raise DomainError(
                f"event {event_id} was retracted by {retraction}; it cannot be {done}"
            )
        return cls

    def root_of(self, event_id: UUID) -> UUID | None:
        """The fact an event is about: itself, or what its corrections correct;
        None if it is no fact."""
        root = self.roots.get(event_id.int, event_id.int)
        cls = self.classes.get(root)
        if cls is None or not issubclass(cls, MissionEvent):
            return None
        return event_id if root == event_id.int else UUID(int=root)

    def require_correctable(
        self, root: UUID, changes: dict[str, Any]
    ) -> type[MissionEvent]:
        """The class of fact `root`, whose fields `changes` may supersede."""
        cls = self.classes[root.int]
        assert issubclass(cls, MissionEvent)
        allowed = correctable(cls)
        fixed = set(changes) - set(allowed)
        if fixed:
            raise DomainError(
                f"a {cls.__name__} cannot have its {', '.join(sorted(fixed))}"
                f" corrected; it can have: {', '.join(sorted(allowed))}"
            )
        if not changes:
            raise DomainError("nothing to correct: give the fields that were wrong")
        return cls

    def require_fits(self, part: Part, without: UUID | None = None) -> None:
        """Refuse a fact about partners that the mission, as it stood just before
        the fact's date, rules out; `without` leaves out the fact being corrected."""
        left_out = without.int if without is not None else None
        if part.kind == REPLACED:
            assert part.by is not None
            if part.partner == part.by:
                raise DomainError(f"a partner cannot replace itself: {part.by}")
            self._require_member(part.partner, part, left_out)
            self._require_not_member(part.by, part, left_out)
        elif part.kind == JOINED:
            self._require_not_member(part.partner, part, left_out)
        else:
            member = self._require_member(part.partner, part, left_out)
            _require_moves(member, part, self.slug)

    def membership(
        self, partner: str, latest: date, earliest: date, without: UUID | None = None
    ) -> Member | None:
        """The partner's part once every fact dated up to (latest, earliest) in the
        order of the world had happened (`without` left out)."""
        return self._member(
            partner, latest, earliest, without.int if without is not None else None
        )

    def _member(
        self, partner: str, latest: date, earliest: date, without: int | None
    ) -> Member | None:
        entries = self.entries.get(partner, ())
        end = bisect_right(entries, (latest, earliest, _LAST))
        last = end == len(entries) and without is None
        if last and partner in self.tails:
            return self.tails[partner]
        start = end - 1
        while start >= 0 and not self._joins(entries[start], partner, without):
            start -= 1
        member: Member | None = None
        for index in range(max(start, 0), end):
            part = entries[index]
            if part.fact != without:
                member = moved(member, partner, part)
        if last:
            self.tails[partner] = member
        return member

    def _joins(self, part: Part, partner: str, without: int | None) -> bool:
        if part.fact == without:
            return False
        return takes_in(part, partner)

    def _require_member(self, partner: str, part: Part, without: int | None) -> Member:
        member = self._member(partner, part.latest, part.earliest, without)
        if member is None or not member.active:
            left = self._left(partner, part, without)
            if left is not None:
                raise DomainError(
                    f"{partner} is no longer a partner of {self.slug} on"
                    f" {part.edtf}: it left on {left.edtf}, as recorded"
                    f" ({LEFT_BY[left.kind]}); date this fact before that, or"
                    " record partner-joined again first"
                )
            raise DomainError(
                f"{partner} is not a partner of {self.slug} on"
                f" {part.edtf}; record partner-joined first"
            )
        return member

    def _left(self, partner: str, part: Part, without: int | None) -> Part | None:
        """The fact by which `partner` last left the mission, by the time of
        `part`, if leaving is the last that happened to it."""
        entries = self.entries.get(partner, ())
        end = bisect_right(entries, (part.latest, part.earliest, _LAST))
        for index in range(end - 1, -1, -1):
            found = entries[index]
            if found.fact == without:
                continue
            leaving = (
                found.kind == WITHDREW
                or (found.kind == REPLACED and found.partner == partner)
                or (found.kind == STANDING and found.standing == WITHDRAWN)
            )
            return found if leaving else None
        return None

    def _require_not_member(
        self, partner: str, part: Part, without: int | None
    ) -> None:
        member = self._member(partner, part.latest, part.earliest, without)
        if member is not None and member.active:
            raise DomainError(
                f"{partner} is already a partner of {self.slug} on"
                f" {part.edtf} ({member.role}, {member.standing})"
            )

    def _check_correction(self, event: Corrected) -> None:
        self.standing_event(event.corrects, "corrected")
        root = self.root_of(event.corrects)
        if root is None:
            raise DomainError(
                f"event {event.corrects} is not a fact; it cannot be corrected"
            )
        self.standing_event(root, "corrected")
        cls = self.require_correctable(root, event.changes)
        values = _validated(cls, event.changes)
        require_short_quote(values.get("quote"))
        part = self.parts.get(root.int)
        if part is not None:
            fixed = changed(part, values)
            self.require_fits(fixed, root)

    def _check_citation(self, event: Cited) -> None:
        self.standing_event(event.cites, "cited")
        root = self.root_of(event.cites)
        if root is None or root != event.cites:
            raise DomainError(
                f"event {event.cites} is not a fact; cite the fact itself"
                + (f" ({root})" if root is not None else "")
            )
        require_short_quote(event.quote)

    def _check_retraction(self, event: Retracted) -> None:
        cls = self.standing_event(event.retracts, "retracted")
        if cls is Registered:
            raise DomainError(
                "a registration cannot be retracted; correct its date or source instead"
            )
        if not event.reason.strip():
            raise DomainError("a retraction needs a reason")

    # Counting events in

    def add(self, event: Event) -> None:
        """Count in an event that keeps to the rules (or that is being read)."""
        self.counted += 1
        self.last = event
        key = event.id.int
        self.classes[key] = type(event)
        if isinstance(event, Corrected):
            target = event.corrects.int
            root = self.roots.get(target, target)
            self.roots[key] = root
            current = self.parts.get(root)
            if current is not None:
                applied = self.corrections.setdefault(root, [])
                self.correction_at[key] = len(applied)
                applied.append((key, event.changes, current))
                self._correct(root, current, key, event.changes)
        elif isinstance(event, Retracted):
            target = event.retracts.int
            self.retracted[target] = event.id
            bears_on = self.roots.get(target)
            if bears_on is not None and target in self.correction_at:
                self._reckon(bears_on, self.correction_at[target])
            elif target in self.parts:
                self._place(target, None)
        elif isinstance(event, MissionEvent):
            part = part_of(event)
            if part is not None:
                self._place(key, part)

    def _correct(
        self, root: int, current: Part, correction: int, changes: dict[str, Any]
    ) -> None:
        """Place a partner fact again with one more correction applied to it as
        the ones before left it (`current`): one step, however many came before
        (`_reckon` folds those after one again, when it is retracted)."""
        if correction in self.retracted:
            return
        try:
            part = changed(current, _validated(CLASSES[current.kind], changes))
        except DomainError:  # read from a store: a bad one does not count
            return
        self._place(root, part)

    def _reckon(self, root: int, start: int) -> None:
        """Place a partner fact again as its standing corrections have it, folding
        again those from the `start`th on, from the fact as the ones before it
        left it: undoing the latest correction costs one step."""
        if root in self.retracted:
            self._place(root, None)
            return
        applied = self.corrections[root]
        part = applied[start][2]
        while len(applied) > start and applied[-1][0] in self.retracted:
            del self.correction_at[applied.pop()[0]]  # for good: it never counts again
        for index in range(start, len(applied)):
            correction, changes, _ = applied[index]
            applied[index] = (correction, changes, part)
            if correction not in self.retracted:
                try:
                    part = changed(part, _validated(CLASSES[part.kind], changes))
                except DomainError:  # read from a store: a bad one does not count
                    continue
        self._place(root, part)

    def _place(self, fact: int, part: Part | None) -> None:
        """Put the fact in the partners' lists as `part` says (None: take it out)."""
        old = self.parts.pop(fact, None)
        if old is not None:
            for partner in partners_of(old):
                self.entries[partner].remove(old)
                self.tails.pop(partner, None)
        if part is not None:
            self.parts[part.fact] = part
            for partner in partners_of(part):
                entries = self.entries.setdefault(partner, [])
                if not entries or entries[-1] < part:  # as facts mostly come
                    entries.append(part)
                    if partner in self.tails:
                        self.tails[partner] = moved(self.tails[partner], partner, part)
                else:
                    insort(entries, part)
                    self.tails.pop(partner, None)


#: The events checked against the mission's history, besides their ids: those
#: about partners, corrections and retractions.
_LOOKING_BACK = frozenset({*CLASSES.values(), Corrected, Retracted, Cited})


def _require_moves(member: Member, part: Part, slug: str) -> None:
    """Refuse a fact about a partner in the mission that would change nothing of
    its part: its role again, a contribution it already makes, or one it does
    not make."""
    partner = part.partner
    if part.kind == ROLE and part.role == member.role:
        raise DomainError(
            f"{partner} is already {member.role} of {slug} on {part.edtf}"
        )
    if part.kind == CONTRIBUTED and part.value in member.contributions:
        raise DomainError(
            f"{partner} already contributes {part.value!r} to {slug} on {part.edtf}"
        )
    if part.kind == UNCONTRIBUTED and part.value not in member.contributions:
        made = ", ".join(repr(c) for c in member.contributions) or "none"
        raise DomainError(
            f"{partner} does not contribute {part.value!r} to {slug} on"
            f" {part.edtf}; its contributions then: {made}"
        )


#: Past every version: a bound that takes in every fact of a date.
_LAST = float("inf")
#: How a partner left a mission, by the kind of fact that says so.
LEFT_BY = {
    WITHDREW: "it withdrew",
    REPLACED: "it was replaced",
    STANDING: "its standing became withdrawn",
}


def _validated(cls: type[MissionEvent], changes: dict[str, Any]) -> dict[str, Any]:
    """The superseding values, each validated as its field of `cls`."""
    values: dict[str, Any] = {}
    for name, value in changes.items():
        try:
            values[name] = getattr(
                _field_of(cls, name).model_validate({name: value}), name
            )
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise DomainError(
                f"the correction does not fit a {cls.__name__}: {where}: {first['msg']}"
            ) from None
    return values


@cache
def _field_of(cls: type[MissionEvent], name: str) -> type[BaseModel]:
    """A model of one field of `cls`, required, validated as `cls` validates it."""
    field = cls.model_fields[name]
    annotation: Any = field.annotation
    if field.metadata:
        annotation = Annotated[annotation, *field.metadata]
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        f"{cls.__name__}_{name}",
        __config__=ConfigDict(frozen=True),
        **{name: (annotation, ...)},
    )
    return model


def require_in_recording_order(slug: str, last: datetime | None, now: datetime) -> None:
    """Refuse to record a mission's next event at `now`, before its latest event
    was recorded (`last`): a clock set back, or another machine's clock behind
    the one that recorded it. A mission's recording times never go backwards."""
    if last is not None and now < last:
        raise DomainError(
            f"{slug}'s latest event was recorded at {last.isoformat()}, after this"
            f" clock's {now.isoformat()}: a mission's recording times never go"
            " backwards; check the clock, and record it again"
        )
