"""A source's address is a web address, and its day of publication is not in
the future: refused where they come in, in one line, nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Run
from tests.stores import stored_rows

NOTE = ("record", "exomars", "noted", "--on", "2022-03-02", "--summary", "A note.")


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", "JavaScript:void(0)", "file:/x"],
)
def test_an_address_that_is_not_a_web_address_is_refused(
    seeded_store: str, run: Run, address: str
) -> None:
    before = stored_rows(seeded_store)
    done = run(*NOTE, "--source", "Test", "--source-url", address)
    assert done.exit_code == 2
    scheme = address.split(":")[0]
    assert done.stderr == (
        f"Error: url: {scheme!r} is no web address's scheme; give an address that"
        " starts http:// or https://\n"
    )
    assert stored_rows(seeded_store) == before


def test_a_web_address_is_taken(seeded_store: str, run: Run) -> None:
    done = run(*NOTE, "--source", "Test", "--source-url", "https://example.org/a")
    assert done.exit_code == 0, done.output


def test_a_source_published_in_the_future_is_refused(
    seeded_store: str, run: Run
) -> None:
    before = stored_rows(seeded_store)
    later = (datetime.now(UTC) + timedelta(days=3)).date()
    done = run(*NOTE, "--source", "Test", "--source-date", later.isoformat())
    assert done.exit_code == 2
    assert done.stderr == (
        f"Error: published: {later} is in the future; give the day the source was"
        " published\n"
    )
    assert stored_rows(seeded_store) == before
    today = datetime.now(UTC).date().isoformat()
    assert run(*NOTE, "--source", "Test", "--source-date", today).exit_code == 0
