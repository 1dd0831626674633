"""A store and an export written before partners were data (by the tracker as it
was then: the article seeded, and ESA's suspension of Roscosmos on ExoMars on
17 March 2022) still load, verify and answer as they did; the read model of the
earlier form is built again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import Run

FIXTURES = Path(__file__).parent / "fixtures"
#: `missions list --at 2022-03-20 --json` as the tracker of then answered.
BEFORE: list[dict[str, Any]] = json.loads(
    (FIXTURES / "list-before-partners.json").read_text()
)


def answered(view: dict[str, Any]) -> dict[str, Any]:
    """What an answer of then said, in the keys of now (`since` then was the date
    of the last change: `last_change` now)."""
    return {
        "mission": view["mission"],
        "status": view["status"],
        "last_change": view.get("last_change", view["since"]),
        "target_launch": view["target_launch"],
        "partners": [
            {k: p[k] for k in ("partner", "name", "role", "standing")}
            for p in view["partners"]
        ],
        "facts": view["facts"],
        "uncertain": view["uncertain"],
        "sources": view["sources"],
    }


def missions(store: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--store", store, *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def old_store(tmp_path: Path) -> str:
    """A copy of the store the tracker of then wrote."""
    path = tmp_path / "missions.db"
    shutil.copyfile(FIXTURES / "store-before-partners.db", path)
    return str(path)


def test_an_old_store_answers_as_it_did(old_store: str) -> None:
    now = json.loads(missions(old_store, "list", "--at", "2022-03-20", "--json").stdout)
    assert [answered(v) for v in now] == [answered(v) for v in BEFORE]
    exomars = next(v for v in now if v["mission"] == "exomars")
    assert exomars["since"] == "2022-02-28"  # when at_risk began, not the last change


def test_an_old_store_verifies_and_knows_the_built_in_partners(old_store: str) -> None:
    verified = missions(old_store, "verify")
    assert verified.stdout.startswith("Verified 40 events of 8 missions and 0 partners")
    listed = json.loads(missions(old_store, "partner", "list", "--json").stdout)
    assert len(listed) == 18
    assert {"partner": "nasa", "kind": "agency", "country": "US"}.items() <= next(
        p for p in listed if p["partner"] == "nasa"
    ).items()


def test_an_old_store_takes_new_facts_and_partners(old_store: str) -> None:
    missions(
        old_store,
        *("partner", "add", "suparco", "--name", "SUPARCO", "--kind", "agency"),
        *("--country", "PK", "--source", "Xinhua"),
    )
    missions(
        old_store,
        *("record", "exomars", "partner-withdrawn", "--partner", "roscosmos"),
        *("--by-party", "esa", "--on", "2022-07-12", "--source", "ESA"),
    )
    status = json.loads(
        missions(old_store, "status", "exomars", "--at", "2022-08-01", "--json").stdout
    )
    roscosmos = next(p for p in status["partners"] if p["partner"] == "roscosmos")
    assert (roscosmos["standing"], roscosmos["by_party"]) == ("withdrawn", "esa")
    assert missions(old_store, "verify").stdout.startswith(
        "Verified 42 events of 8 missions and 1 partner"
    )


def test_an_old_export_imports_and_answers_as_it_did(store: str, run: Run) -> None:
    imported = run("import", str(FIXTURES / "export-before-partners.ndjson"))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == "Imported 40 of 40 events.\n"
    now = json.loads(run("list", "--at", "2022-03-20", "--json").stdout)
    assert [answered(v) for v in now] == [answered(v) for v in BEFORE]
