"""The ids an import has met, in a compact table: for each event id (its UUID's
integer), the number of its mission, its class and whether the file adds it.

A Python set or dict of integers holds an id in about 100 bytes (the integer
and the table's entry), and an import held each id twice (the file's set, and
its mission's classes): a million events took about 190 MB. This table keeps the
ids in arrays, open addressing with linear probing, and takes 20 bytes a slot,
about 40 an id: 40 MB at a million events. The arrays are mapped from the
system, not taken from the heap, so that those a table outgrows are given back
at once, rather than left as holes in the heap that the process goes on
holding."""

from __future__ import annotations

import mmap
from typing import Any

_M64 = (1 << 64) - 1
#: Fibonacci hashing: the high bits of the product spread any ids over the slots.
_MIX = 0x9E3779B97F4A7C15
#: The most slots used before the table doubles, as a fraction of them.
_LOAD = 0.6
#: A value's lowest bit: the file adds the id; the next seven: its class's code.
_NEW = 1
_CODE_SHIFT = 1
_MISSION_SHIFT = 8
#: The most classes and missions a value can tell apart.
MAX_CLASSES = (1 << 7) - 1
MAX_MISSIONS = (1 << 24) - 1


class IdTable:
    """Event ids, each with a value: its mission's number (from 1; 0 for none),
    its class (a code given in the order classes come) and whether the file adds
    it. A slot whose value is 0 is free: every id kept has a value."""

    __slots__ = (
        "_bits",
        "_codes",
        "_count",
        "_his",
        "_limit",
        "_los",
        "_map",
        "_mask",
        "_shift",
        "_values",
        "classes",
    )

    def __init__(self, bits: int = 12) -> None:
        self._map: mmap.mmap | None = None
        self._values: memoryview = memoryview(b"").cast("I")
        self._his: memoryview = memoryview(b"").cast("Q")
        self._los: memoryview = memoryview(b"").cast("Q")
        self._resize(bits)
        #: The classes by code (code 0: none).
        self.classes: list[Any] = [None]
        self._codes: dict[Any, int] = {}

    def __len__(self) -> int:
        return self._count

    def code(self, cls: Any) -> int:
        """The code of a class, given the first time it is asked for."""
        code = self._codes.get(cls)
        if code is None:
            if len(self.classes) > MAX_CLASSES:
                raise OverflowError("more classes of event than an id table tells")
            code = self._codes[cls] = len(self.classes)
            self.classes.append(cls)
        return code

    def get(self, key: int) -> int:
        """The id's value; 0 if the table does not hold it."""
        return self._values[self._slot(key)]

    def put(self, key: int, value: int) -> None:
        """Keep the id with `value` (not 0), in place of any it had."""
        slot = self._slot(key)
        values = self._values
        if values[slot] == 0:
            self._his[slot] = key >> 64
            self._los[slot] = key & _M64
            self._count += 1
            values[slot] = value
            if self._count > self._limit:
                self._resize(self._bits + 1)
            return
        values[slot] = value

    def is_new(self, key: int) -> bool:
        """Whether the file adds the id (see `mark_new`)."""
        return bool(self._values[self._slot(key)] & _NEW)

    def mark_new(self, key: int) -> None:
        """Say that the file adds the id, keeping it if it was not kept."""
        slot = self._slot(key)
        value = self._values[slot]
        if value == 0:
            self.put(key, _NEW)
        else:
            self._values[slot] = value | _NEW

    def _slot(self, key: int) -> int:
        """The slot that holds the id, or the free slot where it would go."""
        hi, lo = key >> 64, key & _M64
        slot = (((lo ^ hi) * _MIX) & _M64) >> self._shift
        values, his, los, mask = self._values, self._his, self._los, self._mask
        while values[slot] and (los[slot] != lo or his[slot] != hi):
            slot = (slot + 1) & mask
        return slot

    def _resize(self, bits: int) -> None:
        """Take `bits` bits of slots, and put back every id kept."""
        old, his, los, mapped = self._values, self._his, self._los, self._map
        size = 1 << bits
        self._bits, self._mask, self._shift = bits, size - 1, 64 - bits
        self._limit = int(size * _LOAD)
        # Zeroed by the system: 0 is a free slot.
        self._map = mmap.mmap(-1, 20 * size)
        whole = memoryview(self._map)
        self._his = whole[: 8 * size].cast("Q")
        self._los = whole[8 * size : 16 * size].cast("Q")
        self._values = whole[16 * size :].cast("I")
        self._count = 0
        for slot, value in enumerate(old):
            if value:
                self.put((his[slot] << 64) | los[slot], value)
        for view in (old, his, los):
            view.release()
        if mapped is not None:
            mapped.close()


class MissionClasses:
    """The classes of one mission's events, by id, kept in a shared `IdTable`: the
    mapping `domain.admission.Admission` keeps them in. An id the table holds for
    another mission is not this mission's."""

    __slots__ = ("mission", "new", "table")

    def __init__(self, table: IdTable, mission: int) -> None:
        if not 0 < mission <= MAX_MISSIONS:
            raise OverflowError(f"a mission's number runs from 1 to {MAX_MISSIONS}")
        self.table = table
        self.mission = mission
        #: Whether the ids kept from now on are the file's (not the store's).
        self.new = False

    def __contains__(self, key: object) -> bool:
        return type(key) is int and self.get(key) is not None

    def get(self, key: int) -> Any:
        value = self.table.get(key)
        if value >> _MISSION_SHIFT != self.mission:
            return None
        return self.table.classes[(value >> _CODE_SHIFT) & MAX_CLASSES]

    def __getitem__(self, key: int) -> Any:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: int, cls: Any) -> None:
        value = self.mission << _MISSION_SHIFT | self.table.code(cls) << _CODE_SHIFT
        self.table.put(key, value | (_NEW if self.new else 0))
