"""Arms-transfer charts: tidy DataFrame in, Altair chart out.

Every builder is pure (no I/O, no global state beyond the registered house
theme), sets explicit encoding types, axis titles with units, a title with the
source as subtitle, formatted tooltips and a ``description`` that serves as
the chart's alt text.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from analysis.charts.checks import require_columns
from analysis.theme import COLOURS, PALETTE, TEXT

TIV_UNIT = "millions of SIPRI TIV"
SIPRI_CREDIT = [
    "Information from the SIPRI Arms Transfers Database; our calculation.",
    "Releases of March 2022 (to 1994) and March 2025 (1995–2024).",
]
#: Short credit lines (≤ 55 characters) for the subtitles of the charts below.
SOURCE_LINES = [
    "Releases of March 2022 (to 1994) and 2025 (1995–2024).",
    "Source: SIPRI Arms Transfers Database; our calculation.",
]
TIV_NOTE = "TIV is a volume index of military capability, not a price in dollars."


def arms_flow_chart(flows: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Line chart of yearly deliveries in both directions between two states.

    Parameters
    ----------
    flows
        Output of :func:`analysis.transfers.flows_between`: ``year``, ``flow``,
        ``tiv``.
    title
        Chart title; a default naming the two states and years is used if omitted.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2021, 2022, 2021, 2022],
    ...     "flow": ["Russia → Iran"] * 2 + ["Iran → Russia"] * 2,
    ...     "tiv": [5.0, 1.0, 0.0, 60.0]})
    >>> spec = arms_flow_chart(flows).to_dict()
    >>> spec["layer"][0]["encoding"]["y"]["title"]
    'Deliveries (millions of SIPRI TIV)'
    """
    require_columns(flows, ["year", "flow", "tiv"])
    start, end = int(flows["year"].min()), int(flows["year"].max())
    labels = list(dict.fromkeys(flows["flow"].tolist()))
    colours = [COLOURS["russia"], COLOURS["iran"], COLOURS["other"]][: len(labels)]
    peak = flows.loc[flows["tiv"].idxmax()]
    description = (
        f"Line chart of yearly arms deliveries, {start} to {end}, in millions of SIPRI "
        f"trend-indicator values, for {' and '.join(labels)}. The largest yearly value is "
        f"{float(peak['tiv']):,.0f} for {peak['flow']} in {int(peak['year'])}."
    )
    hover = alt.selection_point(fields=["year"], on="pointerover", nearest=True, empty=False)
    base = alt.Chart(flows[["year", "flow", "tiv"]]).encode(
        x=alt.X(
            "year:Q",
            title="Year of delivery",
            scale=alt.Scale(domain=[start, end], nice=False),
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
        y=alt.Y("tiv:Q", title=f"Deliveries ({TIV_UNIT})"),
        color=alt.Color(
            "flow:N",
            title="Direction",
            scale=alt.Scale(domain=labels, range=colours),
            sort=labels,
        ),
    )
    lines = base.mark_line(interpolate="linear")
    points = base.mark_point().encode(
        opacity=alt.condition(hover, alt.value(1.0), alt.value(0.35)),
        tooltip=[
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("flow:N", title="Direction"),
            alt.Tooltip("tiv:Q", title=f"Deliveries ({TIV_UNIT})", format=",.0f"),
        ],
    ).add_params(hover)
    return (
        alt.layer(lines, points)
        .properties(
            width="container",
            height=320,
            title=alt.Title(
                title or f"Arms deliveries between the two states, {start}–{end}",
                subtitle=[TIV_NOTE, *SIPRI_CREDIT],
            ),
            description=description,
        )
    )


# ---------------------------------------------------------------------------
# Event markers shared by the arms charts
# ---------------------------------------------------------------------------


def event_marks(events: pd.DataFrame, event_ids: list[str]) -> pd.DataFrame:
    """Return the marker rows for some events: ``event_id``, ``year``, ``label``, ``date``.

    ``year`` is a decimal year (1989-06-21 → 1989.47) from ``start_date``, so
    markers sit where the event falls on a yearly axis; ``label`` is the
    event's title from the package. Events keep the order of ``event_ids``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E011"], "date": ["1989-06-21"],
    ...     "start_date": pd.to_datetime(["1989-06-21"]), "title": ["Accords signed"]})
    >>> event_marks(events, ["E011"])[["year", "label"]].values.tolist()
    [[1989.47, 'Accords signed']]
    """
    missing = [e for e in event_ids if e not in set(events["event_id"])]
    if missing:
        raise ValueError(f"unknown event ids {missing}")
    rows = events.set_index("event_id").loc[event_ids].reset_index()
    start = pd.to_datetime(rows["start_date"])
    year = start.dt.year + (start.dt.day_of_year - 1) / 365.25
    return pd.DataFrame(
        {
            "event_id": rows["event_id"].astype(str),
            "year": year.round(2).astype(float),
            "label": rows["title"].astype(str),
            "date": rows["date"].astype(str),
        }
    )


def _event_layers(marks: pd.DataFrame, x_field: str = "year:Q") -> list[alt.Chart]:
    """Dashed rules and staggered labels for event markers on a yearly x axis."""
    marks = marks.copy()
    marks["dy"] = [(i % 5) * 13 for i in range(len(marks))]
    base = alt.Chart(marks).encode(
        x=alt.X(x_field),
        tooltip=[
            alt.Tooltip("date:N", title="Date"),
            alt.Tooltip("label:N", title="Event"),
        ],
    )
    rules = base.mark_rule(color=COLOURS["neutral"], strokeDash=[4, 3], strokeWidth=1)
    text = {"align": "left", "baseline": "top", "dx": 3, "fontSize": 10, "limit": 230}
    place = {"y": alt.value(2), "yOffset": alt.YOffset("dy:Q", scale=None)}
    # Labels of events in the right part of the axis run leftwards, so they stay inside.
    marks["leftward"] = marks["year"] > marks["year"].min() + 0.6 * (
        marks["year"].max() - marks["year"].min()
    )
    layers: list[alt.Chart] = [rules]
    for leftward in (False, True):
        side = alt.Chart(marks[marks["leftward"] == leftward]).encode(x=alt.X(x_field))
        style = {**text, "align": "right", "dx": -3} if leftward else text
        layers.append(
            side.mark_text(stroke="white", strokeWidth=3, **style).encode(
                text=alt.Text("label:N"), **place
            )
        )
        layers.append(
            side.mark_text(color=TEXT, **style).encode(
                text=alt.Text("label:N"),
                tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("label:N", title="Event")],
                **place,
            )
        )
    return layers


# ---------------------------------------------------------------------------
# (a) Soviet deliveries to Iraq and to Iran during the Iran–Iraq war
# ---------------------------------------------------------------------------


def war_deliveries_chart(
    flows: pd.DataFrame, war_start: float, war_end: float, war_label: str = "Iran–Iraq war"
) -> alt.LayerChart:
    """Lines of yearly deliveries from one supplier to two recipients, with a war band.

    Parameters
    ----------
    flows
        Columns ``year``, ``recipient`` (display name) and ``tiv``.
    war_start, war_end
        Decimal years of the war's start and end (shaded band).

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [1980, 1981] * 2,
    ...     "recipient": ["Iraq", "Iraq", "Iran", "Iran"], "tiv": [900.0, 1200.0, 0.0, 5.0]})
    >>> spec = war_deliveries_chart(flows, 1980.72, 1988.64).to_dict()
    >>> spec["layer"][2]["encoding"]["y"]["title"]
    'Soviet deliveries (millions of SIPRI TIV)'
    """
    require_columns(flows, ["year", "recipient", "tiv"])
    start, end = int(flows["year"].min()), int(flows["year"].max())
    totals = flows.groupby("recipient")["tiv"].sum()
    labels = list(dict.fromkeys(flows["recipient"].tolist()))
    role = {"Iraq": COLOURS["iraq"], "Iran": COLOURS["iran"]}
    colours = [role.get(label, COLOURS["other"]) for label in labels]
    description = (
        f"Line chart of Soviet arms deliveries per year, {start} to {end}, in millions of "
        f"SIPRI trend-indicator values, to {' and '.join(labels)}, with the Iran–Iraq war "
        "shaded. Totals over the period: "
        + "; ".join(f"{name} {totals[name]:,.0f}" for name in labels)
        + "."
    )
    band = alt.Chart(
        pd.DataFrame({"start": [war_start], "end": [war_end], "label": [war_label]})
    )
    x_scale = alt.Scale(domain=[start, end], nice=False, zero=False)
    shade = band.mark_rect(color=COLOURS["neutral"], opacity=0.12).encode(
        x=alt.X("start:Q", scale=x_scale), x2=alt.X2("end:Q"),
        tooltip=[alt.Tooltip("label:N", title="Period")],
    )
    band_text = band.mark_text(
        align="left", baseline="top", dx=4, dy=4, fontSize=11, color=COLOURS["neutral"]
    ).encode(x=alt.X("start:Q", scale=x_scale), y=alt.value(0), text=alt.Text("label:N"))
    base = alt.Chart(flows[["year", "recipient", "tiv"]]).encode(
        x=alt.X(
            "year:Q",
            title="Year of delivery",
            scale=x_scale,
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
        y=alt.Y("tiv:Q", title=f"Soviet deliveries ({TIV_UNIT})"),
        color=alt.Color(
            "recipient:N", title="Recipient", scale=alt.Scale(domain=labels, range=colours)
        ),
    )
    lines = base.mark_line()
    points = base.mark_point().encode(
        tooltip=[
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("recipient:N", title="Recipient"),
            alt.Tooltip("tiv:Q", title=f"Deliveries ({TIV_UNIT})", format=",.0f"),
        ]
    )
    return alt.layer(shade, band_text, lines, points).properties(
        width="container",
        height=320,
        title=alt.Title(
            "Soviet arms to Iraq and to Iran",
            subtitle=[f"Yearly deliveries, {start}–{end}; war years shaded.", *SOURCE_LINES],
        ),
        description=description,
    )


# ---------------------------------------------------------------------------
# (b) Iran's imports by supplier and period
# ---------------------------------------------------------------------------

#: Colour of each supplier series in the share charts.
SUPPLIER_COLOURS: dict[str, str] = {
    "SUN+RUS": COLOURS["russia"],
    "CHN": COLOURS["china"],
    "PRK": PALETTE[5],
    "USA": COLOURS["usa"],
    "OTHER": COLOURS["other"],
}


def supplier_shares_chart(shares: pd.DataFrame, recipient_name: str = "Iran") -> alt.Chart:
    """Stacked horizontal bars of each supplier's share of imports per period.

    ``shares`` is the output of :func:`analysis.transfers.group_minor_suppliers`.

    Examples
    --------
    >>> shares = pd.DataFrame({"period": ["1980–1989"] * 2, "start": [1980] * 2,
    ...     "supplier_series": ["CHN", "OTHER"], "supplier": ["China", "Others"],
    ...     "tiv": [60.0, 40.0], "share": [0.6, 0.4]})
    >>> supplier_shares_chart(shares).to_dict()["encoding"]["x"]["title"]
    'Share of imports (% of TIV in the period)'
    """
    require_columns(shares, ["period", "supplier_series", "supplier", "tiv", "share"])
    frame = shares[["period", "supplier_series", "supplier", "tiv", "share"]].copy()
    series = list(dict.fromkeys(frame["supplier_series"].tolist()))
    names = [frame.loc[frame["supplier_series"] == s, "supplier"].iloc[0] for s in series]
    colours = [SUPPLIER_COLOURS.get(s, PALETTE[3 + i % 3]) for i, s in enumerate(series)]
    frame["order"] = frame["supplier_series"].map({s: i for i, s in enumerate(series)})
    periods = list(dict.fromkeys(frame["period"].tolist()))
    leaders = frame.sort_values("share", ascending=False).groupby("period", sort=False).first()
    description = (
        f"Stacked bar chart of {recipient_name}'s arms imports by supplier for each period "
        f"({', '.join(periods)}), as shares of SIPRI trend-indicator values. Largest supplier "
        "per period: "
        + "; ".join(
            f"{p}: {leaders.loc[p, 'supplier']} {leaders.loc[p, 'share']:.0%}" for p in periods
        )
        + "."
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("period:N", title="Period", sort=periods),
            x=alt.X(
                "share:Q",
                title="Share of imports (% of TIV in the period)",
                stack="zero",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "supplier:N",
                title="Supplier",
                scale=alt.Scale(domain=names, range=colours),
                sort=names,
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("supplier:N", title="Supplier"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
                alt.Tooltip("tiv:Q", title=f"Deliveries ({TIV_UNIT})", format=",.0f"),
            ],
        )
        .properties(
            width="container",
            height=40 * len(periods) + 20,
            title=alt.Title(
                f"Who armed {recipient_name}, by period",
                subtitle=["Shares of arms imports by supplier.", *SOURCE_LINES],
            ),
            description=description,
        )
    )


# ---------------------------------------------------------------------------
# (c) Iran among Russia's customers: rank over time and a linked brush
# ---------------------------------------------------------------------------


def customer_rank_chart(
    ranks: pd.DataFrame, marks: pd.DataFrame | None = None, recipient_name: str = "Iran"
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
    start, end = int(ranks["year"].min()), int(ranks["year"].max())
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
        x=alt.X(
            "year:Q",
            title="Year (end of window)",
            scale=alt.Scale(domain=[start, end], nice=False),
            axis=alt.Axis(format="d", tickMinStep=1),
        ),
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
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("window:N", title="Window"),
            alt.Tooltip("rank:Q", title="Rank", format="d"),
            alt.Tooltip("n_customers:Q", title="Customers", format="d"),
            alt.Tooltip("share:Q", title="Share of deliveries", format=".1%"),
        ]
    )
    layers: list[alt.Chart] = [lines, points]
    if marks is not None and not marks.empty:
        layers += _event_layers(marks)
    return alt.layer(*layers).properties(
        width="container",
        height=300,
        title=alt.Title(
            f"{recipient_name} among Moscow's arms customers",
            subtitle=[
                "Rank by deliveries; 1 is the largest customer.",
                "Ranks below 25 are drawn at 25.",
                *SOURCE_LINES,
            ],
        ),
        description=description,
    )


def customer_brush_chart(
    years: pd.DataFrame, recipient: str = "Iran", supplier_name: str = "Soviet Union/Russia"
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
    start, end = int(frame["year"].min()), int(frame["year"].max())
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
            x=alt.X(
                "year:Q",
                title="Year of delivery (drag to select a window)",
                scale=alt.Scale(domain=[start - 0.5, end + 0.5], nice=False),
                axis=alt.Axis(format="d", tickMinStep=1),
                bin=False,
            ),
            y=alt.Y("tiv:Q", title=f"To {recipient} ({TIV_UNIT})"),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("tiv:Q", title=f"Deliveries ({TIV_UNIT})", format=",.0f"),
            ],
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
                alt.Tooltip("recipient:N", title="Customer"),
                alt.Tooltip("rank:Q", title="Rank", format="d"),
                alt.Tooltip("window:N", title="Years with deliveries"),
                alt.Tooltip("tiv:Q", title=f"Deliveries ({TIV_UNIT})", format=",.0f"),
                alt.Tooltip("share:Q", title="Share of all deliveries", format=".1%"),
            ],
        )
        .properties(width="container", height=260)
    )
    # The theme's "fit-x" autosize breaks interval selections in concatenated
    # views (a Vega runtime error), so this chart pads instead.
    return alt.vconcat(top, bottom, spacing=24).properties(
        autosize=alt.AutoSizeParams(type="pad"),
        title=alt.Title(
            f"{recipient} among Moscow's customers",
            subtitle=[
                f"Top: deliveries to {recipient}; drag to pick years.",
                "Bottom: the period's main customers in those years.",
                *SOURCE_LINES,
            ],
        ),
        description=description,
    )


# ---------------------------------------------------------------------------
# (d) Ordered against delivered, per order
# ---------------------------------------------------------------------------


def ordered_delivered_chart(table: pd.DataFrame) -> alt.VConcatChart:
    """Paired horizontal bars of units ordered and delivered per order, by direction.

    Parameters
    ----------
    table
        Rows of :func:`analysis.deals.ordered_vs_delivered` with two more
        columns: ``direction`` (e.g. ``"Russia → Iran"``) and ``label``
        (designation and order year). One panel per direction, each with its
        own scale, because drones are counted in thousands and air-defence
        systems in units.

    Examples
    --------
    >>> table = pd.DataFrame({"direction": ["Iran → Russia"], "label": ["Shahed-136 (2022)"],
    ...     "designation": ["Shahed-136"], "order_year": [2022],
    ...     "number_ordered": pd.array([6600], dtype="Int64"),
    ...     "number_delivered": pd.array([4600], dtype="Int64"),
    ...     "description": ["drone"], "progress": ["partly delivered"]})
    >>> spec = ordered_delivered_chart(table).to_dict()
    >>> spec["vconcat"][0]["layer"][0]["encoding"]["x"]["title"]
    'Units'
    """
    require_columns(table, ["direction", "label", "number_ordered", "number_delivered", "progress"])
    long = table.melt(
        id_vars=["direction", "label", "description", "progress"],
        value_vars=["number_ordered", "number_delivered"],
        var_name="measure",
        value_name="units",
    )
    long["measure"] = long["measure"].map(
        {"number_ordered": "Ordered", "number_delivered": "Delivered to end of 2024"}
    )
    long["known"] = long["units"].notna()
    long["units"] = long["units"].astype("Float64").fillna(0).astype("float64")
    long["note"] = [
        "number not known" if not known else f"{units:,.0f}"
        for units, known in zip(long["units"], long["known"], strict=True)
    ]
    measures = ["Ordered", "Delivered to end of 2024"]
    directions = list(dict.fromkeys(table["direction"].tolist()))
    facts = "; ".join(
        f"{row.label}: {'?' if pd.isna(row.number_ordered) else f'{row.number_ordered:,}'} "
        f"ordered, {row.number_delivered:,} delivered"
        for row in table.itertuples()
    )
    panels = []
    for direction in directions:
        part = long[long["direction"] == direction]
        labels = list(dict.fromkeys(part["label"].tolist()))
        base = alt.Chart(part).encode(
            y=alt.Y("label:N", title=None, sort=labels),
            yOffset=alt.YOffset("measure:N", sort=measures),
            x=alt.X("units:Q", title="Units"),
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=[COLOURS["other"], COLOURS["iran"]]),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Order"),
                alt.Tooltip("description:N", title="Type"),
                alt.Tooltip("measure:N", title="Measure"),
                alt.Tooltip("note:N", title="Units"),
                alt.Tooltip("progress:N", title="Progress"),
            ],
        )
        text = base.mark_text(align="left", dx=3, fontSize=10, color=COLOURS["neutral"]).encode(
            text=alt.Text("note:N")
        )
        panels.append(
            alt.layer(bars, text).properties(
                width="container",
                height=34 * len(labels) + 10,
                title=alt.Title(direction, fontSize=13),
            )
        )
    return alt.vconcat(*panels, spacing=18).properties(
        title=alt.Title(
            "Ordered and delivered since 2015",
            subtitle=[
                "Units per order; each panel has its own scale.",
                "Deliveries to the end of 2024 (March 2025 release).",
                "Source: SIPRI Arms Transfers Database; our calculation.",
            ],
        ),
        description=(
            "Paired horizontal bars of units ordered and units delivered to the end of 2024 "
            f"for each arms order between Russia and Iran since 2015, by direction. {facts}."
        ),
    )


# ---------------------------------------------------------------------------
# Small tables for the chapters
# ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|$~^])")


def escape_markdown(text: object) -> str:
    """Return ``text`` safe to place in a Markdown table cell (markup shown as text).

    Examples
    --------
    >>> escape_markdown("a|b <script> *x*")
    'a\\\\|b &lt;script&gt; \\\\*x\\\\*'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    plain = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(plain.split()))


def markdown_table(frame: pd.DataFrame) -> str:
    """Return ``frame`` as a Markdown pipe table with every cell escaped.

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"Event": ["A|B"], "Year": [1980]})))
    | Event | Year |
    |---|---|
    | A\\|B | 1980 |
    """
    header = "| " + " | ".join(escape_markdown(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = [
        "| " + " | ".join(escape_markdown(value) for value in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])


def events_table(events: pd.DataFrame, event_ids: list[str]) -> pd.DataFrame:
    """Return the chapter table of some events: date, event, verification, caveat.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E004"], "date": ["1980-02-23"],
    ...     "title": ["Jets cross"], "verification": ["partly verified"], "notes": [None]})
    >>> events_table(events, ["E004"]).columns.tolist()
    ['Id', 'Date', 'Event', 'Verification', 'Caveat']
    """
    missing = [e for e in event_ids if e not in set(events["event_id"])]
    if missing:
        raise ValueError(f"unknown event ids {missing}")
    rows = events.set_index("event_id").loc[event_ids].reset_index()
    return pd.DataFrame(
        {
            "Id": rows["event_id"],
            "Date": rows["date"],
            "Event": rows["title"],
            "Verification": rows["verification"],
            "Caveat": rows["notes"].fillna("—"),
        }
    )
