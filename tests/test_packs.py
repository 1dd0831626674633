"""Source packs: added all or nothing, again adding nothing, edited facts
corrected, a dry run writing nothing; and the built-in packs, each fact with its
source. On both kinds of store."""

from __future__ import annotations

import json
import sys
import tomllib
from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import Result

from adapters.eventstore import commands
from adapters.eventstore.tracker import MissionTracker
from adapters.packs.adding import add_pack
from adapters.packs.reading import PackError, read_pack
from adapters.packs.seed import follow_ups, seed_follow_ups
from tests.conftest import Run
from tests.stores import stored_rows

PACK = """\
pack = "esa-2022"

[source]
publication = "ESA"
url = "https://example.org/esa-2022"

[[facts]]
key = "suspended"
mission = "exomars"
kind = "status-changed"
on = "2022-03-17"
status = "suspended"
summary = "ESA suspended ExoMars."

[[facts]]
key = "roscosmos-out"
mission = "exomars"
kind = "partner-withdrawn"
on = "2022-07-12"
partner = "roscosmos"
by_party = "esa"
summary = "ESA ended its work with Roscosmos on ExoMars."
"""


def written(tmp_path: Path, text: str, name: str = "pack.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def json_of(result: Result) -> dict[str, object]:
    assert result.exit_code == 0, result.output
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_a_pack_is_added_once(seeded: MissionTracker, tmp_path: Path) -> None:
    path = written(tmp_path, PACK)
    first = add_pack(seeded, read_pack(path))
    assert [key for key, _ in first.added] == ["suspended", "roscosmos-out"]
    again = add_pack(seeded, read_pack(path))
    assert (again.added, again.fixed, again.unchanged) == ([], [], 2)
    assert seeded.status("exomars", _day("2022-07-31"))["status"] == "suspended"


def test_an_edited_fact_is_corrected_and_the_original_kept(
    seeded: MissionTracker, tmp_path: Path
) -> None:
    path = written(tmp_path, PACK)
    add_pack(seeded, read_pack(path))
    edited = PACK.replace('on = "2022-03-17"', 'on = "2022-03-18"').replace(
        "ESA suspended ExoMars.", "ESA's Council suspended ExoMars."
    )
    plan = add_pack(seeded, read_pack(written(tmp_path, edited)))
    assert [(f.key, f.fields) for f in plan.fixed] == [
        ("suspended", ("occurred", "summary"))
    ]
    assert plan.added == []
    assert seeded.status("exomars", _day("2022-03-17"))["status"] == "at_risk"
    assert seeded.status("exomars", _day("2022-03-18"))["status"] == "suspended"
    log = list(seeded.event_log("exomars"))
    assert [e["kind"] for e in log[-3:]] == [
        "status-changed",
        "partner-withdrawn",
        "corrected",
    ]
    again = add_pack(seeded, read_pack(written(tmp_path, edited)))
    assert (again.added, again.fixed, again.unchanged) == ([], [], 2)


@pytest.mark.parametrize(
    ("edited", "field"),
    [
        (
            PACK.replace('kind = "status-changed"', 'kind = "noted"', 1).replace(
                'status = "suspended"\n', "", 1
            ),
            "kind",
        ),
        (PACK.replace('mission = "exomars"', 'mission = "iss"', 1), "mission"),
    ],
    ids=["kind", "mission"],
)
def test_a_fact_cannot_change_its_kind_or_mission(
    seeded: MissionTracker, tmp_path: Path, store: str, edited: str, field: str
) -> None:
    add_pack(seeded, read_pack(written(tmp_path, PACK)))
    rows = stored_rows(store)
    match = f"line [0-9]+: suspended: {field}: .*{field} cannot change"
    with pytest.raises(PackError, match=match):
        add_pack(seeded, read_pack(written(tmp_path, edited)))
    assert stored_rows(store) == rows


def test_a_retracted_fact_is_left_as_it_is(
    seeded: MissionTracker, tmp_path: Path
) -> None:
    plan = add_pack(seeded, read_pack(written(tmp_path, PACK)))
    fact = plan.added[0][1]
    seeded.retract(str(fact.id), "Not so.", fact.source)
    edited = PACK.replace("ESA suspended ExoMars.", "Something else.")
    again = add_pack(seeded, read_pack(written(tmp_path, edited)))
    assert (again.added, again.fixed, again.unchanged) == ([], [], 2)


def test_ndjson_fact_lines_are_a_pack(seeded: MissionTracker, tmp_path: Path) -> None:
    line = {
        "key": "exomars/suspended-by-hand",
        "mission": "exomars",
        "kind": "status-changed",
        "on": "2022-03-17",
        "status": "suspended",
        "source": {"publication": "ESA"},
    }
    path = written(tmp_path, orjson.dumps(line).decode() + "\n", "facts.ndjson")
    plan = add_pack(seeded, read_pack(path))
    assert [key for key, _ in plan.added] == ["exomars/suspended-by-hand"]
    assert add_pack(seeded, read_pack(path)).unchanged == 1


def test_a_dry_run_writes_nothing_and_says_what_would_differ(
    run: Run, store: str, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    rows = stored_rows(store)
    said = json_of(run("add", written(tmp_path, PACK), "--dry-run", "--json"))
    assert stored_rows(store) == rows
    assert list(said) == [
        "pack",
        "file",
        "dry_run",
        "partners",
        "added",
        "corrected",
        "unchanged",
        "differences",
        "warnings",
    ]
    assert said["dry_run"] is True
    assert said["differences"] == {
        "exomars": [
            {"date": "2022-03-17", "status": {"from": "at_risk", "to": "suspended"}},
            {
                "date": "2022-07-12",
                "partners": [
                    {
                        "partner": "roscosmos",
                        "from": "partner, active",
                        "to": "partner, withdrawn",
                    }
                ],
            },
        ]
    }
    added = json_of(run("add", written(tmp_path, PACK), "--json"))
    assert added["dry_run"] is False
    assert added["added"] == said["added"]
    assert stored_rows(store) != rows


def test_add_needs_a_file_or_the_template(run: Run) -> None:
    result = run("add")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "give the pack's FILE, or --template for a commented one to start from\n"
    )


@pytest.mark.parametrize(
    "seeded", [None, ["--only", "article"], []], ids=["empty", "article", "all"]
)
def test_the_template_adds_cleanly_to_any_store(
    run: Run, tmp_path: Path, seeded: list[str] | None
) -> None:
    """As it is printed, to an empty store, to the article's and to one of every
    built-in pack; and again, adding nothing."""
    template = run("add", "--template")
    assert template.exit_code == 0
    tomllib.loads(template.stdout)
    if seeded is not None:
        assert run("seed", *seeded).exit_code == 0
    path = written(tmp_path, template.stdout)
    said = json_of(run("add", path, "--json"))
    assert said["partners"] == ["example-agency"]
    added = said["added"]
    assert isinstance(added, list)
    assert [f["key"] for f in added] == [
        "example-orbiter",
        "agency-leads",
        "planned",
        "esa-contributes",
        "target-2029",
        "esa-leaves",
    ]
    again = json_of(run("add", path, "--json"))
    assert again["added"] == []


# The built-in packs


def test_each_built_in_pack_is_named_for_its_file_and_cites_its_source() -> None:
    facts = 0
    for path in follow_ups():
        pack = read_pack(path)
        assert pack.name == path.stem
        for entry in pack.facts:
            source = entry.fields["source"]
            assert source.publication, (path.name, entry.key)
            assert source.url, (path.name, entry.key)
            assert entry.fields.get("summary"), (path.name, entry.key)
            facts += entry.fields["kind"] != "registered"
    assert facts >= 40


def test_seeding_twice_adds_the_built_in_packs_once(
    seeded: MissionTracker, store: str
) -> None:
    first = seed_follow_ups(seeded)
    assert first.facts >= 40
    assert first.corrected == 0
    rows = stored_rows(store)
    again = seed_follow_ups(seeded)
    assert (again.facts, again.partners, again.corrected) == (0, 0, 0)
    assert stored_rows(store) == rows


def _day(text: str) -> date:
    return date.fromisoformat(text)


def test_seeding_leaves_out_a_pack_that_facts_recorded_by_hand_contradict(
    run: Run,
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    by_hand = ["--source", "By hand"]
    partner = ["--name", "Venezuela", "--kind", "country", *by_hand]
    assert run("partner", "add", "venezuela", *partner).exit_code == 0
    joined = ["--partner", "venezuela", "--role", "partner", "--on", "2023-07-01"]
    assert run("record", "ilrs", "partner-joined", *joined, *by_hand).exit_code == 0
    result = run("seed")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Left out the built-in pack 2023-07-17-spacenews-ilrs-venezuela.toml:"
        " line 20: venezuela-joins-ilrs: partner: venezuela is already a partner of"
        " ilrs on 2023-07-17 (partner, active); nothing was added\n"
    )
    assert "(17 partners made known)" in result.stdout  # all but venezuela
    status = json_of(run("status", "ilrs", "--at", "2024-12-31", "--json"))
    partners = status["partners"]
    assert isinstance(partners, list)
    assert {"venezuela", "serbia", "senegal"} <= {p["partner"] for p in partners}


EVERY_KIND = """\
pack = "every-kind"

[source]
publication = "A test"

[[missions]]
mission = "luna-25"
name = "Luna 25"
on = "../2022-04-13"

[[facts]]
key = "status"
mission = "exomars"
kind = "status-changed"
on = "2022-03-17"
status = "suspended"
by-party = "esa"

[[facts]]
key = "joined"
mission = "exomars"
kind = "partner-joined"
on = "2022-04-01"
partner = "nasa"
role = "contributor"

[[facts]]
key = "role"
mission = "exomars"
kind = "partner-role-changed"
on = "2022-04-02"
partner = "nasa"
role = "partner"

[[facts]]
key = "gives"
mission = "exomars"
kind = "contribution-added"
on = "2022-04-03"
partner = "nasa"
contribution = "the launch"

[[facts]]
key = "takes-back"
mission = "exomars"
kind = "contribution-removed"
on = "2022-04-04"
partner = "nasa"
contribution = "the launch"

[[facts]]
key = "standing"
mission = "exomars"
kind = "partner-standing-changed"
on = "2022-04-05"
partner = "roscosmos"
standing = "suspended"
by_party = "esa"

[[facts]]
key = "replaced"
mission = "exomars"
kind = "partner-replaced"
on = "2022-04-06"
partner = "roscosmos"
by = "jaxa"

[[facts]]
key = "withdrawn"
mission = "change-6"
kind = "partner-withdrawn"
on = "2022-04-07"
partner = "roscosmos"

[[facts]]
key = "target"
mission = "exomars"
kind = "launch-target-changed"
on = "2022-04-08"
effective = "2022-04-09"
target = "2028"
vehicle = "a US launcher"

[[facts]]
key = "milestone"
mission = "luna-25"
kind = "milestone"
on = "2023-08-10"
milestone = "launch"
detail = "from Vostochny"

[[facts]]
key = "in-programme"
mission = "change-6"
kind = "programme-joined"
on = "2022-04-10"
programme = "ILRS"

[[facts]]
key = "out-of-programme"
mission = "change-6"
kind = "programme-left"
on = "2022-04-11"
programme = "ilrs"

[[facts]]
key = "note"
mission = "iss"
kind = "noted"
on = "2022-04-12"
summary = "A note."
"""


def test_every_kind_of_fact_can_be_in_a_pack(
    seeded: MissionTracker, tmp_path: Path
) -> None:
    plan = add_pack(seeded, read_pack(written(tmp_path, EVERY_KIND)))
    kinds = {str(event.kind) for _, event in plan.added}  # type: ignore[attr-defined]
    assert kinds == {"registered", *commands.OPTIONS}
    exomars = seeded.status("exomars", _day("2022-04-30"))
    assert exomars["target_launch"] == "2028"
    assert [(p["partner"], p["role"], p["standing"]) for p in exomars["partners"]] == [
        ("esa", "lead", "active"),
        ("roscosmos", "partner", "withdrawn"),
        ("nasa", "partner", "active"),
        ("jaxa", "partner", "active"),
    ]
    assert seeded.status("change-6", _day("2022-04-10"))["programmes"] == ["ilrs"]
    assert seeded.status("change-6", _day("2022-04-11"))["programmes"] == []
    milestones = seeded.status("luna-25", _day("2023-08-31"))["milestones"]
    assert [m["milestone"] for m in milestones] == ["launch"]


# Adding a pack again costs time in proportion to it


def _many_facts(kind: str, count: int) -> str:
    """A pack that tracks a mission and says `count` facts of `kind` about it:
    notes, or a partner's standing, suspended and restored in turn."""
    lines = [
        'pack = "many-facts"',
        "",
        "[source]",
        'publication = "A test"',
        "",
        "[[missions]]",
        'mission = "often-told"',
        'name = "Often Told"',
        'on = "2020-01-01"',
        "",
        "[[facts]]",
        'key = "joined"',
        'mission = "often-told"',
        'kind = "partner-joined"',
        'on = "2020-01-02"',
        'partner = "roscosmos"',
        'role = "partner"',
        "",
    ]
    for n in range(count):
        day = date(2021, 1, 1).toordinal() + n
        lines += [
            "[[facts]]",
            f'key = "fact-{n}"',
            'mission = "often-told"',
            f'kind = "{kind}"',
            f'on = "{date.fromordinal(day).isoformat()}"',
            f'summary = "Fact {n}."',
        ]
        if kind == "partner-standing-changed":
            standing = "suspended" if n % 2 == 0 else "active"
            lines += ['partner = "roscosmos"', f'standing = "{standing}"']
        lines.append("")
    return "\n".join(lines)


def _calls_to_add_again(tracker: MissionTracker, path: str) -> int:
    """How many functions adding the pack at `path` once more calls, in Python
    and in C: a measure of its work that no clock or load on the machine moves."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    pack = read_pack(path)
    sys.setprofile(count)
    try:
        plan = add_pack(tracker, pack)
    finally:
        sys.setprofile(None)
    assert (plan.added, plan.fixed) == ([], [])
    return calls


@pytest.mark.parametrize("kind", ["noted", "partner-standing-changed"])
def test_adding_an_unchanged_pack_again_takes_work_in_proportion_to_it(
    tracker: MissionTracker, tmp_path: Path, kind: str
) -> None:
    work = []
    for count in (60, 120):
        path = written(tmp_path, _many_facts(kind, count), f"pack-{count}.toml")
        add_pack(tracker, read_pack(path))
        work.append(_calls_to_add_again(tracker, path))
    # Twice the facts, twice the work (less: reading the store costs as much
    # for either); a step that scans the mission for each fact makes it 4.
    assert work[1] < 2.4 * work[0], work
