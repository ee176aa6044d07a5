"""What each chapter's outputs, and the pages Sphinx writes, are made from.

The execution cache keys a chapter by its code cells alone. Its outputs also
depend on the library modules the code imports, directly or through other
modules, on the files those modules read, on the data package and on the
installed environment. This module finds those files from the source, without
importing it:

* :class:`ImportGraph` reads every module of ``src/analysis`` with :mod:`ast`
  and records what it imports: ``import a.b``, ``from a import b`` (``b`` a
  submodule or a name), relative imports, imports inside functions or under
  ``TYPE_CHECKING``, and ``importlib.import_module`` with a literal name or a
  literal prefix (``f"analysis.ingest.{name}"`` imports every module under
  ``analysis.ingest``). A module that imports a name computed at run time, or
  that cannot be parsed, may reach anything: whatever imports it depends on
  every file of the library, unless :data:`REVIEWED_DYNAMIC` says why not.
* A file of the library that is not Python (a TOML table, a style sheet, a
  script) is read by the modules whose code holds its name in a string (not
  in a docstring or a comment); a file no module names is read by every module.
* :func:`chapter_modules` takes a chapter's code cells, read the way the
  execution cache reads them (:func:`read_chapter`), and returns the library
  modules they import, directly or not.

Fingerprints (:func:`digest`) are sha256 over file paths and bytes, so a
touched but unchanged file changes nothing.

Examples
--------
>>> graph = ImportGraph.scan()
>>> "analysis.paths" in graph.closure({"analysis.book"})
True
"""

from __future__ import annotations

import ast
import hashlib
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.paths import DATAPACKAGE_DIR, REPO_ROOT

#: The library's top-level package and its folder.
PACKAGE = "analysis"
PACKAGE_DIR = REPO_ROOT / "src" / PACKAGE

#: Modules whose run-time imports are known not to widen their importers' inputs, with the reason.
REVIEWED_DYNAMIC: Mapping[str, str] = {
    "analysis.provenance": (
        "resolve() imports the module of a function a Fact recorded from the function "
        "object itself, so the importer of that function already depends on its module"
    ),
}

#: Calls that import a module named by their first argument.
_NAMED_IMPORTS = {"import_module", "__import__", "run_module"}
#: Calls that run code from a path or a string: the code may import anything.
_OPAQUE_ATTRIBUTES = {"run_path", "spec_from_file_location", "exec_module"}
_OPAQUE_NAMES = {"exec", "eval", "compile"}

#: Folders never read as inputs: caches, the build, version control, the environment.
SKIPPED_PARTS = frozenset({"__pycache__", ".git", ".venv", "_build", ".pytest_cache",
                           ".hypothesis", ".mypy_cache", ".ruff_cache", ".ipynb_checkpoints"})


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    """Return the dotted name of the module in ``path``.

    >>> module_name(PACKAGE_DIR / "site" / "build.py")
    'analysis.site.build'
    >>> module_name(PACKAGE_DIR / "chapters" / "__init__.py")
    'analysis.chapters'
    """
    parts = [package_dir.name, *path.relative_to(package_dir).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _literal_prefix(node: ast.expr) -> tuple[str, bool] | None:
    """A call argument's literal text and whether it is whole; ``None`` if it has none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, True
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value, False
    return None


def _dynamic_call(node: ast.Call) -> str | None:
    """``"named"`` for a call importing a module by name, ``"opaque"`` for one running code, else ``None``."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in _NAMED_IMPORTS:
        return "named"
    if name in _OPAQUE_ATTRIBUTES or (isinstance(func, ast.Name) and name in _OPAQUE_NAMES):
        return "opaque"
    return None


@dataclass(frozen=True)
class ModuleImports:
    """What one module imports (dotted names, name prefixes, or anything) and the strings its code holds.

    ``strings`` leaves out documentation (docstrings and other bare string
    statements): a file named only there is not read.
    """

    names: frozenset[str]
    prefixes: frozenset[str]
    anything: bool
    strings: frozenset[str] = frozenset()


def parse_imports(source: str, module: str, is_package: bool = False) -> ModuleImports:
    """Return the imports of a module's ``source``, wherever they appear in it.

    >>> found = parse_imports("from . import b\\nfrom .c import d\\nimport x.y", "p.a")
    >>> sorted(found.names)
    ['p', 'p.b', 'p.c', 'p.c.d', 'x.y']
    >>> parse_imports("import importlib\\nimportlib.import_module(name)", "p.a").anything
    True
    >>> sorted(parse_imports("import_module(f'p.plugins.{n}')", "p.a").prefixes)
    ['p.plugins.']
    >>> parse_imports("def broken(:", "p.a").anything
    True
    >>> sorted(parse_imports("'Reads notes.txt.'\\nNAME = 'data.toml'", "p.a").strings)
    ['data.toml']
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ModuleImports(frozenset(), frozenset(), anything=True)
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    prefixes: set[str] = set()
    anything = False
    documentation: set[int] = set()
    strings: set[str] = set()
    for node in ast.walk(tree):  # breadth first: a statement comes before its string
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and id(node) not in documentation:
                strings.add(node.value)
        elif isinstance(node, ast.Expr):
            documentation.add(id(node.value))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call) and (kind := _dynamic_call(node)):
            literal = _literal_prefix(node.args[0]) if kind == "named" and node.args else None
            if literal is None or literal[0].startswith("."):
                anything = True
            elif literal[1]:
                names.add(literal[0])
            else:
                prefixes.add(literal[0])
    return ModuleImports(frozenset(names), frozenset(prefixes), anything, frozenset(strings))


@dataclass(frozen=True)
class ImportGraph:
    """The library's modules, what each imports of the library, and its other files.

    ``imports`` maps a module to the library modules it imports (with their
    parent packages, which Python runs first); ``open_ended`` holds the modules
    that may import any module; ``readers`` maps each non-Python file to the
    modules that read it.
    """

    files: Mapping[str, Path]
    imports: Mapping[str, frozenset[str]]
    open_ended: frozenset[str]
    readers: Mapping[Path, frozenset[str]]

    @classmethod
    def scan(cls, package_dir: Path = PACKAGE_DIR) -> ImportGraph:
        """Read every file under ``package_dir`` (a package named after its folder)."""
        files: dict[str, Path] = {}
        data: list[Path] = []
        for path in sorted(package_dir.rglob("*")):
            if not path.is_file() or SKIPPED_PARTS.intersection(path.relative_to(package_dir).parts):
                continue
            if path.suffix == ".py":
                files[module_name(path, package_dir)] = path
            else:
                data.append(path)
        imports: dict[str, frozenset[str]] = {}
        open_ended: set[str] = set()
        strings: dict[str, frozenset[str]] = {}
        for name, path in files.items():
            found = parse_imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
            strings[name] = found.strings
            targets = {m for raw in found.names for m in _resolve(raw, files)}
            targets |= {m for prefix in found.prefixes for m in files if m.startswith(prefix)}
            imports[name] = frozenset(targets - {name})
            if found.anything and name not in REVIEWED_DYNAMIC:
                open_ended.add(name)
        readers = {
            path: frozenset(n for n, held in strings.items() if any(path.name in s for s in held))
            or frozenset(files)
            for path in data
        }
        return cls(files, imports, frozenset(open_ended), readers)

    def closure(self, roots: Iterable[str]) -> frozenset[str]:
        """Return ``roots`` (library modules) and every library module they import, transitively.

        If any of them may import anything, that is every module of the library.
        """
        seen: set[str] = set()
        todo = [m for raw in roots for m in _resolve(raw, self.files)]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in self.open_ended:
                return frozenset(self.files)
            todo.extend(self.imports[name] - seen)
        return frozenset(seen)

    def input_files(self, modules: Iterable[str]) -> list[Path]:
        """Return the module files of ``modules`` and the other files they read, sorted."""
        wanted = set(modules)
        found = {self.files[m] for m in wanted}
        found |= {path for path, names in self.readers.items() if names & wanted}
        return sorted(found)

    def importers(self, module: str) -> frozenset[str]:
        """Return every library module whose closure holds ``module`` (itself included)."""
        return frozenset(name for name in self.files if module in self.closure({name}))


def _resolve(raw: str, files: Mapping[str, Path]) -> set[str]:
    """Map an imported dotted name to library modules: the longest module prefix and its parents.

    >>> sorted(_resolve("a.b.thing", {"a": Path(), "a.b": Path()}))
    ['a', 'a.b']
    >>> _resolve("pandas", {"a": Path()})
    set()
    """
    parts = raw.split(".")
    found: set[str] = set()
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        if name in files:
            found.add(name)
            found.update(p for p in (".".join(parts[:i]) for i in range(1, cut)) if p in files)
            break
    return found


def code_imports(code: Iterable[str]) -> frozenset[str] | None:
    """Return the names a notebook's code cells import; ``None`` if a cell cannot be read.

    Lines of IPython syntax (``%magic``, ``!shell``) are left out first.

    >>> sorted(code_imports(["%matplotlib inline\\nfrom analysis.chapters import arms"]))
    ['analysis.chapters', 'analysis.chapters.arms']
    >>> code_imports(["x = ("]) is None
    True
    """
    names: set[str] = set()
    for cell in code:
        lines = [line for line in cell.splitlines() if not line.lstrip().startswith(("%", "!"))]
        found = parse_imports("\n".join(lines), "__main__")
        if found.anything:
            return None
        names |= found.names
    return frozenset(names)


def read_chapter(source: Path) -> Any:
    """Return a chapter as a notebook, read as the execution cache reads it."""
    if source.suffix == ".ipynb":
        import nbformat

        return nbformat.read(source, as_version=4)
    from myst_nb.core.read import myst_nb_reader_plugin

    return myst_nb_reader_plugin(str(source))


def chapter_modules(notebook: Any, graph: ImportGraph) -> frozenset[str]:
    """Return every library module a chapter's code runs: its imports and theirs."""
    names = code_imports(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return frozenset(graph.files) if names is None else graph.closure(names)


def chapters_reaching(notebooks: Mapping[Path, Any], graph: ImportGraph) -> dict[str, frozenset[str]]:
    """Return, per library module, the chapters (by file stem) whose code reaches it."""
    closures = {source.stem: chapter_modules(notebook, graph) for source, notebook in notebooks.items()}
    return {m: frozenset(c for c, found in closures.items() if m in found) for m in graph.files}


def environment_lines() -> list[str]:
    """Describe the interpreter and the installed distributions (names and versions)."""
    lines = [sys.version, sys.prefix]
    for folder in sorted({p for p in sys.path if p.endswith("site-packages") and os.path.isdir(p)}):
        lines += sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-link", ".pth")))
    return lines


def shared_inputs() -> list[Path]:
    """Return the files every chapter reads besides the library: the package, the lock, the kit's list."""
    from analysis.release.kit import CHAPTER_READS

    files = tree_files(DATAPACKAGE_DIR)
    files += [REPO_ROOT / "requirements.lock", *(REPO_ROOT / name for name in CHAPTER_READS)]
    return files


def tree_files(root: Path, skipped: Iterable[str] = ()) -> list[Path]:
    """Return every file under ``root`` (or ``root`` itself), sorted, but caches and ``skipped`` top folders."""
    if root.is_file():
        return [root]
    top = set(skipped)
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        leave_out = SKIPPED_PARTS | top if folder == str(root) else SKIPPED_PARTS
        subfolders[:] = [d for d in subfolders if d not in leave_out and not d.startswith(".staging")]
        found += [Path(folder) / name for name in names]
    return sorted(found)


def digest(files: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """Return a sha256 over each file's path (relative to the repository if inside it) and bytes.

    A file that does not exist counts as missing, which is different from empty.
    """
    hashed = hashlib.sha256()
    for path in files:
        shown = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
        hashed.update(f"{shown}\0".encode())
        hashed.update(path.read_bytes() if path.is_file() else b"\0<missing>")
        hashed.update(b"\0")
    for line in extra:
        hashed.update(f"{line}\0".encode())
    return hashed.hexdigest()


def chapter_inputs(notebook: Any, graph: ImportGraph) -> list[Path]:
    """Return the files a chapter's outputs are made from, besides its own code and the environment."""
    return [*graph.input_files(chapter_modules(notebook, graph)), *shared_inputs()]


def chapter_fingerprints(notebooks: Mapping[Path, Any], graph: ImportGraph | None = None) -> dict[str, str]:
    """Return, per chapter (its path in the repository), a fingerprint of what its outputs are made from.

    ``notebooks`` maps each chapter's source to the notebook read from it
    (:func:`read_chapter`). The chapter's own code is not in the fingerprint:
    the execution cache keys on that.
    """
    graph = graph or ImportGraph.scan()
    environment = environment_lines()
    return {
        str(source.relative_to(REPO_ROOT)): digest(chapter_inputs(notebook, graph), environment)
        for source, notebook in notebooks.items()
    }


def extension_modules(config: Path = REPO_ROOT / "_config.yml") -> list[str]:
    """Return the library's Sphinx extensions that the book's configuration loads."""
    import yaml

    settings = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    listed = (settings.get("sphinx") or {}).get("extra_extensions") or []
    return [name for name in listed if name == PACKAGE or name.startswith(f"{PACKAGE}.")]


def pages_inputs(graph: ImportGraph) -> list[Path]:
    """Return the files Sphinx makes every page from, beyond each page's source and execution.

    The library code the Sphinx extensions run and the files it reads, the data
    package and lock file, the book's configuration and table of contents, and
    the book's other files (bibliography, images). Sphinx itself notices an
    edited page source; :mod:`analysis.site.build` a changed execution.
    """
    config = REPO_ROOT / "_config.yml"
    extensions = graph.closure(extension_modules(config))
    book = [p for p in tree_files(REPO_ROOT / "book") if p.suffix not in {".md", ".ipynb"}]
    return [*graph.input_files(extensions), *shared_inputs(), config, REPO_ROOT / "_toc.yml", *book]


def pages_fingerprint(graph: ImportGraph | None = None) -> str:
    """Return a fingerprint of :func:`pages_inputs` and the environment."""
    return digest(pages_inputs(graph or ImportGraph.scan()), environment_lines())


#: Folders of the repository that no stage of the build reads.
NOT_READ_BY_THE_BUILD = ("tests",)


def site_fingerprint(extra: Iterable[str] = ()) -> str:
    """Return a fingerprint of everything the published site is made from.

    Every file of the repository but caches, the build folder, the virtual
    environment and :data:`NOT_READ_BY_THE_BUILD`; the data package wherever
    it is; the environment; and the build's extra arguments. Cheap (no parsing),
    so that an up-to-date build can stop at once.
    """
    files = tree_files(REPO_ROOT, skipped=NOT_READ_BY_THE_BUILD)
    if not DATAPACKAGE_DIR.is_relative_to(REPO_ROOT):
        files += tree_files(DATAPACKAGE_DIR)
    return digest(files, [*environment_lines(), "arguments:", *extra])
