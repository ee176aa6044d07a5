"""What charts write beside their data: numbered event markers and their key, line-end labels.

Small pure helpers behind :func:`analysis.figures.common.event_layers` and the
direct labels of the line charts: where each marker, key line and label goes,
computed in pandas so the chart specs stay plain. Also the colour distance
the tests use to keep two contrasted series apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.theme import TEXT, ink

#: Pixels from the plot's top edge up to the first row of event markers, and between rows.
MARKER_TOP, MARKER_ROW = 12, 18

#: Share of the x axis two markers must be apart to sit in the same row.
MARKER_GAP = 0.05

#: Characters per line of an event in a chart's key (it fits a 390-px phone).
KEY_WIDTH = 46

#: Pixels from the plot's bottom edge down to the key's first line (below the x axis and its title),
#: the key's line height, and the extra space between two events.
KEY_TOP, KEY_LINE, KEY_GAP = 56, 14, 5

#: Horizontal positions of the key's numbers and text, pixels from the plot's left edge.
KEY_DOT, KEY_TEXT = 7, 18


def numbered(base: alt.Chart) -> list[alt.Chart]:
    """Return a dark circle holding each event's number, in white, at ``base``'s position."""
    circles = base.mark_circle(size=200, color=TEXT, opacity=1)
    numbers = base.mark_text(color="white", fontSize=10, fontWeight="bold", baseline="middle",
                             align="center").encode(text=alt.Text("number:N"))
    return [circles, numbers]


def marker_rows(positions: Sequence[float], gap: float) -> list[int]:
    """Return a row (0 = nearest the plot) for each marker so that markers in one row are ``gap`` apart.

    Markers are taken in the order given (by date); each goes to the lowest
    row whose last marker is at least ``gap`` before it.

    Examples
    --------
    >>> marker_rows([1990.0, 1990.5, 1991.0, 1995.0], gap=1.0)
    [0, 1, 0, 0]
    """
    last: list[float] = []
    rows = []
    for position in positions:
        row = next((i for i, end in enumerate(last) if position - end >= gap), len(last))
        if row == len(last):
            last.append(position)
        last[row] = position
        rows.append(row)
    return rows


def wrap_words(text: str, width: int) -> list[str]:
    """Split ``text`` into lines of at most ``width`` characters, at spaces (a longer word keeps a line).

    Examples
    --------
    >>> wrap_words("Gorbachev and Rafsanjani sign accords in Moscow", 20)
    ['Gorbachev and', 'Rafsanjani sign', 'accords in Moscow']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def event_key(marks: pd.DataFrame, *, span: tuple[float, float], height: int) -> pd.DataFrame:
    """Return the events of a chart numbered in date order, with the places of their markers and key lines.

    Columns added to ``marks``: ``number`` (1, 2, …), ``marker_y`` (pixels,
    above the plot: negative), ``text`` (date and title, ``\n`` between
    lines of at most :data:`KEY_WIDTH` characters) and ``key_y`` (pixels, the
    middle of the entry's first line, below the plot).

    Examples
    --------
    >>> marks = pd.DataFrame({"year": [1990.1, 1990.3], "label": ["Accords", "Visit"],
    ...     "date": ["1990-02", "1990-04"], "when": ["Feb 1990", "Apr 1990"]})
    >>> event_key(marks, span=(1990, 2000), height=100)[["number", "marker_y", "key_y"]].values.tolist()
    [['1', -12, 156], ['2', -30, 175]]
    """
    frame = marks.sort_values("year", kind="stable").reset_index(drop=True)
    frame["number"] = [str(i + 1) for i in range(len(frame))]
    rows = marker_rows(frame["year"].tolist(), MARKER_GAP * (span[1] - span[0]))
    frame["marker_y"] = [-(MARKER_TOP + MARKER_ROW * row) for row in rows]
    lines = [wrap_words(f"{when}: {label}", KEY_WIDTH) for when, label in zip(frame["when"], frame["label"])]
    frame["text"] = ["\n".join(entry) for entry in lines]
    tops = [0]
    for entry in lines[:-1]:
        tops.append(tops[-1] + KEY_LINE * len(entry) + KEY_GAP)
    frame["key_y"] = [height + KEY_TOP + top for top in tops]
    return frame


def event_list(marks: pd.DataFrame) -> str:
    """Return the events of a chart's key as one sentence, for its alt text.

    Examples
    --------
    >>> event_list(pd.DataFrame({"year": [2001.0, 1999.0], "label": ["B", "A"],
    ...     "when": ["2001", "1999"]}))
    'Numbered markers show events: 1, 1999, A; 2, 2001, B.'
    """
    frame = marks.sort_values("year", kind="stable")
    entries = [f"{i}, {when}, {label}" for i, (when, label) in
               enumerate(zip(frame["when"], frame["label"]), start=1)]
    return "Numbered markers show events: " + "; ".join(entries) + "."


def spread(values: Sequence[float], gap: float) -> list[float]:
    """Return ``values`` moved apart as little as needed so that no two are closer than ``gap``.

    Used to keep direct labels at the ends of lines from overlapping; the
    order of the values is kept and the group's middle stays put.

    Examples
    --------
    >>> spread([10.0, 11.0, 50.0], gap=4.0)
    [8.5, 12.5, 50.0]
    >>> spread([5.0], gap=4.0)
    [5.0]
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: list[list[int]] = []
    for i in order:
        placed.append([i])
        while len(placed) > 1:
            low, high = placed[-2], placed[-1]
            centre_low, centre_high = _mean(values, low), _mean(values, high)
            if centre_high - (len(high) - 1) * gap / 2 - (centre_low + (len(low) - 1) * gap / 2) >= gap:
                break
            placed[-2:] = [low + high]
    result = [0.0] * len(values)
    for group in placed:
        centre = _mean(values, group)
        first = centre - (len(group) - 1) * gap / 2
        for k, j in enumerate(group):
            result[j] = first + k * gap
    return result


def _mean(values: Sequence[float], group: Sequence[int]) -> float:
    """Return the mean of the values at positions ``group``: the middle of a group of labels."""
    return sum(values[j] for j in group) / len(group)


def line_ends(frame: pd.DataFrame, series: str, x: str, y: str, *, gap: float) -> pd.DataFrame:
    """Return where to label each series at its last point: ``series``, ``x`` and ``label_y``.

    ``label_y`` is the last value, moved by :func:`spread` so that labels keep
    ``gap`` (in the units of ``y``) from each other. Other columns of
    ``frame`` (a ``label``, say) are kept, ``y`` itself is not: the labels'
    rows are not data points.

    Examples
    --------
    >>> frame = pd.DataFrame({"year": [1, 2, 1, 2], "who": ["a", "a", "b", "b"], "v": [0, 10, 5, 11]})
    >>> line_ends(frame, "who", "year", "v", gap=4).values.tolist()
    [[2, 'a', 8.5], [2, 'b', 12.5]]
    """
    ends = frame.sort_values(x, kind="stable").groupby(series, sort=False).tail(1).reset_index(drop=True)
    ends["label_y"] = spread([float(v) for v in ends[y]], gap)
    return ends.drop(columns=[y])


def inked(ends: pd.DataFrame, series: str, domain: Sequence[str], colours: Sequence[str]) -> alt.Color:
    """Return the colour of end labels: each series' colour, darkened to read as text (:func:`ink`).

    Adds an ``ink`` column to ``ends`` (from :func:`line_ends`); the encoding
    reads it as is, so the lines' own colour scale is untouched.

    Examples
    --------
    >>> ends = pd.DataFrame({"who": ["To Iran", "To Russia"]})
    >>> inked(ends, "who", ["To Iran", "To Russia"], ["#0072B2", "#D55E00"]).to_dict()
    {'field': 'ink', 'legend': None, 'scale': None, 'type': 'nominal'}
    >>> ends["ink"].tolist()
    ['#0072B2', '#C25600']
    """
    shades = {name: ink(colour) for name, colour in zip(domain, colours, strict=False)}
    ends["ink"] = ends[series].map(shades)
    return alt.Color("ink:N", scale=None, legend=None)


def colour_distance(first: str, second: str) -> float:
    """Return how far apart two ``#rrggbb`` colours look: the CIE76 ΔE between them in CIELAB (D65).

    About 2 is the least difference people notice; the house palette's
    vermillion and orange are 33 apart, its blue and sky blue 26, and two
    series a chart contrasts should be at least 40 apart.

    Examples
    --------
    >>> round(colour_distance("#D55E00", "#E69F00")), round(colour_distance("#0072B2", "#D55E00"))
    (33, 115)
    """

    def lab(colour: str) -> tuple[float, float, float]:
        def linear(channel: float) -> float:
            return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

        r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

        def f(t: float) -> float:
            return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

        return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))

    return sum((a - b) ** 2 for a, b in zip(lab(first), lab(second), strict=True)) ** 0.5


def end_labels(data: pd.DataFrame, series: str, y: str, domain: list[str], colours: list[str], *,
               gap: float) -> alt.Chart:
    """Return each series' name at the right edge, beside its last value, in the series' ink.

    Every label sits at the chart's last year, even for a series that ends
    earlier, so the names form one column; ``gap`` keeps them apart, in the
    units of ``y`` (see :func:`analysis.figures.annotate.line_ends`).

    Examples
    --------
    >>> data = pd.DataFrame({"year": [2000, 2001, 2000, 2001], "series": ["a", "a", "b", "b"],
    ...     "v": [0.5, 0.6, 0.2, None]})
    >>> spec = end_labels(data, "series", "v", ["a", "b"], ["#0072B2", "#D55E00"], gap=0.05).to_dict()
    >>> rows = spec["datasets"][spec["data"]["name"]]
    >>> [(row["series"], row["year"], row["label_y"]) for row in rows]
    [('b', 2001, 0.2), ('a', 2001, 0.6)]
    """
    ends = line_ends(data.dropna(subset=[y]), series, "year", y, gap=gap)
    ends["year"] = data["year"].max()
    return alt.Chart(ends).mark_text(align="left", dx=7, fontSize=11, fontWeight="bold").encode(
        x=alt.X("year:Q"), y=alt.Y("label_y:Q"), text=alt.Text(f"{series}:N"),
        color=inked(ends, series, domain, colours),
    )
