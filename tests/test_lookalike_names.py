"""Names are compared by their confusable skeleton (Unicode TR39, by ICU): a
name that looks like another mission's is refused, naming that mission, when
registered (and so when imported or added in a pack, which check names alike)."""

from __future__ import annotations

import pytest

from adapters.eventstore.names import Taken, lookalike_key, name_key, name_taken
from tests.conftest import Run
from tests.stores import stored_rows

#: "Rosalind Franklin", written with a Cyrillic letter a (U+0430).
CYRILLIC_A = "Rosalind Fr\u0430nklin"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (CYRILLIC_A, "Rosalind Franklin"),
        ("\u0415SA", "ESA"),  # a Cyrillic capital Ie
        ("R0scosmos", "Roscosmos"),  # a digit zero
    ],
)
def test_look_alike_names_share_a_key(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)
    assert lookalike_key(name_key(one)) == lookalike_key(name_key(other))


def test_names_that_do_not_look_alike_keep_apart() -> None:
    assert lookalike_key(name_key("Luna 25")) != lookalike_key(name_key("Luna 27"))
    assert name_taken({"exomars": "exomars"}, ["Venera-D"]) is None


def test_a_look_alike_of_a_name_in_a_growing_map_is_found() -> None:
    names = {name_key("ExoMars"): "exomars"}
    assert name_taken(names, ["Venera-D"]) is None
    names[name_key("Venera-D")] = "venera-d"  # the map grows, as an import's does
    assert name_taken(names, ["V\u0435nera-D"]) == Taken(
        "V\u0435nera-D", "venera-d", alike=True
    )
    assert name_taken(names, ["venera d"]) == Taken("venera d", "venera-d")


def test_registering_a_look_alike_is_refused(seeded_store: str, run: Run) -> None:
    before = stored_rows(seeded_store)
    done = run(
        *("register", "rosalind", "--name", CYRILLIC_A, "--on", "2022"),
        *("--source", "Test"),
    )
    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: {CYRILLIC_A!r} looks like a name of exomars (it differs only in"
        " letters that look alike); choose another\n"
    )
    assert stored_rows(seeded_store) == before


def test_a_partner_that_looks_like_another_is_refused(
    seeded_store: str, run: Run
) -> None:
    before = stored_rows(seeded_store)
    done = run(
        *("partner", "add", "esa2", "--name", "\u0415SA", "--kind", "agency"),
        *("--source", "Test"),
    )
    assert done.exit_code == 2
    assert done.stderr == (
        "Error: '\u0415SA' looks like a name of the partner esa (it differs only in"
        " letters that look alike); choose another\n"
    )
    assert stored_rows(seeded_store) == before
