"""The two time axes on the command line: --known-at, correct, retract, uncertain
dates, history, changes, list --partner and partners; on real SQLite files and
PostgreSQL schemas."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import orjson
import pytest
from click.testing import Result

from adapters.dates import parse_edtf
from adapters.eventstore.seed import seed_lines
from adapters.eventstore.tracker import MissionTracker
from domain.events import Source
from domain.mission import Report
from tests.article import ARTICLE, ESA, MISSIONS
from tests.conftest import Run
from tests.stores import stored_rows

EDTF_FORMS = (
    "accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033, 2026? (uncertain),"
    " 2021-06~ (approximate), ../2022-03-01 (on or before)"
)
TIME_FORMS = (
    "use an ISO 8601 date or date-time, e.g. 2022-03-02 or 2022-03-02T12:00:00Z"
)
KNOWN_PARTNERS = (
    "known partners: arianespace, asi, casc, casic, cnes, cnsa, csa, dlr, esa,"
    " glavkosmos, iki, isro, jaxa, kari, nasa, roscosmos, uaesa, uksa"
)
#: Two facts with ids that share their first characters, recorded by hand.
TWINS = (
    UUID("abcd0000-0000-4000-8000-000000000001"),
    UUID("abcd0000-0000-4000-8000-000000000002"),
)


def seed_id(key: str) -> str:
    """The id the seed gives the fact with this key."""
    return str(uuid5(uuid5(NAMESPACE_URL, "missions:seed"), key))


def line(key: str) -> dict[str, Any]:
    """The seed line with this key."""
    return next(found for found in seed_lines() if found["key"] == key)


AT_RISK = seed_id("exomars/at-risk")
EXOMARS = seed_id("exomars/registered")


def succeeded(result: Result) -> str:
    """The output of a command that must have succeeded, quietly on stderr."""
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def parsed(result: Result) -> Any:
    """The JSON a command that must have succeeded printed."""
    return orjson.loads(succeeded(result))


def refused(result: Result, code: int) -> str:
    """The one-line error of a command that must have failed with `code`."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0].removeprefix("Error: ")


def instant(view: dict[str, Any]) -> datetime:
    """When an event of `log --json` was recorded."""
    return datetime.fromisoformat(view["recorded_at"])


def between(earlier: dict[str, Any], later: dict[str, Any]) -> datetime:
    """A time after the first event was recorded and before the second."""
    start, end = instant(earlier), instant(later)
    assert start < end
    middle = start + (end - start) / 2
    assert start < middle < end
    return middle


def record(run: Run, mission: str, kind: str, on: str, *options: str) -> dict[str, Any]:
    """Record a fact reported by ESA; the event as `record --json` prints it."""
    view: dict[str, Any] = parsed(
        run("record", mission, kind, "--on", on, "--source", "ESA", "--json", *options)
    )
    time.sleep(0.002)  # so that every recording has its own time
    return view


def log(run: Run, mission: str, *options: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = parsed(run("log", mission, "--json", *options))
    return found


def status(run: Run, mission: str, at: str, *options: str) -> dict[str, Any]:
    found: dict[str, Any] = parsed(
        run("status", mission, "--at", at, "--json", *options)
    )
    return found


def roles(view: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p["partner"], p["role"], p["standing"]) for p in view["partners"]]


@pytest.fixture
def suspended(run: Run, seeded_store: str) -> dict[str, Any]:
    """ExoMars suspended on 7 March 2022 (as first reported), after the seed."""
    time.sleep(0.002)
    return record(
        run,
        "exomars",
        "status-changed",
        "2022-03-07",
        "--status",
        "suspended",
        "--summary",
        "ESA's Council suspended ExoMars cooperation with Roscosmos.",
    )


# --known-at


def test_status_known_at_a_time_between_two_recordings(
    run: Run, suspended: dict[str, Any]
) -> None:
    target = record(
        run, "exomars", "launch-target-changed", "2022-03-08", "--target", "2028"
    )
    events = log(run, "exomars")
    assert [e["id"] for e in events[-2:]] == [suspended["id"], target["id"]]
    before = between(events[5], events[6])
    middle = between(events[6], events[7])

    def known(at: datetime | str) -> tuple[Any, ...]:
        text = at if isinstance(at, str) else at.isoformat()
        view = status(run, "exomars", "2022-03-31", "--known-at", text)
        return (view["status"], view["since"], view["target_launch"], view["facts"])

    # The registration and the five facts of the seed, then one more, then two.
    assert known(before) == ("at_risk", "2022-02-28", "2022-09", 6)
    assert known(middle) == ("suspended", "2022-03-07", "2022-09", 7)
    # At or before: an event recorded at exactly T counts.
    assert known(events[7]["recorded_at"]) == ("suspended", "2022-03-08", "2028", 8)
    assert known(events[6]["recorded_at"]) == known(middle)
    view = status(run, "exomars", "2022-03-31")
    assert view["known_at"] is None
    assert (view["status"], view["target_launch"]) == ("suspended", "2028")
    assert (
        status(run, "exomars", "2022-03-31", "--known-at", middle.isoformat())[
            "known_at"
        ]
        == middle.astimezone(UTC).isoformat()
    )
    text = succeeded(
        run("status", "exomars", "--at", "2022-03-31", "--known-at", middle.isoformat())
    )
    assert text.splitlines()[:3] == [
        f"ExoMars (exomars) on 2022-03-31, as known at {middle.isoformat()}",
        "  Status:         suspended",
        "  Launch target:  2022-09",
    ]


def test_a_date_alone_as_known_at_means_the_end_of_that_day_in_utc(
    query: Run,
) -> None:
    events = log(query, "exomars")
    day = instant(events[-1]).astimezone(UTC).date()
    assert instant(events[0]).astimezone(UTC).date() == day
    that_day = status(query, "exomars", "2022-03-01", "--known-at", day.isoformat())
    assert that_day["known_at"] == f"{day.isoformat()}T23:59:59.999999+00:00"
    assert (that_day["status"], that_day["facts"]) == ("at_risk", 6)
    eve = (day - timedelta(days=1)).isoformat()
    # The day before, ExoMars was not tracked yet.
    untracked = (
        f"exomars was not tracked yet at {eve}T23:59:59.999999+00:00;"
        f" it was registered at {events[0]['recorded_at']}"
    )
    for command in ("status", "log", "history"):
        assert refused(query(command, "exomars", "--known-at", eve), 2) == untracked
    assert (
        parsed(query("list", "--at", "2022-03-01", "--known-at", eve, "--json")) == []
    )
    views = parsed(
        query("list", "--at", "2022-03-01", "--known-at", day.isoformat(), "--json")
    )
    assert [v["mission"] for v in views] == MISSIONS
    assert log(query, "exomars", "--known-at", day.isoformat()) == events


@pytest.mark.parametrize(
    "offset",
    [timedelta(hours=5, minutes=30), timedelta(hours=-3), timedelta(0)],
    ids=["+05:30", "-03:00", "+00:00"],
)
def test_a_known_at_with_an_offset_is_converted_to_utc(
    run: Run, suspended: dict[str, Any], offset: timedelta
) -> None:
    events = log(run, "exomars")
    middle = between(events[5], events[6])
    local = middle.astimezone(timezone(offset))
    assert local.utcoffset() == offset
    view = status(run, "exomars", "2022-03-31", "--known-at", local.isoformat())
    assert view["known_at"] == middle.astimezone(UTC).isoformat()
    # Read as UTC wall-clock time, +05:30 would count the suspension, and -03:00
    # would come before the seed.
    assert (view["status"], view["facts"]) == ("at_risk", 6)


def test_a_known_at_without_an_offset_is_utc_whatever_the_local_time_zone(
    run: Run, suspended: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    events = log(run, "exomars")
    middle = between(events[5], events[6]).astimezone(UTC)
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        naive = middle.replace(tzinfo=None).isoformat()
        assert "+" not in naive
        view = status(run, "exomars", "2022-03-31", "--known-at", naive)
        with_z = status(run, "exomars", "2022-03-31", "--known-at", naive + "Z")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert view["known_at"] == middle.isoformat()
    assert (view["status"], view["facts"]) == ("at_risk", 6)
    assert with_z == view


def test_list_known_at_leaves_out_missions_registered_later(
    run: Run, suspended: dict[str, Any]
) -> None:
    succeeded(
        run(
            *("register", "mars-sample-return", "--name", "Mars Sample Return"),
            *("--on", "2020", "--source", "NASA"),
        )
    )
    time.sleep(0.002)
    record(
        run, "mars-sample-return", "status-changed", "2022-03-10", "--status", "planned"
    )
    events = log(run, "exomars")
    msr = log(run, "mars-sample-return")
    before = between(events[5], events[6])
    middle = between(events[6], msr[0])

    def listed(at: datetime) -> list[tuple[str, str | None]]:
        views = parsed(
            run("list", "--at", "2022-03-31", "--known-at", at.isoformat(), "--json")
        )
        assert {v["known_at"] for v in views} == {at.astimezone(UTC).isoformat()}
        return [(v["mission"], v["status"]) for v in views]

    assert listed(before)[0] == ("exomars", "at_risk")
    assert [m for m, _ in listed(before)] == MISSIONS
    assert listed(middle)[0] == ("exomars", "suspended")
    assert [m for m, _ in listed(middle)] == MISSIONS
    assert listed(instant(msr[-1]))[-1] == ("mars-sample-return", "planned")
    assert listed(between(msr[0], msr[1]))[-1] == ("mars-sample-return", None)
    text = succeeded(
        run("list", "--at", "2022-03-31", "--known-at", before.isoformat())
    )
    assert text.splitlines()[0] == (
        f"Missions on 2022-03-31, as known at {before.isoformat()}"
    )
    assert text.splitlines()[2].split()[:2] == ["exomars", "at_risk"]


def test_log_known_at_shows_the_events_and_corrections_known_then(
    run: Run, suspended: dict[str, Any]
) -> None:
    correction = parsed(
        run("correct", suspended["id"][:8], "--on", "2022-03-17", "--json")
    )
    events = log(run, "exomars")
    assert [e["id"] for e in events[-2:]] == [suspended["id"], correction["id"]]
    before = log(
        run, "exomars", "--known-at", between(events[5], events[6]).isoformat()
    )
    middle = log(
        run, "exomars", "--known-at", between(events[6], events[7]).isoformat()
    )
    assert before == events[:6]
    assert [e["id"] for e in middle] == [e["id"] for e in events[:7]]
    assert middle[6]["corrected_by"] == []
    assert events[6]["corrected_by"] == [correction["id"]]
    assert {**middle[6], "corrected_by": [correction["id"]]} == events[6]
    lines = succeeded(
        run("log", "exomars", "--known-at", between(events[6], events[7]).isoformat())
    ).splitlines()
    assert len(lines) == 8
    assert "corrected by" not in lines[-1]


def test_history_changes_and_partners_known_at_a_time(
    run: Run, seeded_store: str
) -> None:
    time.sleep(0.002)
    record(
        run,
        "exomars",
        "partner-standing-changed",
        "2022-03-02",
        *("--partner", "roscosmos", "--standing", "suspended"),
    )
    events = log(run, "exomars")
    before = between(events[5], events[6]).isoformat()
    after = events[6]["recorded_at"]

    def history(known_at: str) -> list[tuple[str, str | None, str | None]]:
        views = parsed(
            run(
                "history",
                "exomars",
                "--from",
                "2022-02-25",
                "--json",
                "--known-at",
                known_at,
            )
        )
        return [(v["date"], v["from"], v["to"]) for v in views]

    assert history(before) == [("2022-02-28", "planned", "at_risk")]
    assert history(after) == [
        ("2022-02-28", "planned", "at_risk"),
        ("2022-03-02", "active", "suspended"),
    ]

    def changes(known_at: str) -> list[tuple[str, int]]:
        groups = parsed(
            run(
                *("changes", "--from", "2022-02-24", "--to", "2022-03-03"),
                *("--json", "--known-at", known_at),
            )
        )
        return [(g["mission"], len(g["changes"])) for g in groups]

    assert changes(before) == [("exomars", 1), ("venera-d", 2), ("soyuz-kourou", 2)]
    assert changes(after) == [("exomars", 2), ("venera-d", 2), ("soyuz-kourou", 2)]

    def roscosmos(known_at: str) -> Any:
        rows = parsed(
            run("partners", "--at", "2022-03-03", "--json", "--known-at", known_at)
        )
        row = next(r for r in rows if r["partner"] == "roscosmos")
        return row["missions"]["exomars"]

    assert roscosmos(before) == {"role": "partner", "standing": "active"}
    assert roscosmos(after) == {"role": "partner", "standing": "suspended"}
    eve = (instant(events[0]).astimezone(UTC).date() - timedelta(days=1)).isoformat()
    assert parsed(run("partners", "--known-at", eve, "--json")) == []
    assert (
        parsed(
            run(
                "changes",
                "--from",
                "2022-02-24",
                "--to",
                "2022-03-03",
                "--known-at",
                eve,
                "--json",
            )
        )
        == []
    )


# correct


def test_correct_by_a_short_id_moves_the_fact_and_keeps_the_original(
    run: Run, suspended: dict[str, Any]
) -> None:
    view = parsed(
        run(
            "correct",
            suspended["id"][:6],
            "--on",
            "2022-03-17",
            "--reason",
            "The Council met on 17 March, not 7 March.",
            "--json",
        )
    )
    assert view == {
        "id": view["id"],
        "mission": "exomars",
        "version": 8,
        "type": "Corrected",
        "kind": "corrected",
        "occurred": None,
        "earliest": None,
        "latest": None,
        "recorded_at": view["recorded_at"],
        "summary": "The Council met on 17 March, not 7 March.",
        "quote": None,
        "source": None,
        "corrects": suspended["id"],
        "changes": {
            "occurred": {
                "edtf": "2022-03-17",
                "earliest": "2022-03-17",
                "latest": "2022-03-17",
            }
        },
    }
    events = log(run, "exomars")
    # The original stays in the log as recorded, marked as corrected.
    assert events[6] == {
        **suspended,
        "corrected_by": [view["id"]],
        "retracted_by": None,
    }
    assert events[7] == {**view, "corrected_by": [], "retracted_by": None}
    assert len(events) == 8

    corrected = status(run, "exomars", "2022-03-10")
    assert (corrected["status"], corrected["since"]) == ("at_risk", "2022-02-28")
    later = status(run, "exomars", "2022-03-17")
    assert (later["status"], later["since"]) == ("suspended", "2022-03-17")
    then = between(events[6], events[7]).isoformat()
    old = status(run, "exomars", "2022-03-10", "--known-at", then)
    assert (old["status"], old["since"]) == ("suspended", "2022-03-07")

    listed = parsed(run("list", "--at", "2022-03-10", "--json"))
    assert listed[0]["status"] == "at_risk"
    listed_then = parsed(
        run("list", "--at", "2022-03-10", "--json", "--known-at", then)
    )
    assert listed_then[0]["status"] == "suspended"

    history = parsed(run("history", "exomars", "--from", "2022-02-25", "--json"))
    assert [(h["date"], h["to"], h["event"]) for h in history] == [
        ("2022-02-28", "at_risk", AT_RISK),
        ("2022-03-17", "suspended", suspended["id"]),
    ]
    history_then = parsed(
        run("history", "exomars", "--from", "2022-02-25", "--json", "--known-at", then)
    )
    assert [h["date"] for h in history_then] == ["2022-02-28", "2022-03-07"]

    week = ("changes", "--from", "2022-03-01", "--to", "2022-03-10", "--json")
    assert [g["mission"] for g in parsed(run(*week))] == []
    assert [g["mission"] for g in parsed(run(*week, "--known-at", then))] == ["exomars"]


def test_correct_says_what_it_recorded_and_the_log_table_notes_it(
    run: Run, suspended: dict[str, Any]
) -> None:
    output = succeeded(run("correct", suspended["id"][:8], "--on", "2022-03-17"))
    correction = log(run, "exomars")[-1]
    assert output == (
        f"Recorded corrected for exomars as event {correction['id'][:8]} (version 8).\n"
    )
    assert correction["summary"] == f"Corrected the date of event {suspended['id']}."
    rows = succeeded(run("log", "exomars")).splitlines()
    assert rows[0].split()[-1] == "NOTE"
    assert rows[7].startswith(f"7    {suspended['id'][:8]}  2022-03-07")
    assert rows[7].endswith(f"corrected by {correction['id'][:8]}")
    assert rows[8].split()[:2] == ["8", correction["id"][:8]]
    assert "corrected" in rows[8].split()


def test_correct_the_status_summary_and_whole_source(
    run: Run, suspended: dict[str, Any]
) -> None:
    source = {
        "publication": "ESA Council",
        "title": "ExoMars suspended",
        "author": "Josef Aschbacher",
        "published": "2022-03-17",
        "url": "https://www.esa.int/exomars",
    }
    view = parsed(
        run(
            *("correct", suspended["id"][:8], "--status", "cancelled"),
            *("--summary", "ESA cancelled its part in ExoMars."),
            *("--source", "ESA Council", "--source-title", "ExoMars suspended"),
            *("--source-author", "Josef Aschbacher", "--source-date", "2022-03-17"),
            *("--source-url", "https://www.esa.int/exomars", "--json"),
        )
    )
    assert view["changes"] == {
        "status": "cancelled",
        "summary": "ESA cancelled its part in ExoMars.",
        "source": source,
    }
    assert view["summary"] == (
        f"Corrected the source, status, summary of event {suspended['id']}."
    )
    after = status(run, "exomars", "2022-03-31")
    assert (after["status"], after["since"]) == ("cancelled", "2022-03-07")
    assert after["sources"] == [ARTICLE, source]
    history = parsed(run("history", "exomars", "--from", "2022-03-01", "--json"))
    assert history == [
        {
            "mission": "exomars",
            "date": "2022-03-07",
            "earliest": "2022-03-07",
            "latest": "2022-03-07",
            "subject": "status",
            "partner": None,
            "role": None,
            "from": "at_risk",
            "to": "cancelled",
            "event": suspended["id"],
            "kind": "status-changed",
            "summary": "ESA cancelled its part in ExoMars.",
            "source": source,
        }
    ]
    # The log keeps the fact as first recorded.
    assert log(run, "exomars")[6]["source"] == ESA
    assert log(run, "exomars")[6]["status"] == "suspended"


def test_correct_the_kind_options_of_seeded_facts(run: Run, seeded_store: str) -> None:
    nasa = seed_id("venera-d/nasa-prospective")
    target = seed_id("exomars/target-2022-09")
    succeeded(run("correct", nasa[:8], "--standing", "active", "--role", "contributor"))
    succeeded(run("correct", target[:8], "--target", "2028"))
    venera = status(run, "venera-d", "2022-02-25")
    assert roles(venera) == [
        ("roscosmos", "lead", "active"),
        ("nasa", "contributor", "active"),
    ]
    # The swap of 2022 still withdraws NASA, in the role it then had.
    later = status(run, "venera-d", "2022-03-01")
    assert roles(later)[1:] == [
        ("nasa", "contributor", "withdrawn"),
        ("cnsa", "partner", "prospective"),
    ]
    assert status(run, "exomars", "2022-03-01")["target_launch"] == "2028"
    assert log(run, "exomars")[4]["target"] == "2022-09"


def test_a_correction_of_a_correction_applies_to_the_same_fact(
    run: Run, suspended: dict[str, Any]
) -> None:
    first = parsed(run("correct", suspended["id"][:8], "--on", "2022-03-17", "--json"))
    second = parsed(run("correct", first["id"][:8], "--on", "2022-03-18", "--json"))
    assert second["corrects"] == first["id"]
    assert status(run, "exomars", "2022-03-17")["status"] == "at_risk"
    after = status(run, "exomars", "2022-03-18")
    assert (after["status"], after["since"]) == ("suspended", "2022-03-18")
    events = log(run, "exomars")
    assert events[6]["corrected_by"] == [first["id"]]
    assert events[7]["corrected_by"] == [second["id"]]
    assert events[6]["occurred"] == "2022-03-07"


def test_correct_and_retract_with_the_mission_guard_of_the_right_mission(
    run: Run, suspended: dict[str, Any]
) -> None:
    ok = parsed(
        run(
            *("correct", suspended["id"][:8], "--mission", "Rosalind Franklin"),
            *("--summary", "ESA suspended ExoMars.", "--json"),
        )
    )
    assert (ok["mission"], ok["corrects"]) == ("exomars", suspended["id"])
    assert ok["changes"] == {"summary": "ESA suspended ExoMars."}
    gone = parsed(
        run(
            *("retract", ok["id"][:8], "--mission", "exomars"),
            *("--reason", "It said so already.", "--source", "ESA", "--json"),
        )
    )
    assert (gone["mission"], gone["retracts"]) == ("exomars", ok["id"])
    events = log(run, "exomars")
    assert [e["kind"] for e in events[6:]] == [
        "status-changed",
        "corrected",
        "retracted",
    ]
    assert events[7]["retracted_by"] == gone["id"]
    # The retracted correction no longer counts: the summary is the first one.
    history = parsed(run("history", "exomars", "--from", "2022-03-01", "--json"))
    assert [h["summary"] for h in history] == [suspended["summary"]]


def test_an_event_of_another_mission_is_refused_with_a_clear_error(
    run: Run, suspended: dict[str, Any], store: str
) -> None:
    before = stored_rows(store)
    for args in (
        ("correct", suspended["id"][:8], "--mission", "iss", "--on", "2022-03-17"),
        (
            *("retract", suspended["id"][:8], "--mission", "ISS"),
            *("--reason", "Wrong.", "--source", "ESA"),
        ),
    ):
        assert refused(run(*args), 1) == (
            f"event {suspended['id']} is an event of exomars, not of iss"
        )
    assert stored_rows(store) == before


# retract


def test_retract_keeps_the_event_in_the_log_and_drops_it_from_the_answers(
    run: Run, suspended: dict[str, Any]
) -> None:
    view = parsed(
        run(
            *("retract", suspended["id"][:8], "--reason", "ESA denied it."),
            *("--source", "ESA", "--source-url", "https://www.esa.int/", "--json"),
        )
    )
    source = {**ESA, "url": "https://www.esa.int/"}
    assert view == {
        "id": view["id"],
        "mission": "exomars",
        "version": 8,
        "type": "Retracted",
        "kind": "retracted",
        "occurred": None,
        "earliest": None,
        "latest": None,
        "recorded_at": view["recorded_at"],
        "summary": f"Retracted {suspended['id']}: ESA denied it.",
        "quote": None,
        "source": source,
        "retracts": suspended["id"],
        "reason": "ESA denied it.",
    }
    events = log(run, "exomars")
    assert events[6] == {**suspended, "corrected_by": [], "retracted_by": view["id"]}
    assert events[7] == {**view, "corrected_by": [], "retracted_by": None}
    after = status(run, "exomars", "2022-03-31")
    assert (after["status"], after["facts"]) == ("at_risk", 6)
    then = between(events[6], events[7]).isoformat()
    assert status(run, "exomars", "2022-03-31", "--known-at", then)["status"] == (
        "suspended"
    )
    history = parsed(run("history", "exomars", "--from", "2022-03-01", "--json"))
    assert history == []
    assert [
        h["event"]
        for h in parsed(
            run(
                "history",
                "exomars",
                "--from",
                "2022-03-01",
                "--json",
                "--known-at",
                then,
            )
        )
    ] == [suspended["id"]]
    rows = succeeded(run("log", "exomars")).splitlines()
    assert rows[7].endswith(f"retracted by {view['id'][:8]}")
    assert succeeded(
        run("retract", AT_RISK[:8], "--reason", "Not yet.", "--source", "ESA")
    ) == (
        f"Recorded retracted for exomars as event "
        f"{log(run, 'exomars')[-1]['id'][:8]} (version 9).\n"
    )
    assert status(run, "exomars", "2022-03-31")["status"] == "planned"


def test_a_retracted_event_can_be_neither_corrected_nor_retracted_again(
    run: Run, suspended: dict[str, Any], store: str
) -> None:
    retraction = parsed(
        run(
            *("retract", suspended["id"][:8], "--reason", "ESA denied it."),
            *("--source", "ESA", "--json"),
        )
    )
    before = stored_rows(store)
    assert refused(run("correct", suspended["id"][:8], "--on", "2022-03-17"), 1) == (
        f"event {suspended['id']} was retracted by {retraction['id']};"
        " it cannot be corrected"
    )
    assert refused(
        run("retract", suspended["id"][:8], "--reason", "Again.", "--source", "ESA"), 1
    ) == (
        f"event {suspended['id']} was retracted by {retraction['id']};"
        " it cannot be retracted"
    )
    assert refused(run("correct", retraction["id"][:8], "--summary", "x"), 1) == (
        f"event {retraction['id']} is a retraction; it cannot be corrected"
    )
    assert stored_rows(store) == before


# uncertain


ILRS_ROADMAP = [
    "ilrs/proposed",
    "ilrs/cnsa-lead",
    "ilrs/roscosmos-lead",
    "ilrs/target-early-2030s",
]


def test_the_ilrs_roadmap_of_june_2021_is_uncertain_on_10_june(query: Run) -> None:
    view = status(query, "ilrs", "2021-06-10")
    assert (view["status"], view["partners"], view["facts"]) == (None, [], 0)
    assert view["uncertain"] == [
        {
            "id": seed_id(key),
            "kind": line(key)["kind"],
            "occurred": "2021-06",
            "earliest": "2021-06-01",
            "latest": "2021-06-30",
            "summary": line(key)["summary"],
        }
        for key in ILRS_ROADMAP
    ]
    text = succeeded(query("status", "ilrs", "--at", "2021-06-10"))
    assert text == (
        "International Lunar Research Station (ilrs) on 2021-06-10\n"
        "  Nothing recorded by 2021-06-10.\n"
        "  Uncertain on 2021-06-10 (may or may not have happened yet):\n"
        + "".join(
            f"    2021-06  {line(key)['kind']}: {line(key)['summary']}\n"
            for key in ILRS_ROADMAP
        )
    )


def test_the_ilrs_roadmap_applies_on_30_june_and_nothing_is_uncertain(
    query: Run,
) -> None:
    view = status(query, "ilrs", "2021-06-30")
    assert view["uncertain"] == []
    assert (view["status"], view["target_launch"]) == ("proposed", "2030/2033")
    assert "Uncertain" not in succeeded(query("status", "ilrs", "--at", "2021-06-30"))
    # On 1 March 2022 the note "between 24 February and 1 March" is not listed.
    assert status(query, "ilrs", "2022-02-26")["uncertain"] == []
    assert status(query, "venera-d", "2022-02-26")["uncertain"] == [
        {
            "id": seed_id("venera-d/nasa-replaced-by-cnsa"),
            "kind": "partner-replaced",
            "occurred": "2022-02-24/2022-03-01",
            "earliest": "2022-02-24",
            "latest": "2022-03-01",
            "summary": line("venera-d/nasa-replaced-by-cnsa")["summary"],
        }
    ]


def test_a_corrected_date_settles_what_was_uncertain(
    run: Run, seeded_store: str
) -> None:
    proposed = seed_id("ilrs/proposed")
    correction = parsed(run("correct", proposed[:8], "--on", "2021-06-05", "--json"))
    view = status(run, "ilrs", "2021-06-10")
    assert view["status"] == "proposed"
    assert [u["id"] for u in view["uncertain"]] == [
        seed_id(k) for k in ILRS_ROADMAP[1:]
    ]
    then = (instant(correction) - timedelta(microseconds=1)).isoformat()
    old = status(run, "ilrs", "2021-06-10", "--known-at", then)
    assert old["status"] is None
    assert [u["id"] for u in old["uncertain"]] == [seed_id(k) for k in ILRS_ROADMAP]


# history


def change(
    key: str, subject: str, frm: str | None, to: str, **fields: Any
) -> dict[str, Any]:
    """A change as `history --json` gives it, caused by the seed fact `key`."""
    fact = line(key)
    occurred = parse_edtf(fact["on"])
    return {
        "mission": fact["mission"],
        "date": fact["on"],
        "earliest": occurred.earliest.isoformat(),
        "latest": occurred.latest.isoformat(),
        "subject": subject,
        "partner": fields.get("partner"),
        "role": fields.get("role"),
        "from": frm,
        "to": to,
        "event": seed_id(key),
        "kind": fact["kind"],
        "summary": fact["summary"],
        "source": ARTICLE,
    }


VENERA_D = [
    change(
        "venera-d/roscosmos-lead",
        "partner",
        None,
        "active",
        partner="roscosmos",
        role="lead",
    ),
    change(
        "venera-d/nasa-prospective",
        "partner",
        None,
        "prospective",
        partner="nasa",
        role="partner",
    ),
    change("venera-d/delayed", "status", None, "delayed"),
    change(
        "venera-d/nasa-replaced-by-cnsa",
        "partner",
        "prospective",
        "withdrawn",
        partner="nasa",
        role="partner",
    ),
    change(
        "venera-d/nasa-replaced-by-cnsa",
        "partner",
        None,
        "prospective",
        partner="cnsa",
        role="partner",
    ),
]


def test_history_gives_every_change_with_its_date_event_and_source(
    query: Run,
) -> None:
    assert parsed(query("history", "Venera D", "--json")) == VENERA_D


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--from", "2022-02-24"), VENERA_D[3:]),
        (("--to", "2022-02-28"), VENERA_D[:3]),
        (("--to", "2022-03-01"), VENERA_D),
        (("--from", "2022-02-25"), []),
        (("--from", "2022-02-24", "--to", "2022-02-28"), []),
        (("--from", "2022-01-01", "--to", "2022-12-31"), VENERA_D[3:]),
    ],
)
def test_history_from_and_to_keep_the_changes_surely_dated_between(
    query: Run, options: tuple[str, ...], expected: list[dict[str, Any]]
) -> None:
    assert parsed(query("history", "venera-d", "--json", *options)) == expected


def test_history_reads_as_a_table(query: Run) -> None:
    summary = line("venera-d/nasa-replaced-by-cnsa")["summary"]
    swap = seed_id("venera-d/nasa-replaced-by-cnsa")[:8]
    assert succeeded(query("history", "venera-d", "--from", "2022-02-24")) == (
        "DATE                   CHANGE                                    EVENT"
        "     SUMMARY\n"
        f"2022-02-24/2022-03-01  nasa (partner): prospective -> withdrawn  {swap}"
        f"  {summary}\n"
        f"2022-02-24/2022-03-01  cnsa (partner): - -> prospective          {swap}"
        f"  {summary}\n"
    )
    assert succeeded(query("history", "venera-d", "--from", "2023-01-01")) == (
        "No changes in that time.\n"
    )


# changes


WEEK = ("changes", "--from", "2022-02-24", "--to", "2022-03-03")


def test_changes_in_the_week_after_the_invasion_grouped_by_mission(
    query: Run,
) -> None:
    groups = parsed(query(*WEEK, "--json"))
    assert groups == [
        {
            "mission": "exomars",
            "name": "ExoMars",
            "changes": [change("exomars/at-risk", "status", "planned", "at_risk")],
        },
        {"mission": "venera-d", "name": "Venera-D", "changes": VENERA_D[3:]},
        {
            "mission": "soyuz-kourou",
            "name": "Soyuz at the Guiana Space Centre",
            "changes": [
                change(
                    "soyuz-kourou/roscosmos-suspended",
                    "partner",
                    "active",
                    "suspended",
                    partner="roscosmos",
                    role="partner",
                ),
                change("soyuz-kourou/suspended", "status", "operating", "suspended"),
            ],
        },
    ]
    # Nothing dated only "on or before" a day: Luna 27's and Chang'e's facts are
    # dated "by 1 March 2022", which may be long before the invasion.
    assert {g["mission"] for g in groups}.isdisjoint({"luna-27", "change-6", "iss"})


def test_changes_read_as_tables_under_each_mission(query: Run) -> None:
    text = succeeded(query(*WEEK))
    lines = text.splitlines()
    assert [ln for ln in lines if not ln.startswith(" ")] == [
        "ExoMars (exomars)",
        "Venera-D (venera-d)",
        "Soyuz at the Guiana Space Centre (soyuz-kourou)",
    ]
    assert lines[1].split() == ["DATE", "CHANGE", "EVENT", "SUMMARY"]
    assert lines[2].startswith(
        f"  2022-02-28  status: planned -> at_risk  {AT_RISK[:8]}  ESA said"
    )
    assert lines[-1].startswith("  2022-02-26  status: operating -> suspended")
    assert succeeded(
        query("changes", "--from", "2023-01-01", "--to", "2023-12-31")
    ) == ("No changes dated from 2023-01-01 to 2023-12-31.\n")
    assert (
        parsed(query("changes", "--from", "2023-01-01", "--to", "2023-12-31", "--json"))
        == []
    )


def test_changes_before_the_end_of_february_leave_out_what_may_be_later(
    query: Run,
) -> None:
    groups = parsed(
        query("changes", "--from", "2022-02-24", "--to", "2022-02-27", "--json")
    )
    assert [(g["mission"], len(g["changes"])) for g in groups] == [("soyuz-kourou", 2)]


# list --partner


@pytest.mark.parametrize(
    ("options", "missions"),
    [
        (
            ("--partner", "cnsa"),
            ["venera-d", "luna-27", "change-6", "change-7", "ilrs"],
        ),
        (("--partner", "CNSA", "--standing", "prospective"), ["venera-d"]),
        (
            ("--partner", "cnsa", "--standing", "ACTIVE"),
            ["luna-27", "change-6", "change-7", "ilrs"],
        ),
        (("--partner", "nasa"), ["venera-d"]),
        (("--partner", "nasa", "--standing", "withdrawn"), ["venera-d"]),
        (("--partner", "nasa", "--standing", "prospective"), []),
        (("--partner", "roscosmos", "--standing", "suspended"), ["soyuz-kourou"]),
        (("--partner", "esa"), ["exomars", "soyuz-kourou"]),
        (("--partner", "jaxa"), []),
    ],
)
def test_list_the_missions_a_partner_had_a_part_in_on_a_date(
    query: Run, options: tuple[str, ...], missions: list[str]
) -> None:
    views = parsed(query("list", "--at", "2022-03-01", "--json", *options))
    assert [v["mission"] for v in views] == missions
    everyone = parsed(query("list", "--at", "2022-03-01", "--json"))
    assert views == [v for v in everyone if v["mission"] in missions]


def test_list_partner_before_the_swap_and_as_a_table(query: Run) -> None:
    views = parsed(query("list", "--partner", "cnsa", "--at", "2022-02-28", "--json"))
    assert [v["mission"] for v in views] == ["ilrs"]
    assert succeeded(
        query(
            "list",
            "--partner",
            "cnsa",
            "--standing",
            "prospective",
            "--at",
            "2022-03-01",
        )
    ) == (
        "Missions on 2022-03-01\n"
        "MISSION   STATUS   LAST CHANGE            LAUNCH TARGET  PARTNERS\n"
        "venera-d  delayed  2022-02-24/2022-03-01                 roscosmos,"
        " nasa (withdrawn), cnsa (prospective)\n"
    )


# partners


def cell(role: str, standing: str = "active") -> dict[str, str]:
    return {"role": role, "standing": standing}


def row(slug: str, name: str, **cells: dict[str, str]) -> dict[str, Any]:
    return {
        "partner": slug,
        "name": name,
        "missions": {m: cells.get(m.replace("-", "_")) for m in MISSIONS},
    }


def test_partners_is_a_partner_by_mission_table_on_a_date(query: Run) -> None:
    assert parsed(query("partners", "--at", "2022-03-01", "--json")) == [
        row(
            "cnsa",
            "China National Space Administration (CNSA)",
            venera_d=cell("partner", "prospective"),
            luna_27=cell("partner"),
            change_6=cell("lead"),
            change_7=cell("lead"),
            ilrs=cell("lead"),
        ),
        row(
            "esa",
            "European Space Agency (ESA)",
            exomars=cell("lead"),
            soyuz_kourou=cell("lead"),
        ),
        row(
            "nasa",
            "National Aeronautics and Space Administration (NASA)",
            venera_d=cell("partner", "withdrawn"),
        ),
        row(
            "roscosmos",
            "Roscosmos",
            exomars=cell("partner"),
            venera_d=cell("lead"),
            luna_27=cell("lead"),
            change_6=cell("partner"),
            change_7=cell("partner"),
            ilrs=cell("lead"),
            soyuz_kourou=cell("partner", "suspended"),
            iss=cell("partner"),
        ),
    ]


def test_partners_before_the_invasion(query: Run) -> None:
    rows = parsed(query("partners", "--at", "2022-02-25", "--json"))
    assert [r["partner"] for r in rows] == ["cnsa", "esa", "nasa", "roscosmos"]
    cnsa = rows[0]["missions"]
    assert {m: c for m, c in cnsa.items() if c} == {"ilrs": cell("lead")}
    assert rows[2]["missions"]["venera-d"] == cell("partner", "prospective")
    assert rows[3]["missions"]["soyuz-kourou"] == cell("partner")
    assert parsed(query("partners", "--at", "2021-01-01", "--json")) == []


def test_partners_reads_as_a_table(query: Run) -> None:
    assert succeeded(query("partners", "--at", "2022-03-01")) == (
        "Partners on 2022-03-01\n"
        "PARTNER    EXOMARS  VENERA-D              LUNA-27  CHANGE-6  CHANGE-7  ILRS"
        "  SOYUZ-KOUROU        ISS\n"
        "cnsa       -        partner, prospective  partner  lead      lead      lead"
        "  -                   -\n"
        "esa        lead     -                     -        -         -         -"
        "     lead                -\n"
        "nasa       -        partner, withdrawn    -        -         -         -"
        "     -                   -\n"
        "roscosmos  partner  lead                  lead     partner   partner   lead"
        "  partner, suspended  partner\n"
    )


# Bad input


@pytest.fixture
def twins(seeded_store: str) -> str:
    """The seeded store, with two notes whose ids both start with `abcd0000`."""
    assert not any(seed_id(found["key"]).startswith("abcd") for found in seed_lines())
    tracker = MissionTracker(seeded_store)
    try:
        for twin in TWINS:
            tracker.record(
                "iss",
                "noted",
                Report(
                    id=twin,
                    occurred=parse_edtf("2022-03-02"),
                    source=Source(publication="NASA"),
                    summary="The station kept flying.",
                ),
                {},
            )
    finally:
        tracker.close()
    return seeded_store


WITH_REASON = ("--reason", "Wrong.", "--source", "ESA")


BAD_INPUT: list[tuple[tuple[str, ...], int, str]] = [
    (
        ("status", "exomars", "--known-at", "2022-13-01"),
        2,
        f"'2022-13-01' is not a valid time; {TIME_FORMS}",
    ),
    (
        ("list", "--known-at", "yesterday"),
        2,
        f"'yesterday' is not a valid time; {TIME_FORMS}",
    ),
    (
        ("log", "exomars", "--known-at", "2022-03-02T25:00"),
        2,
        f"'2022-03-02T25:00' is not a valid time; {TIME_FORMS}",
    ),
    (
        ("history", "exomars", "--known-at", "2022/03/02"),
        2,
        f"'2022/03/02' is not a valid time; {TIME_FORMS}",
    ),
    (
        (*WEEK, "--known-at", "soon"),
        2,
        f"'soon' is not a valid time; {TIME_FORMS}",
    ),
    (
        ("partners", "--known-at", "2022-03-02T12:00:00+25:00"),
        2,
        f"'2022-03-02T12:00:00+25:00' is not a valid time; {TIME_FORMS}",
    ),
    (
        ("correct", "ffffffff", "--summary", "x"),
        2,
        "no event has an id starting 'ffffffff'; `missions log MISSION` shows the ids",
    ),
    (
        ("retract", "ffff-ffff", *WITH_REASON),
        2,
        "no event has an id starting 'ffff-ffff'; `missions log MISSION` shows the ids",
    ),
    (
        ("correct", "abcd", "--summary", "x"),
        2,
        f"event id 'abcd' is ambiguous: {TWINS[0]}, {TWINS[1]}",
    ),
    (
        ("retract", "ABCD0000-0000", *WITH_REASON),
        2,
        f"event id 'ABCD0000-0000' is ambiguous: {TWINS[0]}, {TWINS[1]}",
    ),
    (
        ("correct", "abc", "--summary", "x"),
        2,
        "event id 'abc' is too short; give 4 or more characters",
    ),
    (
        ("correct", "a-b-c", "--summary", "x"),
        2,
        "event id 'a-b-c' is too short; give 4 or more characters",
    ),
    (
        ("retract", "", *WITH_REASON),
        2,
        "event id '' is too short; give 4 or more characters",
    ),
    (("list", "--standing", "active"), 2, "--standing needs --partner"),
    (
        ("list", "--partner", "spacex"),
        2,
        f"unknown partner 'spacex'; {KNOWN_PARTNERS}",
    ),
    (
        ("list", "--partner", "cnsa", "--standing", "gone"),
        2,
        "Invalid value for '--standing': 'gone' is not one of 'active',"
        " 'prospective', 'suspended', 'withdrawn'.",
    ),
    (
        ("correct", AT_RISK),
        1,
        "nothing to correct: give the fields that were wrong",
    ),
    (
        ("correct", AT_RISK[:8], "--status", "at_risk", "--on", "2022-02-28"),
        1,
        f"the correction changes nothing: event {AT_RISK} already says so",
    ),
    (
        ("history", "exomars", "--from", "2022-03-03", "--to", "2022-02-24"),
        2,
        "--from 2022-03-03 is after --to 2022-02-24; give the earlier date first",
    ),
    (
        ("changes", "--from", "2022-03-03", "--to", "2022-02-24"),
        2,
        "--from 2022-03-03 is after --to 2022-02-24; give the earlier date first",
    ),
    (
        ("correct", seed_id("exomars/esa-lead")[:8], "--partner", "roscosmos"),
        1,
        "roscosmos is already a partner of exomars on ../2022-02-24 (partner, active)",
    ),
    (
        ("correct", AT_RISK[:8], "--source-url", "https://www.esa.int/"),
        2,
        "--source-url needs --source: say who reported it",
    ),
    (
        ("correct", AT_RISK[:8], "--source-title", "ExoMars", "--summary", "x"),
        2,
        "--source-title needs --source: say who reported it",
    ),
    (
        ("correct", AT_RISK[:8], "--summary", "  "),
        2,
        "--summary is empty; write one sentence in our own words, or leave"
        " --summary out",
    ),
    (
        ("correct", AT_RISK[:8], "--on", "2022-02-30"),
        2,
        f"'2022-02-30' is not a valid EDTF date; {EDTF_FORMS}",
    ),
    (
        ("correct", AT_RISK[:8], "--partner", "spacex"),
        2,
        f"unknown partner 'spacex'; {KNOWN_PARTNERS}",
    ),
    (
        ("correct", AT_RISK[:8], "--summary", "x", "--mission", "exomar"),
        2,
        "unknown mission 'exomar'; did you mean: exomars?",
    ),
    (
        ("correct", AT_RISK[:8], "--partner", "esa"),
        1,
        "a StatusChanged cannot have its partner corrected; it can have:"
        " occurred, quote, source, status, summary",
    ),
    (
        ("correct", EXOMARS[:8], "--status", "planned"),
        1,
        "a Registered cannot have its status corrected; it can have: occurred,"
        " quote, source, summary",
    ),
    (
        ("correct", AT_RISK[:8], "--summary", "x", "--mission", "iss"),
        1,
        f"event {AT_RISK} is an event of exomars, not of iss",
    ),
    (
        ("correct", AT_RISK[:8], "--quote", " ".join(["word"] * 30)),
        1,
        "a quote must be under 25 words (this one has 30); say the rest in the"
        " summary, in our own words",
    ),
    (("retract", AT_RISK[:8], "--source", "ESA"), 2, "Missing option '--reason'."),
    (("retract", AT_RISK[:8], "--reason", "x"), 2, "Missing option '--source'."),
    (
        ("retract", AT_RISK[:8], "--reason", " ", "--source", "ESA"),
        2,
        "--reason is empty; say why the event should not have been recorded",
    ),
    (
        ("retract", EXOMARS[:8], *WITH_REASON),
        1,
        "a registration cannot be retracted; correct its date or source instead",
    ),
    (
        ("history", "exomars", "--from", "2022-13-01"),
        2,
        "'2022-13-01' is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01",
    ),
    (("changes", "--from", "2022-02-24"), 2, "Missing option '--to'."),
    (
        ("partners", "--at", "March"),
        2,
        "'March' is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01",
    ),
]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    BAD_INPUT,
    ids=[" ".join(args)[:40] for args, _, _ in BAD_INPUT],
)
def test_bad_input_is_one_line_the_right_exit_code_and_nothing_written(
    run: Run,
    twins: str,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    before = stored_rows(twins)
    assert refused(run(*args), code) == message
    assert stored_rows(twins) == before


def test_a_full_id_or_a_longer_prefix_tells_the_twins_apart(
    run: Run, twins: str
) -> None:
    view = parsed(run("correct", str(TWINS[1]), "--summary", "It flew on.", "--json"))
    assert (view["mission"], view["corrects"]) == ("iss", str(TWINS[1]))
    other = parsed(
        run("retract", "ABCD0000-0000-4000-8000-000000000001", *WITH_REASON, "--json")
    )
    assert other["retracts"] == str(TWINS[0])
    events = log(run, "iss")
    assert [e["id"] for e in events[-4:-2]] == [str(t) for t in TWINS]
    assert events[-4]["retracted_by"] == other["id"]
    assert events[-3]["corrected_by"] == [view["id"]]
