"""import_ratio_pg: `missions import` into a fresh PostgreSQL schema (the read
model brought up to date included) against a plain COPY of the same rows into a
table of the same shape, on the server the tests use."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg

from benchmarks.common import MISSIONS, progress
from benchmarks.imports import read_rows, wrapped

SERVER = os.environ.get(
    "MISSIONS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
#: The schemas the measurements make, and drop.
BASELINE, IMPORTED = "missions_bench_copy", "missions_bench_import"
#: eventsourcing's events table, as it makes it for a store.
TABLE = (
    "CREATE TABLE {schema}.stored_events (originator_id uuid NOT NULL,"
    " originator_version bigint NOT NULL, topic text, state bytea,"
    " notification_id bigserial, PRIMARY KEY (originator_id, originator_version))"
)
INDEX = "CREATE UNIQUE INDEX ON {schema}.stored_events (notification_id ASC)"


def _drop(connection: psycopg.Connection[Any], schema: str) -> None:
    connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def fresh_schema(schema: str) -> Iterator[None]:
    """The schema dropped before and after what is run in it."""
    with psycopg.connect(SERVER, autocommit=True) as connection:
        _drop(connection, schema)
        try:
            yield
        finally:
            _drop(connection, schema)


def copy_baseline(export: Path) -> float:
    """Seconds to COPY the export's rows into a fresh table of the store's shape,
    in one transaction (the rows read and their ids parsed before the clock)."""
    rows = [(UUID(o), v, t, s) for o, v, t, s in read_rows(export)]
    with psycopg.connect(SERVER, autocommit=True) as connection:
        _drop(connection, BASELINE)
        start = time.perf_counter()
        with connection.transaction():
            connection.execute(f"CREATE SCHEMA {BASELINE}")
            connection.execute(TABLE.format(schema=BASELINE))
            connection.execute(INDEX.format(schema=BASELINE))
            with (
                connection.cursor() as cursor,
                cursor.copy(
                    f"COPY {BASELINE}.stored_events"
                    " (originator_id, originator_version, topic, state) FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        elapsed = time.perf_counter() - start
        _drop(connection, BASELINE)
    return elapsed


def measure_postgres(export: Path, count: int) -> dict[str, float]:
    """import_ratio_pg for the `count` events of `export`."""
    baseline = copy_baseline(export)
    store = f"{SERVER}?schema={IMPORTED}"
    with psycopg.connect(SERVER, autocommit=True) as connection:
        _drop(connection, IMPORTED)
        wall, peak_mb, _ = wrapped(MISSIONS, "--store", store, "import", str(export))
        _drop(connection, IMPORTED)
    progress(f"PostgreSQL, {count} events: COPY {baseline:.2f}s, import {wall:.2f}s")
    return {
        "import_ratio_pg": baseline / wall,
        "import_pg_peak_mb": peak_mb,
        "copy_events_per_s": count / baseline,
    }
