"""Makes a compatibility fixture: what an earlier version of the tracker wrote,
and what it answered (tests/data/compat/NAME/, listed in versions.json).

    .venv/bin/python -m tests.make_compat_fixture COMMIT NAME "what is new in it"
    .venv/bin/python -m tests.make_compat_fixture --forms   # each fixture's form again

The version runs from a temporary git worktree at COMMIT, with this project's
virtual environment and that tree first on the path. On a SQLite file and on a
PostgreSQL schema of the local server (MISSIONS_TEST_POSTGRES_URL), it seeds
the built-in facts, corrects ExoMars's launch target, retracts Venera-D's last
partner, and is asked the questions of `QUESTIONS`. Written:

- `export.ndjson`: the SQLite store's export;
- `answers.json`: each question and the version's answer, on each store (a
  question asked --known-at the time between the seed and the correction);
- `store.db.gz`: the SQLite file as the version left it;
- `store.pg.sql.gz`: the PostgreSQL schema as the version left it (pg_dump of
  schema `compat_fixture`, without owners or privileges);
- in versions.json: the commit, its date, what is new in it and its form's
  signature (tests/forms.py).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.compat import COMPAT, VERSIONS_FILE
from tests.stores import server_url

ROOT = Path(__file__).resolve().parent.parent
#: The schema a fixture's PostgreSQL store is made in, and dumped from.
SCHEMA = "compat_fixture"
#: The days and missions every version is asked about.
DAYS = ("2022-02-23", "2022-02-27", "2022-03-01", "2022-03-20", "2024-07-01")
MISSIONS = ("exomars", "venera-d", "luna-27", "ilrs")
#: The questions: {known_at} stands for the time between seed and correction.
QUESTIONS: tuple[tuple[str, ...], ...] = (
    *(("list", "--at", day, "--json") for day in DAYS),
    *(
        ("status", mission, "--at", day, "--json")
        for mission in MISSIONS
        for day in DAYS[1:]
    ),
    ("status", "exomars", "--at", "2022-03-01", "--known-at", "{known_at}", "--json"),
)
CORRECTION = (
    "--target",
    "2022-09-20",
    "--reason",
    "The launch was set for 20 September 2022 (compatibility fixture).",
)
RETRACTION = ("--reason", "Retracted to test compatibility.", "--source", "Fixture")


#: Run first in an earlier version's process: this project's editable install
#: finds its modules by name, and would lend the old tree a module it lacks.
ALONE = (
    "import sys; sys.meta_path[:] = [f for f in sys.meta_path"
    " if not getattr(f, '__module__', '').startswith('__editable__')]"
)


class Version:
    """An earlier version of the tracker, run from its own tree."""

    def __init__(self, tree: Path) -> None:
        self.tree = tree
        self.env = {
            **os.environ,
            "PYTHONPATH": str(tree),
            "PYTHONDONTWRITEBYTECODE": "1",
            "COLUMNS": "200",
        }

    def run(self, store: str, *args: str) -> subprocess.CompletedProcess[str]:
        """`missions --store STORE ARGS` as this version answers it."""
        command = [sys.executable, "-c", f"{ALONE}; from cli.main import main; main()"]
        return subprocess.run(
            [*command, "--store", store, *args],
            cwd=self.tree,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def must(self, store: str, *args: str) -> str:
        done = self.run(store, *args)
        if done.returncode:
            raise SystemExit(f"{' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def form(self) -> dict[str, Any]:
        """The version's form (tests/forms.py, run in its tree)."""
        script = (
            f"{ALONE}; import runpy; runpy.run_path(sys.argv[1], run_name='__main__')"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(ROOT / "tests" / "forms.py")],
            cwd=self.tree,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        found: dict[str, Any] = json.loads(done.stdout)
        return found


def events_of(version: Version, store: str, mission: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(
        version.must(store, "log", mission, "--json")
    )
    return found


def kind_of(event: dict[str, Any]) -> str:
    return str(event.get("kind") or event.get("type"))


def write_story(version: Version, store: str) -> str:
    """Seed, correct and retract; the time between the seed and the correction."""
    version.must(store, "seed")
    time.sleep(1.1)
    known_at = datetime.now(UTC).isoformat(timespec="seconds")
    time.sleep(1.1)
    target = next(
        e
        for e in events_of(version, store, "exomars")
        if kind_of(e) in ("launch-target-changed", "LaunchTargetChanged")
    )
    version.must(store, "correct", str(target["id"]), *CORRECTION)
    joined = [
        e
        for e in events_of(version, store, "venera-d")
        if kind_of(e) in ("partner-joined", "PartnerJoined")
    ]
    version.must(store, "retract", str(joined[-1]["id"]), *RETRACTION)
    return known_at


def answers(version: Version, store: str, known_at: str) -> list[dict[str, Any]]:
    found = []
    for question in QUESTIONS:
        args = [arg.replace("{known_at}", known_at) for arg in question]
        done = version.run(store, *args)
        answer = json.loads(done.stdout) if done.returncode == 0 else None
        found.append({"args": list(question), "exit": done.returncode, "json": answer})
    return found


def answers_text(record: dict[str, Any]) -> str:
    """The answers as JSON, a question and its answer to a line."""
    lines = [f'{{"known_at": {json.dumps(record["known_at"])}']
    for key in ("questions", "postgres"):
        asked = ",\n".join(f"  {json.dumps(found)}" for found in record[key])
        lines.append(f' "{key}": [\n{asked}\n ]')
    return ",\n".join(lines) + "}\n"


def postgres(version: Version) -> tuple[str, list[dict[str, Any]], bytes]:
    """The story on a PostgreSQL schema: its known-at time, the answers, and the
    schema's dump."""
    server = server_url()
    drop = ["psql", "-q", "-d", server, "-c", f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"]
    subprocess.run(drop, check=True)
    store = f"{server}?schema={SCHEMA}"
    try:
        known_at = write_story(version, store)
        found = answers(version, store, known_at)
        dump = subprocess.run(
            ["pg_dump", "-d", server, "-n", SCHEMA, "--no-owner", "--no-privileges"],
            capture_output=True,
            check=True,
        ).stdout
    finally:
        subprocess.run(drop, check=False)
    return known_at, found, dump


def make(commit: str, name: str, what: str) -> None:
    folder = COMPAT / name
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch, "tree")
        git = ["git", "-C", str(ROOT)]
        subprocess.run(
            [*git, "worktree", "add", "--detach", str(tree), commit],
            check=True,
            capture_output=True,
        )
        try:
            version = Version(tree)
            file = str(Path(scratch, "missions.db"))
            known_at = write_story(version, file)
            (folder / "export.ndjson").write_text(version.must(file, "export"))
            sqlite_answers = answers(version, file, known_at)
            pg_known_at, pg_answers, dump = postgres(version)
            if Path(f"{file}-wal").exists():
                raise SystemExit("the SQLite file was left with a write-ahead log")
            (folder / "store.db.gz").write_bytes(
                gzip.compress(Path(file).read_bytes(), mtime=0)
            )
            (folder / "store.pg.sql.gz").write_bytes(gzip.compress(dump, mtime=0))
            record = {
                "known_at": {"sqlite": known_at, "postgres": pg_known_at},
                "questions": sqlite_answers,
                "postgres": pg_answers,
            }
            (folder / "answers.json").write_text(answers_text(record))
            found = version.form()
            dated = subprocess.run(
                [*git, "show", "-s", "--format=%cI", commit],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            full = subprocess.run(
                [*git, "rev-parse", commit], capture_output=True, text=True, check=True
            ).stdout.strip()
        finally:
            subprocess.run(
                [*git, "worktree", "remove", "--force", str(tree)], check=False
            )
    from tests.forms import signature

    listed = json.loads(VERSIONS_FILE.read_text()) if VERSIONS_FILE.exists() else []
    listed = [entry for entry in listed if entry["name"] != name]
    listed.append(
        {
            "name": name,
            "commit": full,
            "date": dated,
            "new": what,
            "seal": found["seal"],
            "read_model": found["read_model"],
            "form": signature(found),
        }
    )
    listed.sort(key=lambda entry: entry["date"])
    VERSIONS_FILE.write_text(json.dumps(listed, indent=1) + "\n")


def forms_again() -> None:
    """Each fixture's form worked out again from its commit (after the form's
    definition, tests/forms.py, changed)."""
    from tests.forms import signature

    listed = json.loads(VERSIONS_FILE.read_text())
    for entry in listed:
        with tempfile.TemporaryDirectory() as scratch:
            tree = Path(scratch, "tree")
            git = ["git", "-C", str(ROOT)]
            subprocess.run(
                [*git, "worktree", "add", "--detach", str(tree), entry["commit"]],
                check=True,
                capture_output=True,
            )
            try:
                found = Version(tree).form()
            finally:
                subprocess.run(
                    [*git, "worktree", "remove", "--force", str(tree)], check=False
                )
        entry.update(
            seal=found["seal"], read_model=found["read_model"], form=signature(found)
        )
    VERSIONS_FILE.write_text(json.dumps(listed, indent=1) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--forms"]:
        forms_again()
        raise SystemExit
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    if shutil.which("pg_dump") is None:
        raise SystemExit("pg_dump is needed to dump the PostgreSQL store")
    make(*sys.argv[1:])
