"""The one loader (``analysis.package``): validation, typing, caching, clear errors.

The real package is checked against its own descriptor; validation behaviour is
checked on a small package cut from it (a few rows of one table), so that no
test depends on a release's figures and none pays for validating every table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import package as loader
from analysis.package import DataPackage
from tests.package_cuts import cut_package, set_cell

#: The table the small package keeps, and how many of its rows.
SMALL_TABLE = "arms_transfers"
SMALL_ROWS = 8


@pytest.fixture
def small_package(tmp_path: Path) -> Path:
    """A valid package holding the first rows of one real table; returns its descriptor."""
    return cut_package(tmp_path, [SMALL_TABLE], rows=SMALL_ROWS)


def _count_validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record the path of every Frictionless validation the loader runs."""
    calls: list[Path] = []
    original = loader.validation_errors

    def counted(path: Path, limit: int = 20) -> list[str]:
        calls.append(path)
        return original(path, limit)

    monkeypatch.setattr(loader, "validation_errors", counted)
    monkeypatch.delenv(loader.VALIDATED_ENV, raising=False)
    return calls


def _expected_dtype(kind: str) -> str:
    return "datetime64" if kind in ("date", "datetime") else loader.DTYPES.get(kind, "string")


def test_every_field_has_the_dtype_its_schema_declares(package: DataPackage) -> None:
    for resource in package.descriptor["resources"]:
        table = package[resource["name"]]
        for entry in resource["schema"]["fields"]:
            actual = str(table[entry["name"]].dtype)
            expected = _expected_dtype(entry.get("type", "string"))
            assert actual.startswith(expected), (resource["name"], entry["name"], actual)


def test_every_resource_is_loaded(package: DataPackage) -> None:
    names = {r["name"] for r in package.descriptor["resources"]}
    assert set(package) == names
    for name in names:
        assert len(package[name]) > 0, name


def test_tables_are_copies(package: DataPackage) -> None:
    table = package[SMALL_TABLE]
    table.loc[:, "tiv"] = -1.0
    assert (package[SMALL_TABLE]["tiv"] >= 0).all()


def test_unknown_resource_is_named(package: DataPackage) -> None:
    with pytest.raises(KeyError, match="no resource 'nope'"):
        package["nope"]


def test_loader_validates_once_per_process(
    small_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_validations(monkeypatch)
    first = loader.load_package(small_package)
    second = loader.load_package(str(small_package))
    assert first is second
    assert len(calls) == 1
    assert len(first[SMALL_TABLE]) == SMALL_ROWS


def test_invalid_cell_is_reported_with_file_row_field(small_package: Path) -> None:
    row = set_cell(small_package, SMALL_TABLE, SMALL_ROWS // 2, "tiv", "lots")
    with pytest.raises(loader.PackageInvalidError) as error:
        loader.load_package(small_package)
    message = str(error.value)
    assert SMALL_TABLE in message and f"row {row}" in message and "'tiv'" in message


def test_descriptor_documents_every_field(package: DataPackage) -> None:
    for resource in package.descriptor["resources"]:
        assert resource.get("title") and resource.get("description"), resource["name"]
        assert resource.get("licenses"), resource["name"]
        schema = resource["schema"]
        assert schema.get("primaryKey"), resource["name"]
        for field in schema["fields"]:
            assert field.get("title") and field.get("description"), (resource["name"], field["name"])


def test_tiv_is_never_called_money(package: DataPackage) -> None:
    for resource in package.descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if field["name"].startswith("tiv"):
                text = field["description"].lower()
                assert "trend-indicator" in text and "not" in text, field["name"]


def test_descriptor_is_v2_and_offline(package: DataPackage) -> None:
    assert package.descriptor["$schema"].endswith("/2.0/datapackage.json")
    text = json.dumps(package.descriptor)
    assert "profile" not in package.descriptor
    assert '"schema": "http' not in text


def test_a_build_validates_once_and_its_kernels_trust_the_same_bytes(
    small_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_validations(monkeypatch)
    fingerprint = loader.validate_package(small_package)
    assert len(calls) == 1
    monkeypatch.setenv(loader.VALIDATED_ENV, fingerprint)
    assert loader.validate_package(small_package) == fingerprint
    assert len(calls) == 1  # same bytes: not validated again


def test_a_changed_package_is_validated_despite_the_mark(
    small_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(loader.VALIDATED_ENV, loader.package_fingerprint(small_package))
    set_cell(small_package, SMALL_TABLE, 0, "year", "20x0")
    with pytest.raises(loader.PackageInvalidError, match=SMALL_TABLE):
        loader.validate_package(small_package)
