"""Tests of analysis.transfers: hand-built frames, properties, and the package recomputed by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import transfers as T
from analysis.names import name

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
def test_joined_series_never_double_counts(rows: list[tuple[str, str, int, float]]) -> None:
    data = _fix_series(rows)
    if not {"SUN", "RUS"} <= set(data["supplier_code"]):
        return  # the joined code needs both members in the table
    lo, hi = int(data["year"].min()), int(data["year"].max())
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
