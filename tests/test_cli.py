"""The `missions` command line, run in-process on real stores: SQLite files and
PostgreSQL schemas."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
import pytest
from click.testing import CliRunner, Result

from adapters.eventstore.seed import seed_lines
from cli.main import cli
from tests.article import ARTICLE, ESA, MISSIONS
from tests.conftest import NewStore, Run
from tests.stores import exists, stored_rows, tables

FACTS = len(seed_lines())
STATUS_KEYS = {"mission", "name", "at", "status", "partners", "target_launch"}
STATUS_KEYS |= {"since", "sources"}
EVENT_KEYS = {"id", "mission", "version", "type", "occurred", "recorded_at"}
EVENT_KEYS |= {"summary", "source"}


def seed_id(key: str) -> UUID:
    """The id the seed gives the fact with this key."""
    return uuid5(uuid5(NAMESPACE_URL, "missions:seed"), key)


def facts_of(mission: str) -> list[dict[str, Any]]:
    """The seed lines about one mission, in the order they are recorded."""
    return [line for line in seed_lines() if line["mission"] == mission]


def partner(name: str, role: str, standing: str) -> dict[str, str]:
    """A partner as `status --json` shows it, without its display name."""
    return {"partner": name, "role": role, "standing": standing}


def partners_of(view: dict[str, Any]) -> list[dict[str, str]]:
    """The partners of a status view, without their display names."""
    return [partner(p["partner"], p["role"], p["standing"]) for p in view["partners"]]


def succeeded(result: Result) -> str:
    """The output of a command that must have succeeded, quietly on stderr."""
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def parsed(result: Result) -> Any:
    """The JSON a command that must have succeeded printed."""
    return orjson.loads(succeeded(result))


def events_in(store: str) -> int:
    """How many events the store holds."""
    events, _ = tables(store)
    return sum(1 for row in stored_rows(store) if row[0] == events)


def today_utc() -> date:
    """Today's date in UTC, which is what `--at` defaults to."""
    return datetime.now(tz=UTC).date()


# seed


def test_seed_records_the_article_and_seeding_again_adds_nothing(
    run: Run, store: str
) -> None:
    assert succeeded(run("seed")) == (
        f"Recorded {FACTS} of {FACTS} facts from the article.\n"
    )
    before = stored_rows(store)
    assert succeeded(run("seed")) == (
        f"Nothing to add: all {FACTS} facts from the article are already recorded.\n"
    )
    assert stored_rows(store) == before


# list


def test_list_shows_a_table_of_every_mission_on_a_date(query: Run) -> None:
    assert succeeded(query("list", "--at", "2022-02-25")) == (
        "Missions on 2022-02-25\n"
        "MISSION       STATUS     LAST CHANGE    LAUNCH TARGET  PARTNERS\n"
        "exomars       planned    ../2022-02-24  2022-09        esa, roscosmos\n"
        "venera-d      delayed    ../2022-02-24                 roscosmos,"
        " nasa (prospective)\n"
        "luna-27       -\n"
        "change-6      -\n"
        "change-7      -\n"
        "ilrs          proposed   2021-06        2030/2033      cnsa, roscosmos\n"
        "soyuz-kourou  operating  ../2022-02-24                 esa, roscosmos\n"
        "iss           operating  ../2022-02-24                 roscosmos\n"
    )


def test_list_shows_withdrawn_and_suspended_partners_after_the_invasion(
    query: Run,
) -> None:
    lines = succeeded(query("list", "--at", "2022-03-01")).splitlines()
    assert lines[0] == "Missions on 2022-03-01"
    rows = {line.split()[0]: line for line in lines[2:]}
    assert list(rows) == MISSIONS
    assert rows["venera-d"].endswith("roscosmos, nasa (withdrawn), cnsa (prospective)")
    assert rows["soyuz-kourou"].split()[1] == "suspended"
    assert rows["soyuz-kourou"].endswith("esa, roscosmos (suspended)")
    assert rows["exomars"].split()[1:3] == ["at_risk", "2022-02-28"]


@pytest.mark.parametrize(
    ("day", "statuses"),
    [
        (
            "2022-02-25",
            [
                *("planned", "delayed", None, None, None),
                *("proposed", "operating", "operating"),
            ],
        ),
        (
            "2022-03-01",
            [
                *("at_risk", "delayed", "planned", "planned", "planned"),
                *("proposed", "suspended", "operating"),
            ],
        ),
        ("2021-01-01", [None] * 8),
    ],
)
def test_list_json_is_an_array_of_the_status_of_every_mission(
    query: Run, day: str, statuses: list[str | None]
) -> None:
    views = parsed(query("list", "--at", day, "--json"))
    assert [v["mission"] for v in views] == MISSIONS
    assert [v["status"] for v in views] == statuses
    for view in views:
        assert set(view) >= STATUS_KEYS
        assert view["at"] == day
    assert views == [
        parsed(query("status", slug, "--at", day, "--json")) for slug in MISSIONS
    ]


def test_list_is_about_today_unless_told(query: Run) -> None:
    before = today_utc()
    lines = succeeded(query("list")).splitlines()
    views = parsed(query("list", "--json"))
    after = today_utc()
    assert lines[0] in {f"Missions on {before}", f"Missions on {after}"}
    assert {v["at"] for v in views} <= {before.isoformat(), after.isoformat()}
    assert [v["status"] for v in views] == [
        "at_risk",
        "delayed",
        "planned",
        "planned",
        "planned",
        "proposed",
        "suspended",
        "operating",
    ]


def test_list_of_an_empty_store_has_only_its_headers(run: Run) -> None:
    assert succeeded(run("list", "--at", "2022-03-01")) == (
        "Missions on 2022-03-01\n"
        "MISSION  STATUS  LAST CHANGE  LAUNCH TARGET  PARTNERS\n"
    )
    assert parsed(run("list", "--at", "2022-03-01", "--json")) == []


# status


def test_exomars_was_planned_for_september_until_esa_said_it_was_unlikely(
    query: Run,
) -> None:
    before = parsed(query("status", "exomars", "--at", "2022-02-25", "--json"))
    after = parsed(query("status", "exomars", "--at", "2022-03-01", "--json"))
    assert set(before) >= STATUS_KEYS
    assert before["mission"] == "exomars"
    assert before["name"] == "ExoMars"
    assert before["at"] == "2022-02-25"
    assert (before["status"], before["since"]) == ("planned", "../2022-02-24")
    assert before["target_launch"] == "2022-09"
    assert (after["status"], after["since"]) == ("at_risk", "2022-02-28")
    assert after["target_launch"] == "2022-09"
    expected = [
        partner("esa", "lead", "active"),
        partner("roscosmos", "partner", "active"),
    ]
    assert partners_of(before) == partners_of(after) == expected
    assert after["partners"][0]["name"] == "European Space Agency (ESA)"
    assert before["sources"] == after["sources"] == [ARTICLE]


def test_the_status_of_exomars_reads_as_text(query: Run) -> None:
    assert succeeded(query("status", "exomars", "--at", "2022-03-01")) == (
        "ExoMars (exomars) on 2022-03-01\n"
        "  Status:         at_risk\n"
        "  Launch target:  2022-09\n"
        "  Last change:    2022-02-28\n"
        "  Partners:\n"
        "    PARTNER    ROLE     STANDING\n"
        "    esa        lead     active\n"
        "    roscosmos  partner  active\n"
        "  Sources:\n"
        '    SpaceNews, "Russia looks to China for collaboration in space but faces'
        ' isolation over Ukraine invasion", Andrew Jones, 2022-03-01,'
        f" {ARTICLE['url']}\n"
    )


def test_the_status_before_anything_is_known_is_null(query: Run) -> None:
    view = parsed(query("status", "exomars", "--at", "2022-02-23", "--json"))
    # The facts dated "on or before 2022-02-24" may or may not have happened yet.
    maybe = [
        line
        for line in facts_of("exomars")
        if line["on"] == "../2022-02-24" and line["kind"] != "registered"
    ]
    assert view == {
        "mission": "exomars",
        "name": "ExoMars",
        "at": "2022-02-23",
        "known_at": None,
        "status": None,
        "since": None,
        "target_launch": None,
        "partners": [],
        "facts": 0,
        "uncertain": [
            {
                "id": str(seed_id(line["key"])),
                "kind": line["kind"],
                "occurred": "../2022-02-24",
                "earliest": "0001-01-01",
                "latest": "2022-02-24",
                "summary": line["summary"],
            }
            for line in maybe
        ],
        "sources": [],
    }
    assert [u["kind"] for u in view["uncertain"]] == [
        "partner-joined",
        "partner-joined",
        "status-changed",
        "launch-target-changed",
    ]
    assert succeeded(query("status", "exomars", "--at", "2022-02-23")) == (
        "ExoMars (exomars) on 2022-02-23\n"
        "  Nothing recorded by 2022-02-23.\n"
        "  Uncertain on 2022-02-23 (may or may not have happened yet):\n"
        + "".join(
            f"    ../2022-02-24  {line['kind']}: {line['summary']}\n" for line in maybe
        )
    )


def test_soyuz_at_kourou_was_suspended_when_roscosmos_suspended_cooperation(
    query: Run,
) -> None:
    before = parsed(query("status", "soyuz-kourou", "--at", "2022-02-25", "--json"))
    after = parsed(query("status", "soyuz-kourou", "--at", "2022-02-26", "--json"))
    assert before["status"] == "operating"
    assert partners_of(before) == [
        partner("esa", "lead", "active"),
        partner("roscosmos", "partner", "active"),
    ]
    assert (after["status"], after["since"]) == ("suspended", "2022-02-26")
    assert partners_of(after) == [
        partner("esa", "lead", "active"),
        partner("roscosmos", "partner", "suspended"),
    ]


def test_venera_d_looks_to_china_in_place_of_nasa(query: Run) -> None:
    before = parsed(query("status", "venera-d", "--at", "2022-02-28", "--json"))
    after = parsed(query("status", "venera-d", "--at", "2022-03-01", "--json"))
    assert partners_of(before) == [
        partner("roscosmos", "lead", "active"),
        partner("nasa", "partner", "prospective"),
    ]
    assert partners_of(after) == [
        partner("roscosmos", "lead", "active"),
        partner("nasa", "partner", "withdrawn"),
        partner("cnsa", "partner", "prospective"),
    ]
    assert after["status"] == "delayed"
    assert after["since"] == "2022-02-24/2022-03-01"


def test_a_fact_dated_by_a_month_counts_only_once_the_month_is_over(
    query: Run,
) -> None:
    mid = parsed(query("status", "ilrs", "--at", "2021-06-15", "--json"))
    end = parsed(query("status", "ilrs", "--at", "2021-06-30", "--json"))
    assert (mid["status"], mid["target_launch"]) == (None, None)
    assert (end["status"], end["target_launch"]) == ("proposed", "2030/2033")
    assert end["since"] == "2021-06"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Chang'e-6", "change-6"),
        ("Chang'e 6", "change-6"),
        ("CE-6", "change-6"),
        ("ce 6", "change-6"),
        ("CHANG'E-7", "change-7"),
        ("Luna-27", "luna-27"),
        ("luna 27", "luna-27"),
        ("International Lunar Research Station", "ilrs"),
        ("international lunar research station", "ilrs"),
        ("iss", "iss"),
        ("ISS", "iss"),
        ("International Space Station", "iss"),
        ("rosalind franklin", "exomars"),
        ("Venera D", "venera-d"),
        ("Soyuz from French Guiana", "soyuz-kourou"),
    ],
)
def test_a_mission_is_found_by_any_of_its_names_whatever_the_case(
    query: Run, name: str, slug: str
) -> None:
    view = parsed(query("status", name, "--at", "2022-03-01", "--json"))
    assert view["mission"] == slug
    assert view == parsed(query("status", slug, "--at", "2022-03-01", "--json"))


def test_status_is_about_today_unless_told(query: Run) -> None:
    before = today_utc()
    view = parsed(query("status", "iss", "--json"))
    text = succeeded(query("status", "iss"))
    after = today_utc()
    assert view["at"] in {before.isoformat(), after.isoformat()}
    assert view["status"] == "operating"
    assert text.splitlines()[0] in {
        f"International Space Station (iss) on {day}" for day in (before, after)
    }


# log


def test_log_lists_the_facts_of_a_mission_as_a_table(query: Run) -> None:
    lines = succeeded(query("log", "exomars")).splitlines()
    assert lines[0].split() == [
        *("VER", "ID", "OCCURRED", "RECORDED", "KIND", "SUMMARY", "NOTE")
    ]
    rows = [re.split(r"\s{2,}", line) for line in lines[1:]]
    # Nothing was corrected or retracted: the NOTE column is empty on every row.
    assert {len(row) for row in rows} == {6}
    facts = facts_of("exomars")
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(facts) + 1)]
    assert [row[2] for row in rows] == [fact["on"] for fact in facts]
    assert [row[4] for row in rows] == [fact["kind"] for fact in facts]
    assert [row[5] for row in rows] == [fact["summary"] for fact in facts]
    for row in rows:
        assert re.fullmatch(r"[0-9a-f]{8}", row[1])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row[3])


def test_log_json_gives_every_fact_with_its_own_fields_in_recording_order(
    query: Run,
) -> None:
    events = parsed(query("log", "exomars", "--json"))
    facts = facts_of("exomars")
    assert [e["version"] for e in events] == list(range(1, len(facts) + 1))
    assert [e["kind"] for e in events] == [fact["kind"] for fact in facts]
    assert [e["occurred"] for e in events] == [fact["on"] for fact in facts]
    assert [e["summary"] for e in events] == [fact["summary"] for fact in facts]
    assert [e["type"] for e in events] == [
        "Registered",
        "PartnerJoined",
        "PartnerJoined",
        "StatusChanged",
        "LaunchTargetChanged",
        "StatusChanged",
    ]
    assert len({e["id"] for e in events}) == len(events)
    for event in events:
        assert set(event) >= EVENT_KEYS
        assert event["mission"] == "exomars"
        assert event["source"] == ARTICLE
        assert datetime.fromisoformat(event["recorded_at"]).utcoffset() is not None
    recorded = [datetime.fromisoformat(e["recorded_at"]) for e in events]
    assert recorded == sorted(recorded)
    registered, *_, at_risk = events
    assert registered["slug"] == "exomars"
    assert registered["name"] == "ExoMars"
    assert registered["aliases"] == [
        "ExoMars 2022",
        "Rosalind Franklin",
        "ExoMars rover",
    ]
    assert at_risk["status"] == "at_risk"
    assert at_risk["quote"] == "very unlikely"
    assert events[1]["partner"] == "esa"
    assert (events[1]["role"], events[1]["standing"]) == ("lead", "active")
    assert events[4]["target"] == "2022-09"


def test_log_ndjson_gives_one_json_object_a_line(query: Run) -> None:
    output = succeeded(query("log", "Venera D", "--ndjson"))
    assert output.endswith("\n")
    lines = output.splitlines()
    assert len(lines) == len(facts_of("venera-d"))
    assert [orjson.loads(line) for line in lines] == parsed(
        query("log", "venera-d", "--json")
    )
    replaced = orjson.loads(lines[-1])
    assert replaced["type"] == "PartnerReplaced"
    assert (replaced["partner"], replaced["by"]) == ("nasa", "cnsa")


def test_log_keeps_the_order_of_recording_not_of_the_world(
    run: Run, seeded_store: str
) -> None:
    succeeded(
        run(
            "record",
            "exomars",
            "noted",
            "--on",
            "2016-03-14",
            "--source",
            "ESA",
            "--summary",
            "The ExoMars Trace Gas Orbiter was launched.",
        )
    )
    events = parsed(run("log", "exomars", "--json"))
    assert [e["version"] for e in events] == list(range(1, 8))
    assert events[-1]["occurred"] == "2016-03-14"
    assert events[-1]["summary"] == "The ExoMars Trace Gas Orbiter was launched."


# record


RECORDS: list[tuple[str, str, list[str], dict[str, Any], str, dict[str, Any]]] = [
    (
        "exomars",
        "status-changed",
        ["--status", "suspended"],
        {"status": "suspended"},
        "The status changed to suspended.",
        {"status": "suspended", "since": "2022-03-17"},
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
            "since": "2022-03-17",
        },
    ),
    (
        "exomars",
        "partner-withdrawn",
        ["--partner", "roscosmos"],
        {"partner": "roscosmos"},
        "roscosmos withdrew.",
        {
            "partners": [
                partner("esa", "lead", "active"),
                partner("roscosmos", "partner", "withdrawn"),
            ]
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
            ]
        },
    ),
    (
        "iss",
        "partner-standing-changed",
        ["--partner", "roscosmos", "--standing", "suspended"],
        {"partner": "roscosmos", "standing": "suspended"},
        "roscosmos's standing changed to suspended.",
        {
            "partners": [partner("roscosmos", "partner", "suspended")],
            "status": "operating",
        },
    ),
    (
        "exomars",
        "launch-target-changed",
        ["--target", "2028"],
        {"target": "2028"},
        "The launch target moved to 2028.",
        {"target_launch": "2028", "status": "at_risk", "since": "2022-03-17"},
    ),
    (
        "iss",
        "noted",
        ["--summary", "Roscosmos said it would keep working on the station."],
        {},
        "Roscosmos said it would keep working on the station.",
        {"status": "operating", "since": "../2022-02-24", "facts": 5},
    ),
]


@pytest.mark.parametrize(
    ("mission", "kind", "options", "fields", "summary", "then"),
    RECORDS,
    ids=[kind for _, kind, *_ in RECORDS],
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
    own = {k: v for k, v in view.items() if k in {"status", "partner", "by"}}
    own |= {k: v for k, v in view.items() if k in {"role", "standing", "target"}}
    assert own == fields
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
        f'    ESA, "ExoMars suspended", ESA press office, 2022-03-17, {source["url"]}\n'
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


def test_register_a_new_mission_then_record_and_ask_about_it(
    run: Run, seeded_store: str
) -> None:
    assert succeeded(
        run(
            "register",
            "mars-sample-return",
            "--name",
            "Mars Sample Return",
            "--alias",
            "MSR",
            "--alias",
            "Mars Sample Return Campaign",
            "--on",
            "2020-09",
            "--source",
            "NASA",
        )
    ) == ("Registered Mars Sample Return as mars-sample-return.\n")
    succeeded(
        run(
            "record",
            "msr",
            "partner-joined",
            "--partner",
            "nasa",
            "--role",
            "lead",
            "--on",
            "2020-09",
            "--source",
            "NASA",
        )
    )
    succeeded(
        run(
            "record",
            "MSR",
            "status-changed",
            "--status",
            "planned",
            "--on",
            "2020-10-01",
            "--source",
            "NASA",
        )
    )
    view = parsed(
        run("status", "mars sample return campaign", "--at", "2021-01-01", "--json")
    )
    assert view["mission"] == "mars-sample-return"
    assert view["name"] == "Mars Sample Return"
    assert (view["status"], view["since"]) == ("planned", "2020-10-01")
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
    assert succeeded(runner.invoke(cli, ["seed"])).startswith(f"Recorded {FACTS}")
    assert events_in(store) == FACTS
    views = parsed(runner.invoke(cli, ["list", "--at", "2022-03-01", "--json"]))
    assert [v["mission"] for v in views] == MISSIONS


def test_the_store_option_wins_over_the_environment(
    store: str, other_store: NewStore
) -> None:
    from_option = other_store()
    runner = CliRunner(env={"MISSIONS_STORE": store})
    succeeded(runner.invoke(cli, ["--store", from_option, "seed"]))
    assert not exists(store)
    assert events_in(from_option) == FACTS


def test_a_sqlite_url_names_a_file(tmp_path: Path) -> None:
    path = tmp_path / "in" / "a" / "folder.db"
    runner = CliRunner()
    succeeded(runner.invoke(cli, ["--store", f"sqlite:///{path}", "seed"]))
    assert events_in(str(path)) == FACTS


def test_a_memory_store_works_and_is_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert succeeded(runner.invoke(cli, ["--store", "memory:", "seed"])) == (
        f"Recorded {FACTS} of {FACTS} facts from the article.\n"
    )
    assert parsed(runner.invoke(cli, ["--store", "memory:", "list", "--json"])) == []
    assert list(tmp_path.iterdir()) == []


def test_the_default_store_is_in_the_users_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MISSIONS_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    runner = CliRunner()
    assert succeeded(runner.invoke(cli, ["seed"])).startswith(f"Recorded {FACTS}")
    default = tmp_path / "data" / "missions" / "missions.db"
    assert default.is_file()
    assert events_in(str(default)) == FACTS
    assert succeeded(runner.invoke(cli, ["seed"])).startswith("Nothing to add")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_relative_file_path_starting_with_memory_is_a_file_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--store", "memory.db", "seed"])
    assert succeeded(result).startswith(f"Recorded {FACTS}")
    assert events_in(str(tmp_path / "memory.db")) == FACTS
