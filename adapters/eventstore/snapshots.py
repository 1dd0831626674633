"""A mission's snapshots: only its latest is kept.

A snapshot holds the mission's whole history (a fact dated years back changes
every fold after it), so each is as large as the mission. Kept all, one every 50
events, they would make the store grow with the square of the mission's length:
14 MB a snapshot at 20,000 events. Only the latest is read when a mission is
loaded; an earlier version is replayed from its events, as correct, if slower.
A snapshot is taken by a write that reads the whole mission anyway, once the latest
is `MissionTracker.snapshot_interval` events behind: a plain fact, written from
the mission's head, reads none and takes none.

A snapshot is derived from the events, never a fact: deleting one loses nothing.
A memory store lives as long as its process, and keeps them all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.mission import Mission
from domain.projection import Snapshot, project_mission

if TYPE_CHECKING:
    from eventsourcing.persistence import AggregateRecorder, EventStore


def latest(
    snapshots: EventStore[Any], origin: UUID, version: int | None
) -> Mission | None:
    """The mission as its latest snapshot up to `version` holds it, if any and
    if it can be read."""
    found = snapshots.recorder.select_events(origin, desc=True, limit=1, lte=version)
    if not found:
        return None
    try:
        snapshot = snapshots.mapper.to_domain_event(found[0])
        assert isinstance(snapshot, Snapshot)
        return project_mission(None, [snapshot])
    except Exception:  # whatever an unreadable snapshot raises: replay instead
        return None


def keep(snapshots: EventStore[Any], mission: Mission) -> None:
    """Keep a snapshot of `mission`, and forget its older ones."""
    snapshots.put([Snapshot.take(mission)])
    forget_older(snapshots.recorder, mission.id)


def forget_older(recorder: AggregateRecorder, originator_id: UUID) -> None:
    """Delete every snapshot of the aggregate but its latest."""
    from eventsourcing.popo import POPOAggregateRecorder
    from eventsourcing.sqlite import SQLiteAggregateRecorder

    if isinstance(recorder, POPOAggregateRecorder):
        return

    if isinstance(recorder, SQLiteAggregateRecorder):
        forget = _FORGET.format(table=recorder.events_table_name)
        with recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(forget, (originator_id.hex, originator_id.hex))
        return
    from eventsourcing.postgres import PostgresAggregateRecorder

    if isinstance(recorder, PostgresAggregateRecorder):
        from psycopg import sql

        named = sql.Identifier(recorder.datastore.schema, recorder.events_table_name)
        statement = sql.SQL(_FORGET.replace("?", "%s")).format(table=named)
        with recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(statement, (originator_id, originator_id))


#: Every snapshot of a mission but its latest, in `table`; `?` for its id.
_FORGET = (
    "DELETE FROM {table} WHERE originator_id = ? AND originator_version"
    " < (SELECT MAX(originator_version) FROM {table} WHERE originator_id = ?)"
)
