"""Iran among Moscow's arms customers: rank over time and a linked brush.

Pure builders and the registry's data steps for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from analysis import ranks
from analysis.figures.arms import event_marks
from analysis.figures.common import (
    SIPRI_SOURCE,
    TIV_UNIT,
    event_layers,
    require_columns,
    series_tip,
    sipri_credit,
    tiv_tip,
    titled,
    year_span,
    year_tip,
    year_x,
)
from analysis.names import SOVIET_RUSSIA, name
from analysis.theme import COLOURS


def customer_rank_chart(
    ranks: pd.DataFrame,
    marks: pd.DataFrame | None = None,
    recipient_name: str = "Iran",
    credit: Sequence[str] = (SIPRI_SOURCE,),
) -> alt.LayerChart:
    """Step line of a recipient's rank among a supplier's customers, by year and window.

    Parameters
    ----------
    ranks
        Columns ``year``, ``rank`` (missing when nothing was delivered),
        ``window`` (label such as ``"single year"``), ``n_customers``, ``share``.
    marks
        Optional event markers from :func:`event_marks`.

    Examples
    --------
    >>> ranks = pd.DataFrame({"year": [2000, 2001], "rank": [3, 5], "window": ["single year"] * 2,
    ...     "n_customers": [24, 20], "share": [0.08, 0.03]})
    >>> spec = customer_rank_chart(ranks).to_dict()
    >>> spec["layer"][0]["encoding"]["y"]["scale"]["reverse"]
    True
    """
    require_columns(ranks, ["year", "rank", "window", "n_customers", "share"])
    frame = ranks.dropna(subset=["rank"]).astype({"year": "int64", "rank": "int64"})
    start, end = year_span(ranks)
    windows = list(dict.fromkeys(ranks["window"].tolist()))
    colours = [COLOURS["iran"], COLOURS["russia"], COLOURS["other"]][: len(windows)]
    best = frame.sort_values(["rank", "year"]).iloc[0]
    description = (
        f"Line chart of {recipient_name}'s rank among Soviet and Russian arms customers, "
        f"{start} to {end}, for {' and '.join(windows)}; rank 1 is the largest customer. "
        f"The best rank is {int(best['rank'])}, reached in {int(best['year'])} "
        f"({best['window']})."
    )
    base = alt.Chart(frame).encode(
        x=year_x("Year (end of window)", [start, end]),
        y=alt.Y(
            "rank:Q",
            title="Rank among customers (1 = largest)",
            scale=alt.Scale(reverse=True, domain=[1, 25], clamp=True),
            axis=alt.Axis(values=[1, 3, 5, 10, 15, 20, 25]),
        ),
        color=alt.Color(
            "window:N", title="Window", scale=alt.Scale(domain=windows, range=colours)
        ),
    )
    lines = base.mark_line(interpolate="step-after", strokeWidth=2)
    points = base.mark_point(size=30).encode(
        tooltip=[
            year_tip(),
            series_tip("window:N", "Window"),
            alt.Tooltip("rank:Q", title="Rank", format="d"),
            alt.Tooltip("n_customers:Q", title="Customers", format="d"),
            alt.Tooltip("share:Q", title="Share of deliveries", format=".1%"),
        ]
    )
    layers: list[alt.Chart] = [lines, points]
    if marks is not None and not marks.empty:
        layers += event_layers(marks)
    return alt.layer(*layers).properties(
        width="container",
        height=300,
        title=titled(
            f"{recipient_name} among Moscow's arms customers",
            ["Rank by deliveries; 1 is the largest customer.", "Ranks below 25 are drawn at 25."],
            credit,
        ),
        description=description,
    )


def customer_brush_chart(
    years: pd.DataFrame,
    recipient: str = "Iran",
    supplier_name: str = name(SOVIET_RUSSIA),
    credit: Sequence[str] = (SIPRI_SOURCE,),
) -> alt.VConcatChart:
    """Brush years on a recipient's deliveries; bars rank the supplier's customers then.

    The top view shows yearly deliveries from the supplier to ``recipient``;
    dragging across it selects a window of years, and the bottom view sums
    every customer's deliveries over that window in the browser (Vega-Lite
    filter and aggregate transforms), ranks them and highlights ``recipient``.
    With no brush the bottom view covers the whole period.

    Parameters
    ----------
    years
        Output of :func:`analysis.transfers.customer_years`: ``year``,
        ``recipient``, ``recipient_code``, ``tiv`` (``"OTHER"`` rows are used
        for the window total only).

    Examples
    --------
    >>> years = pd.DataFrame({"year": [2000, 2000, 2001], "recipient": ["Iran", "India", "Iran"],
    ...     "recipient_code": ["IRN", "IND", "IRN"], "tiv": [5.0, 9.0, 2.0]})
    >>> spec = customer_brush_chart(years).to_dict()
    >>> spec["vconcat"][1]["transform"][0]["filter"]
    {'param': 'years'}
    """
    require_columns(years, ["year", "recipient", "recipient_code", "tiv"])
    frame = years[["year", "recipient", "recipient_code", "tiv"]].astype(
        {"year": "int64", "tiv": "float64"}
    )
    start, end = year_span(frame)
    own = frame[frame["recipient"] == recipient]
    if own.empty:
        raise ValueError(f"no deliveries to {recipient!r} in the chart data")
    peak = own.loc[own["tiv"].idxmax()]
    named = frame[frame["recipient_code"] != "OTHER"].groupby("recipient")["tiv"].sum()
    description = (
        f"Two linked charts. Top: yearly arms deliveries from the {supplier_name} to "
        f"{recipient}, {start} to {end}, in millions of SIPRI TIV; the peak is "
        f"{peak['tiv']:,.0f} in {int(peak['year'])}. Dragging across years selects a window. "
        f"Bottom: the {supplier_name}'s {named.size} main customers of the whole period, "
        "ranked by deliveries in the selected window (the whole period when nothing is "
        "selected), where "
        f"{named.idxmax()} leads with {named.max():,.0f}."
    )
    brush = alt.selection_interval(name="years", encodings=["x"])
    top = (
        alt.Chart(frame)
        .transform_filter(alt.datum.recipient == recipient)
        .mark_bar(color=COLOURS["iran"])
        .encode(
            x=year_x("Year of delivery (drag to select a window)", [start - 0.5, end + 0.5], bin=False),
            y=alt.Y("tiv:Q", title=f"To {recipient} ({TIV_UNIT})"),
            tooltip=[year_tip(), tiv_tip()],
        )
        .add_params(brush)
        .properties(width="container", height=160)
    )
    bottom = (
        alt.Chart(frame)
        .transform_filter(brush)
        .transform_aggregate(
            tiv="sum(tiv)",
            first="min(year)",
            last="max(year)",
            groupby=["recipient", "recipient_code"],
        )
        .transform_joinaggregate(total="sum(tiv)", first_year="min(first)", last_year="max(last)")
        .transform_filter(alt.datum.recipient_code != "OTHER")
        .transform_calculate(
            share="datum.tiv / datum.total",
            window="datum.first_year + '–' + datum.last_year",
            is_recipient=f"datum.recipient === {recipient!r} ? {recipient!r} : 'Other customers'",
        )
        .transform_window(rank="rank()", sort=[alt.SortField("tiv", order="descending")])
        .transform_filter(alt.datum.rank <= 10)
        .mark_bar()
        .encode(
            y=alt.Y("recipient:N", title=None, sort="-x"),
            x=alt.X("tiv:Q", title=f"Deliveries in the window ({TIV_UNIT})"),
            color=alt.Color(
                "is_recipient:N",
                title=None,
                scale=alt.Scale(
                    domain=[recipient, "Other customers"],
                    range=[COLOURS["iran"], COLOURS["russia"]],
                ),
            ),
            tooltip=[
                series_tip("recipient:N", "Customer"),
                alt.Tooltip("rank:Q", title="Rank", format="d"),
                series_tip("window:N", "Years with deliveries"),
                tiv_tip(),
                alt.Tooltip("share:Q", title="Share of all deliveries", format=".1%"),
            ],
        )
        .properties(width="container", height=260)
    )
    # The theme's "fit-x" autosize breaks interval selections in concatenated
    # views (a Vega runtime error), so this chart pads instead.
    return alt.vconcat(top, bottom, spacing=24).properties(
        autosize=alt.AutoSizeParams(type="pad"),
        title=titled(
            f"{recipient} among Moscow's customers",
            [f"Top: deliveries to {recipient}; drag to pick years.",
             "Bottom: the period's main customers in those years."],
            credit,
        ),
        description=description,
    )


# ---------------------------------------------------------------------------
# Data steps of the registry
# ---------------------------------------------------------------------------


def rank_data(package: Any) -> dict[str, Any]:
    """Inputs of Iran's rank among Moscow's customers, 1990–2024, single years and 5-year windows."""
    arms = package["arms_transfers"]
    single = ranks.rank_by_year(arms, SOVIET_RUSSIA, "IRN", 1990, 2024).assign(window="single year")
    five = ranks.rank_by_year(arms, SOVIET_RUSSIA, "IRN", 1990, 2024, window=5).assign(window="5-year window")
    return {
        "ranks": pd.concat([single, five]),
        "marks": event_marks(package["events"], ["E011", "E016", "E017", "E025", "E037"]),
        "credit": sipri_credit(package),
    }


def brush_data(package: Any) -> dict[str, Any]:
    """Inputs of the linked brush over Moscow's twelve largest customers, 1990–2024."""
    years = ranks.customer_years(package["arms_transfers"], SOVIET_RUSSIA, 1990, 2024, top=12, always=["IRN"])
    return {"years": years, "credit": sipri_credit(package)}
