"""Each mission's timeline of states (`timeline_states`): rewritten, in the order
of the world, from the first place a new event touches; each row the state after
a fact (`domain.fold.State.dump`), partners by slug (names are data, given when
asked: `answers.named`)."""

from __future__ import annotations

import orjson

from adapters.readmodel.recorders import Tx
from adapters.readmodel.tables import FACT_COLUMNS
from domain.fold import Fact, Key, State


def rewrite_states(tx: Tx, mission: int, start: Key, limit: int) -> int:
    """Refold the mission's timeline from `start` on, in the order of the world,
    `limit` facts a query; how many states it wrote."""
    before = tx.one(
        "SELECT shown, kept FROM {timeline_states} WHERE mission = ?"
        " AND (latest, earliest, root) < (?, ?, ?)"
        " ORDER BY latest DESC, earliest DESC, root DESC LIMIT 1",
        (mission, *start),
    )
    state = State.load(
        [orjson.loads(before[0]), *orjson.loads(before[1])] if before else None
    )
    tx.execute(
        "DELETE FROM {timeline_states} WHERE mission = ?"
        " AND (latest, earliest, root) >= (?, ?, ?)",
        (mission, *start),
    )
    after: Key = start
    inclusive = True
    written = 0
    while True:
        page = tx.all(
            f"SELECT {FACT_COLUMNS} FROM {{timeline_facts}}"
            " WHERE mission = ? AND known_until IS NULL"
            f" AND (latest, earliest, root) {'>=' if inclusive else '>'} (?, ?, ?)"
            " ORDER BY latest, earliest, root LIMIT ?",
            (mission, *after, limit),
        )
        rows = []
        for row in page:
            fact = Fact(*row)
            state.apply(fact)
            rows.append((mission, fact.latest, fact.earliest, fact.root, *dump(state)))
        tx.executemany("INSERT INTO {timeline_states} VALUES (?, ?, ?, ?, ?, ?)", rows)
        written += len(rows)
        if len(page) < limit:
            return written
        last = Fact(*page[-1])
        after, inclusive = last.key, False


def dump(state: State) -> tuple[str, str]:
    """A state as its row keeps it: what an answer shows, and apart, what the fold
    goes on from (an answer reads only the first)."""
    # Partners are named when asked about (`answers.named`): names are data.
    shown, *kept = state.dump({})
    return orjson.dumps(shown).decode(), orjson.dumps(kept).decode()
