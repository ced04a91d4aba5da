"""The layout's rules, checked on the source: small files, plumbing that knows no domain, a change
log below its writers and readers, domain packages that import only those below them, and rules
that need no database."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
MAX_LINES = 400
# The domain packages, lowest first: each may import only those before it.
DOMAINS = [
    "sources",
    "events",
    "claims",
    "statements",
    "reviews",
    "timelines",
    "comparisons",
    "provenance",
    "streams",
    "health",
    "web",
]


def _modules() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _domains_in(names: set[str]) -> set[str]:
    parts = [name.split(".") for name in names]
    return {part[1] for part in parts if len(part) > 1 and part[0] == "app" and part[1] in DOMAINS}


def _package(path: Path) -> str:
    return path.relative_to(APP).parts[0]


def test_no_file_in_app_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(APP)): lines
        for path in _modules()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize("package", ["kit", "changes", "models"])
def test_plumbing_and_the_change_log_import_no_domain(package: str) -> None:
    found = {
        str(path.relative_to(APP)): sorted(_domains_in(_imported(path)))
        for path in _modules()
        if _package(path) == package
    }
    assert {path: domains for path, domains in found.items() if domains} == {}


def test_domain_packages_import_only_those_below_them() -> None:
    upward = {}
    for path in _modules():
        package = _package(path)
        if package not in DOMAINS:
            continue
        above = set(DOMAINS[DOMAINS.index(package) + 1 :])
        if found := _domains_in(_imported(path)) & above:
            upward[str(path.relative_to(APP))] = sorted(found)
    assert upward == {}


def test_the_layout_test_sees_imports() -> None:
    # The checks above pass vacuously if imports are not seen: the statements' service imports
    # the claims' derived values and the change log.
    imported = _imported(APP / "statements" / "service.py")
    assert "claims" in _domains_in(imported)
    assert "app.changes" in imported


def test_rules_import_nothing_of_the_database() -> None:
    rules = [
        "app.enums",
        "app.text",
        "app.claims.rules",
        "app.comparisons.rules",
        "app.comparisons.echoes",
        "app.statements.wording",
    ]
    code = (
        f"import sys\nfor name in {rules!r}: __import__(name)\n"
        "print(sorted(m for m in ('sqlalchemy', 'asyncpg', 'fastapi', 'aiosqlite', 'starlette')"
        " if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"
