"""The interactive timeline of events: DataFrame in, Altair chart out.

Event text (titles, descriptions) is data: it reaches the chart only as field
values shown in Vega tooltips, which display text, never markup.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from analysis.timeline import phase_spans, timeline_frame
from analysis.events import DIRECTIONS
from analysis.figures.common import (
    EDGE_PAD,
    require_columns,
    series_tip,
    shade_opacity,
    shading,
    time_axis,
    tips,
    titled,
)
from analysis.theme import COLOURS

EVENTS_CREDIT = "Source: our events table, public sources per event."
ALL = "All"

#: Short phase labels for the phase strip, by chapter; the tooltip gives the full title.
PHASE_SHORT: dict[str, str] = {
    "enemies": "1 Wary neighbours",
    "thaw": "2 Thaw and arms trade",
    "syria": "3 Syria",
    "ukraine": "4 Ukraine",
    "after": "5 After",
}


def _window(frame: pd.DataFrame, spans: pd.DataFrame, start: int, end: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    if start > end:
        raise ValueError(f"empty year window: start {start} is after end {end}")
    events = frame[frame["year"].between(start, end)]
    if events.empty:
        raise ValueError(f"no events in {start}–{end}")
    lo, hi = pd.Timestamp(year=start, month=1, day=1), pd.Timestamp(year=end + 1, month=1, day=1)
    bands = spans[(spans["start"] < hi) & (spans["end"] > lo)].copy()
    bands["start"] = bands["start"].clip(lower=lo)
    bands["end"] = bands["end"].clip(upper=hi)
    bands["label"] = bands["order"].astype("int64").astype(str) + ". " + bands["title"].astype(str)
    bands = bands.assign(**shading(bands["order"]))
    bands["short"] = [PHASE_SHORT.get(str(c), str(t)) for c, t in zip(bands["chapter"], bands["title"], strict=True)]
    return events, bands[["start", "end", "label", "short", "shade", "lane"]]


def timeline_chart(
    frame: pd.DataFrame,
    spans: pd.DataFrame,
    start: int | None = None,
    end: int | None = None,
    title: str | None = None,
) -> alt.VConcatChart:
    """Interactive timeline of events with phase bands, filters and a zoom strip.

    Points sit on a time axis, one row per category, coloured by direction.
    Two drop-down menus filter by category and by direction; dragging across
    the small overview strip below zooms the main view (double-click resets).

    Parameters
    ----------
    frame
        Output of :func:`analysis.timeline.timeline_frame`.
    spans
        Output of :func:`analysis.timeline.phase_spans`.
    start, end
        Year window (inclusive); the data's first and last years by default.
    title
        Chart title; a default naming the years is used if omitted.

    Examples
    --------
    >>> frame = pd.DataFrame({"start_date": pd.to_datetime(["1980-02-23", "2001-03-12"]),
    ...     "year": [1980, 2001], "date_label": ["23 Feb 1980", "12 Mar 2001"],
    ...     "title": ["A", "B"], "description": ["a", "b"], "category": ["Armed clash", "Treaty"],
    ...     "direction": ["conflict", "cooperation"], "verification": ["verified"] * 2,
    ...     "source_url_1": ["https://example.org"] * 2, "phase": ["P1", "P2"]})
    >>> spans = pd.DataFrame({"order": [1, 2], "title": ["P1", "P2"], "chapter": ["a", "b"],
    ...     "start": pd.to_datetime(["1979-01-01", "1989-01-01"]),
    ...     "end": pd.to_datetime(["1989-01-01", "2011-01-01"])})
    >>> spec = timeline_chart(frame, spans).to_dict()
    >>> sorted(p["name"] for p in spec["params"])
    ['category_pick', 'direction_pick', 'zoom']
    """
    require_columns(frame, ["start_date", "year", "date_label", "title", "description", "category",
                     "direction", "verification", "source_url_1", "phase"], allow_empty=True)
    require_columns(spans, ["order", "title", "chapter", "start", "end"], allow_empty=True)
    start = int(frame["year"].min()) if start is None else start
    end = int(frame["year"].max()) if end is None else end
    events, bands = _window(frame, spans, start, end)
    columns = ["start_date", "date_label", "title", "description", "category",
               "direction", "verification", "source_url_1"]
    events = events[columns].reset_index(drop=True)
    categories = sorted(events["category"].unique().tolist())
    directions = [d for d in DIRECTIONS if d in set(events["direction"])]
    counts = events["direction"].value_counts()
    domain_x = [f"{start}-01-01", f"{end + 1}-01-01"]

    category_pick = alt.param(
        name="category_pick", value=ALL,
        bind=alt.binding_select(options=[ALL, *categories], name="Category: "),
    )
    direction_pick = alt.param(
        name="direction_pick", value=ALL,
        bind=alt.binding_select(options=[ALL, *directions], name="Direction: "),
    )
    brush = alt.selection_interval(name="zoom", encodings=["x"])
    colour = alt.Color(
        "direction:N", title="Direction",
        scale=alt.Scale(domain=list(DIRECTIONS), range=[COLOURS[d] for d in DIRECTIONS]),
    )
    # Padded so events at the window's ends show whole (the points are clipped to the plot).
    zoomed = alt.Scale(domain={"param": "zoom", "encoding": "x"}, padding=EDGE_PAD)
    x_main = alt.X(
        "start_date:T", title="Date (month- or year-dated events at the period start)",
        scale=zoomed,
        axis=time_axis(),
    )
    x_band = alt.X("start:T", scale=zoomed)

    band_rects = alt.Chart(bands).mark_rect(clip=True).encode(
        x=x_band, x2="end:T",
        color=alt.value(COLOURS["other"]),
        opacity=shade_opacity(),
        tooltip=[series_tip("label:N", "Phase")],
    )
    strip_x = alt.X("start:T", title=None, axis=None,
                    scale=zoomed)
    phase_rects = alt.Chart(bands).mark_rect(clip=True).encode(
        x=strip_x, x2="end:T",
        y=alt.Y("lane:O", axis=None, scale=alt.Scale(domain=[0, 1])),
        color=alt.value(COLOURS["other"]),
        opacity=shade_opacity(),
        tooltip=[series_tip("label:N", "Phase")],
    )
    phase_text = alt.Chart(bands).mark_text(
        align="left", baseline="middle", dx=3, fontSize=11, color=COLOURS["other"], clip=True,
    ).encode(x=strip_x, y=alt.Y("lane:O", axis=None, scale=alt.Scale(domain=[0, 1])),
             text="short:N", tooltip=[series_tip("label:N", "Phase")])
    phase_strip = alt.layer(phase_rects, phase_text).properties(
        width="container", height=34, title=alt.Title("Phases (hover for the full title)", fontSize=11, color=COLOURS["other"], offset=2))
    points = (
        alt.Chart(events)
        .transform_filter(f"{category_pick.name} == '{ALL}' || datum.category == {category_pick.name}")
        .transform_filter(f"{direction_pick.name} == '{ALL}' || datum.direction == {direction_pick.name}")
        .mark_point(filled=True, size=70, opacity=0.85, clip=True)
        .encode(
            x=x_main,
            y=alt.Y("category:N", title="Category", sort=categories, axis=alt.Axis(labelLimit=160)),
            color=colour,
            shape=alt.Shape(
                "verification:N", title="Verification",
                scale=alt.Scale(domain=["verified", "partly verified"], range=["circle", "triangle-up"]),
            ),
            tooltip=tips(("date_label:N", "Date"), ("title:N", "Event"), ("description:N", "What happened"),
                         ("direction:N", "Direction"), ("verification:N", "Verification"),
                         ("source_url_1:N", "Source")),
        )
    )
    main = alt.layer(band_rects, points).resolve_scale(
        y="independent", color="independent"
    ).properties(width="container", height=max(220, 26 * len(categories) + 30))

    overview = (
        alt.Chart(events)
        .mark_tick(thickness=2, size=14)
        .encode(
            x=alt.X("start_date:T", title="Drag here to zoom the view above (double-click to reset)",
                    scale=alt.Scale(domain=domain_x, padding=EDGE_PAD), axis=time_axis()),
            color=alt.Color("direction:N", scale=alt.Scale(domain=list(DIRECTIONS),
                            range=[COLOURS[d] for d in DIRECTIONS]), legend=None),
        )
        .add_params(brush)
        .properties(width="container", height=36)
    )
    balance = ", ".join(f"{int(counts.get(d, 0))} {d}" for d in DIRECTIONS)
    description = (
        f"Timeline of {len(events)} dated events between the Soviet Union or Russia and Iran, "
        f"{start} to {end}, one row per category, coloured by direction ({balance}); "
        "background bands mark the report's phases. Menus filter by category and direction; "
        "a strip below zooms the time axis."
    )
    chart = (
        alt.vconcat(main, phase_strip, overview, spacing=6)
        .add_params(category_pick, direction_pick)
        .resolve_scale(color="independent")
    )
    return chart.properties(
        title=titled(
            title or f"Events between Moscow and Tehran, {start}–{end}",
            ["Colour: direction; triangles: partly verified events.",
             "Hover for details; menus filter, the strip zooms."],
            [EVENTS_CREDIT],
        ),
        description=description,
    )


def timeline_data(package: Any, start: int | None = None, end: int | None = None) -> dict[str, Any]:
    """Inputs of the timeline of events, for the whole period or the years ``start``–``end``."""
    phases = package["phases"]
    return {"frame": timeline_frame(package["events"], phases), "spans": phase_spans(phases),
            "start": start, "end": end}
