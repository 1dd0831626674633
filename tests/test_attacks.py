"""The attacks of tests/bad_inputs/attacks.json (issue 29), made as a user makes
them: the installed console script, in a process of its own, on a copy of the
seeded store of each kind. Each is refused with one line on stderr and its exit
code, nothing on stdout, and leaves the store's rows and the files it names as
they were."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input_corpus import CORPUS, IMPORT_CASES, ImportFile, line_count, short
from tests.stores import server_url, stored_rows

SCRIPT = Path(sys.executable).parent / "missions"
ATTACKS: list[dict[str, Any]] = json.loads(
    (CORPUS / "attacks.json").read_text(encoding="utf-8")
)["cases"]
#: The attacks on a store of either kind, and those on what only one kind holds.
ON_A_STORE = [case for case in ATTACKS if "only" not in case]
ON_ONE_KIND = [case for case in ATTACKS if "only" in case]
IMPORTS = {case["name"]: case for case in IMPORT_CASES}


def missions(store: str, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """`missions --store STORE ARGS...` (a `--store` among ARGS comes after, and
    is the one that counts), as a process of its own."""
    return subprocess.run(
        [str(SCRIPT), "--store", store, *args],
        capture_output=True,
        timeout=120,
        check=False,
    )


def argument(value: Any, files: Path, store: str) -> str | bytes:
    """An argument of a case, its placeholder filled in (see attacks.json)."""
    if isinstance(value, dict):
        return bytes.fromhex(value["hex"])
    if not (value.startswith("{") and value.endswith("}")):
        return str(value)
    name = value[1:-1]
    if name.startswith("corpus:"):
        return str(CORPUS / name.removeprefix("corpus:"))
    if name.startswith("postgres:"):
        return f"{server_url()}?schema={name.removeprefix('postgres:')}"
    if name == "device":
        device = files / "null"
        try:
            os.mknod(device, 0o600 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
        except PermissionError:
            pytest.skip("making a device node needs root")
        return str(device)
    return str(files / name)


def made(case: dict[str, Any], folder: Path, store: str) -> list[str | bytes]:
    """The case's files written into `folder`; its arguments."""
    for name, text in case.get("files", {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    if "import_case" in case:
        export = missions(store, "export")
        assert export.returncode == 0, export.stderr
        built = ImportFile(export.stdout, case["import_case"])
        for step in IMPORTS[case["import_case"]]["build"]:
            built.apply(step)
        path = folder / "import.ndjson"
        path.write_bytes(built.content())
        return ["import", str(path)]
    return [argument(value, folder, store) for value in case["args"]]


def expected(case: dict[str, Any], folder: Path) -> tuple[int, str | None, str]:
    """The exit code, the whole message (if the case gives it) and a part of it."""
    if "import_case" not in case:
        return case["exit"], case.get("error"), case.get("error_contains", "")
    imported = IMPORTS[case["import_case"]]
    line = imported["line"]
    if line == "last":
        line = line_count(folder / "import.ndjson")
    return 2, None, f"line {line}: "


def files_of(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Each file of `folder`: its kind, and what it holds if it is a file."""
    found = {}
    for path in folder.iterdir():
        kind = stat.S_IFMT(path.lstat().st_mode)
        found[path.name] = (kind, path.read_bytes() if path.is_file() else b"")
    return found


@pytest.mark.parametrize("case", ON_A_STORE, ids=[c["name"] for c in ON_A_STORE])
def test_an_attack_is_refused_in_one_line_and_changes_nothing(
    seeded_store: str, tmp_path: Path, case: dict[str, Any]
) -> None:
    folder = tmp_path / "given"
    folder.mkdir()
    args = made(case, folder, seeded_store)
    for step in case.get("before", []):
        done = missions(
            seeded_store, *(argument(a, folder, seeded_store) for a in step)
        )
        assert done.returncode == 0, done.stderr
    rows, files = stored_rows(seeded_store), files_of(folder)

    refused(missions(seeded_store, *args), *expected(case, folder))

    assert stored_rows(seeded_store) == rows
    assert files_of(folder) == files


@pytest.mark.parametrize("case", ON_ONE_KIND, ids=[c["name"] for c in ON_ONE_KIND])
def test_an_attack_on_one_kind_of_store_is_refused_and_makes_nothing(
    tmp_path: Path, case: dict[str, Any]
) -> None:
    """A store only PostgreSQL or only a file system has: the case names it."""
    folder = tmp_path / "given"
    folder.mkdir()
    args = [argument(value, folder, "") for value in case["args"]]
    files = files_of(folder)

    done = subprocess.run(
        [str(SCRIPT), *args], capture_output=True, timeout=120, check=False
    )

    refused(done, *expected(case, folder))
    assert files_of(folder) == files


def refused(
    done: subprocess.CompletedProcess[bytes], code: int, whole: str | None, part: str
) -> None:
    """Assert that a command was refused with one line, as expected."""
    err = done.stderr.decode("utf-8", errors="backslashreplace")
    assert done.returncode == code, short(err)
    assert done.stdout == b"", short(done.stdout.decode(errors="replace"))
    assert err.startswith("Error: "), short(err)
    assert err.endswith("\n"), short(err)
    assert err.count("\n") == 1, short(err)
    message = err.removeprefix("Error: ").removesuffix("\n")
    if whole is not None:
        assert message == whole
    assert part in message, short(message)


def test_every_attack_of_the_issue_is_a_case() -> None:
    """The corpus keeps a case for each kind of attack the issue names."""
    attacks = " ".join(case["attack"] for case in ATTACKS)
    for said in (
        "NUL",
        "future",
        "backwards",
        "named like",
        "takes over",
        "redefines",
        "nested",
        "javascript:",
        "data:",
        "9999",
        "information_schema",
        "device",
        "export --out",
        "timeline --out",
        "Extra keys",
    ):
        assert said in attacks, said
