"""Tests of the alliance (ATOP, COW) and bilateral trade (COW Trade) ingests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import alliances, trade
from analysis.ingest.alliances import parse as ap
from analysis.ingest.base import format_table
from analysis.ingest.errors import IngestError
from analysis.ingest.package import write_package
from analysis.ingest.trade import parse as tp

FIELDS = {
    name: [f["name"] for f in d["schema"]["fields"]]
    for source in (alliances.SOURCE, trade.SOURCE)
    for name, d in source.descriptors.items()
}


# --------------------------------------------------------------------------- #
# Alliances, hand-made
# --------------------------------------------------------------------------- #


def atop_rows() -> pd.DataFrame:
    """ATOP-like directed rows: a one-sided Soviet pledge to Iran in 1946, a 1948 treaty."""
    return pd.DataFrame(
        {
            "ccode1": [365.0, 630.0, 365.0, 630.0, 2.0],
            "ccode2": [630.0, 365.0, 630.0, 365.0, 20.0],
            "year": [1946.0, 1946.0, 1948.0, 1948.0, 1948.0],
            "atop_defense": [1.0, 0.0, 0.0, 0.0, 1.0],
            "atop_offense": [0.0, 0.0, 0.0, 0.0, 0.0],
            "atop_neutral": [0.0, 0.0, 1.0, 1.0, 0.0],
            "atop_nonagg": [0.0, 0.0, 1.0, 1.0, 0.0],
            "atop_consul": [1.0, 1.0, 1.0, 1.0, 0.0],
        }
    )


def cow_rows() -> pd.DataFrame:
    """COW-like mirrored rows, ending in 1947."""
    return pd.DataFrame(
        {
            "ccode1": [365.0, 630.0, 2.0],
            "ccode2": [630.0, 365.0, 20.0],
            "year": [1946.0, 1946.0, 1947.0],
            "cow_defense": [1.0, 1.0, 1.0],
            "cow_neutral": [0.0, 0.0, 0.0],
            "cow_nonagg": [0.0, 0.0, 0.0],
            "cow_entente": [1.0, 1.0, 0.0],
        }
    )


def small_alliances(**kwargs) -> pd.DataFrame:
    return ap.alliance_table(
        kwargs.get("atop", atop_rows()),
        kwargs.get("cow", cow_rows()),
        atop_last_year=1948,
        cow_last_year=1947,
    )


def row(table: pd.DataFrame, year: int, dyad: str) -> pd.Series:
    found = table[(table["year"] == year) & (table["dyad"] == dyad)]
    assert len(found) == 1
    return found.iloc[0]


def test_alliance_table_keeps_direction_and_fills_absence_with_false() -> None:
    table = small_alliances()
    assert len(table) == 3 * 6  # 1946-1948, six directed dyads
    assert set(FIELDS["alliances"]) <= set(table.columns)
    assert not table.duplicated(["year", "dyad"]).any()
    soviet = row(table, 1946, "RUS-IRN")
    iranian = row(table, 1946, "IRN-RUS")
    assert bool(soviet["atop_defense"]) is True
    assert bool(iranian["atop_defense"]) is False  # the pledge was one-sided
    assert bool(soviet["russia_is_ussr"]) is True
    assert bool(row(table, 1947, "RUS-IRN")["atop_consultation"]) is False  # absent row
    usa_iran = row(table, 1946, "USA-IRN")
    assert not usa_iran[["atop_defense", "cow_defense", "cow_entente"]].astype(bool).any()


def test_alliance_table_leaves_years_after_coverage_missing() -> None:
    table = small_alliances()
    late = row(table, 1948, "IRN-RUS")
    assert bool(late["atop_neutrality"]) is True
    for column in ("cow_defense", "cow_neutrality", "cow_nonaggression", "cow_entente"):
        assert late[column] is pd.NA
    assert late["source_id"] == "atop"
    assert row(table, 1947, "IRN-RUS")["source_id"] == "atop cow-alliance"
    assert str(table["cow_defense"].dtype) == "boolean"


def test_alliance_indicator_other_than_0_or_1_names_row_and_field() -> None:
    cow = cow_rows()
    cow.loc[1, "cow_nonagg"] = 9.0
    with pytest.raises(IngestError) as caught:
        ap.alliance_table(atop_rows(), cow, cow_path="cow.rda", atop_last_year=1948, cow_last_year=1947)
    assert (caught.value.path, caught.value.line, caught.value.field) == ("cow.rda", 2, "cow_nonagg")


def test_alliance_missing_column_is_refused() -> None:
    with pytest.raises(IngestError) as caught:
        small_alliances(atop=atop_rows().drop(columns=["atop_consul"]))
    assert caught.value.field == "atop_consul"


def test_alliance_dataset_ending_elsewhere_is_refused() -> None:
    with pytest.raises(IngestError) as caught:
        ap.alliance_table(atop_rows(), cow_rows(), atop_last_year=1950, cow_last_year=1947)
    assert caught.value.field == "year" and "1948" in caught.value.reason


def test_alliance_duplicated_dyad_year_is_refused() -> None:
    atop = pd.concat([atop_rows(), atop_rows().iloc[[0]]], ignore_index=True)
    with pytest.raises(IngestError) as caught:
        small_alliances(atop=atop)
    assert caught.value.line == 6


def test_alliance_changed_raw_file_fails_the_checksum(tmp_path: Path) -> None:
    for relative in alliances.SOURCE.origin(ap.ATOP_ID).files | alliances.SOURCE.origin(ap.COW_ID).files:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(b"not an R file")
    with pytest.raises(IngestError) as caught:
        alliances.SOURCE.build(tmp_path)
    assert caught.value.path == str(tmp_path / alliances.ATOP_FILE)
    assert "checksum" in caught.value.reason


# --------------------------------------------------------------------------- #
# Trade, hand-made
# --------------------------------------------------------------------------- #


def dyadic_rows() -> pd.DataFrame:
    """COW-like dyadic rows: USSR (365) and Iran (630); US (2) and Iran."""
    return pd.DataFrame(
        {
            "ccode1": [365.0, 365.0, 2.0, 2.0],
            "ccode2": [630.0, 630.0, 630.0, 630.0],
            "year": [1948.0, 1980.0, 1948.0, 1950.0],
            "flow1": [3.0, -9.0, 32.0, 25.0],
            "flow2": [1.0, 819.0, 39.0, 68.0],
            "smoothflow1": [3.0, None, 32.0, 25.0],
            "smoothflow2": [1.0, 188.0, 39.0, 68.0],
        }
    )


def national_rows() -> pd.DataFrame:
    """COW-like national rows (ccode, year, imports, exports): Iran (630) and one US row."""
    rows = [
        (630.0, 1948.0, 129.0, 580.0),
        (630.0, 1950.0, 167.3999938964844, -9.0),
        (630.0, 1980.0, 10849.0, 14107.0),
        (2.0, 1948.0, 1.0, 1.0),
    ]
    return pd.DataFrame(rows, columns=tp.NATIONAL_COLUMNS)


def flow(table: pd.DataFrame, year: int, importer: str, exporter: str) -> pd.Series:
    found = table[
        (table["year"] == year) & (table["importer"] == importer) & (table["exporter"] == exporter)
    ]
    assert len(found) == 1
    return found.iloc[0]


def test_trade_minus_nine_becomes_missing_not_zero() -> None:
    table = tp.trade_table(dyadic_rows(), national_rows())
    soviet_imports = flow(table, 1980, "RUS", "IRN")
    assert soviet_imports["value_musd"] is pd.NA
    assert soviet_imports["share_of_iran_total"] is pd.NA
    soviet_csv = table[(table["year"] == 1980) & (table["importer"] == "RUS")]
    assert format_table(soviet_csv).splitlines()[1].startswith("1980,RUS,IRN,,,true,14107.0,,")
    iranian_imports = flow(table, 1980, "IRN", "RUS")
    assert iranian_imports["value_musd"] == 819.0
    assert iranian_imports["smoothed_value_musd"] == 188.0


def test_trade_directions_follow_flow1_and_flow2() -> None:
    table = tp.trade_table(dyadic_rows(), national_rows())
    assert flow(table, 1948, "RUS", "IRN")["value_musd"] == 3.0  # flow1: 365 imports from 630
    assert flow(table, 1948, "IRN", "RUS")["value_musd"] == 1.0  # flow2: 630 imports from 365
    assert flow(table, 1948, "USA", "IRN")["value_musd"] == 32.0
    share = flow(table, 1948, "IRN", "USA")["share_of_iran_total"]
    assert share == pytest.approx(round(39 / 129, 6))
    assert flow(table, 1948, "RUS", "IRN")["iran_total_musd"] == 580.0  # Iran's exports


def test_trade_unlisted_years_are_missing_and_flagged() -> None:
    table = tp.trade_table(dyadic_rows(), national_rows())
    assert table["year"].min() == 1948  # 1946-1947: no pair listed, no rows
    gap = flow(table, 1950, "IRN", "RUS")
    assert bool(gap["dyad_year_reported"]) is False
    assert gap["value_musd"] is pd.NA and gap["smoothed_value_musd"] is pd.NA
    assert flow(table, 1950, "IRN", "USA")["iran_total_musd"] == 167.4
    assert flow(table, 1950, "USA", "IRN")["iran_total_musd"] is pd.NA  # exports were -9
    assert set(FIELDS["bilateral_trade"]) <= set(table.columns)
    assert not table.duplicated(["year", "importer", "exporter"]).any()


def test_trade_other_negative_value_names_row_and_field() -> None:
    dyadic = dyadic_rows()
    dyadic.loc[2, "smoothflow2"] = -4.0
    with pytest.raises(IngestError) as caught:
        tp.trade_table(dyadic, national_rows(), dyadic_path="ndy.rda")
    # rows of the US-Iran pair: the 1948 row is its first
    assert (caught.value.path, caught.value.field) == ("ndy.rda", "smoothflow2")
    assert caught.value.line == 1


def test_trade_missing_column_is_refused() -> None:
    with pytest.raises(IngestError) as caught:
        tp.trade_table(dyadic_rows().drop(columns=["smoothflow1"]), national_rows())
    assert caught.value.field == "smoothflow1"


def test_trade_missing_raw_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        trade.SOURCE.build(tmp_path)
    assert "missing" in caught.value.reason


# --------------------------------------------------------------------------- #
# Real data
# --------------------------------------------------------------------------- #

CODES = {2: "USA", 365: "RUS", 630: "IRN"}


@pytest.fixture(scope="module")
def alliance_table(sources_dir: Path) -> pd.DataFrame:
    return alliances.SOURCE.build(sources_dir)[0].table


@pytest.fixture(scope="module")
def trade_table(sources_dir: Path) -> pd.DataFrame:
    return trade.SOURCE.build(sources_dir)[0].table


@pytest.mark.sources
def test_real_alliances_rows_and_headlines(alliance_table: pd.DataFrame) -> None:
    table = alliance_table
    years = ap.ATOP_LAST_YEAR - ap.FIRST_YEAR + 1
    assert len(table) == len(ap.DYADS) * years  # every dyad in every year
    assert table["cow_defense"].isna().sum() == len(ap.DYADS) * (ap.ATOP_LAST_YEAR - ap.COW_LAST_YEAR)
    rus_irn = table[table["dyad"] == "RUS-IRN"].set_index("year")
    treaty = rus_irn.loc[2001:2018]
    assert treaty["atop_neutrality"].all() and treaty["atop_nonaggression"].all()
    assert treaty["atop_consultation"].all() and not treaty["atop_defense"].any()
    assert not rus_irn.loc[1947:2000, "atop_consultation"].any()
    assert not rus_irn.loc[1947:2012, ["cow_defense", "cow_entente"]].any().any()
    # ATOP's 1959 US pledge to Iran is one-sided
    assert table[(table["dyad"] == "USA-IRN") & table["year"].between(1959, 1979)]["atop_defense"].all()
    assert not table[table["dyad"] == "IRN-USA"]["atop_defense"].any()


@pytest.mark.sources
def test_real_alliances_agree_with_derived(alliance_table: pd.DataFrame, sources_dir: Path) -> None:
    derived = pd.read_csv(sources_dir / "alliances" / "alliances_RUS_IRN_USA_directed_dyad_years_derived.csv")
    derived = derived[derived["year"] >= 1946].copy()
    derived["dyad"] = derived["ccode1"].map(CODES) + "-" + derived["ccode2"].map(CODES)
    ours = alliance_table.set_index(["year", "dyad"])
    theirs = derived.set_index(["year", "dyad"])
    renamed = {**{k: v for k, v in ap.ATOP_COLUMNS.items()}, **ap.COW_COLUMNS}
    assert len(theirs) > 0
    for source_column, our_column in renamed.items():
        mine = ours.loc[theirs.index, our_column].astype("Float64").fillna(-1).to_numpy()
        other = theirs[source_column].astype("Float64").fillna(-1).to_numpy()
        assert (mine == other).all(), our_column
    flags = list(renamed.values())
    others = ours.drop(index=theirs.index)
    assert not others[flags].fillna(False).astype(bool).any().any()


@pytest.mark.sources
def test_real_trade_rows_and_headlines(trade_table: pd.DataFrame) -> None:
    table = trade_table
    per_year = table.groupby("year").size()
    assert (per_year == 2 * len(tp.PARTNERS)).all()  # both directions with each partner
    assert list(per_year.index) == list(range(per_year.index.min(), tp.LAST_YEAR + 1))
    soviet_1980 = flow(table, 1980, "RUS", "IRN")
    assert soviet_1980["value_musd"] is pd.NA  # missing in COW, not zero
    iran_1980 = flow(table, 1980, "IRN", "RUS")
    assert (iran_1980["value_musd"], iran_1980["smoothed_value_musd"]) == (819.0, 188.0)
    assert flow(table, 2011, "IRN", "RUS")["value_musd"] == 3599.0
    assert (~table["dyad_year_reported"]).sum() == 2 * 5  # RUS-IRN 1952-53, 1970-72


@pytest.mark.sources
def test_real_trade_agrees_with_derived(trade_table: pd.DataFrame, sources_dir: Path) -> None:
    derived = pd.read_csv(sources_dir / "trade" / "cow_trade_RUS_IRN_USA_1946_2014_derived.csv").set_index("year")
    checks = {
        "imports_RUS_from_IRN": ("RUS", "IRN", "value_musd"),
        "imports_IRN_from_RUS": ("IRN", "RUS", "value_musd"),
        "smooth_imports_RUS_from_IRN": ("RUS", "IRN", "smoothed_value_musd"),
        "smooth_imports_IRN_from_RUS": ("IRN", "RUS", "smoothed_value_musd"),
        "imports_USA_from_IRN": ("USA", "IRN", "value_musd"),
        "imports_IRN_from_USA": ("IRN", "USA", "value_musd"),
        "IRN_total_imports": ("IRN", "RUS", "iran_total_musd"),
        "IRN_total_exports": ("RUS", "IRN", "iran_total_musd"),
    }
    for column, (importer, exporter, ours) in checks.items():
        rows = trade_table[(trade_table["importer"] == importer) & (trade_table["exporter"] == exporter)]
        mine = rows.set_index("year")[ours].astype(float).reindex(derived.index)
        assert (mine.isna() == derived[column].isna()).all(), column
        assert (mine - derived[column]).abs().max() <= 0.01, column


@pytest.mark.sources
def test_real_builds_are_deterministic_and_validate(tmp_path: Path, sources_dir: Path) -> None:
    resources = alliances.SOURCE.build(sources_dir) + trade.SOURCE.build(sources_dir)
    again = alliances.SOURCE.build(sources_dir) + trade.SOURCE.build(sources_dir)
    for a, b in zip(resources, again, strict=True):
        assert format_table(a.table) == format_table(b.table)
    write_package(resources, alliances.SOURCE.origins + trade.SOURCE.origins, tmp_path / "pkg")
    assert (tmp_path / "pkg" / "data" / "bilateral_trade.csv").is_file()
