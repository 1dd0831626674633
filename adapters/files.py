"""The files the tool makes on disk: a store, its folder and its lock file private to
their owner whatever the umask, and output written whole or not at all, never through
a symbolic link."""

from __future__ import annotations

import errno
import os
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
    that `path` is written whole or not at all. A symbolic link at `path`, or a
    folder that does not exist, is refused before anything is written."""
    _check_output(path)
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


def write_file(path: Path, content: bytes) -> None:
    """Write `content` to `path`, whole or not at all, never through a link."""
    with writing(path) as handle:
        handle.write(content)


def check_not_a_link(path: Path) -> None:
    """Refuse a symbolic link where an output file is to be written."""
    if path.is_symlink():
        raise FileRefused(
            f"'{path}' is a symbolic link, and output is never written through"
            " one; remove it or write elsewhere"
        )


def _check_output(path: Path) -> None:
    check_not_a_link(path)
    if not path.name or path.is_dir():
        raise FileRefused(f"cannot write '{path}': it is a folder; name a file")
    folder = path.parent
    if not folder.is_dir():
        raise FileRefused(
            f"cannot write '{path}': there is no folder '{folder}';"
            " write into a folder that exists"
        )


def _cannot_write(path: Path, error: OSError) -> FileRefused:
    return FileRefused(f"cannot write '{path}': {error.strerror or error}")
