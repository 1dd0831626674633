"""The partners the tracker knows, as data: those recorded (`partner-added`), and
the built-in ones of `data/partners.ndjson`, which a store written before
partners were data knows without a record of them (they are read as if
recorded). Names resolve as mission names do: by slug, name or alias, whatever
the case and spacing, with "did you mean". Plain values only: the read path
uses it without pydantic."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any, NamedTuple

import orjson

from adapters.errors import InputError
from adapters.eventstore.names import closest, name_key, name_map, shown

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

    def names(self) -> dict[str, str]:
        """Each partner's display name, by slug."""
        return {slug: p.name for slug, p in self.partners.items()}

    def listed(self) -> list[Partner]:
        """Every partner, by slug."""
        return [self.partners[slug] for slug in sorted(self.partners)]

    def taken(self, texts: Iterable[str]) -> tuple[str, str] | None:
        """The first of `texts` that already names a partner, and its slug."""
        for text in texts:
            slug = self._names.get(name_key(text))
            if slug is not None:
                return text, slug
        return None

    def require_known(self, slug: str) -> None:
        """Refuse a slug that names no known partner."""
        if slug not in self.partners:
            raise self._unknown(slug)

    def _unknown(self, name: str) -> InputError:
        known = ", ".join(sorted(self))
        return InputError(f"unknown partner {shown(name)!r}; known partners: {known}")

    def require_new(self, partner: Partner) -> None:
        """Refuse a partner whose slug, name or an alias already names a partner,
        a name without letters or digits, or a `via` body that is not known."""
        for text in (partner.name, *partner.aliases):
            if not name_key(text):
                raise InputError(f"the name {text[:60]!r} has no letters or digits")
        found = self.taken((partner.partner, partner.name, *partner.aliases))
        if partner.partner in self.recorded:
            found = (partner.partner, partner.partner)
        elif found is not None and found[1] == partner.partner:
            # A built-in partner, recorded at last: it may keep its names.
            found = self._taken_by_others(partner)
        if found is not None:
            raise InputError(
                f"{found[0][:60]!r} already names the partner {found[1]};"
                " choose another"
            )
        if partner.via is not None and partner.via not in self:
            raise InputError(
                f"--via {partner.via}: no such partner; add it first"
                " (`missions partner add`)"
            )

    def _taken_by_others(self, partner: Partner) -> tuple[str, str] | None:
        for text in (partner.name, *partner.aliases):
            slug = self._names.get(name_key(text))
            if slug is not None and slug != partner.partner:
                return text, slug
        return None

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
