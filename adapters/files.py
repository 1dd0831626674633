"""The files the tool makes on disk: a store, its folder and its lock file private to
their owner whatever the umask, and output written whole or not at all, never through
a symbolic link; output to a FIFO or a character device (/dev/null) is written into
it as a stream, never in its place."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

#: A store, its lock file and the folders made for it: for their owner alone.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
#: Output, as any program writes it: what the umask leaves of read and write for all.
OUTPUT_FILE = 0o666

#: Never follow a symbolic link in the last part of a path, never leak the
#: descriptor to a child process.
_NO_LINK = os.O_NOFOLLOW | os.O_CLOEXEC


class FileRefused(Exception):
    """A file or folder on disk that a command will not use as it is: a symbolic
    link where a file is to be written, a folder that does not exist. Nothing is
    written."""


def make_private_folders(folder: Path) -> None:
    """Make `folder` and its missing parents, each 0700; those already there are
    left as they are."""
    missing = []
    for path in (folder, *folder.parents):
        if path.is_dir():
            break
        missing.append(path)
    for path in reversed(missing):
        try:
            path.mkdir(PRIVATE_FOLDER)
        except FileExistsError:
            if not path.is_dir():
                raise
            continue  # another process made it first: its folder, its mode
        # The umask takes bits off the mode mkdir is given; this one is meant.
        os.chmod(path, PRIVATE_FOLDER)


def make_private(path: Path) -> bool:
    """Make an empty file at `path`, 0600, unless something is there already (a
    link too: it is not followed); whether it was made."""
    made = _create_private(path, os.O_WRONLY)
    if made is None:
        return False
    os.close(made)
    return True


def open_private(path: Path, what: str) -> int:
    """A descriptor of the file at `path`, open to read and write, made 0600 if it
    is missing; a symbolic link there is refused, never followed. `what` names the
    file in the refusal."""
    while True:
        made = _create_private(path, os.O_RDWR)
        if made is not None:
            return made
        try:
            return os.open(path, os.O_RDWR | _NO_LINK)
        except FileNotFoundError:
            continue  # removed since it was found there: make it
        except OSError as error:
            if error.errno != errno.ELOOP:
                raise
            raise FileRefused(
                f"{what} '{path}' is a symbolic link; remove it"
            ) from None


def _create_private(path: Path, access: int) -> int | None:
    """A descriptor of a new file at `path`, 0600; None if something is there."""
    flags = access | os.O_CREAT | os.O_EXCL | _NO_LINK
    try:
        made = os.open(path, flags, PRIVATE_FILE)
    except FileExistsError:
        return None
    # The umask takes bits off the mode open is given; this one is meant.
    os.fchmod(made, PRIVATE_FILE)
    return made


@contextmanager
def writing(path: Path) -> Iterator[BinaryIO]:
    """A new file to write into, put at `path` only once everything is written, so
    that `path` is written whole or not at all; or, if `path` is a FIFO or a
    character device, that stream itself, written into as it goes and left in its
    place. A symbolic link, a folder or another kind of file at `path`, or a folder
    that does not exist, is refused before anything is written."""
    if check_output(path):
        with _stream(path) as stream:
            yield stream
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_LINK
    try:
        handle = os.fdopen(os.open(temporary, flags, OUTPUT_FILE), "wb")
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with handle:
            yield handle
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    try:
        # A rename replaces a link that appeared since; it never writes through it.
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _cannot_write(path, error) from None


def _stream(path: Path) -> BinaryIO:
    """The FIFO or character device at `path`, open to write into: never made,
    emptied or replaced (a FIFO waits for its reader, as a shell's `>` does)."""
    try:
        opened = os.open(path, os.O_WRONLY | _NO_LINK)
    except OSError as error:
        raise _cannot_write(path, error) from None
    if not _is_stream(os.fstat(opened).st_mode):  # replaced since it was checked
        os.close(opened)
        raise FileRefused(
            f"cannot write '{path}': it changed as it was opened; try again"
        )
    return os.fdopen(opened, "wb")


def write_file(path: Path, content: bytes) -> None:
    """Write `content` to `path`, whole or not at all, never through a link (into
    it, if it is a FIFO or a character device)."""
    with writing(path) as handle:
        handle.write(content)


def check_not_a_link(path: Path) -> None:
    """Refuse a symbolic link where an output file is to be written."""
    if path.is_symlink():
        raise FileRefused(
            f"'{path}' is a symbolic link, and output is never written through"
            " one; remove it or write elsewhere"
        )


def check_output(path: Path) -> bool:
    """Refuse what output cannot be written to: a symbolic link, a folder, a block
    device or a socket, a folder that does not exist. Whether `path` is a stream
    to write into (a FIFO or a character device) rather than a file to replace."""
    check_not_a_link(path)
    try:
        found: int | None = path.lstat().st_mode
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise _cannot_write(path, error) from None
    if not path.name or (found is not None and stat.S_ISDIR(found)):
        raise FileRefused(f"cannot write '{path}': it is a folder; name a file")
    if found is not None and not stat.S_ISREG(found):
        if _is_stream(found):
            return True
        raise FileRefused(
            f"cannot write '{path}': it is {kind_of(found)}; name a regular file,"
            " a FIFO or a character device"
        )
    folder = path.parent
    if not folder.is_dir():
        raise FileRefused(
            f"cannot write '{path}': there is no folder '{folder}';"
            " write into a folder that exists"
        )
    return False


def first_line(path: Path, most: int) -> bytes | None:
    """The first line of the regular file at `path` (b"" if it is empty), reading
    no more than `most` bytes of it; None if there is no regular file to read
    there. Nothing else is opened: not a link, a FIFO (its writer would be let
    go), nor a device."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        opened = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NO_LINK)
    except OSError:
        return None
    with os.fdopen(opened, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(opened).st_mode):  # replaced since
                return None
            return handle.readline(most)
        except OSError:
            return None


def kind_of(mode: int) -> str:
    """What a file of `mode` (as stat gives it) is, in words: 'a FIFO'."""
    kinds = (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((told for test, told in kinds if test(mode)), "a special file")


def _is_stream(mode: int) -> bool:
    """Whether a file of `mode` is written into as a stream: a FIFO or a
    character device."""
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _cannot_write(path: Path, error: OSError) -> FileRefused:
    return FileRefused(f"cannot write '{path}': {error.strerror or error}")
