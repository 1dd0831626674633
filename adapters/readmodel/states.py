"""Each mission's timeline of states (`timeline_states`), as known now: the state
after some of its facts, in the order of the world, each kept with its count of
facts and how many facts follow it before the next kept state (`ahead`).

A mission of a few hundred facts keeps the state after every fact, so that its
state on a day is one lookup. A longer one keeps the state after its first fact
and after one fact in `spacing(n)` (about the square root of its length, a power
of two), chosen by a hash of the fact's version (`kept_after`), not by its place:
its state on a day is one lookup and a fold of the few facts after it. Each
state is the fold's own (`domain.fold.State.dump`), with partners by slug (names
are data, given when asked: `answers.named`), and its count of facts apart.

A timeline is rewritten from the first place a new event touches: from the last
kept state before it, the facts after are folded again, and past the last place
touched, the first state that comes out as it was kept (but for its count) ends
the fold: the fold goes on from it as before, so every later state is as it was,
and only the counts move. A fact dated years back most often changes the status
until the next fact about it, and the states after that only by one fact more.
All of it is rewritten when its spacing changes (as it grows past a power of
four). The states kept are the same however the facts came."""

from __future__ import annotations

from typing import Any

import orjson

from adapters.readmodel.recorders import Tx
from adapters.readmodel.tables import FACT_COLUMNS
from domain.fold import Fact, Key, State

#: Missions of up to this many facts keep the state after each one.
EVERY_FACT = 512
#: More than any fact's version: (DAY, DAY, LAST_ROOT) follows every fact that
#: had surely taken effect by the end of DAY, in the order of the world.
LAST_ROOT = 1 << 62
_ORDER = "ORDER BY latest, earliest, root"
_NOT_AFTER = " AND (latest, earliest, root) <= (?, ?, ?)"
#: Fibonacci hashing: a fact's version times 2^64 divided by the golden ratio.
_SPREAD = 0x9E3779B97F4A7C15
_WORD = (1 << 64) - 1
_LAST_FIRST = "ORDER BY latest DESC, earliest DESC, root DESC"


def spacing(facts: int) -> int:
    """How many facts apart a mission of `facts` facts keeps its states: 1 up to
    `EVERY_FACT`, then the power of two nearest below its square root."""
    if facts <= EVERY_FACT:
        return 1
    return 1 << ((facts.bit_length() - 1) // 2)


def kept_after(root: int, every: int) -> bool:
    """Whether a timeline spaced `every` facts apart keeps the state after the
    fact `root` (as well as after its first fact): one fact in `every`, chosen
    by a hash of its version, not by its place, so that a fact that comes in
    with an early date moves no other fact's kept state."""
    return every == 1 or (((root * _SPREAD) & _WORD) >> 32) % every == 0


def rewrite_states(
    tx: Tx,
    mission: int,
    touched: tuple[Key, Key],
    limit: int,
    every: int | None = None,
    moved: int | None = None,
) -> int:
    """Fold the mission's timeline again from the last state kept before the
    first place `touched`, in the order of the world, `limit` facts a query,
    keeping states `every` facts apart (by its length if None; `moved`, if
    given, is the most its count of facts can have moved since its states were
    last written). After the last place touched, the first state folded that is
    the one already kept (but for its count of facts) ends the fold: every
    later state is the same, its count moved by as many facts. How many states
    it wrote."""
    start, end = touched
    if every is None:
        every = _spacing_now(tx, mission, moved)
    (was,) = tx.one(
        "SELECT spacing FROM {timeline_missions} WHERE number = ?", (mission,)
    )
    if every != was:  # kept another way: all of it is rewritten
        tx.execute(
            "UPDATE {timeline_missions} SET spacing = ? WHERE number = ?",
            (every, mission),
        )
        start = end = ("", "", 0)
    kept = _kept_before(tx, mission, start)
    if kept is None:  # the state after the first fact, kept as such, may not be
        _forget_first(tx, mission, every)
    compare = every == was
    tx.execute(
        "DELETE FROM {timeline_states} WHERE mission = ?"
        f" AND (latest, earliest, root) >= (?, ?, ?){_NOT_AFTER if compare else ''}",
        (mission, *start, *(end if compare else ())),
    )
    state = loaded(kept[3:6]) if kept else State()
    after: Key | None = (kept[0], kept[1], kept[2]) if kept else None
    # The state kept last, waiting to be told how many facts follow it.
    waiting: list[Any] | None = None
    ahead = 0
    rows: list[tuple[Any, ...]] = []
    written = 0
    for fact in _facts_after(tx, mission, after, limit):
        state.apply(fact)
        if state.facts == 1 or kept_after(fact.root, every):
            folded = [mission, fact.latest, fact.earliest, fact.root, *dump(state)]
            same = compare and fact.key > end and _moved(tx, folded)
            if waiting is not None:
                rows.append((*waiting, ahead))
            elif kept is not None:
                _follow(tx, mission, kept[:3], ahead)
            if same:
                return written + _insert(tx, rows)
            waiting = folded
            ahead = 0
        else:
            ahead += 1
        if len(rows) >= limit:
            written += _insert(tx, rows)
    if waiting is not None:
        rows.append((*waiting, ahead))
    elif kept is not None:  # no state kept after it: every fact folded follows it
        _follow(tx, mission, kept[:3], ahead)
    return written + _insert(tx, rows)


def _spacing_now(tx: Tx, mission: int, moved: int | None) -> int:
    """The spacing of the mission's states for its count of facts as known now.
    Its last state kept says its count when its states were last written (the
    facts up to it, and those after it): if no count within `moved` of that one
    has another spacing, that is the spacing; else the facts are counted."""
    if moved is not None:
        last = tx.one(
            "SELECT facts + ahead FROM {timeline_states}"
            f" WHERE mission = ? {_LAST_FIRST} LIMIT 1",
            (mission,),
        )
        if last is not None:
            low, high = spacing(max(last[0] - moved, 0)), spacing(last[0] + moved)
            if low == high:
                return low
    (count,) = tx.one(
        "SELECT COUNT(*) FROM {timeline_facts}"
        " WHERE mission = ? AND known_until IS NULL",
        (mission,),
    )
    return spacing(count)


def _moved(tx: Tx, folded: list[Any]) -> bool:
    """Whether the state kept at the place of `folded` (a row without `ahead`)
    is the state folded but for its count of facts: if so, that state's count
    and every later one's move by the difference. If not, it is forgotten."""
    mission, latest, earliest, root, shown, kept, facts = folded
    where = " WHERE mission = ? AND (latest, earliest, root) "
    old = tx.one(
        f"SELECT shown, kept, facts FROM {{timeline_states}}{where}= (?, ?, ?)",
        (mission, latest, earliest, root),
    )
    if old is not None and (old[0], old[1]) == (shown, kept):
        if old[2] != facts:
            tx.execute(
                f"UPDATE {{timeline_states}} SET facts = facts + ?{where}>= (?, ?, ?)",
                (facts - old[2], mission, latest, earliest, root),
            )
        return True
    _forget(tx, mission, (latest, earliest, root))
    return False


def _forget_first(tx: Tx, mission: int, every: int) -> None:
    """Forget the state after the mission's first fact if it is kept only as the
    first's: a fact dated earlier may come first now."""
    first = tx.one(
        "SELECT latest, earliest, root FROM {timeline_states}"
        f" WHERE mission = ? {_ORDER} LIMIT 1",
        (mission,),
    )
    if first is not None and not kept_after(first[2], every):
        _forget(tx, mission, first)


def _forget(tx: Tx, mission: int, key: tuple[Any, ...]) -> None:
    """Forget the state kept at `key`."""
    tx.execute(
        "DELETE FROM {timeline_states} WHERE mission = ?"
        " AND latest = ? AND earliest = ? AND root = ?",
        (mission, *key),
    )


def _follow(tx: Tx, mission: int, key: tuple[Any, ...], ahead: int) -> None:
    """Say how many facts follow the state kept at `key` before the next."""
    tx.execute(
        "UPDATE {timeline_states} SET ahead = ? WHERE mission = ?"
        " AND latest = ? AND earliest = ? AND root = ?",
        (ahead, mission, *key),
    )


def _insert(tx: Tx, rows: list[tuple[Any, ...]]) -> int:
    tx.executemany(
        "INSERT INTO {timeline_states} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
    )
    count = len(rows)
    rows.clear()
    return count


def _facts_after(tx: Tx, mission: int, after: Key | None, limit: int) -> Any:
    """The mission's facts as known now after `after` (from the first if None),
    in the order of the world, read `limit` at a time."""
    while True:
        where = "" if after is None else " AND (latest, earliest, root) > (?, ?, ?)"
        page = tx.all(
            f"SELECT {FACT_COLUMNS} FROM {{timeline_facts}}"
            f" WHERE mission = ? AND known_until IS NULL{where} {_ORDER} LIMIT ?",
            (mission, *(after or ()), limit),
        )
        for row in page:
            yield Fact(*row)
        if len(page) < limit:
            return
        last = Fact(*page[-1])
        after = last.key


def state_before(tx: Tx, mission: int, key: Key) -> State:
    """The mission's state, as known now, after every fact before `key` in the
    order of the world: the last state kept before it, and the facts after that
    state and before `key` folded."""
    kept = _kept_before(tx, mission, key)
    if kept is None:
        return State()
    state = loaded(kept[3:6])
    if kept[6]:
        rows = tx.all(
            f"SELECT {FACT_COLUMNS} FROM {{timeline_facts}}"
            " WHERE mission = ? AND known_until IS NULL"
            " AND (latest, earliest, root) > (?, ?, ?)"
            f" AND (latest, earliest, root) < (?, ?, ?) {_ORDER} LIMIT ?",
            (mission, *kept[:3], *key, kept[6]),
        )
        for row in rows:
            state.apply(Fact(*row))
    return state


def _kept_before(tx: Tx, mission: int, key: Key) -> tuple[Any, ...] | None:
    """The last state the mission keeps before `key`, as its row: its place
    (latest, earliest, root), `shown`, `kept`, `facts` and `ahead`; None if none."""
    found: tuple[Any, ...] | None = tx.one(
        "SELECT latest, earliest, root, shown, kept, facts, ahead"
        " FROM {timeline_states}"
        f" WHERE mission = ? AND (latest, earliest, root) < (?, ?, ?) {_LAST_FIRST}"
        " LIMIT 1",
        (mission, *key),
    )
    return found


def loaded(row: tuple[str, str, int] | Any) -> State:
    """A state from its row's `shown`, `kept` and `facts` (`dump`)."""
    shown, kept, facts = row
    return State.load([shown_of(shown, facts), *orjson.loads(kept)])


def shown_of(shown: str, facts: int) -> dict[str, Any]:
    """What an answer shows of a state kept, from its row's `shown` and `facts`."""
    found: dict[str, Any] = orjson.loads(shown)
    found["facts"] = facts
    return found


def dump(state: State) -> tuple[str, str, int]:
    """A state as its row keeps it: what an answer shows (but its count of
    facts), apart what the fold goes on from (an answer reads only the first),
    and its count of facts, apart so that a fact dated earlier moves it alone."""
    # Partners are named when asked about (`answers.named`): names are data.
    shown, *kept = state.dump({})
    facts = shown.pop("facts")
    return orjson.dumps(shown).decode(), orjson.dumps(kept).decode(), facts
