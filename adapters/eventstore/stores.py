"""Where events are kept: store URLs and the settings they stand for."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any
from uuid import uuid4

from adapters.errors import InputError
from adapters.files import make_private, make_private_folders

STORE_FORMS = (
    "use a file path, sqlite:///PATH, memory: or"
    " postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?schema=NAME]"
)


#: What a PostgreSQL schema may be named: an identifier that needs no quotes.
SCHEMA = re.compile("[a-z_][a-z0-9_]{0,62}")


class StoreError(InputError):
    """A store that cannot be used."""


def default_store() -> str:
    """`missions.db` in the user's data directory (XDG on Linux)."""
    from platformdirs import user_data_path

    return str(user_data_path("missions") / "missions.db")


def _file_of(url: str) -> str | None:
    """The path of a SQLite store's file, as given; None for a URL that names no
    file (memory:, a server, or a form that is not supported)."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    if "://" in url or url.partition(":")[0] in ("file", "memory") or not url.strip():
        return None
    return url


def missing_store(url: str) -> str | None:
    """The store at `url` as it may be shown, if it has not been made yet: a
    SQLite file that does not exist, or a PostgreSQL schema without the events'
    table (a mistyped ?schema= makes none); None for one that exists, and for a
    store whose URL is wrong or whose server does not answer (opening it says
    what is wrong)."""
    if url.startswith(("postgresql://", "postgres://")):
        return _missing_schema(url)
    given = _file_of(url)
    if given is None:
        return None
    path = Path(given).expanduser()
    return None if path.exists() else str(path)


def unmake(url: str) -> bool:
    """Take away the store at `url`, which a command that has failed made, if it
    holds no event: a SQLite file with what SQLite and the store's lock keep
    beside it, or a PostgreSQL schema (not `public`, which is the server's). A
    store that holds an event (another process's, written meanwhile) is left as
    it is. Whether it was taken away."""
    settings = store_settings(url)
    if settings["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        schema = settings.get("POSTGRES_SCHEMA")
        return schema is not None and _unmake_schema(settings, schema)
    name = settings["SQLITE_DBNAME"]
    if name.startswith("file:"):
        return False
    import sqlite3

    path = Path(name)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("BEGIN EXCLUSIVE")  # no writer is halfway through
        tables = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'stored_events'"
        ).fetchone()[0]
        if tables and db.execute("SELECT count(*) FROM stored_events").fetchone()[0]:
            return False
        for made in (path, *(Path(f"{name}{end}") for end in SQLITE_BESIDE)):
            made.unlink(missing_ok=True)
    return True


#: What SQLite, and the store's write lock, keep beside a store's file.
SQLITE_BESIDE = ("-wal", "-shm", "-journal", ".lock")


def _unmake_schema(settings: dict[str, str], schema: str) -> bool:
    from psycopg import sql

    named = sql.Identifier(schema)
    with connect(settings) as connection, connection.transaction():
        table = connection.execute(
            "SELECT to_regclass(%s)", (f'"{schema}".{POSTGRES_EVENTS}',)
        ).fetchone()
        if table is not None and table[0] is not None:
            events = sql.SQL("LOCK TABLE {}.{} IN ACCESS EXCLUSIVE MODE").format(
                named, sql.Identifier(POSTGRES_EVENTS)
            )
            connection.execute(events)
            held = sql.SQL("SELECT EXISTS (SELECT 1 FROM {}.{})").format(
                named, sql.Identifier(POSTGRES_EVENTS)
            )
            found = connection.execute(held).fetchone()
            if found is not None and found[0]:
                return False
        connection.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(named))
    return True


#: The table of a PostgreSQL store's events (eventsourcing's, for the app
#: `missions`): a schema without it holds no store.
POSTGRES_EVENTS = "missions_events"


def _missing_schema(url: str) -> str | None:
    try:
        settings = _postgres(url)
        connection = connect(settings)
    except Exception:  # a wrong URL or no server: opening the store tells
        return None
    schema = settings.get("POSTGRES_SCHEMA")
    table = f'"{schema}".{POSTGRES_EVENTS}' if schema else POSTGRES_EVENTS
    with connection:
        found = connection.execute("SELECT to_regclass(%s)", (table,)).fetchone()
    if found is not None and found[0] is not None:
        return None
    return f"{display(url)}?schema={schema}" if schema else display(url)


#: The setting that marks a store opened only to be read: the path of its file.
READ_ONLY = "MISSIONS_READ_ONLY"


def store_settings(
    url: str, read_only: bool = False, live: bool = False
) -> dict[str, str]:
    """The eventsourcing environment for a store URL: a SQLite file that cannot
    be written (or is to be only read) is opened read-only, and nothing is made
    in it; as a file that never changes, unless `live` (others write it)."""
    if url == "memory:":
        name = f"file:missions-{uuid4().hex}?mode=memory&cache=shared"
        return _sqlite(name)
    if url.startswith(("postgresql://", "postgres://")):
        settings = _postgres(url)
        if read_only:
            settings |= {"CREATE_TABLE": "false", READ_ONLY: display(url)}
        return settings
    path = _file_of(url)
    if path is None:
        scheme, separator, _ = url.partition(":")
        shown = f"{scheme}:" if separator else url
        raise StoreError(f"unsupported store {shown!r}; {STORE_FORMS}")
    return _sqlite_file(path, read_only, live)


def _sqlite_file(path: str, read_only: bool, live: bool = False) -> dict[str, str]:
    target = Path(path).expanduser()
    if target.exists() and not target.is_file() and not target.is_dir():
        from adapters.files import kind_of

        raise StoreError(
            f"cannot use {path!r} as a store: it is {kind_of(target.stat().st_mode)};"
            " name a SQLite file, or one to make"
        )
    if read_only and not target.is_file():
        raise StoreError(f"no store at {path!r} to read")
    writable = os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)
    if target.is_file() and (read_only or not writable):
        from urllib.parse import quote

        # immutable: no lock, no write-ahead log (a read-only mount allows none);
        # live: read as others write it, which a file that can be written allows.
        still = "" if live and writable else "&immutable=1"
        name = f"file:{quote(str(target.resolve()))}?mode=ro{still}"
        return {**_sqlite(name), "CREATE_TABLE": "false", READ_ONLY: str(target)}
    return _sqlite(_file(path))


def read_only_refusal(settings: dict[str, str]) -> str:
    """What a write to a store opened read-only is told."""
    return (
        f"the store {settings[READ_ONLY]} is read-only: questions are answered,"
        " but nothing can be written; copy it where it can be written to record"
    )


def _postgres(url: str) -> dict[str, str]:
    """Settings for eventsourcing's PostgreSQL module (psycopg 3)."""
    from urllib.parse import parse_qs, unquote, urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port or 5432
    except ValueError:
        raise StoreError(f"malformed PostgreSQL store URL; {STORE_FORMS}") from None
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise StoreError(f"a PostgreSQL store needs a database name; {STORE_FORMS}")
    options = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(options) - {"schema"})
    if unknown:
        raise StoreError(
            f"unknown PostgreSQL store option {unknown[0]!r}; {STORE_FORMS}"
        )
    settings = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parts.hostname or "localhost",
        "POSTGRES_PORT": str(port),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        # One command, one thread: a small pool leaves the server's connections
        # to the many processes that may write at once.
        "POSTGRES_POOL_SIZE": "1",
        "POSTGRES_MAX_OVERFLOW": "2",
    }
    schema = options.get("schema", [""])[-1]
    if schema and not SCHEMA.fullmatch(schema):
        raise StoreError(
            f"invalid PostgreSQL schema {schema[:70]!r}: use lower-case letters,"
            " digits and underscores, starting with a letter or underscore,"
            " at most 63 characters (e.g. ?schema=newsroom_2022)"
        )
    if schema == "information_schema" or schema.startswith("pg_"):
        raise StoreError(
            f"PostgreSQL keeps the schema {schema!r} for itself: name a schema of"
            " your own (e.g. ?schema=newsroom_2022)"
        )
    if schema:
        settings["POSTGRES_SCHEMA"] = schema
    return settings


def prepare(settings: dict[str, str]) -> None:
    """Check a server store answers (once, quickly: the connection pool would wait
    out its timeout), and create its schema if it has one."""
    if settings["PERSISTENCE_MODULE"] != "eventsourcing.postgres":
        return
    schema = settings.get("POSTGRES_SCHEMA")
    import psycopg
    from psycopg import sql

    with connect(settings) as connection:
        if schema and READ_ONLY not in settings:
            create = sql.SQL("CREATE SCHEMA IF NOT EXISTS {}")
            # Two processes creating it at once: one of them is told it exists.
            with contextlib.suppress(psycopg.errors.UniqueViolation):
                connection.execute(create.format(sql.Identifier(schema)))


def connect(settings: dict[str, str]) -> Any:
    """A connection of its own (autocommit) to a PostgreSQL store's database."""
    import psycopg

    return psycopg.connect(
        dbname=settings["POSTGRES_DBNAME"],
        host=settings["POSTGRES_HOST"],
        port=int(settings["POSTGRES_PORT"]),
        user=settings["POSTGRES_USER"],
        password=settings["POSTGRES_PASSWORD"] or None,
        connect_timeout=int(settings["POSTGRES_CONNECT_TIMEOUT"]),
        autocommit=True,
    )


def display(url: str) -> str:
    """A store URL as it may be shown: never with its password."""
    from urllib.parse import urlsplit

    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return url.partition("://")[0] + "://..."
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


def _sqlite(name: str) -> dict[str, str]:
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": name}


def _file(path: str) -> str:
    target = Path(path).expanduser()
    if target.is_dir():
        raise StoreError(f"store {path!r} is a directory; {STORE_FORMS}")
    try:
        make_private_folders(target.parent)
    except OSError as error:
        msg = f"cannot create the folder of store {path!r}: {error}"
        raise StoreError(msg) from None
    # Made here, 0600: SQLite would make it 0644, or wider under a loose umask.
    try:
        make_private(target)
    except OSError as error:
        msg = f"cannot create store {path!r}: {error.strerror or error}"
        raise StoreError(msg) from None
    return str(target)
