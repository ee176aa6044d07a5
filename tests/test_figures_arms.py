"""Gallery-style tests of the arms chart builders on the real package."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest
import vl_convert

from analysis import deals as D
from analysis import transfers as T
from analysis.charts import arms as C
from analysis.sphinx_vega import static_spec
from analysis.theme import COLOURS, PALETTE, TEXT, use_house_theme


@pytest.fixture(scope="module")
def charts(package) -> dict[str, alt.TopLevelMixin]:
    use_house_theme()
    transfers, deals, events = (
        package["arms_transfers"], package["arms_deals"], package["events"])
    parts = []
    for code, name in (("IRQ", "Iraq"), ("IRN", "Iran")):
        part = T.tiv_by_year(transfers, "SUN", code, 1979, 1990)
        part["recipient"] = name
        parts.append(part)
    war = C.event_marks(events, ["E005", "E009"])
    shares = T.supplier_shares(transfers, "IRN", [(1980, 1989), (1990, 1999)])
    ranks = T.rank_by_year(transfers, "SUN+RUS", "IRN", 1990, 2024)
    ranks["window"] = "single year"
    tables = []
    directions = (("RUS", "IRN", "Russia → Iran"), ("IRN", "RUS", "Iran → Russia"))
    for supplier, recipient, label in directions:
        table = D.ordered_vs_delivered(deals, supplier, recipient, since=2015)
        table["direction"] = label
        table["label"] = table["designation"]
        tables.append(table)
    return {
        "war": C.war_deliveries_chart(pd.concat(parts), war["year"][0], war["year"][1]),
        "shares": C.supplier_shares_chart(T.group_minor_suppliers(shares, ["SUN+RUS", "CHN"])),
        "rank": C.customer_rank_chart(ranks, C.event_marks(events, ["E011", "E016"])),
        "brush": C.customer_brush_chart(
            T.customer_years(transfers, "SUN+RUS", 1990, 2024, always=["IRN"])),
        "ordered": C.ordered_delivered_chart(pd.concat(tables, ignore_index=True)),
    }


NAMES = ["war", "shares", "rank", "brush", "ordered"]


@pytest.mark.parametrize("name", NAMES)
def test_spec_validates_and_round_trips(charts, name: str) -> None:
    spec = charts[name].to_dict(validate=True)
    assert json.loads(json.dumps(spec)) == spec


@pytest.mark.parametrize("name", NAMES)
def test_spec_renders_to_svg(charts, name: str) -> None:
    svg = vl_convert.vegalite_to_svg(static_spec(charts[name].to_dict(), 600), vl_version="6.4")
    assert svg.startswith("<svg")


@pytest.mark.parametrize("name", NAMES)
def test_title_subtitle_description(charts, name: str) -> None:
    spec = charts[name].to_dict()
    assert len(spec["title"]["text"]) <= 45
    assert spec["title"]["subtitle"] and all(len(line) <= 55 for line in spec["title"]["subtitle"])
    assert "SIPRI" in spec["title"]["subtitle"][-1]
    assert len(spec["description"]) > 40


@pytest.mark.parametrize("name", NAMES)
def test_only_house_colours(charts, name: str) -> None:
    allowed = {c.lower() for c in (*PALETTE, *COLOURS.values(), TEXT)}
    spec = charts[name].to_dict()
    spec.pop("config", None)  # the house theme's own text and grid colours
    for colour in re.findall(r'"#[0-9a-fA-F]{6}"', json.dumps(spec)):
        assert colour.strip('"').lower() in allowed, colour


def test_brush_filters_bottom_view(charts) -> None:
    spec = charts["brush"].to_dict()
    params = spec.get("params", []) + spec["vconcat"][0].get("params", [])
    assert params[0]["select"]["type"] == "interval"
    assert {"filter": {"param": "years"}} in spec["vconcat"][1]["transform"]
    rows = sum(len(values) for values in spec.get("datasets", {}).values())
    assert 0 < rows < 5000


def test_war_chart_states_totals(charts) -> None:
    assert "Iraq 20,114" in charts["war"].to_dict()["description"]


def test_event_marks_unknown_id(package) -> None:
    with pytest.raises(ValueError, match="E999"):
        C.event_marks(package["events"], ["E999"])


def test_chart_rejects_empty_frame() -> None:
    with pytest.raises(ValueError, match="empty"):
        C.supplier_shares_chart(
            pd.DataFrame(columns=["period", "supplier_series", "supplier", "tiv", "share"]))
