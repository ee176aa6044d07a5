"""Events as the timeline shows them: plain-word labels, the timeline's frame, phase bands.

Builds on :mod:`analysis.events` (selection and dates): the columns the
timeline chart and the event lists need, the phases' spans for shading a time
axis, and an HTML table of events. Event text is data, never markup: the table
escapes every piece of it.
"""

from __future__ import annotations

import pandas as pd

from analysis.events import date_label

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
