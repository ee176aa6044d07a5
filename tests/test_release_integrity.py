"""The package's integrity facts: sizes and hashes, profiles, labelled codes, the validation report.

* every resource declares the ``bytes`` and sha256 ``hash`` of its file, and
  frictionless refuses a file that differs from them;
* every resource declares the v2 data-resource profile as its ``$schema``;
* every coded string field (an ``enum``) keeps its enum and lists the same
  values as ``categories``, each with the label a reader sees;
* ``validation-report.json`` is frictionless's report of the package as it is,
  without timings, and the ingest writes all of this, the same bytes twice.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analysis import names
from analysis import package as loader
from analysis.ingest import sipri
from analysis.ingest.base import Resource, conform
from analysis.ingest.metadata import RESOURCE_PROFILE
from analysis.ingest.package import VALIDATION_REPORT, report_json, write_package
from analysis.paths import DATAPACKAGE_DIR, DESCRIPTOR_PATH
from analysis.phases import heading
from tests.package_cuts import cut_package, table_path

_HASH = re.compile(r"sha256:[0-9a-f]{64}")


@pytest.fixture(autouse=True)
def _always_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loader.VALIDATED_ENV, raising=False)


@pytest.fixture(scope="module")
def descriptor() -> dict[str, Any]:
    return json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))


def _coded(descriptor: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (resource["name"], field)
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        if field["type"] == "string" and "enum" in field.get("constraints", {})
    ]


def test_every_resource_declares_the_size_and_hash_of_its_file(descriptor: dict[str, Any]) -> None:
    for resource in descriptor["resources"]:
        data = (DATAPACKAGE_DIR / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data), resource["name"]
        assert _HASH.fullmatch(resource["hash"]), resource["hash"]
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}", resource["name"]


def test_every_resource_declares_the_v2_resource_profile(descriptor: dict[str, Any]) -> None:
    assert RESOURCE_PROFILE == "https://datapackage.org/profiles/2.0/dataresource.json"
    assert {resource["$schema"] for resource in descriptor["resources"]} == {RESOURCE_PROFILE}


def test_the_package_validates_and_a_changed_file_does_not(tmp_path: Path) -> None:
    assert loader.validation_errors(DESCRIPTOR_PATH) == []
    copy = tmp_path / "package"
    shutil.copytree(DATAPACKAGE_DIR, copy, ignore=shutil.ignore_patterns(".staging*"))
    table = copy / "data" / "phases.csv"
    table.write_bytes(table.read_bytes().replace(b"Enemies first", b"Enemies First", 1))
    errors = loader.validation_errors(copy / "datapackage.json")
    assert errors and all("phases" in error for error in errors)
    assert any("hash-count" in error for error in errors)


def test_coded_fields_keep_their_enum_and_list_it_as_labelled_categories(
    descriptor: dict[str, Any],
) -> None:
    coded = _coded(descriptor)
    assert len(coded) >= 20
    for name, field in coded:
        categories = field["categories"]
        assert [c["value"] for c in categories] == field["constraints"]["enum"], (name, field["name"])
        for category in categories:
            assert set(category) == {"value", "label"}
            assert category["label"].strip() and category["label"] == " ".join(category["label"].split())
    uncoded = [
        f for r in descriptor["resources"] for f in r["schema"]["fields"]
        if "categories" in f and not (f["type"] == "string" and "enum" in f.get("constraints", {}))
    ]
    assert not uncoded


def test_category_labels_are_the_readers_names(descriptor: dict[str, Any], package: loader.DataPackage) -> None:
    titles = {source["id"]: source["title"] for source in descriptor["sources"]}
    phases = package["phases"]
    chapters = {row.chapter: heading(row.title, row.start_year, row.end_year) for row in phases.itertuples()}
    seen = set()
    for name, field in _coded(descriptor):
        labels = {c["value"]: c["label"] for c in field["categories"]}
        for value, label in labels.items():
            if field["name"] == "source_id":
                assert label == " and ".join(titles[part] for part in value.split())
                seen.add("source")
            elif field["name"] == "chapter":
                assert label == chapters[value]
                seen.add("chapter")
            elif value in names.NAMES:
                assert label == names.name(value)
                seen.add("state")
            elif field["name"] == "dyad":
                assert label == names.dyad_name(value)
                seen.add("dyad")
            elif field["name"] == "pair":
                assert label == names.pair_name(value)
                seen.add("pair")
            else:
                assert label.lower() == value.replace("_", " ").lower(), (name, field["name"], value)
    assert seen == {"source", "chapter", "state", "dyad", "pair"}


def test_the_published_validation_report_is_the_report_of_this_package(
    descriptor: dict[str, Any],
) -> None:
    text = (DATAPACKAGE_DIR / VALIDATION_REPORT).read_text(encoding="utf-8")
    assert text == report_json(loader.validation_report(DESCRIPTOR_PATH))
    report = json.loads(text)
    assert report["valid"] is True and "seconds" not in text
    tasks = {task["name"]: task for task in report["tasks"]}
    assert list(tasks) == [r["name"] for r in descriptor["resources"]]
    for resource in descriptor["resources"]:
        stats = tasks[resource["name"]]["stats"]
        assert f"sha256:{stats['sha256']}" == resource["hash"]
        assert stats["bytes"] == resource["bytes"]
        assert tasks[resource["name"]]["place"] == resource["path"]


def _transfers(tmp_path: Path) -> Resource:
    cut = cut_package(tmp_path / "cut", ["arms_transfers"], rows=30)
    table = pd.read_csv(table_path(cut, "arms_transfers"), keep_default_na=False, na_values=[""])
    spec = sipri.SOURCE.descriptors["arms_transfers"]
    return Resource("arms_transfers", conform(table, spec["schema"], "arms_transfers"), spec)


def test_the_ingest_writes_integrity_and_report_the_same_twice(tmp_path: Path) -> None:
    resource = _transfers(tmp_path)
    written = []
    for run in ("a", "b"):
        path = write_package([resource], sipri.SOURCE.origins, tmp_path / run)
        written.append({p.name: p.read_bytes() for p in path.parent.glob("*.json")})
        entry = json.loads(path.read_text(encoding="utf-8"))["resources"][0]
        data = (path.parent / entry["path"]).read_bytes()
        assert (entry["bytes"], entry["hash"]) == (len(data), f"sha256:{hashlib.sha256(data).hexdigest()}")
        assert entry["$schema"] == RESOURCE_PROFILE
        source = next(f for f in entry["schema"]["fields"] if f["name"] == "source_id")
        assert [c["value"] for c in source["categories"]] == source["constraints"]["enum"]
        assert loader.validation_errors(path) == []
    assert set(written[0]) == {"datapackage.json", VALIDATION_REPORT}
    assert written[0] == written[1]
