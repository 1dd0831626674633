"""What a registration must be, as a person types it: a slug of lower-case words
joined by hyphens, at most 64 characters, and names and aliases short enough
that have letters or digits. Checked before the registration is built, so that
each is refused in words that name the option."""

from __future__ import annotations

import re
from collections.abc import Iterable

from adapters.errors import InputError
from adapters.eventstore.names import name_key
from domain.events import MOST_ALIASES, SHORT_TEXT, SLUG_LENGTH, SLUG_PATTERN
from domain.text import unstorable

SLUG = re.compile(SLUG_PATTERN)


def checked_names(slug: str, name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """The aliases, each once and stripped, if the slug, name and aliases can
    register a mission; InputError says which cannot, and why."""
    if not SLUG.match(slug):
        raise InputError(
            f"invalid slug {slug[:70]!r}; use lower-case letters, digits and"
            " single hyphens, e.g. venera-d"
        )
    if len(slug) > SLUG_LENGTH:
        raise InputError(
            f"the slug is {len(slug)} characters long; keep it to {SLUG_LENGTH}"
        )
    unique = tuple(dict.fromkeys(a.strip() for a in aliases))
    if len(unique) > MOST_ALIASES:
        raise InputError(
            f"{len(unique)} aliases given; a mission has at most {MOST_ALIASES}"
        )
    for given, option in ((name, "--name"), *((a, "--alias") for a in unique)):
        if len(given) > SHORT_TEXT:
            raise InputError(
                f"{option} is {len(given)} characters long; keep it to {SHORT_TEXT}"
            )
        found = unstorable(given)
        if found is not None:
            raise InputError(
                f"{option} holds {found}, which no store can hold: type it as UTF-8"
            )
        if not name_key(given):
            raise InputError(
                f"{option} {given!r} has no letters or digits; give a name"
                " people would search for, e.g. Venera-D"
            )
    return unique


def checked_partner(
    slug: str, name: str, country: str | None, aliases: Iterable[str]
) -> tuple[str, str, str | None, tuple[str, ...]]:
    """The slug, name, country (upper case) and aliases of a new partner, if they
    can make it known; InputError says which cannot, and why."""
    unique = checked_names(slug, name, aliases)
    if country is not None:
        country = country.strip().upper()
        if not re.fullmatch("[A-Z]{2}", country):
            raise InputError(
                f"--country {country[:20]!r} is not a country code; give its two"
                " letters (ISO 3166), e.g. PK"
            )
    return slug, name.strip(), country, unique
