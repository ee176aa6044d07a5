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


def test_real_shahed_136(package) -> None:
    table = D.ordered_vs_delivered(package["arms_deals"], "IRN", "RUS").set_index("designation")
    row = table.loc["Shahed-136"]
    assert (row["number_ordered"], row["number_delivered"]) == (6600, 4600)
    assert table.loc["Fath-360", "first_delivery_year"] == 2024


def test_real_su35_not_delivered(package) -> None:
    table = D.ordered_vs_delivered(package["arms_deals"], "RUS", "IRN", since=2015)
    su35 = table[table["designation"].str.startswith("Su-35")]
    assert len(su35) == 1 and su35["number_delivered"].iloc[0] == 0


def test_real_s300_history(package) -> None:
    history = D.deal_history(package["arms_deals"], "SUN+RUS", "IRN", "S-300")
    main = history[history["matched_in"].str.contains("designation")]
    assert main["order_year"].tolist() == [2015]
    assert main["first_delivery_year"].tolist() == [2016]
    assert "2007; 2010" in main["comment_years"].tolist()


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
