"""Writers take turns on a mission: a lock held while they read, decide and write,
so that concurrent writers neither conflict nor starve."""

from __future__ import annotations

import fcntl
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import RecordConflictError

from adapters.eventstore.stores import READ_ONLY, connect, read_only_refusal
from adapters.files import FileRefused, open_private
from domain.errors import DomainError

#: How many times a writer tries before it gives up.
WRITE_TRIES = 30
_THREADS = threading.Lock()
_SETUP = UUID(int=0)
T = TypeVar("T")


class WriteLocks:
    """The store's write locks, one for each mission: a lock file for SQLite (0600,
    never a symbolic link), an advisory lock for PostgreSQL (on one connection kept
    for them), a thread lock for an in-memory store."""

    def __init__(self, settings: dict[str, str]) -> None:
        self.settings = settings
        self._connection: Any = None

    @contextmanager
    def writing(self, mission: UUID) -> Iterator[None]:
        """Hold the write lock of `mission` while reading, deciding and writing."""
        if READ_ONLY in self.settings:
            raise FileRefused(read_only_refusal(self.settings))
        if self.settings["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
            with _THREADS, self._advisory(mission):
                yield
            return
        name = self.settings["SQLITE_DBNAME"]
        if name.startswith("file:"):  # in memory: one process only
            with _THREADS:
                yield
            return
        handle = open_private(Path(f"{name}.lock"), "the store's lock file")
        try:
            with _THREADS:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            os.close(handle)

    def retrying(self, mission: UUID, attempt: Callable[[], T], gave_up: str) -> T:
        """Read, decide and write (`attempt`) holding the write lock of `mission`;
        should another writer still have taken the version (one that takes no
        lock), try again, and after WRITE_TRIES tries refuse with `gave_up`."""
        for tries in range(1, WRITE_TRIES + 1):
            try:
                with self.writing(mission):
                    return attempt()
            except RecordConflictError:
                if tries == WRITE_TRIES:
                    raise DomainError(gave_up) from None
                time.sleep(random.uniform(0, min(0.1, 0.002 * 2**tries)))
        raise AssertionError("unreachable")

    @contextmanager
    def setting_up(self) -> Iterator[None]:
        """Hold the store's lock for creating tables: PostgreSQL refuses to create
        the same tables and functions from several connections at once, and
        eventsourcing makes a SQLite store's tables, at every opening, in a write
        transaction, which finds the file locked (after SQLite's timeout of 5 s)
        while another process writes. Taking turns, an opening waits for the
        writer instead: for an import, until it is done."""
        if READ_ONLY in self.settings:  # nothing is made: nothing to wait for
            yield
            return
        if self.settings["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
            with self._advisory(_SETUP):
                yield
            return
        with self.writing(_SETUP):
            yield

    def close(self) -> None:
        """Close the connection kept for advisory locks, if any."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @contextmanager
    def _advisory(self, mission: UUID) -> Iterator[None]:
        key = int.from_bytes(mission.bytes[:8], "big", signed=True)
        connection = self._connect()
        connection.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def _connect(self) -> Any:
        if self._connection is None or self._connection.closed:
            self._connection = connect(self.settings)
        return self._connection
