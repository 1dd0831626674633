"""correct and retract on the command line: a new event supersedes or withdraws
an earlier one, which stays in the log; on real SQLite files and PostgreSQL
schemas."""

from __future__ import annotations

from typing import Any

from tests.answers import parsed, succeeded
from tests.article import ARTICLE, ESA
from tests.conftest import Run
from tests.stores import stored_rows
from tests.two_axes import (
    AT_RISK,
    between,
    log,
    refused,
    roles,
    seed_id,
    status,
)


def amendment(view: dict[str, Any], kind: str, **fields: Any) -> dict[str, Any]:
    """A correction or retraction of ExoMars's seventh event as `--json` prints it:
    its own id and time, no date or quote of its own, and these fields."""
    return {
        "id": view["id"],
        "mission": "exomars",
        "version": 8,
        "type": kind.capitalize(),
        "kind": kind,
        "occurred": None,
        "earliest": None,
        "latest": None,
        "recorded_at": view["recorded_at"],
        "quote": None,
        **fields,
    }


def status_since(run: Run, on: str, *options: str) -> tuple[str, str]:
    """ExoMars's status on a day and since when it holds."""
    view = status(run, "exomars", on, *options)
    return (view["status"], view["since"])


def exomars_history(run: Run, start: str, *options: str) -> list[dict[str, Any]]:
    """ExoMars's changes (`history --json`) from a day on."""
    found: list[dict[str, Any]] = parsed(
        run("history", "exomars", "--from", start, "--json", *options)
    )
    return found


def first_listed_status(run: Run, *options: str) -> Any:
    """The status of the first mission `list --json` shows on 10 March 2022."""
    return parsed(run("list", "--at", "2022-03-10", "--json", *options))[0]["status"]


# correct


def test_correct_by_a_short_id_moves_the_fact_and_keeps_the_original(
    run: Run, suspended: dict[str, Any]
) -> None:
    reason = "The Council met on 17 March, not 7 March."
    options = ("--on", "2022-03-17", "--reason", reason, "--json")
    view = parsed(run("correct", suspended["id"][:6], *options))
    on_17_march = dict.fromkeys(("edtf", "earliest", "latest"), "2022-03-17")
    assert view == amendment(
        view,
        "corrected",
        summary=reason,
        source=None,
        corrects=suspended["id"],
        changes={"occurred": on_17_march},
    )
    events = log(run, "exomars")
    # The original stays in the log as recorded, marked as corrected.
    assert events[6] == {
        **suspended,
        "corrected_by": [view["id"]],
        "retracted_by": None,
        "sources": [ESA],
    }
    assert events[7] == {**view, "corrected_by": [], "retracted_by": None}
    assert len(events) == 8

    assert status_since(run, "2022-03-10") == ("at_risk", "2022-02-28")
    assert status_since(run, "2022-03-17") == ("suspended", "2022-03-17")
    then = between(events[6], events[7]).isoformat()
    old = status_since(run, "2022-03-10", "--known-at", then)
    assert old == ("suspended", "2022-03-07")

    assert first_listed_status(run) == "at_risk"
    assert first_listed_status(run, "--known-at", then) == "suspended"

    history = exomars_history(run, "2022-02-25")
    assert [(h["date"], h["to"], h["event"]) for h in history] == [
        ("2022-02-28", "at_risk", AT_RISK),
        ("2022-03-17", "suspended", suspended["id"]),
    ]
    history_then = exomars_history(run, "2022-02-25", "--known-at", then)
    assert [h["date"] for h in history_then] == ["2022-02-28", "2022-03-07"]

    week = ("changes", "--from", "2022-03-01", "--to", "2022-03-10", "--json")
    assert surely_changed(parsed(run(*week))) == []
    assert surely_changed(parsed(run(*week, "--known-at", then))) == ["exomars"]


def surely_changed(groups: list[dict[str, Any]]) -> list[str]:
    """The missions with a change surely within the window asked about."""
    return [
        g["mission"]
        for g in groups
        if any(c["within"] == "surely" for c in g["changes"])
    ]


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
    assert after["last_change"] == "2022-03-07"
    assert after["sources"] == [ARTICLE, source]
    history = parsed(run("history", "exomars", "--from", "2022-03-01", "--json"))
    assert history == [
        {
            "mission": "exomars",
            "date": "2022-03-07",
            "earliest": "2022-03-07",
            "latest": "2022-03-07",
            "within": "surely",
            "subject": "status",
            "partner": None,
            "role": None,
            "from": "at_risk",
            "to": "cancelled",
            "by_party": None,
            "detail": None,
            "announced": False,
            "occurred": "2022-03-07",
            "effective": None,
            "event": suspended["id"],
            "kind": "status-changed",
            "summary": "ESA cancelled its part in ExoMars.",
            "source": source,
        }
    ]
    # The log keeps the fact as first recorded, its sources too.
    assert log(run, "exomars")[6]["source"] == ESA
    assert log(run, "exomars")[6]["sources"] == [ESA]
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
    # Russia's word of 2022 still withdraws NASA, in the role it then had.
    later = status(run, "venera-d", "2022-03-01")
    assert roles(later)[1:] == [("nasa", "contributor", "withdrawn")]
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
    assert view == amendment(
        view,
        "retracted",
        summary=f"Retracted {suspended['id']}: ESA denied it.",
        source=source,
        retracts=suspended["id"],
        reason="ESA denied it.",
    )
    events = log(run, "exomars")
    assert events[6] == {
        **suspended,
        "corrected_by": [],
        "retracted_by": view["id"],
        "sources": [ESA],
    }
    assert events[7] == {**view, "corrected_by": [], "retracted_by": None}
    after = status(run, "exomars", "2022-03-31")
    assert (after["status"], after["facts"]) == ("at_risk", 6)
    then = between(events[6], events[7]).isoformat()
    assert status(run, "exomars", "2022-03-31", "--known-at", then)["status"] == (
        "suspended"
    )
    history = exomars_history(run, "2022-03-01")
    assert history == []
    history_then = exomars_history(run, "2022-03-01", "--known-at", then)
    assert [h["event"] for h in history_then] == [suspended["id"]]
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
