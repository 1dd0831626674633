"""Windows that say what they are unsure of: `changes` and `history --from/--to`
answer every fact whose dates touch the window, `"within": "surely"` if its days
all lie in it, `"possibly"` if only some may; either end may be left open, and
`changes` takes `--mission` and `--partner`. On the store of every built-in pack,
the cases an analyst found left out come back, marked."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Run


def told(run: Run, *args: str) -> list[tuple[str, str, str, str | None, Any]]:
    done = run("changes", *args, "--json")
    assert done.exit_code == 0, done.output
    return [
        (g["mission"], c["date"], c["within"], c["partner"], c["to"])
        for g in json.loads(done.stdout)
        for c in g["changes"]
    ]


def test_what_may_have_happened_in_a_window_comes_back_marked(every_pack: Run) -> None:
    run = every_pack
    # Soyuz at Kourou was cancelled "on or before 19 March 2022".
    march = told(run, "--from", "2022-02-24", "--to", "2022-03-31")
    assert ("soyuz-kourou", "../2022-03-19", "possibly", None, "cancelled") in march
    assert ("soyuz-kourou", "2022-02-26", "surely", None, "suspended") in march
    # Belarus, Thailand, APSCO and Serbia joined the ILRS on or before a day of
    # 2023 or 2024.
    joined = told(
        run, "--from", "2023-01-01", "--to", "2024-12-31", "--mission", "ilrs"
    )
    for partner in ("belarus", "thailand", "apsco", "serbia"):
        assert any(p == partner and w == "possibly" for _, _, w, p, _ in joined)
    assert {m for m, *_ in joined} == {"ilrs"}


def test_a_partner_and_open_ends(every_pack: Run) -> None:
    run = every_pack
    belarus = told(run, "--from", "2023-01-01", "--partner", "Belarus")
    assert belarus == [("ilrs", "../2023-10-25", "possibly", "belarus", "active")]
    everything = told(run)
    assert all(within == "surely" for _, _, within, _, _ in everything)
    until = told(run, "--to", "2022-02-26", "--mission", "soyuz-kourou")
    assert ("soyuz-kourou", "2022-02-26", "surely", None, "suspended") in until
    # "On or before 19 March" may have been by 26 February.
    assert ("soyuz-kourou", "../2022-03-19", "possibly", None, "cancelled") in until
    assert not [c for c in until if c[1] == "2022-03-17"]  # surely after it


def test_the_text_marks_what_only_possibly_lies_within(every_pack: Run) -> None:
    done = every_pack(
        "changes",
        "--from",
        "2022-03-01",
        "--to",
        "2022-03-31",
        "--mission",
        "soyuz-kourou",
    )
    lines = done.stdout.splitlines()
    cancelled = next(line for line in lines if "-> cancelled" in line)
    assert cancelled.startswith("  ../2022-03-19 ?  ")
    assert lines[-1] == (
        "  ? dated in part outside the window: it may or may not lie within it"
    )
