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

from analysis import events, ranks, transfers
from analysis.figures.annotate import inked, line_ends
from analysis.figures.common import (
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
from analysis.wording import percent, times, year_range

TIV_NOTE = "TIV is a volume index of military capability, not a price in dollars."

#: Height of the line charts' plots, pixels.
LINE_HEIGHT = 320

#: Pixels two direct labels at the ends of lines keep apart (about one line of 11-px text).
LABEL_GAP_PX = 14


def destination(flow: str) -> str:
    """Return the short label of a flow's destination: ``"Iran → Soviet Union/Russia"`` → ``"To Russia"``.

    Examples
    --------
    >>> destination("Soviet Union/Russia → Iran"), destination("Iran → Soviet Union/Russia")
    ('To Iran', 'To Russia')
    """
    return "To " + flow.split(" → ")[-1].split("/")[-1]


def first_year_ahead(flows: pd.DataFrame, ahead: str, behind: str) -> int | None:
    """Return the first year in which the flow ``ahead`` carried more than the flow ``behind``.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [2021, 2022] * 2, "flow": ["out", "out", "back", "back"],
    ...     "tiv": [5.0, 1.0, 0.0, 60.0]})
    >>> first_year_ahead(flows, "back", "out"), first_year_ahead(flows, "out", "out")
    (2022, None)
    """
    wide = flows.pivot_table(index="year", columns="flow", values="tiv", aggfunc="sum").fillna(0.0)
    years = wide.index[wide[ahead] > wide[behind]]
    return int(years[0]) if len(years) else None


def _tiv_ends(frame: pd.DataFrame, series: str, x: alt.X, labels: Sequence[str], colours: Sequence[str],
              text: str | None = None) -> alt.Chart:
    """Return the bold labels at the right ends of yearly TIV lines, kept apart, in each line's ink."""
    ends = line_ends(frame, series, "year", "tiv", gap=LABEL_GAP_PX * _max_tiv(frame) / LINE_HEIGHT)
    return alt.Chart(ends).mark_text(align="left", dx=7, fontSize=11, fontWeight="bold").encode(
        x=x, y=alt.Y("label_y:Q"), text=alt.Text(text or f"{series}:N"),
        color=inked(ends, series, labels, colours),
    )


def _max_tiv(frame: pd.DataFrame) -> float:
    """Return the largest yearly value of a chart (at least 1, so scales never collapse)."""
    return max(float(frame["tiv"].max()), 1.0)


def arms_flow_chart(
    flows: pd.DataFrame, title: str | None = None, credit: Sequence[str] = (SIPRI_SOURCE,)
) -> alt.LayerChart:
    """Line chart of yearly deliveries in both directions between two states, the reversal called out.

    Each line is labelled at its end (``To Iran``, ``To Russia``) instead of a
    legend; the first year the second flow exceeds the first gets a callout,
    and the title states it with the totals since then.

    Parameters
    ----------
    flows
        Output of :func:`analysis.transfers.flows_between`: ``year``, ``flow``,
        ``tiv``; the first flow listed is the one that used to lead.
    title
        Chart title; by default it states the reversal.
    credit
        Source lines closing the subtitle (:func:`~analysis.figures.common.sipri_credit`).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2021, 2022, 2021, 2022],
    ...     "flow": ["Russia → Iran"] * 2 + ["Iran → Russia"] * 2,
    ...     "tiv": [5.0, 1.0, 0.0, 60.0]})
    >>> spec = arms_flow_chart(flows).to_dict()
    >>> spec["title"]["text"], spec["layer"][0]["encoding"]["y"]["title"]
    ('Arms flow reversed in 2022: Iran to Russia', 'Deliveries (millions of SIPRI TIV)')
    """
    require_columns(flows, ["year", "flow", "tiv"])
    start, end = year_span(flows)
    labels = list(dict.fromkeys(flows["flow"].tolist()))
    colours = [COLOURS["russia"], COLOURS["iran"], COLOURS["other"]][: len(labels)]
    frame = flows[["year", "flow", "tiv"]].assign(label=[destination(f) for f in flows["flow"]])
    peak = frame.loc[frame["tiv"].idxmax()]
    reversal = first_year_ahead(frame, labels[1], labels[0]) if len(labels) > 1 else None
    lines_text = [f"Yearly deliveries in {TIV_UNIT}, a volume",
                  "index of military capability, not a price in dollars."]
    description = (
        f"Line chart of yearly arms deliveries, {start} to {end}, in millions of SIPRI "
        f"trend-indicator values, for {' and '.join(labels)}. The largest yearly value is "
        f"{float(peak['tiv']):,.0f} for {peak['flow']} in {int(peak['year'])}."
    )
    layers: list[alt.Chart] = []
    if reversal is not None:
        since = frame[frame["year"] >= reversal].groupby("flow")["tiv"].sum()
        ahead, behind = labels[1], labels[0]
        to_ahead, to_behind = (destination(f).removeprefix("To ") for f in (ahead, behind))
        lines_text.append(f"{year_range(reversal, end)}: to {to_ahead} {since[ahead]:,.0f}, "
                          f"to {to_behind} {since[behind]:,.0f}.")
        title = title or f"Arms flow reversed in {reversal}: {to_behind} to {to_ahead}"
        description += (
            f" From {reversal}, for the first time, {ahead} exceeded {behind}: "
            f"{since[ahead]:,.0f} against {since[behind]:,.0f} over {year_range(reversal, end)}."
        )
        layers += reversal_callout(frame, ahead, reversal)
    hover = year_hover()
    x = year_x("Year of delivery", [start, end])
    colour = alt.Color("flow:N", scale=alt.Scale(domain=labels, range=colours), legend=None)
    base = alt.Chart(frame).encode(
        x=x, y=alt.Y("tiv:Q", title=f"Deliveries ({TIV_UNIT})", axis=alt.Axis(format=",.0f")), color=colour,
    )
    lines = base.mark_line(interpolate="linear")
    points = base.mark_point().encode(
        opacity=alt.condition(hover, alt.value(1.0), alt.value(0.35)),
        tooltip=[year_tip(), series_tip("flow:N", "Direction"), tiv_tip()],
    ).add_params(hover)
    ends = _tiv_ends(frame, "flow", x, labels, colours, text="label:N")
    return (
        alt.layer(lines, points, ends, *layers)
        .properties(
            width="container",
            height=LINE_HEIGHT,
            title=titled(title or f"Arms deliveries between the two states, {year_range(start, end)}",
                         lines_text, credit),
            description=description,
        )
    )


def reversal_callout(frame: pd.DataFrame, flow: str, year: int) -> list[alt.Chart]:
    """Return a short note and its leader line at the first year ``flow`` led.

    The note hangs from the top part of the plot, right-aligned to the year so
    that it stays inside the chart on a phone, and the leader drops to the
    point it is about.

    Examples
    --------
    >>> frame = pd.DataFrame({"year": [2021, 2022], "flow": ["back"] * 2, "tiv": [0.0, 60.0]})
    >>> [layer.mark.type for layer in reversal_callout(frame, "back", 2022)]
    ['rule', 'text']
    """
    value = float(frame.loc[(frame["flow"] == flow) & (frame["year"] == year), "tiv"].sum())
    top = 0.8 * _max_tiv(frame)
    note = pd.DataFrame({"year": [year], "top": [top], "value": [value],
                         "text": [f"{year}: {flow.split(' → ')[0]} sends\nmore than it receives"]})
    base = alt.Chart(note).encode(x=alt.X("year:Q"))
    leader = base.mark_rule(color=COLOURS["neutral"], strokeWidth=1).encode(
        y=alt.Y("top:Q"), y2=alt.Y2("value:Q"),
    )
    text = base.mark_text(align="right", baseline="top", dx=-5, fontSize=11, color=COLOURS["neutral"],
                          lineBreak="\n", lineHeight=14).encode(y=alt.Y("top:Q"), text=alt.Text("text:N"))
    return [leader, text]


# ---------------------------------------------------------------------------
# Event markers for the arms charts (a domain-level helper on the events table)
# ---------------------------------------------------------------------------


def event_marks(table: pd.DataFrame, event_ids: list[str]) -> pd.DataFrame:
    """Return the marker rows for some events: ``event_id``, ``year``, ``label``, ``date``, ``when``.

    ``year`` is a decimal year (1989-06-21 → 1989.47) from ``start_date``, so
    markers sit where the event falls on a yearly axis; ``label`` is the
    event's title from the package and ``when`` its date in words at its
    precision. Events keep the order of ``event_ids``.

    Examples
    --------
    >>> table = pd.DataFrame({"event_id": ["E011"], "date": ["1989-06-21"], "date_precision": ["day"],
    ...     "start_date": pd.to_datetime(["1989-06-21"]), "title": ["Accords signed"]})
    >>> event_marks(table, ["E011"])[["year", "label", "when"]].values.tolist()
    [[1989.47, 'Accords signed', '21 Jun 1989']]
    """
    rows = event_rows(table, event_ids)
    start = pd.to_datetime(rows["start_date"])
    year = start.dt.year + (start.dt.day_of_year - 1) / 365.25
    return pd.DataFrame(
        {
            "event_id": rows["event_id"].astype(str),
            "year": year.round(2).astype(float),
            "label": rows["title"].astype(str),
            "date": rows["date"].astype(str),
            "when": [events.date_label(pd.Timestamp(stamp), str(precision))
                     for stamp, precision in zip(rows["start_date"], rows["date_precision"], strict=True)],
        }
    )


# ---------------------------------------------------------------------------
# (a) Soviet deliveries to Iraq and to Iran during the Iran–Iraq war
# ---------------------------------------------------------------------------


#: Colour of Iraq in the war chart. The theme's Iraq orange is of one hue family with Iran's
#: vermillion, and the chart contrasts the two; black is the palette's farthest colour from both.
WAR_IRAQ = PALETTE[6]


def war_colour(label: str) -> str:
    """Return a recipient's colour in the war chart: the state's own, Iraq's replaced (see :data:`WAR_IRAQ`).

    Examples
    --------
    >>> war_colour("Iraq"), war_colour("Iran") == state_colour("Iran")
    ('#000000', True)
    """
    return WAR_IRAQ if state_colour(label) == COLOURS["iraq"] else state_colour(label)


def war_deliveries_chart(
    flows: pd.DataFrame,
    war_start: float,
    war_end: float,
    war_label: str = "Iran–Iraq war",
    credit: Sequence[str] = (SIPRI_SOURCE,),
) -> alt.LayerChart:
    """Lines of yearly deliveries from one supplier to two recipients, with a war band.

    The title states how many times as much the first recipient got as the
    second over the war's whole years; each line is labelled at its end.

    Parameters
    ----------
    flows
        Columns ``year``, ``recipient`` (display name) and ``tiv``; the first
        recipient listed is the one the title compares with the second.
    war_start, war_end
        Decimal years of the war's start and end (shaded band).

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [1980, 1981] * 2,
    ...     "recipient": ["Iraq", "Iraq", "Iran", "Iran"], "tiv": [900.0, 1200.0, 0.0, 5.0]})
    >>> spec = war_deliveries_chart(flows, 1980.72, 1988.64).to_dict()
    >>> spec["title"]["text"], spec["layer"][2]["encoding"]["y"]["title"]
    ('Moscow armed Iraq, not Iran: 420× as much', 'Deliveries (millions of SIPRI TIV)')
    """
    require_columns(flows, ["year", "recipient", "tiv"])
    start, end = year_span(flows)
    totals = flows.groupby("recipient")["tiv"].sum()
    labels = list(dict.fromkeys(flows["recipient"].tolist()))
    colours = [war_colour(label) for label in labels]
    first, last = int(war_start), int(war_end)  # the calendar years the war touched
    war = flows[flows["year"].between(first, last)].groupby("recipient")["tiv"].sum()
    big, small = labels[0], labels[1]
    ratio = war[big] / war[small] if war[small] > 0 else float("inf")
    headline = (f"Moscow armed {big}, not {small}: {times(ratio)} as much" if ratio != float("inf")
                else f"Moscow armed {big}, not {small}")
    description = (
        f"Line chart of Soviet arms deliveries per year, {start} to {end}, in millions of "
        f"SIPRI trend-indicator values, to {' and '.join(labels)}, with the Iran–Iraq war "
        "shaded. Totals over the period: "
        + "; ".join(f"{name} {totals[name]:,.0f}" for name in labels)
        + f". Over {year_range(first, last)}: "
        + "; ".join(f"{name} {war[name]:,.0f}" for name in labels)
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
    frame = flows[["year", "recipient", "tiv"]]
    x = year_x("Year of delivery", [start, end], zero=False)
    colour = alt.Color("recipient:N", scale=alt.Scale(domain=labels, range=colours), legend=None)
    base = alt.Chart(frame).encode(
        x=x, y=alt.Y("tiv:Q", title=f"Deliveries ({TIV_UNIT})", axis=alt.Axis(format=",.0f")),
        color=colour,
    )
    lines = base.mark_line()
    points = base.mark_point().encode(
        tooltip=[year_tip(), series_tip("recipient:N", "Recipient"), tiv_tip()]
    )
    ends = _tiv_ends(frame, "recipient", x, labels, colours)
    return alt.layer(shade, band_text, lines, points, ends).properties(
        width="container",
        height=LINE_HEIGHT,
        title=titled(headline,
                     [f"Soviet deliveries in {year_range(first, last)}: "
                      + ", ".join(f"{name} {war[name]:,.0f}" for name in labels) + ".",
                      f"Yearly, in {TIV_UNIT}; war years shaded."], credit),
        description=description,
    )


# ---------------------------------------------------------------------------
# (b) Iran's imports by supplier and period
# ---------------------------------------------------------------------------

def decade_name(period: str) -> str:
    """Return ``"the 1980s"`` for a period label covering one decade, else the label itself.

    Examples
    --------
    >>> decade_name("1980–1989"), decade_name("1992–2000")
    ('the 1980s', '1992–2000')
    """
    first, _, last = period.partition("–")
    if first.isdigit() and last.isdigit() and int(first) % 10 == 0 and int(last) == int(first) + 9:
        return f"the {first}s"
    return period


def shares_headline(frame: pd.DataFrame, period: str, recipient_name: str) -> tuple[str, str]:
    """Return the title and the numbers line of the suppliers chart for one period.

    The title names the period's largest supplier against Moscow (the
    Soviet/Russian series); the line gives the two largest shares and Moscow's.

    Examples
    --------
    >>> frame = pd.DataFrame({"period": ["1980–1989"] * 3, "supplier_series": ["SUN+RUS", "CHN", "OTHER"],
    ...     "supplier": ["Soviet Union/Russia", "China", "Others"], "share": [0.08, 0.39, 0.53]})
    >>> shares_headline(frame, "1980–1989", "Iran")
    ('China, not Moscow, armed Iran in the 1980s', 'In the 1980s: China 39%, Moscow 8%.')
    """
    rows = frame[(frame["period"] == period) & (frame["supplier_series"] != "OTHER")]
    rows = rows.sort_values("share", ascending=False)
    named = {row.supplier_series: ("Moscow" if row.supplier_series == SOVIET_RUSSIA else row.supplier)
             for row in rows.itertuples()}
    leader = str(rows["supplier_series"].iloc[0])
    when = decade_name(period)
    title = (f"Moscow led {recipient_name}'s arms imports in {when}" if leader == SOVIET_RUSSIA
             else f"{named[leader]}, not Moscow, armed {recipient_name} in {when}")
    shown = list(dict.fromkeys([*rows["supplier_series"].head(2), SOVIET_RUSSIA]))
    shares = rows.set_index("supplier_series")["share"]
    parts = [f"{named[code]} {percent(float(shares[code]))}" for code in shown if code in shares]
    return title, f"In {when}: {', '.join(parts)}."


def supplier_shares_chart(
    shares: pd.DataFrame,
    recipient_name: str = "Iran",
    credit: Sequence[str] = (SIPRI_SOURCE,),
    focus: str | None = None,
) -> alt.Chart:
    """Stacked horizontal bars of each supplier's share of imports per period.

    ``shares`` is the output of :func:`analysis.transfers.group_minor_suppliers`;
    the title states who led in the period ``focus`` (by default the first).

    Examples
    --------
    >>> shares = pd.DataFrame({"period": ["1980–1989"] * 2, "start": [1980] * 2,
    ...     "supplier_series": ["CHN", "OTHER"], "supplier": ["China", "Others"],
    ...     "tiv": [60.0, 40.0], "share": [0.6, 0.4]})
    >>> spec = supplier_shares_chart(shares).to_dict()
    >>> spec["encoding"]["x"]["title"], spec["title"]["text"]
    ("Share of the period's imports", 'China, not Moscow, armed Iran in the 1980s')
    """
    require_columns(shares, ["period", "supplier_series", "supplier", "tiv", "share"])
    frame = shares[["period", "supplier_series", "supplier", "tiv", "share"]].copy()
    series = list(dict.fromkeys(frame["supplier_series"].tolist()))
    names = [frame.loc[frame["supplier_series"] == s, "supplier"].iloc[0] for s in series]
    colours = [STATE_COLOURS.get(s, PALETTE[3 + i % 3]) for i, s in enumerate(series)]
    frame["order"] = frame["supplier_series"].map({s: i for i, s in enumerate(series)})
    periods = list(dict.fromkeys(frame["period"].tolist()))
    headline, numbers = shares_headline(frame, focus or periods[0], recipient_name)
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
                title="Share of the period's imports",
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
            title=titled(headline, [numbers, f"Shares of {recipient_name}'s arms imports by supplier (TIV)."],
                         credit),
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
        "credit": sipri_credit(package),
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
        "focus": ranks.period_label(1980, 1989),
    }
