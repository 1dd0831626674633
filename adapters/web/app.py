"""The web application `missions serve` runs: routes, errors and headers.

Starlette, served by uvicorn: a small ASGI toolkit is all this needs, since the
parameters are read and checked by the parsers the CLI uses (a framework that
validated them again, with its own messages and status codes, would answer
differently from the CLI). Every endpoint is a plain function run in a thread,
and reads the read model in one transaction an answer."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.errors import InputError
from adapters.web import api, page
from adapters.web.limits import LONGEST_TARGET, end_with_parent
from adapters.web.openapi import ROUTES, document
from adapters.web.store import Served

#: Where `missions serve` tells its workers which store to answer from.
STORE_VARIABLE = "MISSIONS_SERVE_STORE"
#: What a page may load and run: only what this server sends, no inline script.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; connect-src 'self'; form-action 'self';"
    " base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]

Endpoint = Callable[[Request, Served], Response]


def create_app(url: str | None = None) -> Starlette:
    """The application, answering from the store at `url` (by default the one
    `missions serve` names in `STORE_VARIABLE`)."""
    store = url or os.environ[STORE_VARIABLE]
    served: list[Served] = []

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        served.append(Served.open(store))
        try:
            yield
        finally:
            served.pop().close()

    def bound(endpoint: Endpoint) -> Callable[[Request], Response]:
        def answer(request: Request) -> Response:
            try:
                return endpoint(request, served[0])
            except InputError as error:
                return _refused(error)

        return answer

    routes: list[BaseRoute] = [
        Route(path, bound(getattr(api, name)), methods=["GET", "HEAD"])
        for path, name, _ in ROUTES
    ]
    routes.append(Route("/api/openapi.json", _openapi, methods=["GET", "HEAD"]))
    # The explorer page says what is wrong with a query on a page of its own.
    routes.append(Route("/", bound(page.explorer), methods=["GET", "HEAD"]))
    routes.append(Mount("/static", StaticFiles(directory=page.STATIC)))
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: _not_there, 405: _not_there},
        middleware=[Middleware(Secured), Middleware(Bounded)],
    )


def served_app() -> Starlette:
    """The application of a process of `missions serve`, which ends when the
    command that started it does (`limits.end_with_parent`)."""
    end_with_parent()
    return create_app()


def _refused(error: InputError) -> Response:
    """An error as JSON: the CLI's one-line message, 404 for what is not there,
    400 for a bad request."""
    status = 404 if isinstance(error, LookupError) else 400
    return Response(
        orjson.dumps({"error": str(error), "status": status}),
        status_code=status,
        media_type=api.JSON,
    )


async def _not_there(request: Request, error: Exception) -> Response:
    """A path the server does not answer, or a method it does not take."""
    assert isinstance(error, HTTPException)
    found = request.url.path
    said = (
        f"no such address {found!r}; the API is described at /api/openapi.json"
        if error.status_code == 404
        else f"{request.method} is not answered here; only GET and HEAD are"
    )
    return Response(
        orjson.dumps({"error": said, "status": error.status_code}),
        status_code=error.status_code,
        media_type=api.JSON,
        headers=dict(error.headers or {}),
    )


def _openapi(request: Request) -> Response:
    return Response(orjson.dumps(document()), media_type=api.JSON)


class Bounded:
    """A request whose target (its path and query, as sent) is longer than
    `LONGEST_TARGET` bytes refused with 414 before anything reads it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope.get("raw_path") or scope["path"].encode()
            query = scope.get("query_string", b"")
            length = len(path) + (len(query) + 1 if query else 0)
            if length > LONGEST_TARGET:
                said = (
                    f"the request's path and query are {length} bytes long;"
                    f" this server takes at most {LONGEST_TARGET}"
                    f" ({LONGEST_TARGET >> 10} KiB)"
                )
                answer = Response(
                    orjson.dumps({"error": said, "status": 414}),
                    status_code=414,
                    media_type=api.JSON,
                )
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)


class Secured:
    """Every response with headers that keep a page to what this server sends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, send_secured)
