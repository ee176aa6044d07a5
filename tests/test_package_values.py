"""Implausible values never reach the book: the same rules in ``make data`` and the loader.

Each test corrupts a small copy of the real package (or a staged one) and checks
that the value is refused with a message naming file, row or line, field and
value. Also: chart specs never serialise NaN or infinity.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis import package as loader
from analysis.ingest import sipri
from analysis.ingest.base import Resource, conform
from analysis.ingest.errors import IngestError
from analysis.ingest import metadata
from analysis.ingest.package import check_staged_package, write_package
from analysis.site.render import spec_json
from tests.package_cuts import refused as _refused
from tests.package_cuts import cut_package, edit_descriptor, field_of, set_cell, table_path


@pytest.fixture(autouse=True)
def _always_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loader.VALIDATED_ENV, raising=False)


@pytest.mark.parametrize("value", ["inf", "-inf", "Infinity", "nan", "1e300", "1e400", "-1"])
def test_loader_refuses_implausible_tiv(tmp_path: Path, value: str) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    row = set_cell(descriptor, "arms_transfers", 3, "tiv", value)
    message = _refused(descriptor)
    assert "data/arms_transfers.csv" in message and f"row {row}" in message
    assert "field 'tiv'" in message and repr(value) in message


def test_finite_rule_holds_without_any_range_constraint(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    edit_descriptor(descriptor, lambda d: field_of(d, "arms_transfers", "tiv")["constraints"].clear())
    for value in ("inf", "nan", "1e400"):
        row = set_cell(descriptor, "arms_transfers", 1, "tiv", value)
        errors = loader.validation_errors(descriptor)
        assert errors, value
        assert f"row {row}" in errors[0] and "'tiv'" in errors[0]
        assert f"{value!r} is not a finite number" in errors[0]


def test_finite_rule_is_the_one_function(tmp_path: Path) -> None:
    assert not loader.is_finite_number(float("nan"))
    assert not loader.is_finite_number("1e400")
    assert loader.is_finite_number("4461.0")


def test_tiv_maximum_is_documented_with_headroom(package: loader.DataPackage) -> None:
    entry = package.field("arms_transfers", "tiv")
    maximum = entry["constraints"]["maximum"]
    assert entry["constraints"]["minimum"] == 0
    largest = float(package["arms_transfers"]["tiv"].max())
    assert 5 * largest <= maximum <= 100 * largest
    assert f"{maximum:,}" in entry["description"]


def test_event_after_the_package_date_is_refused(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["phases", "events"])
    row = set_cell(descriptor, "events", 2, "start_date", "3024-01-01")
    message = _refused(descriptor)
    assert "data/events.csv" in message and f"row {row}" in message
    assert "'start_date'" in message and "3024-01-01" in message and metadata.PACKAGE_DATE in message


def test_event_date_text_in_another_millennium_is_refused(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["phases", "events"])
    row = set_cell(descriptor, "events", 2, "date", "3024")
    message = _refused(descriptor)
    assert f"row {row}" in message and "'date'" in message and "'3024'" in message


def test_package_date_is_the_descriptor_date_not_the_clock(package: loader.DataPackage) -> None:
    assert package.descriptor["created"].startswith(metadata.PACKAGE_DATE)
    assert package.field("events", "start_date")["constraints"]["maximum"] == metadata.PACKAGE_DATE


@pytest.mark.parametrize(
    ("resource", "field", "value"),
    [
        ("arms_transfers", "year", "1800"),
        ("arms_deals", "last_delivery_year", "3024"),
        ("arms_deals", "first_delivery_year", "1800"),
        ("un_votes", "session", "300"),
        ("un_votes", "agreement", "1.5"),
        ("un_vote_partners", "n_partners", "900"),
        ("bilateral_trade", "share_of_iran_total", "1.5"),
        ("bilateral_trade", "value_musd", "1e300"),
        ("alliances", "year", "1800"),
    ],
)
def test_values_outside_the_source_span_are_refused(
    tmp_path: Path, resource: str, field: str, value: str
) -> None:
    descriptor = cut_package(tmp_path, [resource])
    row = set_cell(descriptor, resource, 0, field, value)
    message = _refused(descriptor)
    assert f"data/{resource}.csv" in message and f"row {row}" in message
    assert f"field {field!r}" in message and value in message


def test_every_number_field_has_a_range(package: loader.DataPackage) -> None:
    for resource in package.descriptor["resources"]:
        for entry in resource["schema"]["fields"]:
            if entry["type"] == "number":
                constraints = entry.get("constraints", {})
                assert "minimum" in constraints and "maximum" in constraints, entry["name"]


# --- the same rules in make data -------------------------------------------------


def _transfers_resource(tmp_path: Path, tiv: float) -> Resource:
    descriptor = cut_package(tmp_path / "cut", ["arms_transfers"])
    table = pd.read_csv(table_path(descriptor, "arms_transfers"), keep_default_na=False, na_values=[""])
    table.loc[2, "tiv"] = tiv
    spec = sipri.SOURCE.descriptors["arms_transfers"]
    return Resource("arms_transfers", conform(table, spec["schema"], "arms_transfers"), spec)


@pytest.mark.parametrize("tiv", [math.inf, 1e300, -1.0])
def test_make_data_refuses_implausible_tiv(tmp_path: Path, tiv: float) -> None:
    out = tmp_path / "pkg"
    with pytest.raises(IngestError) as error:
        write_package([_transfers_resource(tmp_path, tiv)], sipri.SOURCE.origins, out)
    assert error.value.path == "data/arms_transfers.csv" and error.value.field == "tiv"
    assert error.value.line == 4 and str(tiv) in str(error.value)
    assert not out.exists()


def test_staged_check_applies_the_finite_rule(tmp_path: Path) -> None:
    descriptor = cut_package(tmp_path, ["arms_transfers"])
    edit_descriptor(descriptor, lambda d: field_of(d, "arms_transfers", "tiv")["constraints"].clear())
    set_cell(descriptor, "arms_transfers", 1, "tiv", "nan")
    with pytest.raises(IngestError, match="'nan' is not a finite number") as error:
        check_staged_package(descriptor)
    assert error.value.field == "tiv" and error.value.line == 3


# --- chart specs -------------------------------------------------------------------


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_spec_json_refuses_non_finite_values_naming_the_chart(value: float) -> None:
    spec = {"title": {"text": "Soviet and Russian exports"},
            "datasets": {"d1": [{"year": 1990, "tiv": 1.0}, {"year": 1991, "tiv": value}]}}
    with pytest.raises(ValueError, match="Soviet and Russian exports") as error:
        spec_json(spec)
    assert "datasets.d1[1].tiv" in str(error.value)


def test_static_export_refuses_non_finite_values(tmp_path: Path) -> None:
    from analysis.site.sphinx_vega import export_chart

    with pytest.raises(ValueError):
        export_chart({"title": "x", "data": {"values": [{"a": math.nan}]}, "mark": "bar"},
                     "nan-chart", tmp_path)
    assert not (tmp_path / "nan-chart.json").exists()
