"""Export: every stored event as one NDJSON line, in recording order, as the
store holds it (adapters.evidence.exchange says what a line holds and how an
import reads it back). Rows are read a page at a time in one read transaction,
so that the export is of one moment of the store, and each line is written from
the stored bytes, nothing decoded: the time it takes follows the store's size,
and the memory it needs does not."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any
from uuid import UUID

import orjson

from adapters.evidence.lines import FIELDS, MAX_LINE
from adapters.files import FileRefused, check_output, first_line
from adapters.readmodel.recorders import ReadModelRecorder

#: Stored events read at once.
PAGE = 2000
_LINE = b'{"originator_id":"%b","originator_version":%d,"topic":%b,"state":%b}\n'


def export(view: ReadModelRecorder, out: IO[bytes]) -> int:
    """Write every stored event to `out`, one JSON object a line; the count."""
    topics: dict[str, bytes] = {}
    count = 0
    with view.transaction(commit=False) as tx:
        start = 0
        while page := view.stored_after(tx, start, PAGE):
            lines = []
            for _, origin, version, topic, state in page:
                name = topics.get(topic)
                if name is None:
                    name = topics[topic] = orjson.dumps(topic)
                lines.append(_LINE % (_dashed(origin), version, name, bytes(state)))
            out.write(b"".join(lines))
            count += len(page)
            start = page[-1][0]
    return count


def _dashed(origin: Any) -> bytes:
    """An aggregate id as a line holds it: lower-case hex, with dashes (a store
    keeps it as a UUID, or as its 32 hex digits)."""
    if isinstance(origin, UUID):
        return str(origin).encode()
    text = str(origin).lower()
    if len(text) != 32:
        return str(UUID(text)).encode()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}".encode()


def replaceable(out: Path, force: bool) -> None:
    """Refuse to write an export to `out` where it cannot be written (a link, a
    folder, a block device, a socket), or where a regular file is that is not an
    export (unless `force`): an export is known by its first line, and an empty
    file is the export of an empty store. A FIFO or a character device is
    written into, never replaced."""
    if check_output(out) or force or not out.is_file():
        return
    head = first_line(out, MAX_LINE + 1)  # None: it cannot be read
    if head == b"":
        return
    try:
        line = orjson.loads(head or b"")
    except orjson.JSONDecodeError:
        line = None
    if not isinstance(line, dict) or line.keys() != FIELDS:
        raise FileRefused(
            f"'{out}' exists and is not an export of `missions export`:"
            " give --force to replace it, or choose another name"
        )
