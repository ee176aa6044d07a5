"""Arms builders and data steps: behaviour beyond what every figure is tested for."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import ranks, transfers
from analysis.figures import arms, customers, orders
from analysis.figures.annotate import colour_distance, event_key
from analysis.figures.common import sipri_credit, sipri_releases
from analysis.figures.registry import FIGURES
from analysis.names import SOVIET_RUSSIA
from analysis.theme import use_house_theme
from analysis.wording import largest, ordinal, percent, times, year_range


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


# -- charts that state their finding (issue 11): titles, labels, colours, from the package ----------

#: The arms charts that draw lines (five series or fewer each): labelled at their ends, no legend.
LINE_CHARTS = ("fig-enemies-war", "fig-thaw-rank", "fig-arms-flow")

#: Every figure of the arms chapters.
ARMS_FIGURES = (*LINE_CHARTS, "fig-enemies-suppliers", "fig-thaw-brush", "fig-ukraine-orders")


def _spec(package, ident: str) -> dict:
    use_house_theme()
    return FIGURES[ident].chart(package).to_dict()


def _layers(spec: dict) -> list[dict]:
    found = [spec]
    for key in ("layer", "vconcat", "hconcat"):
        for child in spec.get(key, []):
            found += _layers(child)
    return found


def _texts(spec: dict) -> set[str]:
    """Every value a text layer of the chart writes."""
    rows = [row for values in spec["datasets"].values() for row in values]
    fields = {layer["encoding"]["text"]["field"] for layer in _layers(spec)
              if "text" in layer.get("encoding", {}) and "field" in layer["encoding"]["text"]}
    return {str(row[f]) for row in rows for f in fields if f in row}


def test_war_title_states_the_ratio_of_the_war_years(package) -> None:
    inputs = arms.war_data(package)
    first, last = int(inputs["war_start"]), int(inputs["war_end"])
    arms_table = package["arms_transfers"]
    ratio = transfers.total_tiv(arms_table, "SUN", "IRQ", first, last) / transfers.total_tiv(
        arms_table, "SUN", "IRN", first, last)
    title = _spec(package, "fig-enemies-war")["title"]
    assert title["text"] == f"Moscow armed Iraq, not Iran: {times(ratio)} as much"
    assert year_range(first, last) in title["subtitle"][0]


def test_flow_title_and_callout_name_the_reversal(package) -> None:
    year = transfers.reversal_year(package["arms_transfers"], "IRN", SOVIET_RUSSIA, 1979, 2024)
    spec = _spec(package, "fig-arms-flow")
    assert spec["title"]["text"] == f"Arms flow reversed in {year}: Iran to Russia"
    callout = [text for text in _texts(spec) if text.startswith(f"{year}:")]
    assert callout and all(len(line) <= 24 for line in callout[0].split("\n")), callout


def test_rank_title_states_the_best_window_rank(package) -> None:
    five = ranks.rank_by_year(package["arms_transfers"], SOVIET_RUSSIA, "IRN", 1990, 2024, window=5)
    best = int(five["rank"].min())
    title = _spec(package, "fig-thaw-rank")["title"]
    assert title["text"] == f"Iran was Moscow's {largest(best)} arms buyer"
    _, first, last = customers.best_run(five)
    assert (five.set_index("year").loc[first:last, "rank"] == best).all()
    assert f"{ordinal(best).capitalize()} in every 5-year window ending {year_range(first, last)}." \
        in title["subtitle"]


def test_brush_title_states_the_whole_period_rank(package) -> None:
    rank = ranks.customer_rank(package["arms_transfers"], SOVIET_RUSSIA, "IRN", 1990, 2024).rank
    assert _spec(package, "fig-thaw-brush")["title"]["text"] == \
        f"Iran, Moscow's {largest(rank)} buyer, 1990–2024"


def test_suppliers_title_names_the_1980s_leader(package) -> None:
    shares = ranks.supplier_shares(package["arms_transfers"], "IRN", [(1980, 1989)])
    top = shares[shares["supplier_series"] != SOVIET_RUSSIA].sort_values("share").iloc[-1]
    moscow = shares.loc[shares["supplier_series"] == SOVIET_RUSSIA, "share"].iloc[0]
    title = _spec(package, "fig-enemies-suppliers")["title"]
    assert title["text"] == f"{top['supplier']}, not Moscow, armed Iran in the 1980s"
    assert f"Moscow {percent(moscow)}" in title["subtitle"][0]


def test_orders_title_quotes_the_register(package) -> None:
    table = orders.order_table(package)
    to_russia = table[table["direction"] == "Iran → Russia"].sort_values("number_delivered").iloc[-1]
    title = _spec(package, "fig-ukraine-orders")["title"]["text"]
    assert title.startswith(f"{int(to_russia['number_delivered']):,} {to_russia['designation']} to Russia; ")


@pytest.mark.parametrize("ident", LINE_CHARTS)
def test_lines_are_labelled_at_their_ends_not_in_a_legend(package, ident: str) -> None:
    spec = _spec(package, ident)
    colours = [layer["encoding"]["color"] for layer in _layers(spec) if "color" in layer.get("encoding", {})
               and "field" in layer["encoding"]["color"]]
    assert colours and all(colour.get("legend", "none") is None for colour in colours)
    series = set(colours[0]["scale"]["domain"])
    texts = _texts(spec)
    labelled = {s for s in series if s in texts or arms.destination(s) in texts}
    assert labelled == series


@pytest.mark.parametrize("ident", (*LINE_CHARTS, "fig-thaw-brush", "fig-ukraine-orders"))
def test_contrasted_series_look_different(package, ident: str) -> None:
    """The two colours a chart contrasts are at least ΔE 40 apart (Iraq's orange and Iran's vermillion are 33)."""
    spec = _spec(package, ident)
    scales = [layer["encoding"]["color"]["scale"]["range"] for layer in _layers(spec)
              if (layer.get("encoding", {}).get("color", {}).get("scale") or {}).get("range")]
    assert scales
    for colours in scales:
        for a, b in zip(colours, colours[1:]):
            assert colour_distance(a, b) >= 40, (a, b)


def test_suppliers_contrast_moscow_with_the_leader(package) -> None:
    spec = _spec(package, "fig-enemies-suppliers")
    scale = spec["encoding"]["color"]["scale"]
    colour = dict(zip(scale["domain"], scale["range"]))
    assert colour_distance(colour["Soviet Union/Russia"], colour["China"]) >= 40


def test_event_key_numbers_events_by_date_and_keeps_markers_apart(package) -> None:
    marks = customers.rank_data(package)["marks"]
    key = event_key(marks, span=(1990, 2024), height=300)
    assert key["number"].tolist() == [str(i) for i in range(1, len(marks) + 1)]
    assert key["year"].is_monotonic_increasing and key["key_y"].is_monotonic_increasing
    assert all(len(line) <= 46 for text in key["text"] for line in text.split("\n"))
    for when, label, text in zip(key["when"], key["label"], key["text"], strict=True):
        assert text.replace("\n", " ") == f"{when}: {label}"
    rows = key.groupby("marker_y")["year"].apply(lambda years: years.diff().min())
    assert (rows.fillna(99) >= 0.05 * 34).all()


def test_rank_chart_has_no_long_text_inside_the_plot(package) -> None:
    """Inside the plot (y between 0 and the height) only short labels: the event titles are in the key."""
    spec = _spec(package, "fig-thaw-rank")
    long_texts = [text for text in _texts(spec) if len(text) > 16]
    key = customers.rank_data(package)["marks"]
    assert len(long_texts) == len(key)
    rows = [row for values in spec["datasets"].values() for row in values if "key_y" in row]
    assert rows and all(row["key_y"] > customers.RANK_HEIGHT and row["marker_y"] < 0 for row in rows)


def test_tick_formats_agree_with_axis_titles(package) -> None:
    """Volumes in TIV carry thousands separators and no decimals; ranks are whole numbers."""
    for ident in ARMS_FIGURES:
        for layer in _layers(_spec(package, ident)):
            for channel in ("x", "y"):
                encoding = layer.get("encoding", {}).get(channel, {})
                title = str(encoding.get("title") or "")
                if "TIV" in title:
                    assert encoding["axis"]["format"] == ",.0f", (ident, title)
                if title.startswith("Rank"):
                    assert encoding["axis"]["format"] == "d", (ident, title)


def test_captions_speak_to_print(package) -> None:
    """A caption may say hover or drag only as a clause for the screen."""
    for ident in ARMS_FIGURES:
        caption = FIGURES[ident].caption
        for verb in ("Hover", "hover", "Drag", "drag"):
            for found in (i for i in range(len(caption)) if caption.startswith(verb, i)):
                assert caption[max(0, found - 11):found] == "On screen, ", (ident, caption)
