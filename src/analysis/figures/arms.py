"""Arms-transfer charts: flows between two states, the Iran–Iraq war, suppliers' shares.

Every builder is pure (no I/O, no global state beyond the registered house
theme), sets explicit encoding types, axis titles with units, a title with the
source as subtitle, formatted tooltips and a ``description`` that serves as
the chart's alt text. The ``*_data`` functions are the registry's data steps:
the package in, the builder's inputs out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from analysis import ranks, transfers
from analysis.figures.common import (
    SIPRI_CREDIT,
    SIPRI_SOURCE,
    TIV_UNIT,
    require_columns,
    series_tip,
    sipri_credit,
    tiv_tip,
    titled,
    year_hover,
    year_span,
    year_tip,
    year_x,
)
from analysis.figures.tables import event_rows
from analysis.names import SOVIET_RUSSIA, name
from analysis.theme import COLOURS, PALETTE, STATE_COLOURS, state_colour

TIV_NOTE = "TIV is a volume index of military capability, not a price in dollars."


def arms_flow_chart(
    flows: pd.DataFrame, title: str | None = None, credit: Sequence[str] = (SIPRI_CREDIT,)
) -> alt.LayerChart:
    """Line chart of yearly deliveries in both directions between two states.

    Parameters
    ----------
    flows
        Output of :func:`analysis.transfers.flows_between`: ``year``, ``flow``,
        ``tiv``.
    title
        Chart title; a default naming the two states and years is used if omitted.
    credit
        Source lines closing the subtitle (:func:`~analysis.figures.common.sipri_credit`).

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
    start, end = year_span(flows)
    labels = list(dict.fromkeys(flows["flow"].tolist()))
    colours = [COLOURS["russia"], COLOURS["iran"], COLOURS["other"]][: len(labels)]
    peak = flows.loc[flows["tiv"].idxmax()]
    description = (
        f"Line chart of yearly arms deliveries, {start} to {end}, in millions of SIPRI "
        f"trend-indicator values, for {' and '.join(labels)}. The largest yearly value is "
        f"{float(peak['tiv']):,.0f} for {peak['flow']} in {int(peak['year'])}."
    )
    hover = year_hover()
    base = alt.Chart(flows[["year", "flow", "tiv"]]).encode(
        x=year_x("Year of delivery", [start, end]),
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
        tooltip=[year_tip(), series_tip("flow:N", "Direction"), tiv_tip()],
    ).add_params(hover)
    return (
        alt.layer(lines, points)
        .properties(
            width="container",
            height=320,
            title=titled(title or f"Arms deliveries between the two states, {start}–{end}",
                         [TIV_NOTE], credit),
            description=description,
        )
    )


# ---------------------------------------------------------------------------
# Event markers for the arms charts (a domain-level helper on the events table)
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
    rows = event_rows(events, event_ids)
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


# ---------------------------------------------------------------------------
# (a) Soviet deliveries to Iraq and to Iran during the Iran–Iraq war
# ---------------------------------------------------------------------------


def war_deliveries_chart(
    flows: pd.DataFrame,
    war_start: float,
    war_end: float,
    war_label: str = "Iran–Iraq war",
    credit: Sequence[str] = (SIPRI_SOURCE,),
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
    start, end = year_span(flows)
    totals = flows.groupby("recipient")["tiv"].sum()
    labels = list(dict.fromkeys(flows["recipient"].tolist()))
    colours = [state_colour(label) for label in labels]
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
        tooltip=[series_tip("label:N", "Period")],
    )
    band_text = band.mark_text(
        align="left", baseline="top", dx=4, dy=4, fontSize=11, color=COLOURS["neutral"]
    ).encode(x=alt.X("start:Q", scale=x_scale), y=alt.value(0), text=alt.Text("label:N"))
    base = alt.Chart(flows[["year", "recipient", "tiv"]]).encode(
        x=year_x("Year of delivery", [start, end], zero=False),
        y=alt.Y("tiv:Q", title=f"Soviet deliveries ({TIV_UNIT})"),
        color=alt.Color(
            "recipient:N", title="Recipient", scale=alt.Scale(domain=labels, range=colours)
        ),
    )
    lines = base.mark_line()
    points = base.mark_point().encode(
        tooltip=[year_tip(), series_tip("recipient:N", "Recipient"), tiv_tip()]
    )
    return alt.layer(shade, band_text, lines, points).properties(
        width="container",
        height=320,
        title=titled("Soviet arms to Iraq and to Iran",
                     [f"Yearly deliveries, {start}–{end}; war years shaded."], credit),
        description=description,
    )


# ---------------------------------------------------------------------------
# (b) Iran's imports by supplier and period
# ---------------------------------------------------------------------------

def supplier_shares_chart(
    shares: pd.DataFrame, recipient_name: str = "Iran", credit: Sequence[str] = (SIPRI_SOURCE,)
) -> alt.Chart:
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
    colours = [STATE_COLOURS.get(s, PALETTE[3 + i % 3]) for i, s in enumerate(series)]
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
                series_tip("period:N", "Period"),
                series_tip("supplier:N", "Supplier"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
                tiv_tip(),
            ],
        )
        .properties(
            width="container",
            height=40 * len(periods) + 20,
            title=titled(f"Who armed {recipient_name}, by period",
                         ["Shares of arms imports by supplier."], credit),
            description=description,
        )
    )


# ---------------------------------------------------------------------------
# Data steps of the registry
# ---------------------------------------------------------------------------


def flow_data(package: Any) -> dict[str, Any]:
    """Inputs of the Soviet/Russian–Iranian flows chart, 1979–2024 (chapter *arms*)."""
    return {
        "flows": transfers.flows_between(package["arms_transfers"], SOVIET_RUSSIA, "IRN", 1979, 2024),
        "credit": sipri_credit(package, short=False),
    }


def war_data(package: Any) -> dict[str, Any]:
    """Inputs of the Soviet deliveries to Iraq and Iran chart, 1979–1990, war shaded."""
    war = event_marks(package["events"], ["E005", "E009"])
    recipients = {code: name(code) for code in ("IRQ", "IRN")}
    return {
        "flows": transfers.flows_to_recipients(package["arms_transfers"], "SUN", recipients, 1979, 1990),
        "war_start": war["year"][0],
        "war_end": war["year"][1],
        "credit": sipri_credit(package),
    }


def shares_data(package: Any) -> dict[str, Any]:
    """Inputs of the chart of Iran's suppliers by decade, 1970–1999."""
    shares = ranks.supplier_shares(package["arms_transfers"], "IRN", [(1970, 1979), (1980, 1989), (1990, 1999)])
    return {
        "shares": ranks.group_minor_suppliers(shares, [SOVIET_RUSSIA, "CHN", "PRK", "USA"]),
        "credit": sipri_credit(package),
    }
