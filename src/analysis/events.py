"""Dated events between the Soviet Union/Russia and Iran: selection, counts, timeline data.

The package's ``events`` table dates each event at its true precision
(``date_precision`` is ``day``, ``month`` or ``year``); ``start_date`` is the
first day of that period and is used only to sort and place events in time.
Titles and descriptions are plain text: they are data, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

#: Directions of the cooperation/conflict coding, in display order.
DIRECTIONS: tuple[str, ...] = ("cooperation", "conflict", "neutral")

#: Columns :func:`timeline_frame` returns, in order.
TIMELINE_COLUMNS: tuple[str, ...] = (
    "start_date",
    "year",
    "date_label",
    "title",
    "description",
    "category",
    "direction",
    "verification",
    "source_url_1",
    "phase",
)

DateLike = int | str | pd.Timestamp


def vocabulary(package: Any) -> dict[str, tuple[str, ...]]:
    """Return the valid values of the events' coded fields from the package itself.

    Categories and directions come from the descriptor's ``enum`` constraints,
    phase identifiers from the ``phases`` table.

    Examples
    --------
    >>> from analysis.datapackage import load_package
    >>> words = vocabulary(load_package())
    >>> words["direction"]
    ('cooperation', 'conflict', 'neutral')
    """
    return {
        "phase_id": tuple(str(p) for p in package["phases"].sort_values("order")["phase_id"]),
        "category": tuple(package.field("events", "category")["constraints"]["enum"]),
        "direction": tuple(package.field("events", "direction")["constraints"]["enum"]),
    }


def _check_choice(name: str, value: str | Sequence[str], valid: Sequence[str]) -> list[str]:
    chosen = [value] if isinstance(value, str) else list(value)
    for item in chosen:
        if item not in valid:
            raise ValueError(
                f"unknown {name} {item!r}; valid values are: {', '.join(map(str, valid))}"
            )
    return chosen


def _bound(value: DateLike, *, end: bool) -> pd.Timestamp:
    """A year (int) stands for its whole calendar year; anything else is a date."""
    if isinstance(value, int):
        return pd.Timestamp(year=value, month=12, day=31) if end else pd.Timestamp(year=value, month=1, day=1)
    return pd.Timestamp(value)


def events_in(
    events: pd.DataFrame,
    phase_id: str | Sequence[str] | None = None,
    category: str | Sequence[str] | None = None,
    direction: str | Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    valid: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Return the events matching every given filter, sorted by ``start_date``.

    Parameters
    ----------
    events
        The package's ``events`` table.
    phase_id, category, direction
        One value or several; ``None`` keeps all.
    start, end
        Window on ``start_date``, inclusive. A year (``int``) stands for the
        whole calendar year; strings and timestamps are dates.
    valid
        Valid values per field (``phase_id``, ``category``, ``direction``), e.g.
        :func:`vocabulary` of the package. Without it, the values present in
        ``events`` are the valid ones.

    Raises
    ------
    ValueError
        For an unknown phase, category or direction (naming it and listing the
        valid ones), or a window whose start is after its end.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "event_id": ["E2", "E1", "E3"], "phase_id": ["a", "a", "b"],
    ...     "category": ["treaty", "diplomacy", "treaty"],
    ...     "direction": ["cooperation", "conflict", "cooperation"],
    ...     "start_date": pd.to_datetime(["2001-03-12", "1999-01-01", "2025-01-17"])})
    >>> events_in(frame, category="treaty")["event_id"].tolist()
    ['E2', 'E3']
    >>> events_in(frame, start=1999, end=2001)["event_id"].tolist()
    ['E1', 'E2']
    >>> events_in(frame, direction="friendly")
    Traceback (most recent call last):
    ...
    ValueError: unknown direction 'friendly'; valid values are: conflict, cooperation
    """
    rows = events
    for name, value in (("phase_id", phase_id), ("category", category), ("direction", direction)):
        if value is None:
            continue
        if valid is not None and name in valid:
            known: Sequence[str] = list(valid[name])
        else:
            known = sorted(str(v) for v in events[name].dropna().unique())
        label = "phase" if name == "phase_id" else name
        chosen = _check_choice(label, value, known)
        rows = rows[rows[name].isin(chosen)]
    if start is not None and end is not None and _bound(start, end=False) > _bound(end, end=True):
        raise ValueError(f"empty window: start {start} is after end {end}")
    if start is not None:
        rows = rows[rows["start_date"] >= _bound(start, end=False)]
    if end is not None:
        rows = rows[rows["start_date"] <= _bound(end, end=True)]
    return rows.sort_values(["start_date", "event_id"], kind="stable").reset_index(drop=True)


def yearly_balance(events: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Count events per year and direction, every year of the window filled.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` and one count column per direction (``cooperation``,
        ``conflict``, ``neutral``), ``Int64``, 0 where nothing happened.

    Examples
    --------
    >>> frame = pd.DataFrame({"direction": ["conflict", "cooperation", "cooperation"],
    ...     "start_date": pd.to_datetime(["1980-02-23", "1982-01-01", "1982-06-01"])})
    >>> yearly_balance(frame, 1980, 1982).to_dict("list")
    {'year': [1980, 1981, 1982], 'cooperation': [0, 0, 2], 'conflict': [1, 0, 0], 'neutral': [0, 0, 0]}
    """
    if start > end:
        raise ValueError(f"empty year window: start {start} is after end {end}")
    years = events["start_date"].dt.year
    rows = events[years.between(start, end)]
    counts = (
        pd.crosstab(rows["start_date"].dt.year, rows["direction"])
        .reindex(index=range(start, end + 1), columns=list(DIRECTIONS), fill_value=0)
        .fillna(0)
    )
    frame = counts.astype("int64").reset_index(names="year")
    frame.columns.name = None
    return frame.astype({"year": "Int64", **{d: "Int64" for d in DIRECTIONS}})


def date_label(start_date: pd.Timestamp, precision: str) -> str:
    """Write a date at its true precision: ``24 Dec 1979``, ``Dec 1979`` or ``1979``.

    Examples
    --------
    >>> date_label(pd.Timestamp("1979-12-24"), "day")
    '24 Dec 1979'
    >>> date_label(pd.Timestamp("1979-12-01"), "month")
    'Dec 1979'
    >>> date_label(pd.Timestamp("1980-01-01"), "year")
    '1980'
    """
    if precision == "day":
        return f"{start_date.day} {start_date:%b %Y}"
    if precision == "month":
        return f"{start_date:%b %Y}"
    if precision == "year":
        return f"{start_date:%Y}"
    raise ValueError(f"unknown date precision {precision!r}; valid values are: day, month, year")


def category_label(category: str) -> str:
    """Return a category code in plain words.

    Examples
    --------
    >>> category_label("arms_delivery")
    'Arms delivery'
    """
    return category.replace("_", " ").capitalize()


def timeline_frame(events: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    """Return exactly the columns the timeline chart and the event list need.

    Columns are :data:`TIMELINE_COLUMNS`: ``start_date``, ``year``, ``date_label``
    (the date at its true precision), ``title``, ``description``, ``category``
    (in plain words), ``direction``, ``verification``, ``source_url_1`` and
    ``phase`` (the phase's title). Rows are sorted by ``start_date``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E1"], "phase_id": ["p"],
    ...     "start_date": pd.to_datetime(["1979-12-01"]), "date_precision": ["month"],
    ...     "title": ["T"], "description": ["<b>not markup</b>"], "category": ["war_context"],
    ...     "direction": ["conflict"], "verification": ["verified"],
    ...     "source_url_1": ["https://example.org"]})
    >>> phases = pd.DataFrame({"phase_id": ["p"], "title": ["Phase P"]})
    >>> row = timeline_frame(events, phases).iloc[0]
    >>> row["date_label"], row["category"], row["phase"], row["description"]
    ('Dec 1979', 'War context', 'Phase P', '<b>not markup</b>')
    """
    titles = dict(zip(phases["phase_id"], phases["title"], strict=True))
    missing = sorted(set(events["phase_id"]) - set(titles))
    if missing:
        raise ValueError(f"events name phases missing from the phases table: {missing}")
    rows = events.sort_values(["start_date", "event_id"], kind="stable").reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "start_date": rows["start_date"],
            "year": rows["start_date"].dt.year.astype("Int64"),
            "date_label": [
                date_label(d, str(p)) for d, p in zip(rows["start_date"], rows["date_precision"], strict=True)
            ],
            "title": rows["title"],
            "description": rows["description"],
            "category": rows["category"].map(category_label),
            "direction": rows["direction"],
            "verification": rows["verification"],
            "source_url_1": rows["source_url_1"],
            "phase": rows["phase_id"].map(titles),
        }
    )
    text = [c for c in TIMELINE_COLUMNS if c not in ("start_date", "year")]
    return frame.astype({c: "string" for c in text})


def phase_spans(phases: pd.DataFrame) -> pd.DataFrame:
    """Return each phase's span as dates, for shading phases behind a time axis.

    ``start`` is 1 January of ``start_year``; ``end`` is 1 January after
    ``end_year`` (so the band covers the whole last year). Phases may overlap
    (the Ukraine phase and the period after the essay share 2023–2024).

    Returns
    -------
    pandas.DataFrame
        Columns ``phase_id``, ``order``, ``title``, ``chapter``, ``start_year``,
        ``end_year``, ``start``, ``end``, sorted by ``order``.

    Examples
    --------
    >>> phases = pd.DataFrame({"phase_id": ["b", "a"], "order": [2, 1], "title": ["B", "A"],
    ...     "chapter": ["y", "x"], "start_year": [1989, 1979], "end_year": [2010, 1988]})
    >>> spans = phase_spans(phases)
    >>> spans["phase_id"].tolist(), str(spans["end"].iloc[0].date())
    (['a', 'b'], '1989-01-01')
    """
    spans = phases.sort_values("order").reset_index(drop=True)
    frame = spans[["phase_id", "order", "title", "chapter", "start_year", "end_year"]].copy()
    frame["start"] = pd.to_datetime(frame["start_year"].astype("int64").astype(str) + "-01-01")
    frame["end"] = pd.to_datetime((frame["end_year"].astype("int64") + 1).astype(str) + "-01-01")
    return frame


def balance_summary(events: pd.DataFrame, start: int, end: int) -> dict[str, int]:
    """Return counts of events by direction in a year window, plus the total.

    Examples
    --------
    >>> frame = pd.DataFrame({"direction": ["conflict", "cooperation"],
    ...     "start_date": pd.to_datetime(["1980-02-23", "1982-01-01"])})
    >>> balance_summary(frame, 1979, 1988)
    {'cooperation': 1, 'conflict': 1, 'neutral': 0, 'total': 2}
    """
    table = yearly_balance(events, start, end)
    counts = {d: int(table[d].sum()) for d in DIRECTIONS}
    return {**counts, "total": sum(counts.values())}


def date_labels(events: pd.DataFrame, event_ids: Sequence[str]) -> dict[str, str]:
    """Return the date label of each given event, for quoting dates in text.

    Raises
    ------
    ValueError
        If an identifier is not in the table (naming it).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["E1"], "date_precision": ["month"],
    ...     "start_date": pd.to_datetime(["2016-08-01"])})
    >>> date_labels(frame, ["E1"])
    {'E1': 'Aug 2016'}
    """
    rows = events.set_index("event_id")
    labels = {}
    for ident in event_ids:
        if ident not in rows.index:
            raise ValueError(f"unknown event {ident!r}")
        labels[ident] = date_label(rows.loc[ident, "start_date"], str(rows.loc[ident, "date_precision"]))
    return labels


def verification_counts(events: pd.DataFrame) -> dict[str, int]:
    """Count events by verification level, plus the total.

    Examples
    --------
    >>> verification_counts(pd.DataFrame({"verification": ["verified", "partly verified", "verified"]}))
    {'verified': 2, 'partly verified': 1, 'total': 3}
    """
    counts = events["verification"].value_counts()
    return {
        "verified": int(counts.get("verified", 0)),
        "partly verified": int(counts.get("partly verified", 0)),
        "total": len(events),
    }


#: Columns of :func:`event_table` and their headings.
TABLE_COLUMNS: dict[str, str] = {
    "date_label": "Date",
    "title": "Event",
    "direction": "Direction",
    "verification": "Verification",
    "source_url_1": "Source",
}


def event_table(frame: pd.DataFrame) -> str:
    """Return an HTML table of events in which every piece of event text is escaped.

    ``frame`` is (a selection of) :func:`timeline_frame`. Titles and other text
    are escaped with :func:`html.escape`, so markup in the data shows as text;
    the source address becomes a link whose text and target are both escaped.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_label": ["1980"], "title": ["<script>x</script>"],
    ...     "direction": ["conflict"], "verification": ["verified"],
    ...     "source_url_1": ["https://example.org/?a=1&b=2"]})
    >>> html_text = event_table(frame)
    >>> "<script>" in html_text, "&lt;script&gt;x&lt;/script&gt;" in html_text
    (False, True)
    >>> 'href="https://example.org/?a=1&amp;b=2"' in html_text
    True
    """
    import html
    from urllib.parse import urlparse

    head = "".join(f"<th>{html.escape(label)}</th>" for label in TABLE_COLUMNS.values())
    body = []
    for row in frame.itertuples(index=False):
        url = str(row.source_url_1)
        if urlparse(url).scheme not in ("http", "https"):
            raise ValueError(f"source address {url!r} is not an http(s) URL")
        host = urlparse(url).netloc
        cells = [
            html.escape(str(row.date_label)),
            html.escape(str(row.title)),
            html.escape(str(row.direction)),
            html.escape(str(row.verification)),
            f'<a href="{html.escape(url, quote=True)}" rel="noopener">{html.escape(host)}</a>',
        ]
        first = f'<td style="white-space:nowrap">{cells[0]}</td>'
        body.append("<tr>" + first + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>")
    return (
        '<table class="rir-events table" style="width:100%"><thead><tr>' + head + "</tr></thead><tbody>"
        + "".join(body) + "</tbody></table>"
    )


def days_between(events: pd.DataFrame, first_id: str, second_id: str) -> int:
    """Return the days from one day-dated event to another.

    Raises
    ------
    ValueError
        If either event is unknown or not dated to the day (a month or year
        has no exact day to count from).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["A", "B"], "date_precision": ["day", "day"],
    ...     "start_date": pd.to_datetime(["2016-08-16", "2016-08-22"])})
    >>> days_between(frame, "A", "B")
    6
    """
    rows = events.set_index("event_id")
    for ident in (first_id, second_id):
        if ident not in rows.index:
            raise ValueError(f"unknown event {ident!r}")
        if rows.loc[ident, "date_precision"] != "day":
            raise ValueError(f"event {ident!r} is not dated to the day")
    return int((rows.loc[second_id, "start_date"] - rows.loc[first_id, "start_date"]).days)
