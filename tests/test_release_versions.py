"""Versions as data: the row-level diff between package versions, the CHANGELOG check, citation files.

Fixture packages (two small folders, no git) test the diff itself; the real
tests regenerate every published diff from git and the package and compare.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from analysis.paths import DATAPACKAGE_DIR, REPO_ROOT
from analysis.release import citation, versions


def write_package(folder: Path, version: str, tables: dict[str, tuple[list[str], list[str], list[list[Any]]]]) -> Path:
    """Write a small package: per resource its primary key, fields and rows."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    resources = []
    for name, (key, fields, rows) in tables.items():
        lines = [",".join(fields), *(",".join(str(cell) for cell in row) for row in rows)]
        (folder / "data" / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        types = {f: "number" if f in ("tiv", "value") else "string" for f in fields}
        resources.append({"name": name, "path": f"data/{name}.csv",
                          "schema": {"primaryKey": key, "fields": [{"name": f, "type": types[f]} for f in fields]}})
    descriptor = {"name": "fixture", "version": version, "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


OLD = {
    "events": (["event_id"], ["event_id", "title", "url"], [["E1", "Treaty", "a.org"], ["E2", "Visit", "b.org"],
                                                           ["E3", "Drill", "c.org"]]),
    "transfers": (["year"], ["year", "tiv"], [[2000, 1.0], [2001, 2]]),
    "gone": (["id"], ["id"], [["x"]]),
}


def new_tables(**changes: Any) -> dict[str, Any]:
    """The OLD fixture with E2 retitled, E3 removed, E4 added and the resource ``fresh`` added."""
    tables = {
        "events": (["event_id"], ["event_id", "title", "url"], [["E1", "Treaty", "a.org"],
                                                               ["E2", "State visit", "b.org"],
                                                               ["E4", "Veto", "d.org"]]),
        "transfers": (["year"], ["year", "tiv"], [[2000, 1], [2001, 2.0]]),
        "gone": (["id"], ["id"], [["x"]]),
        "fresh": (["id"], ["id"], [["y"], ["z"]]),
    }
    tables.update(changes)
    return tables


def fixture_diff(tmp_path: Path, new_version: str, **changes: Any) -> dict[str, Any]:
    """Return the diff of the OLD fixture (0.1.0) and a new one."""
    old = versions.folder_snapshot(write_package(tmp_path / "old", "0.1.0", OLD))
    new = versions.folder_snapshot(write_package(tmp_path / "new", new_version, new_tables(**changes)))
    return versions.diff_packages(old, new)


def test_diff_finds_rows_added_removed_and_changed_by_key(tmp_path: Path) -> None:
    diff = fixture_diff(tmp_path, "0.2.0")
    events = diff["resources"]["events"]
    assert (diff["from"], diff["to"]) == ("0.1.0", "0.2.0")
    assert events["status"] == "changed"
    assert events["added"] == [["E4"]] and events["removed"] == [["E3"]]
    assert events["changed"] == [{"key": ["E2"], "fields": {"title": {"old": "Visit", "new": "State visit"}}}]
    assert events["rows"] == {"old": 3, "new": 3, "added": 1, "removed": 1, "changed": 1}
    # 1.0 and 1 are the same number: no change.
    assert diff["resources"]["transfers"]["status"] == "unchanged"
    assert diff["resources"]["fresh"] == {"status": "added", "primary_key": ["id"], "rows": {"new": 2},
                                          "fields": {"added": ["id"]}}
    assert versions.changed_resources(diff) == ["events", "fresh"]


def test_diff_of_a_removed_resource_and_its_json_is_deterministic(tmp_path: Path) -> None:
    tables = new_tables()
    del tables["gone"]
    old = versions.folder_snapshot(write_package(tmp_path / "old", "0.1.0", OLD))
    new = versions.folder_snapshot(write_package(tmp_path / "new", "1.0.0", tables))
    diff = versions.diff_packages(old, new)
    assert diff["resources"]["gone"]["status"] == "removed"
    assert versions.diff_json(diff) == versions.diff_json(versions.diff_packages(old, new))
    assert versions.diff_json(diff).endswith("}\n")


@pytest.mark.parametrize("bump, breaks", [("0.2.0", True), ("1.0.0", False)])
def test_renamed_field_without_major_bump_fails(tmp_path: Path, bump: str, breaks: bool) -> None:
    renamed = (["event_id"], ["event_id", "title", "link"], [["E1", "Treaty", "a.org"], ["E2", "Visit", "b.org"],
                                                            ["E3", "Drill", "c.org"]])
    diff = fixture_diff(tmp_path, bump, events=renamed)
    assert diff["resources"]["events"]["fields"]["renamed"] == [{"from": "url", "to": "link"}]
    assert diff["resources"]["events"]["changed"] == []  # values followed the rename
    changelog = f"## {bump}\n\n- `events`: url renamed link.\n- `fresh`: new.\n"
    problems = versions.release_problems(diff, changelog)
    assert bool(problems) is breaks
    if breaks:
        assert problems == [f"events: field url renamed to link without a major version bump (0.1.0 to {bump})"]


@pytest.mark.parametrize("bump, breaks", [("0.1.1", True), ("2.0.0", False)])
def test_removed_field_without_major_bump_fails(tmp_path: Path, bump: str, breaks: bool) -> None:
    dropped = (["event_id"], ["event_id", "title"], [["E1", "Treaty"], ["E2", "Visit"], ["E3", "Drill"]])
    diff = fixture_diff(tmp_path, bump, events=dropped)
    assert diff["resources"]["events"]["fields"]["removed"] == ["url"]
    problems = versions.release_problems(diff, f"## {bump}\n\n- events, fresh.\n")
    assert bool(problems) is breaks


def test_changelog_must_name_every_changed_resource(tmp_path: Path) -> None:
    diff = fixture_diff(tmp_path, "0.2.0")
    assert versions.release_problems(diff, "## 0.2.0\n\n- `events`: E4.\n- New table `fresh`.\n") == []
    assert versions.release_problems(diff, "## 0.2.0\n\n- `events`: E4.\n") == [
        "CHANGELOG entry of 0.2.0 does not mention fresh, which the diff says changed"]
    assert versions.release_problems(diff, "## 0.1.0\n\n- events, fresh\n") == ["CHANGELOG has no entry for 0.2.0"]


def git(repo: Path, *args: str) -> None:
    """Run git in ``repo`` quietly, as a fixed test author."""
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_previous_version_is_the_last_commit_with_another_version(tmp_path: Path) -> None:
    package = tmp_path / "datapackage"
    git(tmp_path, "init", "-q")
    write_package(package, "0.1.0", OLD)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "0.1.0")
    write_package(package, "0.2.0", new_tables())
    path = versions.write_diff(tmp_path, package)
    assert path == package / "diff" / "0.1.0..0.2.0.json"
    written = json.loads(path.read_text(encoding="utf-8"))
    assert versions.changed_resources(written) == ["events", "fresh"]
    assert versions.regenerate(tmp_path, path, package) == written
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "0.2.0")
    write_package(package, "0.3.0", new_tables(fresh=(["id"], ["id"], [["y"]])))
    later = versions.write_diff(tmp_path, package)
    assert later.name == "0.2.0..0.3.0.json"
    # The older diff now compares the last commits of its versions, and still holds.
    assert versions.regenerate(tmp_path, path, package) == written


# ---------------------------------------------------------------------------
# The real package
# ---------------------------------------------------------------------------

needs_git = pytest.mark.skipif(not (REPO_ROOT / ".git").exists() or shutil.which("git") is None,
                               reason="needs the repository's git history")


def current_version() -> str:
    return str(json.loads((DATAPACKAGE_DIR / "datapackage.json").read_text(encoding="utf-8"))["version"])


@needs_git
def test_the_current_version_has_its_published_diff() -> None:
    history = versions.version_history(REPO_ROOT)
    _, previous = versions.previous_version(history, current_version())
    path = DATAPACKAGE_DIR / versions.DIFF_FOLDER / versions.diff_name(previous, current_version())
    assert path in versions.published_diffs(), f"run python -m analysis.release.versions to write {path.name}"


@needs_git
@pytest.mark.parametrize("path", versions.published_diffs(), ids=lambda p: p.name)
def test_published_diff_matches_a_fresh_one(path: Path) -> None:
    fresh = versions.regenerate(REPO_ROOT, path)
    assert path.read_text(encoding="utf-8") == versions.diff_json(fresh), (
        f"{path.name} is stale: python -m analysis.release.versions {path.name}")


@pytest.mark.parametrize("path", versions.published_diffs(), ids=lambda p: p.name)
def test_changelog_names_what_each_published_diff_changed(path: Path) -> None:
    diff = json.loads(path.read_text(encoding="utf-8"))
    assert (diff["from"], diff["to"]) == versions.versions_of(path)
    changelog = (DATAPACKAGE_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    assert versions.release_problems(diff, changelog) == []


def test_published_diffs_go_into_the_zip() -> None:
    members = versions.diff_members()
    assert sorted(members) == [f"diff/{p.name}" for p in versions.published_diffs()]
    assert all(members[f"diff/{p.name}"] == p.read_bytes() for p in versions.published_diffs())


def test_citation_files_agree_with_the_descriptor() -> None:
    descriptor = citation.read_descriptor()
    cff, zenodo = citation.CITATION_PATH.read_text(encoding="utf-8"), citation.ZENODO_PATH.read_text(encoding="utf-8")
    assert citation.citation_problems(descriptor, cff, zenodo) == [], "run python -m analysis.release.citation"
    assert cff == citation.citation_cff(descriptor) and zenodo == citation.zenodo_json(descriptor)


def test_citation_check_names_a_field_that_drifted() -> None:
    descriptor = citation.read_descriptor()
    cff, zenodo = citation.citation_cff(descriptor), citation.zenodo_json(descriptor)
    bumped = {**descriptor, "version": "99.0.0", "keywords": [*descriptor["keywords"], "new"]}
    problems = citation.citation_problems(bumped, cff, zenodo)
    assert any(p.startswith("CITATION.cff version is") for p in problems)
    assert any(p.startswith(".zenodo.json keywords") for p in problems)
