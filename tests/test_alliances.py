"""Alliance obligations (directed dyads) and trade: units, properties, book figures."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import alliances
from analysis.alliances import CATEGORIES


def _table() -> pd.DataFrame:
    rows = []
    for year in (1946, 1947, 2013):
        for dyad in ("RUS-IRN", "IRN-RUS"):
            row = {"year": year, "dyad": dyad, **{c: False for c in CATEGORIES}}
            if year == 2013:
                row.update({c: None for c in CATEGORIES if c.startswith("cow")})
            rows.append(row)
    table = pd.DataFrame(rows)
    for c in CATEGORIES:
        table[c] = table[c].astype("boolean")
    # a one-sided pledge: Moscow toward Tehran only
    table.loc[(table["year"] == 1946) & (table["dyad"] == "RUS-IRN"), "atop_defense"] = True
    table.loc[table["year"] == 2013, "atop_neutrality"] = True
    return table


def test_obligations_are_directed() -> None:
    table = _table()
    assert alliances.obligations(table, "RUS-IRN", 1946)["atop_defense"] is True
    assert alliances.obligations(table, "IRN-RUS", 1946)["atop_defense"] is False
    assert alliances.obligations(table, "RUS-IRN", 2013)["cow_defense"] is None
    with pytest.raises(ValueError, match="year 2019 is outside"):
        alliances.obligations(table, "RUS-IRN", 2019)
    with pytest.raises(ValueError, match="unknown dyad 'RUS-CHN'"):
        alliances.obligations(table, "RUS-CHN", 1946)


def test_obligation_years_lists_which() -> None:
    years = alliances.obligation_years(_table(), "RUS-IRN")
    assert years["year"].tolist() == [1946, 2013]
    assert years["which"].tolist() == ["ATOP defence", "ATOP neutrality"]


def test_defence_check_reads_both_directions() -> None:
    table = _table()
    assert alliances.defence_check(table, since=1946)["defence_years"] == [1946]
    check = alliances.defence_check(table, since=1947)
    assert check["bound"] is False and check["years_checked"] == 2
    assert check["atop_last"] == 2013 and check["cow_last"] == 1947
    with pytest.raises(ValueError, match="year 1900 is outside"):
        alliances.defence_check(table, since=1900)


def test_trade_flows_keep_gaps() -> None:
    trade = pd.DataFrame({"year": [2000, 2000, 2001], "importer": ["IRN", "RUS", "IRN"],
                          "exporter": ["RUS", "IRN", "RUS"], "value_musd": [920.0, None, 939.0],
                          "share_of_iran_total": [0.06, None, 0.05]})
    flows = alliances.trade_flows(trade, "RUS", "IRN", 2000, 2001)
    assert flows["flow"].tolist() == ["Russia → Iran"] * 2 + ["Iran → Russia"] * 2
    assert flows["value_musd"].isna().tolist() == [False, False, True, True]
    with pytest.raises(ValueError, match="unknown state 'CHN'"):
        alliances.trade_flows(trade, "CHN", "IRN", 2000, 2001)


@settings(max_examples=40, deadline=None)
@given(flags=st.lists(st.lists(st.booleans(), min_size=9, max_size=9), min_size=1, max_size=12))
def test_strip_counts_match_flags(flags: list) -> None:
    table = pd.DataFrame(
        [{"year": 1990 + i, "dyad": "RUS-IRN", **dict(zip(CATEGORIES, row, strict=True))}
         for i, row in enumerate(flags)]
    )
    strip = alliances.obligation_strip(table, ["RUS-IRN"], 1990, 1990 + len(flags) - 1)
    assert len(strip) == 9 * len(flags)
    assert int((strip["status"] == "Obligation").sum()) == sum(map(sum, flags))
    years = alliances.obligation_years(table, "RUS-IRN")["year"].tolist()
    assert years == [1990 + i for i, row in enumerate(flags) if any(row)]


# --- real package: the figures the chapters state ---------------------------------


def test_real_no_defence_since_1946(package) -> None:
    table = package["alliances"]
    check = alliances.defence_check(table, "RUS", "IRN", since=1947)
    assert check == {"bound": False, "defence_years": [], "since": 1947, "atop_last": 2018,
                     "cow_last": 2012, "years_checked": 72, "last_defence_year": 1946}
    us = alliances.defence_check(table, "USA", "IRN", since=1947)
    assert us["defence_years"][0] == 1959 and us["last_defence_year"] == 1979


def test_real_2001_treaty_coding(package) -> None:
    coded = alliances.obligations(package["alliances"], "RUS-IRN", 2001)
    assert coded["atop_defense"] is False
    assert coded["atop_neutrality"] and coded["atop_nonaggression"] and coded["atop_consultation"]
    years = alliances.obligation_years(package["alliances"], "RUS-IRN")["year"].tolist()
    assert years == [1946, *range(2001, 2019)]


def test_real_trade_figures(package) -> None:
    flows = alliances.trade_flows(package["bilateral_trade"], "RUS", "IRN", 1979, 2014).set_index(["flow", "year"])
    to_iran = flows.loc["Russia → Iran", "value_musd"].astype("float64")
    assert int(to_iran.idxmax()) == 2011 and float(to_iran.max()) == 3599.0
    assert float(flows.loc[("Russia → Iran", 2014), "value_musd"]) == 1460.0
    assert float(flows.loc[("Iran → Russia", 2014), "value_musd"]) == 352.0
    assert float(flows.loc[("Russia → Iran", 2011), "share_of_iran_total"]) == pytest.approx(0.0375, abs=1e-4)
    assert pd.isna(flows.loc[("Iran → Russia", 1979), "value_musd"])
