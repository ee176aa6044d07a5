"""The data package in other formats, each derived from its descriptor alone.

The CSV files and ``datapackage.json`` are the canonical package. Beside them
the release publishes, in a ``formats/`` folder:

* ``duckdb.sql``: one typed DuckDB view per resource over its CSV, with the
  paths relative to the package folder (run it from the folder that holds
  ``datapackage.json``: ``duckdb -init formats/duckdb.sql``);
* ``<resource>.parquet``: each table, written by DuckDB from those views;
* ``<package>.sqlite``: every table in one SQLite database with the
  descriptor's primary keys, unique and required fields, foreign keys and an
  index on every foreign key, ready for Datasette.

Every type, key and index comes from the descriptor (:data:`DUCKDB_TYPES`,
:data:`SQLITE_TYPES`): dates are ``DATE``, integers, numbers and booleans keep
their kind, strings are text. Rows keep the CSV's order. Two generations from
the same package give the same bytes: DuckDB runs on one thread and writes no
time into Parquet; SQLite is built with fixed pragmas and rows in order, then
vacuumed, and holds no time either.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.site.sphinx_vega import write_atomically

#: The folder of the formats, inside the package as published.
FORMATS_DIR = "formats"
#: The DuckDB script's file name.
DUCKDB_SQL = "duckdb.sql"

#: DuckDB type of each Frictionless field type.
DUCKDB_TYPES: dict[str, str] = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "year": "INTEGER",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
}

#: SQLite column type of each Frictionless field type (booleans are stored as
#: 0 and 1, dates and times as ISO 8601 text).
SQLITE_TYPES: dict[str, str] = {
    "string": "TEXT",
    "integer": "INTEGER",
    "year": "INTEGER",
    "number": "REAL",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "DATETIME",
}

#: The SQLite settings every build uses, so that two builds lay out the same pages.
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA page_size = 4096",
    "PRAGMA encoding = 'UTF-8'",
    "PRAGMA journal_mode = OFF",
    "PRAGMA auto_vacuum = NONE",
    "PRAGMA foreign_keys = ON",
)

#: Field properties of the descriptor that DuckDB's CSV reader cannot honour.
_UNSUPPORTED = ("format", "trueValues", "falseValues", "decimalChar", "groupChar", "bareNumber")


def quote_name(name: str) -> str:
    """Return ``name`` as a quoted SQL identifier.

    Examples
    --------
    >>> quote_name('a"b')
    '"a""b"'
    """
    return '"' + name.replace('"', '""') + '"'


def quote_text(text: str) -> str:
    """Return ``text`` as an SQL string literal.

    Examples
    --------
    >>> quote_text("it's")
    "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


def field_type(field: Mapping[str, Any], types: Mapping[str, str]) -> str:
    """Return the column type of one field from ``types``, refusing what a format cannot hold.

    Examples
    --------
    >>> field_type({"name": "day", "type": "date"}, DUCKDB_TYPES)
    'DATE'
    >>> field_type({"name": "x", "type": "geopoint"}, DUCKDB_TYPES)
    Traceback (most recent call last):
    ...
    ValueError: field 'x': type 'geopoint' has no column type here
    """
    kind = field.get("type", "string")
    if kind not in types:
        raise ValueError(f"field {field['name']!r}: type {kind!r} has no column type here")
    odd = [key for key in _UNSUPPORTED if key in field and field[key] != "default"]
    if odd:
        raise ValueError(f"field {field['name']!r}: {', '.join(odd)} not supported by the formats")
    return types[kind]


def key_fields(keys: str | Sequence[str] | None) -> list[str]:
    """Return a key's field names as a list (a key may be one name).

    Examples
    --------
    >>> key_fields("id"), key_fields(["a", "b"]), key_fields(None)
    (['id'], ['a', 'b'], [])
    """
    if keys is None:
        return []
    return [keys] if isinstance(keys, str) else list(keys)


def _name_list(names: Iterable[str]) -> str:
    return ", ".join(quote_name(name) for name in names)


def duckdb_view(resource: Mapping[str, Any]) -> str:
    """Return the statement creating the typed DuckDB view of one resource over its CSV.

    Examples
    --------
    >>> print(duckdb_view({"name": "a", "path": "data/a.csv", "schema": {
    ...     "fields": [{"name": "day", "type": "date"}], "missingValues": [""]}}))
    CREATE OR REPLACE VIEW "a" AS
    SELECT * FROM read_csv('data/a.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', encoding = 'utf-8', nullstr = [''],
        columns = {'day': 'DATE'});
    """
    schema = resource["schema"]
    columns = ", ".join(
        f"{quote_text(f['name'])}: {quote_text(field_type(f, DUCKDB_TYPES))}" for f in schema["fields"]
    )
    missing = ", ".join(quote_text(token) for token in schema.get("missingValues", [""]))
    options = (
        "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
        f"encoding = {quote_text(resource.get('encoding', 'utf-8'))}, nullstr = [{missing}]"
    )
    return (
        f"CREATE OR REPLACE VIEW {quote_name(resource['name'])} AS\n"
        f"SELECT * FROM read_csv({quote_text(resource['path'])}, {options},\n"
        f"    columns = {{{columns}}});"
    )


def duckdb_script(descriptor: Mapping[str, Any]) -> str:
    """Return ``duckdb.sql``: a typed view per resource, paths relative to the package folder."""
    title = descriptor.get("title") or descriptor.get("name", "")
    lines = [
        f"-- {title}, version {descriptor.get('version', '?')}: one typed view per table.",
        "-- Generated from datapackage.json. Run it from the folder that holds datapackage.json:",
        f"--   duckdb -init {FORMATS_DIR}/{DUCKDB_SQL}   (or .read {FORMATS_DIR}/{DUCKDB_SQL} in a DuckDB shell)",
        "-- Empty cells are NULL; dates are DATE, integers BIGINT, numbers DOUBLE.",
        "",
    ]
    for resource in descriptor["resources"]:
        lines += [f"-- {resource['name']}: {' '.join(str(resource.get('title', '')).split())}",
                  duckdb_view(resource), ""]
    return "\n".join(lines)


def sqlite_table(resource: Mapping[str, Any]) -> str:
    """Return the ``CREATE TABLE`` of one resource: types, required, unique and keys.

    Examples
    --------
    >>> print(sqlite_table({"name": "b", "schema": {"fields": [
    ...     {"name": "id", "type": "integer", "constraints": {"required": True}},
    ...     {"name": "a_id", "type": "string"}], "primaryKey": ["id"],
    ...     "foreignKeys": [{"fields": ["a_id"], "reference": {"resource": "a", "fields": ["id"]}}]}}))
    CREATE TABLE "b" (
        "id" INTEGER NOT NULL,
        "a_id" TEXT,
        PRIMARY KEY ("id"),
        FOREIGN KEY ("a_id") REFERENCES "a" ("id")
    )
    """
    schema = resource["schema"]
    parts = []
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        column = f"{quote_name(field['name'])} {field_type(field, SQLITE_TYPES)}"
        column += " NOT NULL" if constraints.get("required") else ""
        column += " UNIQUE" if constraints.get("unique") else ""
        parts.append(column)
    primary = key_fields(schema.get("primaryKey"))
    if primary:
        parts.append(f"PRIMARY KEY ({_name_list(primary)})")
    for foreign in schema.get("foreignKeys", []):
        reference = foreign["reference"]
        target = reference.get("resource") or resource["name"]
        parts.append(
            f"FOREIGN KEY ({_name_list(key_fields(foreign['fields']))}) "
            f"REFERENCES {quote_name(target)} ({_name_list(key_fields(reference['fields']))})"
        )
    body = ",\n    ".join(parts)
    return f"CREATE TABLE {quote_name(resource['name'])} (\n    {body}\n)"


def sqlite_indexes(resource: Mapping[str, Any]) -> list[str]:
    """Return an index on every foreign key not already led by the primary key's index.

    Examples
    --------
    >>> sqlite_indexes({"name": "b", "schema": {"primaryKey": ["x", "y"], "foreignKeys": [
    ...     {"fields": ["x"], "reference": {"resource": "a", "fields": ["x"]}},
    ...     {"fields": ["y"], "reference": {"resource": "c", "fields": ["y"]}}]}})
    ['CREATE INDEX "b_y" ON "b" ("y")']
    """
    schema = resource["schema"]
    primary = key_fields(schema.get("primaryKey"))
    statements = []
    for foreign in schema.get("foreignKeys", []):
        own = key_fields(foreign["fields"])
        if primary[: len(own)] == own:
            continue
        name = quote_name(f"{resource['name']}_{'_'.join(own)}")
        statements.append(f"CREATE INDEX {name} ON {quote_name(resource['name'])} ({_name_list(own)})")
    return statements


def sqlite_value(value: Any) -> Any:
    """Return a typed cell as SQLite stores it: booleans as 0/1, dates as ISO text.

    Examples
    --------
    >>> import datetime
    >>> sqlite_value(True), sqlite_value(datetime.date(2026, 1, 2)), sqlite_value(1.5)
    (1, '2026-01-02', 1.5)
    """
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def duckdb_connection(package_dir: Path, descriptor: Mapping[str, Any]) -> Any:
    """Return an in-memory DuckDB connection holding the package's views.

    Relative paths resolve against ``package_dir``; one thread and insertion
    order kept, so every read gives the CSV's rows in the CSV's order.
    """
    import duckdb

    connection = duckdb.connect(config={"threads": 1, "preserve_insertion_order": True})
    connection.execute(f"SET file_search_path = {quote_text(str(package_dir.resolve()))}")
    connection.execute(duckdb_script(descriptor))
    return connection


def write_parquet(connection: Any, resource: Mapping[str, Any], target: Path) -> Path:
    """Write one resource's view to a Parquet file (zstd) at ``target``."""
    connection.execute(
        f"COPY (SELECT * FROM {quote_name(resource['name'])}) TO {quote_text(str(target))} "
        "(FORMAT parquet, COMPRESSION zstd)"
    )
    return target


def write_sqlite(connection: Any, descriptor: Mapping[str, Any], target: Path) -> Path:
    """Write every resource into one SQLite database at ``target`` (which must not exist).

    Tables are created and filled in the descriptor's order, rows in the CSV's
    order, in one transaction whose foreign keys are checked at its end
    (``PRAGMA foreign_key_check``, whatever the order of the tables), then
    indexed and vacuumed.
    """
    database = sqlite3.connect(target, isolation_level=None)
    try:
        for pragma in SQLITE_PRAGMAS:
            database.execute(pragma)
        database.execute("BEGIN")
        database.execute("PRAGMA defer_foreign_keys = ON")
        for resource in descriptor["resources"]:
            database.execute(sqlite_table(resource))
            rows = connection.execute(f"SELECT * FROM {quote_name(resource['name'])}").fetchall()
            marks = ", ".join("?" for _ in resource["schema"]["fields"])
            database.executemany(
                f"INSERT INTO {quote_name(resource['name'])} VALUES ({marks})",
                ([sqlite_value(v) for v in row] for row in rows),
            )
            for statement in sqlite_indexes(resource):
                database.execute(statement)
        broken = database.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"foreign keys broken in the SQLite build: {broken[:5]}")
        database.execute("COMMIT")
        database.execute("VACUUM")
    finally:
        database.close()
    return target


def sqlite_name(descriptor: Mapping[str, Any]) -> str:
    """Return the SQLite file's name, from the package's name (``datapackage`` without one).

    Examples
    --------
    >>> sqlite_name({"name": "russia-iran-relations"}), sqlite_name({})
    ('russia-iran-relations.sqlite', 'datapackage.sqlite')
    """
    return f"{descriptor.get('name') or 'datapackage'}.sqlite"


def build_formats(package_dir: Path) -> dict[str, bytes]:
    """Return every format of the package in ``package_dir``: file name to bytes.

    The names are ``duckdb.sql``, ``<resource>.parquet`` for each resource and
    ``<package>.sqlite``, relative to the ``formats/`` folder.
    """
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    files: dict[str, bytes] = {DUCKDB_SQL: duckdb_script(descriptor).encode("utf-8")}
    connection = duckdb_connection(package_dir, descriptor)
    try:
        with tempfile.TemporaryDirectory(prefix="rir-formats-") as scratch:
            folder = Path(scratch)
            for resource in descriptor["resources"]:
                name = f"{resource['name']}.parquet"
                files[name] = write_parquet(connection, resource, folder / name).read_bytes()
            name = sqlite_name(descriptor)
            files[name] = write_sqlite(connection, descriptor, folder / name).read_bytes()
    finally:
        connection.close()
    return dict(sorted(files.items()))


def write_formats(package_dir: Path, out_dir: Path, files: Mapping[str, bytes] | None = None) -> list[Path]:
    """Write the formats (``files``, else :func:`build_formats`) into ``out_dir``; return them.

    Each file is written atomically; a Parquet or SQLite file of an earlier
    build that the package no longer has is removed.
    """
    files = build_formats(package_dir) if files is None else files
    written = []
    for name, data in files.items():
        write_atomically(out_dir / name, data)
        written.append(out_dir / name)
    for stale in [*out_dir.glob("*.parquet"), *out_dir.glob("*.sqlite")]:
        if stale.name not in files:
            stale.unlink()
    return written


def release_folder(package_dir: Path, folder: Path) -> Path:
    """Lay the package out in ``folder`` as its published zip unpacks; return ``folder``.

    The folder gets ``datapackage.json``, the CSV files under ``data/`` and
    every format under ``formats/`` (:func:`build_formats`), so that code
    written for the download runs unchanged against it.
    """
    descriptor_text = (package_dir / "datapackage.json").read_text(encoding="utf-8")
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(descriptor_text, encoding="utf-8")
    for resource in json.loads(descriptor_text)["resources"]:
        target = folder / resource["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((package_dir / resource["path"]).read_bytes())
    (folder / FORMATS_DIR).mkdir(exist_ok=True)
    write_formats(package_dir, folder / FORMATS_DIR)
    return folder
