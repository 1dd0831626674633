"""The explorer page at `/`: every mission's status on a day of the world's time,
as known at a time of recording, and under it the timeline picture of the
missions as known then.

The page is rendered whole on the server from its query (`at`, `known_at`, read
as the CLI reads them), so it works without a script and every view has an
address, its permalink. Its script (static/explorer.js) asks for the page of
another view as a slider moves and swaps its `<main>` in; it asks for the same
view every second with the page's ETag, which is the API's (the read model's
place and the day) and the view's, and is told `304` until something is
recorded. Built with ElementTree: text from the events stays text."""

from __future__ import annotations

import hashlib
import io
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from adapters.errors import InputError
from adapters.picture.chart import draw
from adapters.picture.chartkey import clean
from adapters.picture.chartpage import html_bytes, html_page
from adapters.picture.spans import Drawing, row_of, window_between
from adapters.readmodel.reader import Reader
from adapters.web.api import Query, cached, holds
from adapters.web.controls import STOPS, Asked, controls
from adapters.web.statustable import status_table
from adapters.web.store import Served

#: Where the page's script and style sheet are, served under /static.
STATIC = Path(__file__).parent / "static"
HTML = "text/html; charset=utf-8"
#: At most how many missions the picture draws (the first tracked): a page to
#: be asked for again as a slider moves. `missions timeline` draws them all.
PICTURED = 20
#: Where the picture goes in the page written around it (the text of the
#: events is cleaned of the characters this holds).
_HOLE = "\x00picture\x00"


@dataclass(frozen=True)
class _View:
    """The view a query asks for, and its permalink."""

    asked: Asked
    permalink: str


class _Form(Query):
    """The query of the explorer's form, read as `Query` reads it, except that a
    field left empty is left out: a form sends its empty fields."""

    def __init__(self, request: Request, *allowed: str) -> None:
        super().__init__(request, *allowed)
        self.given = QueryParams(
            [(name, value) for name, value in self.given.multi_items() if value.strip()]
        )


def explorer(request: Request, served: Served) -> Response:
    """The explorer page of the view the query asks for, or `304` if the client
    holds it; a page saying what is wrong with the query, `400`, if it is."""
    try:
        view = _view_of(request)
    except InputError as error:
        return _refused(request, served, error)
    tag = _tag(served, view.permalink)
    if holds(request, tag):
        return Response(status_code=304, headers=cached(tag))
    return Response(_page(served, view, tag), media_type=HTML, headers=cached(tag))


def _view_of(request: Request) -> _View:
    query = _Form(request, "at", "known_at", "reported")
    at, known_at, reported = query.at(), query.known_at(), query.day("reported")
    known_text = (query.text("known_at") or "").strip()
    pinned = {"at": at.isoformat()} | ({"known_at": known_text} if known_text else {})
    if reported is not None:
        pinned["reported"] = reported.isoformat()
    permalink = "/?" + urlencode(pinned, safe=":")
    reported_text = reported.isoformat() if reported else ""
    asked = Asked(at, known_at, at.isoformat(), known_text, reported, reported_text)
    return _View(asked, permalink)


def _tag(served: Served, permalink: str) -> str:
    """The page's ETag: the API's (the read model's place and the day) and the
    view's."""
    view = hashlib.blake2b(permalink.encode(), digest_size=6).hexdigest()
    store = served.tag().strip('"')
    return f'"{store}-{view}"'


def _page(served: Served, view: _View, tag: str) -> bytes:
    asked = view.asked
    reader, _, reported = served.answering(asked.reported)
    statuses = reader.statuses(asked.at, asked.known_at)
    known = (
        f"as recorded by {clean(asked.known_text)}"
        if asked.known_text
        else "as known now"
    )
    if reported is not None:
        known = f"as reported by {reported.day.isoformat()}, {known}"
    html, body = _document(served, asked, f"Missions on {asked.at.isoformat()}")
    main = ET.SubElement(body, "main", {"id": "view", "data-etag": tag})
    shown = ET.SubElement(main, "h2", {"id": "shown"})
    shown.text = f"Missions on {asked.at.isoformat()}, {known}"
    link = ET.SubElement(main, "p", {"class": "permalink"})
    link.text = "Permalink to this view: "
    ET.SubElement(
        link, "a", {"id": "permalink", "href": view.permalink}
    ).text = view.permalink
    if served.reader.behind:
        ET.SubElement(main, "p", {"class": "note"}).text = (
            f"The read model is {served.reader.behind} events behind the store:"
            " this shows what it holds. A command that writes, or `missions list`,"
            " brings it up to date."
        )
    undated = reported.undated_in(None) if reported is not None else 0
    if undated:  # the store as reported by a day is made: its module is loaded
        from adapters.eventstore.reported import undated_said

        ET.SubElement(main, "p", {"class": "note"}).text = undated_said(undated)
    main.append(status_table(statuses))
    ET.SubElement(main, "h2").text = "Timeline"
    slugs = [status["mission"] for status in statuses]
    if len(slugs) > PICTURED:
        ET.SubElement(main, "p", {"class": "note"}).text = (
            f"The picture shows the first {PICTURED} of these {len(slugs)} missions;"
            " `missions timeline --out FILE` draws them all."
        )
    ET.SubElement(main, "figure", {"class": "timeline"}).text = _HOLE
    before, after = html_bytes(html).split(_HOLE.encode())
    picture = _picture(reader, asked.known_at, slugs)
    return b"<!DOCTYPE html>\n" + before + picture + after


def _picture(reader: Reader, known_at: datetime | None, slugs: list[str]) -> bytes:
    """The timeline of the missions as known at `known_at`, as an `<svg>`: of
    every one, or of the first `PICTURED` of `slugs` if there are more."""
    names = slugs[:PICTURED] if len(slugs) > PICTURED else []
    today = datetime.now(tz=UTC).date()
    window = window_between(reader.timeline_days(names, known_at), None, None, today)
    labels = reader.timeline_names(names, known_at)
    out = io.BytesIO()
    with closing(reader.each_timeline(names, known_at)) as told:
        rows = (row_of(mission, window) for mission in told)
        draw(out, Drawing(window, known_at, rows), labels)
    return out.getvalue()


def _refused(request: Request, served: Served, error: InputError) -> Response:
    """The page with the form as it was filled in, and the one-line message of
    what is wrong with it: `404` for what is not there, `400` for a bad request."""
    status = 404 if isinstance(error, LookupError) else 400
    given = request.query_params
    today = datetime.now(tz=UTC).date()
    asked = Asked(
        today,
        None,
        given.get("at", ""),
        given.get("known_at", ""),
        reported_text=given.get("reported", ""),
    )
    html, body = _document(served, asked, "Missions: not shown")
    main = ET.SubElement(body, "main", {"id": "view"})
    ET.SubElement(main, "h2", {"id": "shown"}).text = "This view cannot be shown"
    ET.SubElement(main, "p", {"class": "refused", "role": "alert"}).text = clean(
        str(error)
    )
    return Response(b"<!DOCTYPE html>\n" + html_bytes(html), status, media_type=HTML)


def _document(
    served: Served, asked: Asked, title: str
) -> tuple[ET.Element, ET.Element]:
    """The page around its `<main>`: its head, heading and form; and its body."""
    html, head = html_page(title)
    ET.SubElement(head, "link", {"rel": "stylesheet", "href": "/static/explorer.css"})
    ET.SubElement(head, "script", {"src": "/static/explorer.js", "defer": "defer"})
    body = ET.SubElement(html, "body")
    header = ET.SubElement(body, "header")
    ET.SubElement(header, "h1").text = "Space missions over time"
    ET.SubElement(header, "p").text = (
        "Every tracked mission's status on a day of the world's time, as the"
        " record stood at a time of recording, from what had been published by"
        " a day. Move a slider, or type a date and press Show."
    )
    reader = served.reader
    today = datetime.now(tz=UTC).date()
    recorded, published = served.recorded(STOPS), served.published()
    body.append(controls(asked, reader.timeline_days(), recorded, today, published))
    return html, body
