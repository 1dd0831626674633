"""What is too close together to be drawn apart at a picture's scale.

A row's markers are laid out in lanes, so that none hides another. When a row
would need more than `MOST_LANES`, its markers are gathered by the stretch of
pixels they fall on: a stretch of one marker keeps it, a stretch of several is
drawn as one marker, a `Crowd`, that gives their count. Status bands thinner
than `THIN` pixels that follow one another are drawn as one. So what a
picture holds follows its pixels, not the number of facts: a million facts
draw in a few megabytes, and a few dozen exactly as before."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import TypeVar

from adapters.picture.spans import Mark

T = TypeVar("T")

#: The most lanes a row's markers take before they are gathered into crowds.
MOST_LANES = 16
#: The width of the stretches of pixels a crowded row's markers are gathered by
#: (a marker is 14 pixels wide).
STRETCH = 16.0
#: A band thinner than this, in pixels, cannot be told from its neighbours.
THIN = 2.0
#: How many of a crowd's changes its tooltip lists, and of a run's statuses;
#: and how to see each of what they gather.
LISTED = 8
CLOSER = "draw fewer days (--from, --to) to see each"


@dataclass(frozen=True, slots=True)
class Crowd:
    """Several changes of a row drawn as one marker: each with its place in the
    row's marks, in the order of the world."""

    marks: list[tuple[int, Mark]]

    @property
    def first(self) -> Mark:
        return self.marks[0][1]

    @property
    def last(self) -> Mark:
        return self.marks[-1][1]

    @property
    def day(self) -> date:
        """The day the crowd is drawn on: the middle of its marks' days."""
        low, high = self.first.day.toordinal(), self.last.day.toordinal()
        return date.fromordinal((low + high) // 2)


#: What a row draws: a change, with its place in the row's marks, or a crowd.
Item = tuple[int, Mark] | Crowd


def lanes(extents: Sequence[tuple[float, float]], most: int | None) -> list[int] | None:
    """Give each extent (left, right) the first lane where it overlaps no other,
    in order; None if that takes more than `most` lanes."""
    ends: list[float] = []
    found = []
    for start, end in extents:
        for lane, last in enumerate(ends):
            if last + 2 <= start:
                ends[lane] = end
                found.append(lane)
                break
        else:
            if most is not None and len(ends) == most:
                return None
            ends.append(end)
            found.append(len(ends) - 1)
    return found


def crowded(marks: Sequence[Mark], middle: list[float], left: float) -> list[Item]:
    """The items of a row whose marks are too many for their lanes: the marks
    gathered by the stretch of `STRETCH` pixels that their middles (`middle`,
    as drawn) fall on, from `left`; a stretch of one mark keeps it."""
    order = sorted(range(len(marks)), key=lambda i: (middle[i], i))
    items: list[Item] = []
    for _, together in groupby(order, key=lambda i: int((middle[i] - left) // STRETCH)):
        found = [(i, marks[i]) for i in together]
        items.append(found[0] if len(found) == 1 else Crowd(found))
    return items


def runs(
    spans: Iterable[tuple[T, float, float]],
) -> Iterator[tuple[list[T], float, float]]:
    """Things drawn from left to right, each with where it begins and ends (in
    pixels), in order: those thinner than `THIN` pixels that follow one another
    come together, with where the first begins and the last ends; any other
    alone."""
    thin: list[T] = []
    left = right = 0.0
    for thing, start, end in spans:
        if end - start < THIN:
            if not thin:
                left = start
            thin.append(thing)
            right = end
            continue
        if thin:
            yield thin, left, right
            thin = []
        yield [thing], start, end
    if thin:
        yield thin, left, right
