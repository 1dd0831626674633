"""What a scenario checks of a list, a log, the changes and the partners' table."""

from __future__ import annotations

from pytest_bdd import parsers, then

from features.scenario import (
    SETTLED,
    Noted,
    Typed,
    View,
    as_fields,
    as_table,
    comparable,
    filled,
    names,
    part,
    printed,
)


@then("the missions are, in order:")
def missions_are(listed: list[View], datatable: list[list[str]]) -> None:
    """Every tracked mission on the date asked about, in the order registered."""
    assert as_table(listed, datatable[0]) == datatable


@then(
    "every mission's status and since when, last change, launch target and partners"
    " are as before"
)
def unchanged_list(listed: list[View], earlier_list: list[View]) -> None:
    """The same state as before, for every mission."""
    fields = ["mission", "status", "since", "last_change", "target_launch", "partners"]
    assert [[v[f] for f in fields] for v in listed] == [
        [v[f] for f in fields] for v in earlier_list
    ]


@then(
    "every mission's status, last change, launch target, partners, facts and sources"
    " are as I noted them"
)
def as_noted(listed: list[View], noted_answers: dict[str, list[View]]) -> None:
    """What every mission's answer on a date says was surely true is as noted."""
    before = noted_answers[listed[0]["at"]]
    assert comparable(listed, SETTLED) == comparable(before, SETTLED)


@then("every mission's answer is exactly as I noted it")
def exactly_as_noted(listed: list[View], noted_answers: dict[str, list[View]]) -> None:
    """Every field of every mission's answer is as noted, but the time known at."""
    assert comparable(listed) == comparable(noted_answers[listed[0]["at"]])


@then(parsers.parse("the log has {count:d} entries"))
def log_length(log: list[View], count: int) -> None:
    """How many facts are recorded about the mission."""
    assert len(log) == count


@then("the log reads, in the order recorded:")
def log_reads(log: list[View], datatable: list[list[str]]) -> None:
    """The log's entries, field by field."""
    assert as_table(log, datatable[0]) == datatable


@then(parsers.parse("entry {number:d} of the log reads:"))
def entry_reads(
    log: list[View], noted: Noted, number: int, datatable: list[list[str]]
) -> None:
    """One entry of the log, one field a row; `[name]` stands for a noted id."""
    expected = [[name, filled(value, noted)] for name, value in datatable]
    assert as_fields(log[number - 1], datatable) == expected


@then(
    parsers.parse("entry {number:d} of the log is shown as corrected by entry {by:d}")
)
def shown_corrected(log: list[View], number: int, by: int) -> None:
    """The original stays in the log, marked with the correction recorded about it."""
    assert log[number - 1]["corrected_by"] == [log[by - 1]["id"]]
    assert log[number - 1]["retracted_by"] is None


@then(
    parsers.parse("entry {number:d} of the log is shown as retracted by entry {by:d}")
)
def shown_retracted(log: list[View], number: int, by: int) -> None:
    """The original stays in the log, marked with the retraction recorded about it."""
    assert log[number - 1]["retracted_by"] == log[by - 1]["id"]


@then(
    parsers.parse(
        "entry {number:d} of the log is shown as neither corrected nor retracted"
    )
)
def shown_standing(log: list[View], number: int) -> None:
    """No correction or retraction of the entry is in the log."""
    assert log[number - 1]["corrected_by"] == []
    assert log[number - 1]["retracted_by"] is None


@then(parsers.parse("entry {number:d} of the log corrects entry {other:d}"))
def entry_corrects(log: list[View], number: int, other: int) -> None:
    """A correction names the event whose fields it supersedes."""
    assert log[number - 1]["kind"] == "corrected"
    assert log[number - 1]["corrects"] == log[other - 1]["id"]


@then(parsers.parse("entry {number:d} of the log changes the date to {edtf}"))
def entry_changes_date(log: list[View], number: int, edtf: str) -> None:
    """A correction that superseded when a fact happened, and nothing else."""
    changes = log[number - 1]["changes"]
    assert list(changes) == ["occurred"]
    assert changes["occurred"]["edtf"] == edtf


@then(parsers.parse("entry {number:d} of the log retracts entry {other:d}"))
def entry_retracts(log: list[View], number: int, other: int) -> None:
    """A retraction names the event that should never have been recorded."""
    assert log[number - 1]["kind"] == "retracted"
    assert log[number - 1]["retracts"] == log[other - 1]["id"]


@then("the changes are, in the order of the world:")
def changes_are(typed: Typed, datatable: list[list[str]]) -> None:
    """The changes `missions history --json` printed, one a row."""
    assert as_table(printed(typed), datatable[0]) == datatable


@then("the changes are, by mission:")
def changes_by_mission(typed: Typed, datatable: list[list[str]]) -> None:
    """The changes `missions changes --json` printed, mission by mission."""
    groups = printed(typed)
    flat = [change for group in groups for change in group["changes"]]
    assert all(c["mission"] == g["mission"] for g in groups for c in g["changes"])
    assert as_table(flat, datatable[0]) == datatable


@then("the changes surely within the range are, in the order of the world:")
def changes_surely_within(typed: Typed, datatable: list[list[str]]) -> None:
    """The changes `missions history --json` printed whose days all lie within
    the range asked about."""
    surely = [c for c in printed(typed) if c["within"] == "surely"]
    assert as_table(surely, datatable[0]) == datatable


@then("the changes surely within the range are, by mission:")
def changes_surely_by_mission(typed: Typed, datatable: list[list[str]]) -> None:
    """The changes `missions changes --json` printed whose days all lie within
    the range asked about, mission by mission."""
    flat = [c for group in printed(typed) for c in group["changes"]]
    surely = [c for c in flat if c["within"] == "surely"]
    assert as_table(surely, datatable[0]) == datatable


@then("the partners that joined are:")
def partners_that_joined(typed: Typed, datatable: list[list[str]]) -> None:
    """The partners `missions changes --json` printed as joining, with the date
    and how surely it lies in the range."""
    flat = [c for group in printed(typed) for c in group["changes"]]
    joined = [c for c in flat if c["subject"] == "partner" and c["from"] is None]
    assert as_table(joined, datatable[0]) == datatable


@then("the partners are, by mission:")
def partners_by_mission(typed: Typed, datatable: list[list[str]]) -> None:
    """Each partner's part in each mission, as `missions partners --json` printed it."""
    header = datatable[0]
    rows = [
        [row["partner"], *(part(row["missions"][m]) for m in header[1:])]
        for row in printed(typed)
    ]
    assert [header, *rows] == datatable


@then(parsers.parse("entry {number:d} of the log cites:"))
def entry_cites(log: list[View], number: int, datatable: list[list[str]]) -> None:
    """Who reported one fact of the log, and where."""
    assert as_fields(log[number - 1]["source"], datatable) == datatable


@then(parsers.parse("entry {number:d} of the log has the sources:"))
def entry_sources(log: list[View], number: int, datatable: list[list[str]]) -> None:
    """Every report behind one fact of the log: its own source, then those of the
    citations of it."""
    assert as_table(log[number - 1]["sources"], datatable[0]) == datatable


@then(parsers.parse("entry {number:d} of the log has no sources of its own"))
def entry_without_sources(log: list[View], number: int) -> None:
    """A correction, retraction or citation is no fact: it lists no sources."""
    assert "sources" not in log[number - 1]


@then(parsers.parse("every entry has the fields {listed}, then those of its kind"))
def entry_fields(log: list[View], listed: str) -> None:
    """The fields every entry of the log has, in the order printed."""
    expected = names(listed)
    assert all(list(entry)[: len(expected)] == expected for entry in log)


@then("every entry has its own id and was recorded at a time in UTC")
def ids_and_times(log: list[View]) -> None:
    """Ids are unique; recording times are ISO 8601 in UTC."""
    assert len({entry["id"] for entry in log}) == len(log)
    assert all(entry["recorded_at"].endswith("+00:00") for entry in log)
