"""Names a pack may not take over: the name of a pack recorded with another
source (unless `missions add --replace`), and a known partner, built-in or
recorded, said otherwise of (by a pack or by `missions partner add`); and what
`missions seed` says of a built-in partner recorded otherwise. Each refusal is
one line and leaves the store as it was. On both kinds of store."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from uuid import uuid4

import orjson
import pytest

from adapters.eventstore.tracker import MissionTracker
from adapters.packs.adding import add_pack
from adapters.packs.again import same_source
from adapters.packs.reading import PackError, read_pack
from adapters.packs.seed import PACKS
from domain.events import Source
from domain.registry import add_partner
from domain.vocabulary import PartnerKind
from tests.bad_input_corpus import seal
from tests.conftest import NewStore, Run
from tests.exports import missions, write_lines
from tests.stores import stored_rows

PACK = """\
pack = "esa-2022"

[source]
publication = "ESA"
title = "ExoMars suspended"
url = "https://example.org/esa-2022"

[[missions]]
mission = "rover-2028"
name = "Rover 2028"
on = "2022-11-01"

[[facts]]
key = "suspended"
mission = "exomars"
kind = "status-changed"
on = "2022-03-17"
status = "suspended"
summary = "ESA suspended ExoMars."
"""

#: The same pack's name, key and fact, under another source.
ADVERSARY = PACK.replace('publication = "ESA"', 'publication = "Adv"')

REFUSED = (
    "Error: {path}: line 1: (pack): pack: the name esa-2022 is taken by a pack"
    ' recorded with the source ESA, "ExoMars suspended",'
    " https://example.org/esa-2022; give this pack a name of its own, or add it"
    " with --replace to correct that pack's facts as this one says;"
    " nothing was added\n"
)


def written(tmp_path: Path, text: str, name: str = "pack.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def source_of(run: Run, fact: str) -> dict[str, object]:
    """The source of the fact `fact` of exomars as it reads now."""
    said = json.loads(run("history", "exomars", "--json").stdout)
    found = next(e for e in said if e.get("event") == fact)
    source: dict[str, object] = found["source"]
    return source


# A pack's name


def test_a_pack_named_as_one_of_another_source_is_refused_unless_it_replaces_it(
    run: Run, store: str, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    first = json.loads(run("add", written(tmp_path, PACK), "--json").stdout)
    fact = first["added"][1]["id"]
    rows = stored_rows(store)
    adversary = written(tmp_path, ADVERSARY, "adv.toml")
    for flags in ([], ["--dry-run"], ["--json"]):
        refused = run("add", adversary, *flags)
        assert refused.exit_code == 2, refused.output
        assert refused.stdout == ""
        assert refused.stderr == REFUSED.format(path=adversary)
    assert stored_rows(store) == rows
    assert source_of(run, fact)["publication"] == "ESA"

    replaced = json.loads(run("add", adversary, "--replace", "--json").stdout)
    assert [(f["key"], f["fields"]) for f in replaced["corrected"]] == [
        ("suspended", ["source"])
    ]
    assert source_of(run, fact)["publication"] == "Adv"
    again = json.loads(run("add", adversary, "--json").stdout)  # its source now
    assert (again["added"], again["corrected"], again["unchanged"]) == ([], [], 2)


#: A pack of the name esa-2022 that shares no key with PACK, under another source.
STRANGER = """\
pack = "esa-2022"

[source]
publication = "Adv"

[[facts]]
key = "something-else"
mission = "venera-d"
kind = "noted"
on = "2022-03-01"
summary = "Someone else's note."
"""


def test_a_pack_named_as_one_of_another_source_is_refused_with_no_key_shared(
    run: Run, store: str, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    assert run("add", written(tmp_path, PACK)).exit_code == 0
    rows = stored_rows(store)
    stranger = written(tmp_path, STRANGER, "stranger.toml")
    for flags in ([], ["--dry-run"], ["--json"]):
        refused = run("add", stranger, *flags)
        assert refused.exit_code == 2, refused.output
        assert refused.stderr == REFUSED.format(path=stranger)
    assert stored_rows(store) == rows
    added = json.loads(run("add", stranger, "--replace", "--json").stdout)
    assert [fact["key"] for fact in added["added"]] == ["something-else"]
    assert run("add", stranger).exit_code == 0  # the name's source is its now
    assert run("add", written(tmp_path, PACK)).exit_code == 2


def test_a_pack_s_name_is_kept_as_events_that_export_import_and_verify(
    run: Run, store: str, other_store: NewStore, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    pack = written(tmp_path, PACK)
    assert run("add", pack).exit_code == 0
    exported = run("export").stdout_bytes
    assert run("add", pack).exit_code == 0  # unchanged: nothing more is kept
    assert run("export").stdout_bytes == exported
    kinds = [orjson.loads(line)["state"]["kind"] for line in exported.splitlines()]
    assert kinds.count("pack-added") == 1
    verified = json.loads(run("verify", "--json").stdout)
    assert (verified["packs"], verified["problems"]) == (1, [])

    copy = other_store()
    imported = missions(copy, "import", "-", stdin=exported)
    assert imported.exit_code == 0, imported.output
    assert json.loads(missions(copy, "verify", "--json").stdout)["packs"] == 1
    stranger = written(tmp_path, STRANGER, "stranger.toml")
    assert missions(copy, "add", stranger).stderr == REFUSED.format(path=stranger)


def test_an_import_keeps_a_pack_s_stream_to_its_pack_added_events(
    run: Run, store: str, other_store: NewStore, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    assert run("add", written(tmp_path, PACK)).exit_code == 0
    lines = [orjson.loads(line) for line in run("export").stdout_bytes.splitlines()]
    named = next(line for line in lines if line["state"]["kind"] == "pack-added")
    fact = next(line for line in lines if line["state"]["kind"] == "noted")
    into_the_pack = copy.deepcopy(fact)
    into_the_pack.update(originator_id=named["originator_id"], originator_version=2)
    into_the_pack["state"].update(
        id=str(uuid4()),
        previous=named["state"]["digest"],
        timestamp=named["state"]["timestamp"],
    )
    into_a_mission = copy.deepcopy(named)
    into_a_mission["originator_id"] = fact["originator_id"]
    for tampered in (into_the_pack, into_a_mission):
        seal(tampered)
    for tampered, said in (
        (into_the_pack, "the stream of the pack esa-2022 holds its pack-added"),
        (into_a_mission, "field originator_id is not the id of pack 'esa-2022'"),
    ):
        store_copy = other_store()
        path = write_lines(tmp_path / "tampered.ndjson", [*lines, tampered])
        refused = missions(store_copy, "import", str(path))
        assert refused.exit_code != 0
        assert said in refused.output


def test_the_same_source_re_added_or_a_fact_edited_is_not_another_source(
    seeded: MissionTracker, tmp_path: Path
) -> None:
    add_pack(seeded, read_pack(written(tmp_path, PACK)))
    again = add_pack(seeded, read_pack(written(tmp_path, PACK)))
    assert (again.added, again.fixed, again.unchanged) == ([], [], 2)
    told_otherwise = PACK.replace(
        'title = "ExoMars suspended"', 'title = "ExoMars  SUSPENDED"'
    ).replace("https://example.org/esa-2022", "HTTP://example.org/esa-2022/")
    edited = told_otherwise.replace("ESA suspended ExoMars.", "ESA's Council did.")
    plan = add_pack(seeded, read_pack(written(tmp_path, edited)))
    assert [(f.key, f.fields) for f in plan.fixed] == [
        ("suspended", ("source", "summary"))
    ]
    without_a_url = PACK.replace('url = "https://example.org/esa-2022"\n', "")
    assert add_pack(seeded, read_pack(written(tmp_path, without_a_url))).fixed


@pytest.mark.parametrize(
    ("recorded", "given", "same"),
    [
        (Source(publication="ESA"), Source(publication=" esa "), True),
        (Source(publication="ESA"), Source(publication="Adv"), False),
        (
            Source(publication="ESA", url="https://esa.int/a"),
            Source(publication="ESA", url="http://ESA.int/a/"),
            True,
        ),
        (
            Source(publication="ESA", url="https://esa.int/a"),
            Source(publication="ESA", url="https://esa.int/b"),
            False,
        ),
        (
            Source(publication="ESA", url="https://esa.int/a"),
            Source(publication="ESA"),
            True,
        ),
        (
            Source(publication="ESA", title="ExoMars suspended"),
            Source(publication="ESA", title="ExoMars ended"),
            False,
        ),
        (
            Source(publication="ESA", author="A. Writer"),
            Source(publication="ESA", author="Someone Else"),
            True,
        ),
    ],
)
def test_another_source_is_another_publication_title_or_page(
    recorded: Source, given: Source, same: bool
) -> None:
    assert same_source(recorded, given) is same


def test_a_built_in_pack_name_cannot_be_taken_over(
    seeded: MissionTracker, store: str, tmp_path: Path
) -> None:
    built_in = PACKS / "2022-03-17-esa-exomars-suspended.toml"
    add_pack(seeded, read_pack(built_in))
    text = built_in.read_text(encoding="utf-8")
    adversary = text.replace('publication = "ESA"', 'publication = "Adv"', 1)
    rows = stored_rows(store)
    with pytest.raises(PackError, match=r"line 1: \(pack\): pack: the name 2022-03-17"):
        add_pack(seeded, read_pack(written(tmp_path, adversary)))
    assert stored_rows(store) == rows


def test_a_fact_line_keyed_as_one_of_another_source_is_refused(
    run: Run, store: str, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    line = orjson.loads(
        (PACKS / "article-2022-03-01.ndjson").read_bytes().split(b"\n")[1]
    )
    line["source"] = {"publication": "Adv"}
    path = written(tmp_path, orjson.dumps(line).decode() + "\n", "adv.ndjson")
    rows = stored_rows(store)
    refused = run("add", path)
    assert refused.exit_code == 2, refused.output
    assert refused.stderr.startswith(
        f"Error: {path}: line 1: exomars/esa-lead: source: the key exomars/esa-lead"
        " is taken by a fact recorded with the source SpaceNews, "
    )
    assert refused.stderr.endswith(
        "; give this fact a key of its own, or add it with --replace to correct"
        " that fact as this line says; nothing was added\n"
    )
    assert stored_rows(store) == rows
    assert run("add", path, "--replace").exit_code == 0


# A known partner


EVIL = """\
pack = "evil"

[source]
publication = "Adv"

[[partners]]
partner = "esa"
name = "{name}"
kind = "{kind}"

[[facts]]
key = "note"
mission = "iss"
kind = "noted"
on = "2022-03-17"
summary = "A note."
"""

PACK_REFUSED = (
    "Error: {path}: line 8: esa: name: the partner esa is known as European Space"
    " Agency (ESA) (agency); this entry says name 'Evil Space Agency', kind"
    " 'company': a pack does not redefine a known partner; leave the entry out,"
    " or give it as known; nothing was added\n"
)
ADD_REFUSED = (
    "Error: the partner esa is known as European Space Agency (ESA) (agency), not"
    " with name 'Evil Space Agency', kind 'company': a known partner is never"
    " redefined; give another partner a slug of its own\n"
)
EVIL_ADD = ["partner", "add", "esa", "--name", "Evil Space Agency"]
EVIL_ADD += ["--kind", "company", "--source", "Adv"]


@pytest.mark.parametrize("seeded_first", [True, False], ids=["seeded", "empty"])
def test_a_pack_cannot_redefine_a_built_in_partner(
    run: Run, store: str, tmp_path: Path, seeded_first: bool
) -> None:
    if seeded_first:
        assert run("seed", "--only", "article").exit_code == 0
    else:  # the pack names a mission of its own
        registered = ["--name", "ISS", "--on", "1998", "--source", "NASA"]
        assert run("register", "iss", *registered).exit_code == 0
    rows = stored_rows(store)
    evil = written(tmp_path, EVIL.format(name="Evil Space Agency", kind="company"))
    refused = run("add", evil)
    assert refused.exit_code == 2, refused.output
    assert refused.stderr == PACK_REFUSED.format(path=evil)
    assert stored_rows(store) == rows
    if not seeded_first:
        assert run("seed", "--only", "article").exit_code == 0
    listed = json.loads(run("partner", "list", "--json").stdout)
    esa = next(p for p in listed if p["partner"] == "esa")
    assert (esa["name"], esa["kind"]) == ("European Space Agency (ESA)", "agency")


def test_a_pack_entry_that_agrees_with_a_known_partner_is_left_as_it_is(
    run: Run, tmp_path: Path
) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    agrees = EVIL.format(name="european space agency", kind="Agency")
    added = json.loads(run("add", written(tmp_path, agrees), "--json").stdout)
    assert added["partners"] == []
    assert [f["key"] for f in added["added"]] == ["note"]


@pytest.mark.parametrize("seeded_first", [True, False], ids=["seeded", "empty"])
def test_partner_add_cannot_redefine_a_built_in_partner(
    run: Run, store: str, seeded_first: bool
) -> None:
    if seeded_first:
        assert run("seed", "--only", "article").exit_code == 0
    rows = stored_rows(store)
    refused = run(*EVIL_ADD)
    assert refused.exit_code == 2, refused.output
    assert refused.stderr == ADD_REFUSED
    no_country = ["partner", "add", "nasa", "--name", "NASA", "--kind", "agency"]
    refused = run(*no_country, "--source", "Adv")
    assert refused.exit_code == 2, refused.output
    assert "not with name 'NASA', no country: a known partner" in refused.stderr
    assert stored_rows(store) == rows


def test_partner_add_may_record_a_built_in_partner_as_it_is_built_in(
    run: Run,
) -> None:
    as_built = ["--name", "European Space Agency (ESA)", "--kind", "agency"]
    added = run("partner", "add", "esa", *as_built, "--source", "ESA")
    assert added.exit_code == 0, added.output
    seeded = run("seed", "--only", "article")
    assert seeded.exit_code == 0, seeded.output
    assert seeded.stderr == ""


def test_seed_says_which_built_in_partner_was_recorded_otherwise(
    tracker: MissionTracker, run: Run
) -> None:
    # As a store written before this was refused holds it.
    evil = add_partner(
        "esa", "Evil Space Agency", PartnerKind.COMPANY, Source(publication="Adv")
    )
    tracker.save(evil)
    seeded = run("seed", "--only", "article")
    assert seeded.exit_code == 0, seeded.output
    assert seeded.stderr == (
        "Kept the partner esa as recorded, Evil Space Agency (company), not as"
        " built in, European Space Agency (ESA) (agency): facts name it as"
        " recorded\n"
    )
    listed = json.loads(run("partner", "list", "--json").stdout)
    assert next(p for p in listed if p["partner"] == "esa")["name"] == (
        "Evil Space Agency"
    )
