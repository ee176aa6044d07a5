"""The site's downloads and chart exports, without building the book.

* the package zip holds exactly what the descriptor declares (plus descriptor,
  README, CHANGELOG and data licence), validates after unzipping, and its
  README names only files that are in it;
* notebooks and chart exports are byte-identical when written twice;
* exports are written atomically.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from analysis.ingest.package import VALIDATION_REPORT
from analysis.paths import BOOK_DIR, DATAPACKAGE_DIR, REPO_ROOT
from analysis.release import versions
from analysis.release.formats import DUCKDB_SQL, FORMATS_DIR, sqlite_name
from analysis.site.sphinx_downloads import (
    LICENCE_PATH,
    ZIP_ROOT,
    cell_id,
    chapter_sources,
    declared_paths,
    write_notebook,
    write_package_zip,
    zip_readme,
)
from analysis.site.sphinx_vega import export_chart, write_atomically
from analysis.site.svg_tidy import normalise_svg_ids

_URL = re.compile(r"<?https?://[^\s>)]+>?")
_FENCE = re.compile(r"```[a-z]*\n(.*?)```", re.S)
#: A file path in a README: any known file, or a format's file inside a folder
#: (``formats/duckdb.sql``, not the method call ``con.sql``).
_PATHLIKE = re.compile(
    r"(?<![\w./-])((?:[\w-]+/)*[\w.-]+\.(?:csv|json|md|txt|zip|py)"
    r"|(?:[\w-]+/)+[\w.-]+\.(?:parquet|sqlite|sql))\b"
)


def readme_paths(text: str) -> set[str]:
    """Return the file paths a README names in code: inline code and code blocks."""
    code = [m.group(1) for m in _FENCE.finditer(text)]
    prose = _FENCE.sub("", text)
    code += re.findall(r"`([^`\n]+)`", prose)
    return {p for chunk in code for p in _PATHLIKE.findall(_URL.sub("", chunk))}


@pytest.fixture()
def package_copy(tmp_path: Path) -> Path:
    """A copy of the data package with an undeclared CSV in ``data/``."""
    copy = tmp_path / "datapackage"
    shutil.copytree(DATAPACKAGE_DIR, copy, ignore=shutil.ignore_patterns(".staging*"))
    (copy / "data" / "undeclared.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (copy / "notes.txt").write_text("scratch\n", encoding="utf-8")
    return copy


def test_zip_holds_exactly_the_declared_package(package_copy: Path, tmp_path: Path) -> None:
    """The zip holds the package's declared files, the charts' view resources its own
    descriptor adds, one of each format per resource, and nothing undeclared."""
    own = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    archive = write_package_zip(tmp_path / "p.zip", package_copy)
    names = set(zipfile.ZipFile(archive).namelist())
    descriptor = json.loads(zipfile.ZipFile(archive).read(f"{ZIP_ROOT}/datapackage.json"))
    assert set(declared_paths(own)) <= set(declared_paths(descriptor))
    expected = {
        "datapackage.json",
        "README.md",
        "CHANGELOG.md",
        VALIDATION_REPORT,
        LICENCE_PATH.name,
        *declared_paths(descriptor),
        f"{FORMATS_DIR}/{DUCKDB_SQL}",
        f"{FORMATS_DIR}/{sqlite_name(descriptor)}",
        *(f"{FORMATS_DIR}/{r['name']}.parquet" for r in descriptor["resources"]),
        *versions.diff_members(package_copy),
    }
    assert names == {f"{ZIP_ROOT}/{name}" for name in expected}
    assert f"{ZIP_ROOT}/data/undeclared.csv" not in names
    opened = zipfile.ZipFile(archive)
    assert opened.read(f"{ZIP_ROOT}/{LICENCE_PATH.name}") == LICENCE_PATH.read_bytes()
    for declared in declared_paths(own):
        assert opened.read(f"{ZIP_ROOT}/{declared}") == (package_copy / declared).read_bytes()


def test_unzipped_package_validates_and_readme_names_only_its_files(
    package_copy: Path, tmp_path: Path
) -> None:
    from frictionless import Package

    archive = write_package_zip(tmp_path / "p.zip", package_copy)
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as opened:
        assert opened.testzip() is None
        opened.extractall(out)
    root = out / ZIP_ROOT
    report = Package(str(root / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    readme = (root / "README.md").read_text(encoding="utf-8")
    mentioned = readme_paths(readme)
    # It does name the tables, the descriptor and the licence ...
    assert {"datapackage.json", LICENCE_PATH.name, "CHANGELOG.md", VALIDATION_REPORT} <= mentioned
    assert {p for p in mentioned if p.startswith("data/")} == set(
        declared_paths(json.loads((root / "datapackage.json").read_text(encoding="utf-8")))
    )
    # ... every one of them is in the zip, and no repository path is left.
    missing = sorted(p for p in mentioned if not (root / p).is_file())
    assert not missing, f"README names files not in the zip: {missing}"
    assert "datapackage/" not in _URL.sub("", readme)
    assert "Information from the SIPRI Arms Transfers Database" in readme


def test_zip_readme_loading_examples_run(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pandas, frictionless, DuckDB and SQLite snippets of the README run in the unzipped folder."""
    archive = write_package_zip(tmp_path / "p.zip", package_copy)
    zipfile.ZipFile(archive).extractall(tmp_path)
    readme = (tmp_path / ZIP_ROOT / "README.md").read_text(encoding="utf-8")
    python = [m.group(1) for m in re.finditer(r"```python\n(.*?)```", readme, re.S)]
    sql = [m.group(1) for m in re.finditer(r"```sql\n(.*?)```", readme, re.S)]
    assert len(python) == 4 and sql
    assert any(f"{FORMATS_DIR}/{DUCKDB_SQL}" in snippet for snippet in python)
    monkeypatch.chdir(tmp_path / ZIP_ROOT)
    for snippet in python:
        exec(compile(snippet, "README.md", "exec"), {})  # noqa: S102
    duckdb = pytest.importorskip("duckdb")
    for query in sql:
        assert duckdb.sql(query).fetchall()


def test_zip_is_byte_identical_between_writes(tmp_path: Path) -> None:
    first = write_package_zip(tmp_path / "a" / "p.zip").read_bytes()
    second = write_package_zip(tmp_path / "b" / "p.zip").read_bytes()
    assert first == second
    assert not [p for p in (tmp_path / "a").iterdir() if p.name != "p.zip"]  # no temp left


def test_zip_refuses_a_missing_or_outside_declared_file(package_copy: Path, tmp_path: Path) -> None:
    (package_copy / "data" / "phases.csv").unlink()
    with pytest.raises(FileNotFoundError, match="phases.csv"):
        write_package_zip(tmp_path / "p.zip", package_copy)
    for bad in ("../x.csv", "/etc/passwd", "https://example.org/x.csv", "data//x.csv"):
        with pytest.raises(ValueError, match="not a relative path"):
            declared_paths({"resources": [{"name": "x", "path": bad}]})


def test_zip_readme_is_generated_from_the_descriptor() -> None:
    descriptor = {
        "title": "Tiny",
        "resources": [
            {"name": "a", "path": "data/a.csv", "title": "A | b", "licenses": [{"name": "CC0-1.0"}]},
            {"name": "b", "path": ["data/b1.csv", "data/b2.csv"]},
        ],
    }
    text = zip_readme(descriptor)
    assert text.startswith("# Tiny\n")
    assert readme_paths(text) >= {"data/a.csv", "data/b1.csv", "data/b2.csv"}
    assert "A \\| b" in text and "CC0-1.0" in text


# --- notebooks ---------------------------------------------------------------------------


def test_notebooks_are_byte_identical_with_valid_ids(tmp_path: Path) -> None:
    import nbformat

    for source in chapter_sources():
        first = write_notebook(source, tmp_path / "a" / f"{source.stem}.ipynb").read_bytes()
        second = write_notebook(source, tmp_path / "b" / f"{source.stem}.ipynb").read_bytes()
        assert first == second, source.name
        notebook = nbformat.reads(first.decode("utf-8"), as_version=4)
        nbformat.validate(notebook)
        ids = [cell["id"] for cell in notebook.cells]
        assert len(set(ids)) == len(ids)
        assert all(re.fullmatch(r"[A-Za-z0-9_-]{1,64}", i) for i in ids)
        assert (notebook.nbformat, notebook.nbformat_minor) >= (4, 5)
    assert list((tmp_path / "a").iterdir())  # the book has notebook chapters


def test_cell_ids_follow_position_and_content() -> None:
    assert cell_id("thaw", 0, "x") == cell_id("thaw", 0, "x")
    assert len({cell_id("thaw", 0, "x"), cell_id("thaw", 1, "x"), cell_id("thaw", 0, "y"),
                cell_id("arms", 0, "x")}) == 4
    assert len(cell_id("a" * 200, 999, "")) <= 64


def test_notebook_chapters_are_the_book_chapters() -> None:
    assert {p.parent for p in chapter_sources()} == {BOOK_DIR}
    assert REPO_ROOT in BOOK_DIR.parents


# --- chart exports -----------------------------------------------------------------------

_CLIPPED = {
    "data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 3}]},
    "mark": {
        "type": "area",
        "clip": True,
        "color": {
            "gradient": "radial",
            "stops": [{"offset": 0, "color": "white"}, {"offset": 1, "color": "red"}],
        },
    },
    "encoding": {
        "x": {"field": "a", "type": "quantitative"},
        "y": {"field": "b", "type": "quantitative"},
    },
    "width": 100,
    "height": 80,
}


def test_chart_exports_are_byte_identical(tmp_path: Path) -> None:
    """Vega numbers clip paths and gradients from counters that live as long as the
    process: the second export of one spec differs unless ids are renumbered."""
    export_chart(_CLIPPED, "c", tmp_path / "a")
    export_chart(_CLIPPED, "c", tmp_path / "b")
    for suffix in ("svg", "png", "json", "spec.js", "narrow.svg", "narrow.spec.js"):
        first = (tmp_path / "a" / f"c.{suffix}").read_bytes()
        assert first == (tmp_path / "b" / f"c.{suffix}").read_bytes(), suffix
    svg = (tmp_path / "a" / "c.svg").read_text(encoding="utf-8")
    assert 'id="clip1"' in svg and 'url(#clip1)' in svg
    assert 'id="gradient_1"' in svg and 'id="p_gradient_1"' in svg and "url(#p_gradient_1)" in svg
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "c.json", "c.narrow.spec.js", "c.narrow.svg", "c.png", "c.spec.js", "c.svg"]


#: A line with the invisible points a live chart highlights under the pointer.
_HOVER_POINTS = {
    "data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 3}, {"a": 3, "b": 1}]},
    "layer": [
        {"mark": "line", "encoding": {"x": {"field": "a", "type": "quantitative"},
                                      "y": {"field": "b", "type": "quantitative"}}},
        {"mark": {"type": "point", "opacity": 0}, "encoding": {
            "x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"},
            "tooltip": [{"field": "b"}]}},
        {"mark": {"type": "point", "fillOpacity": 0}, "encoding": {
            "x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"}}},
    ],
    "width": 100,
    "height": 80,
}


def test_chart_exports_leave_out_the_marks_no_still_image_shows(tmp_path: Path) -> None:
    """The transparent hover points are not in the SVG exports; the line and the outlined
    points (transparent fill, visible stroke) are."""
    export_chart(_HOVER_POINTS, "h", tmp_path)
    for name in ("h.svg", "h.narrow.svg"):
        svg = (tmp_path / name).read_text(encoding="utf-8")
        assert ' opacity="0"' not in svg, name
        line, hover, outlined = (svg.split(f"layer_{n}_marks", 1)[1].split("</g>", 1)[0] for n in range(3))
        assert line.count("<path") == 1, name
        assert hover.count("<path") == 0, name
        assert outlined.count('role="graphics-symbol"') == 3 == outlined.count('fill-opacity="0"'), name


def test_normalise_svg_ids_keeps_references_consistent() -> None:
    svg = (
        '<defs><clipPath id="clip12"><rect/></clipPath><linearGradient id="gradient_9"/>'
        '<clipPath id="clip4"/></defs><g clip-path="url(#clip4)"><path fill="url(#gradient_9)"/>'
        '<use xlink:href="#clip12"/></g><text>clip12 id="x"</text>'
    )
    out = normalise_svg_ids(svg)
    assert out == (
        '<defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="gradient_1"/>'
        '<clipPath id="clip2"/></defs><g clip-path="url(#clip2)"><path fill="url(#gradient_1)"/>'
        '<use xlink:href="#clip1"/></g><text>clip12 id="x"</text>'
    )
    assert normalise_svg_ids(out) == out


def test_write_atomically_leaves_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = tmp_path / "x.svg"
    write_atomically(target, b"old")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.svg"]  # no temporary file left
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new" and oct(target.stat().st_mode & 0o777) == "0o644"
