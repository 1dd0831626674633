"""Each mission's aggregate id, from its slug: the same in every store, so that a
mission is found by its slug without reading any other."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

_NAMESPACE = uuid5(NAMESPACE_URL, "missions:mission")


def mission_id(slug: str) -> UUID:
    """The aggregate id of the mission with this slug."""
    return uuid5(_NAMESPACE, slug)
