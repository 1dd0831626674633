"""Writers take turns on a mission: a lock held while they read, decide and write,
so that concurrent writers neither conflict nor starve."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

_THREADS = threading.Lock()


@contextmanager
def writing(settings: dict[str, str], mission: UUID) -> Iterator[None]:
    """Hold the store's write lock for `mission` (per file for SQLite, per
    mission for PostgreSQL, per process for in-memory stores)."""
    if settings["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        with _advisory_lock(settings, mission):
            yield
        return
    name = settings["SQLITE_DBNAME"]
    if name.startswith("file:"):  # in memory: one process only
        with _THREADS:
            yield
        return
    with Path(f"{name}.lock").open("a") as handle, _THREADS:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _advisory_lock(settings: dict[str, str], mission: UUID) -> Iterator[None]:
    import psycopg

    key = int.from_bytes(mission.bytes[:8], "big", signed=True)
    options: dict[str, Any] = {
        "dbname": settings["POSTGRES_DBNAME"],
        "host": settings["POSTGRES_HOST"],
        "port": int(settings["POSTGRES_PORT"]),
        "user": settings["POSTGRES_USER"],
        "password": settings["POSTGRES_PASSWORD"] or None,
        "autocommit": True,
    }
    with psycopg.connect(**options) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (key,))
