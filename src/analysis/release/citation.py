"""``CITATION.cff`` and ``.zenodo.json`` at the repository root, generated from ``datapackage.json``.

Both say what the descriptor says: title, version, date (the descriptor's
``created``), licence (the package-level ``licenses``), authors (its
``contributors``), description and keywords. Regenerate them after a version
bump with::

    python -m analysis.release.citation

A test compares the files on disk with :func:`citation_cff` and
:func:`zenodo_json` of the descriptor, so they cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.paths import DATAPACKAGE_DIR, REPO_ROOT

CITATION_PATH = REPO_ROOT / "CITATION.cff"
ZENODO_PATH = REPO_ROOT / ".zenodo.json"

#: The first line of CITATION.cff's message; the rest names where the sources are listed.
MESSAGE = (
    "If you use this report or its data package, please cite it as below, and cite the original "
    "sources named in datapackage/datapackage.json (each resource states its own licence and "
    "sources; the code is MIT licensed, see LICENSE)."
)


def release_date(descriptor: Mapping[str, Any]) -> str:
    """Return the package's date, ``YYYY-MM-DD``, from its ``created``.

    Examples
    --------
    >>> release_date({"created": "2026-12-02T00:00:00Z"})
    '2026-12-02'
    """
    return str(descriptor["created"])[:10]


def licence_ids(descriptor: Mapping[str, Any]) -> list[str]:
    """Return the SPDX identifiers of the package-level licences.

    Examples
    --------
    >>> licence_ids({"licenses": [{"name": "CC-BY-4.0", "path": "https://…"}]})
    ['CC-BY-4.0']
    """
    return [str(licence["name"]) for licence in descriptor.get("licenses", [])]


def author_names(descriptor: Mapping[str, Any]) -> list[str]:
    """Return the names of the descriptor's contributors who created the package (all if none is marked).

    Examples
    --------
    >>> author_names({"contributors": [{"title": "Team", "roles": ["creator"]}, {"title": "Ed", "roles": ["editor"]}]})
    ['Team']
    """
    people = descriptor.get("contributors", [])
    creators = [p for p in people if "creator" in p.get("roles", [])] or people
    return [str(p["title"]) for p in creators]


def _quoted(text: str) -> str:
    """Return ``text`` as a YAML double-quoted scalar (JSON strings are valid YAML).

    Examples
    --------
    >>> _quoted('A "b" – c')
    '"A \\\\"b\\\\" – c"'
    """
    return json.dumps(text, ensure_ascii=False)


def _yaml_list(name: str, items: Sequence[str]) -> list[str]:
    """Return the lines of a YAML list of quoted strings under ``name``."""
    return [f"{name}:", *(f"  - {_quoted(item)}" for item in items)]


def citation_cff(descriptor: Mapping[str, Any]) -> str:
    """Return the text of ``CITATION.cff`` (CFF 1.2.0) for the package ``descriptor``.

    Examples
    --------
    >>> text = citation_cff({"title": "T", "version": "1.0.0", "created": "2026-01-02T00:00:00Z",
    ...     "licenses": [{"name": "CC-BY-4.0"}], "contributors": [{"title": "Team"}],
    ...     "description": "D", "keywords": ["k"]})
    >>> print(text.split("\\n")[2:6])
    ['title: "T"', 'type: dataset', 'version: "1.0.0"', 'date-released: 2026-01-02']
    """
    lines = [
        "cff-version: 1.2.0",
        f"message: {_quoted(MESSAGE)}",
        f"title: {_quoted(str(descriptor['title']))}",
        "type: dataset",
        f"version: {_quoted(str(descriptor['version']))}",
        f"date-released: {release_date(descriptor)}",
        *_yaml_list("license", licence_ids(descriptor)),
        "authors:",
        *(f"  - name: {_quoted(name)}" for name in author_names(descriptor)),
        f"abstract: {_quoted(str(descriptor.get('description', '')))}",
        *_yaml_list("keywords", [str(k) for k in descriptor.get("keywords", [])]),
    ]
    if descriptor.get("homepage"):
        lines.append(f"url: {_quoted(str(descriptor['homepage']))}")
    return "\n".join(lines) + "\n"


def zenodo_metadata(descriptor: Mapping[str, Any]) -> dict[str, Any]:
    """Return Zenodo's deposit metadata for the package ``descriptor``.

    Zenodo writes licence identifiers in lower case (``cc-by-4.0``); it takes
    one licence, the first of the package.

    Examples
    --------
    >>> meta = zenodo_metadata({"title": "T", "version": "1.0.0", "created": "2026-01-02T00:00:00Z",
    ...     "licenses": [{"name": "CC-BY-4.0"}], "contributors": [{"title": "Team"}], "keywords": []})
    >>> meta["license"], meta["creators"], meta["upload_type"]
    ('cc-by-4.0', [{'name': 'Team'}], 'dataset')
    """
    meta: dict[str, Any] = {
        "title": str(descriptor["title"]),
        "upload_type": "dataset",
        "version": str(descriptor["version"]),
        "publication_date": release_date(descriptor),
        "description": str(descriptor.get("description", "")),
        "creators": [{"name": name} for name in author_names(descriptor)],
        "keywords": [str(k) for k in descriptor.get("keywords", [])],
        "access_right": "open",
    }
    licences = licence_ids(descriptor)
    if licences:
        meta["license"] = licences[0].lower()
    if descriptor.get("homepage"):
        meta["related_identifiers"] = [{"identifier": str(descriptor["homepage"]),
                                        "relation": "isDocumentedBy", "resource_type": "publication"}]
    return meta


def zenodo_json(descriptor: Mapping[str, Any]) -> str:
    """Return the text of ``.zenodo.json``: :func:`zenodo_metadata`, deterministic JSON."""
    return json.dumps(zenodo_metadata(descriptor), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def citation_problems(descriptor: Mapping[str, Any], cff_text: str, zenodo_text: str) -> list[str]:
    """Return every field where ``CITATION.cff`` or ``.zenodo.json`` disagrees with the descriptor.

    Both files are parsed (YAML, JSON) and compared field by field, so the
    message names what drifted; an empty list means both are in sync.

    Examples
    --------
    >>> d = {"title": "T", "version": "1.0.0", "created": "2026-01-02T00:00:00Z",
    ...      "licenses": [{"name": "CC-BY-4.0"}], "contributors": [{"title": "Team"}],
    ...      "description": "D", "keywords": ["k"]}
    >>> citation_problems(d, citation_cff(d), zenodo_json(d))
    []
    >>> citation_problems({**d, "version": "1.1.0"}, citation_cff(d), zenodo_json(d))
    ['CITATION.cff version is 1.0.0, the descriptor says 1.1.0', '.zenodo.json version is 1.0.0, the descriptor says 1.1.0']
    """
    import yaml

    cff = yaml.safe_load(cff_text)
    zenodo = json.loads(zenodo_text)
    expected = {
        "title": str(descriptor["title"]), "version": str(descriptor["version"]),
        "date": release_date(descriptor), "licence": licence_ids(descriptor),
        "authors": author_names(descriptor), "description": str(descriptor.get("description", "")),
        "keywords": [str(k) for k in descriptor.get("keywords", [])],
    }
    found = {
        CITATION_PATH.name: {
            "title": cff.get("title"), "version": str(cff.get("version")),
            "date": str(cff.get("date-released")), "licence": cff.get("license"),
            "authors": [a.get("name") for a in cff.get("authors", [])],
            "description": cff.get("abstract"), "keywords": cff.get("keywords"),
        },
        ZENODO_PATH.name: {
            "title": zenodo.get("title"), "version": zenodo.get("version"),
            "date": zenodo.get("publication_date"),
            "licence": [zenodo["license"].upper()] if zenodo.get("license") else [],
            "authors": [c.get("name") for c in zenodo.get("creators", [])],
            "description": zenodo.get("description"), "keywords": zenodo.get("keywords"),
        },
    }
    expected_zenodo = {**expected, "licence": [i.upper() for i in expected["licence"][:1]]}
    problems = []
    for name, values in found.items():
        wanted = expected_zenodo if name == ZENODO_PATH.name else expected
        problems += [f"{name} {key} is {values[key]}, the descriptor says {wanted[key]}"
                     for key in wanted if values[key] != wanted[key]]
    return sorted(problems, key=lambda p: (not p.startswith("CITATION"), p))


def read_descriptor(package_dir: Path = DATAPACKAGE_DIR) -> dict[str, Any]:
    """Return the package's descriptor."""
    return dict(json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8")))


def write_citation_files(package_dir: Path = DATAPACKAGE_DIR, root: Path = REPO_ROOT) -> list[Path]:
    """Write ``CITATION.cff`` and ``.zenodo.json`` under ``root`` from the package; return their paths."""
    descriptor = read_descriptor(package_dir)
    written = []
    for name, text in ((CITATION_PATH.name, citation_cff(descriptor)), (ZENODO_PATH.name, zenodo_json(descriptor))):
        path = root / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main() -> int:
    """Command-line entry point: rewrite both files and print their paths."""
    for path in write_citation_files():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
