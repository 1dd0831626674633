"""The partners the tracker knows, as data: those recorded (`partner-added`), and
the built-in ones of `data/partners.ndjson`, which a store written before
partners were data knows without a record of them (they are read as if
recorded). Names resolve as mission names do: by slug, name or alias, whatever
the case and spacing, with "did you mean". Plain values only: the read path
uses it without pydantic."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any, NamedTuple

import orjson

from adapters.errors import InputError
from adapters.eventstore.names import (
    Taken,
    closest,
    name_key,
    name_map,
    name_taken,
    shown,
)

BUILT_IN_FILE = "partners.ndjson"


class Partner(NamedTuple):
    """A partner as the tracker knows it."""

    partner: str
    name: str
    kind: str
    country: str | None = None
    via: str | None = None
    aliases: tuple[str, ...] = ()

    def view(self) -> dict[str, Any]:
        """The partner as scripts read it (`partner list --json`)."""
        return {**self._asdict(), "aliases": list(self.aliases)}

    def described(self) -> str:
        """What makes it the partner it is, in a few words: e.g. "Roscosmos
        (agency, RU)", or "European Space Agency (ESA) (agency)"."""
        country = f", {self.country}" if self.country else ""
        through = f", through {self.via}" if self.via else ""
        return f"{self.name} ({self.kind}{country}{through})"


#: What makes a partner the partner it is: what no one may say otherwise of it.
DEFINING = ("name", "kind", "country", "via")


def redefined(
    known: Partner, said: Mapping[str, str | None], *, filling: bool = False
) -> list[tuple[str, str]]:
    """What `said` (some of `DEFINING`, as given) says otherwise of the partner
    `known`, each as (field, "field 'value'"): its name agrees whatever the case
    and spacing, a kind, country or body whatever the case; with `filling`, a
    country or body where none is known agrees too (it is not said otherwise)."""
    differs: list[tuple[str, str]] = []
    for field in DEFINING:
        if field not in said:
            continue
        value, was = said[field], getattr(known, field)
        if field == "name":
            same = value is not None and name_key(value) == name_key(known.name)
        else:
            same = (value or "").strip().casefold() == (was or "").casefold()
            same = same or (filling and was is None)
        if not same:
            differs.append((field, f"{field} {value!r}" if value else f"no {field}"))
    return differs


def partner_of(event: Any) -> Partner:
    """The partner a `partner-added` event makes known."""
    return Partner(
        event.slug,
        event.name,
        str(event.category),
        event.country,
        event.via,
        tuple(event.aliases),
    )


@cache
def built_in() -> tuple[Partner, ...]:
    """The partners the tracker knew before partners were data."""
    text = files("adapters.eventstore").joinpath("data", BUILT_IN_FILE).read_bytes()
    return tuple(
        Partner(
            line["partner"],
            line["name"],
            line["kind"],
            line["country"],
            line["via"],
            tuple(line["aliases"]),
        )
        for line in map(orjson.loads, text.splitlines())
    )


class Registry:
    """Every partner known: the built-in ones, and those recorded (which stand
    in for a built-in one of the same slug)."""

    def __init__(self, recorded: Iterable[Partner] = ()) -> None:
        self.partners = {p.partner: p for p in built_in()}
        found = {p.partner: p for p in recorded}
        self.partners |= found
        #: The slugs recorded (the others are built-in ones not recorded yet).
        self.recorded: set[str] = set(found)
        self._names = name_map(
            (p.partner, (p.name, *p.aliases)) for p in self.partners.values()
        )

    def __contains__(self, slug: object) -> bool:
        return slug in self.partners

    def named(self, text: str) -> str | None:
        """The slug of the partner that `text` names (a slug, name or alias,
        whatever the case and spacing), if any."""
        return self._names.get(name_key(text))

    def names(self) -> dict[str, str]:
        """Each partner's display name, by slug."""
        return {slug: p.name for slug, p in self.partners.items()}

    def listed(self) -> list[Partner]:
        """Every partner, by slug."""
        return [self.partners[slug] for slug in sorted(self.partners)]

    def taken(self, texts: Iterable[str]) -> Taken | None:
        """The first of `texts` that already names a partner, or looks like a
        name of one (`names.name_taken`), and its slug."""
        return name_taken(self._names, texts)

    def require_known(self, slug: str) -> None:
        """Refuse a slug that names no known partner."""
        if slug not in self.partners:
            raise self._unknown(slug)

    def _unknown(self, name: str) -> InputError:
        known = ", ".join(sorted(self))
        return InputError(f"unknown partner {shown(name)!r}; known partners: {known}")

    def require_new(self, partner: Partner, as_recorded: bool = False) -> None:
        """Refuse a partner whose slug, name or an alias already names a partner,
        a name without letters or digits, or a `via` body that is not known; and,
        unless it is `as_recorded` (imported, as a store recorded it), one that
        redefines a built-in partner."""
        for text in (partner.name, *partner.aliases):
            if not name_key(text):
                raise InputError(f"the name {text[:60]!r} has no letters or digits")
        if not as_recorded or partner.partner in self.recorded:
            self._require_as_known(partner)
        found = self.taken((partner.partner, partner.name, *partner.aliases))
        if partner.partner in self.recorded:
            found = Taken(partner.partner, partner.partner)
        elif found is not None and found.slug == partner.partner:
            # A built-in partner, recorded at last: it may keep its names.
            found = self._taken_by_others(partner)
        if found is not None:
            raise InputError(f"{found.said('the partner ')}; choose another")
        if partner.via is not None and partner.via not in self:
            raise InputError(
                f"--via {partner.via}: no such partner; add it first"
                " (`missions partner add`)"
            )

    def _require_as_known(self, partner: Partner) -> None:
        """Refuse a partner whose slug names a known one (a built-in one not
        recorded yet, too) of another name, kind, country or body it takes part
        through: a known partner is never redefined."""
        known = self.partners.get(partner.partner)
        if known is None:
            return
        said = {name: getattr(partner, name) for name in DEFINING}
        differs = redefined(known, said)
        if differs:
            said_so = ", ".join(text for _, text in differs)
            raise InputError(
                f"the partner {known.partner} is known as {known.described()},"
                f" not with {said_so}: a known partner is never redefined; give"
                " another partner a slug of its own"
            )

    def _taken_by_others(self, partner: Partner) -> Taken | None:
        return name_taken(
            self._names, (partner.name, *partner.aliases), partner.partner
        )

    def add(self, partner: Partner) -> None:
        """Count in a partner just made known."""
        self.recorded.add(partner.partner)
        self.partners[partner.partner] = partner
        self._names |= name_map([(partner.partner, (partner.name, *partner.aliases))])

    def resolve(self, name: str) -> str:
        """The slug of the partner a person means by `name`; InputError, with the
        closest names, if none."""
        slug = self._names.get(name_key(name))
        if slug is not None:
            return slug
        hint = closest(name, self._names, 0.6)
        if hint:
            raise InputError(
                f"unknown partner {shown(name)!r}; did you mean: {', '.join(hint)}?"
            )
        raise self._unknown(name)

    def __iter__(self) -> Any:
        return iter(self.partners)
