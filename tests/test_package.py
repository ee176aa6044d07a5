"""The one loader: validation, typing, caching, clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import datapackage as dp
from analysis.paths import DATAPACKAGE_DIR


def test_package_loads_typed_tables(package) -> None:
    transfers = package["arms_transfers"]
    assert str(transfers["year"].dtype) == "Int64"
    assert str(transfers["tiv"].dtype) == "Float64"
    assert str(transfers["supplier"].dtype) == "string"
    events = package["events"]
    assert pd.api.types.is_datetime64_any_dtype(events["start_date"])


def test_every_resource_is_loaded(package) -> None:
    names = {r["name"] for r in package.descriptor["resources"]}
    assert set(package) == names
    for name in names:
        assert len(package[name]) > 0, name


def test_loader_validates_once_per_process(monkeypatch) -> None:
    monkeypatch.delenv(dp.VALIDATED_ENV, raising=False)
    calls = []
    original = dp.validation_errors
    monkeypatch.setattr(dp, "validation_errors", lambda p, limit=20: calls.append(p) or original(p))
    dp._load.cache_clear()
    first = dp.load_package()
    second = dp.load_package()
    assert first is second
    assert len(calls) == 1


def test_tables_are_copies(package) -> None:
    table = package["arms_transfers"]
    table.loc[:, "tiv"] = -1.0
    assert (package["arms_transfers"]["tiv"] >= 0).all()


def test_unknown_resource_is_named(package) -> None:
    with pytest.raises(KeyError, match="no resource 'nope'"):
        package["nope"]


def _copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(DATAPACKAGE_DIR, target, ignore=shutil.ignore_patterns(".staging-*"))
    return target


def test_invalid_cell_is_reported_with_file_row_field(tmp_path: Path) -> None:
    target = _copy_package(tmp_path)
    csv = target / "data" / "arms_transfers.csv"
    lines = csv.read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[5].split(",")
    cells[header.index("tiv")] = "lots"
    lines[5] = ",".join(cells)
    csv.write_text("\n".join(lines) + "\n")
    with pytest.raises(dp.PackageInvalidError) as error:
        dp.load_package(target / "datapackage.json")
    message = str(error.value)
    assert "arms_transfers" in message and "row 6" in message and "'tiv'" in message


def test_descriptor_documents_every_field(package) -> None:
    for resource in package.descriptor["resources"]:
        assert resource.get("title") and resource.get("description"), resource["name"]
        assert resource.get("licenses"), resource["name"]
        schema = resource["schema"]
        assert schema.get("primaryKey"), resource["name"]
        for field in schema["fields"]:
            assert field.get("title") and field.get("description"), (resource["name"], field["name"])


def test_tiv_is_never_called_money(package) -> None:
    for resource in package.descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if field["name"].startswith("tiv"):
                text = field["description"].lower()
                assert "trend-indicator" in text and "not" in text, field["name"]


def test_descriptor_is_v2_and_offline(package) -> None:
    assert package.descriptor["$schema"].endswith("/2.0/datapackage.json")
    text = json.dumps(package.descriptor)
    assert "profile" not in package.descriptor
    assert '"schema": "http' not in text


def test_a_build_validates_once_and_its_kernels_trust_the_same_bytes(monkeypatch) -> None:
    calls = []
    original = dp.validation_errors
    monkeypatch.setattr(dp, "validation_errors", lambda p, limit=20: calls.append(p) or original(p))
    monkeypatch.delenv(dp.VALIDATED_ENV, raising=False)
    descriptor = DATAPACKAGE_DIR / "datapackage.json"
    fingerprint = dp.validate_package(descriptor)
    assert len(calls) == 1
    monkeypatch.setenv(dp.VALIDATED_ENV, fingerprint)
    assert dp.validate_package(descriptor) == fingerprint
    assert len(calls) == 1  # same bytes: not validated again


def test_a_changed_package_is_validated_despite_the_mark(tmp_path: Path, monkeypatch) -> None:
    target = _copy_package(tmp_path)
    monkeypatch.setenv(dp.VALIDATED_ENV, dp.package_fingerprint(target / "datapackage.json"))
    csv = target / "data" / "arms_transfers.csv"
    csv.write_text(csv.read_text().replace(",2000,", ",20x0,", 1))
    with pytest.raises(dp.PackageInvalidError, match="arms_transfers"):
        dp.validate_package(target / "datapackage.json")
