"""A SQLite store's events written by a process of its own, so that an import
checks lines on one core while SQLite writes them on another.

`python -I adapters/evidence/bulkwriter.py DATABASE TIMEOUT STATEMENT` opens the
database (a SQLite URI, as eventsourcing opens it), takes the write lock at once (BEGIN
IMMEDIATE), says so, and then reads frames on standard input, each a value in the
format of Python's `marshal` (the parent runs the same Python): a list of rows to
insert with STATEMENT, or the word to commit. It answers in frames on standard
output. If its input ends before that word (the importer failed, or was killed),
it rolls back: the store is as it was. Its parent is the only one that talks to
it; nothing else is imported here, so it starts in a few milliseconds."""

from __future__ import annotations

import marshal
import sqlite3
import struct
import sys
from typing import IO, Any

#: A frame's head: its kind and the length of what follows.
HEAD = struct.Struct("<cQ")
ITEM, READY, DONE, FAILED = b"I", b"R", b"K", b"E"
#: What the parent sends once all its rows are sent.
COMMIT = "commit"
#: The writer's page cache, in KiB (SQLite's default is 2 MiB).
CACHE_KIB = 4 << 10


def put(out: IO[bytes], item: list[tuple[Any, ...]] | str) -> None:
    """Send the writer rows, or COMMIT. `marshal` writes and reads rows of
    strings, numbers and bytes in half the time `pickle` takes."""
    send(out, ITEM, marshal.dumps(item))


def send(out: IO[bytes], kind: bytes, body: bytes = b"") -> None:
    """Write one frame."""
    out.write(HEAD.pack(kind, len(body)))
    out.write(body)
    out.flush()


def receive(source: IO[bytes]) -> tuple[bytes, bytes] | None:
    """Read one frame; None at the end of the input."""
    head = source.read(HEAD.size)
    if len(head) < HEAD.size:
        return None
    kind, length = HEAD.unpack(head)
    body = source.read(length)
    if len(body) < length:
        return None
    return kind, body


def _take(source: IO[bytes]) -> list[tuple[Any, ...]] | str | None:
    """The parent's next rows, or COMMIT; None when its input ends."""
    frame = receive(source)
    if frame is None or frame[0] != ITEM:
        return None
    item: list[tuple[Any, ...]] | str = marshal.loads(frame[1])
    return item


def serve(database: str, timeout: float, statement: str) -> int:
    """Write what the parent sends, in one transaction; the exit status."""
    source, out = sys.stdin.buffer, sys.stdout.buffer
    connection = sqlite3.connect(
        database, uri=True, isolation_level=None, timeout=timeout
    )
    try:
        # Room for the pages a bulk load keeps coming back to (each mission's end
        # of the events' index), so that they are written to the log once rather
        # than each time they are pushed out.
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        connection.execute("BEGIN IMMEDIATE")
        send(out, READY)
        while (item := _take(source)) != COMMIT:
            if item is None:
                connection.rollback()
                return 1
            connection.executemany(statement, item)
        connection.commit()
        send(out, DONE)
        return 0
    except Exception as error:
        connection.rollback()
        send(out, FAILED, f"{type(error).__name__}: {error}".encode())
        return 1
    finally:
        connection.close()


if __name__ == "__main__":
    import signal

    # Ctrl-C is the parent's to handle: it closes our input, and we roll back,
    # with no traceback of our own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(serve(sys.argv[1], float(sys.argv[2]), sys.argv[3]))
