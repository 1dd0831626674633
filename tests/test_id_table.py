"""The import's table of event ids (adapters.evidence.ids) answers as a dict of
the same ids would, through every resize, and keeps each mission's apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.evidence.ids import MAX_MISSIONS, IdTable, MissionClasses
from domain.events import Corrected, PartnerJoined, Registered

ids = st.integers(min_value=0, max_value=(1 << 128) - 1)


@given(st.lists(st.tuples(ids, st.integers(1, (1 << 32) - 1)), max_size=3000))
def test_a_table_answers_as_a_dict_does(puts: list[tuple[int, int]]) -> None:
    table = IdTable(bits=2)  # small, so that it grows many times
    expected: dict[int, int] = {}
    for key, value in puts:
        table.put(key, value)
        expected[key] = value
    assert len(table) == len(expected)
    assert all(table.get(key) == value for key, value in expected.items())
    assert table.get(max(expected, default=0) + 1) == 0


def test_ids_alike_in_one_half_are_told_apart() -> None:
    table = IdTable(bits=2)
    low, high = 12345, 1 << 64
    for n in range(50):  # the same low half, or the same high half
        table.put(low + n * high, n + 1)
        table.put(n * high + n, n + 100)
    assert [table.get(low + n * high) for n in range(50)] == list(range(1, 51))
    assert table.get(low + 50 * high) == 0


def test_new_is_said_of_an_id_once_marked_and_kept_through_growth() -> None:
    table = IdTable(bits=2)
    table.put(7, 1 << 8)
    assert not table.is_new(7)
    table.mark_new(7)
    table.mark_new(8)  # not kept before: kept now, as new
    for key in range(100, 200):
        table.put(key, 1 << 8)
    assert table.is_new(7)
    assert table.is_new(8)
    assert not table.is_new(100)
    assert not table.is_new(9)
    assert table.get(7) >> 8 == 1  # marking keeps the mission


def test_a_missions_classes_are_its_own() -> None:
    table = IdTable()
    first, second = MissionClasses(table, 1), MissionClasses(table, 2)
    first[10] = Registered
    second[11] = PartnerJoined
    second.new = True
    second[12] = Corrected
    assert first.get(10) is Registered
    assert 10 in first
    assert first.get(11) is None
    assert 11 not in first
    assert "11" not in first
    assert second[11] is PartnerJoined
    assert second[12] is Corrected
    assert not table.is_new(11)
    assert table.is_new(12)
    with pytest.raises(KeyError):
        first[12]


def test_a_missions_number_must_fit() -> None:
    table = IdTable()
    with pytest.raises(OverflowError, match="runs from 1"):
        MissionClasses(table, 0)
    with pytest.raises(OverflowError, match="runs from 1"):
        MissionClasses(table, MAX_MISSIONS + 1)
