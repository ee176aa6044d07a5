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
PACKAGE_DATE = "2026-12-03"

ORIGIN_KEYS = (
    "producer", "title", "citation", "release", "published", "accessed",
    "license", "obtained_from",
)


@dataclass(frozen=True)
class Origin:
    """Where one raw source comes from: the origin record of the package.

    ``files`` maps each raw file's path, relative to the sources folder, to its
    expected sha256. The ingest refuses a file whose checksum differs. ``url``
    is the source's public address; a source with none (our own research fact
    base) leaves it empty and its descriptor entries carry no ``path``.
    """

    id: str
    producer: str
    title: str
    citation: str
    release: str
    published: str
    accessed: str
    license: str
    obtained_from: str
    url: str = ""
    files: dict[str, str] = dataclass_field(default_factory=dict)

    def as_source(self) -> dict[str, Any]:
        """Return this record as an entry of the descriptor's ``sources``."""
        entry = {
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
        return {key: value for key, value in entry.items() if key != "path" or value}

    def cite(self, keys: Sequence[str] = ("title", "path")) -> dict[str, str]:
        """Return a resource-level ``sources`` entry with ``keys`` (id, title, path, version)."""
        values = {"id": self.id, "title": self.title, "path": self.url, "version": self.release}
        return {key: values[key] for key in keys if key != "path" or self.url}

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
        return Origin(id=values["id"], files=dict(values.get("files", {})), url=values.get("url", ""),
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


# ---------------------------------------------------------------------------
# Integrity and categories of the resources
# ---------------------------------------------------------------------------

#: The Frictionless v2 profile every resource declares as its ``$schema``. It is
#: a string only: validation reads the copy bundled with frictionless, offline.
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"

_CODE_PAIR = re.compile(r"([A-Z]{3})-([A-Z]{3})")


def plain_label(value: str) -> str:
    """Return a code in plain words, as the book writes categories.

    Examples
    --------
    >>> plain_label("war_context"), plain_label("partly supported"), plain_label("New")
    ('War context', 'Partly supported', 'New')
    """
    words = value.replace("_", " ")
    return words[:1].upper() + words[1:]


def category_label(field: str, value: str, known: Mapping[str, str] | None = None) -> str:
    """Return the reader's label of one coded value of ``field``.

    ``known`` maps values to labels the package itself supplies (a source id
    to its origin's title, a chapter to its heading); a value made of several
    known ids separated by spaces joins their labels. State codes take their
    display names from :mod:`analysis.names`, pairs ``A-B`` their pair name
    (``dyad`` fields, which are directed, an arrow); any other code is
    written in plain words.

    Examples
    --------
    >>> category_label("state_a", "RUS"), category_label("pair", "RUS-IRN")
    ('Russia', 'Russia–Iran')
    >>> category_label("dyad", "IRN-USA")
    'Iran → United States'
    >>> category_label("source_id", "a b", {"a": "Alpha", "b": "Beta"})
    'Alpha and Beta'
    >>> category_label("category", "armed_clash")
    'Armed clash'
    """
    known = known or {}
    if value in known:
        return known[value]
    parts = value.split()
    if len(parts) > 1 and all(part in known for part in parts):
        return " and ".join(known[part] for part in parts)
    if value in names.NAMES:
        return names.name(value)
    pair = _CODE_PAIR.fullmatch(value)
    if pair and all(code in names.NAMES for code in pair.groups()):
        return names.dyad_name(value) if field == "dyad" else names.pair_name(value)
    return plain_label(value)


def with_categories(
    schema: Mapping[str, Any], known: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, Any]:
    """Return ``schema`` with ``categories`` on every coded string field.

    A coded field is a ``string`` field with an ``enum`` constraint; its
    ``categories`` list each enum value with its label
    (:func:`category_label`, ``known`` keyed by field name), in the enum's
    order. The ``enum`` stays: frictionless enforces it, not ``categories``.

    Examples
    --------
    >>> schema = {"fields": [{"name": "grade", "type": "string",
    ...                       "constraints": {"enum": ["confirmed", "claimed"]}},
    ...                      {"name": "n", "type": "integer", "constraints": {"enum": [1]}}]}
    >>> [f.get("categories") for f in with_categories(schema)["fields"]]
    [[{'value': 'confirmed', 'label': 'Confirmed'}, {'value': 'claimed', 'label': 'Claimed'}], None]
    """
    known = known or {}
    fields = []
    for entry in schema["fields"]:
        entry = dict(entry)
        enum = entry.get("constraints", {}).get("enum")
        if entry.get("type", "string") == "string" and enum:
            labels = known.get(entry["name"], {})
            entry["categories"] = [
                {"value": value, "label": category_label(entry["name"], value, labels)}
                for value in enum
            ]
        fields.append(entry)
    return {**schema, "fields": fields}
