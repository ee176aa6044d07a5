"""The package's formats, read back as a user reads them from the unzipped release.

Every resource, read through pandas (the CSV, with the loader), frictionless
(the descriptor), DuckDB (the views of ``formats/duckdb.sql``, run from the
unzipped folder, and the Parquet files) and SQLite, has the same rows, the same
columns and corresponding types. The SQLite file declares the descriptor's
keys and indexes every foreign key. Two generations, in two processes, give the
same bytes.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analysis import package as loader
from analysis.paths import DATAPACKAGE_DIR
from analysis.release.formats import DUCKDB_SQL, FORMATS_DIR, build_formats, sqlite_name, write_formats
from analysis.site.sphinx_downloads import ZIP_ROOT, write_package_zip

duckdb = pytest.importorskip("duckdb")

#: What each Frictionless type becomes in pandas, DuckDB (views and Parquet),
#: SQLite and frictionless's Python values: the correspondence the formats promise.
CORRESPONDING: dict[str, dict[str, Any]] = {
    "string": {"pandas": "string", "duckdb": "VARCHAR", "sqlite": "TEXT", "python": str},
    "integer": {"pandas": "Int64", "duckdb": "BIGINT", "sqlite": "INTEGER", "python": int},
    "number": {"pandas": "Float64", "duckdb": "DOUBLE", "sqlite": "REAL", "python": decimal.Decimal},
    "boolean": {"pandas": "boolean", "duckdb": "BOOLEAN", "sqlite": "BOOLEAN", "python": bool},
    "date": {"pandas": "datetime64", "duckdb": "DATE", "sqlite": "DATE", "python": datetime.date},
}


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published zip, unzipped: the folder a user works in."""
    folder = tmp_path_factory.mktemp("release")
    archive = write_package_zip(folder / "package.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    return folder / ZIP_ROOT


@pytest.fixture(scope="module")
def descriptor(release: Path) -> dict[str, Any]:
    return json.loads((release / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def views(release: Path) -> Iterator[Any]:
    """A DuckDB connection that ran ``formats/duckdb.sql`` from the unzipped folder, as a user does."""
    import os

    here = Path.cwd()
    os.chdir(release)
    try:
        connection = duckdb.connect()
        connection.execute((release / FORMATS_DIR / DUCKDB_SQL).read_text(encoding="utf-8"))
        yield connection
    finally:
        os.chdir(here)
    connection.close()


@pytest.fixture(scope="module")
def database(release: Path, descriptor: dict[str, Any]) -> Iterator[sqlite3.Connection]:
    path = release / FORMATS_DIR / sqlite_name(descriptor)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    yield connection
    connection.close()


def _fields(resource: dict[str, Any]) -> list[dict[str, Any]]:
    return resource["schema"]["fields"]


def _plain(value: Any, kind: str) -> Any:
    """Return one cell as a plain Python value, whichever reader gave it."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if kind == "date":
        return value.date() if isinstance(value, (datetime.datetime, pd.Timestamp)) else (
            datetime.date.fromisoformat(value) if isinstance(value, str) else value)
    if kind == "boolean":
        return bool(value)
    if kind == "number":
        return float(value)
    if kind == "integer":
        return int(value)
    return str(value)


def _rows(rows: Any, resource: dict[str, Any]) -> list[tuple[Any, ...]]:
    kinds = [f["type"] for f in _fields(resource)]
    return [tuple(_plain(v, k) for v, k in zip(row, kinds, strict=True)) for row in rows]


def test_every_reader_finds_the_same_rows_columns_and_types(
    release: Path, descriptor: dict[str, Any], views: Any, database: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from frictionless import Package

    monkeypatch.delenv(loader.VALIDATED_ENV, raising=False)
    frames = loader.load_package(release / "datapackage.json")
    package = Package(str(release / "datapackage.json"))
    assert [r["name"] for r in descriptor["resources"]] == list(frames)
    for resource in descriptor["resources"]:
        name = resource["name"]
        names = [f["name"] for f in _fields(resource)]
        wanted = [CORRESPONDING[f["type"]] for f in _fields(resource)]
        quoted = f'"{name}"'
        parquet = f"'{release / FORMATS_DIR / name}.parquet'"

        frame = frames[name]
        assert list(frame.columns) == names
        assert [str(frame[c].dtype).split("[")[0] for c in names] == [w["pandas"] for w in wanted]

        typed = package.get_resource(name)
        assert [f.name for f in typed.schema.fields] == names
        rows = typed.read_rows()
        for row in rows:
            for field, want in zip(names, wanted, strict=True):
                assert row[field] is None or isinstance(row[field], want["python"]), (name, field)

        for relation in (quoted, parquet):
            described = views.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
            assert [(d[0], d[1]) for d in described] == [(n, w["duckdb"]) for n, w in zip(names, wanted)]

        columns = database.execute(f"PRAGMA table_info({quoted})").fetchall()
        assert [(c[1], c[2]) for c in columns] == [(n, w["sqlite"]) for n, w in zip(names, wanted)]

        # The same rows, cell for cell, from all five readings.
        expected = _rows([[row[n] for n in names] for row in rows], resource)
        assert len(expected) == len(frame) > 0
        assert _rows(frame.itertuples(index=False), resource) == expected, name
        assert _rows(views.execute(f"SELECT * FROM {quoted}").fetchall(), resource) == expected, name
        assert _rows(views.execute(f"SELECT * FROM {parquet}").fetchall(), resource) == expected, name
        assert _rows(database.execute(f"SELECT * FROM {quoted} ORDER BY rowid").fetchall(), resource) == expected


def test_sqlite_declares_the_descriptor_keys_and_indexes(
    descriptor: dict[str, Any], database: sqlite3.Connection
) -> None:
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = [r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert tables == [r["name"] for r in descriptor["resources"]]
    for resource in descriptor["resources"]:
        name, schema = resource["name"], resource["schema"]
        columns = database.execute(f'PRAGMA table_info("{name}")').fetchall()
        primary = [c[1] for c in sorted((c for c in columns if c[5]), key=lambda c: c[5])]
        assert primary == schema.get("primaryKey", []), name
        required = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")}
        assert {c[1] for c in columns if c[3]} == required, name
        declared = sorted(
            (fk["reference"]["resource"] or name, tuple(fk["fields"]), tuple(fk["reference"]["fields"]))
            for fk in schema.get("foreignKeys", [])
        )
        found: dict[int, list[Any]] = {}
        for row in database.execute(f'PRAGMA foreign_key_list("{name}")').fetchall():
            found.setdefault(row[0], []).append(row)
        listed = sorted(
            (rows[0][2], tuple(r[3] for r in rows), tuple(r[4] for r in rows)) for rows in found.values()
        )
        assert listed == declared, name
        # Every foreign key leads an index (its own, or the primary key's).
        leading = set()
        for index in database.execute(f'PRAGMA index_list("{name}")').fetchall():
            cols = [r[2] for r in database.execute(f'PRAGMA index_info("{index[1]}")').fetchall()]
            leading.update(tuple(cols[:n]) for n in range(1, len(cols) + 1))
        assert all(own in leading for _, own, _ in declared), name
    assert any(fk for r in descriptor["resources"] for fk in r["schema"].get("foreignKeys", []))


def test_a_broken_reference_is_found_by_sqlite(
    descriptor: dict[str, Any], release: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes((release / FORMATS_DIR / sqlite_name(descriptor)).read_bytes())
    with sqlite3.connect(copy) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE events SET phase_id = 'no_such_phase' WHERE rowid = 1")
        assert connection.execute("PRAGMA foreign_key_check").fetchall()[0][:3] == ("events", 1, "phases")


def _digests(folder: str) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in build_formats(Path(folder)).items()}


def test_two_generations_are_byte_identical(tmp_path: Path, release: Path, descriptor: dict[str, Any]) -> None:
    """Built twice, in this process and another, from the unzipped release, the formats are
    the same bytes, one per resource the release declares (the charts' views included), and
    they are the files the zip carries."""
    first = build_formats(release)
    assert set(first) == {DUCKDB_SQL, sqlite_name(descriptor), *(f"{r['name']}.parquet" for r in descriptor["resources"])}
    assert first == build_formats(release)
    script = ("import json, sys; from tests.test_release_formats import _digests; "
              "print(json.dumps(_digests(sys.argv[1])))")
    other = subprocess.run([sys.executable, "-c", script, str(release)], check=True, capture_output=True,
                           text=True, cwd=Path(__file__).resolve().parents[1])
    assert json.loads(other.stdout) == {name: hashlib.sha256(data).hexdigest() for name, data in first.items()}
    # The zip carries these very files.
    for name, data in first.items():
        assert (release / FORMATS_DIR / name).read_bytes() == data


def test_written_formats_replace_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / FORMATS_DIR
    out.mkdir()
    (out / "gone.parquet").write_bytes(b"old")
    written = write_formats(DATAPACKAGE_DIR, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    assert "gone.parquet" not in {p.name for p in written}


@pytest.mark.book
@pytest.mark.browser  # builds the book: not in the fast run (see pyproject.toml)
def test_the_site_serves_the_formats_and_report_the_zip_holds(built_book: Path) -> None:
    from analysis.ingest.package import VALIDATION_REPORT
    from analysis.site.sphinx_downloads import ZIP_NAME

    downloads = built_book / "_static" / "downloads"
    files = build_formats(DATAPACKAGE_DIR)
    served = {p.name: p.read_bytes() for p in (downloads / FORMATS_DIR).iterdir()}
    assert served == files
    report = (downloads / VALIDATION_REPORT).read_bytes()
    assert report == (DATAPACKAGE_DIR / VALIDATION_REPORT).read_bytes()
    with zipfile.ZipFile(downloads / ZIP_NAME) as opened:
        assert opened.read(f"{ZIP_ROOT}/{VALIDATION_REPORT}") == report
        for name, data in files.items():
            assert opened.read(f"{ZIP_ROOT}/{FORMATS_DIR}/{name}") == data
