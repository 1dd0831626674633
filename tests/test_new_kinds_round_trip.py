"""Every kind of fact that came after the article (a partner made known, roles,
parties, effective dates, a dropped target, milestones, contributions, programmes,
citations), corrected and retracted, goes through export and import to another
store unchanged: the same log, the same answers, a store that verifies."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.conftest import NewStore
from tests.exports import missions


def recorded(store: str, *args: str) -> str:
    """Run a command that records; the id of what it recorded."""
    result = missions(store, *args, "--json")
    assert result.exit_code == 0, result.output
    return str(orjson.loads(result.stdout).get("id", ""))


#: What is recorded after the article, a command a line (as typed after
#: `missions`); {suspended} and {cited} are the ids recorded by earlier lines.
COMMANDS = [
    "partner add suparco --name SUPARCO --kind agency --country PK --source Xinhua",
    "partner add pakistan --name Pakistan --kind country --via suparco --source Xinhua",
    "record ilrs partner-joined --partner pakistan --role partner --on 2023-10-18"
    " --source Xinhua",
    "record ilrs partner-role-changed --partner roscosmos --role partner --on 2024"
    " --source Xinhua",
    "record exomars partner-standing-changed --partner roscosmos --standing suspended"
    " --by-party esa --on 2022-03-17 --source ESA",
    "record iss partner-withdrawn --partner roscosmos --on 2022-07-26"
    " --effective 2025/.. --source WION",
    "record exomars launch-target-changed --target none --on 2022-04-13 --source ESA",
    "record change-6 milestone --milestone sample-return --detail 1,935.3g"
    " --on 2024-06-25 --source CNSA",
    "record change-7 contribution-added --partner roscosmos --contribution dust"
    " --on 2024-04-24 --source CNSA",
    "record change-7 programme-joined --programme ilrs --on ../2023-09-08"
    " --source Xinhua",
    "cite {suspended} --source Reuters --quote suspended",
    "correct {suspended} --effective 2022-03-18",
    "retract {cited} --reason copied --source ESA",
]


def fill_after_the_article(store: str) -> None:
    assert missions(store, "seed", "--only", "article").exit_code == 0
    ids: dict[str, str] = {}
    for command in COMMANDS:
        typed = command.format(**{k: v[:8] for k, v in ids.items()})
        made = recorded(store, *typed.split())
        if "--standing suspended" in command:
            ids["suspended"] = made
        elif command.startswith("cite"):
            ids["cited"] = made


def answers(store: str) -> list[object]:
    """What a store answers: every log, every mission on a few days, partners."""
    found: list[object] = []
    for mission in ("exomars", "iss", "ilrs", "change-6", "change-7"):
        found.append(orjson.loads(missions(store, "log", mission, "--json").stdout))
        found.append(orjson.loads(missions(store, "history", mission, "--json").stdout))
    for day in ("2022-03-17", "2023-12-31", "2026-01-01"):
        found.append(
            orjson.loads(missions(store, "list", "--at", day, "--json").stdout)
        )
    found.append(orjson.loads(missions(store, "partner", "list", "--json").stdout))
    return found


def test_every_new_kind_goes_through_export_and_import_unchanged(
    store: str, other_store: NewStore, tmp_path: Path
) -> None:
    fill_after_the_article(store)
    file = tmp_path / "export.ndjson"
    file.write_bytes(missions(store, "export").stdout_bytes)
    target = other_store()
    imported = missions(target, "import", str(file))
    assert imported.exit_code == 0, imported.output
    assert missions(target, "verify").exit_code == 0
    assert answers(target) == answers(store)
    # The import wrote each event as it was: the export of the copy is the same.
    assert missions(target, "export").stdout_bytes == file.read_bytes()
