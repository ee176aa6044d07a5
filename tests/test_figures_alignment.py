"""Alignment charts: valid specs that render, with titles, alt text and units."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import vl_convert

from analysis import alliances, votes
from analysis.charts import alignment as charts
from analysis.sphinx_vega import VEGA_LITE_VERSION, static_spec
from analysis.theme import COLOURS, PALETTE


@pytest.fixture(scope="module")
def built(package) -> dict:
    return {
        "agreement": charts.agreement_chart(
            votes.agreement_lines(package["un_votes"], package["un_vote_partners"], 1979, 2023),
            package["phases"]),
        "rank": charts.partner_rank_chart(votes.partner_standing(package["un_vote_partners"], 1979, 2019)),
        "strip": charts.obligation_strip_chart(
            alliances.obligation_strip(package["alliances"], ["RUS-IRN", "USA-IRN"], 1946, 2018)),
        "trade": charts.trade_chart(
            alliances.trade_flows(package["bilateral_trade"], "RUS", "IRN", 1979, 2014)),
    }


@pytest.mark.parametrize("name", ["agreement", "rank", "strip", "trade"])
def test_chart_is_valid_and_renders(built, name: str) -> None:
    spec = built[name].to_dict()
    assert json.loads(json.dumps(spec)) == spec
    title = spec["title"]
    assert len(title["text"]) <= 45 and title["subtitle"][-1].startswith("Source")
    assert all(len(line) <= 55 for line in title["subtitle"])
    assert spec["description"] and spec["width"] == "container"
    assert sum(len(v) for v in spec["datasets"].values()) < 5000
    assert len(json.dumps(spec)) < 40_000
    svg = vl_convert.vegalite_to_svg(static_spec(spec, 600), vl_version=VEGA_LITE_VERSION)
    assert svg.startswith("<svg")


def test_colours_come_from_the_theme(built) -> None:
    allowed = set(PALETTE) | set(COLOURS.values())
    text = json.dumps([c.to_dict() for c in built.values()])
    import re
    used = set(re.findall(r'"(#[0-9A-Fa-f]{6})"', text))
    assert used <= allowed, used - allowed


def test_descriptions_state_key_figures(built) -> None:
    assert "Russia's median rank was 119" in built["rank"].to_dict()["description"]
    assert "Russia → Iran: 1946, 2001–2018" in built["strip"].to_dict()["description"]
    assert "3,599 million for Russia → Iran in 2011" in built["trade"].to_dict()["description"]


def test_trade_gaps_are_not_zeros() -> None:
    flows = pd.DataFrame({"year": [2000, 2001, 2002] * 2, "flow": ["A → B"] * 3 + ["B → A"] * 3,
                          "value_musd": [1.0, None, 3.0, 2.0, 2.0, 2.0]})
    spec = charts.trade_chart(flows).to_dict()
    values = [row["value_musd"] for rows in spec["datasets"].values() for row in rows]
    assert None in values and 0.0 not in values
    assert spec["layer"][0]["mark"]["invalid"] == "break-paths-show-domains"


def test_empty_or_incomplete_data_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks columns"):
        charts.trade_chart(pd.DataFrame({"year": [2000]}))
    with pytest.raises(ValueError, match="empty"):
        charts.partner_rank_chart(pd.DataFrame(columns=["year", "n_partners", "rank_rus", "rank_chn", "rank_usa"]))
