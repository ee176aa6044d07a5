"""Local Sphinx extension: the book's downloads.

Writes into the built site's ``_static/downloads/`` (under ``app.outdir``,
wherever that is):

* ``russia-iran-relations-datapackage.zip`` — the data package as published:
  exactly the descriptor, the files its resources declare, its validation
  report, the other formats generated from it (``formats/``: a Parquet file
  per table, one SQLite database and ``duckdb.sql``, see
  :mod:`analysis.release.formats`), a README written for the unzipped folder
  (generated from the descriptor), the CHANGELOG and the data licence
  (``LICENSE-DATA.md``). A file in ``datapackage/data/`` that no resource
  declares is not published. Byte-identical between builds (fixed timestamps
  and modes, sorted entries, reproducible formats).
* ``formats/<file>`` and ``validation-report.json`` — the same formats and
  report, served one by one.
* ``notebooks/<chapter>.ipynb`` — each chapter as a Jupyter notebook without
  outputs, converted from its MyST source with jupytext, with cell ids derived
  from the chapter, the cell's position and its source, so that two builds
  write the same bytes; run it beside the data package with the
  project's environment.

Every file is written through a temporary file and ``os.replace``.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from analysis.ingest.package import VALIDATION_REPORT
from analysis.paths import BOOK_DIR, DATAPACKAGE_DIR, REPO_ROOT
from analysis.release import versions
from analysis.release.formats import DUCKDB_SQL, FORMATS_DIR, build_formats, sqlite_name, write_formats
from analysis.site.sphinx_phases import expand as expand_phases
from analysis.site.sphinx_vega import write_atomically

ZIP_NAME = "russia-iran-relations-datapackage.zip"
#: The folder the zip unpacks into.
ZIP_ROOT = "russia-iran-relations"
#: The data licence, published with the package.
LICENCE_PATH = REPO_ROOT / "LICENSE-DATA.md"
#: Files of ``datapackage/`` published beside the declared ones (if present).
EXTRA_FILES = ("CHANGELOG.md", VALIDATION_REPORT)
_EPOCH = (2026, 1, 1, 0, 0, 0)
_CELL_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def declared_paths(descriptor: dict[str, Any]) -> list[str]:
    """Return the local paths the descriptor's resources declare, in order.

    A resource's ``path`` may be one path or a list (a multipart resource);
    inline resources (``data``) declare none. Anything that is not a plain
    relative path inside the package (a URL, an absolute path, ``..``) is an
    error: the zip could not hold it.

    Examples
    --------
    >>> declared_paths({"resources": [{"path": "data/a.csv"}, {"path": ["data/b1.csv", "data/b2.csv"]}, {"data": []}]})
    ['data/a.csv', 'data/b1.csv', 'data/b2.csv']
    >>> declared_paths({"resources": [{"name": "x", "path": "../secret.csv"}]})
    Traceback (most recent call last):
    ...
    ValueError: resource 'x' declares '../secret.csv', not a relative path inside the package
    """
    paths: list[str] = []
    for resource in descriptor.get("resources", []):
        declared = resource.get("path")
        if declared is None:
            continue
        for item in [declared] if isinstance(declared, str) else list(declared):
            pure = PurePosixPath(str(item))
            if (
                not isinstance(item, str)
                or "://" in item
                or "\\" in item
                or pure.is_absolute()
                or any(part in ("", ".", "..") for part in item.split("/"))
            ):
                raise ValueError(
                    f"resource {resource.get('name', '?')!r} declares {item!r}, "
                    "not a relative path inside the package"
                )
            paths.append(item)
    return paths


def package_files(package_dir: Path = DATAPACKAGE_DIR) -> list[Path]:
    """Return the files of ``package_dir`` that go into the zip, sorted.

    They are the descriptor, every declared resource file, the CHANGELOG and
    the validation report; the zip's README, licence and formats are added by
    :func:`package_members`.

    Examples
    --------
    >>> [p.name for p in package_files()][:2]
    ['CHANGELOG.md', 'alliances.csv']
    """
    descriptor_path = package_dir / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    files = {descriptor_path}
    for declared in declared_paths(descriptor):
        path = package_dir / declared
        if not path.is_file():
            raise FileNotFoundError(f"{descriptor_path}: declared resource file missing: {declared}")
        files.add(path)
    files.update(package_dir / name for name in EXTRA_FILES if (package_dir / name).is_file())
    return sorted(files)


def _cell(text: Any) -> str:
    """Return ``text`` fit for one cell of a Markdown table."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _licence_titles(licences: list[dict[str, Any]]) -> str:
    return "; ".join(_cell(lic.get("title") or lic.get("name") or "") for lic in licences) or "—"


def zip_readme(descriptor: dict[str, Any], licence_name: str = LICENCE_PATH.name) -> str:
    """Return the README of the zip, written for the unzipped folder.

    Generated from the descriptor: what is inside, how to load it with pandas,
    frictionless and DuckDB (paths relative to the folder), the licences and
    the credit owed to each source. It names no file outside the zip.

    Examples
    --------
    >>> text = zip_readme({"title": "T", "resources": [{"name": "a", "path": "data/a.csv"}]})
    >>> 'pd.read_csv("data/a.csv")' in text and "datapackage/" not in text
    True
    """
    resources = descriptor.get("resources", [])
    with_path = [r for r in resources if isinstance(r.get("path"), str)]
    example = with_path[0] if with_path else {"name": "<table>", "path": "data/<table>.csv"}
    title = descriptor.get("title") or descriptor.get("name") or "Data package"
    lines = [f"# {title}", ""]
    if descriptor.get("description"):
        lines += [descriptor["description"], ""]
    facts = []
    if descriptor.get("version"):
        facts.append(f"Version {descriptor['version']}")
    if descriptor.get("homepage"):
        facts.append(f"home page <{descriptor['homepage']}>")
    if facts:
        lines += ["; ".join(facts) + ".", ""]
    lines += [
        "This folder is a [Frictionless Data Package](https://datapackage.org/) (v2).",
        "`datapackage.json` documents every table and field (type, title, description,",
        "constraints), the sources with their releases and checksums, and the licences.",
        "All paths below are relative to this folder: run the examples from it.",
        "",
        "## What is inside",
        "",
        "| file | what it holds | licence |",
        "|---|---|---|",
        "| `README.md` | this file | — |",
        "| `datapackage.json` | the descriptor: tables, fields, sources, licences | — |",
    ]
    for resource in resources:
        declared = resource.get("path")
        paths = [declared] if isinstance(declared, str) else list(declared or [])
        licences = _licence_titles(resource.get("licenses") or descriptor.get("licenses", []))
        what = _cell(resource.get("title") or resource.get("name", ""))
        for path in paths:
            lines.append(f"| `{path}` | table `{resource.get('name', '')}`: {what} | {licences} |")
    lines += [
        "| `CHANGELOG.md` | changes between versions of the package | — |",
        f"| `{VALIDATION_REPORT}` | Frictionless's validation report of this package (JSON) | — |",
        f"| `{licence_name}` | the licences and terms of every table | — |",
    ]
    for resource in with_path:
        lines.append(f"| `{FORMATS_DIR}/{resource['name']}.parquet` | table `{resource['name']}` "
                     "as Parquet, typed | as its table |")
    lines += [
        f"| `{FORMATS_DIR}/{sqlite_name(descriptor)}` | every table in one SQLite database, with "
        "primary and foreign keys and indexes (opens in Datasette) | as each table |",
        f"| `{FORMATS_DIR}/{DUCKDB_SQL}` | typed DuckDB views over the CSV files | — |",
        "",
        "The CSV files and `datapackage.json` are the package; the Parquet, SQLite and DuckDB",
        "forms are generated from them, with the types, keys and indexes the descriptor",
        "declares (dates as dates, integers, numbers, booleans and text).",
        "",
    ]
    described = [r for r in resources if r.get("description")]
    if described:
        lines += ["## The tables", ""]
        for resource in described:
            lines += [f"### {resource.get('name', '')}", "", resource["description"], ""]
    name, path = example["name"], example["path"]
    lines += [
        "## Loading the package",
        "",
        "With pandas (plain CSV; the descriptor's types are not applied):",
        "",
        "```python",
        "import json",
        "",
        "import pandas as pd",
        "",
        f'{_identifier(name)} = pd.read_csv("{path}")',
        "",
        "# every table, keyed by its name",
        'with open("datapackage.json", encoding="utf-8") as f:',
        "    descriptor = json.load(f)",
        'tables = {r["name"]: pd.read_csv(r["path"]) for r in descriptor["resources"]}',
        "```",
        "",
        "With Frictionless (`pip install frictionless`), which checks every type,",
        "constraint and key the descriptor declares and reads typed rows:",
        "",
        "```bash",
        "frictionless validate datapackage.json",
        "```",
        "",
        "```python",
        "from frictionless import Package",
        "",
        'package = Package("datapackage.json")',
        f'rows = package.get_resource("{name}").read_rows()',
        "```",
        "",
        "With DuckDB, reading the CSV or the Parquet file:",
        "",
        "```sql",
        f"SELECT * FROM read_csv_auto('{path}') LIMIT 10;",
        f"SELECT * FROM '{FORMATS_DIR}/{name}.parquet' LIMIT 10;",
        "```",
        "",
        f"or with every table as a typed view (`{FORMATS_DIR}/{DUCKDB_SQL}`), from Python:",
        "",
        "```python",
        "import duckdb",
        "",
        "con = duckdb.connect()",
        f'with open("{FORMATS_DIR}/{DUCKDB_SQL}", encoding="utf-8") as f:',
        "    con.execute(f.read())",
        f'{_identifier(name)} = con.sql("SELECT * FROM {name}").df()',
        "```",
        "",
        f"or in the DuckDB shell: `duckdb -init {FORMATS_DIR}/{DUCKDB_SQL}`.",
        "",
        "With SQLite (the standard library), or `datasette "
        f"{FORMATS_DIR}/{sqlite_name(descriptor)}` to browse it:",
        "",
        "```python",
        "import sqlite3",
        "",
        "import pandas as pd",
        "",
        f'with sqlite3.connect("{FORMATS_DIR}/{sqlite_name(descriptor)}") as db:',
        f'    {_identifier(name)} = pd.read_sql("SELECT * FROM {name}", db)',
        "```",
        "",
        "## Licences and credit",
        "",
        "Each table has its own licence (the table above, and each resource's",
        f"`licenses` in `datapackage.json`); `{licence_name}` gives the terms in full.",
    ]
    if descriptor.get("licenses"):
        lines += ["Licences the descriptor declares for the package:", ""]
        for lic in descriptor["licenses"]:
            label = lic.get("title") or lic.get("name") or ""
            link = f" <{lic['path']}>" if lic.get("path") else ""
            lines.append(f"- {label}{link}")
    lines.append("")
    contributors = [c.get("title", "") for c in descriptor.get("contributors", []) if c.get("title")]
    if contributors:
        lines += [f"Compiled by {', '.join(contributors)}.", ""]
    sources = descriptor.get("sources", [])
    if sources:
        lines += ["Cite the sources of the tables you use:", ""]
        for source in sources:
            entry = f"- **{source.get('title', source.get('id', ''))}**."
            if source.get("citation"):
                entry += f" {source['citation']}"
            if source.get("license"):
                entry += f" Terms: {source['license']}"
            lines.append(entry)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _identifier(name: str) -> str:
    """Return ``name`` as a Python variable name."""
    ident = re.sub(r"\W+", "_", name).strip("_") or "table"
    return f"t_{ident}" if ident[0].isdigit() else ident


def published_formats(members: dict[str, bytes]) -> dict[str, bytes]:
    """Return the formats of the package as published (``members``, views included).

    The formats are built from a scratch copy of exactly the members, so that the
    zip's Parquet files, SQLite tables and DuckDB views cover every resource its
    descriptor declares, the charts' view resources with the package's own.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="rir-published-") as scratch:
        folder = Path(scratch)
        for name, data in members.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return build_formats(folder)


def package_members(
    package_dir: Path = DATAPACKAGE_DIR, licence: Path = LICENCE_PATH,
    formats: dict[str, bytes] | None = None, views: bool = True,
) -> dict[str, bytes]:
    """Return every member of the zip: its path inside ``ZIP_ROOT`` and bytes.

    ``formats`` are the files of ``formats/`` (:func:`analysis.release.formats.build_formats`
    of the members, built here when not given). With ``views`` (the published zip) the
    descriptor also declares each book chart as a view with a resource of its rows
    (:func:`analysis.release.views.add_views`); without (the reproduction kit) the package
    is exactly the one the chapters read.
    """
    from analysis.package import load_package
    from analysis.release.views import add_views

    members = {
        path.relative_to(package_dir).as_posix(): path.read_bytes()
        for path in package_files(package_dir)
    }
    if views:  # every book chart travels as a view reading a resource of the rows it draws
        members = add_views(members, load_package(package_dir / "datapackage.json"))
    descriptor = json.loads(members["datapackage.json"])
    formats = published_formats(members) if formats is None else formats
    members.update({f"{FORMATS_DIR}/{name}": data for name, data in formats.items()})
    members.update(versions.diff_members(package_dir))
    members["README.md"] = zip_readme(descriptor, licence.name).encode("utf-8")
    members[licence.name] = licence.read_bytes()
    return members


def write_package_zip(
    target: Path, package_dir: Path = DATAPACKAGE_DIR, licence: Path = LICENCE_PATH,
    formats: dict[str, bytes] | None = None,
) -> Path:
    """Write the package as a deterministic zip at ``target`` and return it.

    Examples
    --------
    >>> import tempfile, zipfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "p.zip"
    >>> names = zipfile.ZipFile(write_package_zip(out)).namelist()
    >>> "russia-iran-relations/datapackage.json" in names
    True
    """
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(package_members(package_dir, licence, formats).items()):
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{name}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    write_atomically(target, buffer.getvalue())
    return target


def cell_id(chapter: str, index: int, source: str) -> str:
    """Return a stable nbformat cell id for a chapter's ``index``-th cell.

    Examples
    --------
    >>> cell_id("thaw", 3, "x = 1")
    'thaw-003-d245a2a0'
    >>> bool(re.fullmatch(r"[A-Za-z0-9_-]{1,64}", cell_id("a b.c" * 30, 0, "")))
    True
    """
    slug = _CELL_ID_UNSAFE.sub("-", chapter).strip("-")[:40] or "cell"
    digest = hashlib.sha256(f"{chapter}\0{index}\0{source}".encode()).hexdigest()[:8]
    return f"{slug}-{index:03d}-{digest}"


def write_notebook(source: Path, target: Path) -> Path:
    """Convert one MyST chapter to an ``.ipynb`` without outputs, deterministically."""
    import jupytext

    notebook = jupytext.read(source)
    notebook.metadata.pop("jupytext", None)
    notebook.nbformat, notebook.nbformat_minor = 4, max(5, notebook.get("nbformat_minor", 0))
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":  # the phases' names, which Jupyter cannot substitute
            cell.source = expand_phases(cell.source)
        cell["id"] = cell_id(source.stem, index, cell.source)
    text = jupytext.writes(notebook, fmt="ipynb")
    write_atomically(target, text.encode("utf-8"))
    return target


def chapter_sources(book_dir: Path = BOOK_DIR) -> list[Path]:
    """Return the chapters that are notebooks (those with a kernelspec)."""
    return sorted(
        p for p in book_dir.glob("*.md") if "kernelspec:" in p.read_text(encoding="utf-8")[:600]
    )


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Write the package zip, its formats and report, and the chapter notebooks into the site."""
    if exception is not None or app.builder.format != "html":
        return
    downloads = Path(app.outdir) / "_static" / "downloads"
    formats = build_formats(DATAPACKAGE_DIR)
    write_formats(DATAPACKAGE_DIR, downloads / FORMATS_DIR, formats)
    report = DATAPACKAGE_DIR / VALIDATION_REPORT
    if report.is_file():  # written by the ingest (make data) beside the descriptor
        write_atomically(downloads / VALIDATION_REPORT, report.read_bytes())
    write_package_zip(downloads / ZIP_NAME, formats=formats)
    sources = chapter_sources()
    for source in sources:
        write_notebook(source, downloads / "notebooks" / f"{source.stem}.ipynb")
    # A chapter removed since an earlier build into the same folder is not published.
    wanted = {f"{source.stem}.ipynb" for source in sources}
    for stale in (downloads / "notebooks").glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add a link to the chapter's notebook at the end of every notebook chapter."""
    stems = {p.stem for p in chapter_sources()}
    folder, _, stem = pagename.rpartition("/")
    if folder != "book" or stem not in stems or "body" not in context:
        return
    href = f"{context['pathto']('_static', 1)}/downloads/notebooks/{stem}.ipynb"
    # On the data page itself Sphinx's pathto gives "#": link the section directly.
    guide = "#reusing-the-data"
    if pagename != "book/data":
        guide = f"{context['pathto']('book/data')}{guide}"
    context["body"] += (
        '<p class="rir-notebook-download">'
        f'<a href="{href}" download>Download this chapter as a Jupyter notebook (.ipynb)</a>'
        f' — how to run it is explained under <a href="{guide}">Reusing the data</a>.</p>'
    )


def setup(app: Any) -> dict[str, Any]:
    """Register the extension."""
    app.connect("html-page-context", on_page_context)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
