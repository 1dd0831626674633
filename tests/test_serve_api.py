"""`missions serve`'s JSON API, on SQLite files and PostgreSQL schemas: each
answer is the CLI's `--json`, key for key; errors are the CLI's one-line
messages as JSON, 400 or 404; answers carry an ETag, and a client that holds
the answer is told 304 until the store changes; nothing is ever written."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from adapters.web.app import create_app
from adapters.web.openapi import PARAMETERS, ROUTES
from cli.main import cli
from domain.vocabulary import Standing
from tests.answers import parsed
from tests.conftest import Run
from tests.stores import Articles, copy_store

#: Each API request and the CLI command whose --json it answers with.
SAME_AS_CLI = [
    ("/api/missions?at=2022-03-01", ["list", "--at", "2022-03-01"]),
    (
        "/api/missions?at=2022-03-01&partner=roscosmos&standing=active",
        [
            "list",
            "--at",
            "2022-03-01",
            "--partner",
            "roscosmos",
            "--standing",
            "active",
        ],
    ),
    (
        "/api/missions?at=2024-06-01&programme=ilrs",
        ["list", "--at", "2024-06-01", "--programme", "ilrs"],
    ),
    (
        "/api/missions/exomars?at=2022-02-27",
        ["status", "exomars", "--at", "2022-02-27"],
    ),
    ("/api/missions/CE%206?at=2022-03-01", ["status", "CE 6", "--at", "2022-03-01"]),
    ("/api/missions/exomars/log", ["log", "exomars"]),
    ("/api/missions/venera-d/history", ["history", "venera-d"]),
    (
        "/api/missions/exomars/history?from=2022-02-01&to=2022-03-31",
        ["history", "exomars", "--from", "2022-02-01", "--to", "2022-03-31"],
    ),
    (
        "/api/changes?from=2022-02-24&to=2022-03-31",
        ["changes", "--from", "2022-02-24", "--to", "2022-03-31"],
    ),
    ("/api/partners?at=2022-03-01", ["partners", "--at", "2022-03-01"]),
]

#: Bad requests, and the CLI command that is refused with the same message.
REFUSED = [
    ("/api/missions?at=2022-13-01", ["list", "--at", "2022-13-01"], 400),
    (
        "/api/missions/exomars?known_at=yesterday",
        ["status", "exomars", "--known-at", "yesterday"],
        400,
    ),
    ("/api/missions/exomar", ["status", "exomar"], 404),
    ("/api/missions/exomar/log", ["log", "exomar"], 404),
    (
        "/api/missions/exomars/history?from=2022-02-30",
        ["history", "exomars", "--from", "2022-02-30"],
        400,
    ),
    (
        "/api/changes?from=2022-03-01&to=2022-3-1",
        ["changes", "--from", "2022-03-01", "--to", "2022-3-1"],
        400,
    ),
    (
        "/api/missions/exomars?known_at=2000-01-01",
        ["status", "exomars", "--known-at", "2000-01-01"],
        404,
    ),
]


@pytest.fixture
def client(seeded_store: str, run: Run) -> Iterator[TestClient]:
    """The API on a copy of the seeded store of the test's kind, its read model
    brought up to date as every command that writes leaves it."""
    assert run("list").exit_code == 0
    with TestClient(create_app(seeded_store)) as opened:
        yield opened


def _cli_json(run: Run, args: list[str]) -> Any:
    return parsed(run(*args, "--json"))


@pytest.mark.parametrize(("path", "args"), SAME_AS_CLI)
def test_each_answer_is_the_clis_json(
    client: TestClient, run: Run, path: str, args: list[str]
) -> None:
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == _cli_json(run, args)


def test_an_event_is_as_its_missions_log_shows_it(client: TestClient, run: Run) -> None:
    log = _cli_json(run, ["log", "exomars"])
    for view in (log[0], log[-1]):
        assert client.get(f"/api/events/{view['id']}").json() == view
        assert client.get(f"/api/events/{view['id'][:8].upper()}").json() == view
    short = client.get("/api/events/4e9")
    assert short.status_code == 400
    assert short.json()["error"] == (
        "event id '4e9' is too short; give 4 or more characters"
    )
    missing = client.get("/api/events/ffffffff")
    assert missing.status_code == 404
    assert missing.json()["error"].startswith("no event has an id starting 'ffffffff'")


@pytest.mark.parametrize(("path", "args", "status"), REFUSED)
def test_a_bad_request_is_refused_with_the_clis_message(
    client: TestClient, run: Run, path: str, args: list[str], status: int
) -> None:
    refused = run(*args, "--json")
    assert refused.exit_code != 0
    (said,) = refused.stderr.splitlines()
    answer = client.get(path)
    assert answer.status_code == status
    assert answer.json() == {"error": said.removeprefix("Error: "), "status": status}


def test_an_unknown_mission_is_told_what_was_meant(client: TestClient) -> None:
    answer = client.get("/api/missions/venera")
    assert answer.status_code == 404
    assert "did you mean: venera-d?" in answer.json()["error"]


@pytest.mark.parametrize(
    ("path", "said"),
    [
        (
            "/api/missions?at=",
            "at is empty; give a value such as 2022-03-01, or leave it out",
        ),
        (
            "/api/missions?when=2022-03-01",
            "unknown parameter 'when'; this takes at, known_at, reported, partner,"
            " standing, programme",
        ),
        (
            "/api/missions?at=2022-03-01&at=2022-03-02",
            "at is given more than once; give it once",
        ),
        ("/api/missions?standing=active", "standing needs partner"),
        (
            "/api/missions?partner=esa&standing=asleep",
            f"standing 'asleep' is not one of {', '.join(s.value for s in Standing)}",
        ),
        (
            "/api/changes?from=2022-03-01&partner=china",
            "unknown partner 'china'; did you mean: cnsa?",
        ),
        (
            "/api/events/4e974021?at=2022-03-01",
            "unknown parameter 'at'; this takes no parameters",
        ),
    ],
)
def test_parameters_are_read_as_the_cli_reads_options(
    client: TestClient, path: str, said: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == 400
    assert answer.json() == {"error": said, "status": 400}


def test_what_is_not_served_is_told_as_json(client: TestClient) -> None:
    missing = client.get("/api/mission")
    assert missing.status_code == 404
    assert missing.json()["error"] == (
        "no such address '/api/mission'; the API is described at /api/openapi.json"
    )
    posted = client.post("/api/missions")
    assert posted.status_code == 405
    assert posted.json()["error"] == "POST is not answered here; only GET and HEAD are"


def test_an_answer_held_is_not_sent_again_until_the_store_changes(
    client: TestClient, run: Run
) -> None:
    first = client.get("/api/missions/exomars?at=2022-03-20")
    tag = first.headers["etag"]
    assert client.get("/api/partners").headers["etag"] == tag
    held = client.get(
        "/api/missions/exomars?at=2022-03-20", headers={"If-None-Match": tag}
    )
    assert (held.status_code, held.content) == (304, b"")
    assert held.headers["etag"] == tag
    assert (
        client.get(
            "/api/missions/exomars/log", headers={"If-None-Match": f"W/{tag}"}
        ).status_code
        == 304
    )
    recorded = run(
        "record", "exomars", "status-changed", "--status", "suspended",
        "--on", "2022-03-17", "--source", "ESA",
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    again = client.get(
        "/api/missions/exomars?at=2022-03-20", headers={"If-None-Match": tag}
    )
    assert again.status_code == 200
    assert again.headers["etag"] != tag
    assert again.json()["status"] == "suspended"
    assert first.json()["status"] == "at_risk"


def test_the_openapi_description_lists_every_route_and_parameter(
    client: TestClient,
) -> None:
    described = client.get("/api/openapi.json").json()
    assert described["openapi"].startswith("3.1")
    assert set(described["paths"]) == {path for path, _, _ in ROUTES}
    example = {"mission": "exomars", "id": "4e974021"}
    for path, operation in described["paths"].items():
        (method,) = operation
        asked = path.format(**example)
        query = {
            p["name"]: p["example"]
            for p in operation[method]["parameters"]
            if p["in"] == "query"
        }
        answer = client.get(asked, params=query)
        assert answer.status_code in (200, 404), (asked, answer.text)
        assert set(query) <= set(PARAMETERS)


def test_serving_never_writes(articles: Articles, tmp_path: Path) -> None:
    """Shown on a SQLite file, whose bytes can be compared."""
    store = str(tmp_path / "missions.db")
    copy_store(articles.of("sqlite"), store)
    assert CliRunner().invoke(cli, ["--store", store, "list"]).exit_code == 0
    before = _files(Path(store))
    with TestClient(create_app(store)) as client:
        for path, _ in SAME_AS_CLI:
            assert client.get(path).status_code == 200
    assert _files(Path(store)) == before


def _files(db: Path) -> dict[str, str]:
    """The store's file and its write-ahead log, by content (SQLite may make an
    empty log and its index to read a file in that mode: no data is in them)."""
    found = [db, *db.parent.glob(f"{db.name}-*")]
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in found
        if f.is_file() and not f.name.endswith("-shm") and f.stat().st_size
    }


def test_answers_are_json_as_orjson_reads_it(client: TestClient) -> None:
    answer = client.get("/api/missions/exomars/log")
    assert orjson.loads(answer.content) == answer.json()
    assert client.get("/api/missions/exomars/history?from=3000-01-01").json() == []
