"""Iran among Moscow's arms customers: rank over time and a linked brush.

Pure builders and the registry's data steps for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from analysis import ranks
from analysis.figures.annotate import event_list, inked, line_ends
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
from analysis.wording import largest, ordinal, year_range

#: The window the rank chart draws as its line; single years are the quieter dots.
MAIN_WINDOW = "5-year window"

#: Height of the rank chart's plot, pixels.
RANK_HEIGHT = 300

#: The lowest rank the rank chart's y axis shows; ranks below it are drawn on it.
RANK_FLOOR = 25

#: Pixels at the left of each panel of the brush chart that hold its y-axis labels,
#: drawn inside the panel's width rather than to its left.
_INSET = 96

#: Style of the brush chart's panel titles.
_PANEL_TITLE = {"fontSize": 12, "fontWeight": 500, "anchor": "start", "offset": 6}


def _inset_axis(**extra: Any) -> alt.Axis:
    """Return a left axis moved :data:`_INSET` pixels into its panel, labels ending at the plot.

    Examples
    --------
    >>> _inset_axis().to_dict()["offset"]
    -96
    """
    return alt.Axis(offset=-_INSET, domain=False, ticks=False, labelPadding=6, **extra)


def best_run(ranks: pd.DataFrame) -> tuple[int, int, int]:
    """Return the best rank of a series and the first and last year of its longest run at that rank.

    ``ranks`` has one row per year (``year``, ``rank``); years without a rank
    break a run.

    Examples
    --------
    >>> best_run(pd.DataFrame({"year": [1, 2, 3, 4, 5, 6], "rank": [3, 4, 3, 3, 3, 5]}))
    (3, 3, 5)
    """
    frame = ranks.sort_values("year")
    best = int(frame["rank"].min())
    at_best = frame["rank"].eq(best).fillna(False).astype(bool).tolist()
    runs: list[tuple[int, int, int]] = []  # (length, first year, last year)
    first = None
    for year, hit in zip(frame["year"].astype(int), at_best, strict=True):
        if hit and first is None:
            first = year
        if hit:
            runs.append((year - first + 1, first, year))
        else:
            first = None
    _, start, end = max(runs, key=lambda run: (run[0], -run[1]))
    return best, start, end


def customer_rank_chart(
    ranks: pd.DataFrame,
    marks: pd.DataFrame | None = None,
    recipient_name: str = "Iran",
    credit: Sequence[str] = (SIPRI_SOURCE,),
    main: str = MAIN_WINDOW,
) -> alt.LayerChart:
    """A recipient's rank among Moscow's customers: one window as a line, the others as dots.

    The line is the rank over trailing windows of several years (``main``):
    single-year ranks swing with the delivery of one large item (the S-300
    lifted Iran from 30th to fifth in 2016 and it fell back to 24th), so they
    are drawn as quiet grey dots and the line shows the standing. Both are
    labelled at their last point; events are numbered markers with a key
    under the plot (:func:`~analysis.figures.common.event_layers`).

    Parameters
    ----------
    ranks
        Columns ``year``, ``rank`` (missing when nothing was delivered),
        ``window`` (label such as ``"single year"``), ``n_customers``, ``share``.
    marks
        Optional event markers from :func:`event_marks`.

    Examples
    --------
    >>> ranks = pd.DataFrame({"year": [2000, 2001] * 2, "rank": [3, 5, 3, 3],
    ...     "window": ["single year"] * 2 + ["5-year window"] * 2,
    ...     "n_customers": [24, 20, 50, 50], "share": [0.08, 0.03, 0.07, 0.07]})
    >>> spec = customer_rank_chart(ranks).to_dict()
    >>> spec["title"]["text"], spec["layer"][0]["encoding"]["y"]["scale"]["reverse"]
    ("Iran was Moscow's third-largest arms buyer", True)
    """
    require_columns(ranks, ["year", "rank", "window", "n_customers", "share"])
    frame = ranks.dropna(subset=["rank"]).astype({"year": "int64", "rank": "int64"})
    start, end = year_span(ranks)
    windows = list(dict.fromkeys(ranks["window"].tolist()))
    if main not in windows:
        raise ValueError(f"no {main!r} among the windows {windows}")
    line = frame[frame["window"] == main]
    rank, first, last = best_run(line)
    # The main series in Iran's colour, the others in grey: never two similar hues.
    colours = [COLOURS["iran"] if w == main else COLOURS["neutral"] for w in windows]
    colour = alt.Color("window:N", scale=alt.Scale(domain=windows, range=colours), legend=None)
    x = year_x("Year (last of the window)", [start, end])
    y = alt.Y("rank:Q", title="Rank (1 = largest customer)",
              scale=alt.Scale(reverse=True, domain=[1, RANK_FLOOR], clamp=True),
              axis=alt.Axis(values=[1, 3, 5, 10, 15, 20, 25], format="d"))
    tooltip = [
        year_tip(),
        series_tip("window:N", "Window"),
        alt.Tooltip("rank:Q", title="Rank", format="d"),
        alt.Tooltip("n_customers:Q", title="Customers", format="d"),
        alt.Tooltip("share:Q", title="Share of deliveries", format=".1%"),
    ]
    lines = alt.Chart(frame).transform_filter(alt.datum.window == main).mark_line(strokeWidth=2.5).encode(
        x=x, y=y, color=colour,
    )
    points = alt.Chart(frame).mark_point(filled=True).encode(
        x=x, y=y, color=colour,
        size=alt.condition(alt.datum.window == main, alt.value(30), alt.value(22)),
        tooltip=tooltip,
    )
    # About 12 px a rank: labels a rank and a half apart do not touch.
    ends = line_ends(frame[["year", "window", "rank"]], "window", "year", "rank", gap=1.5)
    labels = alt.Chart(ends).mark_text(align="left", dx=7, fontSize=11, fontWeight="bold").encode(
        x=x, y=alt.Y("label_y:Q"), text=alt.Text("window:N"), color=inked(ends, "window", windows, colours),
    )
    layers: list[alt.Chart] = [lines, points, labels]
    events = ""
    if marks is not None and not marks.empty:
        layers += event_layers(marks, span=(start, end), height=RANK_HEIGHT)
        events = " " + event_list(marks)
    words = ordinal(rank)
    description = (
        f"Line chart of {recipient_name}'s rank among Soviet and Russian arms customers, "
        f"{start} to {end}: a line for {main}s and dots for the other windows "
        f"({', '.join(w for w in windows if w != main)}); rank 1 is the largest customer. "
        f"Over {main}s {recipient_name} was {words} at best, in every window ending "
        f"{year_range(first, last)}.{events}"
    )
    return alt.layer(*layers).properties(
        width="container",
        height=RANK_HEIGHT,
        title=titled(
            f"{recipient_name} was Moscow's {largest(rank)} arms buyer",
            ["Rank among Moscow's arms customers by volume.",
             f"{words.capitalize()} in every {main} ending {year_range(first, last)}.",
             f"Ranks below {RANK_FLOOR} are drawn at {RANK_FLOOR}."],
            credit,
        ),
        description=description,
    )


def recipient_rank(years: pd.DataFrame, recipient: str) -> int:
    """Return a recipient's rank by total deliveries among the named recipients of ``years``.

    Examples
    --------
    >>> years = pd.DataFrame({"recipient": ["Iran", "India", "Iran", "Others"],
    ...     "recipient_code": ["IRN", "IND", "IRN", "OTHER"], "tiv": [5.0, 9.0, 2.0, 50.0]})
    >>> recipient_rank(years, "Iran")
    2
    """
    named = years[years["recipient_code"] != "OTHER"].groupby("recipient")["tiv"].sum()
    return int(named.rank(method="min", ascending=False)[recipient])


def customer_brush_chart(
    years: pd.DataFrame,
    recipient: str = "Iran",
    supplier_name: str = name(SOVIET_RUSSIA),
    credit: Sequence[str] = (SIPRI_SOURCE,),
    rank: int | None = None,
) -> alt.VConcatChart:
    """Brush years on a recipient's deliveries; bars rank the supplier's customers then.

    The top view shows yearly deliveries from the supplier to ``recipient``;
    dragging across it selects a window of years, and the bottom view sums
    every customer's deliveries over that window in the browser (Vega-Lite
    filter and aggregate transforms), ranks them and highlights ``recipient``.
    With no brush the bottom view covers the whole period.

    The chart is exactly as wide as the page's column (the axis labels sit
    inside each panel's width, no side padding): a wider chart would be scaled
    down by the page, and the brush would no longer follow the pointer.

    Parameters
    ----------
    years
        Output of :func:`analysis.transfers.customer_years`: ``year``,
        ``recipient``, ``recipient_code``, ``tiv`` (``"OTHER"`` rows are used
        for the window total only).
    rank
        The recipient's rank among all the supplier's customers over the
        period, for the title; by default its rank among the named ones.

    Examples
    --------
    >>> years = pd.DataFrame({"year": [2000, 2000, 2001], "recipient": ["Iran", "India", "Iran"],
    ...     "recipient_code": ["IRN", "IND", "IRN"], "tiv": [5.0, 9.0, 2.0]})
    >>> spec = customer_brush_chart(years).to_dict()
    >>> spec["vconcat"][1]["transform"][0]["filter"], spec["title"]["text"]
    ({'param': 'years'}, "Iran, Moscow's second-largest buyer, 2000–2001")
    """
    require_columns(years, ["year", "recipient", "recipient_code", "tiv"])
    frame = years[["year", "recipient", "recipient_code", "tiv"]].astype(
        {"year": "int64", "tiv": "float64"}
    )
    start, end = year_span(frame)
    own = frame[frame["recipient"] == recipient]
    if own.empty:
        raise ValueError(f"no deliveries to {recipient!r} in the chart data")
    rank = recipient_rank(frame, recipient) if rank is None else rank
    peak = own.loc[own["tiv"].idxmax()]
    named = frame[frame["recipient_code"] != "OTHER"].groupby("recipient")["tiv"].sum()
    description = (
        f"Two linked charts. Top: yearly arms deliveries from the {supplier_name} to "
        f"{recipient}, {start} to {end}, in millions of SIPRI TIV; the peak is "
        f"{peak['tiv']:,.0f} in {int(peak['year'])}. Dragging across years selects a window. "
        f"Bottom: the {supplier_name}'s {named.size} main customers of the whole period, "
        "ranked by deliveries in the selected window (the whole period when nothing is "
        f"selected), where {named.idxmax()} leads with {named.max():,.0f} and {recipient} "
        f"is {ordinal(rank)}."
    )
    # The brush starts over the whole period, which selects what an empty brush would;
    # an empty interval brush makes Vega-Lite (6.4) throw when the page is resized.
    brush = alt.selection_interval(name="years", encodings=["x"], value={"x": [start - 0.5, end + 0.5]})
    x = year_x("Year of delivery", [start - 0.5, end + 0.5])
    x["scale"]["rangeMin"] = _INSET
    # A bar three quarters of a year wide, whatever the width of the page.
    bar_width = {"expr": f"max(1, 0.75 * (width - {_INSET}) / {end - start + 2})"}
    top = (
        alt.Chart(frame)
        .transform_filter(alt.datum.recipient == recipient)
        # Square ends: a rounded bar is drawn inside a group of its own, and over
        # such a group the brush reads the pointer in the wrong frame (it jumped to
        # the first year; Vega-Lite issue 8628).
        .mark_bar(color=COLOURS["iran"], cornerRadiusEnd=0, width=bar_width)
        .encode(
            x=x,
            y=alt.Y("tiv:Q", title=None, axis=_inset_axis(format=",.0f", tickCount=4)),
            tooltip=[year_tip(), tiv_tip()],
        )
        .add_params(brush)
        .properties(width="container", height=160,
                    title=alt.Title(f"Deliveries to {recipient} per year", **_PANEL_TITLE))
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
            y=alt.Y("recipient:N", title=None, sort="-x", axis=_inset_axis(labelLimit=_INSET - 10)),
            x=alt.X("tiv:Q", title=TIV_UNIT[0].upper() + TIV_UNIT[1:],
                    scale=alt.Scale(rangeMin=_INSET, rangeMax={"expr": "width - 1"}),
                    axis=alt.Axis(format=",.0f", tickCount=5)),
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
        .properties(width="container", height=260,
                    title=alt.Title("Moscow's main customers in the years picked (all if none)",
                                    **_PANEL_TITLE))
    )
    # The theme's "fit-x" autosize breaks interval selections in concatenated
    # views (a Vega runtime error), so this chart pads instead, with no side padding.
    title = titled(
        f"{recipient}, Moscow's {largest(rank)} buyer, {year_range(start, end)}",
        [f"Deliveries in {TIV_UNIT}. On screen, drag",
         "across the top panel to rank customers in those years."],
        credit,
    ).to_dict()
    return alt.vconcat(top, bottom, spacing=24).properties(
        autosize=alt.AutoSizeParams(type="pad"),
        padding={"left": 0, "right": 0, "top": 5, "bottom": 5},
        # Nudged right by a pixel: the first glyphs would stick out of the chart, widening it.
        title=alt.Title(**title, dx=1),
        description=description,
    )


# ---------------------------------------------------------------------------
# Data steps of the registry
# ---------------------------------------------------------------------------

#: Years of the two customer charts.
YEARS = (1990, 2024)


def rank_data(package: Any) -> dict[str, Any]:
    """Inputs of Iran's rank among Moscow's customers, 1990–2024, single years and 5-year windows."""
    arms = package["arms_transfers"]
    single = ranks.rank_by_year(arms, SOVIET_RUSSIA, "IRN", *YEARS).assign(window="single year")
    five = ranks.rank_by_year(arms, SOVIET_RUSSIA, "IRN", *YEARS, window=5).assign(window=MAIN_WINDOW)
    return {
        "ranks": pd.concat([single, five]),
        "marks": event_marks(package["events"], ["E011", "E016", "E017", "E025", "E037"]),
        "credit": sipri_credit(package),
    }


def brush_data(package: Any) -> dict[str, Any]:
    """Inputs of the linked brush over Moscow's twelve largest customers, 1990–2024."""
    arms = package["arms_transfers"]
    years = ranks.customer_years(arms, SOVIET_RUSSIA, *YEARS, top=12, always=["IRN"])
    return {"years": years, "credit": sipri_credit(package),
            "rank": ranks.customer_rank(arms, SOVIET_RUSSIA, "IRN", *YEARS).rank}
