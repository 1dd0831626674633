"""Dependencies point one way, cli -> adapters -> domain, and the domain is pure."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Third-party modules the model may use, besides the standard library.
DOMAIN_ALLOWED = ("pydantic", "eventsourcing.domain", "domain")
#: Standard modules that touch the outside world, which is the adapters' business.
STDLIB_FORBIDDEN = frozenset({"sqlite3", "dbm", "shelve"})


def python_files(package: str) -> list[Path]:
    """Every module of a top-level package of the project."""
    return sorted((ROOT / package).rglob("*.py"))


def imported_modules(source: str, package: str) -> set[str]:
    """The absolute names of the modules a source file imports, however it does.

    `from x import y` counts as importing both `x` and `x.y`, since `y` may be a
    module; relative imports are resolved against `package`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def is_under(module: str, parent: str) -> bool:
    """Whether `module` is `parent` or one of its submodules."""
    return module == parent or module.startswith(f"{parent}.")


def domain_may_import(module: str) -> bool:
    """Whether a module of `domain/` may import `module`."""
    top = module.split(".")[0]
    if top in STDLIB_FORBIDDEN:
        return False
    if top in sys.stdlib_module_names or top == "__future__":
        return True
    if top == "eventsourcing":
        # `from eventsourcing import domain` names eventsourcing.domain itself.
        return module == "eventsourcing" or is_under(module, "eventsourcing.domain")
    return any(is_under(module, allowed) for allowed in DOMAIN_ALLOWED)


def forbidden_in_domain(source: str, package: str = "domain") -> list[str]:
    """The imports of a domain module that reach outside the model."""
    return sorted(
        m for m in imported_modules(source, package) if not domain_may_import(m)
    )


def forbidden_from(source: str, package: str, banned: str) -> list[str]:
    """The imports of a module of `package` that reach into `banned`."""
    return sorted(m for m in imported_modules(source, package) if is_under(m, banned))


def package_of(path: Path) -> str:
    """The dotted name of the package a module file belongs to."""
    return ".".join(path.parent.relative_to(ROOT).parts)


def file_id(path: Path) -> str:
    """The path of a module relative to the project, as a test id."""
    return str(path.relative_to(ROOT))


DOMAIN_FILES = python_files("domain")
ADAPTER_FILES = python_files("adapters")


def test_the_layers_have_modules_to_check() -> None:
    assert len(DOMAIN_FILES) >= 5
    assert len(ADAPTER_FILES) >= 5
    assert python_files("cli")


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=file_id)
def test_domain_imports_only_the_standard_library_pydantic_and_itself(
    path: Path,
) -> None:
    assert forbidden_in_domain(path.read_text(), package_of(path)) == []


@pytest.mark.parametrize("path", ADAPTER_FILES, ids=file_id)
def test_adapters_never_import_the_cli(path: Path) -> None:
    assert forbidden_from(path.read_text(), package_of(path), "cli") == []


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=file_id)
def test_domain_never_imports_adapters_or_the_cli(path: Path) -> None:
    source, package = path.read_text(), package_of(path)
    assert forbidden_from(source, package, "adapters") == []
    assert forbidden_from(source, package, "cli") == []


#: What each package of the adapters must never import: the picture, the living
#: documentation and the web server never reach a store's write side, the read
#: model never the tracker, and nothing below the command line reaches what is
#: built on it (the web server is built on the read model and the picture).
BANNED: dict[str, tuple[str, ...]] = {
    "eventstore": (
        "adapters.packs",
        "adapters.evidence",
        "adapters.picture",
        "adapters.livingdocs",
        "adapters.web",
    ),
    "readmodel": (
        "adapters.eventstore.tracker",
        "adapters.eventstore.commands",
        "adapters.packs.seed",
        "adapters.evidence",
        "adapters.picture",
        "adapters.livingdocs",
        "adapters.web",
    ),
    "evidence": ("adapters.picture", "adapters.livingdocs", "adapters.web"),
    "packs": (
        "adapters.readmodel",
        "adapters.evidence",
        "adapters.picture",
        "adapters.livingdocs",
        "adapters.web",
    ),
    "picture": (
        "adapters.eventstore",
        "adapters.evidence",
        "adapters.livingdocs",
        "adapters.web",
    ),
    "livingdocs": (
        "adapters.eventstore",
        "adapters.readmodel",
        "adapters.evidence",
        "adapters.picture",
        "adapters.web",
    ),
    "web": (
        "adapters.eventstore.tracker",
        "adapters.eventstore.commands",
        "adapters.packs",
        "adapters.evidence",
        "adapters.livingdocs",
    ),
}
PACKAGE_FILES = [
    (package, path)
    for package in BANNED
    for path in python_files(f"adapters/{package}")
]


def test_each_adapter_package_has_modules_to_check() -> None:
    for package in BANNED:
        assert len(python_files(f"adapters/{package}")) >= 2, package


@pytest.mark.parametrize(
    ("package", "path"), PACKAGE_FILES, ids=[file_id(p) for _, p in PACKAGE_FILES]
)
def test_each_adapter_package_imports_only_in_its_direction(
    package: str, path: Path
) -> None:
    source, dotted = path.read_text(), package_of(path)
    for banned in BANNED[package]:
        assert forbidden_from(source, dotted, banned) == [], banned


def test_the_picture_importing_the_tracker_is_caught() -> None:
    source = "from adapters.eventstore.tracker import MissionTracker\n"
    found = forbidden_from(source, "adapters.picture", "adapters.eventstore")
    assert found == [
        "adapters.eventstore.tracker",
        "adapters.eventstore.tracker.MissionTracker",
    ]


COMMAND_FILES = [
    p for p in python_files("cli") if p.name not in ("main.py", "__main__.py")
]


@pytest.mark.parametrize("path", COMMAND_FILES, ids=file_id)
def test_no_command_module_imports_the_group_back(path: Path) -> None:
    """The group (cli.main) adds the commands; they never import it: no cycle."""
    assert forbidden_from(path.read_text(), package_of(path), "cli.main") == []


def test_the_cli_reaches_the_model_through_the_adapters() -> None:
    cli_imports = set().union(
        *(imported_modules(p.read_text(), package_of(p)) for p in python_files("cli"))
    )
    assert any(is_under(m, "adapters") for m in cli_imports)


# The checks themselves must be able to fail.


@pytest.mark.parametrize(
    "line",
    [
        "import click",
        "import orjson",
        "import sqlite3",
        "import psycopg",
        "from edtf import parse_edtf",
        "from platformdirs import user_data_path",
        "from adapters.dates import parse_edtf",
        "from cli.main import cli",
        "import eventsourcing.persistence",
        "from eventsourcing.application import Application",
        "from eventsourcing import persistence",
        "from ..adapters import tracker",
    ],
)
def test_a_forbidden_import_in_the_domain_is_caught(line: str) -> None:
    assert forbidden_in_domain(f"from __future__ import annotations\n{line}\n")


@pytest.mark.parametrize(
    "line",
    [
        "from datetime import date",
        "import collections.abc",
        "from pydantic import BaseModel",
        "from pydantic.functional_validators import field_validator",
        "from eventsourcing.domain import Aggregate",
        "from eventsourcing import domain",
        "from domain.events import StatusChanged",
        "from .events import StatusChanged",
        "from . import events",
    ],
)
def test_an_allowed_import_in_the_domain_passes(line: str) -> None:
    assert forbidden_in_domain(line) == []


def test_an_import_of_the_cli_hidden_in_a_function_is_caught() -> None:
    source = "def run() -> None:\n    from cli.output import table\n"
    assert forbidden_from(source, "adapters", "cli") == [
        "cli.output",
        "cli.output.table",
    ]


def test_an_import_of_the_cli_under_type_checking_is_caught() -> None:
    source = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import cli.main\n"
    )
    assert forbidden_from(source, "adapters", "cli") == ["cli.main"]
