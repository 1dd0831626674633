"""Tables as people read them: the long columns share the width (the change of a
`changes` or `history` row first), and the text log names each fact's source
in brief."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import cli
from cli.output import LEAST, NARROWEST, fitted
from tests.conftest import Run
from tests.stores import Articles, kind_of


def test_long_columns_share_what_the_others_leave() -> None:
    # date, change, event, summary: 120 columns less the gaps and the short ones
    widths = fitted([10, 80, 8, 150], 120)
    assert sum(widths) + 2 * 3 <= 120
    assert widths[0] == 10
    assert widths[2] == 8
    assert abs(widths[1] - widths[3]) <= 1


def test_a_column_that_needs_less_than_its_share_keeps_its_width() -> None:
    assert fitted([10, 35, 8, 150], 120) == [10, 35, 8, 120 - 10 - 35 - 8 - 6]


def test_a_heavier_column_gets_its_weight_of_the_room() -> None:
    widths = fitted([10, 80, 8, 150], 100, (1, 2, 1, 1))
    assert sum(widths) + 6 <= 100
    assert widths[1] in (2 * widths[3], 2 * widths[3] + 1)


def test_a_table_too_wide_for_any_share_is_cut_as_before() -> None:
    widths = fitted([10, 80, 8, 150], 30)
    assert all(w >= LEAST for w in widths)
    assert max(widths) <= max(NARROWEST, 30)


@pytest.mark.parametrize("columns", [80, 120])
def test_the_change_of_a_changes_row_stays_readable(
    store: str, articles: Articles, columns: int
) -> None:
    runner = CliRunner(env={"COLUMNS": str(columns)})
    seeded = articles.of(kind_of(store))
    done = runner.invoke(
        cli,
        ["--store", seeded, "changes", "--from", "2022-02-24", "--to", "2022-03-03"],
    )
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    change = "nasa (partner): prospective -> withdrawn (by roscosmos)"
    kept = 55 if columns == 120 else 25
    assert any(change[:kept] in line for line in lines), done.stdout


def test_the_text_log_names_each_facts_source_in_brief(query: Run) -> None:
    done = query("log", "exomars")
    assert done.exit_code == 0, done.output
    header, *rows = done.stdout.splitlines()
    assert header.split()[:7] == [
        "VER",
        "ID",
        "OCCURRED",
        "RECORDED",
        "KIND",
        "SOURCE",
        "SUMMARY",
    ]
    assert all("SpaceNews 2022-03-01" in row for row in rows), done.stdout


def test_an_address_is_never_split_it_has_a_line_of_its_own(
    store: str, articles: Articles
) -> None:
    narrow = CliRunner(env={"COLUMNS": "60"})
    seeded = articles.of(kind_of(store))
    done = narrow.invoke(cli, ["--store", seeded, "status", "exomars"])
    assert done.exit_code == 0, done.output
    url = (
        "https://spacenews.com/russia-looks-to-china-for-collaboration-in-space"
        "-but-faces-isolation-over-ukraine-invasion/"
    )
    assert f"      {url}" in done.stdout.splitlines()


def test_partners_fit_the_width_a_part_a_row_when_the_matrix_cannot(
    store: str, articles: Articles
) -> None:
    seeded = articles.of(kind_of(store))
    asked = ["--store", seeded, "partners", "--at", "2022-03-01"]
    narrow = CliRunner(env={"COLUMNS": "80"}).invoke(cli, asked)
    assert narrow.exit_code == 0, narrow.output
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[1].split() == ["PARTNER", "MISSION", "PART"]
    assert ["roscosmos", "exomars", "partner"] in [line.split() for line in lines]
    whole = CliRunner().invoke(cli, asked)
    header = whole.stdout.splitlines()[1].split()
    assert header[:3] == ["PARTNER", "EXOMARS", "VENERA-D"]
