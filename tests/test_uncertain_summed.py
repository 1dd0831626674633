"""The facts that may or may not have happened by a day are summed up in one line,
with their count, in the text of `status` (`--uncertain` lists them) and in the
explorer's table (a toggle opens the list); JSON keeps them all."""

from __future__ import annotations

import json

from adapters.web.statustable import status_table
from tests.conftest import Run


def test_the_explorer_sums_them_up_in_a_toggle(query: Run) -> None:
    views = json.loads(query("list", "--at", "2022-02-25", "--json").stdout)
    change6 = next(view for view in views if view["mission"] == "change-6")
    assert len(change6["uncertain"]) == 3
    row = next(
        row
        for row in status_table(views).iter("tr")
        if row.get("data-mission") == "change-6"
    )
    toggle = row.find("td[@class='state']/details[@class='uncertain']")
    assert toggle is not None
    assert toggle.get("open") is None  # closed until opened
    assert toggle.findtext("summary") == (
        "3 facts may or may not have happened by 2022-02-25"
    )
    assert len(toggle.findall("ul/li")) == 3


def test_one_fact_is_one_fact(query: Run) -> None:
    """Rogozin's word on Venera-D, dated 24 February to 1 March 2022."""
    said = query("status", "venera-d", "--at", "2022-02-28").stdout.splitlines()
    assert "  Uncertain:      1 fact may or may not have happened by 2022-02-28" in [
        line.removesuffix(" (--uncertain lists them)") for line in said
    ]
