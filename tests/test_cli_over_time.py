"""Questions over the world's time on the command line: uncertain dates, history,
changes, list --partner and partners; on real SQLite files and PostgreSQL
schemas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from adapters.dates import parse_edtf
from tests.answers import CHANGE_KEYS, parsed, succeeded
from tests.article import ARTICLE, MISSIONS
from tests.conftest import Run
from tests.two_axes import (
    AT_RISK,
    WEEK,
    instant,
    line,
    seed_id,
    status,
)

# uncertain


ILRS_ROADMAP = [
    "ilrs/proposed",
    "ilrs/cnsa-lead",
    "ilrs/roscosmos-lead",
    "ilrs/target-early-2030s",
]
#: What the article dates only "on or before" June 2021; the roadmap dates the
#: launch target to that month.
ILRS_BY_JUNE_2021 = ILRS_ROADMAP[:3]


def uncertain(key: str) -> dict[str, Any]:
    """A seed fact as `status --json` lists it under `uncertain`."""
    occurred = parse_edtf(line(key)["on"])
    return {
        "id": seed_id(key),
        "kind": line(key)["kind"],
        "occurred": occurred.edtf,
        "earliest": occurred.earliest.isoformat(),
        "latest": occurred.latest.isoformat(),
        "summary": line(key)["summary"],
    }


def test_the_ilrs_roadmap_of_june_2021_is_uncertain_on_10_june(query: Run) -> None:
    view = status(query, "ilrs", "2021-06-10")
    assert (view["status"], view["partners"], view["facts"]) == (None, [], 0)
    assert (view["since"], view["last_change"]) == (None, None)
    assert view["uncertain"] == [uncertain(key) for key in ILRS_ROADMAP]
    assert [u["occurred"] for u in view["uncertain"]] == [
        "../2021-06",
        "../2021-06",
        "../2021-06",
        "2021-06",
    ]
    text = succeeded(query("status", "ilrs", "--at", "2021-06-10", "--uncertain"))
    assert text == (
        "International Lunar Research Station (ilrs) on 2021-06-10\n"
        "  Nothing recorded by 2021-06-10: not known before then.\n"
        "  Uncertain on 2021-06-10 (may or may not have happened yet):\n"
        + "".join(
            f"    {line(key)['on']}  {line(key)['kind']}: {line(key)['summary']}\n"
            for key in ILRS_ROADMAP
        )
    )


def test_before_june_2021_the_proposal_and_its_partners_are_uncertain(
    query: Run,
) -> None:
    view = status(query, "ilrs", "2021-05-31")
    assert (view["status"], view["facts"]) == (None, 0)
    assert view["uncertain"] == [uncertain(key) for key in ILRS_BY_JUNE_2021]


def test_the_ilrs_roadmap_applies_on_30_june_and_nothing_is_uncertain(
    query: Run,
) -> None:
    view = status(query, "ilrs", "2021-06-30")
    assert view["uncertain"] == []
    assert (view["status"], view["target_launch"]) == ("proposed", "2030/2034~")
    assert "Uncertain" not in succeeded(query("status", "ilrs", "--at", "2021-06-30"))
    # On 1 March 2022 the note "between 24 February and 1 March" is not listed.
    assert status(query, "ilrs", "2022-02-26")["uncertain"] == []
    assert status(query, "venera-d", "2022-02-26")["uncertain"] == [
        {
            "id": seed_id("venera-d/nasa-ruled-out"),
            "kind": "partner-withdrawn",
            "occurred": "2022-02-24/2022-03-01",
            "earliest": "2022-02-24",
            "latest": "2022-03-01",
            "summary": line("venera-d/nasa-ruled-out")["summary"],
        }
    ]


def test_a_corrected_date_settles_what_was_uncertain(
    run: Run, seeded_store: str
) -> None:
    proposed = seed_id("ilrs/proposed")
    correction = parsed(run("correct", proposed[:8], "--on", "2021-06-05", "--json"))
    view = status(run, "ilrs", "2021-06-10")
    assert view["status"] == "proposed"
    assert [u["id"] for u in view["uncertain"]] == [
        seed_id(k) for k in ILRS_ROADMAP[1:]
    ]
    then = (instant(correction) - timedelta(microseconds=1)).isoformat()
    old = status(run, "ilrs", "2021-06-10", "--known-at", then)
    assert old["status"] is None
    assert [u["id"] for u in old["uncertain"]] == [seed_id(k) for k in ILRS_ROADMAP]


# history


def change(
    key: str, subject: str, frm: str | None, to: str | None, **fields: Any
) -> dict[str, Any]:
    """A change as `history --json` gives it, caused by the seed fact `key`: the
    party the seed names, if any; the seed has no effective dates, so each change
    is in effect on the day its fact happened."""
    fact = line(key)
    occurred = parse_edtf(fact["on"])
    return {
        "mission": fact["mission"],
        "date": fact["on"],
        "earliest": occurred.earliest.isoformat(),
        "latest": occurred.latest.isoformat(),
        "within": fields.get("within", "surely"),
        "subject": subject,
        "partner": fields.get("partner"),
        "role": fields.get("role"),
        "from": frm,
        "to": to,
        "by_party": fact.get("by_party"),
        "detail": None,
        "announced": False,
        "occurred": fact["on"],
        "effective": None,
        "event": seed_id(key),
        "kind": fact["kind"],
        "summary": fact["summary"],
        "source": ARTICLE,
    }


VENERA_D = [
    change(
        "venera-d/roscosmos-lead",
        "partner",
        None,
        "active",
        partner="roscosmos",
        role="lead",
    ),
    change(
        "venera-d/nasa-prospective",
        "partner",
        None,
        "prospective",
        partner="nasa",
        role="partner",
    ),
    change("venera-d/delayed", "status", None, "delayed"),
    change(
        "venera-d/nasa-ruled-out",
        "partner",
        "prospective",
        "withdrawn",
        partner="nasa",
        role="partner",
    ),
    change("venera-d/chinese-collaboration-noted", "note", None, None),
]


def test_history_gives_every_change_with_its_date_event_and_source(
    query: Run,
) -> None:
    history = parsed(query("history", "Venera D", "--json"))
    assert history == VENERA_D
    assert all(tuple(change) == CHANGE_KEYS for change in history)


#: Venera-D's first three changes are dated ../2022-02-24, the last two
#: 2022-02-24/2022-03-01: a window keeps each whose days touch it, `surely` (S)
#: within it if they all lie in it, else `possibly` (P).
S, P = "surely", "possibly"


@pytest.mark.parametrize(
    ("options", "within"),
    [
        (("--from", "2022-02-24"), [P, P, P, S, S]),
        (("--to", "2022-02-28"), [S, S, S, P, P]),
        (("--to", "2022-03-01"), [S, S, S, S, S]),
        (("--from", "2022-02-25"), [None, None, None, P, P]),
        (("--from", "2022-02-24", "--to", "2022-02-28"), [P, P, P, P, P]),
        (("--from", "2022-01-01", "--to", "2022-12-31"), [P, P, P, S, S]),
        (("--from", "2022-03-02"), [None] * 5),
    ],
)
def test_history_from_and_to_keep_every_change_whose_dates_touch_the_window(
    query: Run, options: tuple[str, ...], within: list[str | None]
) -> None:
    expected = [
        {**view, "within": said}
        for view, said in zip(VENERA_D, within, strict=True)
        if said is not None
    ]
    assert parsed(query("history", "venera-d", "--json", *options)) == expected


def test_history_tells_a_note_though_it_changes_nothing(query: Run) -> None:
    assert parsed(query("history", "ilrs", "--json")) == [
        change("ilrs/proposed", "status", None, "proposed"),
        change(
            "ilrs/cnsa-lead", "partner", None, "active", partner="cnsa", role="lead"
        ),
        change(
            "ilrs/roscosmos-lead",
            "partner",
            None,
            "active",
            partner="roscosmos",
            role="lead",
        ),
        change("ilrs/target-early-2030s", "target_launch", None, "2030/2034~"),
        change("ilrs/roles-in-question", "note", None, None),
    ]
    note = line("ilrs/roles-in-question")["summary"]
    lines = succeeded(query("history", "ilrs", "--from", "2022-01-01")).splitlines()
    assert lines[1].startswith("2022-02-24/2022-03-01  note  ")
    assert lines[1].endswith(f"  {note}")
    assert lines[1].count(note) == 1
    assert len(lines) == 2


def test_history_reads_as_a_table(query: Run) -> None:
    summary = line("venera-d/nasa-ruled-out")["summary"]
    withdrawal = seed_id("venera-d/nasa-ruled-out")[:8]
    note = line("venera-d/chinese-collaboration-noted")["summary"]
    noted = seed_id("venera-d/chinese-collaboration-noted")[:8]
    change = "nasa (partner): prospective -> withdrawn (by roscosmos)"
    width = len(change)
    assert succeeded(query("history", "venera-d", "--from", "2022-02-25")) == (
        f"DATE                     {'CHANGE':{width}}  EVENT     SUMMARY\n"
        f"2022-02-24/2022-03-01 ?  {change:{width}}  {withdrawal}  {summary}\n"
        f"2022-02-24/2022-03-01 ?  {'note':{width}}  {noted}  {note}\n"
        "? dated in part outside the window: it may or may not lie within it\n"
    )
    assert succeeded(query("history", "venera-d", "--from", "2023-01-01")) == (
        "No changes in that time.\n"
    )


# changes


def test_changes_in_the_week_after_the_invasion_grouped_by_mission(
    query: Run,
) -> None:
    groups = parsed(query(*WEEK, "--json"))
    assert all(tuple(c) == CHANGE_KEYS for g in groups for c in g["changes"])
    surely = [
        {**g, "changes": [c for c in g["changes"] if c["within"] == "surely"]}
        for g in groups
    ]
    assert [g for g in surely if g["changes"]] == [
        {
            "mission": "exomars",
            "name": "ExoMars",
            "changes": [change("exomars/at-risk", "status", "planned", "at_risk")],
        },
        {"mission": "venera-d", "name": "Venera-D", "changes": VENERA_D[3:]},
        {
            "mission": "ilrs",
            "name": "International Lunar Research Station",
            "changes": [change("ilrs/roles-in-question", "note", None, None)],
        },
        {
            "mission": "soyuz-kourou",
            "name": "Soyuz at the Guiana Space Centre",
            "changes": [
                change(
                    "soyuz-kourou/roscosmos-suspended",
                    "partner",
                    "active",
                    "suspended",
                    partner="roscosmos",
                    role="partner",
                ),
                change("soyuz-kourou/suspended", "status", "operating", "suspended"),
            ],
        },
        {
            "mission": "iss",
            "name": "International Space Station",
            "changes": [change("iss/operations-normal", "note", None, None)],
        },
    ]
    # What is dated only "on or before" a day in the week may have happened in
    # it: Luna 27's and Chang'e's facts, dated "by 1 March 2022", come back too,
    # marked; none surely in the week is open-ended.
    possibly = [c for g in groups for c in g["changes"] if c["within"] == "possibly"]
    assert {c["mission"] for c in possibly} >= {"luna-27", "change-6", "change-7"}
    assert all(c["date"].startswith("..") for c in possibly)
    assert not [c for g in surely for c in g["changes"] if c["date"].startswith("..")]


def test_changes_read_as_tables_under_each_mission(query: Run) -> None:
    text = succeeded(query(*WEEK))
    lines = text.splitlines()
    assert [ln for ln in lines if not ln.startswith((" ", "?"))] == [
        "ExoMars (exomars)",
        "Venera-D (venera-d)",
        "Luna 27 (luna-27)",
        "Chang'e-6 (change-6)",
        "Chang'e-7 (change-7)",
        "International Lunar Research Station (ilrs)",
        "Soyuz at the Guiana Space Centre (soyuz-kourou)",
        "International Space Station (iss)",
    ]
    assert lines[1].split() == ["DATE", "CHANGE", "EVENT", "SUMMARY"]
    at_risk = next(ln for ln in lines if AT_RISK[:8] in ln)
    assert at_risk.startswith("  2022-02-28       status: planned -> at_risk")
    maybe = [ln for ln in lines if ln.startswith("  ../")]
    assert maybe
    assert all(ln.split()[1] == "?" for ln in maybe)
    legend = "  ? dated in part outside the window: it may or may not lie within it"
    assert lines.count(legend) == 7  # under each mission but Soyuz at Kourou
    # A note changes nothing: it is told by its summary.
    note = line("iss/operations-normal")["summary"]
    told = next(ln for ln in lines if ln.endswith(f"  {note}"))
    assert told.startswith("  2022-02-24/2022-03-01  note  ")
    assert told.count(note) == 1
    assert succeeded(
        query("changes", "--from", "2023-01-01", "--to", "2023-12-31")
    ) == ("No changes dated from 2023-01-01 to 2023-12-31.\n")
    assert (
        parsed(query("changes", "--from", "2023-01-01", "--to", "2023-12-31", "--json"))
        == []
    )


def test_changes_before_the_end_of_february_mark_what_may_be_later(
    query: Run,
) -> None:
    groups = parsed(
        query("changes", "--from", "2022-02-24", "--to", "2022-02-27", "--json")
    )
    surely = [
        (g["mission"], sum(c["within"] == "surely" for c in g["changes"]))
        for g in groups
    ]
    assert [(m, n) for m, n in surely if n] == [("soyuz-kourou", 2)]
    later = [
        c for g in groups for c in g["changes"] if c["date"] == "2022-02-24/2022-03-01"
    ]
    assert later
    assert {c["within"] for c in later} == {"possibly"}


# list --partner


@pytest.mark.parametrize(
    ("options", "missions"),
    [
        (("--partner", "cnsa"), ["luna-27", "change-6", "change-7", "ilrs"]),
        (("--partner", "CNSA", "--standing", "prospective"), []),
        (
            ("--partner", "cnsa", "--standing", "ACTIVE"),
            ["luna-27", "change-6", "change-7", "ilrs"],
        ),
        (("--partner", "nasa"), ["venera-d"]),
        (("--partner", "nasa", "--standing", "withdrawn"), ["venera-d"]),
        (("--partner", "nasa", "--standing", "prospective"), []),
        (("--partner", "roscosmos", "--standing", "suspended"), ["soyuz-kourou"]),
        (("--partner", "esa"), ["exomars"]),
        (("--partner", "jaxa"), []),
    ],
)
def test_list_the_missions_a_partner_had_a_part_in_on_a_date(
    query: Run, options: tuple[str, ...], missions: list[str]
) -> None:
    views = parsed(query("list", "--at", "2022-03-01", "--json", *options))
    assert [v["mission"] for v in views] == missions
    everyone = parsed(query("list", "--at", "2022-03-01", "--json"))
    assert views == [v for v in everyone if v["mission"] in missions]


def test_list_partner_before_the_withdrawal_and_as_a_table(query: Run) -> None:
    views = parsed(query("list", "--partner", "cnsa", "--at", "2022-02-28", "--json"))
    assert [v["mission"] for v in views] == ["ilrs"]
    assert succeeded(
        query(
            "list",
            "--partner",
            "nasa",
            "--standing",
            "withdrawn",
            "--at",
            "2022-03-01",
        )
    ) == (
        "Missions on 2022-03-01\n"
        "MISSION   STATUS   SINCE          LAUNCH  PARTNERS\n"
        "venera-d  delayed  ../2022-02-24          roscosmos, nasa (withdrawn)\n"
    )


# partners


def cell(role: str, standing: str = "active") -> dict[str, Any]:
    """A partner's part in a mission, as `partners --json` shows it: the seed
    records no contributions."""
    return {"role": role, "standing": standing, "contributions": []}


def row(slug: str, name: str, **cells: dict[str, Any]) -> dict[str, Any]:
    return {
        "partner": slug,
        "name": name,
        "missions": {m: cells.get(m.replace("-", "_")) for m in MISSIONS},
    }


def test_partners_is_a_partner_by_mission_table_on_a_date(query: Run) -> None:
    assert parsed(query("partners", "--at", "2022-03-01", "--json")) == [
        row(
            "cnsa",
            "China National Space Administration (CNSA)",
            luna_27=cell("partner"),
            change_6=cell("lead"),
            change_7=cell("lead"),
            ilrs=cell("lead"),
        ),
        row(
            "esa",
            "European Space Agency (ESA)",
            exomars=cell("lead"),
        ),
        row(
            "nasa",
            "National Aeronautics and Space Administration (NASA)",
            venera_d=cell("partner", "withdrawn"),
        ),
        row(
            "roscosmos",
            "Roscosmos",
            exomars=cell("partner"),
            venera_d=cell("lead"),
            luna_27=cell("lead"),
            change_6=cell("partner"),
            change_7=cell("partner"),
            ilrs=cell("lead"),
            soyuz_kourou=cell("partner", "suspended"),
            iss=cell("partner"),
        ),
    ]


def test_partners_before_the_invasion(query: Run) -> None:
    rows = parsed(query("partners", "--at", "2022-02-25", "--json"))
    assert [r["partner"] for r in rows] == ["cnsa", "esa", "nasa", "roscosmos"]
    cnsa = rows[0]["missions"]
    assert {m: c for m, c in cnsa.items() if c} == {"ilrs": cell("lead")}
    assert rows[2]["missions"]["venera-d"] == cell("partner", "prospective")
    assert rows[3]["missions"]["soyuz-kourou"] == cell("partner")
    assert parsed(query("partners", "--at", "2021-01-01", "--json")) == []


def test_partners_reads_as_a_table(query: Run) -> None:
    assert succeeded(query("partners", "--at", "2022-03-01")) == (
        "Partners on 2022-03-01\n"
        "PARTNER    EXOMARS  VENERA-D            LUNA-27  CHANGE-6  CHANGE-7  ILRS"
        "  SOYUZ-KOUROU        ISS\n"
        "cnsa       -        -                   partner  lead      lead      lead"
        "  -                   -\n"
        "esa        lead     -                   -        -         -         -"
        "     -                   -\n"
        "nasa       -        partner, withdrawn  -        -         -         -"
        "     -                   -\n"
        "roscosmos  partner  lead                lead     partner   partner   lead"
        "  partner, suspended  partner\n"
    )
