"""What the timeline tests share: the article's missions by name, the facts a
row marks, and drawing the timeline into a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from adapters.packs.seed import seed_lines

if TYPE_CHECKING:
    from tests.conftest import Run

NAMES = {
    line["mission"]: line["name"]
    for line in seed_lines()
    if line["kind"] == "registered"
}
#: The article's facts a row marks: all but the registrations.
CHANGES = [line for line in seed_lines() if line["kind"] != "registered"]


def drawn(run: Run, out: Path, *args: str) -> Path:
    """Draw the timeline into `out`."""
    result = run("timeline", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"Wrote {out}.\n")
    return out
