"""The HTML of the living documentation's pages: the index, and one per feature.

Every piece of text from a feature file or a report goes through `escape`, or
`inline`, `marked` or `prose` (adapters/livingdocs/markup.py), before it reaches
the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from adapters.livingdocs.cucumber import Outcome, Results, Status
from adapters.livingdocs.features import (
    Background,
    Examples,
    Feature,
    Rule,
    Scenario,
    Step,
)
from adapters.livingdocs.markup import (
    badge,
    escape,
    inline,
    marked,
    prose,
    status_class,
    tags,
)
from adapters.livingdocs.site_assets import POLICY, SEARCH, STYLE

#: How much of a failure's message a page shows: its end, where the cause is.
ERROR_LINES = 40
FAVICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'"
    "%3E%3Ccircle cx='8' cy='8' r='6' fill='%230a58a8'/%3E%3C/svg%3E"
)


@dataclass(frozen=True)
class Page:
    """What every page needs: the pages' names, the results, the run they're from."""

    names: Mapping[Path, str]
    results: Results
    run: str


def index_page(features: list[Feature], page: Page) -> str:
    """Every feature, with its description and its scenarios' results."""
    counts = scenario_counts(page.results, features)
    cards = "\n".join(_feature_card(f, page) for f in features)
    body = f"""<h1>Living documentation</h1>
<p class="lede">What the tracker does, feature by feature, in the words of its
specifications, each scenario marked by the last test run.</p>
<div class="totals">{sum(counts.values())} scenarios in {len(features)} features:
{_totals(counts)}</div>
{_search("Search features and scenarios", "features")}
<div class="features">
{cards}
</div>"""
    return _document("Living documentation", body, page.run)


def feature_page(feature: Feature, page: Page) -> str:
    """One feature: its rules, backgrounds and scenarios, every step and result."""
    counts = scenario_counts(page.results, [feature])
    loose = "".join(_scenario(feature, s, page) for s in feature.scenarios)
    rules = "".join(_rule(feature, r, page) for r in feature.rules)
    lang = f' lang="{escape(feature.language)}"' if feature.language != "en" else ""
    body = f"""<p><a href="index.html">\u2190 All features</a></p>
<article{lang}>
<h1><span class="kind">{escape(feature.keyword)}:</span> {escape(feature.name)}</h1>
<p class="path">{escape(feature.path.as_posix())}</p>
{tags(feature.tags)}
<div class="totals">{_totals(counts)}</div>
<div class="prose">{prose(feature.description)}</div>
{_search("Search this feature's scenarios", "")}
{_background(feature.background)}
<div data-group data-search="">{loose}</div>
{rules}
</article>"""
    return _document(feature.name or feature.path.name, body, page.run)


def _document(title: str, body: str, run: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{escape(POLICY)}">
<meta name="referrer" content="no-referrer">
<title>{escape(title)} \u00b7 missions</title>
<link rel="icon" href="{FAVICON}">
<style>{STYLE}</style>
</head>
<body>
<header class="top"><div class="wrap">
<a class="brand" href="index.html">missions <span>living documentation</span></a>
<span class="run">{escape(run)}</span>
</div></header>
<main class="wrap">
{body}
</main>
<footer class="wrap">Built by <code>missions docs</code> from the feature files
and the test run's Cucumber JSON report.</footer>
<script>{SEARCH}</script>
</body>
</html>
"""


def _feature_card(feature: Feature, page: Page) -> str:
    counts = scenario_counts(page.results, [feature])
    link = page.names[feature.path]
    first, _, rest = feature.description.partition("\n\n")
    more = (
        f'<details class="more"><summary>More</summary>{prose(rest)}</details>'
        if rest.strip()
        else ""
    )
    items = "".join(_scenario_item(feature, None, s, page) for s in feature.scenarios)
    items += "".join(_rule_item(feature, rule, page) for rule in feature.rules)
    searched = " ".join([feature.name, feature.description, *feature.tags])
    return f"""<article class="card {status_class(_worst(counts))}" data-group \
data-search="{escape(searched)}">
<header><h2><a href="{escape(link)}">{escape(feature.name)}</a></h2>
<span class="totals">{_totals(counts)}</span></header>
{tags(feature.tags)}
<div class="prose">{prose(first)}{more}</div>
<ul class="scenarios">{items}</ul>
</article>"""


def _rule_item(feature: Feature, rule: Rule, page: Page) -> str:
    items = "".join(_scenario_item(feature, rule, s, page) for s in rule.scenarios)
    return f"""<li class="rule-item" data-sub><span class="kind">\
{escape(rule.keyword)}:</span> {inline(rule.name)}<ul>{items}</ul></li>"""


def _scenario_item(
    feature: Feature, rule: Rule | None, scenario: Scenario, page: Page
) -> str:
    outcome = page.results.of(feature, scenario)
    searched = _searched(scenario, outcome) + (f" {rule.name}" if rule else "")
    link = f"{page.names[feature.path]}#s{scenario.line}"
    return f"""<li data-item data-search="{escape(searched)}">\
<a href="{escape(link)}">{inline(scenario.name)}</a>{badge(outcome.status)}</li>"""


def _rule(feature: Feature, rule: Rule, page: Page) -> str:
    scenarios = "".join(_scenario(feature, s, page) for s in rule.scenarios)
    searched = " ".join([rule.name, rule.description, *rule.tags])
    return f"""<section class="rule" id="r{rule.line}" data-group \
data-search="{escape(searched)}">
<h2><span class="kind">{escape(rule.keyword)}:</span> {inline(rule.name)}</h2>
{tags(rule.tags)}<div class="prose">{prose(rule.description)}</div>
{_background(rule.background)}{scenarios}
</section>"""


def _background(background: Background | None) -> str:
    if background is None:
        return ""
    name = f" {inline(background.name)}" if background.name else ""
    return f"""<section class="background" id="b{background.line}">
<h3><span class="kind">{escape(background.keyword)}:</span>{name}</h3>
<div class="prose">{prose(background.description)}</div>
{_steps(background.steps, frozenset(), Outcome())}
</section>"""


def _scenario(feature: Feature, scenario: Scenario, page: Page) -> str:
    outcome = page.results.of(feature, scenario)
    names = frozenset(n for e in scenario.examples for n in e.header)
    examples = "".join(_examples(e, outcome) for e in scenario.examples)
    status = status_class(outcome.status)
    return f"""<article class="card {status}" id="s{scenario.line}" data-item \
data-search="{escape(_searched(scenario, outcome))}">
<header><h3><span class="kind">{escape(scenario.keyword)}:</span> \
{inline(scenario.name, names)}</h3>{badge(outcome.status)}\
<a class="anchor" href="#s{scenario.line}" aria-label="Link to this scenario">#</a>\
</header>
{tags(scenario.tags)}<div class="prose">{prose(scenario.description)}</div>
{_steps(scenario.steps, names, outcome)}{examples}{_error(outcome)}
</article>"""


def _steps(steps: Iterable[Step], names: frozenset[str], outcome: Outcome) -> str:
    items = []
    for step in steps:
        failed = step.line in outcome.failed_steps
        note = f"{badge(Status.FAILED, 'failed here')}" if failed else ""
        table = _table(step.table.rows, names) if step.table else ""
        doc = ""
        if step.doc_string:
            media = step.doc_string.media_type
            label = f'<span class="media">{escape(media)}</span>' if media else ""
            content = marked(step.doc_string.content, names)
            doc = f'<div class="doc">{label}<pre>{content}</pre></div>'
        items.append(
            f'<li class="{"failed" if failed else ""}">'
            f'<span class="kw">{escape(step.keyword)}</span> '
            f'<span class="text">{inline(step.text, names)}</span>'
            f"{note}{table}{doc}</li>"
        )
    return f'<ol class="steps">{"".join(items)}</ol>' if items else ""


def _examples(examples: Examples, outcome: Outcome) -> str:
    name = f" {inline(examples.name)}" if examples.name else ""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in examples.header)
    rows = []
    for line, cells in zip(examples.body.lines, examples.body.rows, strict=True):
        status = outcome.rows.get(line, Status.NOT_RUN)
        data = "".join(f"<td>{escape(cell)}</td>" for cell in cells)
        rows.append(
            f'<tr class="{status_class(status)}"><td>{badge(status)}</td>{data}</tr>'
        )
    return f"""<section class="examples">
<h4><span class="kind">{escape(examples.keyword)}:</span>{name}</h4>
{tags(examples.tags)}<div class="prose">{prose(examples.description)}</div>
<div class="table"><table><thead><tr><th>Result</th>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
</section>"""


def _table(rows: Iterable[Iterable[str]], names: frozenset[str]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{marked(c, names)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f'<div class="table"><table><tbody>{body}</tbody></table></div>'


def _error(outcome: Outcome) -> str:
    if not outcome.error.strip():
        return ""
    tail = "\n".join(outcome.error.rstrip().splitlines()[-ERROR_LINES:])
    return f"""<details class="error"><summary>Why it failed</summary>
<pre>{escape(tail)}</pre></details>"""


def _search(label: str, groups: str) -> str:
    nouns = f' data-groups="{escape(groups)}"' if groups else ""
    return f"""<div class="search" role="search">
<label for="search">{escape(label)}</label>
<input id="search" type="search" autocomplete="off" spellcheck="false"{nouns}
placeholder="Words to find, e.g. ExoMars suspended, or status:failed">
<p id="search-said" aria-live="polite"></p>
</div>"""


def _searched(scenario: Scenario, outcome: Outcome) -> str:
    """All the text a search finds a scenario by."""
    words = [scenario.name, scenario.description, *scenario.tags]
    for step in scenario.steps:
        words.append(f"{step.keyword} {step.text}")
        if step.table:
            words.extend(cell for row in step.table.rows for cell in row)
        if step.doc_string:
            words.append(step.doc_string.content)
    for examples in scenario.examples:
        words.extend([examples.name, *examples.header])
        words.extend(cell for row in examples.body.rows for cell in row)
    words.append(f"status:{status_class(outcome.status)}")
    return " ".join(" ".join(words).split())


def scenario_counts(results: Results, features: Iterable[Feature]) -> Counter[Status]:
    """How many of the features' scenarios passed, failed or did not run."""
    return Counter(results.of(f, s).status for f in features for s in f.all_scenarios())


def _totals(counts: Counter[Status]) -> str:
    shown = [s for s in Status if counts[s]] or [Status.NOT_RUN]
    return " ".join(badge(s, f"{counts[s]} {s.value}") for s in shown)


def _worst(counts: Counter[Status]) -> Status:
    if counts[Status.FAILED]:
        return Status.FAILED
    return Status.NOT_RUN if counts[Status.NOT_RUN] else Status.PASSED
