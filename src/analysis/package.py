"""The one loader of the data package.

:func:`load_package` validates ``datapackage/`` with Frictionless once per
process and returns every table as a typed :class:`pandas.DataFrame`. Nothing
else in the project reads the package's CSV files.

Run ``python -m analysis.package`` to validate the package and print a
one-line summary per table (``make validate``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.paths import DESCRIPTOR_PATH

#: pandas dtype for each Frictionless field type.
DTYPES: dict[str, str] = {
    "string": "string",
    "integer": "Int64",
    "year": "Int64",
    "number": "Float64",
    "boolean": "boolean",
}


class PackageInvalidError(ValueError):
    """The data package failed validation; the message lists the first errors."""


@dataclass(frozen=True)
class DataPackage(Mapping[str, pd.DataFrame]):
    """A validated data package: its descriptor and its tables by resource name.

    Behaves as a read-only mapping from resource name to DataFrame. Each access
    returns a copy, so callers cannot alter the cached tables, and is recorded in
    ``reads`` (``in`` too): the resources a page used (``analysis.book.glue_coverage``).
    """

    descriptor: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(repr=False)
    reads: set[str] = field(default_factory=set, repr=False, compare=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            raise KeyError(f"no resource {name!r} in the package; it has: {', '.join(sorted(self.tables))}")
        self.reads.add(name)
        return self.tables[name].copy()

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def resource(self, name: str) -> dict[str, Any]:
        """Return the descriptor of resource ``name``."""
        for resource in self.descriptor["resources"]:
            if resource["name"] == name:
                return resource
        raise KeyError(f"no resource {name!r} in the package")

    def field(self, resource: str, name: str) -> dict[str, Any]:
        """Return the schema entry of field ``name`` in ``resource``."""
        for entry in self.resource(resource)["schema"]["fields"]:
            if entry["name"] == name:
                return entry
        raise KeyError(f"no field {name!r} in resource {resource!r}")


#: Largest magnitude a number cell may have: pandas reads numbers as float64,
#: so a larger decimal (``1e400``) would become infinity.
FLOAT_LIMIT = 1.7976931348623157e308


def is_finite_number(value: Any) -> bool:
    """Return True when ``value`` is a finite number that fits a float64.

    The rule every number cell of the package obeys, in ``make data`` and in
    the loader alike: ``nan``, ``inf`` and ``1e400`` are refused (a minimum or
    maximum constraint alone does not catch NaN, which compares false).

    Examples
    --------
    >>> from decimal import Decimal
    >>> [is_finite_number(v) for v in (Decimal("1.5"), Decimal("NaN"), Decimal("-Infinity"), Decimal("1e400"))]
    [True, False, False, False]
    """
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return math.isfinite(number) and abs(number) <= FLOAT_LIMIT


def finite_numbers_check() -> Any:
    """Return a Frictionless check refusing non-finite cells of ``number`` fields.

    Used by :func:`validation_report`, hence by both the ingest's staged check
    and the loader. The error is a ``constraint-error`` whose note reads
    ``constraint "finite" is "true"``.
    """
    from frictionless import Check, errors

    class finite_numbers(Check):  # noqa: N801 - frictionless names checks in lower case
        type = "finite-numbers"
        Errors = [errors.ConstraintError]

        def validate_row(self, row: Any) -> Iterator[Any]:
            for number, entry in enumerate(row.fields, start=1):
                if entry.type != "number":
                    continue
                cell = row[entry.name]
                if cell is not None and not is_finite_number(cell):
                    raw = ["" if c is None else str(c) for c in row.cells]
                    yield errors.ConstraintError(  # the cell as written, not as parsed
                        note='constraint "finite" is "true"', cells=raw,
                        row_number=row.row_number, cell=raw[number - 1],
                        field_name=entry.name, field_number=number,
                    )

    return finite_numbers()


def validation_report(descriptor_path: Path) -> Any:
    """Validate a package with Frictionless and the package's own rules; return the report.

    The one validation both ``make data`` (on the staged package) and the
    loader run: the descriptor's schemas (types, constraints, keys) plus
    :func:`is_finite_number` on every number cell.
    """
    from frictionless import Checklist, Package

    return Package(str(descriptor_path)).validate(Checklist(checks=[finite_numbers_check()]))


def _location(file: str, resource: str | None = None, field: str | None = None,
              row: int | None = None, line: int | None = None) -> str:
    parts = [file]
    if resource:
        parts.append(f"resource {resource!r}")
    if line is not None:
        parts.append(f"line {line}")
    if row is not None:
        parts.append(f"row {row}")
    if field:
        parts.append(f"field {field!r}")
    return ", ".join(parts)


def read_descriptor(descriptor_path: Path) -> dict[str, Any]:
    """Read ``datapackage.json``, raising :class:`PackageInvalidError` on unreadable JSON.

    The message names the file, line and column of a syntax error.
    """
    try:
        text = descriptor_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackageInvalidError(f"{descriptor_path}: the package descriptor does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackageInvalidError(f"{descriptor_path}: cannot read the descriptor ({error})") from None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise PackageInvalidError(
            f"{descriptor_path}, line {error.lineno}, column {error.colno}: "
            f"malformed JSON: {error.msg}"
        ) from None
    if not isinstance(descriptor, dict):
        raise PackageInvalidError(f"{descriptor_path}: the descriptor is not a JSON object")
    return descriptor


def header_errors(found: list[str], expected: list[str]) -> list[tuple[str, str]]:
    """Compare a CSV header with the schema's field names; return (field, message) pairs.

    Missing fields are named first (with the unexpected label found in their
    place, when there is one), then extra columns, then columns out of order,
    so a dropped or renamed column is blamed on itself, not on its neighbours.

    Examples
    --------
    >>> header_errors(["a", "c"], ["a", "b", "c"])
    [('b', "column 'b' is missing from the header (2 columns, the schema has 3 fields)")]
    >>> header_errors(["a", "x", "c"], ["a", "b", "c"])
    [('b', "column 'b' is missing from the header (found 'x' in its place)")]
    >>> header_errors(["a", "c", "b"], ["a", "b", "c"])
    [('b', "column 2 is 'c' where 'b' was expected (columns out of order)")]
    """
    missing = [name for name in expected if name not in found]
    extra = [name for name in found if name not in expected]
    problems: list[tuple[str, str]] = []
    for name in missing:
        position = expected.index(name)
        in_place = found[position] if position < len(found) else None
        if in_place in extra:
            problems.append((name, f"column {name!r} is missing from the header "
                                   f"(found {in_place!r} in its place)"))
        else:
            problems.append((name, f"column {name!r} is missing from the header "
                                   f"({len(found)} columns, the schema has {len(expected)} fields)"))
    renamed = {found[expected.index(n)] for n in missing if expected.index(n) < len(found)}
    for name in extra:
        if name not in renamed:
            problems.append((name, f"unexpected column {name!r} in the header, not a field "
                                   "of the schema"))
    if not problems and found != expected:
        for position, (seen, wanted) in enumerate(zip(found, expected, strict=False), 1):
            if seen != wanted:
                problems.append((wanted, f"column {position} is {seen!r} where {wanted!r} "
                                         "was expected (columns out of order)"))
                break
    return problems


def _field_problem(entry: Any) -> str | None:
    """Return why one field descriptor is invalid (type, constraints), or None."""
    from frictionless import Field, FrictionlessException

    if not isinstance(entry, dict):
        return "a field entry is not a JSON object"
    try:
        Field.from_descriptor(entry)
    except FrictionlessException as error:
        notes = [reason.note for reason in error.reasons] or [error.error.note or error.error.message]
        return "; ".join(notes)
    return None


def structure_errors(descriptor_path: Path, descriptor: Mapping[str, Any]) -> list[str]:
    """Check what Frictionless would report as a raw exception or a misleading error.

    Resources and their files, field descriptors (a type conflicting with its
    constraints), primary and foreign keys naming unknown fields or resources,
    and each CSV header against its schema. Each message names the file, the
    resource and the field.
    """
    shown = str(descriptor_path)
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return [f"{shown}: 'resources' must be a non-empty list"]
    messages: list[str] = []
    fields_of: dict[str, list[str]] = {}
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            messages.append(f"{shown}: resource {index + 1} has no name")
            continue
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list):
            messages.append(_location(shown, resource["name"]) + ": the schema has no 'fields' list")
            continue
        fields_of[resource["name"]] = [str(f.get("name")) for f in fields if isinstance(f, dict)]
    for resource in resources:
        if not isinstance(resource, dict) or resource.get("name") not in fields_of:
            continue
        name = resource["name"]
        schema = resource["schema"]
        names = fields_of[name]
        for entry in schema["fields"]:
            problem = _field_problem(entry)
            if problem:
                field_name = entry.get("name") if isinstance(entry, dict) else None
                messages.append(f"{_location(shown, name, field_name)}: {problem}")
        primary = schema.get("primaryKey", [])
        for key in [primary] if isinstance(primary, str) else primary:
            if key not in names:
                messages.append(f"{_location(shown, name, key)}: the primary key names "
                                "an unknown field")
        for foreign in schema.get("foreignKeys", []):
            own = foreign.get("fields", [])
            reference = foreign.get("reference", {})
            target = reference.get("resource", "")
            for key in [own] if isinstance(own, str) else own:
                if key not in names:
                    messages.append(f"{_location(shown, name, key)}: a foreign key names "
                                    "an unknown field")
            target_fields = names if target == "" else fields_of.get(target)
            if target_fields is None:
                messages.append(f"{_location(shown, name, ', '.join(own))}: a foreign key "
                                f"refers to the unknown resource {target!r}")
                continue
            theirs = reference.get("fields", [])
            for key in [theirs] if isinstance(theirs, str) else theirs:
                if key not in target_fields:
                    messages.append(f"{_location(shown, name, key)}: a foreign key refers to "
                                    f"field {key!r}, unknown in resource {target or name!r}")
        path = resource.get("path")
        if not isinstance(path, str) or not path:
            messages.append(f"{_location(shown, name)}: the resource has no 'path'")
            continue
        table = descriptor_path.parent / path
        if not table.is_file():
            messages.append(f"{_location(path, name)}: the resource file is missing "
                            f"(expected at {table})")
            continue
        try:
            with table.open(encoding=resource.get("encoding", "utf-8"), newline="") as handle:
                header = next(csv.reader(handle), [])
        except (OSError, UnicodeDecodeError, LookupError, csv.Error) as error:
            messages.append(f"{_location(path, name)}: cannot read the header ({error})")
            continue
        for field_name, problem in header_errors(header, names):
            messages.append(f"{_location(path, name, field_name, line=1)}: {problem}")
    return messages


def _cell_message(error: Any) -> str:
    """Word one Frictionless row or cell error, naming the value."""
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    match = re.fullmatch(r'constraint "(\w+)" is "(.*)"', note, flags=re.S)
    if error.type == "constraint-error" and match:
        name, value = match.groups()
        wording = {
            "finite": f"{cell!r} is not a finite number",
            "minimum": f"{cell!r} is below the minimum {value}",
            "maximum": f"{cell!r} is above the maximum {value}",
            "required": "required value is empty",
            "enum": f"{cell!r} is not one of {value}",
            "pattern": f"{cell!r} does not match the pattern {value!r}",
        }
        return f"{error.type}: " + wording.get(name, f"{cell!r} breaks the constraint {name} {value}")
    return f"{error.type}: {error.message}"


def validation_errors(descriptor_path: Path, limit: int = 20) -> list[str]:
    """Validate a package and return its first errors as text.

    The descriptor is read and its structure checked first (JSON syntax,
    resources, files, field types against constraints, keys, CSV headers
    against schemas), then Frictionless validates every cell with
    :func:`validation_report`. Each message names the file, resource, row or
    line, field and value. An empty list means the package is valid.
    """
    from frictionless import FrictionlessException

    try:
        descriptor = read_descriptor(descriptor_path)
    except PackageInvalidError as error:
        return [str(error)]
    structural = structure_errors(descriptor_path, descriptor)
    if structural:
        return structural[:limit]
    try:
        report = validation_report(descriptor_path)
    except FrictionlessException as error:
        return [f"{descriptor_path}: {error.error.type}: {error.error.message}"]
    messages: list[str] = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            name = getattr(error, "field_name", None)
            where = _location(str(task.place or task.name), task.name, name, row=row)
            messages.append(f"{where}: {_cell_message(error)}")
            if len(messages) >= limit:
                return messages
    for error in report.errors:
        messages.append(f"{descriptor_path}: {error.type}: {error.message}")
    return messages[:limit]


def read_table(base: Path, resource: Mapping[str, Any]) -> pd.DataFrame:
    """Read one resource's CSV with the dtypes its schema declares."""
    fields = resource["schema"]["fields"]
    missing = resource["schema"].get("missingValues", [""])
    text_dtypes = {f["name"]: "string" for f in fields}
    frame = pd.read_csv(
        base / resource["path"],
        dtype=text_dtypes,
        keep_default_na=False,
        na_values=missing,
        encoding=resource.get("encoding", "utf-8"),
    )
    for entry in fields:
        frame[entry["name"]] = _cast(frame[entry["name"]], entry)
    return frame


def _cast(column: pd.Series, entry: Mapping[str, Any]) -> pd.Series:
    kind = entry.get("type", "string")
    if kind == "boolean":
        mapping = {"true": True, "false": False}
        return column.map(mapping, na_action="ignore").astype("boolean")
    if kind in ("date", "datetime"):
        return pd.to_datetime(column, format="ISO8601")
    if kind in ("integer", "year", "number"):
        return pd.to_numeric(column).astype(DTYPES[kind])
    return column.astype("string")


#: Set by the book build to the fingerprint of the package it has just validated,
#: so the chapters' kernels do not validate the same bytes again.
VALIDATED_ENV = "RIR_VALIDATED_PACKAGE"


def package_fingerprint(descriptor_path: Path) -> str:
    """Return a sha256 over the descriptor and every resource file it names."""
    if not descriptor_path.is_file():
        return hashlib.sha256(b"<missing>").hexdigest()
    digest = hashlib.sha256(descriptor_path.read_bytes())
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return digest.hexdigest()  # validation names the fault
    resources = descriptor.get("resources", []) if isinstance(descriptor, dict) else []
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        path = descriptor_path.parent / str(resource.get("path", ""))
        digest.update(str(resource.get("path", "")).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def validate_package(descriptor_path: Path) -> str:
    """Validate a package, raising :class:`PackageInvalidError`; return its fingerprint.

    Validation is skipped only when ``RIR_VALIDATED_PACKAGE`` holds the
    fingerprint of these very bytes, set by the process that validated them.
    """
    fingerprint = package_fingerprint(descriptor_path)
    if os.environ.get(VALIDATED_ENV) == fingerprint:
        return fingerprint
    errors = validation_errors(descriptor_path)
    if errors:
        raise PackageInvalidError(
            f"{descriptor_path} is not a valid data package:\n  " + "\n  ".join(errors)
        )
    return fingerprint


@lru_cache(maxsize=4)
def _load(descriptor_path: Path) -> DataPackage:
    validate_package(descriptor_path)
    descriptor = read_descriptor(descriptor_path)
    base = descriptor_path.parent
    tables = {r["name"]: read_table(base, r) for r in descriptor["resources"]}
    return DataPackage(descriptor=descriptor, tables=tables)


def load_package(descriptor_path: Path | str = DESCRIPTOR_PATH) -> DataPackage:
    """Validate and load the data package (once per process and path).

    Parameters
    ----------
    descriptor_path
        The package's ``datapackage.json``; the project's own package by default.

    Returns
    -------
    DataPackage
        A mapping from resource name to a typed DataFrame (``Int64`` integers,
        ``Float64`` numbers, ``string`` text, ``boolean`` flags, ``datetime64``
        dates).

    Raises
    ------
    PackageInvalidError
        If Frictionless finds any error; the message names file, row and field.

    Examples
    --------
    >>> package = load_package()
    >>> transfers = package["arms_transfers"]
    >>> str(transfers["tiv"].dtype)
    'Float64'
    """
    return _load(Path(descriptor_path).resolve())


def main() -> int:
    """Validate the package and print a summary line per table."""
    import sys

    try:
        package = load_package()
    except PackageInvalidError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{DESCRIPTOR_PATH}: valid, version {package.descriptor['version']}")
    for name, table in package.tables.items():
        print(f"  {name}: {len(table):,} rows x {table.shape[1]} fields")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
