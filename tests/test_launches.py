"""Once a mission has launched (a `launch` milestone), its answers say when, and
its launch target steps aside; a `landing` milestone says when it landed: in
`status` and `list`, as text and JSON, and in the explorer's table."""

from __future__ import annotations

import json

from adapters.web.statustable import status_table
from tests.conftest import Run

LAUNCH = ("record", "change-6", "milestone", "--milestone", "launch")
LANDING = ("record", "change-6", "milestone", "--milestone", "landing")


def flown(run: Run) -> None:
    for args, on in ((LAUNCH, "2024-05-03"), (LANDING, "2024-06-01")):
        done = run(*args, "--on", on, "--source", "CNSA")
        assert done.exit_code == 0, done.output


def test_a_launch_and_a_landing_are_dates_of_their_own(
    run: Run, seeded_store: str
) -> None:
    assert (
        run(
            "record",
            "change-6",
            "launch-target-changed",
            "--target",
            "2024~",
            "--on",
            "2023-01-01",
            "--source",
            "CNSA",
        ).exit_code
        == 0
    )
    before = json.loads(
        run("status", "change-6", "--at", "2024-05-02", "--json").stdout
    )
    assert (before["launched"], before["landed"]) == (None, None)
    assert before["target_launch"] == "2024~"
    flown(run)
    between = json.loads(
        run("status", "change-6", "--at", "2024-05-10", "--json").stdout
    )
    assert (between["launched"], between["landed"]) == ("2024-05-03", None)
    assert between["target_launch"] == "2024~"  # every key stays
    after = json.loads(run("list", "--at", "2024-06-30", "--json").stdout)
    change6 = next(view for view in after if view["mission"] == "change-6")
    assert (change6["launched"], change6["landed"]) == ("2024-05-03", "2024-06-01")


def test_the_text_says_launched_and_leaves_out_the_target(
    run: Run, seeded_store: str
) -> None:
    flown(run)
    status = run("status", "change-6", "--at", "2024-06-30").stdout.splitlines()
    assert "  Launched:       2024-05-03" in status
    assert "  Landed:         2024-06-01" in status
    assert not any(line.startswith("  Launch target:") for line in status)
    listed = run("list", "--at", "2024-06-30").stdout.splitlines()
    assert listed[1].split()[:4] == ["MISSION", "STATUS", "SINCE", "LAUNCH"]
    row = next(line for line in listed if line.startswith("change-6 "))
    assert "launched 2024-05-03" in row
    exomars = next(line for line in listed if line.startswith("exomars "))
    assert "target 2022-09" in exomars


def test_the_explorer_shows_launched_in_place_of_the_target(
    run: Run, seeded_store: str
) -> None:
    flown(run)
    views = json.loads(run("list", "--at", "2024-06-30", "--json").stdout)
    table = status_table(views)
    cells = {
        row.get("data-mission"): row.findtext("td[@class='target']")
        for row in table.iter("tr")
        if row.get("data-mission")
    }
    assert cells["change-6"] == "launched 2024-05-03"
    assert cells["exomars"] == "2022-09"
