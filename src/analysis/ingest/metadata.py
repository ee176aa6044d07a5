"""Origin records and resource descriptors, read from a plug-in's TOML files.

See :mod:`analysis.ingest.base` for the layout of ``origin.toml`` and
``fields.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path, PurePosixPath
from typing import Any

from analysis import names

# ---------------------------------------------------------------------------
# Origin records and resources
# ---------------------------------------------------------------------------

#: The package's own date: its ``created`` and the release date of ``VERSION``
#: in CHANGELOG.md. Nothing in the package may be dated later (an event's
#: ``start_date`` is bounded by it), and it is a constant, not today's clock, so
#: two builds from the same inputs give the same bytes. Move it with the version.
PACKAGE_DATE = "2026-12-02"

ORIGIN_KEYS = (
    "producer", "title", "citation", "url", "release", "published", "accessed",
    "license", "obtained_from",
)


@dataclass(frozen=True)
class Origin:
    """Where one raw source comes from: the origin record of the package.

    ``files`` maps each raw file's path, relative to the sources folder, to its
    expected sha256. The ingest refuses a file whose checksum differs.
    """

    id: str
    producer: str
    title: str
    citation: str
    url: str
    release: str
    published: str
    accessed: str
    license: str
    obtained_from: str
    files: dict[str, str] = dataclass_field(default_factory=dict)

    def as_source(self) -> dict[str, Any]:
        """Return this record as an entry of the descriptor's ``sources``."""
        return {
            "id": self.id,
            "title": self.title,
            "path": self.url,
            "producer": self.producer,
            "citation": self.citation,
            "release": self.release,
            "published": self.published,
            "accessed": self.accessed,
            "license": self.license,
            "obtainedFrom": self.obtained_from,
            "files": [{"path": p, "sha256": h} for p, h in sorted(self.files.items())],
        }

    def cite(self, keys: Sequence[str] = ("title", "path")) -> dict[str, str]:
        """Return a resource-level ``sources`` entry with ``keys`` (id, title, path, version)."""
        values = {"id": self.id, "title": self.title, "path": self.url, "version": self.release}
        return {key: values[key] for key in keys}

    def file(self, name: str) -> str:
        """Return the recorded path whose file name is ``name``."""
        found = [p for p in self.files if PurePosixPath(p).name == name]
        if len(found) != 1:
            raise KeyError(f"origin {self.id!r} records {len(found)} files named {name!r}")
        return found[0]

    @property
    def folder(self) -> str:
        """Return the one folder holding every recorded file."""
        (folder,) = {str(PurePosixPath(p).parent) for p in self.files}
        return folder


def load_origins(path: Path) -> tuple[list[Origin], list[Origin]]:
    """Read ``origin.toml``: the package's origin records and the test-only references."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    defaults = data.get("defaults", {})

    def make(entry: dict[str, Any]) -> Origin:
        values = {**defaults, **entry}
        return Origin(id=values["id"], files=dict(values.get("files", {})),
                      **{key: values[key] for key in ORIGIN_KEYS})

    return [make(e) for e in data.get("origin", [])], [make(e) for e in data.get("reference", [])]


# ---------------------------------------------------------------------------
# Descriptors from fields.toml
# ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def fill(value: Any, params: Mapping[str, Any]) -> Any:
    """Replace ``${NAME}`` placeholders in ``value`` (recursively) by ``params[NAME]``.

    Examples
    --------
    >>> fill({"a": "${N}", "b": ["up to ${N} votes"]}, {"N": 20})
    {'a': 20, 'b': ['up to 20 votes']}
    """
    if isinstance(value, dict):
        return {key: fill(item, params) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, params) for item in value]
    if isinstance(value, str):
        whole = _PLACEHOLDER.fullmatch(value)
        if whole:
            return params[whole[1]]
        return _PLACEHOLDER.sub(lambda m: str(params[m[1]]), value)
    return value


def load_descriptors(
    path: Path, params: Mapping[str, Any], origins: Iterable[Origin]
) -> dict[str, dict[str, Any]]:
    """Read ``fields.toml`` into resource descriptors, keyed by resource name, in file order.

    ``${SOVIET_NOTE}`` and ``${PACKAGE_DATE}`` are filled in every file; other
    placeholders come from the plug-in's ``params``.
    """
    by_id = {o.id: o for o in origins}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    descriptors: dict[str, dict[str, Any]] = {}
    for entry in fill(data["resource"], {"SOVIET_NOTE": names.SOVIET_NOTE,
                                   "PACKAGE_DATE": PACKAGE_DATE, **params}):
        if "sources" in entry:
            entry["sources"] = [
                by_id[s["origin"]].cite(s.get("keys", ("title", "path"))) if "origin" in s else s
                for s in entry["sources"]
            ]
        schema = entry["schema"]
        entry["schema"] = {"fields": schema["fields"], **schema}
        descriptors[entry["name"]] = entry
    return descriptors
