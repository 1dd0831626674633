"""Bad input: one line on stderr, the right exit code, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.eventstore.tracker import MissionTracker
from cli.main import cli
from tests.conftest import Run
from tests.stores import stored_rows
from tests.usage import hinted

EDTF_FORMS = (
    "accepted EDTF forms: 2022-02-28, 2021-06, 2022, 2030/2033, 2026? (uncertain),"
    " 2021-06~ (approximate), ../2022-03-01 (on or before)"
)
DAY_FORM = "use YYYY-MM-DD, e.g. 2022-03-01"
STORE_FORMS = (
    "use a file path, sqlite:///PATH, memory: or"
    " postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?schema=NAME]"
)
KNOWN_MISSIONS = (
    "known missions: change-6, change-7, exomars, ilrs, iss, luna-27, soyuz-kourou,"
    " venera-d"
)
KNOWN_PARTNERS = (
    "known partners: arianespace, asi, casc, casic, cnes, cnsa, csa, dlr, esa,"
    " glavkosmos, iki, isro, jaxa, kari, nasa, roscosmos, uaesa, uksa"
)
STATUSES = (
    "'proposed', 'planned', 'at_risk', 'delayed', 'suspended', 'cancelled',"
    " 'launched', 'operating', 'completed', 'failed'"
)
KINDS = (
    "'status-changed', 'partner-joined', 'partner-withdrawn', 'partner-replaced',"
    " 'partner-standing-changed', 'partner-role-changed', 'launch-target-changed',"
    " 'milestone', 'contribution-added', 'contribution-removed', 'programme-joined',"
    " 'programme-left', 'noted'"
)
#: A quote of 25 words, one too many.
LONG_QUOTE = " ".join(["word"] * 25)
#: How a fact is reported, for commands that need it.
REPORT = ("--on", "2022-03-17", "--source", "ESA")


def record(mission: str, kind: str, *options: str) -> tuple[str, ...]:
    """The arguments of `missions record`, with a valid date and source."""
    return ("record", mission, kind, *REPORT, *options)


def register(slug: str, name: str, *options: str) -> tuple[str, ...]:
    """The arguments of `missions register`, with a valid date and source."""
    return ("register", slug, "--name", name, *REPORT, *options)


def ident(args: tuple[str, ...]) -> str:
    """A short test id for a command line."""
    return " ".join(arg if len(arg) < 30 else f"{arg[:20]}..." for arg in args)


def assert_refused(result: Result, code: int) -> str:
    """Assert a command failed with one `Error: ` line and no traceback."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error: ")
    assert result.stderr.endswith("\n")
    assert result.stderr.count("\n") == 1
    return result.stderr.removeprefix("Error: ").removesuffix("\n")


USAGE_ERRORS: list[tuple[tuple[str, ...], str]] = [
    # unknown missions, with the closest known ones
    (("status", "exomar"), "unknown mission 'exomar'; did you mean: exomars?"),
    (("status", "venus-d"), "unknown mission 'venus-d'; did you mean: venera-d?"),
    (
        ("log", "change-8"),
        "unknown mission 'change-8'; did you mean: change-6, change-7?",
    ),
    (
        record("exomarz", "status-changed", "--status", "planned"),
        "unknown mission 'exomarz'; did you mean: exomars?",
    ),
    (("status", "hubble"), f"unknown mission 'hubble'; {KNOWN_MISSIONS}"),
    # dates
    (
        ("status", "exomars", "--at", "2022-02-30"),
        f"'2022-02-30' is not a valid date; {DAY_FORM}",
    ),
    (("list", "--at", "yesterday"), f"'yesterday' is not a valid date; {DAY_FORM}"),
    (
        ("record", "exomars", "noted", "--on", "2022-13", "--source", "ESA"),
        f"'2022-13' is not a valid EDTF date; {EDTF_FORMS}",
    ),
    (
        ("record", "exomars", "noted", "--on", "yesterday", "--source", "ESA"),
        f"'yesterday' is not a valid EDTF date; {EDTF_FORMS}",
    ),
    (
        ("record", "exomars", "noted", "--on", "2022-02-30", "--source", "ESA"),
        f"'2022-02-30' is not a valid EDTF date; {EDTF_FORMS}",
    ),
    (
        record("exomars", "launch-target-changed", "--target", "soon"),
        f"'soon' is not a valid EDTF date; {EDTF_FORMS}",
    ),
    (
        (
            *("record", "exomars", "status-changed", "--on", "2022-03-01/2022-02-01"),
            *("--source", "ESA", "--status", "delayed"),
        ),
        f"'2022-03-01/2022-02-01' ends before it begins; {EDTF_FORMS}",
    ),
    (
        record("exomars", "noted", "--summary", "x", "--source-date", "2022-02-30"),
        f"'2022-02-30' is not a valid date; {DAY_FORM}",
    ),
    # words the tracker does not know
    (
        record("exomars", "status-changed", "--status", "doomed"),
        f"Invalid value for '--status': 'doomed' is not one of {STATUSES}.",
    ),
    (
        record("exomars", "partner-joined", "--partner", "nasa", "--role", "boss"),
        "Invalid value for '--role': 'boss' is not one of 'lead', 'partner',"
        " 'contributor'.",
    ),
    (
        (
            *record("exomars", "partner-standing-changed", "--partner", "esa"),
            *("--standing", "angry"),
        ),
        "Invalid value for '--standing': 'angry' is not one of 'active',"
        " 'prospective', 'suspended', 'withdrawn'.",
    ),
    (
        record("exomars", "launched"),
        f"Invalid value for 'KIND': 'launched' is not one of {KINDS}.",
    ),
    (
        record("exomars", "partner-joined", "--partner", "spacex", "--role", "lead"),
        f"unknown partner 'spacex'; {KNOWN_PARTNERS}",
    ),
    (
        (
            *record("exomars", "partner-replaced", "--partner", "roscosmos"),
            *("--by", "nasaa"),
        ),
        # A name close to known ones: those, as for a mission.
        "unknown partner 'nasaa'; did you mean: cnsa, nasa, uaesa?",
    ),
    # the source
    (
        (
            *("record", "exomars", "status-changed", "--on", "2022-03-17"),
            *("--status", "delayed"),
        ),
        "Missing option '--source'.",
    ),
    (
        (
            *("record", "exomars", "status-changed", "--source", "ESA"),
            *("--status", "delayed"),
        ),
        "Missing option '--on'.",
    ),
    (
        (
            *("record", "exomars", "status-changed", "--on", "2022-03-17"),
            *("--source", "", "--status", "delayed"),
        ),
        "--source is empty; say who reported it, e.g. 'ESA, 17 March 2022'",
    ),
    (
        (
            *("register", "mars-sample-return", "--name", "MSR", "--on", "2020"),
            *("--source", "   "),
        ),
        "--source is empty; say who reported it, e.g. 'ESA, 17 March 2022'",
    ),
    # options that do not fit the kind
    (
        record("exomars", "status-changed", "--status", "delayed", "--partner", "esa"),
        "status-changed does not take --partner; it takes --status, --by-party",
    ),
    (
        record("exomars", "noted", "--summary", "x", "--partner", "esa"),
        "noted does not take --partner; it takes no options",
    ),
    (
        record("exomars", "partner-withdrawn", "--partner", "esa", "--role", "lead"),
        "partner-withdrawn does not take --role; it takes --partner, --by-party",
    ),
    (record("exomars", "status-changed"), "status-changed needs --status"),
    (
        record("exomars", "partner-joined", "--partner", "nasa"),
        "partner-joined needs --role",
    ),
    (
        record("exomars", "partner-replaced", "--partner", "roscosmos"),
        "partner-replaced needs --by",
    ),
    (
        record("exomars", "noted"),
        "noted needs --summary: say what happened, in one sentence",
    ),
    # registering
    (
        register("Mars_Sample_Return", "Mars Sample Return"),
        "invalid slug 'Mars_Sample_Return'; use lower-case letters, digits and"
        " single hyphens, e.g. venera-d",
    ),
    (
        register("mars--sample", "Mars Sample Return"),
        "invalid slug 'mars--sample'; use lower-case letters, digits and"
        " single hyphens, e.g. venera-d",
    ),
    (("register", "msr", *REPORT), "Missing option '--name'."),
    # stores
    (
        ("--store", "mysql://me:s3cret@127.0.0.1:1/missions", "list"),
        f"unsupported store 'mysql:'; {STORE_FORMS}",
    ),
    (
        ("--store", "file:missions.db", "list"),
        f"unsupported store 'file:'; {STORE_FORMS}",
    ),
    # commands and options that do not exist
    (("launch", "exomars"), "No such command 'launch'."),
    (
        ("list", "--when", "2022-03-01"),
        "No such option '--when'. Did you mean '--help'?",
    ),
]

DOMAIN_ERRORS: list[tuple[tuple[str, ...], str]] = [
    (
        record("exomars", "partner-withdrawn", "--partner", "nasa"),
        "nasa is not a partner of exomars on 2022-03-17; record partner-joined first",
    ),
    (
        (
            *("record", "exomars", "partner-withdrawn", "--on", "2020-01-01"),
            *("--source", "ESA", "--partner", "roscosmos"),
        ),
        "roscosmos is not a partner of exomars on 2020-01-01;"
        " record partner-joined first",
    ),
    (
        (
            *record("venera-d", "partner-standing-changed", "--partner", "nasa"),
            *("--standing", "active"),
        ),
        "nasa is no longer a partner of venera-d on 2022-03-17: it left on"
        " 2022-02-24/2022-03-01, as recorded (it withdrew); date this fact before"
        " that, or record partner-joined again first",
    ),
    (
        record("exomars", "partner-joined", "--partner", "esa", "--role", "lead"),
        "esa is already a partner of exomars on 2022-03-17 (lead, active)",
    ),
    (
        record("exomars", "partner-replaced", "--partner", "esa", "--by", "esa"),
        "a partner cannot replace itself: esa",
    ),
    (
        register("exomars-2", "ExoMars"),
        "'ExoMars' already names exomars; choose another",
    ),
    (
        register("lunar-base", "Lunar Base", "--alias", "ce 6"),
        "'ce 6' already names change-6; choose another",
    ),
    (register("iss", "Mir 2"), "'iss' already names iss; choose another"),
    (
        record("exomars", "noted", "--summary", "ESA spoke.", "--quote", LONG_QUOTE),
        "a quote must be under 25 words (this one has 25); say the rest in the"
        " summary, in our own words",
    ),
    (
        register("lunar-base", "Lunar Base", "--quote", LONG_QUOTE),
        "a quote must be under 25 words (this one has 25); say the rest in the"
        " summary, in our own words",
    ),
]


@pytest.mark.parametrize(
    ("code", "args", "message"),
    [(2, args, message) for args, message in USAGE_ERRORS]
    + [(1, args, message) for args, message in DOMAIN_ERRORS],
    ids=[ident(args) for args, _ in USAGE_ERRORS + DOMAIN_ERRORS],
)
def test_bad_input_is_refused_with_one_line_and_nothing_is_written(
    run: Run, seeded_store: str, code: int, args: tuple[str, ...], message: str
) -> None:
    before = stored_rows(seeded_store)
    assert assert_refused(run(*args), code) == hinted(args, message)
    assert stored_rows(seeded_store) == before


def test_an_unknown_mission_in_an_empty_store_says_how_to_add_one(
    run: Run, store: str
) -> None:
    MissionTracker(store).close()
    assert assert_refused(run("status", "exomars"), 2) == (
        "unknown mission 'exomars'; no missions are tracked yet;"
        " run `missions seed` or `missions register`"
    )


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://me:s3cret@127.0.0.1:1/missions",
        "postgres://me:s3cret@127.0.0.1:1/missions",
        "postgresql://:s3cret@127.0.0.1:1/missions",
        "postgresql://me:s3cret@word@127.0.0.1:1/missions",
        "postgresql://me@127.0.0.1:1/missions?password=s3cret",
    ],
)
def test_a_password_in_a_postgresql_url_never_appears_in_the_output(url: str) -> None:
    for result in (
        CliRunner().invoke(cli, ["--store", url, "seed", "--only", "article"]),
        CliRunner(env={"MISSIONS_STORE": url}).invoke(cli, ["list"]),
    ):
        assert result.exit_code in {1, 2}
        assert_refused(result, result.exit_code)
        assert "s3cret" not in result.output


def test_a_store_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(tmp_path), "list"])
    assert assert_refused(result, 2) == (
        f"store {str(tmp_path)!r} is a directory; {STORE_FORMS}"
    )


def test_a_store_that_is_not_a_database_is_an_error_not_a_traceback(
    tmp_path: Path,
) -> None:
    store = tmp_path / "notes.txt"
    store.write_text("not a database\n")
    result = CliRunner().invoke(cli, ["--store", str(store), "list"])
    assert assert_refused(result, 1) == (
        f"cannot open store {store}: file is not a database"
    )
    assert store.read_text() == "not a database\n"


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (register("mars-sample-return", ""), "--name"),
        (register("mars-sample-return", "   "), "--name"),
        (record("iss", "noted", "--summary", "   "), "--summary"),
    ],
    ids=["empty name", "blank name", "blank summary of a note"],
)
def test_blank_words_are_refused_like_missing_ones(
    run: Run, seeded_store: str, args: tuple[str, ...], word: str
) -> None:
    before = stored_rows(seeded_store)
    assert word in assert_refused(run(*args), 2)
    assert stored_rows(seeded_store) == before


@pytest.mark.parametrize(
    "args",
    [
        ("status", "exomars", "--at", "0001-01-01"),
        ("status", "exomars", "--at", "9999-12-31", "--known-at", "9999-12-31"),
        ("list", "--at", "9999-12-31", "--known-at", "0001-01-01T14:00:00+14:00"),
        ("list", "--at", "0001-01-01"),
        ("partners", "--at", "9999-12-31"),
        ("partners", "--at", "0001-01-01", "--known-at", "9999-12-31T09:59:59-14:00"),
        ("log", "exomars", "--known-at", "9999-12-31"),
        ("history", "exomars", "--from", "0001-01-01", "--to", "9999-12-31"),
        ("history", "exomars", "--from", "9999-12-31", "--to", "9999-12-31"),
        ("changes", "--from", "0001-01-01", "--to", "0001-01-01"),
        ("changes", "--from", "0001-01-01", "--to", "9999-12-31"),
        ("timeline", "--from", "0001-01-01", "--to", "9999-12-31"),
        ("timeline", "--from", "9999-12-31"),
        ("timeline", "--to", "0001-01-01", "--known-at", "9999-12-31"),
    ],
    ids=ident,
)
def test_the_first_and_last_days_of_the_calendar_are_answered(
    query: Run, args: tuple[str, ...]
) -> None:
    result = query(*args)
    assert result.exit_code == 0, result.output
    far = "--at" in args and args[args.index("--at") + 1].startswith("9999")
    assert result.stderr.startswith("Note: 9999-12-31 is more than") == far
    assert result.stderr.count("\n") == far
