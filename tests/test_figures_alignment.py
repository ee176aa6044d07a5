"""Alignment builders: behaviour beyond what every figure is tested for."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.figures import alignment


def test_descriptions_state_key_figures(package) -> None:
    standing = alignment.partner_rank_data(package)["standing"]
    median = standing["rank_rus"].astype("float64").median()
    spec = alignment.partner_rank_chart(standing).to_dict()
    assert f"Russia's median rank was {median:.0f}" in spec["description"]
    flows = alignment.trade_data(package)["flows"]
    peak = flows.loc[flows["value_musd"].astype("float64").idxmax()]
    text = alignment.trade_chart(flows).to_dict()["description"]
    assert f"{float(peak['value_musd']):,.0f} million for {peak['flow']} in {int(peak['year'])}" in text


def test_year_ranges_compress_runs() -> None:
    assert alignment._year_ranges([1946, 2001, 2002, 2003, 2010]) == ["1946", "2001–2003", "2010"]


def test_trade_gaps_are_not_zeros() -> None:
    flows = pd.DataFrame({"year": [2000, 2001, 2002] * 2, "flow": ["A → B"] * 3 + ["B → A"] * 3,
                          "value_musd": [1.0, None, 3.0, 2.0, 2.0, 2.0]})
    spec = alignment.trade_chart(flows).to_dict()
    values = [row["value_musd"] for rows in spec["datasets"].values() for row in rows if "value_musd" in row]
    assert None in values and 0.0 not in values
    assert spec["layer"][0]["mark"]["invalid"] == "break-paths-show-domains"


def test_empty_or_incomplete_data_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks columns"):
        alignment.trade_chart(pd.DataFrame({"year": [2000]}))
    with pytest.raises(ValueError, match="empty"):
        alignment.partner_rank_chart(pd.DataFrame(columns=["year", "n_partners", "rank_rus", "rank_chn", "rank_usa"]))
