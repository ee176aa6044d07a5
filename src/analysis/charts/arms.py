"""Arms-transfer charts: tidy DataFrame in, Altair chart out.

Every builder is pure (no I/O, no global state beyond the registered house
theme), sets explicit encoding types, axis titles with units, a title with the
source as subtitle, formatted tooltips and a ``description`` that serves as
the chart's alt text.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.theme import COLOURS

TIV_UNIT = "millions of SIPRI TIV"
SIPRI_CREDIT = [
    "Information from the SIPRI Arms Transfers Database; our calculation.",
    "Releases of March 2022 (to 1994) and March 2025 (1995–2024).",
]
TIV_NOTE = "TIV is a volume index of military capability, not a price in dollars."


def _require(frame: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"chart data lacks columns {missing}")
    if frame.empty:
        raise ValueError("chart data is empty")


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
    _require(flows, ["year", "flow", "tiv"])
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
