"""Finding what a person means: a mission by any of its names (partners are found
the same way: `adapters.eventstore.partners`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from difflib import get_close_matches
from functools import cache
from itertools import islice
from typing import Any, NamedTuple

from adapters.errors import UnknownMission


def name_key(name: str) -> str:
    """A name as compared: case, spaces, hyphens and apostrophes do not count."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def name_map(entries: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Every name of every mission, as compared, with the slug it stands for, from
    (slug, names) pairs (registration keeps them unique)."""
    return {
        name_key(alias): slug for slug, names in entries for alias in (slug, *names)
    }


class Taken(NamedTuple):
    """A name that is taken: the `text` given, the `slug` it names already, and
    whether it only looks like one of that slug's names (`alike`)."""

    text: str
    slug: str
    alike: bool = False

    def said(self, whose: str = "") -> str:
        """The refusal's words: `whose` is put before the slug ("the partner ")."""
        text = repr(self.text[:60])
        if self.alike:
            return (
                f"{text} looks like a name of {whose}{self.slug}"
                " (it differs only in letters that look alike)"
            )
        return f"{text} already names {whose}{self.slug}"


def name_taken(
    names: dict[str, str], texts: Iterable[str], own: str | None = None
) -> Taken | None:
    """The first of `texts` that already names a mission (other than `own`), or
    else the first that looks like a name of one (`lookalike_key`: "Rosalind
    Franklin" written with a Cyrillic letter a, U+0430), with the slug of that
    mission; None if none does. `names` maps names as compared to slugs, and only
    ever grows (see `_lookalikes`)."""
    texts = list(texts)
    for text in texts:
        taken = names.get(name_key(text))
        if taken is not None and taken != own:
            return Taken(text, taken)
    alike = _lookalikes(names)
    for text in texts:
        taken = alike.get(lookalike_key(name_key(text)))
        if taken is not None and taken != own:
            return Taken(text, taken, alike=True)
    return None


def lookalike_key(key: str) -> str:
    """A name as compared (`name_key`) brought to the form of every name that
    looks like it: its confusable skeleton (Unicode TR39, by ICU), as compared.
    Two names alike in it are told apart by no one reading them."""
    return name_key(_spoof_checker().getSkeleton(0, key))


@cache
def _spoof_checker() -> Any:
    import icu  # ICU's own TR39 skeletons; imported only when a name is new

    return icu.SpoofChecker()


#: The look-alike index last made: of which names, of how many, and the index.
_made: tuple[dict[str, str], int, dict[str, str]] | None = None


def _lookalikes(names: dict[str, str]) -> dict[str, str]:
    """The slugs of `names` by `lookalike_key`. An import asks again and again of
    one map that grows as it registers missions: the index made last is kept,
    and only the names added since are brought to it (a map grows at its end)."""
    global _made
    if _made is not None and _made[0] is names and _made[1] <= len(names):
        index = _made[2]
        # The names added since, read from the end: skipping the first ones
        # would cost a step for each name there is.
        since = list(islice(reversed(names.keys()), len(names) - _made[1]))
        added: Iterable[str] = reversed(since)
    else:
        index, added = {}, names
    for key in added:
        index.setdefault(lookalike_key(key), names[key])
    _made = (names, len(names), index)
    return index


def resolve(name: str, names: dict[str, str]) -> str:
    """The slug of the mission a person means by `name`, among `names`."""
    slug = names.get(name_key(name))
    if slug is not None:
        return slug
    hint = closest(name, names, 0.5)
    raise UnknownMission(
        f"unknown mission {shown(name)!r}; "
        + (
            f"did you mean: {', '.join(hint)}?"
            if hint
            else _known(sorted(set(names.values())))
        )
    )


def closest(name: str, names: Mapping[str, str], cutoff: float) -> list[str]:
    """The slugs (of `names`, by name as compared) whose names come closest to
    `name`, at least `cutoff` alike; for "did you mean"."""
    close = get_close_matches(name_key(name), list(names), n=3, cutoff=cutoff)
    return sorted({names[key] for key in close})


def shown(name: str) -> str:
    """A name as an error quotes it: cut at 60 characters."""
    return name if len(name) <= 60 else f"{name[:57]}..."


def _known(slugs: list[str]) -> str:
    if not slugs:
        return "no missions are tracked yet; run `missions seed` or `missions register`"
    return f"known missions: {', '.join(slugs)}"
