"""The `missions` command line recording facts, run in-process on real stores
(SQLite files and PostgreSQL schemas): record, register, and the stores
themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.answers import (
    EVENT_KEYS,
    FACTS,
    SEEDED,
    events_in,
    facts_of,
    parsed,
    partner,
    partners_of,
    succeeded,
)
from tests.article import ARTICLE, ESA, MISSIONS
from tests.conftest import NewStore, Run
from tests.stores import exists

# record


RECORDS: list[tuple[str, str, list[str], dict[str, Any], str, dict[str, Any]]] = [
    (
        "exomars",
        "status-changed",
        ["--status", "suspended"],
        {"status": "suspended", "by_party": None},
        "The status changed to suspended.",
        {
            "status": "suspended",
            "since": "2022-03-17",
            "by_party": None,
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "status-changed",
        ["--status", "suspended", "--by-party", "ESA"],
        {"status": "suspended", "by_party": "esa"},
        "The status changed to suspended.",
        {
            "status": "suspended",
            "since": "2022-03-17",
            "by_party": "esa",
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "partner-joined",
        ["--partner", "nasa", "--role", "contributor"],
        {"partner": "nasa", "role": "contributor", "standing": "active"},
        "nasa joined as contributor (active).",
        {
            "partners": [
                partner("esa", "lead", "active"),
                partner("roscosmos", "partner", "active"),
                partner("nasa", "contributor", "active"),
            ],
            # A new partner is the last change; the status began before it.
            "since": "2022-02-28",
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "partner-withdrawn",
        ["--partner", "roscosmos"],
        {"partner": "roscosmos", "by_party": None},
        "roscosmos withdrew.",
        {
            "partners": [
                partner("esa", "lead", "active"),
                partner("roscosmos", "partner", "withdrawn"),
            ],
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "partner-withdrawn",
        ["--partner", "roscosmos", "--by-party", "esa"],
        {"partner": "roscosmos", "by_party": "esa"},
        "roscosmos withdrew.",
        {
            "partners": [
                partner("esa", "lead", "active"),
                partner("roscosmos", "partner", "withdrawn", "esa"),
            ],
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "partner-replaced",
        ["--partner", "roscosmos", "--by", "nasa"],
        {"partner": "roscosmos", "by": "nasa", "role": "partner", "standing": "active"},
        "nasa took the place of roscosmos.",
        {
            "partners": [
                partner("esa", "lead", "active"),
                partner("roscosmos", "partner", "withdrawn"),
                partner("nasa", "partner", "active"),
            ],
            "last_change": "2022-03-17",
        },
    ),
    (
        "iss",
        "partner-standing-changed",
        ["--partner", "roscosmos", "--standing", "suspended"],
        {"partner": "roscosmos", "standing": "suspended", "by_party": None},
        "roscosmos's standing changed to suspended.",
        {
            "partners": [partner("roscosmos", "partner", "suspended")],
            "status": "operating",
            "since": "../2022-02-24",
            "last_change": "2022-03-17",
        },
    ),
    (
        "iss",
        "partner-standing-changed",
        ["--partner", "roscosmos", "--standing", "suspended", "--by-party", "nasa"],
        {"partner": "roscosmos", "standing": "suspended", "by_party": "nasa"},
        "roscosmos's standing changed to suspended.",
        {
            "partners": [partner("roscosmos", "partner", "suspended", "nasa")],
            # Who set a partner's standing says nothing of who set the status.
            "status": "operating",
            "by_party": None,
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "partner-role-changed",
        ["--partner", "roscosmos", "--role", "contributor"],
        {"partner": "roscosmos", "role": "contributor"},
        "roscosmos's role changed to contributor.",
        {
            "partners": [
                partner("esa", "lead", "active"),
                partner("roscosmos", "contributor", "active"),
            ],
            "since": "2022-02-28",
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "launch-target-changed",
        ["--target", "2028"],
        {"target": "2028", "vehicle": None},
        "The launch target moved to 2028.",
        {
            "target_launch": "2028",
            "status": "at_risk",
            "since": "2022-02-28",
            "last_change": "2022-03-17",
        },
    ),
    (
        "iss",
        "milestone",
        ["--milestone", "docking", "--detail", "Soyuz MS-21 docked"],
        {"milestone": "docking", "detail": "Soyuz MS-21 docked"},
        "The mission reached its docking.",
        {
            "milestones": [
                {
                    "milestone": "docking",
                    "on": "2022-03-17",
                    "detail": "Soyuz MS-21 docked",
                }
            ],
            "status": "operating",
            "since": "../2022-02-24",
            "last_change": "2022-03-17",
        },
    ),
    (
        "exomars",
        "contribution-added",
        ["--partner", "roscosmos", "--contribution", "the Kazachok lander"],
        {"partner": "roscosmos", "contribution": "the Kazachok lander"},
        "roscosmos supplies the Kazachok lander.",
        {
            "partners": [
                partner("esa", "lead", "active"),
                partner(
                    "roscosmos", "partner", "active", None, ("the Kazachok lander",)
                ),
            ],
            "last_change": "2022-03-17",
        },
    ),
    (
        "change-6",
        "programme-joined",
        ["--programme", "ilrs"],
        {"programme": "ilrs"},
        "The mission joined the programme ilrs.",
        {
            "programmes": ["ilrs"],
            "status": "planned",
            "since": "../2022-03-01",
            "last_change": "2022-03-17",
        },
    ),
    (
        "iss",
        "noted",
        ["--summary", "Roscosmos said it would keep working on the station."],
        {},
        "Roscosmos said it would keep working on the station.",
        {
            "status": "operating",
            "since": "../2022-02-24",
            # A note changes nothing: the last change is still the seed's.
            "last_change": "../2022-02-24",
            "facts": 5,
        },
    ),
]

#: The fields of its own that a recorded fact shows, as `record --json` prints it.
OWN = {"status", "partner", "by", "role", "standing", "target", "vehicle"}
OWN |= {"by_party", "milestone", "detail", "contribution", "programme"}


def record_id(options: list[str]) -> str:
    """What tells a recording apart from others of its kind: its options' names."""
    return " ".join(option for option in options if option.startswith("--"))


@pytest.mark.parametrize(
    ("mission", "kind", "options", "fields", "summary", "then"),
    RECORDS,
    ids=[f"{kind} {record_id(options)}" for _, kind, options, *_ in RECORDS],
)
def test_record_adds_a_fact_of_each_kind_and_prints_it_as_json(
    run: Run,
    seeded_store: str,
    mission: str,
    kind: str,
    options: list[str],
    fields: dict[str, Any],
    summary: str,
    then: dict[str, Any],
) -> None:
    version = len(facts_of(mission)) + 1
    view = parsed(
        run(
            "record",
            *(mission, kind, "--on", "2022-03-17", "--source", "ESA", "--json"),
            *options,
        )
    )
    assert {k: v for k, v in view.items() if k in OWN} == fields
    assert view["effective"] is None
    assert set(view) >= EVENT_KEYS
    assert view["mission"] == mission
    assert view["kind"] == kind
    assert view["version"] == version
    assert view["occurred"] == "2022-03-17"
    assert (view["earliest"], view["latest"]) == ("2022-03-17", "2022-03-17")
    assert view["summary"] == summary
    assert view["source"] == ESA
    assert view["quote"] is None
    assert parsed(run("log", mission, "--json"))[-1] == {
        **view,
        "corrected_by": [],
        "retracted_by": None,
        "sources": [ESA],
    }
    assert "corrected_by" not in view
    assert "retracted_by" not in view
    status = parsed(run("status", mission, "--at", "2022-03-17", "--json"))
    changed = {k: partners_of(status) if k == "partners" else status[k] for k in then}
    assert changed == then
    # The sources are those of the facts the state rests on: a note changes nothing.
    assert (ESA in status["sources"]) == (kind != "noted")
    earlier = parsed(run("status", mission, "--at", "2022-03-16", "--json"))
    assert ESA not in earlier["sources"]


def test_record_says_what_it_recorded(run: Run, seeded_store: str) -> None:
    output = succeeded(
        run(
            "record",
            "ExoMars 2022",
            "status-changed",
            "--status",
            "SUSPENDED",
            "--on",
            "2022-03-17",
            "--source",
            "ESA",
        )
    )
    event = parsed(run("log", "exomars", "--json"))[-1]
    assert event["status"] == "suspended"
    assert output == (
        f"Recorded status-changed for exomars on 2022-03-17 as event"
        f" {event['id'][:8]} (version 7).\n"
    )


def test_record_keeps_the_whole_source_the_summary_and_the_quote(
    run: Run, seeded_store: str
) -> None:
    source = {
        "publication": "ESA",
        "title": "ExoMars suspended",
        "author": "ESA press office",
        "published": "2022-03-17",
        "url": "https://www.esa.int/Newsroom/Press_Releases/ExoMars_suspended",
    }
    view = parsed(
        run(
            "record",
            "exomars",
            "status-changed",
            "--status",
            "suspended",
            "--on",
            "2022-03-17",
            "--source",
            source["publication"],
            "--source-title",
            source["title"],
            "--source-author",
            source["author"],
            "--source-date",
            source["published"],
            "--source-url",
            source["url"],
            "--summary",
            "ESA suspended its cooperation with Roscosmos on ExoMars.",
            "--quote",
            "we deeply deplore the human casualties",
            "--json",
        )
    )
    assert view["source"] == source
    assert view["summary"] == "ESA suspended its cooperation with Roscosmos on ExoMars."
    assert view["quote"] == "we deeply deplore the human casualties"
    status = parsed(run("status", "exomars", "--at", "2022-03-17", "--json"))
    assert status["sources"] == [ARTICLE, source]
    text = succeeded(run("status", "exomars", "--at", "2022-03-17"))
    assert text.endswith(
        '    ESA, "ExoMars suspended", ESA press office, 2022-03-17\n'
        f"      {source['url']}\n"
    )


def test_record_takes_an_uncertain_date_and_counts_it_once_surely_past(
    run: Run, seeded_store: str
) -> None:
    view = parsed(
        run(
            "record",
            "exomars",
            "launch-target-changed",
            "--target",
            "2028",
            "--on",
            "2022-11",
            "--source",
            "ESA",
            "--json",
        )
    )
    assert (view["occurred"], view["earliest"], view["latest"]) == (
        "2022-11",
        "2022-11-01",
        "2022-11-30",
    )
    during = parsed(run("status", "exomars", "--at", "2022-11-15", "--json"))
    after = parsed(run("status", "exomars", "--at", "2022-11-30", "--json"))
    assert during["target_launch"] == "2022-09"
    assert after["target_launch"] == "2028"


def test_a_partner_can_join_with_a_standing_typed_in_any_case(
    run: Run, seeded_store: str
) -> None:
    view = parsed(
        run(
            "record",
            "luna-27",
            "partner-joined",
            "--partner",
            "ESA",
            "--role",
            "Contributor",
            "--standing",
            "PROSPECTIVE",
            "--on",
            "2022-03-17",
            "--source",
            "ESA",
            "--json",
        )
    )
    assert (view["partner"], view["role"], view["standing"]) == (
        "esa",
        "contributor",
        "prospective",
    )
    assert view["summary"] == "esa joined as contributor (prospective)."


# register


def nasa_reports(run: Run, mission: str, kind: str, on: str, *options: str) -> str:
    """Record a fact reported by NASA; what the command printed."""
    return succeeded(
        run("record", mission, kind, *options, "--on", on, "--source", "NASA")
    )


def test_register_a_new_mission_then_record_and_ask_about_it(
    run: Run, seeded_store: str
) -> None:
    assert succeeded(
        run(
            *("register", "mars-sample-return", "--name", "Mars Sample Return"),
            *("--alias", "MSR", "--alias", "Mars Sample Return Campaign"),
            *("--on", "2020-09", "--source", "NASA"),
        )
    ) == ("Registered Mars Sample Return as mars-sample-return.\n")
    nasa_reports(
        run, "msr", "partner-joined", "2020-09", "--partner", "nasa", "--role", "lead"
    )
    nasa_reports(run, "MSR", "status-changed", "2020-10-01", "--status", "planned")
    view = parsed(
        run("status", "mars sample return campaign", "--at", "2021-01-01", "--json")
    )
    assert view["mission"] == "mars-sample-return"
    assert view["name"] == "Mars Sample Return"
    assert (view["status"], view["since"]) == ("planned", "2020-10-01")
    assert view["last_change"] == "2020-10-01"
    assert partners_of(view) == [partner("nasa", "lead", "active")]
    missions = parsed(run("list", "--at", "2021-01-01", "--json"))
    assert [m["mission"] for m in missions] == [*MISSIONS, "mars-sample-return"]
    events = parsed(run("log", "mars-sample-return", "--json"))
    assert [e["kind"] for e in events] == [
        "registered",
        "partner-joined",
        "status-changed",
    ]
    assert events[0]["aliases"] == ["MSR", "Mars Sample Return Campaign"]
    assert events[0]["summary"] == (
        "Mars Sample Return is tracked as mars-sample-return."
    )
    assert events[0]["occurred"] == "2020-09"


# stores


def test_missions_store_in_the_environment_chooses_the_store(store: str) -> None:
    runner = CliRunner(env={"MISSIONS_STORE": store})
    assert succeeded(runner.invoke(cli, ["seed", "--only", "article"])).startswith(
        f"Recorded {FACTS}"
    )
    assert events_in(store) == SEEDED
    views = parsed(runner.invoke(cli, ["list", "--at", "2022-03-01", "--json"]))
    assert [v["mission"] for v in views] == MISSIONS


def test_the_store_option_wins_over_the_environment(
    store: str, other_store: NewStore
) -> None:
    from_option = other_store()
    runner = CliRunner(env={"MISSIONS_STORE": store})
    succeeded(runner.invoke(cli, ["--store", from_option, "seed", "--only", "article"]))
    assert not exists(store)
    assert events_in(from_option) == SEEDED


def test_a_sqlite_url_names_a_file(tmp_path: Path) -> None:
    path = tmp_path / "in" / "a" / "folder.db"
    runner = CliRunner()
    succeeded(
        runner.invoke(
            cli, ["--store", f"sqlite:///{path}", "seed", "--only", "article"]
        )
    )
    assert events_in(str(path)) == SEEDED


def test_a_memory_store_works_and_is_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert succeeded(
        runner.invoke(cli, ["--store", "memory:", "seed", "--only", "article"])
    ) == (f"Recorded {FACTS} of {FACTS} facts from the article.\n")
    assert parsed(runner.invoke(cli, ["--store", "memory:", "list", "--json"])) == []
    assert list(tmp_path.iterdir()) == []


def test_the_default_store_is_in_the_users_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MISSIONS_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    runner = CliRunner()
    assert succeeded(runner.invoke(cli, ["seed", "--only", "article"])).startswith(
        f"Recorded {FACTS}"
    )
    default = tmp_path / "data" / "missions" / "missions.db"
    assert default.is_file()
    assert events_in(str(default)) == SEEDED
    assert succeeded(runner.invoke(cli, ["seed", "--only", "article"])).startswith(
        "Nothing to add"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_relative_file_path_starting_with_memory_is_a_file_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["--store", "memory.db", "seed", "--only", "article"]
    )
    assert succeeded(result).startswith(f"Recorded {FACTS}")
    assert events_in(str(tmp_path / "memory.db")) == SEEDED
