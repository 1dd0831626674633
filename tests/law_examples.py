"""The histories the law of the two time axes is tried on in every run, before
the generated ones: each tells of a rule, and of how a correction or retraction
bears on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from hypothesis import example

from tests.law_histories import FIRST, MONTH, NONE, Command, Dated, day

EARLY = Dated("../2022-03-01", date.min, FIRST)


def joined(on: str, role: str = "lead") -> Command:
    """ESA joins, active, in `role`."""
    options = {"partner": "esa", "role": role, "standing": "active"}
    return Command("partner-joined", day(on), options)


def supplies(on: str, kind: str, contribution: str) -> Command:
    """ESA's contribution added or removed (`kind`)."""
    options = {"partner": "esa", "contribution": contribution}
    return Command(f"contribution-{kind}", day(on), options)


#: Histories worth trying on every run, before the generated ones.
EXAMPLES = [
    # Suspended on 7 March, corrected to "some time in March"; that correction
    # corrected to the 5th with another status, then retracted; then the planning
    # retracted.
    example(
        day("2022-03-01"),
        [
            Command("status-changed", day("2022-03-02"), {"status": "planned"}),
            Command("status-changed", day("2022-03-07"), {"status": "suspended"}),
            Command("correct", pick=0, new_date=MONTH),
            Command(
                "correct", pick=0, new_date=day("2022-03-05"), new_status="delayed"
            ),
            Command("retract", pick=1),
            Command("retract", pick=4),
        ],
        2,
    ),
    # ESA joins, is suspended, withdraws; the withdrawal is moved before the
    # suspension.
    example(
        EARLY,
        [
            joined("2022-03-02"),
            Command(
                "partner-standing-changed",
                day("2022-03-06"),
                {"partner": "esa", "standing": "suspended"},
            ),
            Command("partner-withdrawn", day("2022-03-08"), {"partner": "esa"}),
            Command("correct", pick=0, new_date=day("2022-03-04")),
            Command("retract", pick=3),
            Command("correct", pick=5, new_date=day("2022-03-08")),
        ],
        3,
    ),
    # ESA, the lead, supplies the rover (not twice), not the lander; it cannot
    # become lead again, but partner; NASA excludes it, and what it supplied goes
    # with it: joining anew, it supplies nothing. The exclusion is moved to the
    # day of the rover (after it, as recorded later), before the change of role,
    # which then does not count; the rover cannot be moved to when ESA was out.
    example(
        EARLY,
        [
            joined("2022-03-01"),
            supplies("2022-03-02", "added", "the rover"),
            supplies("2022-03-03", "added", "the rover"),
            supplies("2022-03-03", "removed", "the lander"),
            Command(
                "partner-role-changed",
                day("2022-03-03"),
                {"partner": "esa", "role": "lead"},
            ),
            Command(
                "partner-role-changed",
                day("2022-03-04"),
                {"partner": "esa", "role": "partner"},
            ),
            Command(
                "partner-withdrawn",
                day("2022-03-05"),
                {"partner": "esa", "by_party": "nasa"},
            ),
            joined("2022-03-06", role="contributor"),
            supplies("2022-03-07", "removed", "the rover"),
            Command("correct", pick=1, new_date=day("2022-03-02")),
            Command("correct", pick=4, new_date=day("2022-03-05")),
        ],
        2,
    ),
    # Cancelled by ESA, announced on the 3rd to take effect on the 7th: it counts
    # from the 7th, and the planning of the 5th comes before it; the launch moves,
    # then there is none; the launch, said on the 2nd, took place on the 4th. The
    # cancellation is corrected to take effect when announced, then on the 6th;
    # a registration cannot take effect on a date of its own. The mission joins
    # programmes, leaves one (not twice) and joins it again; NASA says it is
    # cancelled again, which changes nothing, nor does a note.
    example(
        day("2022-03-01"),
        [
            Command(
                "status-changed",
                day("2022-03-03"),
                {"status": "cancelled", "by_party": "esa"},
                effective=day("2022-03-07"),
            ),
            Command("status-changed", day("2022-03-05"), {"status": "planned"}),
            Command("launch-target-changed", day("2022-03-02"), {"target": "2028"}),
            Command("launch-target-changed", day("2022-03-06"), {"target": NONE}),
            Command(
                "milestone",
                day("2022-03-02"),
                {"milestone": "launch", "detail": "as planned"},
                effective=day("2022-03-04"),
            ),
            Command("correct", pick=4, new_effective=NONE),
            Command("correct", pick=0, new_effective=day("2022-03-06")),
            Command("correct", pick=7, new_effective=day("2022-03-02")),
            Command("programme-joined", day("2022-03-02"), {"programme": "aurora"}),
            Command(
                "programme-joined",
                day("2022-03-03"),
                {"programme": "mars-exploration"},
            ),
            Command("programme-left", day("2022-03-04"), {"programme": "aurora"}),
            Command("programme-left", day("2022-03-05"), {"programme": "aurora"}),
            Command("programme-joined", day("2022-03-06"), {"programme": "aurora"}),
            Command(
                "status-changed",
                day("2022-03-08"),
                {"status": "cancelled", "by_party": "nasa"},
            ),
            Command("noted", day("2022-03-08")),
        ],
        3,
    ),
    # ESA supplies the rover; NASA sets its standing to withdrawn: ESA is out of
    # the mission, and what it supplied goes with it, as when it withdraws. So
    # it cannot take the rover back; joining anew, it supplies nothing.
    example(
        EARLY,
        [
            joined("2022-03-01"),
            supplies("2022-03-02", "added", "the rover"),
            Command(
                "partner-standing-changed",
                day("2022-03-04"),
                {"partner": "esa", "standing": "withdrawn", "by_party": "nasa"},
            ),
            supplies("2022-03-05", "removed", "the rover"),
            joined("2022-03-06", role="partner"),
        ],
        2,
    ),
]


def with_examples(test: Callable[..., None]) -> Callable[..., None]:
    """The test, trying the EXAMPLES first."""
    for chosen in reversed(EXAMPLES):
        test = chosen(test)
    return test
