"""Reading a source pack: a TOML file of one source and the facts it reports, or
NDJSON fact lines such as the article's, each with its own source.

A pack is read whole before anything is recorded, and what is wrong with it is
said with the file, the line, the fact's key and the field."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from adapters.errors import InputError
from adapters.eventstore.commands import OPTIONS
from domain.events import Source
from domain.text import Unstorable
from domain.vocabulary import KINDS

#: What a fact says besides the options of its kind.
REPORT_FIELDS = ("key", "mission", "kind", "on", "effective", "summary", "quote")
#: What a partner to make known says.
PARTNER_FIELDS = ("partner", "name", "kind", "country", "via", "aliases", "summary")
#: What a mission to track says.
MISSION_FIELDS = ("mission", "name", "aliases", "on", "summary")
_TABLES = {"pack", "source", "partners", "missions", "facts"}
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ASSIGNED = re.compile(r'\s*("[^"]*"|[A-Za-z0-9_-]+)\s*=')
_HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_-]+)\s*\]\]?")


class PackError(InputError):
    """A pack that cannot be added; the message names the place."""


@dataclass(frozen=True)
class Entry:
    """A fact, partner or mission of a pack, as written, with where it stands."""

    #: What names it across packs: "<pack>/<key>" (a fact line's own key in NDJSON).
    ident: str
    key: str
    fields: dict[str, Any]
    line: int
    #: The line of each field, where it is known.
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, path: str, name: str | None = None) -> str:
        """The place of the entry, or of its field `name`, for an error."""
        line = self.lines.get(name, self.line) if name else self.line
        place = f"{path}: line {line}: {self.key}"
        return f"{place}: {name}" if name else place


@dataclass(frozen=True)
class Pack:
    """A source pack, read and checked for form (not yet against the store)."""

    path: str
    name: str | None
    partners: list[Entry]
    #: The missions to track first, as `registered` facts, then the facts.
    facts: list[Entry]
    #: The line that names the pack (`pack = "..."`).
    line: int = 1
    #: The source every fact of a named pack cites (NDJSON lines cite their own).
    source: Source | None = None

    def error(self, entry: Entry, name: str | None, why: str) -> PackError:
        """The one-line error for what is wrong with `entry`'s field `name`."""
        return PackError(f"{entry.where(self.path, name)}: {why}; nothing was added")


def read_pack(path: str | Path, label: str | None = None) -> Pack:
    """The pack in the file at `path`: TOML, or NDJSON fact lines (`.ndjson`);
    errors name it `label`, or its path."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise PackError(f"{path}: cannot read it ({error.strerror})") from None
    said = label or str(path)
    if str(path).endswith((".ndjson", ".jsonl")):
        return _from_lines(said, data)
    return _from_toml(said, data)


def _from_toml(path: str, data: bytes) -> Pack:
    try:
        text = data.decode()
        document = tomllib.loads(text)
    except UnicodeDecodeError:
        raise PackError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError(
            f"{path}: not valid TOML ({error}); see `missions add --template`"
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise PackError(
            f"{path}: nested too deeply to read; a pack's values are text, dates,"
            " numbers and short lists; see `missions add --template`"
        ) from None
    places = _places(text)
    whole = Entry("", "(pack)", document, 1, places.get(("", 0), {}))
    extra = sorted(set(document) - _TABLES)
    if extra:
        raise _error(
            path, whole, extra[0], f"unknown table or key; a pack has {_TABLES_SAID}"
        )
    name = document.get("pack")
    if not isinstance(name, str) or not _SLUG.fullmatch(name) or len(name) > 64:
        raise _error(
            path,
            whole,
            "pack",
            "give the pack a name of lowercase words joined by hyphens, e.g."
            ' pack = "esa-2022-07-12-exomars"',
        )
    source = _source(path, document.get("source"), places.get(("source", 0), {}))
    partners = [
        _entry(path, name, "partners", i, item, places, PARTNER_FIELDS, "partner")
        for i, item in enumerate(_tables(path, whole, document, "partners"))
    ]
    missions = [
        _entry(path, name, "missions", i, item, places, MISSION_FIELDS, "mission")
        for i, item in enumerate(_tables(path, whole, document, "missions"))
    ]
    facts = [
        _entry(path, name, "facts", i, item, places, None, "key")
        for i, item in enumerate(_tables(path, whole, document, "facts"))
    ]
    for entry in partners:
        entry.fields["source"] = source
    for entry in missions:
        entry.fields.update(kind="registered", source=source)
        _require(path, entry, ("mission", "name", "on"))
    for entry in facts:
        entry.fields["source"] = source
        _check_fact(path, entry)
    _require_unique(path, facts, "key")
    _require_unique(path, partners, "partner")
    _require_unique(path, missions, "mission")
    if not (partners or missions or facts):
        raise PackError(
            f"{path}: no [[facts]], [[partners]] or [[missions]] in it;"
            " see `missions add --template`"
        )
    return Pack(
        path, name, partners, missions + facts, whole.lines.get("pack", 1), source
    )


_TABLES_SAID = "pack, [source], [[partners]], [[missions]] and [[facts]]"


def _from_lines(path: str, data: bytes) -> Pack:
    facts: list[Entry] = []
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            fields = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            why = str(error).split(": line ")[0]
            raise PackError(
                f"{path}: line {number}: not JSON ({why}); nothing was added"
            ) from None
        if not isinstance(fields, dict):
            raise PackError(
                f"{path}: line {number}: a fact line is a JSON object {{...}};"
                " nothing was added"
            )
        key = fields.get("key")
        said = key if isinstance(key, str) and key.strip() else "(no key)"
        entry = Entry(said, said, fields, number)
        if not isinstance(key, str) or not key.strip():
            raise _error(
                path, entry, "key", "each fact needs a key, unique in its pack"
            )
        fields["source"] = _source(path, fields.get("source"), {}, entry)
        if fields.get("kind") == "registered":
            _require(path, entry, ("mission", "name", "on"))
        else:
            _check_fact(path, entry)
        facts.append(entry)
    if not facts:
        raise PackError(f"{path}: no facts in it; see `missions add --template`")
    _require_unique(path, facts, "key")
    return Pack(path, None, [], facts)


def _source(
    path: str, given: Any, lines: dict[str, int], entry: Entry | None = None
) -> Source:
    place = entry or Entry("", "[source]", {}, min(lines.values(), default=1), lines)
    if not isinstance(given, dict):
        raise _error(
            path, place, "source", "a pack needs a [source] with at least a publication"
        )
    given = {k: v.isoformat() if isinstance(v, date) else v for k, v in given.items()}
    try:
        return Source.model_validate(given)
    except ValidationError as error:
        problem = error.errors()[0]
        cause = problem.get("ctx", {}).get("error")
        named = cause.field if isinstance(cause, Unstorable) else "source"
        name = ".".join(str(p) for p in problem["loc"]) or named
        inner = Entry(place.ident, place.key, given, place.line, place.lines)
        where = name if entry is None else f"source.{name}"
        raise _error(path, inner, where, _said(problem)) from None


def _said(problem: Any) -> str:
    """A pydantic complaint, in a few words."""
    if problem["type"] == "extra_forbidden":
        return "unknown field; a source has publication, title, author, published, url"
    if problem["type"] == "missing":
        return "required"
    cause = problem.get("ctx", {}).get("error")
    if isinstance(cause, Unstorable):
        return cause.within("")
    return str(problem["msg"]).lower()


def _tables(path: str, whole: Entry, document: dict[str, Any], name: str) -> list[Any]:
    found = document.get(name, [])
    if not isinstance(found, list) or not all(isinstance(t, dict) for t in found):
        raise _error(path, whole, name, f"write each as a [[{name}]] table")
    return found


def _entry(
    path: str,
    pack: str,
    table: str,
    index: int,
    fields: dict[str, Any],
    places: dict[tuple[str, int], dict[str, int]],
    allowed: tuple[str, ...] | None,
    naming: str,
) -> Entry:
    lines = places.get((table, index), {})
    fields = {k.replace("-", "_"): v for k, v in fields.items()}
    lines = {k.replace("-", "_"): v for k, v in lines.items()}
    key = fields.get(naming)
    header = lines.get(f"[[{table}]]", 1)
    said = key if isinstance(key, str) and key.strip() else f"{table} #{index + 1}"
    entry = Entry(f"{pack}/{said}", said, fields, header, lines)
    if not isinstance(key, str) or not key.strip():
        what = (
            "each fact needs a key, unique in its pack"
            if naming == "key"
            else "required"
        )
        raise _error(path, entry, naming, what)
    aliases = fields.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _error(path, entry, "aliases", 'write them as a list: aliases = ["..."]')
    if allowed is not None:
        extra = sorted(set(fields) - set(allowed))
        if extra:
            raise _error(
                path, entry, extra[0], f"unknown field; it takes {', '.join(allowed)}"
            )
    return entry


def _check_fact(path: str, entry: Entry) -> None:
    """A fact's form: a kind, a mission and a date, and only its kind's options."""
    _require(path, entry, ("mission", "kind", "on"))
    kind = entry.fields["kind"]
    if kind not in OPTIONS:
        raise _error(
            path,
            entry,
            "kind",
            f"unknown kind {str(kind)!r}; kinds: {', '.join(KINDS)}",
        )
    required, optional = OPTIONS[kind]
    allowed = {*REPORT_FIELDS, *required, *optional, "source"}
    extra = sorted(set(entry.fields) - allowed)
    if extra:
        takes = ", ".join((*required, *optional)) or "no options of its own"
        raise _error(
            path, entry, extra[0], f"{kind} does not take it; it takes {takes}"
        )
    _require(path, entry, required)
    for name, value in entry.fields.items():
        if name != "source" and not isinstance(value, str):
            raise _error(path, entry, name, 'write it as text, in quotes: "..."')


def _require(path: str, entry: Entry, names: tuple[str, ...]) -> None:
    for name in names:
        value = entry.fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise _error(path, entry, name, "required")


def _require_unique(path: str, entries: list[Entry], name: str) -> None:
    seen: set[str] = set()
    for entry in entries:
        value = entry.fields[name]
        if value in seen:
            raise _error(
                path,
                entry,
                name,
                f"{value!r} is given twice; each must be unique in the pack",
            )
        seen.add(value)


def _error(path: str, entry: Entry, name: str, why: str) -> PackError:
    return PackError(f"{entry.where(path, name)}: {why}; nothing was added")


def _places(text: str) -> dict[tuple[str, int], dict[str, int]]:
    """Where each table of a TOML text, and each key in it, starts: by (table, index),
    the lines of its keys (and of its header, as "[[table]]")."""
    places: dict[tuple[str, int], dict[str, int]] = {("", 0): {}}
    counts: dict[str, int] = {}
    current: dict[str, int] = places[("", 0)]
    within: str | None = None  # the quotes of a multi-line string being read
    for number, line in enumerate(text.splitlines(), start=1):
        if within is not None:
            if line.count(within) % 2:
                within = None
            continue
        header = _HEADER.match(line)
        if header and line.lstrip().startswith("["):
            table = header.group(1)
            index = counts.get(table, -1) + 1 if line.lstrip().startswith("[[") else 0
            counts[table] = index
            places[("", 0)].setdefault(table, number)
            current = places.setdefault((table, index), {f"[[{table}]]": number})
            continue
        assigned = _ASSIGNED.match(line)
        if assigned:
            current.setdefault(assigned.group(1).strip('"'), number)
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2:
                within = quotes
    return places


def template_text() -> str:
    """The commented template of a pack (`missions add --template`)."""
    return files("adapters.packs").joinpath("template.toml").read_text(encoding="utf-8")
