"""The parts every chart shares, defined once.

Input checks, the yearly x axis, tooltip formats, the title with its source
lines, the hover selection, the phase bands behind a yearly axis and the
labelled event markers. Builders in the subject modules compose these; none
of them reads a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from analysis.figures import annotate
from analysis.phases import label as phase_label
from analysis.theme import COLOURS, MUTED, TEXT

#: Unit of every arms-transfer volume shown in the book.
TIV_UNIT = "millions of SIPRI TIV"

#: The credit line SIPRI's terms ask for, with our part in it.
SIPRI_CREDIT = "Information from the SIPRI Arms Transfers Database; our calculation."

#: The short form of that credit line, for charts with three or more subtitle lines.
SIPRI_SOURCE = "Source: SIPRI Arms Transfers Database; our calculation."

#: Pixels a yearly or time scale is padded by at each end, so end points and labels show whole.
EDGE_PAD = 10

#: Opacities of the alternating phase bands.
_SHADE = alt.Scale(domain=["a", "b"], range=[0.05, 0.14])


def source(package: Any, source_id: str) -> Mapping[str, Any]:
    """Return one entry of the package descriptor's ``sources`` by its id."""
    for entry in package.descriptor.get("sources", []):
        if entry.get("id") == source_id:
            return entry
    raise KeyError(f"the package names no source {source_id!r}")


def release_name(entry: Mapping[str, Any]) -> str:
    """Return a source's release without its note: ``"March 2022 (deliveries to 2021)"`` → ``"March 2022"``.

    Examples
    --------
    >>> release_name({"release": "March 2025 (orders and deliveries to 2024)"})
    'March 2025'
    """
    return str(entry["release"]).split(" (")[0]


def sipri_releases(package: Any, *, short: bool = False) -> str:
    """Return the credit line naming the SIPRI releases behind ``arms_transfers`` and their years.

    The releases come from the descriptor's ``sources``, the years from the
    rows each source supplied. ``short`` drops a month the previous release
    already named, to fit a subtitle.
    """
    spans = package["arms_transfers"].groupby("source_id")["year"].agg(["min", "max"]).sort_values("min")
    parts: list[str] = []
    month = None
    for i, (source_id, row) in enumerate(spans.iterrows()):
        this_month, year = release_name(source(package, str(source_id))).rsplit(" ", 1)
        label = year if short and this_month == month else f"{this_month} {year}"
        years = f"to {row['max']}" if i == 0 else f"{row['min']}–{row['max']}"
        parts.append(f"{label} ({years})")
        month = this_month
    return "Releases of " + " and ".join(parts) + "."


def resource_sources(package: Any, resource: str) -> list[Mapping[str, Any]]:
    """Return the descriptor's full ``sources`` entries that one resource names."""
    for entry in package.descriptor.get("resources", []):
        if entry.get("name") == resource:
            return [source(package, str(s["id"])) for s in entry.get("sources", []) if "id" in s]
    raise KeyError(f"the package has no resource {resource!r}")


def sipri_credit(package: Any, *, short: bool = True) -> list[str]:
    """Return the SIPRI source lines of an arms chart, releases read from the package.

    The long form leads with SIPRI's own credit line; the short form, for
    subtitles already three lines long, ends with :data:`SIPRI_SOURCE`.
    """
    if short:
        return [sipri_releases(package, short=True), SIPRI_SOURCE]
    return [SIPRI_CREDIT, sipri_releases(package)]


def require_columns(frame: pd.DataFrame, columns: Sequence[str], *, allow_empty: bool = False) -> None:
    """Raise ``ValueError`` if chart data lacks a column (or, unless allowed, rows).

    Examples
    --------
    >>> require_columns(pd.DataFrame({"year": [2000]}), ["year", "tiv"])
    Traceback (most recent call last):
    ...
    ValueError: chart data lacks columns ['tiv']
    >>> require_columns(pd.DataFrame({"year": []}), ["year"])
    Traceback (most recent call last):
    ...
    ValueError: chart data is empty
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"chart data lacks columns {missing}")
    if frame.empty and not allow_empty:
        raise ValueError("chart data is empty")


def year_span(frame: pd.DataFrame, column: str = "year") -> tuple[int, int]:
    """Return the first and last year of a chart's data.

    Examples
    --------
    >>> year_span(pd.DataFrame({"year": [2001, 1999, 2000]}))
    (1999, 2001)
    """
    return int(frame[column].min()), int(frame[column].max())


def year_x(
    title: str | None,
    domain: Sequence[float],
    *,
    field: str = "year:Q",
    step: int = 1,
    zero: bool | None = None,
    **extra: Any,
) -> alt.X:
    """Return a quantitative x encoding of years: whole-year labels, no rounding of the domain.

    The scale is padded by :data:`EDGE_PAD` pixels at both ends, so the first
    and last points and the end labels sit inside the plot rather than half
    over its edge; labels that would touch are dropped (``labelOverlap``), and
    a tick the padding brings in past the data's years is not drawn.

    Examples
    --------
    >>> axis = year_x("Year", [1990, 2000]).to_dict()["axis"]
    >>> axis["format"], axis["tickMinStep"], axis["labelOverlap"]
    ('d', 1, True)
    >>> axis["labelExpr"]
    "datum.value < 1990 || datum.value > 2000 ? '' : datum.label"
    >>> year_x("Year", [1990, 2000]).to_dict()["scale"]["padding"]
    10
    """
    scale = alt.Scale(domain=list(domain), nice=False, padding=EDGE_PAD)
    if zero is not None:
        scale = alt.Scale(domain=list(domain), nice=False, zero=zero, padding=EDGE_PAD)
    # The padding may bring in a tick past the data's years (2025 on a chart ending in 2024): hidden.
    beyond = f"datum.value < {domain[0]} || datum.value > {domain[-1]}"
    hide = {"condition": {"test": beyond, "value": 0}, "value": 1}
    axis = alt.Axis(format="d", tickMinStep=step, labelOverlap=True, labelSeparation=4,
                    labelExpr=f"{beyond} ? '' : datum.label", tickOpacity=hide, gridOpacity=hide)
    return alt.X(field, title=title, scale=scale, axis=axis, **extra)


#: Labels of a time axis: the year on a year's first tick, else month and year,
#: else day and month, else the time; so no two ticks read alike at any zoom.
TIME_LABELS = (
    "timeFormat(datum.value, "
    "month(datum.value) == 0 && date(datum.value) == 1 && hours(datum.value) == 0 ? '%Y' : "
    "date(datum.value) == 1 && hours(datum.value) == 0 ? '%b %Y' : "
    "hours(datum.value) == 0 && minutes(datum.value) == 0 ? '%-d %b' : '%-d %b %H:%M')"
)


def time_axis(**extra: Any) -> alt.Axis:
    """Return the axis of a time scale: tick labels from :data:`TIME_LABELS`, none overlapping.

    Vega puts quarterly or monthly ticks on a few years; a plain ``%Y`` format
    would print each year several times.

    Examples
    --------
    >>> sorted(time_axis().to_dict())
    ['labelExpr', 'labelOverlap', 'labelSeparation']
    """
    return alt.Axis(labelExpr=TIME_LABELS, labelOverlap=True, labelSeparation=4, **extra)


def year_tip(title: str = "Year", field: str = "year:Q") -> alt.Tooltip:
    """Return the tooltip of a year (no thousands separator)."""
    return alt.Tooltip(field, title=title, format="d")


def tiv_tip(title: str = f"Deliveries ({TIV_UNIT})", field: str = "tiv:Q") -> alt.Tooltip:
    """Return the tooltip of an arms-transfer volume, rounded to whole millions of TIV."""
    return alt.Tooltip(field, title=title, format=",.0f")


def series_tip(field: str, title: str) -> alt.Tooltip:
    """Return the tooltip of a text field, e.g. the series a point belongs to.

    Vega-Lite (6.4) compiles an unformatted nominal tooltip of a nearest-point
    hover (:func:`year_hover`) so that it reads the hover layer's own item
    instead of the data row: the reader sees ``undefined``. An explicit empty
    ``format`` makes it read the row, as the formatted number tooltips do.

    Examples
    --------
    >>> series_tip("flow:N", "Direction").to_dict()
    {'field': 'flow', 'format': '', 'title': 'Direction', 'type': 'nominal'}
    """
    return alt.Tooltip(field, title=title, format="")


def tips(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    """Return one plain tooltip per ``(field, title)`` pair, in order (text fields by :func:`series_tip`).

    Examples
    --------
    >>> [t.to_dict() for t in tips(("label:N", "Event"))]
    [{'field': 'label', 'format': '', 'title': 'Event', 'type': 'nominal'}]
    """
    return [series_tip(field, title) if field.endswith(":N") else alt.Tooltip(field, title=title)
            for field, title in fields]


def event_tips() -> list[alt.Tooltip]:
    """Return the tooltips of an event marker: its date and title."""
    return tips(("date:N", "Date"), ("label:N", "Event"))


def year_hover() -> alt.Parameter:
    """Return the selection that highlights the points of the year under the pointer.

    Its points' text tooltips must come from :func:`series_tip` (see there).
    """
    return alt.selection_point(fields=["year"], on="pointerover", nearest=True, empty=False)


def titled(text: str, lines: Iterable[str], credit: Iterable[str] = ()) -> alt.Title:
    """Return a chart title whose subtitle holds the explanation lines, then the source lines.

    Examples
    --------
    >>> titled("Trade", ["Current dollars."], ["Source: COW."]).to_dict()
    {'text': 'Trade', 'subtitle': ['Current dollars.', 'Source: COW.']}
    """
    return alt.Title(text, subtitle=[*lines, *credit])


def shading(orders: Iterable[object]) -> dict[str, list[object]]:
    """Return the alternating shade and label lane of phases numbered ``orders``.

    Examples
    --------
    >>> shading([1, 2, 3])
    {'shade': ['a', 'b', 'a'], 'lane': [0, 1, 0]}
    """
    numbers = [int(o) for o in orders]  # type: ignore[call-overload]
    return {"shade": ["a" if o % 2 else "b" for o in numbers], "lane": [(o + 1) % 2 for o in numbers]}


def shade_opacity() -> alt.Opacity:
    """Return the opacity encoding that alternates the phase bands' shades."""
    return alt.Opacity("shade:N", scale=_SHADE, legend=None)


def phase_bands(spans: pd.DataFrame, start: int, end: int) -> alt.LayerChart:
    """Return shaded, numbered bands of the report's phases behind a yearly axis.

    ``spans`` holds ``order``, ``title``, ``start_year`` and ``end_year`` (the
    ``phases`` table). A year is a point on a yearly axis, so a band runs from
    half a year before its first year to half a year after its last: the points
    of its own years lie inside it, its neighbour's first year does not. Bands
    are clipped to the axis, ``start`` to ``end + 1``. The tooltip names the
    phase with its years as the chapters do (:func:`analysis.phases.label`).

    Examples
    --------
    >>> spans = pd.DataFrame({"order": [1, 2], "title": ["A", "B"],
    ...     "start_year": [1979, 1989], "end_year": [1988, 2010]})
    >>> rows = next(iter(phase_bands(spans, 1979, 2000).to_dict()["datasets"].values()))
    >>> [(r["from"], r["to"], r["phase"]) for r in rows]
    [(1979.0, 1988.5, '1. A, 1979–1988'), (1988.5, 2001.0, '2. B, 1989–2010')]
    """
    bands = spans[(spans["start_year"] <= end) & (spans["end_year"] >= start)]
    frame = pd.DataFrame(
        {
            "from": (bands["start_year"].astype("float64") - 0.5).clip(lower=start).to_numpy(),
            "to": (bands["end_year"].astype("float64") + 0.5).clip(upper=end + 1).to_numpy(),
            "phase": [phase_label(*row) for row in zip(bands["order"], bands["title"], bands["start_year"],
                                                        bands["end_year"], strict=True)],
            **shading(bands["order"]),
            "number": bands["order"].astype("int64").astype(str).to_numpy(),
        }
    )
    x = alt.X("from:Q", scale=alt.Scale(domain=[start, end + 1], nice=False, zero=False))
    tooltip = [series_tip("phase:N", "Phase")]
    rects = alt.Chart(frame).mark_rect().encode(
        x=x, x2="to:Q", color=alt.value(COLOURS["other"]), opacity=shade_opacity(), tooltip=tooltip,
    )
    # Neighbouring phases' numbers sit on two lines, so two short bands never read as "45".
    frame["drop"] = [lane * 12 for lane in frame["lane"]]
    labels = alt.Chart(frame).mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10,
                                        color=MUTED).encode(
        x=x, y=alt.value(2), yOffset=alt.YOffset("drop:Q", scale=None), text="number:N", tooltip=tooltip,
    )
    return alt.layer(rects, labels)


def event_layers(
    marks: pd.DataFrame, x_field: str = "year:Q", *, span: tuple[float, float], height: int
) -> list[alt.Chart]:
    """Return numbered event markers above a yearly plot, their rules and their key below it.

    Each event gets a number in date order: a small dark circle holding it sits
    above the plot (markers closer than :data:`~analysis.figures.annotate.MARKER_GAP`
    of the axis go to different rows), a dashed rule drops from it through the
    plot, and the key under the x axis repeats the number with the event's date
    in words and its title, wrapped to fit a phone. Nothing long is written
    inside the plot, and the key is part of the chart, so it prints.

    Parameters
    ----------
    marks
        ``year`` (decimal), ``label`` (the title), ``date`` and ``when`` (the
        date in words), as :func:`analysis.figures.arms.event_marks` returns.
    span
        First and last value of the x axis, to judge which markers are close.
    height
        Height of the plot in pixels: the key starts
        :data:`~analysis.figures.annotate.KEY_TOP` below it.

    Examples
    --------
    >>> marks = pd.DataFrame({"year": [2000.5, 1990.2], "label": ["B", "A"],
    ...     "date": ["2000-07", "1990-03"], "when": ["Jul 2000", "Mar 1990"]})
    >>> layers = event_layers(marks, span=(1990, 2010), height=200)
    >>> rows = next(iter(alt.layer(*layers).to_dict()["datasets"].values()))
    >>> [(row["number"], row["text"]) for row in rows]
    [('1', 'Mar 1990: A'), ('2', 'Jul 2000: B')]
    """
    require_columns(marks, ["year", "label", "date", "when"])
    frame = annotate.event_key(marks, span=span, height=height)
    x = alt.X(x_field)
    markers = alt.Chart(frame).encode(x=x, y=alt.Y("marker_y:Q", scale=None, axis=None), tooltip=event_tips())
    rules = alt.Chart(frame).mark_rule(color=COLOURS["neutral"], strokeDash=[4, 3], strokeWidth=1).encode(
        x=x, y=alt.Y("marker_y:Q", scale=None, axis=None), y2=alt.value(height), tooltip=event_tips(),
    )
    key = alt.Chart(frame).encode(x=alt.value(annotate.KEY_DOT), y=alt.Y("key_y:Q", scale=None, axis=None),
                                  tooltip=event_tips())
    key_text = alt.Chart(frame).mark_text(
        align="left", baseline="middle", fontSize=11, color=TEXT, lineBreak="\n", lineHeight=annotate.KEY_LINE,
    ).encode(x=alt.value(annotate.KEY_TEXT), y=alt.Y("key_y:Q", scale=None, axis=None), text=alt.Text("text:N"),
             tooltip=event_tips())
    return [rules, *annotate.numbered(markers), *annotate.numbered(key), key_text]
