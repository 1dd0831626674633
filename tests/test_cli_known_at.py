"""--known-at on the command line: every question as it was known at a time, on
real SQLite files and PostgreSQL schemas."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from tests.answers import parsed, succeeded
from tests.article import MISSIONS
from tests.conftest import Run
from tests.two_axes import (
    WEEK,
    between,
    instant,
    log,
    record,
    refused,
    status,
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
        since = (view["since"], view["last_change"])
        return (view["status"], *since, view["target_launch"], view["facts"])

    # The registration and the five facts of the seed, then one more, then two.
    assert known(before) == ("at_risk", "2022-02-28", "2022-02-28", "2022-09", 6)
    assert known(middle) == ("suspended", "2022-03-07", "2022-03-07", "2022-09", 7)
    # At or before: an event recorded at exactly T counts. The new launch target
    # is the last change; the suspension began the day before.
    last = known(events[7]["recorded_at"])
    assert last == ("suspended", "2022-03-07", "2022-03-08", "2028", 8)
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
        "  Status:         suspended since 2022-03-07",
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


def exomars_history(
    run: Run, known_at: str
) -> list[tuple[str, str | None, str | None]]:
    """ExoMars's changes of status from 25 February 2022, as known at a time."""
    views = parsed(
        run(
            *("history", "exomars", "--from", "2022-02-25"),
            *("--json", "--known-at", known_at),
        )
    )
    return [(v["date"], v["from"], v["to"]) for v in views]


def changes_in_the_week(run: Run, known_at: str) -> list[tuple[str, int]]:
    """How many changes each mission surely had in the week after the invasion,
    as known at a time (those only possibly in it left out)."""
    groups = parsed(run(*WEEK, "--json", "--known-at", known_at))
    counted = [
        (g["mission"], sum(c["within"] == "surely" for c in g["changes"]))
        for g in groups
    ]
    return [(mission, count) for mission, count in counted if count]


def roscosmos_on_exomars(run: Run, known_at: str) -> Any:
    """Roscosmos's part in ExoMars on 3 March 2022, as known at a time."""
    rows = parsed(
        run("partners", "--at", "2022-03-03", "--json", "--known-at", known_at)
    )
    row = next(r for r in rows if r["partner"] == "roscosmos")
    return row["missions"]["exomars"]


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

    assert exomars_history(run, before) == [("2022-02-28", "planned", "at_risk")]
    assert exomars_history(run, after) == [
        ("2022-02-28", "planned", "at_risk"),
        ("2022-03-02", "active", "suspended"),
    ]
    # The notes on the ILRS and the ISS, dated within the week, are told too.
    assert changes_in_the_week(run, before) == [
        ("exomars", 1),
        ("venera-d", 2),
        ("ilrs", 1),
        ("soyuz-kourou", 2),
        ("iss", 1),
    ]
    assert changes_in_the_week(run, after) == [
        ("exomars", 2),
        ("venera-d", 2),
        ("ilrs", 1),
        ("soyuz-kourou", 2),
        ("iss", 1),
    ]
    assert roscosmos_on_exomars(run, before) == {
        "role": "partner",
        "standing": "active",
        "contributions": [],
    }
    assert roscosmos_on_exomars(run, after) == {
        "role": "partner",
        "standing": "suspended",
        "contributions": [],
    }
    eve = (instant(events[0]).astimezone(UTC).date() - timedelta(days=1)).isoformat()
    assert parsed(run("partners", "--known-at", eve, "--json")) == []
    assert parsed(run(*WEEK, "--known-at", eve, "--json")) == []
