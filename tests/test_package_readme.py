"""The package's own guide and terms speak of every table it holds.

A reuser who unzips the release reads ``README.md`` and ``LICENSE-DATA.md``
first: each table of the descriptor must be in the README's table list (with
the licence the descriptor gives it) and named in the licence file; every
folder of the release the README describes must exist in the zip's layout.
"""

from __future__ import annotations

import json
import re

from analysis.paths import DATAPACKAGE_DIR, DESCRIPTOR_PATH, REPO_ROOT

README = DATAPACKAGE_DIR / "README.md"
LICENCE = REPO_ROOT / "LICENSE-DATA.md"
_ROW = re.compile(r"^\| `([a-z_]+)` \| (.+?) \| (.+?) \|$", re.M)


def _resources() -> list[dict]:
    return json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))["resources"]


def readme_rows(text: str) -> dict[str, tuple[str, str]]:
    """Return the README's table rows: table name to (what it holds, licence)."""
    return {name: (what, licence) for name, what, licence in _ROW.findall(text)}


def test_readme_rows_parse_a_table_line() -> None:
    line = "| `events` | a dated timeline | CC BY 4.0 |\n| `formats/x` | not a table | - |"
    assert readme_rows(line) == {"events": ("a dated timeline", "CC BY 4.0")}


def test_readme_lists_every_table_with_its_licence() -> None:
    rows = readme_rows(README.read_text(encoding="utf-8"))
    names = [resource["name"] for resource in _resources()]
    assert sorted(rows) == sorted(names), "README table list differs from the descriptor"
    for resource in _resources():
        licence = rows[resource["name"]][1]
        titles = [entry.get("title", entry.get("name", "")) for entry in resource.get("licenses", [])]
        words = {word for title in titles for word in re.findall(r"[A-Za-z0-9.]+", title)}
        assert words & set(re.findall(r"[A-Za-z0-9.]+", licence)), (
            f"README gives {resource['name']} the licence {licence!r}; the descriptor says {titles}"
        )


def test_licence_file_names_every_table() -> None:
    text = LICENCE.read_text(encoding="utf-8")
    for resource in _resources():
        name = resource["name"]
        assert f"`{name}`" in text, f"LICENSE-DATA.md does not name {name}"


def test_readme_describes_the_release_layout() -> None:
    text = README.read_text(encoding="utf-8")
    for path in ("formats/duckdb.sql", "validation-report.json", "diff/", "data/views/"):
        assert f"`{path}" in text, path


def test_descriptor_points_nowhere_it_cannot_vouch_for() -> None:
    text = DESCRIPTOR_PATH.read_text(encoding="utf-8")
    for placeholder in ("example.org", "example.com", "localhost", "TODO"):
        assert placeholder not in text, f"the descriptor holds the placeholder {placeholder!r}"


def test_dictionary_page_has_a_section_per_table() -> None:
    """The book's data dictionary gives each table its heading, fields and preview, in package order."""
    page = (REPO_ROOT / "book" / "dictionary.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## ([a-z_]+)$", page, re.M)
    names = [resource["name"] for resource in _resources()]
    assert headings == names
    for name in names:
        for glued in (f"about_{name}", f"rows_{name}", f"fields_{name}", f"preview_{name}"):
            assert glued in page, glued
