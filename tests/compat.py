"""The compatibility fixtures: what earlier versions of the tracker wrote and
answered (tests/data/compat/, made by tests/make_compat_fixture.py)."""

from __future__ import annotations

from pathlib import Path

COMPAT = Path(__file__).parent / "data" / "compat"
#: Each fixture's version: name, commit, date, what is new in it, its form.
VERSIONS_FILE = COMPAT / "versions.json"
