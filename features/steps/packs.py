"""Source packs a scenario writes, and edits, before it adds them."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import given, parsers

from features.scenario import Noted


@given(parsers.parse("I have written the pack [{name}]:"))
def write_pack(tmp_path: Path, noted: Noted, name: str, docstring: str) -> None:
    """A pack file of the scenario's own; `[name]` then stands for its path."""
    path = tmp_path / f"{name.replace(' ', '-')}.toml"
    path.write_text(f"{docstring}\n", encoding="utf-8")
    noted[name] = str(path)


@given(parsers.parse("I have edited [{name}] so that its line `{old}` reads `{new}`"))
def edit_pack(noted: Noted, name: str, old: str, new: str) -> None:
    """One line of a pack written earlier, changed."""
    path = Path(noted[name])
    text = path.read_text(encoding="utf-8")
    assert text.count(f"{old}\n") == 1, f"{old!r} is not one line of {name}"
    path.write_text(text.replace(f"{old}\n", f"{new}\n"), encoding="utf-8")
