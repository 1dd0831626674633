"""Every feature file is bound to tests, so that no scenario goes unrun."""

from __future__ import annotations

import ast
import importlib
import re
from collections import Counter
from pathlib import Path

import pytest

FEATURES = Path(__file__).resolve().parent


def bound_features() -> set[str]:
    """The feature files named in a `scenarios(...)` call of a `test_*_bdd.py`."""
    bound: set[str] = set()
    for module in FEATURES.glob("test_*_bdd.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "scenarios"
            ):
                bound.update(
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                )
    return bound


def scenario_names(feature: Path) -> list[str]:
    """The names of a feature's scenarios and scenario outlines."""
    pattern = re.compile(r"^\s*Scenario(?: Outline| Template)?:\s*(.+?)\s*$", re.M)
    return pattern.findall(feature.read_text())


def feature_files() -> set[str]:
    """The names of the feature files."""
    return {path.name for path in FEATURES.glob("*.feature")}


def test_every_feature_file_is_bound_by_a_bdd_test_module() -> None:
    assert feature_files(), "no feature files found"
    assert feature_files() - bound_features() == set()


def test_every_bound_feature_file_exists() -> None:
    assert bound_features() - feature_files() == set()


def test_no_two_scenarios_of_a_feature_share_a_name() -> None:
    # pytest-bdd keys scenarios by name: a second one of the same name is never run.
    for feature in FEATURES.glob("*.feature"):
        names = scenario_names(feature)
        assert names, f"{feature.name} has no scenarios"
        repeated = [name for name, count in Counter(names).items() if count > 1]
        assert repeated == [], f"{feature.name} repeats {repeated}"


def test_every_bdd_test_module_runs_its_scenarios_on_every_store() -> None:
    # pytest-bdd asks for step fixtures only as steps run, too late for the `store`
    # fixture's parameters: each module names it for every scenario.
    for path in FEATURES.glob("test_*_bdd.py"):
        module = importlib.import_module(f"features.{path.stem}")
        found = getattr(module, "pytestmark", [])
        marks = found if isinstance(found, list) else [found]
        uses = pytest.mark.usefixtures("store")
        assert any(m.name == uses.name and m.args == uses.args for m in marks), path
