"""What changed between two versions of the data package, row by row.

:func:`diff_packages` compares two package snapshots (a descriptor and the
text of each resource's CSV) resource by resource: resources added or removed;
for a resource in both, fields added, removed or renamed (a removed and an
added field holding the same values in every row both versions share), and
rows added, removed or changed by primary key, with the fields that changed
and their old and new values. Values are compared as the CSV writes them,
except that numbers compare by value (``1`` equals ``1.0``).

The published diff compares the package in ``datapackage/`` (as the working
tree holds it) with the last commit whose ``datapackage/datapackage.json``
had another ``version``, read with ``git show``; it is written, as
deterministic JSON, to ``datapackage/diff/<previous>..<current>.json`` and
goes into the package zip (:func:`diff_members`). Regenerate it with::

    python -m analysis.release.versions

:func:`breaking_changes` lists removed or renamed fields and removed
resources, which need a major version bump (:func:`version_problems`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from analysis.paths import DATAPACKAGE_DIR

#: The package folder inside the repository, and its descriptor.
PACKAGE_FOLDER = "datapackage"
DESCRIPTOR = "datapackage.json"
#: The folder of the published diffs, inside the package folder.
DIFF_FOLDER = "diff"

Key = tuple[str, ...]
Row = dict[str, str]


@dataclass(frozen=True)
class Snapshot:
    """One version of the package: its descriptor and the CSV text of each resource, by name."""

    descriptor: dict[str, Any]
    tables: Mapping[str, str]

    @property
    def version(self) -> str:
        """The descriptor's ``version``."""
        return str(self.descriptor["version"])

    def resource(self, name: str) -> dict[str, Any]:
        """Return the descriptor of resource ``name``."""
        return next(r for r in self.descriptor["resources"] if r["name"] == name)


def folder_snapshot(folder: Path) -> Snapshot:
    """Read the package in ``folder``: its descriptor and every resource's file."""
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    tables = {r["name"]: (folder / r["path"]).read_text(encoding="utf-8") for r in descriptor["resources"]}
    return Snapshot(descriptor, tables)


def git_show(repo: Path, commit: str, path: str) -> str:
    """Return the text of ``path`` at ``commit`` of the repository at ``repo``."""
    result = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"],
                            check=True, capture_output=True)
    return result.stdout.decode("utf-8")


def git_snapshot(repo: Path, commit: str, folder: str = PACKAGE_FOLDER) -> Snapshot:
    """Read the package as ``commit`` holds it in ``folder`` of the repository."""
    descriptor = json.loads(git_show(repo, commit, f"{folder}/{DESCRIPTOR}"))
    tables = {r["name"]: git_show(repo, commit, str(PurePosixPath(folder) / r["path"]))
              for r in descriptor["resources"]}
    return Snapshot(descriptor, tables)


def version_history(repo: Path, folder: str = PACKAGE_FOLDER) -> list[tuple[str, str]]:
    """Return ``(commit, version)`` of every commit that changed the package folder, newest first."""
    path = f"{folder}/{DESCRIPTOR}"
    log = subprocess.run(["git", "-C", str(repo), "log", "--format=%H", "--", folder],
                         check=True, capture_output=True, text=True).stdout.split()
    return [(commit, str(json.loads(git_show(repo, commit, path))["version"])) for commit in log]


def previous_version(history: Sequence[tuple[str, str]], current: str) -> tuple[str, str]:
    """Return the newest ``(commit, version)`` of ``history`` whose version is not ``current``.

    Examples
    --------
    >>> previous_version([("c3", "0.4.0"), ("c2", "0.3.0"), ("c1", "0.3.0")], "0.4.0")
    ('c2', '0.3.0')
    """
    for commit, version in history:
        if version != current:
            return commit, version
    raise LookupError(f"no commit holds a version other than {current}")


def last_commit_of(history: Sequence[tuple[str, str]], version: str) -> str:
    """Return the newest commit of ``history`` whose descriptor has ``version``.

    Examples
    --------
    >>> last_commit_of([("c3", "0.4.0"), ("c2", "0.3.0"), ("c1", "0.3.0")], "0.3.0")
    'c2'
    """
    for commit, found in history:
        if found == version:
            return commit
    raise LookupError(f"no commit holds version {version}")


# ---------------------------------------------------------------------------
# Rows and fields
# ---------------------------------------------------------------------------


def normal(value: str, kind: str) -> str:
    """Return a CSV cell in the form it is compared in: numbers by value, other cells as written.

    Examples
    --------
    >>> normal("1.0", "number"), normal("1", "integer"), normal("", "number"), normal("x", "string")
    ('1', '1', '', 'x')
    """
    if kind in ("number", "integer") and value != "":
        try:
            number = float(value)
        except ValueError:
            return value
        return str(int(number)) if number.is_integer() else repr(number)
    return value


def read_rows(text: str, schema: Mapping[str, Any]) -> list[Row]:
    """Return the rows of one CSV as field-to-cell mappings, numbers normalised by :func:`normal`."""
    kinds = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return [{name: normal(cell or "", kinds.get(name, "string")) for name, cell in row.items()}
            for row in reader]


def key_fields(schema: Mapping[str, Any]) -> list[str]:
    """Return the primary key of a schema as a list; all fields when it has none.

    Examples
    --------
    >>> key_fields({"primaryKey": "id", "fields": [{"name": "id"}]}), key_fields({"fields": [{"name": "a"}]})
    (['id'], ['a'])
    """
    key = schema.get("primaryKey")
    if key is None:
        return [f["name"] for f in schema.get("fields", [])]
    return [key] if isinstance(key, str) else list(key)


def field_names(schema: Mapping[str, Any]) -> list[str]:
    """Return the field names of a schema, in order."""
    return [f["name"] for f in schema.get("fields", [])]


def keyed(rows: Sequence[Row], key: Sequence[str]) -> dict[Key, Row]:
    """Return ``rows`` by their ``key`` values (the last row wins on a duplicate key)."""
    return {tuple(row.get(k, "") for k in key): row for row in rows}


def renamed_fields(removed: Sequence[str], added: Sequence[str], old: Mapping[Key, Row],
                   new: Mapping[Key, Row]) -> dict[str, str]:
    """Pair removed fields with added fields holding the same values in every shared row.

    Examples
    --------
    >>> old = {("1",): {"url": "a", "x": "1"}, ("2",): {"url": "b", "x": "2"}}
    >>> new = {("1",): {"link": "a", "y": "9"}, ("2",): {"link": "b", "y": "9"}}
    >>> renamed_fields(["url", "x"], ["link", "y"], old, new)
    {'url': 'link'}
    """
    shared = sorted(set(old) & set(new))
    pairs: dict[str, str] = {}
    for before in removed:
        for after in added:
            if after in pairs.values() or not shared:
                continue
            if all(old[k].get(before, "") == new[k].get(after, "") for k in shared):
                pairs[before] = after
                break
    return pairs


def diff_resource(old: Snapshot, new: Snapshot, name: str) -> dict[str, Any]:
    """Return the diff of resource ``name``, present in both snapshots."""
    old_schema, new_schema = old.resource(name)["schema"], new.resource(name)["schema"]
    old_fields, new_fields = field_names(old_schema), field_names(new_schema)
    old_rows, new_rows = read_rows(old.tables[name], old_schema), read_rows(new.tables[name], new_schema)
    key = key_fields(new_schema)
    removed_fields = [f for f in old_fields if f not in new_fields]
    added_fields = [f for f in new_fields if f not in old_fields]
    old_key = key_fields(old_schema)
    old_by_new_key = keyed(old_rows, key) if all(k in old_fields for k in key) else keyed(old_rows, old_key)
    new_by_key = keyed(new_rows, key)
    renames = renamed_fields(removed_fields, added_fields, old_by_new_key, new_by_key)
    back = {after: before for before, after in renames.items()}
    compared = [f for f in new_fields if f in old_fields or f in back]
    changed = []
    for k in sorted(set(old_by_new_key) & set(new_by_key)):
        before, after = old_by_new_key[k], new_by_key[k]
        cells = {f: {"old": before.get(back.get(f, f), ""), "new": after.get(f, "")} for f in compared
                 if before.get(back.get(f, f), "") != after.get(f, "")}
        if cells:
            changed.append({"key": list(k), "fields": cells})
    properties = sorted(p for p in set(old.resource(name)) | set(new.resource(name))
                        if p != "schema" and old.resource(name).get(p) != new.resource(name).get(p))
    return {
        "primary_key": key,
        "rows": {"old": len(old_rows), "new": len(new_rows),
                 "added": len(set(new_by_key) - set(old_by_new_key)),
                 "removed": len(set(old_by_new_key) - set(new_by_key)), "changed": len(changed)},
        "fields": {"added": [f for f in added_fields if f not in back],
                   "removed": [f for f in removed_fields if f not in renames],
                   "renamed": [{"from": b, "to": a} for b, a in renames.items()]},
        "added": [list(k) for k in sorted(set(new_by_key) - set(old_by_new_key))],
        "removed": [list(k) for k in sorted(set(old_by_new_key) - set(new_by_key))],
        "changed": changed,
        "properties_changed": properties,
    }


def resource_status(entry: Mapping[str, Any]) -> str:
    """Return ``changed`` when a resource's rows or fields changed, else ``unchanged``.

    Changes to the descriptor alone (``properties_changed``) leave it ``unchanged``.

    Examples
    --------
    >>> entry = {"rows": {"added": 0, "removed": 0, "changed": 0},
    ...          "fields": {"added": [], "removed": [], "renamed": []}}
    >>> resource_status(entry), resource_status({**entry, "rows": {"added": 1, "removed": 0, "changed": 0}})
    ('unchanged', 'changed')
    """
    rows, fields = entry["rows"], entry["fields"]
    moved = any(rows[k] for k in ("added", "removed", "changed")) or any(fields.values())
    return "changed" if moved else "unchanged"


def diff_packages(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """Return the row-level diff of two package snapshots (see the module's description)."""
    old_names = [r["name"] for r in old.descriptor["resources"]]
    new_names = [r["name"] for r in new.descriptor["resources"]]
    resources: dict[str, Any] = {}
    for name in new_names:
        if name not in old_names:
            schema = new.resource(name)["schema"]
            resources[name] = {"status": "added", "primary_key": key_fields(schema),
                               "rows": {"new": len(read_rows(new.tables[name], schema))},
                               "fields": {"added": field_names(schema)}}
        else:
            entry = diff_resource(old, new, name)
            resources[name] = {"status": resource_status(entry), **entry}
    for name in old_names:
        if name not in new_names:
            schema = old.resource(name)["schema"]
            resources[name] = {"status": "removed", "primary_key": key_fields(schema),
                               "rows": {"old": len(read_rows(old.tables[name], schema))},
                               "fields": {"removed": field_names(schema)}}
    return {"from": old.version, "to": new.version, "resources": resources}


def changed_resources(diff: Mapping[str, Any]) -> list[str]:
    """Return the resources the diff says were added, removed or changed, sorted."""
    return sorted(name for name, entry in diff["resources"].items() if entry["status"] != "unchanged")


def breaking_changes(diff: Mapping[str, Any]) -> list[str]:
    """Return what breaks a reader of the older version: removed resources, removed or renamed fields.

    Examples
    --------
    >>> diff = {"resources": {"events": {"status": "changed", "fields": {"added": [], "removed": ["url"],
    ...          "renamed": [{"from": "src", "to": "source"}]}}, "old": {"status": "removed"}}}
    >>> breaking_changes(diff)
    ['events: field url removed', 'events: field src renamed to source', 'old: resource removed']
    """
    found = []
    for name, entry in sorted(diff["resources"].items()):
        if entry["status"] == "removed":
            found.append(f"{name}: resource removed")
        elif entry["status"] == "changed":
            found += [f"{name}: field {f} removed" for f in entry["fields"]["removed"]]
            found += [f"{name}: field {r['from']} renamed to {r['to']}" for r in entry["fields"]["renamed"]]
    return found


def major(version: str) -> int:
    """Return the major number of a semantic version.

    Examples
    --------
    >>> major("0.4.0"), major("1.2.3")
    (0, 1)
    """
    return int(version.split(".")[0])


def version_problems(diff: Mapping[str, Any]) -> list[str]:
    """Return the breaking changes of a diff whose versions share their major number, else nothing.

    Examples
    --------
    >>> diff = {"from": "0.3.0", "to": "0.4.0", "resources": {"old": {"status": "removed"}}}
    >>> version_problems(diff)
    ['old: resource removed without a major version bump (0.3.0 to 0.4.0)']
    >>> version_problems({**diff, "to": "1.0.0"})
    []
    """
    if major(diff["to"]) > major(diff["from"]):
        return []
    return [f"{change} without a major version bump ({diff['from']} to {diff['to']})"
            for change in breaking_changes(diff)]


def changelog_entry(changelog: str, version: str) -> str:
    """Return the text of the CHANGELOG section ``## <version> …``, empty when there is none.

    Examples
    --------
    >>> text = "# Changelog\\n\\n## 0.2.0 (2026-01-02)\\n\\n- `events`: new rows.\\n\\n## 0.1.0\\n\\n- First.\\n"
    >>> changelog_entry(text, "0.2.0")
    '- `events`: new rows.'
    >>> changelog_entry(text, "0.3.0")
    ''
    """
    sections = re.split(r"^## ", changelog, flags=re.M)
    for section in sections[1:]:
        heading, _, body = section.partition("\n")
        if heading.split()[0] == version:
            return body.strip()
    return ""


def release_problems(diff: Mapping[str, Any], changelog: str) -> list[str]:
    """Return what is wrong with a release: breaking changes without a major bump, and
    resources the diff says changed that the CHANGELOG entry of the new version does not name.

    Examples
    --------
    >>> diff = {"from": "0.1.0", "to": "0.2.0", "resources": {"events": {"status": "changed",
    ...         "fields": {"added": [], "removed": [], "renamed": []}}}}
    >>> release_problems(diff, "## 0.2.0\\n\\n- `events`: new rows.\\n")
    []
    >>> release_problems(diff, "## 0.2.0\\n\\n- Nothing.\\n")
    ['CHANGELOG entry of 0.2.0 does not mention events, which the diff says changed']
    """
    entry = changelog_entry(changelog, diff["to"])
    problems = version_problems(diff)
    if not entry:
        return [*problems, f"CHANGELOG has no entry for {diff['to']}"]
    for name in changed_resources(diff):
        if not re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", entry):
            problems.append(f"CHANGELOG entry of {diff['to']} does not mention {name}, which the diff says changed")
    return problems


# ---------------------------------------------------------------------------
# Publishing
# ---------------------------------------------------------------------------


def diff_json(diff: Mapping[str, Any]) -> str:
    """Return a diff as deterministic JSON: sorted keys, one-space indent, UTF-8 text, final newline.

    Examples
    --------
    >>> diff_json({"to": "0.2.0", "from": "0.1.0", "resources": {}})
    '{\\n "from": "0.1.0",\\n "resources": {},\\n "to": "0.2.0"\\n}\\n'
    """
    return json.dumps(diff, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def diff_name(old_version: str, new_version: str) -> str:
    """Return the file name of the diff between two versions.

    Examples
    --------
    >>> diff_name("0.3.0", "0.4.0")
    '0.3.0..0.4.0.json'
    """
    return f"{old_version}..{new_version}.json"


def published_diffs(package_dir: Path = DATAPACKAGE_DIR) -> list[Path]:
    """Return the diff files published in ``package_dir``, sorted."""
    return sorted((package_dir / DIFF_FOLDER).glob("*..*.json"))


def versions_of(path: Path) -> tuple[str, str]:
    """Return the two versions a diff file is named after.

    Examples
    --------
    >>> versions_of(Path("diff/0.3.0..0.4.0.json"))
    ('0.3.0', '0.4.0')
    """
    old, new = path.name.removesuffix(".json").split("..")
    return old, new


def current_diff(repo: Path, package_dir: Path = DATAPACKAGE_DIR) -> dict[str, Any]:
    """Return the diff from the previous version (in git) to the package in ``package_dir``."""
    new = folder_snapshot(package_dir)
    history = version_history(repo, package_dir.relative_to(repo).as_posix())
    commit, _ = previous_version(history, new.version)
    return diff_packages(git_snapshot(repo, commit, package_dir.relative_to(repo).as_posix()), new)


def regenerate(repo: Path, path: Path, package_dir: Path = DATAPACKAGE_DIR) -> dict[str, Any]:
    """Return the diff a published file ``path`` should hold, recomputed from git and the package.

    The diff to the version ``package_dir`` holds compares with ``package_dir``;
    an older one compares the last commits of its two versions.
    """
    old_version, new_version = versions_of(path)
    folder = package_dir.relative_to(repo).as_posix()
    current = folder_snapshot(package_dir)
    if new_version == current.version:
        return current_diff(repo, package_dir)
    history = version_history(repo, folder)
    old = git_snapshot(repo, last_commit_of(history, old_version), folder)
    return diff_packages(old, git_snapshot(repo, last_commit_of(history, new_version), folder))


def write_diff(repo: Path, package_dir: Path = DATAPACKAGE_DIR, name: str | None = None) -> Path:
    """Write a diff and return its path: the one named ``name``, or from the previous version to ``package_dir``'s."""
    if name is None:
        diff = current_diff(repo, package_dir)
    else:
        diff = regenerate(repo, package_dir / DIFF_FOLDER / name, package_dir)
    target = package_dir / DIFF_FOLDER / diff_name(diff["from"], diff["to"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(diff_json(diff), encoding="utf-8", newline="\n")
    return target


def diff_members(package_dir: Path = DATAPACKAGE_DIR) -> dict[str, bytes]:
    """Return the published diffs as zip members: ``diff/<name>`` to the file's bytes.

    The package zip adds them with ``members.update(diff_members(package_dir))``.
    """
    return {f"{DIFF_FOLDER}/{path.name}": path.read_bytes() for path in published_diffs(package_dir)}


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: write the diff to the current version and print its summary."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis.release.versions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--package", type=Path, default=DATAPACKAGE_DIR, help="package folder")
    parser.add_argument("--repo", type=Path, default=None, help="git repository (default: the package's parent)")
    parser.add_argument("name", nargs="?", default=None,
                        help="a published diff to rewrite, e.g. 0.3.0..0.4.0.json (default: the current one)")
    args = parser.parse_args(argv)
    package_dir = args.package.resolve()
    path = write_diff((args.repo or package_dir.parent).resolve(), package_dir, args.name)
    diff = json.loads(path.read_text(encoding="utf-8"))
    print(f"wrote {path}")
    for name in changed_resources(diff):
        entry = diff["resources"][name]
        print(f"  {name}: {entry['status']} {entry['rows']}")
    for problem in version_problems(diff):
        print(f"  warning: {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
