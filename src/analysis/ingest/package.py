"""Assemble the resources of every source into ``datapackage/``, atomically.

The package is first written to a staging folder and validated there with
Frictionless; only a package that validates replaces the published files, so
bad input never leaves a half-written ``datapackage/`` behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from analysis.ingest.base import Origin, Resource, format_table
from analysis.ingest.errors import IngestError

#: Frictionless v2 profile, validated from the copy bundled with frictionless.
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

#: Semantic version of the package; bump it and add to CHANGELOG.md on change.
VERSION = "0.1.0"

#: The tokens read as missing in every table.
MISSING_VALUES = [""]

PACKAGE_METADATA: dict[str, Any] = {
    "$schema": PROFILE,
    "name": "russia-iran-relations",
    "title": "Russia and Iran, 1979–2026: arms transfers, events and alignment",
    "description": (
        "Curated tables behind the report 'An alliance of necessity?': yearly arms "
        "transfers (SIPRI trend-indicator values, a volume index, not money) between "
        "the Soviet Union/Russia, Iran and their partners, deal-level transfers to and "
        "from Iran, a sourced timeline of the relationship, the phases of the essay's "
        "argument and the essay's checkable claims with verdicts, UN General Assembly "
        "voting agreement, formal alliance obligations and bilateral trade. Every "
        "table derived from a public source is rebuilt by code from the raw files "
        "recorded in `sources`; figures are our calculations from those sources."
    ),
    "version": VERSION,
    "homepage": "https://example.org/russia-iran-report",
    "keywords": [
        "Russia",
        "Iran",
        "Soviet Union",
        "arms transfers",
        "SIPRI",
        "alliances",
        "UN General Assembly voting",
        "international relations",
    ],
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 (tables we wrote: events, phases, claims)",
        }
    ],
    "contributors": [
        {
            "title": "Russia–Iran report team",
            "roles": ["creator"],
        }
    ],
}


def build_descriptor(
    resources: Sequence[Resource], origins: Iterable[Origin]
) -> dict[str, Any]:
    """Return the full package descriptor for ``resources``.

    Resource paths are ``data/<name>.csv``; each schema gains the package-wide
    ``missingValues``.
    """
    descriptor = dict(PACKAGE_METADATA)
    descriptor["sources"] = [o.as_source() for o in sorted(origins, key=lambda o: o.id)]
    descriptor["resources"] = []
    for resource in resources:
        entry: dict[str, Any] = {
            "name": resource.name,
            "type": "table",
            "path": f"data/{resource.name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
        }
        entry.update(resource.descriptor)
        schema = dict(entry["schema"])
        schema.setdefault("missingValues", MISSING_VALUES)
        entry["schema"] = schema
        descriptor["resources"].append(entry)
    return descriptor


def check_columns(resource: Resource) -> None:
    """Require the table's columns to be the schema's fields, in order."""
    expected = [f["name"] for f in resource.descriptor["schema"]["fields"]]
    actual = [str(c) for c in resource.table.columns]
    if expected != actual:
        raise IngestError(
            f"columns {actual} do not match the schema fields {expected}",
            path=f"data/{resource.name}.csv",
        )


def validate_package(descriptor_path: Path) -> None:
    """Validate a package with Frictionless, raising on the first errors.

    Raises
    ------
    IngestError
        Naming the resource file, row and field of the first error found.
    """
    from frictionless import Package  # local: keeps `import analysis` light

    report = Package(str(descriptor_path)).validate()
    if report.valid:
        return
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            raise IngestError(
                f"{error.type}: {error.message}",
                path=task.place or task.name,
                line=row,
                field=field,
            )
    first = report.errors[0] if report.errors else None
    raise IngestError(
        f"package invalid: {first.message if first else 'unknown error'}",
        path=descriptor_path,
    )


def write_package(
    resources: Sequence[Resource],
    origins: Iterable[Origin],
    out_dir: Path,
) -> Path:
    """Write ``resources`` as a validated package into ``out_dir``; return its descriptor path.

    Everything is written to a staging folder first and validated; only then are
    the files moved into ``out_dir``. On any error ``out_dir`` is untouched.
    """
    names = [r.name for r in resources]
    if len(set(names)) != len(names):
        raise IngestError(f"duplicate resource names in {names}", path=out_dir)
    for resource in resources:
        check_columns(resource)
    descriptor = build_descriptor(resources, origins)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        (staging / "data").mkdir()
        for resource in resources:
            text = format_table(resource.table)
            (staging / "data" / f"{resource.name}.csv").write_text(
                text, encoding="utf-8", newline="\n"
            )
        staged_descriptor = staging / "datapackage.json"
        staged_descriptor.write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        validate_package(staged_descriptor)
        (out_dir / "data").mkdir(exist_ok=True)
        for resource in resources:
            name = f"{resource.name}.csv"
            os.replace(staging / "data" / name, out_dir / "data" / name)
        os.replace(staged_descriptor, out_dir / "datapackage.json")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir / "datapackage.json"
