"""The `missions` command line asked questions, run in-process on real stores
(SQLite files and PostgreSQL schemas): seed, list, status and log."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from adapters.eventstore.tracker import MissionTracker
from cli.main import cli
from tests.answers import (
    EVENT_KEYS,
    FACTS,
    PARTNER_KEYS,
    STATUS_KEYS,
    facts_of,
    parsed,
    partner,
    partners_of,
    seed_id,
    succeeded,
    today_utc,
)
from tests.article import ARTICLE, MISSIONS
from tests.conftest import Run
from tests.stores import stored_rows

# seed


def test_seed_records_the_article_and_seeding_again_adds_nothing(
    run: Run, store: str
) -> None:
    assert succeeded(run("seed", "--only", "article")) == (
        f"Recorded {FACTS} of {FACTS} facts from the article.\n"
    )
    before = stored_rows(store)
    assert succeeded(run("seed", "--only", "article")) == (
        f"Nothing to add: all {FACTS} facts from the article are already recorded.\n"
    )
    assert stored_rows(store) == before


# list


def test_list_shows_a_table_of_every_mission_on_a_date(query: Run) -> None:
    assert succeeded(query("list", "--at", "2022-02-25")) == (
        "Missions on 2022-02-25\n"
        "MISSION       STATUS            SINCE          LAUNCH             PARTNERS\n"
        "exomars       planned           ../2022-02-24  target 2022-09     esa,"
        " roscosmos\n"
        "venera-d      delayed           ../2022-02-24                     roscosmos,"
        " nasa (prospective)\n"
        "luna-27       not known before\n"
        "change-6      not known before\n"
        "change-7      not known before\n"
        "ilrs          proposed          ../2021-06     target 2030/2034~  cnsa,"
        " roscosmos\n"
        "soyuz-kourou  operating         ../2022-02-24                     roscosmos\n"
        "iss           operating         ../2022-02-24                     roscosmos\n"
    )


def test_list_shows_withdrawn_and_suspended_partners_after_the_invasion(
    query: Run,
) -> None:
    lines = succeeded(query("list", "--at", "2022-03-01")).splitlines()
    assert lines[0] == "Missions on 2022-03-01"
    rows = {line.split()[0]: line for line in lines[2:]}
    assert list(rows) == MISSIONS
    assert rows["venera-d"].endswith("roscosmos, nasa (withdrawn)")
    assert rows["soyuz-kourou"].split()[1] == "suspended"
    assert rows["soyuz-kourou"].endswith("  roscosmos (suspended)")
    assert rows["exomars"].split()[1:3] == ["at_risk", "2022-02-28"]
    # SINCE is when the status began, not the last change: Venera-D was delayed
    # before the invasion, whatever became of its partners since.
    assert rows["venera-d"].split()[1:3] == ["delayed", "../2022-02-24"]


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
        assert tuple(view) == STATUS_KEYS
        assert all(tuple(p) == PARTNER_KEYS for p in view["partners"])
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


def test_list_of_an_empty_store_says_why_it_is_empty(run: Run, store: str) -> None:
    MissionTracker(store).close()
    assert succeeded(run("list", "--at", "2022-03-01")) == (
        "Missions on 2022-03-01\n"
        "No missions are tracked yet: run `missions seed` or `missions register`.\n"
    )
    assert parsed(run("list", "--at", "2022-03-01", "--json")) == []


def test_empty_answers_say_why(query: Run) -> None:
    assert succeeded(query("list", "--known-at", "2022-03-01")).endswith(
        "Nothing was tracked yet as known at 2022-03-01.\n"
    )
    assert succeeded(query("list", "--partner", "jaxa", "--at", "2022-03-01")) == (
        "Missions on 2022-03-01\nNo mission had jaxa as a partner on 2022-03-01.\n"
    )
    assert succeeded(query("partners", "--at", "2021-01-01")) == (
        "Partners on 2021-01-01\nNo partner had a part in any mission on 2021-01-01.\n"
    )


def test_a_question_asked_of_a_store_that_does_not_exist_is_refused(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "nope" / "dir" / "x.db"
    for question in (["list"], ["status", "iss"], ["export"], ["verify"]):
        result = CliRunner().invoke(cli, ["--store", str(missing), *question])
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: no store at {missing}: run `missions seed` to make one with"
            " the built-in facts, or choose one with --store\n"
        )
    assert not (tmp_path / "nope").exists()


# status


def test_exomars_was_planned_for_september_until_esa_said_it_was_unlikely(
    query: Run,
) -> None:
    before = parsed(query("status", "exomars", "--at", "2022-02-25", "--json"))
    after = parsed(query("status", "exomars", "--at", "2022-03-01", "--json"))
    assert tuple(before) == tuple(after) == STATUS_KEYS
    assert before["mission"] == "exomars"
    assert before["name"] == "ExoMars"
    assert before["at"] == "2022-02-25"
    assert (before["status"], before["since"]) == ("planned", "../2022-02-24")
    assert before["last_change"] == "../2022-02-24"
    assert before["target_launch"] == "2022-09"
    assert (after["status"], after["since"]) == ("at_risk", "2022-02-28")
    assert after["last_change"] == "2022-02-28"
    assert after["target_launch"] == "2022-09"
    # The seed names nobody as having brought a status about.
    assert before["by_party"] is after["by_party"] is None
    expected = [
        partner("esa", "lead", "active"),
        partner("roscosmos", "partner", "active"),
    ]
    assert partners_of(before) == partners_of(after) == expected
    assert after["partners"][0] == {
        "partner": "esa",
        "name": "European Space Agency (ESA)",
        "role": "lead",
        "standing": "active",
        "by_party": None,
        "contributions": [],
    }
    assert (after["milestones"], after["programmes"]) == ([], [])
    assert before["sources"] == after["sources"] == [ARTICLE]


def test_the_status_of_exomars_reads_as_text(query: Run) -> None:
    assert succeeded(query("status", "exomars", "--at", "2022-03-01")) == (
        "ExoMars (exomars) on 2022-03-01\n"
        "  Status:         at_risk since 2022-02-28\n"
        "  Launch target:  2022-09\n"
        "  Last change:    2022-02-28\n"
        "  Partners:\n"
        "    PARTNER    ROLE     STANDING  CONTRIBUTIONS\n"
        "    esa        lead     active\n"
        "    roscosmos  partner  active\n"
        "  Sources:\n"
        '    SpaceNews, "Russia looks to China for collaboration in space but faces'
        ' isolation over Ukraine invasion", Andrew Jones, 2022-03-01\n'
        f"      {ARTICLE['url']}\n"
    )


def test_the_status_before_anything_is_known_is_null(query: Run) -> None:
    view = parsed(query("status", "exomars", "--at", "2022-02-23", "--json"))
    # The facts dated "on or before 2022-02-24" may or may not have happened yet.
    maybe = [
        line
        for line in facts_of("exomars")
        if line["on"] == "../2022-02-24" and line["kind"] != "registered"
    ]
    assert tuple(view) == STATUS_KEYS
    assert view == {
        "mission": "exomars",
        "name": "ExoMars",
        "at": "2022-02-23",
        "known_at": None,
        "status": None,
        "since": None,
        "by_party": None,
        "last_change": None,
        "target_launch": None,
        "launched": None,
        "landed": None,
        "partners": [],
        "milestones": [],
        "programmes": [],
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
        "  Nothing recorded by 2022-02-23: not known before then.\n"
        "  Uncertain:      4 facts may or may not have happened by 2022-02-23"
        " (--uncertain lists them)\n"
    )
    asked = ("status", "exomars", "--at", "2022-02-23", "--uncertain")
    assert succeeded(query(*asked)) == (
        "ExoMars (exomars) on 2022-02-23\n"
        "  Nothing recorded by 2022-02-23: not known before then.\n"
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
    # The article names no European partner: Roscosmos is the only one on record.
    assert partners_of(before) == [partner("roscosmos", "partner", "active")]
    assert (after["status"], after["since"]) == ("suspended", "2022-02-26")
    assert after["last_change"] == "2022-02-26"
    assert partners_of(after) == [partner("roscosmos", "partner", "suspended")]


def test_russia_ruled_nasa_out_of_venera_d(query: Run) -> None:
    before = parsed(query("status", "venera-d", "--at", "2022-02-28", "--json"))
    after = parsed(query("status", "venera-d", "--at", "2022-03-01", "--json"))
    assert partners_of(before) == [
        partner("roscosmos", "lead", "active"),
        partner("nasa", "partner", "prospective"),
    ]
    # Russia ended NASA's prospective part; the article names no Chinese part.
    assert partners_of(after) == [
        partner("roscosmos", "lead", "active"),
        partner("nasa", "partner", "withdrawn", by_party="roscosmos"),
    ]
    assert after["status"] == "delayed"
    # The withdrawal is the last change; the delay it did not touch began before it.
    assert after["last_change"] == "2022-02-24/2022-03-01"
    assert after["since"] == before["since"] == "../2022-02-24"
    assert before["last_change"] == "../2022-02-24"
    text = succeeded(query("status", "venera-d", "--at", "2022-03-01"))
    assert text.splitlines()[:4] == [
        "Venera-D (venera-d) on 2022-03-01",
        "  Status:         delayed since ../2022-02-24",
        "  Launch target:  none recorded",
        "  Last change:    2022-02-24/2022-03-01",
    ]


def test_a_fact_dated_by_a_month_counts_only_once_the_month_is_over(
    query: Run,
) -> None:
    mid = parsed(query("status", "ilrs", "--at", "2021-06-15", "--json"))
    end = parsed(query("status", "ilrs", "--at", "2021-06-30", "--json"))
    assert (mid["status"], mid["target_launch"]) == (None, None)
    assert (end["status"], end["target_launch"]) == ("proposed", "2030/2034~")
    # The roadmap dates the launch target; the proposal is only "on or before".
    assert (end["since"], end["last_change"]) == ("../2021-06", "2021-06")


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
        *("VER", "ID", "OCCURRED", "RECORDED", "KIND", "SOURCE", "SUMMARY", "NOTE")
    ]
    rows = [re.split(r"\s{2,}", line) for line in lines[1:]]
    # Nothing was corrected or retracted: the NOTE column is empty on every row.
    assert {len(row) for row in rows} == {7}
    facts = facts_of("exomars")
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(facts) + 1)]
    assert [row[2] for row in rows] == [fact["on"] for fact in facts]
    assert [row[4] for row in rows] == [fact["kind"] for fact in facts]
    assert {row[5] for row in rows} == {"SpaceNews 2022-03-01"}
    assert [row[6] for row in rows] == [fact["summary"] for fact in facts]
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
        # No citation adds to the seed's source; no seed fact has an effective date.
        assert event["sources"] == [ARTICLE]
        assert event["effective"] is None
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
    assert at_risk["by_party"] is None
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
    withdrawn, note = (orjson.loads(line) for line in lines[-2:])
    assert withdrawn["type"] == "PartnerWithdrawn"
    assert (withdrawn["partner"], withdrawn["by_party"]) == ("nasa", "roscosmos")
    assert note["type"] == "Noted"


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
