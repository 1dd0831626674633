"""The publication axis, `--reported DATE`: answers from the facts whose sources
had been published by then, each correction, retraction and citation counted
from its own source's date, a fact without one from when it was recorded (and
the answer says how many); combined with `--known-at`. On both stores, through
the CLI, the API and the installed console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import Result
from starlette.testclient import TestClient

from tests.conftest import Run
from tests.stores import Articles, kind_of, stored_rows

SCRIPT = Path(sys.executable).parent / "missions"


def parsed(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def partners(view: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p["partner"], p["standing"]) for p in view["partners"]]


# What was public when, on the built-in record


def test_luna_27_as_reported_on_2_march_2022_is_the_article_s(
    every_pack: Run,
) -> None:
    view = parsed(every_pack("status", "luna-27", "--reported", "2022-03-02", "--json"))
    assert partners(view) == [("roscosmos", "active"), ("cnsa", "active")]
    assert [s["publication"] for s in view["sources"]] == ["SpaceNews"]
    assert view["reported"] == {"by": "2022-03-02", "counted_from_recording": 0}
    now = parsed(every_pack("status", "luna-27", "--json"))
    assert ("esa", "withdrawn") in partners(now)
    assert "reported" not in now


def test_esa_s_decision_of_13_april_is_reported_by_the_14th_on_both_missions(
    every_pack: Run,
) -> None:
    for mission in ("luna-27", "luna-25"):
        before = every_pack("status", mission, "--reported", "2022-04-12", "--json")
        after = parsed(
            every_pack("status", mission, "--reported", "2022-04-14", "--json")
        )
        assert ("esa", "withdrawn") in partners(after)
        if before.exit_code == 0:
            assert "esa" not in [p for p, _ in partners(json.loads(before.stdout))]


def test_a_mission_nothing_had_been_reported_of_is_said_so(every_pack: Run) -> None:
    refused = every_pack("status", "luna-25", "--reported", "2022-03-02")
    assert refused.exit_code == 2
    assert refused.stdout == ""
    assert refused.stderr.startswith(
        "Error: nothing about luna-25 had been reported by 2022-03-02;"
    )
    assert len(refused.stderr.splitlines()) == 1
    listed = parsed(every_pack("list", "--reported", "2022-03-02", "--json"))
    assert "luna-25" not in [view["mission"] for view in listed]
    assert "luna-25" in [v["mission"] for v in parsed(every_pack("list", "--json"))]


def test_reported_after_every_publication_answers_as_without_it(
    every_pack: Run,
) -> None:
    for command in (
        ["list", "--at", "2024-06-30"],
        ["status", "change-6", "--at", "2024-06-30"],
        ["partners", "--at", "2023-12-31"],
        ["changes", "--from", "2022-02-24", "--to", "2022-12-31"],
        ["history", "exomars"],
    ):
        plain = parsed(every_pack(*command, "--json"))
        reported = parsed(every_pack(*command, "--reported", "2026-12-31", "--json"))
        if isinstance(reported, dict):
            assert reported.pop("reported")["counted_from_recording"] == 0
        elif command[0] == "list":
            for view in reported:
                assert view.pop("reported")["by"] == "2026-12-31"
        assert reported == plain, command


def test_every_answer_takes_reported_in_text_too(every_pack: Run) -> None:
    day = ["--reported", "2022-03-02"]
    listed = every_pack("list", "--at", "2022-03-02", *day)
    assert listed.stdout.startswith("Missions on 2022-03-02, as reported by 2022-03-02")
    status = every_pack("status", "luna-27", *day)
    assert "as reported by 2022-03-02" in status.stdout.splitlines()[0]
    logged = every_pack("log", "luna-27", *day)
    assert logged.exit_code == 0
    assert "SpaceNews 2022-03-01" in logged.stdout
    assert "ESA" not in logged.stdout
    for command in (
        ["history", "exomars"],
        ["changes"],
        ["partners"],
        ["timeline", "--mission", "luna-27"],
    ):
        told = every_pack(*command, *day)
        assert told.exit_code == 0, (command, told.output)
        assert "2022-04-13" not in told.stdout, command


# Each event by its own source's date


def test_a_correction_and_a_retraction_count_from_their_own_sources(
    run: Run, store: str
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    fact = parsed(
        run(
            "record",
            "venera-d",
            "status-changed",
            "--status",
            "cancelled",
            "--on",
            "2022-05-01",
            "--source",
            "Early",
            "--source-date",
            "2022-05-02",
            "--json",
        )
    )
    corrected = run(
        "correct",
        fact["id"],
        "--status",
        "suspended",
        "--source",
        "Later",
        "--source-date",
        "2022-06-01",
    )
    assert corrected.exit_code == 0, corrected.output
    retracted = run(
        "retract",
        fact["id"],
        "--reason",
        "The report was withdrawn.",
        "--source",
        "Latest",
        "--source-date",
        "2022-07-01",
    )
    assert retracted.exit_code == 0, retracted.output

    def status_by(day: str) -> str | None:
        view = parsed(
            run("status", "venera-d", "--at", "2022-12-31", "--reported", day, "--json")
        )
        return view["status"]  # type: ignore[no-any-return]

    assert status_by("2022-05-01") == "delayed"  # the article's
    assert status_by("2022-05-02") == "cancelled"
    assert status_by("2022-06-01") == "suspended"
    assert status_by("2022-07-01") == "delayed"
    rows = stored_rows(store)
    assert status_by("2022-06-15") == "suspended"
    assert stored_rows(store) == rows  # a question writes nothing


def test_a_fact_without_a_publication_date_counts_from_its_recording(
    run: Run,
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    recorded = run(
        "record",
        "luna-27",
        "noted",
        "--on",
        "2022-03-01",
        "--source",
        "A blog",
        "--summary",
        "A blog wrote about Luna 27.",
    )
    assert recorded.exit_code == 0, recorded.output
    long_ago = parsed(run("status", "luna-27", "--reported", "2022-03-02", "--json"))
    assert long_ago["reported"]["counted_from_recording"] == 0
    assert "A blog" not in [s["publication"] for s in long_ago["sources"]]
    today = parsed(run("status", "luna-27", "--reported", "2099-01-01", "--json"))
    assert today["reported"]["counted_from_recording"] == 1
    text = run("status", "luna-27", "--reported", "2099-01-01").stdout
    assert "Undated:        1 fact cites no publication date" in text
    history = run("history", "luna-27", "--reported", "2099-01-01")
    assert history.stderr == (
        "Note: 1 fact cites no publication date: each counts from the day it was"
        " recorded.\n"
    )


def test_both_axes_together(run: Run) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    day = "2022-03-02"
    said = run("status", "exomars", "--known-at", "2000-01-01", "--reported", day)
    assert said.exit_code == 2
    assert "was not tracked yet" in said.stderr
    both = parsed(
        run(
            "status",
            "exomars",
            "--known-at",
            "2099-01-01",
            "--reported",
            "2022-03-02",
            "--json",
        )
    )
    assert both["status"] == "at_risk"


def test_a_bad_reported_date_is_one_line_and_writes_nothing(
    run: Run, store: str
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    rows = stored_rows(store)
    said = run("list", "--reported", "2022-13-01")
    assert said.exit_code == 2
    assert said.stderr == (
        "Error: '2022-13-01' is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01\n"
    )
    assert stored_rows(store) == rows


# The API, the explorer and the installed script


def test_the_api_and_the_explorer_answer_reported_as_the_cli(
    every_pack: Run, store: str, articles: Articles
) -> None:
    from adapters.web.app import create_app

    seeded = articles.every_pack(kind_of(store))
    with TestClient(create_app(seeded)) as client:
        asked = "/api/missions/luna-27?reported=2022-03-02"
        assert client.get(asked).json() == parsed(
            every_pack("status", "luna-27", "--reported", "2022-03-02", "--json")
        )
        missing = client.get("/api/missions/luna-25?reported=2022-03-02")
        assert missing.status_code == 404
        assert "had been reported by 2022-03-02" in missing.json()["error"]
        listed = client.get("/api/missions?reported=2022-03-02&at=2022-03-02").json()
        assert listed == parsed(
            every_pack(
                "list", "--at", "2022-03-02", "--reported", "2022-03-02", "--json"
            )
        )
        page = client.get("/?at=2022-03-02&reported=2022-03-02").text
        assert "Missions on 2022-03-02, as reported by 2022-03-02" in page
        assert "luna-25" not in page.split("<figure")[0]


def test_the_installed_script_answers_reported(store: str, articles: Articles) -> None:
    seeded = articles.every_pack(kind_of(store))
    said = subprocess.run(
        [
            str(SCRIPT),
            "--store",
            seeded,
            "status",
            "luna-27",
            "--reported",
            "2022-03-02",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert said.returncode == 0, said.stderr
    assert "cnsa" in said.stdout
    assert "esa " not in said.stdout
