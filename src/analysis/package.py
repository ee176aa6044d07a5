"""The one loader of the data package.

:func:`load_package` validates ``datapackage/`` with Frictionless once per
process and returns every table as a typed :class:`pandas.DataFrame`. Nothing
else in the project reads the package's CSV files.

Run ``python -m analysis.package`` to validate the package and print a
one-line summary per table (``make validate``).
"""

from __future__ import annotations

import hashlib
import json
import os
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
    returns a copy, so callers cannot alter the cached tables.
    """

    descriptor: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name].copy()
        except KeyError:
            known = ", ".join(sorted(self.tables))
            raise KeyError(f"no resource {name!r} in the package; it has: {known}") from None

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


def validation_errors(descriptor_path: Path, limit: int = 20) -> list[str]:
    """Validate a package with Frictionless and return its first errors as text.

    Each message names the resource file, row and field. An empty list means
    the package is valid.
    """
    from frictionless import Package

    report = Package(str(descriptor_path)).validate()
    messages: list[str] = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            name = getattr(error, "field_name", None)
            where = ", ".join(
                part
                for part in (
                    str(task.place or task.name),
                    f"row {row}" if row is not None else "",
                    f"field {name!r}" if name else "",
                )
                if part
            )
            messages.append(f"{where}: {error.type}: {error.message}")
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
    digest = hashlib.sha256(descriptor_path.read_bytes())
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor.get("resources", []):
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
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
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
