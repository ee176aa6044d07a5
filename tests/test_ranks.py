"""Tests of analysis.ranks: customer ranks and supplier shares, by hand and recomputed."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings

from analysis import ranks as R
from tests.arms_frames import HAND, fix_series, joined_tables, rows_strategy, span


def test_customer_table_hand() -> None:
    table = R.customer_table(HAND, "SUN+RUS", 1990, 1992)
    assert table["recipient"].tolist() == ["Iraq", "China", "India", "Iran"]
    assert table["rank"].tolist() == [1, 2, 2, 2]
    assert table["tiv"].tolist() == [50.0, 30.0, 30.0, 30.0]
    assert table["share"].sum() == pytest.approx(1.0)
    assert table.loc[0, "share"] == pytest.approx(50 / 140)


def test_customer_rank_hand() -> None:
    result = R.customer_rank(HAND, "RUS", "IRN", 1992, 1992)
    assert result.rank == 3 and result.n_customers == 3
    assert result.tiv == 20.0 and result.total_tiv == 80.0
    assert result.share == pytest.approx(0.25)
    assert result.leaders == ("China", "India", "Iran")


def test_customer_rank_errors() -> None:
    with pytest.raises(ValueError, match="IRQ"):
        R.customer_rank(HAND, "RUS", "IRQ", 1992, 1992)
    with pytest.raises(ValueError, match="XXX"):
        R.customer_table(HAND, "XXX", 1990, 1992)
    with pytest.raises(ValueError, match="empty year window"):
        R.customer_table(HAND, "RUS", 1992, 1990)
    with pytest.raises(ValueError, match="outside"):
        R.customer_table(HAND, "RUS", 1980, 1992)


def test_supplier_shares_hand() -> None:
    shares = R.supplier_shares(HAND, "IRN", [(1990, 1990), (1990, 1992)])
    first = shares[shares["period"] == "1990–1990"]
    assert first["supplier"].tolist() == ["Soviet Union/Russia"]
    second = shares[shares["period"] == "1990–1992"].set_index("supplier")["share"]
    assert second["Soviet Union/Russia"] == pytest.approx(0.75)
    assert second["China"] == pytest.approx(0.25)


def test_top_partners_hand() -> None:
    top = R.top_partners(HAND, "SUN+RUS", "supplier", 1990, 1992, n=2)
    assert top["partner"].tolist() == ["Iraq", "China", "India", "Iran"]  # ties at rank 2
    suppliers = R.top_partners(HAND, "IRN", "recipient", 1990, 1992, n=1)
    assert suppliers["partner"].tolist() == ["Soviet Union/Russia"]
    with pytest.raises(ValueError, match="role"):
        R.top_partners(HAND, "IRN", "buyer", 1990, 1992)  # type: ignore[arg-type]


def test_customer_years_keeps_totals() -> None:
    years = R.customer_years(HAND, "SUN+RUS", 1990, 1992, top=1, always=["IRN"])
    assert years["tiv"].sum() == pytest.approx(140.0)
    assert set(years["recipient"]) == {"Iraq", "Iran", "Others"}


# --- properties -------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(rows_strategy)
def test_shares_sum_to_one(rows: list[tuple[str, str, int, float]]) -> None:
    data = fix_series(rows)
    lo, hi = span(data)
    recipient = data["recipient_code"].iloc[0]
    periods = [(lo, hi)] if lo == hi else [(lo, hi), (lo, lo)]
    shares = R.supplier_shares(data, recipient, periods)
    for _, group in shares.groupby("period"):
        assert group["share"].sum() == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(rows_strategy)
def test_ranks_consistent_with_tiv(rows: list[tuple[str, str, int, float]]) -> None:
    data = fix_series(rows)
    data["supplier_code"] = "CHN"
    lo, hi = span(data)
    table = R.customer_table(data, "CHN", lo, hi)
    for _, row in table.iterrows():
        assert row["rank"] == 1 + int((table["tiv"] > row["tiv"]).sum())
    assert table["rank"].min() == 1
    assert table["tiv"].is_monotonic_decreasing


@settings(max_examples=60, deadline=None)
@given(joined_tables)
def test_joined_customers_never_double_count(data: pd.DataFrame) -> None:
    joined = R.customer_table(data, "SUN+RUS", *span(data))["tiv"].sum()
    separate = data.loc[data["supplier_code"].isin(["SUN", "RUS"]), "tiv"].sum()
    assert joined == pytest.approx(separate)


# --- the real package, recomputed with plain pandas -------------------------------


def _customers(arms: pd.DataFrame, start: int, end: int) -> pd.Series:
    rows = arms[arms["supplier_code"].isin(["SUN", "RUS"]) & arms["year"].between(start, end)]
    totals = rows.groupby("recipient")["tiv"].sum().astype("float64")
    return totals[totals > 0].sort_values(ascending=False)


@pytest.mark.parametrize("window", [(2000, 2000), (1992, 2000), (1996, 2000), (1998, 2002)])
def test_iran_rank_equals_plain_ranking(package, window: tuple[int, int]) -> None:
    arms = package["arms_transfers"]
    totals = _customers(arms, *window)
    iran = totals[arms.loc[arms["recipient_code"] == "IRN", "recipient"].iloc[0]]
    result = R.customer_rank(arms, "SUN+RUS", "IRN", *window)
    assert result.rank == 1 + int((totals > iran).sum())
    assert result.n_customers == len(totals)
    assert result.share == pytest.approx(iran / totals.sum())
    ranks = {recipient: 1 + int((totals > tiv).sum()) for recipient, tiv in totals.items()}
    assert set(result.leaders) == {recipient for recipient, rank in ranks.items() if rank <= 3}


def test_iran_suppliers_equal_plain_shares(package) -> None:
    arms = package["arms_transfers"]
    shares = R.supplier_shares(arms, "IRN", [(1980, 1989)])
    rows = arms[(arms["recipient_code"] == "IRN") & arms["year"].between(1980, 1989)]
    by_series = rows.groupby("supplier_series")["tiv"].sum().astype("float64")
    by_series = (by_series[by_series > 0] / by_series.sum()).sort_values(ascending=False)
    assert shares["supplier_series"].tolist()[0] == by_series.index[0]
    assert shares.set_index("supplier_series")["share"].to_dict() == pytest.approx(by_series.to_dict())
