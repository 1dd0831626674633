"""The Gherkin feature files, read with the official parser into plain values."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adapters.errors import InputError


@dataclass(frozen=True)
class Table:
    """A step's data table, or an Examples table, row by row."""

    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class DocString:
    """A step's doc string."""

    content: str
    media_type: str


@dataclass(frozen=True)
class Step:
    """One step: its keyword as written (Given, When, Then, And, But, *) and text."""

    keyword: str
    text: str
    line: int
    table: Table | None = None
    doc_string: DocString | None = None


@dataclass(frozen=True, kw_only=True)
class Heading:
    """What every titled part of a feature file has: its keyword as written
    (Feature, Rule, Scenario, ...), its name, its description and its line."""

    keyword: str
    name: str
    description: str
    line: int


@dataclass(frozen=True, kw_only=True)
class Tagged(Heading):
    """A titled part that can carry tags."""

    tags: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Background(Heading):
    """Steps run before every scenario of a feature or rule."""

    steps: tuple[Step, ...]


@dataclass(frozen=True, kw_only=True)
class Examples(Tagged):
    """One Examples table of a scenario outline: a header and its rows."""

    header: tuple[str, ...]
    body: Table


@dataclass(frozen=True, kw_only=True)
class Scenario(Tagged):
    """A scenario, or a scenario outline with its Examples."""

    steps: tuple[Step, ...]
    examples: tuple[Examples, ...]
    #: The backgrounds run before it: the feature's, then its rule's.
    backgrounds: tuple[Background, ...]

    @property
    def is_outline(self) -> bool:
        """Whether it runs once for each row of its Examples."""
        return bool(self.examples)


@dataclass(frozen=True, kw_only=True)
class Rule(Tagged):
    """A business rule of a feature, with the scenarios that illustrate it."""

    background: Background | None
    scenarios: tuple[Scenario, ...]


@dataclass(frozen=True, kw_only=True)
class Feature(Tagged):
    """One feature file."""

    path: Path
    language: str
    background: Background | None
    #: The scenarios outside any rule.
    scenarios: tuple[Scenario, ...]
    rules: tuple[Rule, ...]

    def all_scenarios(self) -> Iterator[Scenario]:
        """Every scenario and outline, in the order of the file."""
        yield from self.scenarios
        for rule in self.rules:
            yield from rule.scenarios


def read_features(directory: Path) -> list[Feature]:
    """Every `*.feature` file of a directory, in the order of their names."""
    paths = sorted(directory.glob("*.feature")) if directory.is_dir() else []
    if not paths:
        raise InputError(
            f"no feature files (*.feature) in '{directory}': run it in the"
            " project's folder, where features/ is, or give --features DIR"
        )
    return [read_feature(path) for path in paths]


def read_feature(path: Path) -> Feature:
    """One feature file; a file that is not Gherkin is refused, with its line."""
    from gherkin.errors import CompositeParserException, ParserException
    from gherkin.parser import Parser

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason})") from None
    try:
        document: Mapping[str, Any] = Parser().parse(text)
    except CompositeParserException as errors:
        raise _refusal(path, errors.errors[0]) from None
    except ParserException as error:
        raise _refusal(path, error) from None
    if "feature" not in document:
        raise InputError(f"{path}, line 1: no 'Feature:' in the file")
    return _feature(path, document["feature"])


def _refusal(path: Path, error: Any) -> InputError:
    line = error.location["line"]
    reason = str(error).split(": ", 1)[-1]  # without gherkin's "(line:column)"
    return InputError(f"{path}, line {line}: {' '.join(reason.split())}")


def _feature(path: Path, node: Mapping[str, Any]) -> Feature:
    background, scenarios, rules = None, [], []
    for child in node["children"]:
        if "background" in child:
            background = _background(child["background"])
        elif "scenario" in child:
            scenarios.append(_scenario(child["scenario"], (background,)))
        elif "rule" in child:
            rules.append(_rule(child["rule"], background))
    return Feature(
        **_tagged(node),
        path=path,
        language=node.get("language", "en"),
        background=background,
        scenarios=tuple(scenarios),
        rules=tuple(rules),
    )


def _rule(node: Mapping[str, Any], outer: Background | None) -> Rule:
    background, scenarios = None, []
    for child in node["children"]:
        if "background" in child:
            background = _background(child["background"])
        elif "scenario" in child:
            scenarios.append(_scenario(child["scenario"], (outer, background)))
    return Rule(
        **_tagged(node),
        background=background,
        scenarios=tuple(scenarios),
    )


def _scenario(
    node: Mapping[str, Any], backgrounds: tuple[Background | None, ...]
) -> Scenario:
    return Scenario(
        **_tagged(node),
        steps=tuple(_step(step) for step in node["steps"]),
        examples=tuple(_examples(e) for e in node.get("examples", ())),
        backgrounds=tuple(b for b in backgrounds if b is not None),
    )


def _background(node: Mapping[str, Any]) -> Background:
    return Background(
        **_heading(node),
        steps=tuple(_step(step) for step in node["steps"]),
    )


def _examples(node: Mapping[str, Any]) -> Examples:
    header = node.get("tableHeader")
    return Examples(
        **_tagged(node),
        header=tuple(c["value"] for c in header["cells"]) if header else (),
        body=_table(node.get("tableBody", ())),
    )


def _step(node: Mapping[str, Any]) -> Step:
    table, doc = node.get("dataTable"), node.get("docString")
    return Step(
        keyword=node["keyword"].strip(),
        text=node["text"],
        line=node["location"]["line"],
        table=_table(table["rows"]) if table else None,
        doc_string=DocString(doc["content"], doc.get("mediaType") or "")
        if doc
        else None,
    )


def _table(rows: Any) -> Table:
    return Table(
        rows=tuple(tuple(cell["value"] for cell in row["cells"]) for row in rows),
        lines=tuple(row["location"]["line"] for row in rows),
    )


def _heading(node: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a Heading, from its node."""
    return {
        "keyword": node["keyword"],
        "name": node["name"],
        "description": _text(node["description"]),
        "line": node["location"]["line"],
    }


def _tagged(node: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a Tagged heading, from its node."""
    return {**_heading(node), "tags": tuple(t["name"] for t in node.get("tags", ()))}


def _text(description: str | None) -> str:
    # Gherkin keeps a description's indentation; what is left after it is meant.
    return textwrap.dedent(description or "").strip("\n")
