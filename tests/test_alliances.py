"""Alliance obligations (directed dyads) and trade: units, properties, book figures."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import alliances
from analysis.alliances import CATEGORIES
from analysis.names import dyad_name


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


def _defended(table: pd.DataFrame, dyads: list[str]) -> pd.Series:
    rows = table[table["dyad"].isin(dyads)]
    flags = rows[["atop_defense", "cow_defense"]].astype("boolean").fillna(False).any(axis=1)
    return rows.loc[flags, "year"].astype(int)


@pytest.mark.parametrize("other", ["RUS", "USA"])
def test_real_defence_check_equals_plain_flags(package, other: str) -> None:
    table = package["alliances"]
    years = _defended(table, [f"{other}-IRN", f"IRN-{other}"])
    check = alliances.defence_check(table, other, "IRN", since=1947)
    assert check["defence_years"] == sorted({y for y in years if y >= 1947})
    assert check["last_defence_year"] == (int(years.max()) if len(years) else 0)
    assert check["atop_last"] == int(table.loc[table["atop_defense"].notna(), "year"].max())
    assert check["cow_last"] == int(table.loc[table["cow_defense"].notna(), "year"].max())
    assert alliances.defence_years(table, other, "IRN", since=1947) == check["defence_years"]


def test_real_2001_treaty_coding(package) -> None:
    table = package["alliances"]
    coded = alliances.obligations(table, "RUS-IRN", 2001)
    row = table[(table["dyad"] == "RUS-IRN") & (table["year"] == 2001)].iloc[0]
    assert coded == {c: (None if pd.isna(row[c]) else bool(row[c])) for c in CATEGORIES}
    assert alliances.atop_provisions(table, "RUS-IRN", 2001) == [
        c.removeprefix("atop_") for c in CATEGORIES if c.startswith("atop_") and coded[c]]
    flags = table[table["dyad"] == "RUS-IRN"]
    bound = flags[list(CATEGORIES)].astype("boolean").fillna(False).any(axis=1)
    years = alliances.obligation_years(table, "RUS-IRN")["year"].tolist()
    assert years == sorted(flags.loc[bound, "year"].astype(int))


def test_real_strip_names_every_dyad(package) -> None:
    dyads = sorted(package["alliances"]["dyad"].unique())
    strip = alliances.obligation_strip(package["alliances"], dyads, 1946, 2018)
    assert set(strip["dyad"]) == {dyad_name(d) for d in dyads}
    assert "Russia → Iran" in set(strip["dyad"])


def test_real_trade_figures(package) -> None:
    trade = package["bilateral_trade"]
    flows = alliances.trade_flows(trade, "RUS", "IRN", 1979, 2014).set_index(["flow", "year"])
    raw = trade[(trade["exporter"] == "RUS") & (trade["importer"] == "IRN")].set_index("year")
    to_iran = flows.loc["Russia → Iran", "value_musd"].astype("float64")
    inside = raw.loc[raw.index.isin(range(1979, 2015)), "value_musd"].astype("float64")
    assert float(to_iran.max()) == float(inside.max())
    assert int(to_iran.idxmax()) == int(inside.idxmax())
    missing = sorted(set(range(1979, 2015)) - set(inside.dropna().index))
    assert to_iran[to_iran.isna()].index.tolist() == missing
