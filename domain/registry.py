"""The partners known to the tracker, as data: each a stream of one event, the
`PartnerAdded` that made it known."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from domain.chain import sealed
from domain.errors import DomainError
from domain.events import PartnerAdded, Source
from domain.vocabulary import PartnerKind

_NAMESPACE = uuid5(NAMESPACE_URL, "missions:partner")


def partner_id(slug: str) -> UUID:
    """The stream id of the partner with this slug."""
    return uuid5(_NAMESPACE, slug)


def add_partner(
    slug: str,
    name: str,
    kind: PartnerKind,
    source: Source,
    *,
    country: str | None = None,
    via: str | None = None,
    aliases: Iterable[str] = (),
    summary: str | None = None,
) -> PartnerAdded:
    """A new partner, made known (its names are checked against the others' by
    whoever records it: `adapters.eventstore.partners.Registry.require_new`)."""
    if via == slug:
        raise DomainError(f"{slug} cannot take part through itself")
    through = f", through {via}" if via else ""
    return sealed(
        PartnerAdded(
            originator_id=partner_id(slug),
            originator_version=1,
            timestamp=datetime.now(tz=UTC),
            id=uuid4(),
            slug=slug,
            name=name,
            category=kind,
            country=country,
            via=via,
            aliases=tuple(aliases),
            source=source,
            summary=summary or f"{name} ({kind}{through}) is known as {slug}.",
        ),
        "",
    )
