"""Tests of analysis.transfers: hand-built frames, properties, real-package figures."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import transfers as T

NAMES = {"IRN": "Iran", "IND": "India", "CHN": "China", "IRQ": "Iraq", "SUN": "Soviet Union",
         "RUS": "Russia", "PRK": "North Korea"}


def frame(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    """Build a transfers table from (supplier_code, recipient_code, year, tiv) rows."""
    data = pd.DataFrame(rows, columns=["supplier_code", "recipient_code", "year", "tiv"])
    data["supplier"] = data["supplier_code"].map(NAMES)
    data["recipient"] = data["recipient_code"].map(NAMES)
    data["supplier_series"] = data["supplier_code"].replace({"SUN": "SUN+RUS", "RUS": "SUN+RUS"})
    return data


HAND = frame([
    ("SUN", "IRQ", 1990, 50.0), ("SUN", "IRN", 1990, 10.0), ("RUS", "IRN", 1992, 20.0),
    ("RUS", "IND", 1992, 30.0), ("RUS", "CHN", 1992, 30.0), ("CHN", "IRN", 1992, 10.0),
    ("IRN", "RUS", 1992, 40.0),
])


def test_customer_table_hand() -> None:
    table = T.customer_table(HAND, "SUN+RUS", 1990, 1992)
    assert table["recipient"].tolist() == ["Iraq", "China", "India", "Iran"]
    assert table["rank"].tolist() == [1, 2, 2, 2]
    assert table["tiv"].tolist() == [50.0, 30.0, 30.0, 30.0]
    assert table["share"].sum() == pytest.approx(1.0)
    assert table.loc[0, "share"] == pytest.approx(50 / 140)


def test_customer_rank_hand() -> None:
    result = T.customer_rank(HAND, "RUS", "IRN", 1992, 1992)
    assert result.rank == 3 and result.n_customers == 3
    assert result.tiv == 20.0 and result.total_tiv == 80.0
    assert result.share == pytest.approx(0.25)
    assert result.leaders == ("China", "India", "Iran")


def test_customer_rank_errors() -> None:
    with pytest.raises(ValueError, match="IRQ"):
        T.customer_rank(HAND, "RUS", "IRQ", 1992, 1992)
    with pytest.raises(ValueError, match="XXX"):
        T.customer_table(HAND, "XXX", 1990, 1992)
    with pytest.raises(ValueError, match="empty year window"):
        T.customer_table(HAND, "RUS", 1992, 1990)
    with pytest.raises(ValueError, match="outside"):
        T.customer_table(HAND, "RUS", 1980, 1992)


def test_supplier_shares_hand() -> None:
    shares = T.supplier_shares(HAND, "IRN", [(1990, 1990), (1990, 1992)])
    first = shares[shares["period"] == "1990–1990"]
    assert first["supplier"].tolist() == ["Soviet Union/Russia"]
    second = shares[shares["period"] == "1990–1992"].set_index("supplier")["share"]
    assert second["Soviet Union/Russia"] == pytest.approx(0.75)
    assert second["China"] == pytest.approx(0.25)


def test_net_flow_and_reversal_hand() -> None:
    net = T.net_flow(HAND, "SUN+RUS", "IRN", 1990, 1992)
    assert net["first_to_second"].tolist() == [10.0, 0.0, 20.0]
    assert net["second_to_first"].tolist() == [0.0, 0.0, 40.0]
    assert net["net"].tolist() == [10.0, 0.0, -20.0]
    assert T.reversal_year(HAND, "IRN", "SUN+RUS", 1990, 1992) == 1992


def test_top_partners_hand() -> None:
    top = T.top_partners(HAND, "SUN+RUS", "supplier", 1990, 1992, n=2)
    assert top["partner"].tolist() == ["Iraq", "China", "India", "Iran"]  # ties at rank 2
    suppliers = T.top_partners(HAND, "IRN", "recipient", 1990, 1992, n=1)
    assert suppliers["partner"].tolist() == ["Soviet Union/Russia"]
    with pytest.raises(ValueError, match="role"):
        T.top_partners(HAND, "IRN", "buyer", 1990, 1992)  # type: ignore[arg-type]


def test_customer_years_keeps_totals() -> None:
    years = T.customer_years(HAND, "SUN+RUS", 1990, 1992, top=1, always=["IRN"])
    assert years["tiv"].sum() == pytest.approx(140.0)
    assert set(years["recipient"]) == {"Iraq", "Iran", "Others"}


# --- properties -------------------------------------------------------------

CODES = ["IRN", "IND", "CHN", "IRQ"]
rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["SUN", "RUS", "CHN", "PRK"]),
        st.sampled_from(CODES),
        st.integers(1988, 1995),
        st.integers(1, 500).map(float),
    ),
    min_size=1,
    max_size=40,
)


def _fix_series(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    # The package never has Soviet rows after 1991 or Russian rows before 1992.
    fixed = [("SUN" if y <= 1991 else "RUS") if s in ("SUN", "RUS") else s for s, _, y, _ in rows]
    return frame([(f, r, y, v) for f, (_, r, y, v) in zip(fixed, rows, strict=True)])


@settings(max_examples=60, deadline=None)
@given(rows_strategy)
def test_shares_sum_to_one(rows: list[tuple[str, str, int, float]]) -> None:
    data = _fix_series(rows)
    lo, hi = int(data["year"].min()), int(data["year"].max())
    recipient = data["recipient_code"].iloc[0]
    periods = [(lo, hi)] if lo == hi else [(lo, hi), (lo, lo)]
    shares = T.supplier_shares(data, recipient, periods)
    for _, group in shares.groupby("period"):
        assert group["share"].sum() == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(rows_strategy)
def test_ranks_consistent_with_tiv(rows: list[tuple[str, str, int, float]]) -> None:
    data = _fix_series(rows)
    data["supplier_code"] = "CHN"
    lo, hi = int(data["year"].min()), int(data["year"].max())
    table = T.customer_table(data, "CHN", lo, hi)
    for _, row in table.iterrows():
        assert row["rank"] == 1 + int((table["tiv"] > row["tiv"]).sum())
    assert table["rank"].min() == 1
    assert table["tiv"].is_monotonic_decreasing


@settings(max_examples=60, deadline=None)
@given(rows_strategy)
def test_joined_series_never_double_counts(rows: list[tuple[str, str, int, float]]) -> None:
    data = _fix_series(rows)
    if not {"SUN", "RUS"} <= set(data["supplier_code"]):
        return  # the joined code needs both members in the table
    lo, hi = int(data["year"].min()), int(data["year"].max())
    joined = T.customer_table(data, "SUN+RUS", lo, hi)["tiv"].sum()
    separate = data.loc[data["supplier_code"].isin(["SUN", "RUS"]), "tiv"].sum()
    assert joined == pytest.approx(separate)
    for recipient in data["recipient_code"].unique():
        series = T.tiv_by_year(data, "SUN+RUS", recipient, lo, hi)["tiv"].sum()
        by_part = data.loc[
            data["supplier_code"].isin(["SUN", "RUS"]) & (data["recipient_code"] == recipient),
            "tiv",
        ].sum()
        assert float(series) == pytest.approx(by_part)


# --- the real package: figures the book states ---------------------------------


def test_iran_third_customer_in_2000(package) -> None:
    result = T.customer_rank(package["arms_transfers"], "SUN+RUS", "IRN", 2000, 2000)
    assert result.rank == 3
    assert result.leaders[:2] == ("China", "India")


@pytest.mark.parametrize("window", [(1992, 2000), (1996, 2000), (1998, 2002)])
def test_iran_third_customer_in_windows(package, window: tuple[int, int]) -> None:
    assert T.customer_rank(package["arms_transfers"], "SUN+RUS", "IRN", *window).rank == 3


def test_reversal_in_2022(package) -> None:
    assert T.reversal_year(package["arms_transfers"], "IRN", "SUN+RUS", 1979, 2024) == 2022


def test_iraq_got_far_more_than_iran(package) -> None:
    transfers = package["arms_transfers"]
    iraq = T.tiv_by_year(transfers, "SUN", "IRQ", 1980, 1988)["tiv"].sum()
    iran = T.tiv_by_year(transfers, "SUN", "IRN", 1980, 1988)["tiv"].sum()
    assert iraq > 20 * iran


def test_china_led_iran_imports_in_1980s(package) -> None:
    shares = T.supplier_shares(package["arms_transfers"], "IRN", [(1980, 1989)])
    assert shares.iloc[0]["supplier"] == "China"
    assert shares["share"].sum() == pytest.approx(1.0)


def test_soviet_union_armed_iraq_far_more_than_iran_during_the_war(package) -> None:
    from analysis.transfers import total_tiv

    to_iraq = total_tiv(package["arms_transfers"], "SUN", "IRQ", 1980, 1988)
    to_iran = total_tiv(package["arms_transfers"], "SUN", "IRN", 1980, 1988)
    assert to_iraq == pytest.approx(17017, abs=1)
    assert to_iran == pytest.approx(306, abs=1)
