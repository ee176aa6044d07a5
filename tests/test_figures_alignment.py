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


def test_new_voting_charts_state_their_key_figures(package) -> None:
    """The alt text of the issue-17 charts carries the figures the chapter argues from."""
    from analysis import ideal_points, iran_votes
    from analysis.figures import council, unga

    distances = unga.ideal_distance_data(package)["distances"]
    wide = distances.pivot(index="year", columns="series", values="distance")
    nearer = int((wide["Russia"] < wide["Median state"]).sum())
    text = unga.ideal_distance_chart(**unga.ideal_distance_data(package)).to_dict()["description"]
    assert f"median state in {nearer} of {len(wide)} sessions" in text
    assert ideal_points.FROM_IRAN["RUS"] == "Russia"

    turn = iran_votes.russia_turn(package["un_iran_votes"])
    spec = unga.iran_votes_chart(**unga.iran_votes_data(package)).to_dict()
    assert f"from {turn['turn_year']} Russia voted no" in spec["description"]
    assert str(turn["turn_year"]) in spec["title"]["text"]

    split = iran_votes.council_split(package["security_council_votes"])
    spec = council.council_chart(**council.council_data(package)).to_dict()
    assert f"in {split['split_from']}" in spec["title"]["text"]
    assert f"on all {split['with_votes']} votes from {split['with_first']}" in spec["description"]


def test_issue_cells_are_labelled_with_their_share(package) -> None:
    from analysis.figures import unga

    inputs = unga.issue_data(package)
    spec = unga.issue_chart(**inputs).to_dict()
    rows = [row for rows in spec["datasets"].values() for row in rows if "label" in row]
    assert rows and all(row["label"] == f"{round(row['share_identical'] * 100)}%" for row in rows)


def test_kappa_chart_draws_the_chance_line() -> None:
    from analysis.figures import unga

    lines = pd.DataFrame({"year": [2000, 2001] * 2, "series": ["Russia–Iran"] * 2 + ["Iran–median member"] * 2,
                          "kappa": [0.2, 0.3, 0.1, 0.1], "agreement": [0.7, 0.7, 0.8, 0.8]})
    spec = unga.kappa_chart(lines, 2000).to_dict()
    assert spec["layer"][0]["mark"]["type"] == "rule"
    assert spec["datasets"][spec["layer"][0]["data"]["name"]] == [{"kappa": 0.0}]
