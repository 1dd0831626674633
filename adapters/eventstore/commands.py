"""Turning a kind and its options, as people type them, into a recorded fact."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from adapters.dates import parse_edtf
from adapters.errors import InputError
from adapters.eventstore.partners import Registry
from domain.dates import WorldDate
from domain.events import MissionEvent, Source
from domain.mission import Head, Mission, PlainFacts, Report
from domain.vocabulary import KINDS, Milestone, Role, Standing, Status

#: The options each kind takes, required ones first.
OPTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "status-changed": (("status",), ("by_party",)),
    "partner-joined": (("partner", "role"), ("standing",)),
    "partner-withdrawn": (("partner",), ("by_party",)),
    "partner-replaced": (("partner", "by"), ("role", "standing")),
    "partner-standing-changed": (("partner", "standing"), ("by_party",)),
    "partner-role-changed": (("partner", "role"), ()),
    "launch-target-changed": (("target",), ("vehicle",)),
    "milestone": (("milestone",), ("detail",)),
    "contribution-added": (("partner", "contribution"), ()),
    "contribution-removed": (("partner", "contribution"), ()),
    "programme-joined": (("programme",), ()),
    "programme-left": (("programme",), ()),
    "noted": ((), ()),
}


#: Every option of any kind.
OPTION_NAMES = tuple(
    dict.fromkeys(name for r, o in OPTIONS.values() for name in (*r, *o))
)

#: The options that name a partner.
PARTNER_OPTIONS = ("partner", "by", "by_party")


def plain(kind: str, report: Report) -> bool:
    """Whether a fact of `kind`, as `report` tells it, can be recorded from the
    mission's head, without its history (`domain.mission.Head`)."""
    return kind in _PLAIN and report.id is None


def record(
    mission: Mission | Head,
    kind: str,
    report: Report,
    options: Mapping[str, str | None],
    partners: Callable[[], Registry],
) -> MissionEvent:
    """The event for a fact of `kind`, checked against what the mission was then
    (from its head only if the fact is `plain`); partners are named as
    `partners()` knows them, asked only when one is named."""
    if kind not in OPTIONS:
        raise InputError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
    required, optional = OPTIONS[kind]
    given = {name: value for name, value in options.items() if value is not None}
    for name in required:
        if name not in given:
            raise InputError(f"{kind} needs {_flag(name)}")
    extra = sorted(set(given) - set(required) - set(optional))
    if extra:
        takes = ", ".join(_flag(n) for n in (*required, *optional)) or "no options"
        raise InputError(f"{kind} does not take {_flag(extra[0])}; it takes {takes}")
    if kind == "noted" and not report.summary:
        raise InputError("noted needs --summary: say what happened, in one sentence")
    values = {name: _parsed(name, value, partners) for name, value in given.items()}
    if isinstance(mission, Head):
        assert plain(kind, report), f"{kind} needs the mission, not its head"
        return _PLAIN[kind](mission, report, values)
    return _COMMANDS[kind](mission, report, values)


def _parsed(name: str, value: str, partners: Callable[[], Registry]) -> Any:
    """An option's value, as typed, read (a partner resolved among `partners()`);
    a text left blank is refused."""
    if not value.strip():
        raise InputError(f"{_flag(name)} is empty; give it, or leave it out")
    if name in PARTNER_OPTIONS:
        return partners().resolve(value)
    return _PARSERS[name](value)


def _flag(name: str) -> str:
    """The command-line option of a field, e.g. --by-party."""
    return "--" + name.replace("_", "-")


def _choice(
    enum: type[Status] | type[Role] | type[Standing] | type[Milestone],
) -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        try:
            return enum(value.strip().lower())
        except ValueError:
            valid = ", ".join(member.value for member in enum)
            name = enum.__name__.lower()
            raise InputError(f"unknown {name} {value!r}; valid: {valid}") from None

    return parse


def _target(value: str) -> WorldDate | None:
    """A launch target (or an effective date) in EDTF, or `none` for none."""
    return None if value.strip().lower() == "none" else parse_edtf(value)


_PARSERS: dict[str, Callable[[str], Any]] = {
    "status": _choice(Status),
    "role": _choice(Role),
    "standing": _choice(Standing),
    "target": _target,
    "vehicle": str.strip,
    "milestone": _choice(Milestone),
    "detail": str.strip,
    "contribution": str.strip,
    "programme": str.strip,
    "effective": _target,
}

_PLAIN: dict[str, Callable[[PlainFacts, Report, dict[str, Any]], MissionEvent]] = {
    "status-changed": lambda m, r, v: m.change_status(
        v["status"], r, v.get("by_party")
    ),
    "launch-target-changed": lambda m, r, v: m.change_launch_target(
        v["target"], r, v.get("vehicle")
    ),
    "milestone": lambda m, r, v: m.reach_milestone(v["milestone"], r, v.get("detail")),
    "noted": lambda m, r, v: m.note(r),
}
_COMMANDS: dict[str, Callable[[Mission, Report, dict[str, Any]], MissionEvent]] = {
    **_PLAIN,
    "partner-joined": lambda m, r, v: m.join_partner(
        v["partner"], v["role"], v.get("standing", Standing.ACTIVE), r
    ),
    "partner-withdrawn": lambda m, r, v: m.withdraw_partner(
        v["partner"], r, v.get("by_party")
    ),
    "partner-replaced": lambda m, r, v: m.replace_partner(
        v["partner"], v["by"], r, v.get("role"), v.get("standing", Standing.ACTIVE)
    ),
    "partner-standing-changed": lambda m, r, v: m.change_standing(
        v["partner"], v["standing"], r, v.get("by_party")
    ),
    "partner-role-changed": lambda m, r, v: m.change_role(v["partner"], v["role"], r),
    "contribution-added": lambda m, r, v: m.add_contribution(
        v["partner"], v["contribution"], r
    ),
    "contribution-removed": lambda m, r, v: m.remove_contribution(
        v["partner"], v["contribution"], r
    ),
    "programme-joined": lambda m, r, v: m.join_programme(v["programme"], r),
    "programme-left": lambda m, r, v: m.leave_programme(v["programme"], r),
}


def corrections(
    on: str | None,
    source: Source | None,
    summary: str | None,
    quote: str | None,
    options: Mapping[str, str | None],
    partners: Callable[[], Registry],
) -> dict[str, Any]:
    """The superseding values of a correction, as JSON, from what a person typed
    (partners named as `partners()` knows them)."""
    changes: dict[str, Any] = {}
    if on is not None:
        changes["occurred"] = parse_edtf(on).model_dump(mode="json")
    if source is not None:
        changes["source"] = source.model_dump(mode="json")
    if summary is not None:
        changes["summary"] = summary
    if quote is not None:
        changes["quote"] = quote
    for name, value in options.items():
        if value is not None:
            parsed = _parsed(name, value, partners)
            is_date = isinstance(parsed, WorldDate)
            changes[name] = parsed.model_dump(mode="json") if is_date else parsed
    return changes
