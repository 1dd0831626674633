"""The words the tracker knows: statuses, roles, standings, milestones and the
kinds of partner (the partners themselves are data: `adapters.eventstore.partners`)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where a mission or programme stands."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    AT_RISK = "at_risk"
    DELAYED = "delayed"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    LAUNCHED = "launched"
    OPERATING = "operating"
    COMPLETED = "completed"
    FAILED = "failed"


class Role(StrEnum):
    """What a partner does in a mission."""

    LEAD = "lead"
    PARTNER = "partner"
    CONTRIBUTOR = "contributor"


class Standing(StrEnum):
    """How a partner's part in a mission stands."""

    ACTIVE = "active"
    PROSPECTIVE = "prospective"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class PartnerKind(StrEnum):
    """What kind of body a partner is."""

    AGENCY = "agency"
    COUNTRY = "country"
    COMPANY = "company"
    INSTITUTE = "institute"


class Milestone(StrEnum):
    """A step a mission reaches in flight, in the words the field uses."""

    LAUNCH = "launch"
    ORBIT_INSERTION = "orbit-insertion"
    FLYBY = "flyby"
    LANDING = "landing"
    DEPLOYMENT = "deployment"
    DOCKING = "docking"
    FIRST_LIGHT = "first-light"
    SAMPLE_COLLECTION = "sample-collection"
    ASCENT = "ascent"
    SAMPLE_RETURN = "sample-return"
    END_OF_MISSION = "end-of-mission"
    FAILURE = "failure"


#: The kinds of fact a person can record about a tracked mission.
KINDS = (
    "status-changed",
    "partner-joined",
    "partner-withdrawn",
    "partner-replaced",
    "partner-standing-changed",
    "partner-role-changed",
    "launch-target-changed",
    "milestone",
    "contribution-added",
    "contribution-removed",
    "programme-joined",
    "programme-left",
    "noted",
)
