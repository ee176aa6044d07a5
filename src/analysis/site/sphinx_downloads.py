"""Local Sphinx extension: the book's downloads.

Writes into the built site's ``_static/downloads/``:

* ``russia-iran-relations-datapackage.zip`` — the whole data package
  (descriptor, tables, README, CHANGELOG), byte-identical between builds
  (fixed timestamps, sorted entries);
* ``notebooks/<chapter>.ipynb`` — each chapter as a Jupyter notebook without
  outputs, converted from its MyST source with jupytext; run it from a clone
  of the repository with the project's environment.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from analysis.paths import BOOK_DIR, DATAPACKAGE_DIR

ZIP_NAME = "russia-iran-relations-datapackage.zip"
_EPOCH = (2026, 1, 1, 0, 0, 0)


def package_files(package_dir: Path = DATAPACKAGE_DIR) -> list[Path]:
    """Return the files of the data package that go into the zip, sorted."""
    keep = {"datapackage.json", "README.md", "CHANGELOG.md"}
    files = [p for p in package_dir.iterdir() if p.is_file() and p.name in keep]
    files += [p for p in (package_dir / "data").glob("*.csv")]
    return sorted(files)


def write_package_zip(target: Path, package_dir: Path = DATAPACKAGE_DIR) -> Path:
    """Write the package as a deterministic zip at ``target`` and return it.

    Examples
    --------
    >>> import tempfile, zipfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "p.zip"
    >>> names = zipfile.ZipFile(write_package_zip(out)).namelist()
    >>> "russia-iran-relations/datapackage.json" in names
    True
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in package_files(package_dir):
            name = f"russia-iran-relations/{path.relative_to(package_dir).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    temporary.replace(target)
    return target


def write_notebook(source: Path, target: Path) -> Path:
    """Convert one MyST chapter to an ``.ipynb`` without outputs."""
    import jupytext

    notebook = jupytext.read(source)
    notebook.metadata.pop("jupytext", None)
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(notebook, target, fmt="ipynb")
    return target


def chapter_sources(book_dir: Path = BOOK_DIR) -> list[Path]:
    """Return the chapters that are notebooks (those with a kernelspec)."""
    return sorted(
        p for p in book_dir.glob("*.md") if "kernelspec:" in p.read_text(encoding="utf-8")[:600]
    )


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Write the package zip and the chapter notebooks into the site."""
    if exception is not None or app.builder.format != "html":
        return
    downloads = Path(app.outdir) / "_static" / "downloads"
    write_package_zip(downloads / ZIP_NAME)
    for source in chapter_sources():
        write_notebook(source, downloads / "notebooks" / f"{source.stem}.ipynb")


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add a link to the chapter's notebook at the end of every notebook chapter."""
    stems = {p.stem for p in chapter_sources()}
    folder, _, stem = pagename.rpartition("/")
    if folder != "book" or stem not in stems or "body" not in context:
        return
    href = f"{context['pathto']('_static', 1)}/downloads/notebooks/{stem}.ipynb"
    context["body"] += (
        '<p class="rir-notebook-download">'
        f'<a href="{href}" download>Download this chapter as a Jupyter notebook (.ipynb)</a>'
        " — it runs from a clone of the repository in the environment that "
        "<code>make book</code> creates.</p>"
    )


def setup(app: Any) -> dict[str, Any]:
    """Register the extension."""
    app.connect("html-page-context", on_page_context)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
