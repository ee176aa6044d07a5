"""Arms builders and data steps: behaviour beyond what every figure is tested for."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.figures import arms, customers, orders
from analysis.figures.common import sipri_credit, sipri_releases
from analysis.figures.registry import FIGURES


def test_brush_filters_bottom_view(package) -> None:
    spec = FIGURES["fig-thaw-brush"].chart(package).to_dict()
    params = spec.get("params", []) + spec["vconcat"][0].get("params", [])
    assert params[0]["select"]["type"] == "interval"
    assert {"filter": {"param": "years"}} in spec["vconcat"][1]["transform"]


def test_war_chart_states_totals(package) -> None:
    inputs = arms.war_data(package)
    totals = inputs["flows"].groupby("recipient")["tiv"].sum()
    description = arms.war_deliveries_chart(**inputs).to_dict()["description"]
    assert f"Iraq {totals['Iraq']:,.0f}" in description and f"Iran {totals['Iran']:,.0f}" in description


def test_war_band_comes_from_the_events(package) -> None:
    inputs = arms.war_data(package)
    marks = arms.event_marks(package["events"], ["E005", "E009"])
    assert (inputs["war_start"], inputs["war_end"]) == tuple(marks["year"])
    assert inputs["war_start"] < inputs["war_end"]


def test_event_marks_unknown_id(package) -> None:
    with pytest.raises(ValueError, match="E999"):
        arms.event_marks(package["events"], ["E999"])


def test_chart_rejects_empty_frame() -> None:
    with pytest.raises(ValueError, match="empty"):
        arms.supplier_shares_chart(
            pd.DataFrame(columns=["period", "supplier_series", "supplier", "tiv", "share"]))


class _Fake:
    """A package with two SIPRI releases and the descriptor entries naming them."""

    descriptor = {
        "sources": [{"id": "old", "release": "May 2001 (to 2000)"}, {"id": "new", "release": "May 2009 (x)"},
                    {"id": "reg", "release": "June 2010 (orders)"}],
        "resources": [{"name": "arms_deals", "sources": [{"id": "reg"}]}],
    }

    def __getitem__(self, key: str) -> pd.DataFrame:
        return {
            "arms_transfers": pd.DataFrame({"source_id": ["new", "old", "old"], "year": [1999, 1990, 1998]}),
            "arms_deals": pd.DataFrame({"last_delivery_year": [2004, 2008, None]}),
        }[key]


def test_credit_lines_read_the_descriptor() -> None:
    assert sipri_releases(_Fake()) == "Releases of May 2001 (to 1998) and May 2009 (1999–1999)."
    assert sipri_releases(_Fake(), short=True) == "Releases of May 2001 (to 1998) and 2009 (1999–1999)."
    assert sipri_credit(_Fake())[-1].startswith("Source: SIPRI")
    assert orders.deals_credit(_Fake())[0] == "Deliveries to the end of 2008 (June 2010 release)."


def test_order_table_labels_both_directions(package) -> None:
    table = orders.order_table(package)
    assert set(table["direction"]) <= {"Russia → Iran", "Iran → Russia"}
    assert all(label.endswith(f"({year})") for label, year in zip(table["label"], table["order_year"]))


def test_rank_data_has_both_windows(package) -> None:
    inputs = customers.rank_data(package)
    assert list(dict.fromkeys(inputs["ranks"]["window"])) == ["single year", "5-year window"]
