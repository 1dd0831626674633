"""Generated data: valid, hash-chained NDJSON exports of many missions, written as
news arrives, and what the queries are drawn from."""

from __future__ import annotations

import calendar
import hashlib
import heapq
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from adapters.eventstore.partners import built_in
from domain.chain import SCHEME, stored_digest
from domain.events import KINDS
from domain.identity import mission_id
from domain.vocabulary import Role, Standing, Status

#: World dates are drawn from these days (the span a query date is drawn from).
FIRST_DAY = date(1980, 1, 1)
LAST_DAY = date(2024, 12, 31)
_FIRST, _DAYS = FIRST_DAY.toordinal(), (LAST_DAY - FIRST_DAY).days + 1
#: Events are recorded from this moment on, a second to two minutes apart.
RECORDING_START = datetime(2025, 1, 2, 8, 0, 0)
#: How many facts of a mission a correction or retraction may refer to.
FACT_POOL = 2000
#: Each mission's first events are also sealed by the project's own function.
CHECKED_VERSIONS = 3

TOPICS = {kind: get_topic(cls) for kind, cls in KINDS.items()}
STATUSES = [s.value for s in Status]
ROLES = [r.value for r in Role]
STANDINGS = [s.value for s in Standing if s is not Standing.WITHDRAWN]
VEHICLES = [None, "Proton-M", "Angara-A5", "Soyuz-2.1b", "Long March 5", "Ariane 6"]
PUBLICATIONS = [
    "SpaceNews",
    "SpaceflightNow",
    "Ars Technica",
    "NASASpaceflight",
    "Space.com",
    "The Planetary Society",
    "ESA Newsroom",
    "NASA News",
    "Roscosmos Press",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "Xinhua",
    "China Daily",
    "CGTN",
    "Global Times",
    "Kyodo News",
    "NHK World",
    "The Hindu",
    "Times of India",
    "Reuters",
    "Associated Press",
    "AFP",
    "BBC News",
    "The Guardian",
    "Le Monde",
    "Der Spiegel",
    "Frankfurter Allgemeine",
    "Corriere della Sera",
    "El País",
    "Nature",
    "Science",
    "Aviation Week",
    "Flight Global",
    "European Spaceflight",
    "Orbital Index",
]
AUTHORS = [None, "Andrew Jones", "Jeff Foust", "Eric Berger", "Anatoly Zak"]
AUTHORS += [None, "Marcia Smith", "Jonathan O'Callaghan", "Tereza Pultarova"]
QUOTES = [
    "We will not be able to launch this year.",
    "Cooperation continues as planned.",
    "The schedule is under review.",
    "All options remain on the table.",
]
NOTES = [
    "A design review took place.",
    "Officials discussed the mission at a conference.",
    "A contract for the landing platform was signed.",
    "Engineers completed a round of tests.",
]


def _sources(rng: random.Random) -> list[dict[str, Any]]:
    """A few articles from each of a few dozen publications."""
    found = []
    for publication in PUBLICATIONS:
        site = "".join(ch for ch in publication.lower() if ch.isalnum())
        for number in range(6):
            published = date.fromordinal(
                rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal())
            ).isoformat()
            found.append(
                {
                    "publication": publication,
                    "title": f"{publication} on space cooperation, part {number + 1}",
                    "author": rng.choice(AUTHORS),
                    "published": published,
                    "url": f"https://{site}.example/{published}/article-{number}",
                }
            )
    return found


def _world_date(rng: random.Random) -> dict[str, str]:
    """Mostly a single day; a tenth are ranges of a few days, or months.

    No "on or before" dates (`../2022-02-24`): a status lists every fact that may
    or may not have happened by its day, and such a fact may have until its
    latest day, so that list, and any answer, would grow with the mission."""
    day = date.fromordinal(_FIRST + int(rng.random() * _DAYS))
    text = day.isoformat()
    draw = rng.random()
    if draw < 0.90:
        return {"edtf": text, "earliest": text, "latest": text}
    if draw < 0.95:
        end = (day + timedelta(days=rng.randint(1, 10))).isoformat()
        return {"edtf": f"{text}/{end}", "earliest": text, "latest": end}
    last = calendar.monthrange(day.year, day.month)[1]
    return {
        "edtf": text[:7],
        "earliest": f"{text[:7]}-01",
        "latest": f"{text[:7]}-{last:02d}",
    }


def _later_month(rng: random.Random, occurred: dict[str, str]) -> dict[str, str]:
    """A launch target: a month half a year to six years after `occurred`."""
    after = date.fromisoformat(occurred["latest"]) + timedelta(
        days=180 + int(rng.random() * 2000)
    )
    last = calendar.monthrange(after.year, after.month)[1]
    month = after.isoformat()[:7]
    return {"edtf": month, "earliest": f"{month}-01", "latest": f"{month}-{last:02d}"}


@dataclass
class MissionSpan:
    """What a generated mission's queries are drawn from."""

    slug: str
    events: int = 0
    first_recorded: str = ""
    last_recorded: str = ""


@dataclass
class _Mission:
    """One mission's stream of events: its chain, partners and earlier facts."""

    slug: str
    rng: random.Random
    sources: list[dict[str, Any]]
    origin: str = ""
    version: int = 0
    previous: str = ""
    partners: list[str] = field(default_factory=list)
    members: dict[str, str] = field(default_factory=dict)
    #: The day of the latest partner event: they follow one another in the
    #: world's order as in recording order, as the rules of `record` require.
    partner_day: int = 0
    #: Earlier facts, not retracted: [id, kind, status] (a sample of them; none
    #: about partners, whose later events rest on them).
    facts: list[list[str]] = field(default_factory=list)
    span: MissionSpan = field(init=False)

    def __post_init__(self) -> None:
        self.origin = str(mission_id(self.slug))
        self.partners = self.rng.sample(sorted(p.partner for p in built_in()), 6)
        self.span = MissionSpan(self.slug)
        self.partner_day = _FIRST + int(self.rng.random() * _DAYS / 2)

    def line(self, timestamp: str) -> bytes:
        """The mission's next event, recorded at `timestamp`, as an NDJSON line."""
        rng = self.rng
        self.version += 1
        bits = f"{rng.getrandbits(128):032x}"
        event_id = f"{bits[:8]}-{bits[8:12]}-4{bits[13:16]}-a{bits[17:20]}-{bits[20:]}"
        if self.version == 1:
            kind, body = "registered", self._registered()
        else:
            kind, body = self._fact(event_id, rng.random())
        # A launch target's schema version, 2, is stored, and sealed with it.
        schema = {"class_version": 2} if kind == "launch-target-changed" else {}
        sealed = {
            "timestamp": timestamp,
            "id": event_id,
            "previous": self.previous,
            "seal_scheme": SCHEME,
            **body,
            **schema,
            "originator_id": self.origin,
            "originator_version": self.version,
        }
        text = orjson.dumps(sealed, option=orjson.OPT_SORT_KEYS)
        digest = hashlib.sha256(text).hexdigest()
        state = {
            "timestamp": timestamp,
            "id": event_id,
            "previous": self.previous,
            "digest": digest,
            "seal_scheme": SCHEME,
            **body,
            **schema,
        }
        if self.version <= CHECKED_VERSIONS:
            expected = stored_digest(self.origin, self.version, state)
            if digest != expected:
                raise SystemExit(f"generator: {self.slug} v{self.version}: digest")
        self.previous = digest
        self.span.events = self.version
        self.span.first_recorded = self.span.first_recorded or timestamp
        self.span.last_recorded = timestamp
        line = {
            "originator_id": self.origin,
            "originator_version": self.version,
            "topic": TOPICS[kind],
            "state": state,
        }
        return orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE)

    def _registered(self) -> dict[str, Any]:
        rng = self.rng
        return {
            "occurred": _world_date(rng),
            "source": rng.choice(self.sources),
            "summary": f"{self.slug} is tracked.",
            "quote": None,
            "kind": "registered",
            "slug": self.slug,
            "name": f"Mission {self.slug}",
            "aliases": [],
        }

    def _fact(self, event_id: str, draw: float) -> tuple[str, dict[str, Any]]:
        """A fact of a realistic kind (or a correction or retraction of one)."""
        if draw < 0.05 and self.facts:
            return "corrected", self._correction()
        if draw < 0.08 and self.facts:
            return "retracted", self._retraction()
        rng = self.rng
        occurred = _world_date(rng)
        own: dict[str, Any]
        status = ""
        if draw < 0.63:
            kind, status = "status-changed", rng.choice(STATUSES)
            own, summary = {"status": status}, f"The status changed to {status}."
        elif draw < 0.71:
            kind, target = "launch-target-changed", _later_month(rng, occurred)
            own = {"target": target, "vehicle": rng.choice(VEHICLES)}
            summary = f"The launch target moved to {target['edtf']}."
        elif draw < 0.88:
            kind, own, summary = self._partner()
            self.partner_day += int(rng.random() * 3)
            day = date.fromordinal(self.partner_day).isoformat()
            occurred = {"edtf": day, "earliest": day, "latest": day}
        else:
            kind, own, summary = "noted", {}, rng.choice(NOTES)
        body = {
            "occurred": occurred,
            "source": rng.choice(self.sources),
            "summary": summary,
            "quote": rng.choice(QUOTES) if rng.random() < 0.1 else None,
            "kind": kind,
            **own,
        }
        if kind.startswith("partner-"):
            pass
        elif len(self.facts) < FACT_POOL:
            self.facts.append([event_id, kind, status])
        else:
            self.facts[rng.randrange(FACT_POOL)] = [event_id, kind, status]
        return kind, body

    def _partner(self) -> tuple[str, dict[str, Any], str]:
        """A partner event that follows from the ones before, in recording order:
        a partner joins before its standing changes, or it withdraws or is
        replaced."""
        rng = self.rng
        outside = [p for p in self.partners if p not in self.members]
        if not self.members or (outside and rng.random() < 0.3):
            partner, role = rng.choice(outside), rng.choice(ROLES)
            standing = rng.choice(STANDINGS)
            self.members[partner] = standing
            own = {"partner": partner, "role": role, "standing": standing}
            return "partner-joined", own, f"{partner} joined as {role} ({standing})."
        partner = rng.choice(sorted(self.members))
        draw = rng.random()
        if draw < 0.6:
            standing = rng.choice([s for s in STANDINGS if s != self.members[partner]])
            self.members[partner] = standing
            own = {"partner": partner, "standing": standing}
            summary = f"{partner}'s standing changed to {standing}."
            return "partner-standing-changed", own, summary
        del self.members[partner]
        if draw < 0.8 or not outside:
            return "partner-withdrawn", {"partner": partner}, f"{partner} withdrew."
        by, role, standing = rng.choice(outside), rng.choice(ROLES), "active"
        self.members[by] = standing
        own = {"partner": partner, "by": by, "role": role, "standing": standing}
        return "partner-replaced", own, f"{by} took the place of {partner}."

    def _correction(self) -> dict[str, Any]:
        rng = self.rng
        fact = rng.choice(self.facts)
        changes: dict[str, Any]
        if fact[1] == "status-changed" and rng.random() < 0.6:
            fact[2] = rng.choice([s for s in STATUSES if s != fact[2]])
            changes, what = {"status": fact[2]}, "status"
        else:
            changes, what = {"occurred": _world_date(rng)}, "date"
        return {
            "kind": "corrected",
            "corrects": fact[0],
            "changes": changes,
            "summary": f"Corrected the {what} of event {fact[0]}.",
        }

    def _retraction(self) -> dict[str, Any]:
        rng = self.rng
        index = rng.randrange(len(self.facts))
        target = self.facts[index][0]
        self.facts[index] = self.facts[-1]
        self.facts.pop()
        reason = "The report was withdrawn by its publisher."
        return {
            "kind": "retracted",
            "retracts": target,
            "reason": reason,
            "source": rng.choice(self.sources),
            "summary": f"Retracted {target}: {reason}",
        }


def write_export(
    path: Path, plan: Sequence[tuple[str, int]], seed: int
) -> dict[str, MissionSpan]:
    """Write an export of the missions of `plan` (slug, number of events) to
    `path`, their events interleaved as news arrives, streamed line by line."""
    rng = random.Random(seed)
    sources = _sources(rng)
    missions = [_Mission(slug, rng, sources) for slug, _ in plan]
    sizes = [count for _, count in plan]
    # Each mission's k-th event comes at about k/n of the way through the file.
    queue = [(rng.random() / n, index, 0) for index, n in enumerate(sizes) if n]
    heapq.heapify(queue)
    moment = 0
    with path.open("wb", buffering=1 << 20) as out:
        while queue:
            _, index, done = heapq.heappop(queue)
            moment += 1_000_000 + int(rng.random() * 119_000_000)
            stamp = RECORDING_START + timedelta(microseconds=moment)
            out.write(missions[index].line(stamp.isoformat("T", "microseconds") + "Z"))
            done += 1
            if done < sizes[index]:
                key = (done + rng.random()) / sizes[index]
                heapq.heappush(queue, (key, index, done))
    return {m.slug: m.span for m in missions}


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=UTC)
