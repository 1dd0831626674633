"""The answers a server keeps: made once while the store stands, made again
once it moves, and never more than their bound."""

from __future__ import annotations

from adapters.web.store import Kept


class Counted:
    """An answer's maker that counts how many times it made one."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.made = 0

    def __call__(self) -> bytes:
        self.made += 1
        return self.answer


def test_an_answer_is_made_once_while_the_store_stands() -> None:
    kept, make = Kept(), Counted(b"[1]")
    assert kept.answer("/api/missions?at=2022-03-01", '"7"', make) == b"[1]"
    assert kept.answer("/api/missions?at=2022-03-01", '"7"', make) == b"[1]"
    assert make.made == 1
    other = Counted(b"[2]")
    assert kept.answer("/api/missions?at=2022-03-02", '"7"', other) == b"[2]"
    assert other.made == 1


def test_an_answer_is_made_again_once_the_store_moves() -> None:
    kept, make = Kept(), Counted(b"[1]")
    kept.answer("/api/partners?", '"7"', make)
    kept.answer("/api/partners?", '"8"', make)
    kept.answer("/api/partners?", '"8"', make)
    assert make.made == 2


def test_the_least_recently_asked_are_dropped_past_the_bound() -> None:
    kept = Kept()
    kept.MOST, kept.LARGEST, kept.EACH = 12, 6, 0
    first, second, third = Counted(b"aaaa"), Counted(b"bbbb"), Counted(b"cccc")
    kept.answer("1", '"1"', first)  # 5 bytes: its key's and its answer's
    kept.answer("2", '"1"', second)
    kept.answer("1", '"1"', first)  # asked again: the second is the oldest
    kept.answer("3", '"1"', third)  # 15 bytes: the second goes
    kept.answer("1", '"1"', first)
    kept.answer("2", '"1"', second)
    assert (first.made, second.made, third.made) == (1, 2, 1)
    large = Counted(b"x" * 7)  # larger than any answer kept
    kept.answer("large", '"1"', large)
    kept.answer("large", '"1"', large)
    assert large.made == 2


def test_what_was_asked_counts_against_the_bound() -> None:
    """Long questions with short answers: the keys would fill memory if only
    the answers were counted."""
    kept = Kept()
    kept.MOST, kept.EACH = 100, 0
    for number in range(10):
        kept.answer(f"{number}{'&' * 59}", '"1"', Counted(b"[]"))
        assert len(kept) == 1
    assert kept.answer(f"9{'&' * 59}", '"1"', Counted(b"[9]")) == b"[]"


def test_each_answer_kept_costs_more_than_its_bytes() -> None:
    kept = Kept()
    kept.MOST = 3 * (kept.EACH + 4)
    for number in range(10):
        kept.answer(f"{number:02d}", '"1"', Counted(b"[]"))
    assert len(kept) == 3
