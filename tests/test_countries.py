"""Tests of the SIPRI country-name to ISO 3166-1 alpha-3 mapping."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.ingest import countries, sipri
from analysis.ingest.base import csv_records, decode_ascii
from analysis.ingest.sipri import deals as sd
from analysis.ingest.sipri import parse as sp
from analysis.ingest.countries import (
    NO_CODE,
    OVERRIDES,
    UnknownCountryName,
    is_non_state,
    iso3_for,
    series_for,
)
from analysis.names import SOVIET_RUSSIA
from analysis.paths import default_sources_dir

EXPECTED_CODES: dict[str, str | None] = {
    # 2022 and 2025 spellings of the same states
    "Turkey": "TUR",
    "Turkiye": "TUR",
    "Viet Nam": "VNM",
    "UAE": "ARE",
    "North Korea": "PRK",
    "South Korea": "KOR",
    "Iran": "IRN",
    "Russia": "RUS",
    "Syria": "SYR",
    "DR Congo": "COD",
    "Congo": "COG",
    "Cote d'Ivoire": "CIV",
    "Bosnia-Herzegovina": "BIH",
    "eSwatini": "SWZ",
    "Palestine": "PSE",
    "Taiwan": "TWN",
    "United States": "USA",
    "United Kingdom": "GBR",
    "Western Sahara": "ESH",
    # states that no longer exist
    "Soviet Union": "SUN",
    "Czechoslovakia": "CSK",
    "East Germany (GDR)": "DDR",
    "Yugoslavia": "YUG",
    "South Yemen": "YMD",
    "North Yemen": "YEM",
    "Yemen Arab Republic (North Yemen)": "YEM",
    "South Vietnam": "VNM",
    # non-state, multinational, unknown: never a code
    "Hezbollah (Lebanon)*": None,
    "Houthi rebels (Yemen)*": None,
    "Libya HoR*": None,
    "HoR (Libya)*": None,
    "NATO**": None,
    "African Union**": None,
    "United Nations**": None,
    "European Union**": None,
    "Unknown supplier(s)": None,
    "unknown supplier(s)": None,
    "Unknown recipient(s)": None,
    "unknown recipient(s)": None,
    "Kosovo": None,
    "Northern Cyprus": None,
    "Libya GNC": None,
}


@pytest.mark.parametrize(("name", "code"), sorted(EXPECTED_CODES.items()))
def test_iso3_for_known_names(name: str, code: str | None) -> None:
    assert iso3_for(name) == code


@pytest.mark.parametrize("name", ["Persia", "Russian Empire", "Iran ", "USSR", "Turkey*x"])
def test_unseen_name_raises(name: str) -> None:
    with pytest.raises(UnknownCountryName, match="unknown SIPRI country name"):
        iso3_for(name)


def test_overrides_are_real_iso_codes() -> None:
    current = {c.alpha_3 for c in pycountry.countries}
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    for name, code in OVERRIDES.items():
        assert code in current | historic, (name, code)


def test_historic_states_use_iso_3166_3_codes() -> None:
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    for name in ("Soviet Union", "Czechoslovakia", "East Germany (GDR)", "Yugoslavia", "South Yemen"):
        assert OVERRIDES[name] in historic


def test_no_name_is_both_overridden_and_codeless() -> None:
    assert not set(OVERRIDES) & NO_CODE


@given(st.text(min_size=1, max_size=30).map(lambda s: s + "*"))
def test_any_starred_name_is_non_state(name: str) -> None:
    assert is_non_state(name)
    assert iso3_for(name) is None


def test_series_joins_soviet_union_and_russia() -> None:
    assert series_for("Soviet Union") == series_for("Russia") == SOVIET_RUSSIA
    assert series_for("Turkey") == series_for("Turkiye") == "TUR"
    assert series_for("NATO**") == "NATO**"
    assert series_for("unknown supplier(s)") == "unknown supplier(s)"


def real_names(sources: Path) -> set[str]:
    """Every supplier and recipient name in the three SIPRI layouts read."""
    names: set[str] = set()
    for path in sipri.tiv_table_paths(sources):
        table = sp.read_tiv_table(path)
        names |= set(table["supplier"]) | set(table["recipient"])
        names.add(sp.table_supplier(csv_records(decode_ascii(path)), path))
    register = sp.read_delivery_register(sources / sipri.DELIVERY_REGISTER)
    deals = sd.read_deal_register(sources / sipri.DEAL_REGISTER)
    for frame in (register, deals):
        names |= set(frame["supplier"]) | set(frame["recipient"])
    return names


@pytest.mark.sources
def test_every_name_in_the_real_files_resolves() -> None:
    sources = default_sources_dir()
    if not (sources / "sipri").is_dir():
        pytest.skip(f"raw SIPRI files not found under {sources}")
    names = real_names(sources)
    assert len(names) > 250
    failures = []
    for name in sorted(names):
        try:
            iso3_for(name)
        except UnknownCountryName:
            failures.append(name)
    assert failures == []
    # The parties the study is about resolve to the expected codes.
    assert {iso3_for(n) for n in names if n in ("Iran", "Russia", "Soviet Union")} == {
        "IRN", "RUS", "SUN"
    }
    # Every explicit entry is used by some file: no stale entries.
    assert (set(OVERRIDES) | NO_CODE) - names == set()


def test_module_docstring_names_the_rules() -> None:
    assert countries.__doc__ is not None and "UnknownCountryName" in countries.__doc__
