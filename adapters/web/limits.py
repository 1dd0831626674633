"""What a server takes and how long it waits: the limits `missions serve` runs
uvicorn with, the HTTP protocol that gives each request's head a deadline
(uvicorn has none), and what ends a worker when the command that started it
ends.

A server that waited for ever on a slow client, or outlived the command that
started it, could be held by anyone who can reach its port."""

from __future__ import annotations

import asyncio
import ctypes
import os
import signal
import sys
import threading
import time
from typing import Any, cast

from uvicorn.protocols.http.h11_impl import H11Protocol

#: The longest request target (path and query) answered, in bytes: a longer one
#: is refused with 414.
LONGEST_TARGET = 8 << 10
#: The largest request head (request line and headers) read, in bytes: a larger
#: one is refused with 400 and its connection closed.
LARGEST_HEAD = 16 << 10
#: Seconds in which a request's head must come whole, from the moment the
#: connection is made or the previous answer sent: a slower one is cut off.
HEAD_TIMEOUT = 10.0
#: Seconds an idle connection is kept open for the client's next request.
KEEP_ALIVE = 5
#: Connections a worker holds at once: past them, a request is told 503 and its
#: connection closed.
CONNECTIONS = 500
#: Seconds a worker told to stop gives the answers it is sending to finish.
GRACE = 5

#: Where `missions serve` tells its workers which process started them.
PARENT_VARIABLE = "MISSIONS_SERVE_PARENT"
#: Linux's prctl option that sends a signal when the parent ends.
_PR_SET_PDEATHSIG = 1
#: How often a worker where that option is missing asks after its parent.
_WATCH = 0.5


class Timed(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with a deadline for each request's head:
    from the moment the connection is made, or an answer is sent on it, its
    next request line and headers must come whole within `deadline` seconds,
    however slowly they trickle in, or the connection is closed."""

    deadline: float = HEAD_TIMEOUT
    #: What closes the connection if the head is not read in time.
    _head_due: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(cast(asyncio.Transport, transport))
        self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_came()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        before = self.scope
        super().handle_events()
        if self.scope is not before:  # a request's head was read
            self._head_came()

    def on_response_complete(self) -> None:
        if not self.transport.is_closing():
            self._await_head()  # before any pipelined request is read
        super().on_response_complete()

    def _await_head(self) -> None:
        self._head_came()
        self._head_due = self.loop.call_later(self.deadline, self._too_slow)

    def _head_came(self) -> None:
        if self._head_due is not None:
            self._head_due.cancel()
            self._head_due = None

    def _too_slow(self) -> None:
        self._head_due = None
        if not self.transport.is_closing():
            self.transport.close()


def settings() -> dict[str, Any]:
    """The keyword arguments of `uvicorn.run` that set these limits."""
    return {
        "http": Timed,
        "h11_max_incomplete_event_size": LARGEST_HEAD,
        "timeout_keep_alive": KEEP_ALIVE,
        "limit_concurrency": CONNECTIONS,
        "timeout_graceful_shutdown": GRACE,
    }


def end_with_parent() -> None:
    """In a worker of `missions serve` (a process the one named in
    `PARENT_VARIABLE` started): be sent SIGTERM, and so stop as if told to, when
    that process ends, even if it is killed with no chance to stop its workers
    (else they would go on serving and hold its port). Ended at once if it has
    ended already. Nothing is done in the process that serves alone."""
    named = os.environ.get(PARENT_VARIABLE)
    if named is None or int(named) == os.getpid():
        return
    parent = int(named)
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"prctl(PR_SET_PDEATHSIG): {os.strerror(error)}")
    else:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    # The parent may have ended before the signal was asked for: then this
    # process belongs to another, and nothing would ever send it.
    if os.getppid() != parent:
        os._exit(1)


def _watch(parent: int) -> None:
    """Send this process SIGTERM once its parent is no longer `parent`."""
    while os.getppid() == parent:
        time.sleep(_WATCH)
    os.kill(os.getpid(), signal.SIGTERM)
