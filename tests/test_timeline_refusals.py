"""What `missions timeline` refuses: a bad file, dates or time, an unknown mission
or one not tracked yet, each in one line, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run

BAD = [
    (
        ["--out", "{dir}/t.pdf"],
        "cannot draw 't.pdf': --out takes a file ending in .html, .svg or .png",
    ),
    (
        ["--out", "{dir}/timeline"],
        "cannot draw 'timeline': --out takes a file ending in .html, .svg or .png",
    ),
    (
        ["--from", "2022-03-02", "--to", "2022-03-01"],
        "--from 2022-03-02 is after --to 2022-03-01",
    ),
    (
        ["--from", "2022-02-30"],
        "'2022-02-30' is not a valid date; use YYYY-MM-DD, e.g. 2022-03-01",
    ),
    (
        ["--known-at", "yesterday"],
        "'yesterday' is not a valid time; use an ISO 8601 date or date-time,"
        " e.g. 2022-03-02 or 2022-03-02T12:00:00Z",
    ),
    (
        ["--mission", "exomars", "--mission", "exomar"],
        "unknown mission 'exomar'; did you mean: exomars?",
    ),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(
    query: Run, tmp_path: Path, args: list[str], message: str
) -> None:
    out = ["--out", str(tmp_path / "t.svg")] if "--out" not in args else []
    result = query("timeline", *(a.format(dir=tmp_path) for a in args), *out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_mission_is_refused_as_status_refuses_it(query: Run) -> None:
    status = query("status", "exomar")
    drawn = query("timeline", "--mission", "exomar")
    assert (
        (drawn.exit_code, drawn.stderr)
        == (status.exit_code, status.stderr)
        == (
            2,
            "Error: unknown mission 'exomar'; did you mean: exomars?\n",
        )
    )


def test_a_mission_not_yet_tracked_at_known_at_is_refused(query: Run) -> None:
    result = query("timeline", "--mission", "iss", "--known-at", "2000-01-01")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: iss was not tracked yet at 2000-01-01T23:59:59.999999+00:00;"
    )


def test_a_file_that_cannot_be_written_is_reported(query: Run, tmp_path: Path) -> None:
    result = query("timeline", "--out", str(tmp_path / "no" / "t.svg"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot write '{tmp_path}/no/t.svg': there is no folder"
        f" '{tmp_path}/no'; write into a folder that exists\n"
    )
    assert list(tmp_path.iterdir()) == []
