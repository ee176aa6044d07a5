"""Tests of analysis.deals on hand-built frames and on the real package."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import deals as D

HAND = pd.DataFrame({
    "deal_id": ["a", "b", "c", "d"],
    "supplier": ["Russia", "Russia", "Iran", "Soviet Union"],
    "supplier_code": ["RUS", "RUS", "IRN", "SUN"],
    "recipient": ["Iran", "Iran", "Russia", "Iran"],
    "recipient_code": ["IRN", "IRN", "RUS", "IRN"],
    "order_year": pd.array([2015, 2023, 2022, 1989], dtype="Int64"),
    "designation": ["S-300PMU2", "Su-35S", "Shahed-136", "MiG-29"],
    "description": ["SAM system", "FGA aircraft", "drone", "fighter"],
    "number_ordered": pd.array([4, 24, 6600, 14], dtype="Int64"),
    "number_delivered": pd.array([4, 0, 4600, 14], dtype="Int64"),
    "first_delivery_year": pd.array([2016, None, 2022, 1990], dtype="Int64"),
    "last_delivery_year": pd.array([2016, None, 2024, 1990], dtype="Int64"),
    "status": ["New"] * 4,
    "comments": ["replacing 2007 order for S-300PMU-1 cancelled 2010", None, None, None],
})


def test_deals_between_joined_series() -> None:
    assert D.deals_between(HAND, "SUN+RUS", "IRN")["designation"].tolist() == [
        "MiG-29", "S-300PMU2", "Su-35S"]
    with pytest.raises(ValueError, match="XYZ"):
        D.deals_between(HAND, "XYZ", "IRN")


def test_delivery_lags() -> None:
    lags = D.delivery_lags(HAND).set_index("designation")["lag_years"]
    assert lags.to_dict() == {"S-300PMU2": 1, "Shahed-136": 0, "MiG-29": 1}


def test_ordered_vs_delivered() -> None:
    table = D.ordered_vs_delivered(HAND, "RUS", "IRN", since=2015)
    assert table["undelivered"].tolist() == [0, 24]
    assert table["progress"].tolist() == ["delivered in full", "none delivered"]
    with pytest.raises(ValueError, match="2030"):
        D.ordered_vs_delivered(HAND, "RUS", "IRN", since=2030)


def test_deal_history_searches_comments() -> None:
    history = D.deal_history(HAND, "SUN+RUS", "IRN", r"s-300pmu-1")
    assert history["designation"].tolist() == ["S-300PMU2"]
    assert history["matched_in"].tolist() == ["comments"]
    assert history["comment_years"].tolist() == ["2007; 2010"]
    with pytest.raises(ValueError, match="Tor"):
        D.deal_history(HAND, "SUN+RUS", "IRN", "Tor")
    with pytest.raises(ValueError, match="invalid pattern"):
        D.deal_history(HAND, "SUN+RUS", "IRN", "(")


def _register(package, suppliers: set[str], recipient: str) -> pd.DataFrame:
    deals = package["arms_deals"]
    return deals[deals["supplier_code"].isin(suppliers) & (deals["recipient_code"] == recipient)]


def test_real_orders_equal_the_register(package) -> None:
    table = D.ordered_vs_delivered(package["arms_deals"], "IRN", "RUS")
    register = _register(package, {"IRN"}, "RUS")
    assert sorted(table["designation"]) == sorted(register["designation"])
    merged = table.merge(register, on=["designation", "order_year"], suffixes=("", "_raw"))
    assert (merged["number_delivered"].fillna(-1) == merged["number_delivered_raw"].fillna(-1)).all()
    known = merged["number_ordered"].notna() & merged["number_delivered"].notna()
    assert (merged.loc[known, "undelivered"]
            == merged.loc[known, "number_ordered"] - merged.loc[known, "number_delivered"]).all()


def test_real_orders_since(package) -> None:
    register = _register(package, {"RUS"}, "IRN")
    since = int(register["order_year"].max())
    table = D.orders_since(package["arms_deals"], "RUS", "IRN", since)
    assert len(table) == int((register["order_year"] >= since).sum())
    assert D.orders_since(package["arms_deals"], "RUS", "IRN", since + 1).empty
    assert list(D.orders_since(package["arms_deals"], "RUS", "IRN", since + 1).columns) == D.ORDER_COLUMNS


def test_real_s300_history(package) -> None:
    history = D.deal_history(package["arms_deals"], "SUN+RUS", "IRN", "S-300")
    register = _register(package, {"SUN", "RUS"}, "IRN")
    named = register[register["designation"].str.contains("S-300", case=False)]
    main = history[history["matched_in"].str.contains("designation")]
    assert sorted(main["order_year"]) == sorted(named["order_year"])
    assert sorted(main["first_delivery_year"].dropna()) == sorted(named["first_delivery_year"].dropna())
    comments = register[register["comments"].fillna("").str.contains("S-300", case=False)]
    assert len(history) == len(set(named.index) | set(comments.index))


def test_supply_summary_and_matching() -> None:
    orders = D.ordered_vs_delivered(HAND, "IRN", "RUS")
    drones = D.matching(orders, "description", r"drone|UAV")
    summary = D.supply_summary(drones)
    assert summary["designations"] == "Shahed-136"
    assert (summary["units_ordered"], summary["units_delivered"], summary["first_delivery_year"]) == (
        6600, 4600, 2022)
    none = D.supply_summary(D.matching(orders, "description", "missile"))
    assert (none["units_ordered"], none["units_delivered"], none["first_delivery_year"]) == (None, 0, None)
    assert D.history_or_empty(HAND, "RUS", "IRN", "S-400").empty


def test_order_facts_names_an_unknown_designation() -> None:
    import pandas as pd
    import pytest

    from analysis.deals import order_facts

    orders = pd.DataFrame({"designation": ["Yak-130"], "order_year": [2022],
                           "number_ordered": [24.0], "number_delivered": [None],
                           "first_delivery_year": [None], "last_delivery_year": [None]})
    facts = order_facts(orders, "Yak-130")
    assert facts["delivered"] == 0 and facts["delivered_share"] is None
    with pytest.raises(ValueError, match="'Su-35S'.*Yak-130"):
        order_facts(orders, "Su-35S")
