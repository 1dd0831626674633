"""Where events are kept: store URLs and the settings they stand for."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

from adapters.errors import InputError

STORE_FORMS = "use a file path, sqlite:///PATH or memory:"


class StoreError(InputError):
    """A store that cannot be used."""


def default_store() -> str:
    """`missions.db` in the user's data directory (XDG on Linux)."""
    from platformdirs import user_data_path

    return str(user_data_path("missions") / "missions.db")


def store_settings(url: str) -> dict[str, str]:
    """The eventsourcing environment for a store URL."""
    if url == "memory:":
        name = f"file:missions-{uuid4().hex}?mode=memory&cache=shared"
        return _sqlite(name)
    if url.startswith("sqlite:///"):
        return _sqlite(_file(url.removeprefix("sqlite:///")))
    scheme, separator, _ = url.partition(":")
    if "://" in url or scheme in ("file", "memory") or not url.strip():
        shown = f"{scheme}:" if separator else url
        raise StoreError(f"unsupported store {shown!r}; {STORE_FORMS}")
    return _sqlite(_file(url))


def _sqlite(name: str) -> dict[str, str]:
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": name}


def _file(path: str) -> str:
    target = Path(path).expanduser()
    if target.is_dir():
        raise StoreError(f"store {path!r} is a directory; {STORE_FORMS}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        msg = f"cannot create the folder of store {path!r}: {error}"
        raise StoreError(msg) from None
    return str(target)
