"""The interactive timeline of events: DataFrame in, Altair chart out.

Event text (titles, descriptions) is data: it reaches the chart only as field
values shown in Vega tooltips, which display text, never markup.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from analysis.timeline import ChartLink, first_sources, phase_spans, timeline_frame
from analysis.events import DIRECTIONS
from analysis.evidence import GRADES
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
from analysis.theme import COLOURS, TEXT

EVENTS_CREDIT = "Source: our events table, public sources per event."
#: Title of the overview strip's axis on screen, where it is a control (short enough
#: for one line in the phone layout, like its static twin, so a chart's preview and
#: live drawing are the same height)...
ZOOM_HINT = "Drag to zoom; double-click to reset"
#: ...and in the static exports (print, no JavaScript), where nothing can be dragged.
ZOOM_HINT_STATIC = "Date (every event)"
ALL = "All"

#: The point shape of each evidence grade: filled shapes for the better-established.
GRADE_SHAPES: dict[str, str] = {
    "confirmed": "circle",
    "reported": "square",
    "claimed": "triangle-up",
    "disputed": "cross",
}

#: The timeline's menus: the column each filters -> the name of its parameter in the chart.
MENUS: dict[str, str] = {"category": "category_pick", "direction": "direction_pick"}


def table_link(figure: str) -> ChartLink:
    """Return the link that makes an event table follow the menus of the timeline ``figure``.

    Examples
    --------
    >>> table_link("fig-timeline").menus
    {'category_pick': 'category', 'direction_pick': 'direction'}
    """
    return ChartLink(figure=figure, menus={param: column for column, param in MENUS.items()}, everything=ALL)


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
    bands = bands.assign(**shading(bands["order"]), short=bands["strip"],
                         number=bands["order"].astype("int64").astype(str))
    return events, bands[["start", "end", "label", "short", "number", "shade", "lane"]]


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
        Output of :func:`analysis.timeline.timeline_frame` with ``source``, the
        publisher of each event's first-ranked source (see :func:`timeline_data`).
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
    ...     "direction": ["conflict", "cooperation"], "grade": ["confirmed", "claimed"],
    ...     "source": ["Reuters"] * 2, "phase": ["P1", "P2"]})
    >>> spans = pd.DataFrame({"order": [1, 2], "label": ["1. P1, 1979–1988", "2. P2, 1989–2010"],
    ...     "strip": ["1 P1", "2 P2"], "start": pd.to_datetime(["1979-01-01", "1989-01-01"]),
    ...     "end": pd.to_datetime(["1988-12-31", "2010-12-31"])})
    >>> spec = timeline_chart(frame, spans).to_dict()
    >>> sorted(p["name"] for p in spec["params"])
    ['category_pick', 'direction_pick', 'zoom']
    """
    require_columns(frame, ["start_date", "year", "date_label", "title", "description", "category",
                     "direction", "grade", "source", "phase"], allow_empty=True)
    require_columns(spans, ["order", "label", "strip", "start", "end"], allow_empty=True)
    start = int(frame["year"].min()) if start is None else start
    end = int(frame["year"].max()) if end is None else end
    events, bands = _window(frame, spans, start, end)
    columns = ["start_date", "date_label", "title", "description", "category",
               "direction", "grade", "source"]
    events = events[columns].reset_index(drop=True)
    categories = sorted(events["category"].unique().tolist())
    directions = [d for d in DIRECTIONS if d in set(events["direction"])]
    counts = events["direction"].value_counts()
    domain_x = [f"{start}-01-01", f"{end + 1}-01-01"]

    category_pick = alt.param(
        name=MENUS["category"], value=ALL,
        bind=alt.binding_select(options=[ALL, *categories], name="Category: "),
    )
    direction_pick = alt.param(
        name=MENUS["direction"], value=ALL,
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
        "start_date:T", title="Date",
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
    # Each band carries its number, which fits the narrowest band on a phone; the
    # strip's subtitle names the numbers, and the tooltip gives the full title.
    phase_text = alt.Chart(bands).mark_text(
        align="left", baseline="middle", dx=3, fontSize=11, color=TEXT, clip=True,
    ).encode(x=strip_x, y=alt.Y("lane:O", axis=None, scale=alt.Scale(domain=[0, 1])),
             text="number:N", tooltip=[series_tip("label:N", "Phase")])
    phase_strip = alt.layer(phase_rects, phase_text).properties(
        width="container", height=34,
        title=alt.Title("Phases", subtitle=key_lines(bands["short"].astype(str).tolist(), 32), fontSize=11,
                        subtitleFontSize=11, color=TEXT, subtitleColor=TEXT, offset=2),
    )
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
                "grade:N", title="Evidence grade",
                scale=alt.Scale(domain=list(GRADES), range=[GRADE_SHAPES[g] for g in GRADES]),
            ),
            tooltip=tips(("date_label:N", "Date"), ("title:N", "Event"), ("description:N", "What happened"),
                         ("direction:N", "Direction"), ("grade:N", "Evidence grade"),
                         ("source:N", "First source")),
        )
    )
    main = alt.layer(band_rects, points).resolve_scale(
        y="independent", color="independent"
    ).properties(width="container", height=max(220, 26 * len(categories) + 30))

    overview = (
        alt.Chart(events)
        .mark_tick(thickness=2, size=14)
        .encode(
            x=alt.X("start_date:T", title=ZOOM_HINT,
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
            title or balance_title(counts, len(events)),
            [f"Events between Moscow and Tehran, {start}–{end}, by kind;",
             "colour: direction; shape: evidence grade. Events",
             "dated to a month or a year sit at its start."],
            [EVENTS_CREDIT],
        ),
        description=description,
    )


def key_lines(items: list[str], width: int) -> list[str]:
    """Return ``items`` joined by `` · `` into lines of at most ``width`` characters, none split.

    Examples
    --------
    >>> key_lines(["1 Enemies first", "2 The thaw", "3 Syria", "4 Ukraine"], 32)
    ['1 Enemies first · 2 The thaw', '3 Syria · 4 Ukraine']
    """
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return lines


def balance_title(counts: pd.Series, total: int) -> str:
    """Return a timeline's title: how many of its events were cooperation (cooperative) and conflict (hostile).

    Examples
    --------
    >>> print(balance_title(pd.Series({"cooperation": 12, "conflict": 3}), 20))
    12 of 20 events cooperative, 3 hostile
    >>> print(balance_title(pd.Series({"conflict": 1}), 1))
    0 of 1 event cooperative, 1 hostile
    """
    cooperation, conflict = int(counts.get("cooperation", 0)), int(counts.get("conflict", 0))
    noun = "event" if total == 1 else "events"
    return f"{cooperation} of {total} {noun} cooperative, {conflict} hostile"


def timeline_data(package: Any, start: int | None = None, end: int | None = None) -> dict[str, Any]:
    """Inputs of the timeline of events, for the whole period or the years ``start``–``end``."""
    phases = package["phases"]
    events = package["events"].sort_values(["start_date", "event_id"], kind="stable")
    frame = timeline_frame(events, phases)
    first = first_sources(package["event_sources"], package["publishers"])
    frame["source"] = [first[str(e)] for e in events["event_id"]]
    return {"frame": frame, "spans": phase_spans(phases), "start": start, "end": end}
