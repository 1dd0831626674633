"""The C heap of a bulk job, kept rather than given back between batches.

An import makes and frees the same few megabytes for every batch of rows. By
default glibc gives freed memory at the top of its heap back to the system as
soon as there is 128 KiB of it, and the next batch faults it in again, page by
page: nearly a million page faults, a tenth of a million-event import's time.
Raising glibc's trim threshold for the job keeps that memory for reuse, and
raising its mmap threshold takes a batch's buffer of a few megabytes from that
memory rather than from pages mapped afresh each time. Neither raises the peak:
the memory kept is what one batch used, and the next batch uses it again.

Elsewhere than glibc this does nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: The free memory at the top of the heap that a bulk job keeps, in bytes.
KEPT = 16 << 20
#: The largest block a bulk job takes from the heap rather than mapping it.
HEAPED = 16 << 20
#: glibc's `mallopt` parameters, their default values, the values a bulk job
#: sets, and the environment variables that set them for a child process.
_SETTINGS = (
    (-1, 128 << 10, KEPT, "MALLOC_TRIM_THRESHOLD_"),  # M_TRIM_THRESHOLD
    (-3, 128 << 10, HEAPED, "MALLOC_MMAP_THRESHOLD_"),  # M_MMAP_THRESHOLD
)


@contextmanager
def kept() -> Iterator[None]:
    """This process keeps freed memory while the block runs, then gives back
    what it no longer uses. glibc's default thresholds are set again after it,
    though no longer adjusted as glibc adjusts them on its own: setting them
    turns that off for the rest of the process."""
    mallopt, malloc_trim = _glibc()
    if mallopt is None or malloc_trim is None:
        yield
        return
    for parameter, _, value, _ in _SETTINGS:
        mallopt(parameter, value)
    try:
        yield
    finally:
        for parameter, default, _, _ in _SETTINGS:
            mallopt(parameter, default)
        malloc_trim(0)


def child_environment() -> dict[str, str]:
    """The environment for a child process that should keep freed memory too."""
    return {**os.environ, **{name: str(value) for _, _, value, name in _SETTINGS}}


def _glibc() -> tuple[Callable[[int, int], int] | None, Callable[[int], int] | None]:
    """glibc's `mallopt` and `malloc_trim`, or None where the C library is another."""
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return None, None
    except (AttributeError, ValueError, OSError):  # not a GNU system
        return None, None
    import ctypes

    libc = ctypes.CDLL(None)
    return libc.mallopt, libc.malloc_trim
