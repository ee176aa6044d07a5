"""The house rules a newcomer relies on: small modules, tests that stand alone."""

from __future__ import annotations

import ast
from pathlib import Path

from analysis.paths import REPO_ROOT

#: The longest a module of the library may be.
MAX_MODULE_LINES = 500


def test_no_library_module_is_over_the_limit() -> None:
    long = {
        str(path.relative_to(REPO_ROOT)): length
        for path in sorted((REPO_ROOT / "src" / "analysis").rglob("*.py"))
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_no_test_module_imports_another() -> None:
    offenders = []
    for path in sorted((REPO_ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""] if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names] if isinstance(node, ast.Import)
                else []
            )
            offenders += [f"{path.name} imports {name}" for name in names if ".test_" in name or name.startswith("test_")]
    assert not offenders, offenders
