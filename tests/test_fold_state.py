"""The one fold over plain facts (`domain.fold.State`): who brought a status about
and since when, what stands behind a state when something ends, and a state
kept as a row of the read model and folded on from it."""

from __future__ import annotations

from itertools import count

import orjson

from domain.fold import Fact, State

_VERSIONS = count(1)


def fact(day: str, kind: str, **values: str | None) -> Fact:
    """A fact of `kind` on the ISO day `day`, its source numbered as its version."""
    version = next(_VERSIONS)
    return Fact(day, day, version, kind, day, source=version, **values)


def folded(*facts: Fact, state: State | None = None) -> State:
    state = state or State()
    for each in facts:
        state.apply(each)
    return state


def test_a_repeated_status_keeps_when_it_began_and_who_brought_it_about() -> None:
    began = fact("2022-03-17", "status-changed", value="suspended", party="esa")
    again = fact("2022-04-01", "status-changed", value="suspended")
    shown = folded(began, again).shown({})
    assert (shown["status"], shown["since"], shown["by_party"]) == (
        "suspended",
        "2022-03-17",
        "esa",
    )
    assert shown["last_change"] == "2022-03-17"  # saying it again changes nothing
    assert shown["sources"] == [began.source, again.source]


def test_a_new_status_drops_the_repeats_of_the_old_one() -> None:
    began = fact("2022-03-17", "status-changed", value="suspended", party="esa")
    again = fact("2022-04-01", "status-changed", value="suspended")
    ended = fact("2022-07-12", "status-changed", value="cancelled")
    shown = folded(began, again, ended).shown({})
    assert (shown["since"], shown["by_party"], shown["sources"]) == (
        "2022-07-12",
        None,
        [ended.source],
    )


def test_what_ended_a_contribution_or_a_programme_stands_behind_the_state() -> None:
    joined = fact(
        "2016", "partner-joined", partner="esa", role="lead", standing="active"
    )
    drill = fact("2017", "contribution-added", partner="esa", value="PROSPECT drill")
    removed = fact(
        "2022-04-13", "contribution-removed", partner="esa", value="PROSPECT drill"
    )
    part_of = fact("2021", "programme-joined", value="ilrs")
    left = fact("2024", "programme-left", value="ilrs")
    state = folded(joined, drill, removed, part_of, left)
    shown = state.shown({})
    assert shown["partners"][0]["contributions"] == []
    assert shown["programmes"] == []
    assert shown["sources"] == [joined.source, removed.source, left.source]
    # Made again, or joined again: what ended it no longer stands.
    again = fact("2025", "contribution-added", partner="esa", value="PROSPECT drill")
    back = fact("2025", "programme-joined", value="ilrs")
    shown = folded(again, back, state=state).shown({})
    assert shown["sources"] == [joined.source, again.source, back.source]


def test_a_state_kept_as_a_row_folds_on_as_if_never_kept() -> None:
    first = [
        fact("2016", "partner-joined", partner="esa", role="lead", standing="active"),
        fact("2017", "contribution-added", partner="esa", value="PROSPECT drill"),
        fact("2020", "status-changed", value="planned"),
        fact("2021", "status-changed", value="planned"),
        fact("2021-06", "programme-joined", value="ilrs"),
        fact("2022", "launch-target-changed", value=None),
        fact(
            "2022-02-28",
            "partner-standing-changed",
            partner="esa",
            standing="suspended",
            party="esa",
        ),
        fact("2022-03", "milestone", value="launch", detail="a test"),
        fact("2022-04", "contribution-removed", partner="esa", value="PROSPECT drill"),
    ]
    then = [
        fact("2022-05", "partner-role-changed", partner="esa", role="partner"),
        fact("2022-06", "status-changed", value="planned"),
        fact("2022-07", "programme-left", value="ilrs"),
        fact("2022-08", "partner-withdrawn", partner="esa", party="roscosmos"),
    ]
    whole = folded(*first, *then)
    row = orjson.loads(orjson.dumps(folded(*first).dump({})))
    kept = folded(*then, state=State.load(row))
    assert kept.dump({}) == whole.dump({})
