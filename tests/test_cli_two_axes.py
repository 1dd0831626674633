"""Bad input on the two time axes (--known-at, correct, retract): one line, the
right exit code and nothing written; on real SQLite files and PostgreSQL
schemas."""

from __future__ import annotations

import pytest

from adapters.dates import parse_edtf
from adapters.eventstore.tracker import MissionTracker
from adapters.packs.seed import seed_lines
from domain.events import Source
from domain.mission import Report
from tests.answers import parsed
from tests.conftest import Run
from tests.stores import stored_rows
from tests.two_axes import (
    AT_RISK,
    EDTF_FORMS,
    EXOMARS,
    KNOWN_PARTNERS,
    TIME_FORMS,
    TWINS,
    WEEK,
    log,
    refused,
    seed_id,
)
from tests.usage import hinted

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
        " by_party, effective, occurred, quote, source, status, summary",
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
    (
        ("changes", "--from", "2022-02-24", "--partner", "china"),
        2,
        "unknown partner 'china'; did you mean: cnsa?",
    ),
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
    assert refused(run(*args), code) == hinted(args, message)
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
