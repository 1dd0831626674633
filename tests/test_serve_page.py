"""The explorer page at `/` of `missions serve`, asked for as a browser without a
script would ask (Starlette's test client, on both kinds of store): every
mission's status on a day as known at a time, the same as `missions list`
answers; a GET form that needs no script; the CLI's one-line messages for bad
dates; ETags and 304; and whatever the events hold, text."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from adapters.web.app import create_app
from adapters.web.page import PICTURED
from cli.main import cli
from tests.conftest import Run
from tests.stores import Articles, copy_store, fresh_store
from tests.test_timeline_browser import PAYLOADS, address, mission_name

#: What the page's table says of a mission with no status on the day.
UNKNOWN = "not known before"
#: The article's answer for 1 March 2022.
ARTICLE = {
    "exomars": "at_risk",
    "venera-d": "delayed",
    "luna-27": "planned",
    "change-6": "planned",
    "change-7": "planned",
    "ilrs": "proposed",
    "soyuz-kourou": "suspended",
    "iss": "operating",
}


# What a page holds, parsed as a browser without a script would


@dataclass
class Node:
    """An element of a page: its tag, attributes and what it holds."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """Its text, as a page shows it (markup in text stays text)."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Node]:
        """It and every element in it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def all(self, tag: str, **attrs: str) -> list[Node]:
        """The elements in it of that tag whose attributes have those values
        (`class_` for `class`, `_` for `-`)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            n
            for n in self.iter()
            if n.tag == tag and all(n.attrs.get(k) == v for k, v in wanted.items())
        ]

    def one(self, tag: str, **attrs: str) -> Node:
        """The only element in it of that tag with those attributes."""
        (found,) = self.all(tag, **attrs)
        return found


class _Parser(HTMLParser):
    VOID = frozenset({"meta", "link", "input", "br", "img", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(node)
        if tag not in self.VOID:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parsed(html: str) -> Node:
    """A page as a tree of elements."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.root


def handlers(page: Node) -> list[str]:
    """The elements with an attribute that would run a script (`on...`)."""
    return [n.tag for n in page.iter() if any(a.startswith("on") for a in n.attrs)]


def statuses_shown(page: Node) -> dict[str, str]:
    """Each mission's status as the page's table shows it, by slug."""
    return {
        row.attrs["data-mission"]: row.one("span", class_="status").text()
        for row in page.iter()
        if row.tag == "tr" and "data-mission" in row.attrs
    }


# Stores and answers


@contextmanager
def client_of(store: str) -> Iterator[TestClient]:
    """A test client of the application serving the store."""
    with TestClient(create_app(store)) as client:
        yield client


def caught_up(store: str) -> str:
    """The store, its read model brought up to date by a command (a copied
    PostgreSQL store has none yet, and the server never writes)."""
    result = CliRunner().invoke(cli, ["--store", store, "list"])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture
def client(seeded_store: str) -> Iterator[TestClient]:
    """A client of the server of a copy of the seeded store."""
    with client_of(caught_up(seeded_store)) as found:
        yield found


def listed(run: Run, *args: str) -> dict[str, str]:
    """Each mission's status as `missions list --json ARGS...` answers, by slug."""
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return {
        view["mission"]: view["status"] or UNKNOWN
        for view in orjson.loads(result.stdout)
    }


def page_of(client: TestClient, **query: str) -> Node:
    """The page of the view the query asks for, which must be answered."""
    answer = client.get("/", params=query)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    return parsed(answer.text)


def record_hostile(store: str) -> None:
    """Missions whose names, aliases, summaries and sources hold markup, recorded
    with the CLI (as tests/test_timeline_browser.py records them)."""
    for number, payload in enumerate(PAYLOADS):
        slug = f"hostile-{number}"
        for args in (
            (
                "register", slug, "--name", mission_name(payload),
                "--alias", f"alias {number} {payload}", "--on", "2022-02",
                "--source", payload, "--summary", f"Tracked: {payload}",
            ),
            (
                "record", slug, "status-changed", "--status", "at_risk",
                "--on", f"2022-02-{10 + number}/2022-02-{20 + number}",
                "--summary", payload, "--source", payload, "--source-title", payload,
                "--source-author", payload, "--source-url", address(payload),
            ),
            (
                "record", slug, "milestone", "--milestone", "landing",
                "--on", "2022-02-25", "--detail", payload, "--source", "ESA",
                "--source-url", "https://spacenews.com/",
            ),
            (
                "record", slug, "partner-joined", "--partner", "esa",
                "--role", "lead", "--on", f"../2022-01-{10 + number}",
                "--summary", f"ESA leads {payload}", "--source", "ESA",
            ),
            (
                "record", slug, "contribution-added", "--partner", "esa",
                "--contribution", payload, "--on", "2022-02-01", "--source", "ESA",
            ),
        ):  # fmt: skip
            result = CliRunner().invoke(cli, ["--store", store, *args])
            assert result.exit_code == 0, result.output


# The view


def test_the_page_lists_every_mission_with_its_status_on_the_day(
    client: TestClient, run: Run
) -> None:
    page = page_of(client, at="2022-03-01")
    assert statuses_shown(page) == listed(run, "--at", "2022-03-01") == ARTICLE
    before = page_of(client, at="2022-02-25")
    assert statuses_shown(before) == listed(run, "--at", "2022-02-25")
    assert statuses_shown(before)["luna-27"] == UNKNOWN


def test_each_mission_shows_its_since_launch_target_partners_and_sources(
    client: TestClient, run: Run
) -> None:
    result = run("list", "--json", "--at", "2022-03-01")
    views = {view["mission"]: view for view in orjson.loads(result.stdout)}
    page = page_of(client, at="2022-03-01")
    for slug, view in views.items():
        row = page.one("tr", data_mission=slug)
        assert row.one("td", class_="since").text() == view["since"]
        assert row.one("td", class_="target").text() == (view["target_launch"] or "")
        partners = row.one("td", class_="partners").text()
        for member in view["partners"]:
            assert f"{member['name']}: {member['role']}, " in partners
            assert member["standing"] in partners
        (source,) = view["sources"]
        link = row.one("td", class_="sources").one("a")
        assert link.attrs["href"] == source["url"]
        assert link.text() == (
            f'{source["publication"]}, "{source["title"]}", {source["author"]},'
            f" {source['published']}"
        )
    exomars = page.one("tr", data_mission="exomars").text()
    assert "European Space Agency (ESA): lead, active" in exomars


def test_the_page_shows_what_was_known_at_a_time_of_recording(
    seeded_store: str, run: Run
) -> None:
    with client_of(caught_up(seeded_store)) as client:
        before = datetime.now(tz=UTC)
        time.sleep(0.002)
        result = run(
            "record", "exomars", "status-changed", "--status", "suspended",
            "--on", "2022-03-17", "--source", "ESA",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        then = page_of(client, at="2022-03-20", known_at=before.isoformat())
        now = page_of(client, at="2022-03-20")
    assert statuses_shown(then)["exomars"] == "at_risk"
    assert statuses_shown(now)["exomars"] == "suspended"
    assert statuses_shown(then) == listed(
        run, "--at", "2022-03-20", "--known-at", before.isoformat()
    )
    assert statuses_shown(now) == listed(run, "--at", "2022-03-20")
    slider = then.one("input", id="known-at-slider")
    assert int(slider.attrs["value"]) < int(slider.attrs["max"])
    assert now.one("input", id="known-at-slider").attrs["aria-valuetext"] == "now"


def test_nothing_is_listed_as_known_before_anything_was_recorded(
    client: TestClient,
) -> None:
    page = page_of(client, at="2022-03-01", known_at="2001-01-01T00:00:00Z")
    assert statuses_shown(page) == {}
    assert "No mission was tracked then." in page.one("main").text()
    assert "No missions tracked." in page.one("svg").text()


def test_the_timeline_picture_is_drawn_under_the_statuses(client: TestClient) -> None:
    page = page_of(client, at="2022-03-01")
    (picture,) = page.one("main").all("svg")
    assert picture.attrs["class"] == "timeline"
    assert picture.attrs["width"] == "1200"
    labels = picture.text()
    for name in ("ExoMars", "International Lunar Research Station", "Venera-D"):
        assert name in labels


def test_a_read_model_behind_the_store_is_said_so(
    articles: Articles, tmp_path: Path
) -> None:
    with fresh_store("postgres", tmp_path, "behind") as store:
        copy_store(articles.of("postgres"), store)  # the events, not the read model
        with client_of(store) as client:
            behind = page_of(client, at="2022-03-01")
        assert statuses_shown(behind) == {}
        said = behind.one("p", class_="note").text()
        assert re.fullmatch(r"The read model is [1-9]\d* events behind the .*", said)
        with client_of(caught_up(store)) as client:
            caught = page_of(client, at="2022-03-01")
    assert statuses_shown(caught) == ARTICLE
    assert "behind" not in caught.one("main").text()


def test_the_picture_draws_the_first_missions_of_many(
    seeded_store: str, run: Run
) -> None:
    for number in range(PICTURED + 1 - len(ARTICLE)):
        result = run(
            "register", f"probe-{number}", "--name", f"Probe {number}",
            "--on", "2022-02", "--source", "ESA",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    with client_of(seeded_store) as client:
        page = page_of(client, at="2022-03-01")
    assert len(statuses_shown(page)) == PICTURED + 1
    assert (
        page.one("p", class_="note")
        .text()
        .startswith(
            f"The picture shows the first {PICTURED} of these {PICTURED + 1} missions;"
        )
    )
    labels = page.one("svg").text()
    assert "ExoMars" in labels
    assert f"Probe {PICTURED - len(ARTICLE) - 1}" in labels
    assert f"Probe {PICTURED - len(ARTICLE)}" not in labels


# Without a script


def test_the_form_is_a_get_form_of_at_known_at_and_reported(
    client: TestClient,
) -> None:
    page = page_of(client, at="2022-03-01")
    form = page.one("form", id="controls")
    assert form.attrs["method"] == "get"
    assert form.attrs["action"] == "/"
    named = {n.attrs["name"]: n.attrs for n in form.iter() if "name" in n.attrs}
    assert set(named) == {"at", "known_at", "reported"}
    assert named["at"]["value"] == "2022-03-01"
    assert named["known_at"]["value"] == named["reported"]["value"] == ""
    sliders = form.all("input", type="range")
    ids = ["at-slider", "known-at-slider", "reported-slider"]
    assert [s.attrs["id"] for s in sliders] == ids
    # Without the script a slider could not move the view: it only shows where
    # the view is, and the script enables it.
    assert all(s.attrs.get("disabled") == "disabled" for s in sliders)
    labelled = {n.attrs["for"] for n in form.all("label")}
    assert labelled == {"at", "known-at", "reported", *ids}
    assert form.one("button").attrs["type"] == "submit"
    assert form.one("button").text() == "Show"


def test_the_form_sent_with_an_empty_known_at_shows_the_view_as_known_now(
    client: TestClient, run: Run
) -> None:
    page = page_of(client, at="2022-02-25", known_at="")
    assert statuses_shown(page) == listed(run, "--at", "2022-02-25")
    link = page.one("a", id="permalink")
    assert link.attrs["href"] == link.text() == "/?at=2022-02-25"


def test_the_permalink_names_the_view(client: TestClient) -> None:
    known = "2030-01-01T00:00:00Z"
    page = page_of(client, at="2022-03-01", known_at=known)
    permalink = page.one("a", id="permalink").attrs["href"]
    assert permalink == f"/?at=2022-03-01&known_at={known}"
    again = parsed(client.get(permalink).text)
    assert statuses_shown(again) == statuses_shown(page) == ARTICLE
    assert again.one("input", id="known-at").attrs["value"] == known


def test_the_page_runs_only_its_own_script_and_no_handlers(
    client: TestClient,
) -> None:
    answer = client.get("/", params={"at": "2022-03-01"})
    page = parsed(answer.text)
    (script,) = page.all("script")
    assert script.attrs == {"src": "/static/explorer.js", "defer": "defer"}
    assert script.text() == ""
    assert handlers(page) == []
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    for path, kind in (
        ("explorer.js", "text/javascript"),
        ("explorer.css", "text/css"),
    ):
        served = client.get(f"/static/{path}")
        assert served.status_code == 200
        assert served.headers["content-type"].startswith(kind)
        assert "innerHTML" not in served.text


# Refusals


@pytest.mark.parametrize(
    ("query", "cli_args"),
    [
        ({"at": "2022-02-30"}, ("--at", "2022-02-30")),
        ({"at": "2022-3-1"}, ("--at", "2022-3-1")),
        ({"known_at": "yesterday"}, ("--known-at", "yesterday")),
        ({"at": "2022-03-01", "known_at": "2022-13-01"}, ("--known-at", "2022-13-01")),
    ],
)
def test_a_bad_date_is_refused_with_the_clis_message(
    client: TestClient, run: Run, query: dict[str, str], cli_args: tuple[str, ...]
) -> None:
    said = run("list", *cli_args)
    assert said.exit_code == 2, said.output
    message = said.stderr.strip().removeprefix("Error: ")
    answer = client.get("/", params=query)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert "etag" not in answer.headers
    page = parsed(answer.text)
    assert page.one("p", class_="refused").text() == message
    assert statuses_shown(page) == {}
    assert page.one("form", id="controls")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?mission=exomars",
            "unknown parameter 'mission'; this takes at, known_at, reported",
        ),
        ("?at=2022-03-01&at=2022-03-02", "at is given more than once; give it once"),
    ],
)
def test_a_query_the_page_does_not_take_is_refused(
    client: TestClient, query: str, message: str
) -> None:
    answer = client.get(f"/{query}")
    assert answer.status_code == 400
    assert parsed(answer.text).one("p", class_="refused").text() == message


# Caching


def test_the_page_is_tagged_like_the_api_and_told_304_while_nothing_changes(
    seeded_store: str, run: Run
) -> None:
    with client_of(caught_up(seeded_store)) as client:
        first = client.get("/", params={"at": "2022-03-01"})
        tag = first.headers["etag"]
        api_tag = client.get("/api/missions").headers["etag"]
        assert tag.startswith(api_tag.removesuffix('"') + "-")
        assert first.headers["cache-control"] == "no-cache"
        assert parsed(first.text).one("main").attrs["data-etag"] == tag
        held = client.get("/?at=2022-03-01", headers={"If-None-Match": tag})
        assert held.status_code == 304
        assert held.content == b""
        other = client.get("/", params={"at": "2022-03-02"})
        assert other.headers["etag"] != tag
        result = run(
            "record", "exomars", "status-changed", "--status", "suspended",
            "--on", "2022-03-01", "--source", "ESA",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        moved = client.get("/?at=2022-03-01", headers={"If-None-Match": tag})
    assert moved.status_code == 200
    assert moved.headers["etag"] != tag
    assert statuses_shown(parsed(moved.text))["exomars"] == "suspended"


# Markup


def test_markup_in_what_was_recorded_stays_text(store: str) -> None:
    record_hostile(store)
    with client_of(store) as client:
        answer = client.get("/", params={"at": "2022-03-01"})
    assert answer.status_code == 200, answer.text
    page = parsed(answer.text)
    assert len(page.all("script")) == 1
    assert len(page.all("svg")) == 1
    assert len(page.all("img")) == 0
    assert handlers(page) == []
    links = {n.attrs["href"] for n in page.iter() if "href" in n.attrs}
    assert all(
        link.startswith(("/", "https://spacenews.com/")) or link == "data:,"
        for link in links
    ), links
    main = page.one("main").text()
    table: Any = page.one("table", class_="missions")
    for number, payload in enumerate(PAYLOADS):
        row = table.one("tr", data_mission=f"hostile-{number}")
        assert row.one("span", class_="name").text() == mission_name(payload)
        assert f'{payload}, "{payload}", {payload}' in row.text()
        assert f"2022-02-25: landing ({payload})" in row.text()
        assert f"lead, active ({payload})" in row.text()
        assert mission_name(payload) in page.one("svg").text()
        assert row.one("span", class_="status").text() == "at_risk"
    assert "alert(1)" in main
