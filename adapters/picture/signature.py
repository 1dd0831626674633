"""A mark in each picture `missions timeline` draws, so that it replaces its own
files and no other without being told to: a comment in an SVG or HTML file, a
text chunk in a PNG."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

#: What the mark says.
SIGNATURE = "Drawn by missions timeline"
_COMMENT = f"<!-- {SIGNATURE} -->\n".encode()
_PNG = b"\x89PNG\r\n\x1a\n"
#: The PNG chunk: its keyword (as PNG names the program that made a file), a
#: NUL, and the text.
_TEXT = b"Software\x00" + SIGNATURE.encode()
_CHUNK = (
    struct.pack(">I", len(_TEXT))
    + b"tEXt"
    + _TEXT
    + struct.pack(">I", zlib.crc32(b"tEXt" + _TEXT))
)
#: Where the chunk goes: after the signature and the header chunk (IHDR).
_AFTER_HEADER = len(_PNG) + 4 + 4 + 13 + 4


def signed(content: bytes) -> bytes:
    """The picture's bytes, with the mark: after a PNG's header chunk, or after
    the first line of an SVG or HTML file."""
    if content.startswith(_PNG):
        return content[:_AFTER_HEADER] + _CHUNK + content[_AFTER_HEADER:]
    first, newline, rest = content.partition(b"\n")
    return first + newline + _COMMENT + rest


class Signing:
    """An SVG or HTML file as it is written, the mark put after its first line."""

    def __init__(self, handle: SupportsWrite[bytes]) -> None:
        self._handle = handle
        self._marked = False

    def write(self, data: bytes) -> int:
        if not self._marked:
            first, newline, rest = data.partition(b"\n")
            if newline:
                data = first + newline + _COMMENT + rest
                self._marked = True
        self._handle.write(data)
        return len(data)


def is_signed(path: Path) -> bool:
    """Whether the file at `path` is a picture `missions timeline` drew."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_AFTER_HEADER + len(_CHUNK) + 4096)
    except OSError:
        return False
    if head.startswith(_PNG):
        return head[_AFTER_HEADER : _AFTER_HEADER + len(_CHUNK)] == _CHUNK
    return _COMMENT in head
