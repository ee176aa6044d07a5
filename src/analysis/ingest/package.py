"""Assemble the resources of every source into ``datapackage/``, atomically.

The complete package (descriptor, ``data/`` and the hand-written README and
CHANGELOG) is first written to a staging folder beside ``datapackage/`` and
validated there with the loader's own rules (:func:`analysis.package.validation_report`);
only a package that validates is then exchanged with the published folder in
one atomic step, so bad input or a crash never leaves a half-written or mixed
``datapackage/`` behind.

Every resource carries its ``$schema`` (the v2 data-resource profile), the
``bytes`` and ``hash`` (``sha256:<hex>``) of its file, computed from the staged
file, and ``categories`` with labels on its coded string fields. The validation
report of the staged package is published beside it as
``validation-report.json``, without its timings, so two runs give one file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.ingest.base import Origin, Resource, csv_records, format_table
from analysis.ingest.errors import IngestError
from analysis.ingest.metadata import PACKAGE_DATE, RESOURCE_PROFILE, with_categories
from analysis.phases import heading
from analysis.swap import swap_in

#: Frictionless v2 profile, validated from the copy bundled with frictionless.
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

#: Semantic version of the package; bump it and add to CHANGELOG.md on change.
VERSION = "0.6.1"

#: The validation report published beside the descriptor.
VALIDATION_REPORT = "validation-report.json"

#: Keys of the validation report that hold timings, removed so two runs agree.
TIMING_KEYS = frozenset({"seconds", "time"})

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
    "created": f"{PACKAGE_DATE}T00:00:00Z",
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


def known_labels(
    resources: Sequence[Resource], origins: Iterable[Origin]
) -> dict[str, dict[str, str]]:
    """Return the category labels the package itself supplies, keyed by field name.

    ``source_id`` values are labelled with their origin's title, ``chapter``
    values with the heading of the chapter's phase (as the book heads it),
    read from the ``phases`` table when the package has one.
    """
    labels = {"source_id": {origin.id: origin.title for origin in origins}}
    phases = next((r.table for r in resources if r.name == "phases"), None)
    if phases is not None and {"chapter", "title", "start_year", "end_year"} <= set(phases.columns):
        labels["chapter"] = {
            str(row.chapter): heading(str(row.title), int(row.start_year), int(row.end_year))
            for row in phases.itertuples()
        }
    return labels


def build_descriptor(
    resources: Sequence[Resource], origins: Iterable[Origin]
) -> dict[str, Any]:
    """Return the full package descriptor for ``resources``, before its integrity.

    Resource paths are ``data/<name>.csv``; each resource declares its
    ``$schema``; each schema gains the package-wide ``missingValues`` and
    ``categories`` on its coded string fields (:func:`known_labels`). The
    ``bytes`` and ``hash`` are added from the written files
    (:func:`with_integrity`).
    """
    origins = list(origins)
    labels = known_labels(resources, origins)
    descriptor = dict(PACKAGE_METADATA)
    descriptor["sources"] = [o.as_source() for o in sorted(origins, key=lambda o: o.id)]
    descriptor["resources"] = []
    for resource in resources:
        entry: dict[str, Any] = {
            "$schema": RESOURCE_PROFILE,
            "name": resource.name,
            "type": "table",
            "path": f"data/{resource.name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
        }
        entry.update(resource.descriptor)
        schema = with_categories(entry["schema"], labels)
        schema.setdefault("missingValues", MISSING_VALUES)
        entry["schema"] = schema
        descriptor["resources"].append(entry)
    return descriptor


def file_integrity(path: Path) -> dict[str, Any]:
    """Return the ``bytes`` and ``hash`` (Frictionless v2 ``sha256:<hex>``) of a file.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = path.write_text("a", encoding="utf-8")
    >>> file_integrity(path)
    {'bytes': 1, 'hash': 'sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'}
    """
    data = path.read_bytes()
    return {"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def with_integrity(descriptor: Mapping[str, Any], folder: Path) -> dict[str, Any]:
    """Return ``descriptor`` with each resource's ``bytes`` and ``hash`` from its file in ``folder``.

    The two keys follow ``encoding`` (or end the resource when it has none);
    earlier values are replaced.
    """
    resources = []
    for resource in descriptor["resources"]:
        facts = file_integrity(folder / resource["path"])
        entry: dict[str, Any] = {}
        for key, value in resource.items():
            if key not in facts:
                entry[key] = value
            if key == "encoding":
                entry.update(facts)
        entry.update({key: value for key, value in facts.items() if key not in entry})
        resources.append(entry)
    return {**descriptor, "resources": resources}


def _without_timings(value: Any) -> Any:
    """Return ``value`` (a report descriptor) without its :data:`TIMING_KEYS`, recursively."""
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [_without_timings(item) for item in value]
    return value


def report_json(report: Any) -> str:
    """Return a frictionless validation report as deterministic JSON text.

    Its descriptor, without timings (:data:`TIMING_KEYS`): the places are the
    resources' relative paths, so the text depends only on the package.
    """
    return json.dumps(_without_timings(report.to_descriptor()), indent=2, ensure_ascii=False) + "\n"


def check_columns(resource: Resource) -> None:
    """Require the table's columns to be the schema's fields, in order."""
    expected = [f["name"] for f in resource.descriptor["schema"]["fields"]]
    actual = [str(c) for c in resource.table.columns]
    if expected != actual:
        raise IngestError(
            f"columns {actual} do not match the schema fields {expected}",
            path=f"data/{resource.name}.csv",
        )


def _line_map(path: Path | None) -> list[int]:
    """Return the line each CSV record of ``path`` starts on (index 0: the header)."""
    try:
        return [r.line for r in csv_records(path.read_text(encoding="utf-8"))] if path else []
    except (OSError, UnicodeDecodeError):
        return []


def _constraint_message(cell: Any, note: str) -> str:
    """Say which constraint ``cell`` breaks, from frictionless's note."""
    match = re.fullmatch(r'constraint "(\w+)" is "(.*)"', note, flags=re.S)
    name, value = match.groups() if match else ("", note)
    messages = {
        "required": "required value is empty",
        "enum": f"{cell!r} is not one of {value}",
        "pattern": f"{cell!r} does not match the pattern {value!r}",
        "minimum": f"{cell} is below the minimum {value}",
        "maximum": f"{cell} is above the maximum {value}",
        "finite": f"{cell!r} is not a finite number",
    }
    return messages.get(name, f"{cell!r} breaks the constraint {name or note} {value}")


def _explain(error: Any, line_of: Callable[[int], int], schema: dict[str, Any]) -> tuple[str, str | None]:
    """Return the message and field of one frictionless error."""
    field = getattr(error, "field_name", None) or getattr(error, "label", None)
    cell = getattr(error, "cell", None)
    first = re.search(r"row at position (\d+)", getattr(error, "note", "") or "")
    earlier = f", first used on line {line_of(int(first[1]))}" if first else ""
    if error.type == "constraint-error":
        return _constraint_message(cell, error.note), field
    if error.type == "type-error":
        kind = error.note.removeprefix("type is ").strip('"').split("/")[0]
        return f"{cell!r} is not a valid {kind}", field
    if error.type == "unique-error":
        return f"duplicate value {cell!r}{earlier}", field
    if error.type == "primary-key":
        key = schema.get("primaryKey", [])
        names = [f["name"] for f in schema.get("fields", [])]
        value = "/".join(str(error.cells[names.index(k)]) for k in key if names.index(k) < len(error.cells))
        return f"duplicate key {value!r}{earlier}", ", ".join(key)
    if error.type == "foreign-key":
        value = "/".join(error.field_cells)
        target = error.reference_name or "this table"
        return (f"{value!r} is not a {'/'.join(error.reference_field_names)} in {target}",
                ", ".join(error.field_names))
    if error.type == "missing-cell":
        return f"row has {len(error.cells)} cells, the header {len(schema['fields'])}", field
    if error.type == "blank-row":
        return "blank line inside the table", None
    return f"{error.type}: {error.message}", field


def frictionless_error(
    report: Any, files: Mapping[str, Path], schemas: Mapping[str, dict[str, Any]],
    shown: Mapping[str, str | Path] | None = None,
) -> IngestError | None:
    """Translate the first error of a frictionless report into an IngestError.

    ``files`` maps each resource name to its CSV (to count lines, which differ
    from frictionless's row numbers when a cell spans lines), ``schemas`` to its
    table schema and ``shown`` to the path the message names (default: the file).
    Within a row, a structural error (missing or extra cell) is reported before
    the constraint errors it causes. None when the report is valid.
    """
    if report.valid:
        return None
    order = {"missing-cell": 0, "extra-cell": 0, "blank-row": 0}
    for task in report.tasks:
        if not task.errors:
            continue
        error = min(task.errors, key=lambda e: (getattr(e, "row_number", 0) or 0, order.get(e.type, 1)))
        lines = _line_map(files.get(task.name))
        def line_of(row: int) -> int:
            return lines[row - 1] if 0 < row <= len(lines) else row
        row = getattr(error, "row_number", None)
        message, field = _explain(error, line_of, schemas.get(task.name, {}))
        labelled = error.type.endswith("-label")
        return IngestError(
            message,
            path=(shown or {}).get(task.name, files.get(task.name, task.place or task.name)),
            line=1 if labelled else (line_of(row) if row else None),
            field=field,
        )
    first = report.errors[0] if report.errors else None
    return IngestError(f"package invalid: {first.message if first else 'unknown error'}", path="datapackage.json")


def check_staged_package(descriptor_path: Path) -> Any:
    """Validate a staged package with the loader's rules; return the (valid) report.

    The same checks as :func:`analysis.package.validation_errors`: the
    descriptor's structure, every schema constraint and finite numbers.

    Raises
    ------
    IngestError
        Naming the resource file (``data/<name>.csv``), line, field and value.
    """
    from analysis.package import structure_errors, validation_report

    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    structural = structure_errors(descriptor_path, descriptor)
    if structural:
        raise IngestError(f"staged package is malformed: {structural[0]}", path="datapackage.json")
    report = validation_report(descriptor_path)
    resources = descriptor["resources"]
    error = frictionless_error(
        report,
        files={r["name"]: descriptor_path.parent / r["path"] for r in resources},
        schemas={r["name"]: r["schema"] for r in resources},
        shown={r["name"]: r["path"] for r in resources},
    )
    if error is not None:
        raise error
    return report


def _stage_kept_files(out_dir: Path, staging: Path) -> None:
    """Copy the hand-written files of the live package (README, CHANGELOG) into ``staging``.

    Everything but ``datapackage.json``, ``data/`` and the validation report,
    which the ingest writes.
    """
    if not out_dir.is_dir():
        return
    for entry in sorted(out_dir.iterdir()):
        if entry.name in ("datapackage.json", "data", VALIDATION_REPORT):
            continue
        if entry.is_dir():
            shutil.copytree(entry, staging / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, staging / entry.name, follow_symlinks=False)


def write_package(
    resources: Sequence[Resource],
    origins: Iterable[Origin],
    out_dir: Path,
) -> Path:
    """Write ``resources`` as a validated package into ``out_dir``; return its descriptor path.

    The whole new package is staged in a sibling folder of ``out_dir``
    (descriptor with the files' ``bytes`` and ``hash``, ``data/``, the
    validation report, and a copy of the hand-written files the live
    package holds), validated, then exchanged with ``out_dir`` atomically
    (:func:`analysis.swap.swap_in`) and the old package deleted. On any error before
    the exchange ``out_dir`` is untouched; no mix of old and new files is ever
    visible at ``out_dir``.
    """
    names = [r.name for r in resources]
    if len(set(names)) != len(names):
        raise IngestError(f"duplicate resource names in {names}", path=out_dir)
    for resource in resources:
        check_columns(resource)
    descriptor = build_descriptor(resources, origins)
    live = out_dir.absolute()
    live.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{live.name}.staging-", dir=live.parent))
    try:
        mode = live.stat().st_mode & 0o7777 if live.is_dir() else 0o777 & ~_umask()
        staging.chmod(mode)
        (staging / "data").mkdir()
        for resource in resources:
            text = format_table(resource.table)
            (staging / "data" / f"{resource.name}.csv").write_text(
                text, encoding="utf-8", newline="\n"
            )
        descriptor = with_integrity(descriptor, staging)
        staged_descriptor = staging / "datapackage.json"
        staged_descriptor.write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        report = check_staged_package(staged_descriptor)
        _stage_kept_files(live, staging)
        (staging / VALIDATION_REPORT).write_text(report_json(report), encoding="utf-8", newline="\n")
        swap_in(staging, live)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir / "datapackage.json"


def _umask() -> int:
    """Return the process's umask without changing it for long."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
