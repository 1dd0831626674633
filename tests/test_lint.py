"""`missions lint`: the facts that deserve a second look, refused by nothing;
and the same warnings from `record`, `correct` and `add` (listed by `add
--dry-run`). On both stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from adapters.packs.reading import read_pack
from adapters.packs.seed import PACKS
from tests.conftest import Run
from tests.stores import stored_rows

SOURCE = ["--source", "ESA", "--source-title", "A release", "--source-date"]


def looks(run: Run) -> list[dict[str, Any]]:
    said = run("lint", "--json")
    assert said.exit_code == 0, said.output
    found: list[dict[str, Any]] = json.loads(said.stdout)
    return found


def rules_of(run: Run, mission: str) -> list[str]:
    return [look["rule"] for look in looks(run) if look["mission"] == mission]


def recorded(run: Run, *args: str) -> str:
    """Record a fact; its warnings, as `record` prints them on stderr."""
    said = run("record", *args)
    assert said.exit_code == 0, said.output
    assert said.stdout.startswith("Recorded ")
    return str(said.stderr)


def test_a_fact_dated_after_its_source_is_flagged_a_plan_is_not(run: Run) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    warned = recorded(
        run, "exomars", "noted", "--on", "2025-05-18", *SOURCE, "2025-05-08",
        "--summary", "A note dated after its source.",
    )  # fmt: skip
    assert warned.startswith("Warning: exomars ")
    assert warned.endswith(
        "(noted, 2025-05-18): it is dated 2025-05-18, after its source was"
        " published on 2025-05-08 [after-publication]\n"
    )
    plan = recorded(
        run, "exomars", "launch-target-changed", "--target", "2030", "--on",
        "2025-06-01", *SOURCE, "2025-05-08",
    )  # fmt: skip
    announced = recorded(
        run, "exomars", "status-changed", "--status", "suspended", "--on",
        "2025-05-08", "--effective", "2025-07-01", *SOURCE, "2025-05-08",
    )  # fmt: skip
    assert (plan, announced) == ("", "")
    assert rules_of(run, "exomars") == ["after-publication"]


def test_a_status_in_flight_before_the_launch_is_flagged(run: Run) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    recorded(
        run, "luna-27", "milestone", "--milestone", "launch", "--on", "2023-01-01",
        *SOURCE, "2023-01-02",
    )  # fmt: skip
    warned = recorded(
        run, "luna-27", "status-changed", "--status", "launched", "--on",
        "2022-12-01", *SOURCE, "2023-01-02",
    )  # fmt: skip
    assert "launched on 2022-12-01, before its launch on 2023-01-01" in warned
    assert rules_of(run, "luna-27") == ["status-before-launch"]


def test_a_contribution_by_a_partner_that_had_withdrawn_is_flagged(run: Run) -> None:
    """Recorded after the contribution, a withdrawal dated before it: refused
    the other way round, the two can come to be in this order."""
    assert run("seed", "--only", "article").exit_code == 0
    recorded(
        run, "change-6", "contribution-added", "--partner", "roscosmos",
        "--contribution", "a camera", "--on", "2022-07-01", *SOURCE, "2022-07-02",
    )  # fmt: skip
    warned = recorded(
        run, "change-6", "partner-withdrawn", "--partner", "roscosmos", "--on",
        "2022-06-01", *SOURCE, "2022-07-03",
    )  # fmt: skip
    assert "roscosmos had withdrawn by 2022-06-30" in warned
    assert rules_of(run, "change-6") == ["withdrawn-contributor"]


def test_a_milestone_after_the_mission_ended_is_flagged(run: Run) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    recorded(
        run, "luna-27", "status-changed", "--status", "failed", "--on", "2024-01-01",
        *SOURCE, "2024-01-02",
    )  # fmt: skip
    same_day = recorded(
        run, "luna-27", "milestone", "--milestone", "failure", "--on", "2024-01-01",
        *SOURCE, "2024-01-02",
    )  # fmt: skip
    later = recorded(
        run, "luna-27", "milestone", "--milestone", "landing", "--on", "2024-02-01",
        *SOURCE, "2024-02-02",
    )  # fmt: skip
    assert same_day == ""
    assert "landing on 2024-02-01, after the mission was failed on 2024-01-01" in later
    assert rules_of(run, "luna-27") == ["milestone-after-end"]


def test_a_source_without_a_date_or_a_title_is_flagged_and_a_correction_warns(
    run: Run,
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    assert looks(run) == []  # the article's source gives both
    said = run(
        "record", "venera-d", "noted", "--on", "2022-03-05", "--source", "A blog",
        "--summary", "A blog wrote of Venera-D.", "--json",
    )  # fmt: skip
    assert said.exit_code == 0
    fact = json.loads(said.stdout)["id"]
    assert [(look["rule"], look["why"]) for look in looks(run)] == [
        (
            "source-incomplete",
            "its source, A blog, gives no publication date and no title",
        )
    ]
    corrected = run(
        "correct", fact[:8], "--source", "A blog", "--source-title", "Venera-D",
        "--source-date", "2022-03-01",
    )  # fmt: skip
    assert corrected.exit_code == 0, corrected.output
    assert corrected.stderr == (
        f"Warning: venera-d {fact[:8]} (noted, 2022-03-05): it is dated 2022-03-05,"
        " after its source was published on 2022-03-01 [after-publication]\n"
    )
    assert [look["rule"] for look in looks(run)] == ["after-publication"]


def test_lint_writes_nothing_and_prints_a_line_a_look(run: Run, store: str) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    recorded(
        run, "iss", "noted", "--on", "2022-03-05", "--source", "A blog",
        "--source-title", "ISS", "--summary", "A blog wrote of the ISS.",
    )  # fmt: skip
    rows = stored_rows(store)
    said = run("lint")
    assert said.exit_code == 0
    assert said.stdout.endswith(
        "(noted, 2022-03-05): its source, A blog, gives no publication date"
        " [source-incomplete]\n"
    )
    assert len(said.stdout.splitlines()) == 1
    assert stored_rows(store) == rows


PACK = """\
pack = "a-blog-2022"

[source]
publication = "A blog"
published = 2022-03-01

[[facts]]
key = "later"
mission = "exomars"
kind = "noted"
on = "2022-03-09"
summary = "A note dated after its source."
"""


def test_add_warns_and_a_dry_run_lists_the_warnings(
    run: Run, store: str, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    pack = tmp_path / "pack.toml"
    pack.write_text(PACK, encoding="utf-8")
    rows = stored_rows(store)
    dry = run("add", str(pack), "--dry-run")
    assert dry.exit_code == 0
    assert dry.stderr == ""
    listed = [line for line in dry.stdout.splitlines() if line.startswith("  ! ")]
    assert [line.rsplit(" ", 1)[-1] for line in listed] == [
        "[source-incomplete]",
        "[after-publication]",
    ]
    as_json = json.loads(run("add", str(pack), "--dry-run", "--json").stdout)
    assert [w["rule"] for w in as_json["warnings"]] == [
        "source-incomplete",
        "after-publication",
    ]
    assert stored_rows(store) == rows
    added = run("add", str(pack))
    assert added.exit_code == 0
    assert [line.rsplit(" ", 1)[-1] for line in added.stderr.splitlines()] == [
        "[source-incomplete]",
        "[after-publication]",
    ]
    assert run("add", str(pack)).stderr == ""  # nothing new: nothing to warn of


def test_on_the_built_in_record_only_sources_that_print_no_date_or_title_are_flagged(
    every_pack: Run,
) -> None:
    """What `lint` says of the built-in record: the facts of the sources whose
    pages print no publication date, or no title, each named with what it
    lacks; nothing else."""
    said = every_pack("lint", "--json")
    assert said.exit_code == 0, said.output
    looks = json.loads(said.stdout)
    assert {look["rule"] for look in looks} == {"source-incomplete"}
    found = {
        (
            look["source"]["publication"],
            look["source"]["url"],
            "no publication date" in look["why"],
            "no title" in look["why"],
        )
        for look in looks
    }
    expected = set()
    for path in sorted(PACKS.glob("*.toml")):
        source = read_pack(path).source
        assert source is not None
        undated, untitled = source.published is None, source.title is None
        if undated or untitled:
            expected.add((source.publication, source.url, undated, untitled))
    assert found == expected
