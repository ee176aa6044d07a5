"""Small packages cut from the real one, for tests that corrupt a copy.

Validating the whole package takes seconds; a cut keeps a few rows of the
tables a test needs (and every row of ``phases``, which ``events`` refers to),
so each corruption is checked quickly, against the real descriptor.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.paths import DESCRIPTOR_PATH


def cut_package(target: Path, names: list[str], rows: int = 8) -> Path:
    """Write the first ``rows`` rows of resources ``names`` (all of ``phases``) to ``target``.

    The cut's files are not the package's, so their ``bytes`` and ``hash`` are dropped.
    """
    descriptor = json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in names]
    for resource in descriptor["resources"]:
        resource.pop("bytes", None)
        resource.pop("hash", None)
        lines = (DESCRIPTOR_PATH.parent / resource["path"]).read_text(encoding="utf-8").splitlines()
        keep = lines if resource["name"] == "phases" else lines[: rows + 1]
        table = target / resource["path"]
        table.parent.mkdir(parents=True, exist_ok=True)
        table.write_text("\n".join(keep) + "\n", encoding="utf-8")
    path = target / "datapackage.json"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def table_path(descriptor_path: Path, name: str) -> Path:
    """Return the CSV of resource ``name``."""
    return descriptor_path.parent / "data" / f"{name}.csv"


def set_cell(descriptor_path: Path, name: str, index: int, field: str, value: str) -> int:
    """Set ``field`` of the ``index``-th data row of ``name`` to ``value``; return its row number.

    Frictionless counts the header as row 1 (no cell of the cut spans lines).
    """
    table = table_path(descriptor_path, name)
    with table.open(newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    records[index][field] = value
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return index + 2


def edit_descriptor(descriptor_path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``change`` to the parsed descriptor and write it back."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    change(descriptor)
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def field_of(descriptor: dict[str, Any], resource: str, field: str) -> dict[str, Any]:
    """Return the schema entry of ``field`` in ``resource`` of a parsed descriptor."""
    entry = next(r for r in descriptor["resources"] if r["name"] == resource)
    return next(f for f in entry["schema"]["fields"] if f["name"] == field)


def refused(descriptor_path: Path) -> str:
    """Load the package at ``descriptor_path`` expecting a refusal; return the message."""
    import pytest

    from analysis import package as loader

    with pytest.raises(loader.PackageInvalidError) as error:
        loader.load_package(descriptor_path)
    return str(error.value)


def fail_after(real: Callable[..., Any], calls: int, error: Exception) -> Callable[..., Any]:
    """Return ``real`` wrapped to raise ``error`` from its call number ``calls + 1`` on."""
    made: list[int] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        if len(made) > calls:
            raise error
        return real(*args, **kwargs)

    return wrapper
