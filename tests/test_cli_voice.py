"""One voice: every writing command prints what it did as JSON when asked,
results go to stdout and messages to stderr, and options given nothing, or
given together when they cannot be, are refused in one line."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from adapters.eventstore.tracker import MissionTracker
from adapters.readmodel.tables import Caught
from cli.main import cli
from tests.answers import unwarned
from tests.conftest import NewStore, Run
from tests.stores import Articles, kind_of
from tests.usage import hinted


def json_of(run: Run, *args: str) -> object:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    assert unwarned(result.stderr) == ""  # what it warns of: tests/test_lint.py
    return orjson.loads(result.stdout)


def test_every_writing_command_prints_json_when_asked(run: Run, tmp_path: Path) -> None:
    seeded = json_of(run, "seed", "--only", "article")
    assert seeded == {"article": {"added": 39, "facts": 39}, "follow_ups": None}
    by_hand = ["--on", "2022-03-17", "--source", "ESA"]
    registered = json_of(run, "register", "hera", "--name", "Hera", *by_hand)
    assert isinstance(registered, dict)
    assert (registered["mission"], registered["kind"]) == ("hera", "registered")
    recorded = json_of(
        run, "record", "hera", "status-changed", "--status", "planned", *by_hand
    )
    assert isinstance(recorded, dict)
    corrected = json_of(run, "correct", recorded["id"], "--on", "2022-03-18")
    assert isinstance(corrected, dict)
    assert corrected["kind"] == "corrected"
    retracted = json_of(
        run, "retract", recorded["id"], "--reason", "Not so.", "--source", "ESA"
    )
    assert isinstance(retracted, dict)
    assert retracted["kind"] == "retracted"
    rebuilt = json_of(run, "rebuild")
    assert isinstance(rebuilt, dict)
    assert set(rebuilt) == {"events", "states"}
    exported = run("export")
    assert exported.exit_code == 0
    path = tmp_path / "export.ndjson"
    path.write_bytes(exported.stdout_bytes)
    imported = json_of(run, "import", str(path))
    total = len(exported.stdout_bytes.splitlines())
    assert imported == {"added": 0, "total": total}


def test_json_and_ndjson_together_are_refused(run: Run) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    result = run("log", "iss", "--json", "--ndjson")
    assert result.exit_code == 2
    assert (
        result.stderr == "Error: --json and --ndjson cannot go together; choose one\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--at", ""],
        ["status", "iss", "--at", " "],
        ["partners", "--at", ""],
        ["list", "--known-at", ""],
        ["history", "iss", "--from", ""],
        ["changes", "--from", "2022-01-01", "--to", ""],
        ["timeline", "--to", ""],
    ],
    ids=lambda command: "-".join(w.strip("-") or "empty" for w in command),
)
def test_an_option_given_nothing_is_refused(query: Run, command: list[str]) -> None:
    result = query(*command)
    assert result.exit_code == 2
    option = command[command.index("") - 1 if "" in command else -2]
    said = (
        f"Invalid value for '{option}': it is empty; give a date such as"
        " 2022-03-01, or leave the option out"
    )
    assert result.stderr == f"Error: {hinted(command, said)}\n"


def test_a_date_far_in_the_future_says_it_is(query: Run) -> None:
    result = query("status", "iss", "--at", "3022-01-01")
    assert result.exit_code == 0
    assert result.stderr.startswith("Note: 3022-01-01 is more than 99")
    assert result.stderr.count("\n") == 1
    assert query("status", "iss", "--at", "2022-03-01").stderr == ""


def test_an_import_leaves_the_read_model_up_to_date(
    run: Run, store: str, other_store: NewStore, tmp_path: Path
) -> None:
    assert run("seed").exit_code == 0
    path = tmp_path / "export.ndjson"
    assert run("export", "--out", str(path)).exit_code == 0
    target = other_store()
    imported = CliRunner().invoke(cli, ["--store", target, "import", str(path)])
    assert imported.exit_code == 0, imported.output
    tracker = MissionTracker(target)
    try:
        assert tracker.reader.catch_up() == Caught(events=0, states=0)
    finally:
        tracker.close()


def test_store_says_which_store_and_what_it_holds(run: Run, store: str) -> None:
    assert run("seed", "--only", "article").exit_code == 0
    said = json_of(run, "store")
    assert isinstance(said, dict)
    assert said["kind"] == ("postgresql" if "postgres" in store else "sqlite")
    assert "s3cret" not in str(said["store"])
    assert (said["missions"], said["read_model"]["behind"]) == (8, 0)
    assert said["events"] >= 39 + 18
    text = run("store")
    assert text.exit_code == 0
    assert text.stdout.splitlines()[-1] == "Read model:  up to date"


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--at", "2022-03-01"],
        ["partners", "--at", "2022-03-01"],
        ["log", "exomars"],
        ["history", "exomars"],
        ["changes", "--from", "2022-02-24", "--to", "2022-03-03"],
    ],
    ids=lambda command: command[0],
)
def test_tables_fit_the_width_and_json_is_never_cut(
    store: str, articles: Articles, command: list[str]
) -> None:
    seeded = articles.of(kind_of(store))
    narrow = CliRunner(env={"COLUMNS": "80"})
    printed = narrow.invoke(cli, ["--store", seeded, *command])
    assert printed.exit_code == 0, printed.output
    assert max(len(line) for line in printed.stdout.splitlines()) <= 80
    whole = CliRunner().invoke(cli, ["--store", seeded, *command]).stdout
    assert whole != printed.stdout
    # cut, with an ellipsis; the partners matrix gives a part a row instead
    assert ("…" in printed.stdout) != (command[0] == "partners")
    as_json = [*command, "--json"]
    assert (
        narrow.invoke(cli, ["--store", seeded, *as_json]).stdout
        == CliRunner().invoke(cli, ["--store", seeded, *as_json]).stdout
    )
