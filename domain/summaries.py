"""The summary a fact gets when its source's words are not given: one plain
sentence of what it records."""

from __future__ import annotations

from typing import Any

from domain.events import (
    ContributionAdded,
    MissionEvent,
    PartnerRoleChanged,
    ProgrammeJoined,
)


def described(cls: type[MissionEvent], change: dict[str, Any]) -> str:
    """A sentence of what a fact of `cls` with these values records."""
    match change:
        case {"status": status}:
            return f"The status changed to {status}."
        case {"milestone": milestone}:
            return f"The mission reached its {milestone}."
        case {"programme": programme}:
            verb = "joined" if cls is ProgrammeJoined else "left"
            return f"The mission {verb} the programme {programme}."
        case {"partner": partner, "contribution": contribution}:
            verb = "supplies" if cls is ContributionAdded else "no longer supplies"
            return f"{partner} {verb} {contribution}."
        case {"partner": partner, "role": role} if cls is PartnerRoleChanged:
            return f"{partner}'s role changed to {role}."
        case {"by": by, "partner": partner}:
            return f"{by} took the place of {partner}."
        case {"partner": partner, "role": role, "standing": standing}:
            return f"{partner} joined as {role} ({standing})."
        case {"partner": partner, "standing": standing}:
            return f"{partner}'s standing changed to {standing}."
        case {"partner": partner}:
            return f"{partner} withdrew."
        case {"target": None}:
            return "The mission has no launch target any more."
        case {"target": target}:
            return f"The launch target moved to {target.edtf}."
    return cls.__name__
