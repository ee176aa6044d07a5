"""Which files each chapter's outputs depend on (``analysis.site.dependencies``).

A small package in a temporary folder pins down the rules (relative imports,
imports inside functions, submodules imported by ``from``, run-time imports,
files read by name); the real library and chapters check that the graph
holds every module a chapter really imports, and that editing a module
changes the fingerprints of exactly the chapters whose code reaches it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import BOOK_DIR
from analysis.site import dependencies
from analysis.site.dependencies import (
    PACKAGE_DIR,
    REVIEWED_DYNAMIC,
    ImportGraph,
    chapter_fingerprints,
    chapter_inputs,
    chapter_modules,
    chapters_reaching,
    extension_modules,
    pages_fingerprint,
    pages_inputs,
    parse_imports,
    read_chapter,
)
from analysis.site.sphinx_downloads import chapter_sources

#: A package ``pkg`` exercising every way a module may reach another, or a file.
SMALL_PACKAGE = {
    "__init__.py": "",
    "a.py": "from . import b\n",
    "b.py": "def later():\n    from pkg.sub import c\n    return c\n",
    "sub/__init__.py": "",
    "sub/c.py": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..d import D\n"
        "TABLE = 'table.toml'\n"
    ),
    "sub/table.toml": "x = 1\n",
    "d.py": "class D: ...\n",
    "e.py": "'''Styled by notes.css (said, not read).'''\nfrom pkg import d\n",
    "notes.css": "p {}\n",
    "plugins/__init__.py": (
        "import importlib\ndef load(name):\n"
        "    return importlib.import_module(f'pkg.plugins.{name}')\n"
    ),
    "plugins/one.py": "",
    "anything.py": "import importlib\ndef load(name):\n    return importlib.import_module(name)\n",
    "uses_anything.py": "from pkg import anything\n",
    "broken.py": "def broken(:\n",
    "uses_broken.py": "import pkg.broken\n",
}


@pytest.fixture
def small_graph(tmp_path: Path) -> ImportGraph:
    for name, text in SMALL_PACKAGE.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return ImportGraph.scan(tmp_path / "pkg")


def test_closure_follows_relative_nested_and_type_checking_imports(small_graph: ImportGraph) -> None:
    assert small_graph.closure({"pkg.a"}) == {"pkg", "pkg.a", "pkg.b", "pkg.sub", "pkg.sub.c", "pkg.d"}
    # ``from pkg import d`` imports the submodule d, not just the package.
    assert small_graph.closure({"pkg.e"}) == {"pkg", "pkg.e", "pkg.d"}
    # A name inside a module counts as its module.
    assert small_graph.closure({"pkg.d.D"}) == {"pkg", "pkg.d"}


def test_runtime_imports_with_a_literal_prefix_reach_every_module_under_it(
    small_graph: ImportGraph,
) -> None:
    assert small_graph.closure({"pkg.plugins"}) == {"pkg", "pkg.plugins", "pkg.plugins.one"}


@pytest.mark.parametrize("module", ["pkg.uses_anything", "pkg.uses_broken"])
def test_unknowable_imports_reach_everything(small_graph: ImportGraph, module: str) -> None:
    assert small_graph.closure({module}) == set(small_graph.files)


def test_a_file_is_read_by_the_modules_naming_it_or_else_by_all(small_graph: ImportGraph) -> None:
    root = small_graph.files["pkg"].parent
    assert small_graph.readers[root / "sub" / "table.toml"] == {"pkg.sub.c"}
    # Named only in a docstring: who reads it is unknown, so every module does.
    assert small_graph.readers[root / "notes.css"] == set(small_graph.files)
    assert root / "sub" / "table.toml" in small_graph.input_files(small_graph.closure({"pkg.a"}))
    assert root / "sub" / "table.toml" not in small_graph.input_files(small_graph.closure({"pkg.e"}))


def test_reviewed_runtime_imports_are_still_runtime_imports() -> None:
    """Each exception names a module that does import at run time: none is left over."""
    graph = ImportGraph.scan()
    for module in REVIEWED_DYNAMIC:
        path = graph.files[module]
        assert parse_imports(path.read_text(encoding="utf-8"), module).anything, module


@pytest.fixture(scope="module")
def chapters() -> dict[Path, object]:
    return {source: read_chapter(source) for source in chapter_sources()}


def test_the_graph_holds_every_library_module_a_chapter_really_imports(
    chapters: dict[Path, object], tmp_path: Path
) -> None:
    """Run the code of the chapter with the fewest modules and compare with its static closure."""
    graph = ImportGraph.scan()
    source = min(chapters, key=lambda s: (len(chapter_modules(chapters[s], graph)), s.name))
    code = "\n".join(c.source for c in chapters[source].cells if c.cell_type == "code")  # type: ignore[attr-defined]
    script = tmp_path / "run.py"
    script.write_text(
        code + "\nimport json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'analysis' or m.startswith('analysis.'))))\n"
    )
    result = subprocess.run([sys.executable, str(script)], cwd=BOOK_DIR, capture_output=True, text=True,
                            check=True, timeout=300)
    imported = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert imported, "the chapter's code imported nothing from the library"
    assert imported <= chapter_modules(chapters[source], graph), imported - chapter_modules(
        chapters[source], graph)


def _copy_library(tmp_path: Path) -> Path:
    copy = tmp_path / "analysis"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_editing_a_module_changes_the_fingerprints_of_the_chapters_that_reach_it(
    chapters: dict[Path, object], tmp_path: Path
) -> None:
    copy = _copy_library(tmp_path)
    graph = ImportGraph.scan(copy)
    reach = chapters_reaching(chapters, graph)
    leaf = min(m for m in graph.files if len(reach[m]) == 1)
    shared = max((m for m in graph.files if 1 < len(reach[m]) < len(chapters)),
                 key=lambda m: (len(reach[m]), m))
    unread = min(m for m in graph.files if not reach[m])
    before = chapter_fingerprints(chapters, graph)
    for module in (leaf, shared, unread):
        with graph.files[module].open("a", encoding="utf-8") as handle:
            handle.write("\n# edited\n")
        after = chapter_fingerprints(chapters, ImportGraph.scan(copy))
        assert {Path(c).stem for c in after if after[c] != before[c]} == reach[module], module
        before = after


def test_sphinx_only_files_are_no_chapter_input_but_change_the_pages(
    chapters: dict[Path, object],
) -> None:
    graph = ImportGraph.scan()
    extensions = graph.closure(extension_modules())
    only_sphinx = set(pages_inputs(graph)) - {
        path for notebook in chapters.values() for path in chapter_inputs(notebook, graph)
    }
    # Every extension's own file, and the files (style sheets, scripts) that only
    # modules no chapter reaches read.
    for module in extension_modules():
        assert graph.files[module] in only_sphinx or any(
            module in chapter_modules(nb, graph) for nb in chapters.values()
        )
    reached = {m for notebook in chapters.values() for m in chapter_modules(notebook, graph)}
    statics = [p for p, readers in graph.readers.items() if readers <= extensions - reached]
    assert statics and set(statics) <= only_sphinx


def test_a_data_change_changes_every_chapter_and_the_pages(
    chapters: dict[Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "datapackage"
    shutil.copytree(dependencies.DATAPACKAGE_DIR, package)
    monkeypatch.setattr(dependencies, "DATAPACKAGE_DIR", package)
    graph = ImportGraph.scan()
    before, pages = chapter_fingerprints(chapters, graph), pages_fingerprint(graph)
    table = sorted((package / "data").glob("*.csv"))[0]
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = chapter_fingerprints(chapters, graph)
    assert all(after[c] != before[c] for c in before)
    assert pages_fingerprint(graph) != pages
