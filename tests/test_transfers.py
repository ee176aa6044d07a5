"""Tests of analysis.transfers: hand-built frames, properties, and the package recomputed by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings

from analysis import transfers as T
from analysis.names import name
from tests.arms_frames import HAND, joined_tables, span


def test_net_flow_and_reversal_hand() -> None:
    net = T.net_flow(HAND, "SUN+RUS", "IRN", 1990, 1992)
    assert net["first_to_second"].tolist() == [10.0, 0.0, 20.0]
    assert net["second_to_first"].tolist() == [0.0, 0.0, 40.0]
    assert net["net"].tolist() == [10.0, 0.0, -20.0]
    assert T.reversal_year(HAND, "IRN", "SUN+RUS", 1990, 1992) == 1992


def test_tiv_by_year_errors() -> None:
    with pytest.raises(ValueError, match="XXX"):
        T.tiv_by_year(HAND, "XXX", "IRN", 1990, 1992)
    with pytest.raises(ValueError, match="empty year window"):
        T.tiv_by_year(HAND, "RUS", "IRN", 1992, 1990)
    with pytest.raises(ValueError, match="outside the data's 1990–1992"):
        T.tiv_by_year(HAND, "RUS", "IRN", 1980, 1992)


def test_flows_between_uses_the_shared_names() -> None:
    flows = T.flows_between(HAND, "SUN+RUS", "IRN", 1990, 1992)
    assert flows["flow"].unique().tolist() == ["Soviet Union/Russia → Iran", "Iran → Soviet Union/Russia"]
    assert set(flows["supplier"]) == {name("SUN+RUS"), name("IRN")}
    summary = T.flow_summary(flows, "Soviet Union/Russia", "Iran")
    assert (summary["out_total"], summary["back_total"], summary["back_first_year"]) == (30.0, 40.0, 1992)


def test_first_delivery_year() -> None:
    assert T.first_delivery_year(HAND, "RUS", "IRN", 1990, 1992) == 1992
    assert T.first_delivery_year(HAND, "IRN", "RUS", 1990, 1991) is None


# --- properties -------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(joined_tables)
def test_joined_series_never_double_counts(data: pd.DataFrame) -> None:
    lo, hi = span(data)
    for recipient in data["recipient_code"].unique():
        series = T.tiv_by_year(data, "SUN+RUS", recipient, lo, hi)["tiv"].sum()
        by_part = data.loc[
            data["supplier_code"].isin(["SUN", "RUS"]) & (data["recipient_code"] == recipient),
            "tiv",
        ].sum()
        assert float(series) == pytest.approx(by_part)


# --- the real package, recomputed with plain pandas -------------------------------


def _sum(arms: pd.DataFrame, suppliers: set[str], recipient: str, start: int, end: int) -> float:
    rows = arms[arms["supplier_code"].isin(suppliers) & (arms["recipient_code"] == recipient)
                & arms["year"].between(start, end)]
    return float(rows["tiv"].sum())


@pytest.mark.parametrize(("supplier", "members"), [("SUN", {"SUN"}), ("SUN+RUS", {"SUN", "RUS"})])
@pytest.mark.parametrize("recipient", ["IRN", "IRQ"])
def test_totals_equal_plain_sums(package, supplier: str, members: set, recipient: str) -> None:
    arms = package["arms_transfers"]
    total = T.total_tiv(arms, supplier, recipient, 1980, 1988)
    assert total == pytest.approx(_sum(arms, members, recipient, 1980, 1988))
    assert T.tiv_by_year(arms, supplier, recipient, 1980, 1988)["tiv"].sum() == pytest.approx(total)


def test_reversal_year_equals_first_year_iran_sent_more(package) -> None:
    arms = package["arms_transfers"]
    first, last = int(arms["year"].min()), int(arms["year"].max())
    ahead = [y for y in range(first, last + 1)
             if _sum(arms, {"IRN"}, "SUN", y, y) + _sum(arms, {"IRN"}, "RUS", y, y)
             > _sum(arms, {"SUN", "RUS"}, "IRN", y, y)]
    assert T.reversal_year(arms, "IRN", "SUN+RUS", first, last) == (ahead[0] if ahead else None)


def test_net_flow_balances(package) -> None:
    net = T.net_flow(package["arms_transfers"], "IRN", "SUN+RUS", 2015, 2024)
    assert (net["net"] == net["first_to_second"] - net["second_to_first"]).all()
    assert net["first_to_second"].sum() == pytest.approx(
        _sum(package["arms_transfers"], {"IRN"}, "RUS", 2015, 2024))
