"""The JSON API: the answers of `missions list`, `status`, `log`, `history`,
`changes` and `partners --json`, key for key, over HTTP.

Each endpoint reads its query's parameters as the CLI reads its options (the
same parsers, the same one-line messages), refuses a parameter it does not
take, and answers with the store's `ETag`: a client that sends it back in
`If-None-Match` is told `304 Not Modified` before anything is read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from adapters.dates import parse_day, parse_instant
from adapters.errors import InputError
from adapters.web.store import Served

#: What a JSON answer is sent as.
JSON = "application/json"
#: The values of a streamed list written at once.
_CHUNK = 200


class Query:
    """A request's query parameters, each read once, as the CLI reads options."""

    def __init__(self, request: Request, *allowed: str) -> None:
        given = request.query_params
        for name in given:
            if name not in allowed:
                takes = ", ".join(allowed) if allowed else "no parameters"
                raise InputError(f"unknown parameter {name!r}; this takes {takes}")
        for name in allowed:
            if len(given.getlist(name)) > 1:
                raise InputError(f"{name} is given more than once; give it once")
        self.given = given

    def text(self, name: str) -> str | None:
        """The parameter's value; None if it is left out. Empty is refused:
        leaving it out is how to ask for its default."""
        value = self.given.get(name)
        if value is not None and not value.strip():
            raise InputError(
                f"{name} is empty; give a value such as 2022-03-01, or leave it out"
            )
        return value

    def day(self, name: str) -> date | None:
        """A date parameter (YYYY-MM-DD)."""
        value = self.text(name)
        return parse_day(value) if value is not None else None

    def at(self) -> date:
        """`at`: the day asked about, today if left out."""
        return self.day("at") or datetime.now(tz=UTC).date()

    def known_at(self) -> datetime | None:
        """`known_at`: count only what was recorded by then."""
        value = self.text("known_at")
        return parse_instant(value) if value is not None else None


def answered(request: Request, served: Served, answer: Callable[[], Any]) -> Response:
    """The answer as JSON with the store's ETag, or `304` if the client holds it
    (made once while the store stands: `Kept`)."""
    tag = served.tag()
    if holds(request, tag):
        return Response(status_code=304, headers=cached(tag))
    made = served.kept.answer(asked(request), tag, lambda: orjson.dumps(answer()))
    return Response(made, media_type=JSON, headers=cached(tag))


def asked(request: Request) -> str:
    """What an answer is kept by: the request's path and its parameters as read,
    in order of name. Parameters are each given once and the answer is made from
    them alone, so a query that differs only in their order or in empty ones
    (`&&`) asks the same, and is answered from the same kept answer."""
    given = sorted(request.query_params.multi_items())
    return f"{request.url.path}?{urlencode(given)}"


def streamed(
    request: Request, served: Served, answer: Callable[[], Iterable[Any]]
) -> Response:
    """A list answered as it is read (a mission's whole log or history can be
    long), with the store's ETag, or `304` if the client holds it. The list is
    asked for before anything is sent, so that a bad request is refused whole."""
    tag = served.tag()
    if holds(request, tag):
        return Response(status_code=304, headers=cached(tag))
    values = iter(answer())
    return StreamingResponse(_json_list(values), media_type=JSON, headers=cached(tag))


def _json_list(values: Iterator[Any]) -> Iterator[bytes]:
    chunk: list[bytes] = []
    first = True
    for value in values:
        chunk.append((b"[" if first else b",") + orjson.dumps(value))
        first = False
        if len(chunk) >= _CHUNK:
            yield b"".join(chunk)
            chunk.clear()
    chunk.append(b"[]" if first else b"]")
    yield b"".join(chunk)


def holds(request: Request, tag: str) -> bool:
    """Whether the client says it holds the answer tagged `tag`."""
    held = request.headers.get("if-none-match")
    if held is None:
        return False
    tags = {t.strip().removeprefix("W/") for t in held.split(",")}
    return tag in tags or "*" in tags


def cached(tag: str) -> dict[str, str]:
    """Headers of an answer that may be kept, if asked for again."""
    return {"ETag": tag, "Cache-Control": "no-cache"}


# The endpoints, each given the store it answers from.


def missions(request: Request, served: Served) -> Response:
    """Every mission's status on a day (`missions list --json`)."""
    query = Query(
        request, "at", "known_at", "reported", "partner", "standing", "programme"
    )
    day, known = query.at(), query.known_at()
    partner, standing = query.text("partner"), query.text("standing")
    programme = query.text("programme")
    if standing is not None and partner is None:
        raise InputError("standing needs partner")
    if standing is not None:
        standing = _standing(standing)
    reader, _, reported = served.answering(query.day("reported"))

    def answer() -> list[dict[str, Any]]:
        views = reader.statuses(day, known, partner, standing, programme)
        if reported is None:
            return views
        told = reported.said([view["mission"] for view in views])
        return [{**view, "reported": told} for view in views]

    return answered(request, served, answer)


def mission(request: Request, served: Served) -> Response:
    """One mission's status on a day (`missions status --json`)."""
    query = Query(request, "at", "known_at", "reported")
    name, day, known = request.path_params["mission"], query.at(), query.known_at()
    reported = query.day("reported")

    def answer() -> dict[str, Any]:
        reader, named, found = served.answering(reported, [name])
        view = reader.status(named[0], day, known)
        if found is not None:
            view["reported"] = found.said([view["mission"]])
        return view

    return answered(request, served, answer)


def log(request: Request, served: Served) -> Response:
    """Every event recorded about a mission (`missions log --json`)."""
    query = Query(request, "known_at", "reported")
    name, known = request.path_params["mission"], query.known_at()
    reported = query.day("reported")
    return streamed(request, served, lambda: served.log(name, known, reported))


def history(request: Request, served: Served) -> Response:
    """How a mission changed over time (`missions history --json`)."""
    query = Query(request, "from", "to", "known_at", "reported")
    start, end, known = query.day("from"), query.day("to"), query.known_at()
    name, reported = request.path_params["mission"], query.day("reported")

    def answer() -> Iterable[dict[str, Any]]:
        reader, named, _ = served.answering(reported, [name])
        return reader.history(named[0], start, end, known)

    return streamed(request, served, answer)


def changes(request: Request, served: Served) -> Response:
    """Every change whose dates touch a range, by mission (`missions changes
    --json`): either end may be left open; `mission` and `partner` narrow it."""
    query = Query(request, "from", "to", "known_at", "reported", "mission", "partner")
    start, end, known = query.day("from"), query.day("to"), query.known_at()
    mission, partner = query.text("mission"), query.text("partner")
    reported = query.day("reported")

    def answer() -> list[dict[str, Any]]:
        reader, named, _ = served.answering(reported, (mission,) if mission else ())
        return reader.changes(start, end, known, named, partner)

    return answered(request, served, answer)


def partners(request: Request, served: Served) -> Response:
    """Each partner's part in each mission on a day (`missions partners --json`)."""
    query = Query(request, "at", "known_at", "reported")
    day, known = query.at(), query.known_at()
    reported = query.day("reported")

    def answer() -> list[dict[str, Any]]:
        reader, _, _ = served.answering(reported)
        return reader.partners(day, known)

    return answered(request, served, answer)


def event(request: Request, served: Served) -> Response:
    """One event as a mission's log shows it."""
    Query(request)
    reference = request.path_params["id"]
    return answered(request, served, lambda: served.event(reference))


def _standing(value: str) -> str:
    from domain.vocabulary import Standing

    known = [s.value for s in Standing]
    if value.lower() not in known:
        raise InputError(f"standing {value!r} is not one of {', '.join(known)}")
    return value.lower()
