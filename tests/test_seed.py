"""The seed: the facts of the SpaceNews article of 1 March 2022, recorded once."""

from __future__ import annotations

from collections import Counter
from datetime import date
from importlib.resources import files
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from adapters.dates import parse_edtf
from adapters.eventstore.commands import OPTIONS
from adapters.eventstore.partners import built_in
from adapters.eventstore.tracker import MissionTracker
from adapters.packs.reading import PackError
from adapters.packs.seed import SEED_FILE, follow_ups, seed_article, seed_lines
from cli.main import cli
from domain.events import MissionEvent, Source
from domain.mission import MAX_QUOTE_WORDS, Report
from domain.vocabulary import KINDS, Role, Standing, Status
from tests.article import ARTICLE, MISSIONS
from tests.conftest import NewStore, Run
from tests.stores import stored_rows

PUBLISHED = date(2022, 3, 1)
LINES = seed_lines()
COMMON = {"key", "mission", "kind", "on", "summary", "quote", "source"}


def own_fields(line: dict[str, Any]) -> set[str]:
    """The fields of a seed line beyond those every fact has."""
    return set(line) - COMMON


def by_hand(on: str = "2022-03-17", summary: str | None = None) -> Report:
    """A fact reported by ESA, as a person would record it."""
    source = Source(publication="ESA")
    return Report(occurred=parse_edtf(on), source=source, summary=summary)


# The file


def test_every_line_of_the_seed_file_is_one_json_object() -> None:
    text = (
        files("adapters.packs").joinpath("data", SEED_FILE).read_text(encoding="utf-8")
    )
    lines = text.splitlines()
    assert text.endswith("\n")
    assert all(line.strip() for line in lines)
    assert [orjson.loads(line) for line in lines] == LINES
    assert all(isinstance(line, dict) for line in LINES)


def test_every_fact_has_a_unique_key_under_its_mission() -> None:
    keys = [line["key"] for line in LINES]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
    for line in LINES:
        assert line["key"].startswith(f"{line['mission']}/")


def test_the_seed_is_about_the_eight_missions_of_the_article() -> None:
    missions = list(dict.fromkeys(line["mission"] for line in LINES))
    assert missions == MISSIONS


def test_every_missions_first_fact_is_its_one_registration() -> None:
    for mission in MISSIONS:
        kinds = [line["kind"] for line in LINES if line["mission"] == mission]
        assert kinds[0] == "registered", mission
        assert kinds.count("registered") == 1, mission
        assert len(kinds) > 1, mission


@pytest.mark.parametrize("line", LINES, ids=[line["key"] for line in LINES])
def test_every_fact_is_well_formed(line: dict[str, Any]) -> None:
    assert line["kind"] in {"registered", *KINDS}
    assert isinstance(line["summary"], str)
    assert line["summary"].strip() == line["summary"] != ""
    assert line["summary"].endswith(".")
    occurred = parse_edtf(line["on"])
    assert occurred.edtf == line["on"]
    assert occurred.latest <= PUBLISHED, "a fact after the article's date"
    if line["kind"] == "registered":
        assert own_fields(line) == {"name", "aliases"}
        assert isinstance(line["name"], str)
        assert all(isinstance(alias, str) for alias in line["aliases"])
    else:
        required, optional = OPTIONS[line["kind"]]
        assert set(required) <= own_fields(line) <= {*required, *optional}
    vocabulary: dict[str, set[str]] = {
        "status": {status.value for status in Status},
        "role": {role.value for role in Role},
        "standing": {standing.value for standing in Standing},
        "partner": {p.partner for p in built_in()},
        "by": {p.partner for p in built_in()},
    }
    for field, valid in vocabulary.items():
        if field in line:
            assert line[field] in valid
    if "target" in line:
        parse_edtf(line["target"])


@pytest.mark.parametrize("line", LINES, ids=[line["key"] for line in LINES])
def test_every_fact_is_sourced_to_the_article(line: dict[str, Any]) -> None:
    assert line["source"] == ARTICLE
    assert Source.model_validate(line["source"]).published == PUBLISHED


def test_quotes_are_short() -> None:
    quotes = [line["quote"] for line in LINES if "quote" in line]
    assert quotes, "the article is quoted at least once"
    for quote in quotes:
        assert 0 < len(quote.split()) < 25
        assert len(quote.split()) <= MAX_QUOTE_WORDS


# Seeding


def test_seeding_records_one_event_per_fact_each_with_its_own_date(
    tracker: MissionTracker,
) -> None:
    assert seed_article(tracker) == (len(LINES), len(LINES))
    assert [entry.slug for entry in tracker.catalogue()] == MISSIONS
    recorded = 0
    for mission in MISSIONS:
        facts = [line for line in LINES if line["mission"] == mission]
        events = tracker.mission(mission).events
        recorded += len(events)
        assert [e.originator_version for e in events] == list(range(1, len(facts) + 1))
        for fact, event in zip(facts, events, strict=True):
            assert isinstance(event, MissionEvent)
            assert event.kind == fact["kind"]
            assert event.occurred == parse_edtf(fact["on"])
            assert event.summary == fact["summary"]
            assert event.quote == fact.get("quote")
            assert event.source.model_dump(mode="json") == ARTICLE
    assert recorded == len(LINES)
    ids = [e.id for m in MISSIONS for e in tracker.mission(m).events]
    assert len(set(ids)) == len(LINES)


def test_a_registration_keeps_the_name_and_aliases_of_the_seed(
    seeded: MissionTracker,
) -> None:
    for line in LINES:
        if line["kind"] == "registered":
            mission = seeded.mission(line["mission"])
            assert (mission.name, list(mission.aliases)) == (
                line["name"],
                line["aliases"],
            )
            for alias in line["aliases"]:
                assert seeded.resolve(alias) == line["mission"]


def test_seeding_twice_adds_nothing(tracker: MissionTracker, store: str) -> None:
    seed_article(tracker)
    before = stored_rows(store)
    assert seed_article(tracker) == (0, len(LINES))
    assert stored_rows(store) == before


def test_seeding_again_says_which_facts_it_corrected_as_a_pack_now_says(
    run: Run, seeded_every_pack: str
) -> None:
    """A built-in fact that the store holds otherwise (here corrected by hand;
    after an upgrade, as an earlier version of its pack said) is corrected as
    the pack now says, and seeding says so."""
    log = orjson.loads(run("log", "change-6", "--json").stdout)
    fact = next(e for e in log if "ICUBE-Q" in (e.get("detail") or ""))
    assert fact["milestone"] == "orbit-insertion"
    undone = run("correct", fact["id"], "--milestone", "deployment")
    assert undone.exit_code == 0, undone.output
    again = run("seed")
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[1] == (
        f"Nothing new from the {len(follow_ups())} packs of what happened next;"
        " 1 fact corrected as the packs now say."
    )
    now = orjson.loads(run("status", "change-6", "--at", "2024-06-01", "--json").stdout)
    assert "deployment" not in [m["milestone"] for m in now["milestones"]]
    assert run("seed").stdout.splitlines()[1].startswith("Nothing to add from the")


def test_two_stores_seeded_apart_hold_the_same_facts(
    seeded: MissionTracker, other_store: NewStore
) -> None:
    other = MissionTracker(other_store())
    try:
        seed_article(other)
        for mission in MISSIONS:
            ours = [e.id for e in seeded.mission(mission).events]
            theirs = [e.id for e in other.mission(mission).events]
            assert ours == theirs
    finally:
        other.close()


def test_seeding_keeps_a_mission_a_user_registered_before(
    tracker: MissionTracker,
) -> None:
    tracker.register(
        "mars-sample-return",
        "Mars Sample Return",
        ["MSR"],
        by_hand(on="2020-09"),
    )
    tracker.record(
        "msr",
        "status-changed",
        by_hand(on="2020-10"),
        {"status": "planned"},
    )
    assert seed_article(tracker) == (len(LINES), len(LINES))
    assert [entry.slug for entry in tracker.catalogue()] == [
        "mars-sample-return",
        *MISSIONS,
    ]
    assert [e.kind for e in tracker.mission("mars-sample-return").events] == [
        "registered",
        "status-changed",
    ]


def test_seeding_again_keeps_what_a_user_recorded_since(
    seeded: MissionTracker, store: str
) -> None:
    seeded.record(
        "exomars",
        "status-changed",
        by_hand(summary="ESA suspended ExoMars."),
        {"status": "suspended"},
    )
    before = stored_rows(store)
    assert seed_article(seeded) == (0, len(LINES))
    assert stored_rows(store) == before
    events = seeded.mission("exomars").events
    assert len(events) == 7
    assert events[-1].summary == "ESA suspended ExoMars."


# All or nothing


def test_a_seed_that_clashes_with_a_name_in_use_writes_nothing(
    tracker: MissionTracker, store: str
) -> None:
    tracker.register("station", "Station", ["ISS"], by_hand())
    before = stored_rows(store)
    with pytest.raises(PackError, match="'iss' already names station"):
        seed_article(tracker)
    assert stored_rows(store) == before
    assert [entry.slug for entry in tracker.catalogue()] == ["station"]


def test_a_seed_that_clashes_with_a_fact_recorded_by_hand_writes_nothing(
    tracker: MissionTracker, store: str
) -> None:
    tracker.register("exomars", "ExoMars", [], by_hand(on="2016"))
    tracker.record(
        "exomars",
        "partner-joined",
        by_hand(on="2016"),
        {"partner": "esa", "role": "lead"},
    )
    before = stored_rows(store)
    with pytest.raises(PackError, match="esa is already a partner of exomars"):
        seed_article(tracker)
    assert stored_rows(store) == before


def test_the_seed_command_refuses_a_clash_with_one_line_and_writes_nothing(
    tracker: MissionTracker, store: str
) -> None:
    tracker.register("station", "Station", ["ISS"], by_hand())
    before = stored_rows(store)
    result = CliRunner().invoke(cli, ["--store", store, "seed", "--only", "article"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: the built-in pack article-2022-03-01.ndjson: line 36: iss/registered:"
        " mission: 'iss' already names station; nothing was added\n"
    )
    assert stored_rows(store) == before
