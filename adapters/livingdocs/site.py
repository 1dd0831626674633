"""The living documentation: every feature as a page, marked by the last test run.

Everything read from a feature file or a report is text: it is escaped wherever it
goes, and the pages' script reads it only as text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from stat import S_ISREG

from adapters.errors import InputError
from adapters.files import check_not_a_link, kind_of, write_file
from adapters.livingdocs.cucumber import Results, Status, mark, read_report
from adapters.livingdocs.features import read_features
from adapters.livingdocs.pages import Page, feature_page, index_page, scenario_counts


class Report(Enum):
    """What the test report had to say."""

    READ = "read"
    MISSING = "missing"
    #: A report that says nothing of these features (a run of other tests).
    SILENT = "silent"


@dataclass(frozen=True)
class Site:
    """The pages of the site, by file name, built in memory."""

    pages: dict[str, str]
    features: int
    counts: Counter[Status]
    report: Report
    report_path: Path

    @property
    def summary(self) -> str:
        """How many features and scenarios, and how they fared."""
        shown = [s for s in Status if self.counts[s] or s is not Status.NOT_RUN]
        counts = [f"{self.counts[s]} {s.value}" for s in shown]
        scenarios = sum(self.counts.values())
        return (
            f"{_plural(self.features, 'feature')} ({_plural(scenarios, 'scenario')}:"
            f" {', '.join(counts)})"
        )

    @property
    def warning(self) -> str | None:
        """What to say of a report that marks nothing, and how to make one."""
        if self.report is Report.MISSING:
            return (
                f"No test report at {self.report_path}: every scenario is shown as"
                " not run; run the tests (.venv/bin/pytest) to make one."
            )
        if self.report is Report.SILENT:
            return (
                f"The test report at {self.report_path} has no results for these"
                " features: run them (.venv/bin/pytest features) to mark them."
            )
        return None

    def write(self, out: Path) -> Path:
        """Write every page into `out`, made if needed; return the index's path.
        A symbolic link in place of a page is refused before any page is written."""
        try:
            out.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise InputError(f"cannot make the directory '{out}'") from None
        for name in self.pages:
            check_not_a_link(out / name)
        for name, text in self.pages.items():
            write_file(out / name, text.encode())
        write_file(out / MARK, b"A site written by `missions docs`.\n")
        return out / "index.html"


def build_site(features_dir: Path, report_path: Path) -> Site:
    """Read the features and the report, and build every page."""
    features = read_features(features_dir)
    report, run = Report.MISSING, None
    results = Results()
    if report_path.exists():
        results = mark(features, read_report(report_path))
        report = Report.READ if results.outcomes else Report.SILENT
        modified = report_path.stat().st_mtime
        run = datetime.fromtimestamp(modified, UTC).strftime("%Y-%m-%d %H:%M UTC")
    names = page_names(f.path for f in features)
    page = Page(names, results, _run_line(report_path, run, report))
    pages = {"index.html": index_page(features, page)}
    pages.update((names[f.path], feature_page(f, page)) for f in features)
    counts = scenario_counts(results, features)
    return Site(pages, len(features), counts, report, report_path)


#: The file that says a folder holds a site `missions docs` wrote.
MARK = ".missions-docs"


def check_out(out: Path, force: bool = False) -> None:
    """Refuse an output path that cannot be a directory (a file, a FIFO or a device
    is there or on the way to it), or a folder that holds other files than a site
    written before (unless `force`), before anything is built."""
    for path in (out, *out.parents):
        if path.exists():
            if not path.is_dir():
                mode = path.stat().st_mode
                what = "a file" if S_ISREG(mode) else kind_of(mode)
                raise InputError(f"--out '{out}': '{path}' is {what}, not a directory")
            break
    if out.is_dir() and not force and not (out / MARK).exists() and any(out.iterdir()):
        raise InputError(
            f"--out '{out}' holds other files than a site `missions docs` wrote:"
            " choose an empty or new folder, or give --force to write among them"
        )


def page_names(paths: Iterable[Path]) -> dict[Path, str]:
    """Each feature file's page: its name, in safe characters, as .html; never
    index.html, and never two the same."""
    taken = {"index.html"}
    names: dict[Path, str] = {}
    for path in paths:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "feature"
        name, number = f"{stem}.html", 1
        while name.lower() in taken:
            number += 1
            name = f"{stem}-{number}.html"
        taken.add(name.lower())
        names[path] = name
    return names


def _run_line(path: Path, run: str | None, report: Report) -> str:
    if report is Report.MISSING:
        return f"No test report at {path}: every scenario is shown as not run."
    if report is Report.SILENT:
        return f"The test report at {path} has no results for these features."
    return f"Results of the test run reported in {path} at {run}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
