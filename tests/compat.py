"""The compatibility fixtures: what earlier versions of the tracker wrote and
answered (tests/data/compat/, made by tests/make_compat_fixture.py), and how an
answer of then is compared with today's."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from tests.forms import FORM_FILE, VERSIONS_FILE
from tests.stores import schema_of, server_url

__all__ = ["COMPAT", "FORM_FILE", "VERSIONS_FILE", "Fixture", "fixtures"]

COMPAT = VERSIONS_FILE.parent
#: The schema a fixture's PostgreSQL dump was made in.
DUMPED_SCHEMA = "compat_fixture"


@dataclass(frozen=True)
class Fixture:
    """What one earlier version wrote and answered."""

    name: str
    commit: str
    date: str
    new: str
    seal: int
    read_model: int | None
    form: str

    @property
    def folder(self) -> Path:
        return COMPAT / self.name

    @property
    def export(self) -> Path:
        """The version's export of its SQLite store."""
        return self.folder / "export.ndjson"

    @cached_property
    def lines(self) -> list[dict[str, Any]]:
        """The export's lines, parsed."""
        text = self.export.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines()]

    @cached_property
    def answers(self) -> dict[str, Any]:
        found: dict[str, Any] = json.loads((self.folder / "answers.json").read_text())
        return found

    def store_file(self, into: Path) -> str:
        """The version's SQLite store, as it left it, copied into a folder."""
        path = into / f"{self.name}.db"
        path.write_bytes(gzip.decompress((self.folder / "store.db.gz").read_bytes()))
        return str(path)

    def store_had_read_model(self, path: str) -> bool:
        """Whether the version kept a read model in its store."""
        with closing(sqlite3.connect(path)) as db:
            found = db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'timeline_facts'"
            ).fetchone()
        return found is not None

    def schema_had_read_model(self) -> bool:
        """Whether the version kept a read model in its PostgreSQL schema."""
        return f"{DUMPED_SCHEMA}.timeline_facts" in self._dump()

    def _dump(self) -> str:
        return gzip.decompress((self.folder / "store.pg.sql.gz").read_bytes()).decode()

    def restore_schema(self, url: str) -> None:
        """The version's PostgreSQL schema, as it left it, restored with psql into
        the (not yet made) schema of `url`."""
        text = self._dump().replace(DUMPED_SCHEMA, schema_of(url))
        subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", server_url()],
            input=text,
            text=True,
            capture_output=True,
            check=True,
        )


def fixtures() -> list[Fixture]:
    """Every fixture, oldest first."""
    listed = json.loads(VERSIONS_FILE.read_text())
    return [Fixture(**entry) for entry in listed]


def questions(fixture: Fixture, kind: str) -> list[tuple[list[str], dict[str, Any]]]:
    """The questions the version was asked of its store of this kind ('sqlite' or
    'postgres'), each as arguments (its time known at filled in) with the answer
    it gave."""
    known_at = fixture.answers["known_at"][kind]
    asked = fixture.answers["questions" if kind == "sqlite" else "postgres"]
    return [
        ([arg.replace("{known_at}", known_at) for arg in found["args"]], found)
        for found in asked
    ]


def differences(then: Any, now: Any, where: str = "") -> list[str]:
    """How today's answer differs from the answer of then: every key then must be
    there now with the same value; keys added since may be extra. An answer of
    then without `last_change` called the date of the last change `since`."""
    if isinstance(then, dict) and isinstance(now, dict):
        found = []
        for key, value in then.items():
            named = key
            if key == "since" and "last_change" not in then and "last_change" in now:
                named = "last_change"
            if named not in now:
                found.append(f"{where}{key}: missing")
                continue
            found += differences(value, now[named], f"{where}{key}.")
        return found
    if isinstance(then, list) and isinstance(now, list) and len(then) == len(now):
        found = []
        for index, (old, new) in enumerate(zip(then, now, strict=True)):
            found += differences(old, new, f"{where}{index}.")
        return found
    if then != now:
        return [f"{where.rstrip('.')}: {then!r} then, {now!r} now"]
    return []
