"""The API's routes and its OpenAPI description, made from one table so that
the two cannot drift apart."""

from __future__ import annotations

from functools import cache
from typing import Any

#: Each query parameter the API takes: where it goes, what it means.
PARAMETERS: dict[str, dict[str, Any]] = {
    "at": {
        "description": "The date to ask about (YYYY-MM-DD; default today).",
        "schema": {"type": "string", "format": "date"},
        "example": "2022-03-01",
    },
    "known_at": {
        "description": (
            "Count only what was recorded by then: an ISO 8601 date or date-time,"
            " UTC unless an offset is given; a date means the end of that day."
        ),
        "schema": {"type": "string"},
        "example": "2022-03-02",
    },
    "reported": {
        "description": (
            "Count only what had been published by then (YYYY-MM-DD): each fact"
            " from its source's publication date, or, without one, from when it"
            " was recorded."
        ),
        "schema": {"type": "string", "format": "date"},
        "example": "2022-03-02",
    },
    "mission": {
        "description": "Only this mission (a slug, name or alias).",
        "schema": {"type": "string"},
        "example": "exomars",
    },
    "partner": {
        "description": "Only missions this partner is in (a slug or name).",
        "schema": {"type": "string"},
        "example": "roscosmos",
    },
    "standing": {
        "description": "With partner: only where it had this standing.",
        "schema": {"type": "string"},
        "example": "suspended",
    },
    "programme": {
        "description": "Only the missions of this programme.",
        "schema": {"type": "string"},
        "example": "ilrs",
    },
    "from": {
        "description": "From this date (YYYY-MM-DD).",
        "schema": {"type": "string", "format": "date"},
        "example": "2022-02-24",
    },
    "to": {
        "description": "Up to this date (YYYY-MM-DD).",
        "schema": {"type": "string", "format": "date"},
        "example": "2022-03-31",
    },
}
_PATH = {
    "mission": "A mission's slug, name or alias.",
    "id": "An event's id, or its first 4 or more characters.",
}

#: The API: its path, the endpoint in `adapters.web.api` that answers it, and
#: what it answers with which query parameters (`required` in `changes`).
ROUTES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "/api/missions",
        "missions",
        {
            "summary": "Every mission's status on a date (missions list --json).",
            "query": [
                "at",
                "known_at",
                "reported",
                "partner",
                "standing",
                "programme",
            ],
        },
    ),
    (
        "/api/missions/{mission}",
        "mission",
        {
            "summary": "One mission's status, partners and launch target on a"
            " date, with sources (missions status --json).",
            "query": ["at", "known_at", "reported"],
        },
    ),
    (
        "/api/missions/{mission}/log",
        "log",
        {
            "summary": "Every event recorded about a mission, in the order"
            " recorded (missions log --json).",
            "query": ["known_at", "reported"],
        },
    ),
    (
        "/api/missions/{mission}/history",
        "history",
        {
            "summary": "How a mission's status, partners and launch target changed"
            " over time (missions history --json).",
            "query": ["from", "to", "known_at", "reported"],
        },
    ),
    (
        "/api/changes",
        "changes",
        {
            "summary": "Every change across all missions dated in a range, grouped"
            " by mission (missions changes --json).",
            "query": ["from", "to", "known_at", "reported", "mission", "partner"],
        },
    ),
    (
        "/api/partners",
        "partners",
        {
            "summary": "Which partner had which role and standing in each mission"
            " on a date (missions partners --json).",
            "query": ["at", "known_at", "reported"],
        },
    ),
    (
        "/api/events/{id}",
        "event",
        {
            "summary": "One event, as a mission's log shows it.",
            "query": [],
        },
    ),
]

_ERROR = {
    "description": "The request cannot be answered: the message says why, in the"
    " words the CLI uses.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {"type": "string"},
                    "status": {"type": "integer"},
                },
                "required": ["error", "status"],
            }
        }
    },
}


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 description of the API."""
    from importlib.metadata import version

    paths: dict[str, Any] = {}
    for path, name, about in ROUTES:
        required = about.get("required", [])
        parameters = [
            {"name": key, "in": "path", "required": True, "description": text}
            | {"schema": {"type": "string"}}
            for key, text in _PATH.items()
            if f"{{{key}}}" in path
        ]
        parameters += [
            {"name": key, "in": "query", "required": key in required} | PARAMETERS[key]
            for key in about["query"]
        ]
        paths[path] = {
            "get": {
                "operationId": name,
                "summary": about["summary"],
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "The answer, as the CLI's --json gives it;"
                        " its ETag changes when the store does.",
                        "headers": {"ETag": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": {}}},
                    },
                    "304": {"description": "Not modified since the ETag given."},
                    "400": _ERROR,
                    "404": _ERROR,
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "missions",
            "version": version("missions"),
            "description": "The status of space missions and the partnerships"
            " behind them, on any date, as known at any time: read-only.",
        },
        "paths": paths,
    }
