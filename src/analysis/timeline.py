"""Events as the timeline shows them: plain-word labels, the timeline's frame, phase bands.

Builds on :mod:`analysis.events` (selection and dates): the columns the
timeline chart needs, the phases' spans for shading a time axis, and the
HTML event tables of the book (date order, dates in words, each event's
evidence grade, its sources by publisher and date, a stable anchor per
event). Event text is data, never markup: the tables escape every piece of it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.events import date_label, iso_day
from analysis.evidence import grade_order
from analysis.phases import phase_names
from analysis.publishers import cited_sources

#: Columns :func:`timeline_frame` returns, in order.
TIMELINE_COLUMNS: tuple[str, ...] = (
    "start_date",
    "year",
    "date_label",
    "title",
    "description",
    "category",
    "direction",
    "grade",
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
    (in plain words), ``direction``, ``grade`` (the evidence grade) and
    ``phase`` (the phase's title). Rows are sorted by ``start_date``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E1"], "phase_id": ["p"],
    ...     "start_date": pd.to_datetime(["1979-12-01"]), "date_precision": ["month"],
    ...     "title": ["T"], "description": ["<b>not markup</b>"], "category": ["war_context"],
    ...     "direction": ["conflict"], "grade": ["reported"]})
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
            "grade": rows["grade"],
            "phase": rows["phase_id"].map(titles),
        }
    )
    text = [c for c in TIMELINE_COLUMNS if c not in ("start_date", "year")]
    return frame.astype({c: "string" for c in text})


def phase_spans(phases: pd.DataFrame) -> pd.DataFrame:
    """Return each phase's span as dates and its names, for shading phases behind a time axis.

    ``start`` is 1 January of ``start_year`` and ``end`` 31 December of
    ``end_year``: the span holds the table's years and no day of the next
    year, so a band drawn from it, and the data exported with the chart, end
    where the table says. Phases may overlap (the Ukraine phase and the period
    after the essay share 2023–2024).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.phases.phase_names` (among them the
        tooltip's ``label`` and the strip's ``strip``) and ``start``, ``end``,
        sorted by ``order``.

    Examples
    --------
    >>> phases = pd.DataFrame({"phase_id": ["b", "a"], "order": [2, 1], "title": ["B", "A"],
    ...     "short_title": ["b", "a"], "chapter": ["y", "x"],
    ...     "start_year": [1989, 1979], "end_year": [2010, 1988]})
    >>> spans = phase_spans(phases)
    >>> spans["phase_id"].tolist(), str(spans["start"].iloc[0].date()), str(spans["end"].iloc[0].date())
    (['a', 'b'], '1979-01-01', '1988-12-31')
    >>> spans["label"].tolist()
    ['1. A, 1979–1988', '2. B, 1989–2010']
    """
    frame = phase_names(phases)
    frame["start"] = pd.to_datetime(frame["start_year"].astype(str) + "-01-01")
    frame["end"] = pd.to_datetime(frame["end_year"].astype(str) + "-12-31")
    return frame


#: Columns an event table can show, by key, with their headings, in display order.
TABLE_COLUMNS: dict[str, str] = {
    "date": "Date",
    "title": "Event",
    "category": "Category",
    "direction": "Direction",
    "grade": "Grade",
    "notes": "Caveat",
    "sources": "Source",
}

#: The columns of the timeline's table of every event.
TIMELINE_TABLE: tuple[str, ...] = ("date", "title", "category", "direction", "grade", "sources")

#: Shown for a source whose page gives no date of its own.
UNDATED = "undated"

#: Shown in the caveat column of an event without notes.
NO_NOTE = "—"


@dataclass(frozen=True)
class ChartLink:
    """A chart whose menus also filter an event table.

    ``figure`` is the name of the figure holding the chart (its ``:name:`` in
    the chapter); ``menus`` maps the name of each of the chart's menu
    parameters to the key of the column it filters (the menu's values are
    the column's cell texts); ``everything`` is the menu value that shows all.
    """

    figure: str
    menus: Mapping[str, str]
    everything: str


def source_date(published: object) -> str:
    """Write a source's own date in words at the precision it is given, or :data:`UNDATED`.

    Examples
    --------
    >>> source_date("2010-09-22"), source_date("2000-11"), source_date("2008"), source_date(None)
    ('22 September 2010', 'November 2000', '2008', 'undated')
    """
    if published is None or (not isinstance(published, str) and pd.isna(published)) or not str(published):
        return UNDATED
    text = str(published)
    precision = {4: "year", 7: "month"}.get(len(text), "day")
    first = {"year": f"{text}-01-01", "month": f"{text}-01", "day": text}[precision]
    return date_label(pd.Timestamp(first), precision, full_month=True)


#: One source as a table cell shows it: the name to show, its address, its date in words.
SourceLink = tuple[str, str, str]


def source_links(event_sources: pd.DataFrame, publishers: pd.DataFrame) -> dict[str, list[SourceLink]]:
    """Return each event's sources in rank order as ``(label, address, date in words)``.

    The label names the publisher and, for a copy, whose report it carries
    (:func:`analysis.publishers.cited_sources`); the date is the source's own
    (:func:`source_date`).

    Examples
    --------
    >>> sources = pd.DataFrame({"event_id": ["E1", "E1"], "rank": [2, 1],
    ...     "url": ["https://tass.com/1", "https://www.foxnews.com/x"],
    ...     "original_publisher": [None, "Associated Press"], "published": [None, "2010-09-22"]})
    >>> publishers = pd.DataFrame({"host": ["tass.com", "foxnews.com"], "publisher": ["TASS", "Fox News"],
    ...     "kind": ["state media of a party", "wire service or newspaper of record"]})
    >>> source_links(sources, publishers)["E1"]
    [('Fox News (Associated Press)', 'https://www.foxnews.com/x', '22 September 2010'), ('TASS', 'https://tass.com/1', 'undated')]
    """
    rows = cited_sources(event_sources, publishers)
    links: dict[str, list[SourceLink]] = {}
    for row in rows.itertuples(index=False):
        links.setdefault(str(row.event_id), []).append(
            (str(row.label), str(row.url), source_date(row.published)))
    return links


def first_sources(event_sources: pd.DataFrame, publishers: pd.DataFrame) -> dict[str, str]:
    """Return the label of each event's first-ranked source, as the timeline's tooltip names it.

    Examples
    --------
    >>> sources = pd.DataFrame({"event_id": ["E1", "E1"], "rank": [2, 1],
    ...     "url": ["https://tass.com/1", "https://apnews.com/x"], "original_publisher": [None, None],
    ...     "published": [None, None]})
    >>> publishers = pd.DataFrame({"host": ["tass.com", "apnews.com"],
    ...     "publisher": ["TASS", "Associated Press"], "kind": ["state media of a party"] * 2})
    >>> first_sources(sources, publishers)
    {'E1': 'Associated Press'}
    """
    return {ident: links[0][0] for ident, links in source_links(event_sources, publishers).items()}


def table_frame(events: pd.DataFrame, event_sources: pd.DataFrame, publishers: pd.DataFrame) -> pd.DataFrame:
    """Return the events as an event table shows them, in date order.

    Columns: ``event_id``, ``sort_date`` (ISO start date, for sorting),
    ``date`` (in words at its precision, month in full), ``title``,
    ``category`` (in plain words), ``direction``, ``grade`` (the evidence
    grade), ``grade_order`` (its position from the strongest, for sorting),
    ``notes`` (:data:`NO_NOTE` when empty) and ``sources`` (a list of
    :data:`SourceLink`, see :func:`source_links`). Rows are sorted by start
    date, then event id.

    Raises
    ------
    ValueError
        If an event has no source, or a source host has no publisher.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E2", "E1"],
    ...     "start_date": pd.to_datetime(["1980-02-01", "1979-02-11"]),
    ...     "date_precision": ["month", "day"], "title": ["B", "A"],
    ...     "category": ["armed_clash", "war_context"], "direction": ["conflict", "neutral"],
    ...     "grade": ["claimed", "confirmed"], "notes": [None, "n"]})
    >>> sources = pd.DataFrame({"event_id": ["E1", "E2"], "rank": [1, 1],
    ...     "url": ["http://www.apnews.com/2", "https://tass.com/1"],
    ...     "original_publisher": [None, None], "published": ["1979-02-12", None]})
    >>> publishers = pd.DataFrame({"host": ["tass.com", "apnews.com"],
    ...     "publisher": ["TASS", "Associated Press"], "kind": ["state media of a party"] * 2})
    >>> rows = table_frame(events, sources, publishers)
    >>> rows["date"].tolist(), rows["category"].tolist(), rows["notes"].tolist()
    (['11 February 1979', 'February 1980'], ['War context', 'Armed clash'], ['n', '—'])
    >>> rows["sources"].iloc[0], rows["grade_order"].tolist()
    ([('Associated Press', 'http://www.apnews.com/2', '12 February 1979')], [0, 2])
    """
    links = source_links(event_sources, publishers)
    rows = events.sort_values(["start_date", "event_id"], kind="stable").reset_index(drop=True)
    unsourced = sorted(set(rows["event_id"].astype(str)) - set(links))
    if unsourced:
        raise ValueError(f"events without a source: {unsourced}")
    return pd.DataFrame(
        {
            "event_id": rows["event_id"].astype(str),
            "sort_date": [iso_day(d) for d in rows["start_date"]],
            "date": [
                date_label(d, str(p), full_month=True)
                for d, p in zip(rows["start_date"], rows["date_precision"], strict=True)
            ],
            "title": rows["title"].astype(str),
            "category": rows["category"].map(category_label),
            "direction": rows["direction"].astype(str),
            "grade": rows["grade"].astype(str),
            "grade_order": [grade_order(str(g)) for g in rows["grade"]],
            "notes": [NO_NOTE if pd.isna(n) or not str(n).strip() else str(n) for n in rows["notes"]],
            "sources": [links[str(e)] for e in rows["event_id"]],
        }
    )


def source_cell(links: Sequence[SourceLink]) -> str:
    """Return the HTML of a source cell: each source's name linked to its address, then its date.

    Names, addresses and dates are escaped. A second report of the same
    publisher is called so, not named twice.

    Examples
    --------
    >>> source_cell([("A & B", "https://x.org/?a=1&b=2", "2008")])
    '<a href="https://x.org/?a=1&amp;b=2" rel="noopener">A &amp; B</a>, 2008'
    >>> source_cell([("TASS", "https://tass.com/1", "undated"), ("TASS", "https://tass.com/2", "2015")])
    '<a href="https://tass.com/1" rel="noopener">TASS</a>, undated; <a href="https://tass.com/2" rel="noopener">TASS, second report</a>, 2015'
    """
    parts = []
    for index, (name, url, when) in enumerate(links):
        text = f"{name}, second report" if index and name == links[index - 1][0] else name
        parts.append(f'<a href="{html.escape(url, quote=True)}" rel="noopener">{html.escape(text)}</a>'
                     f", {html.escape(when)}")
    return "; ".join(parts)


def count_line(count: int) -> str:
    """Return the line above an event table that says how many events it lists.

    Examples
    --------
    >>> count_line(1), count_line(106)
    ('1 event, in date order.', '106 events, in date order.')
    """
    return f"{count} event{'' if count == 1 else 's'}, in date order."


def _attribute(name: str, value: str) -> str:
    return f' {name}="{html.escape(value, quote=True)}"'


def event_table(
    events: pd.DataFrame,
    event_sources: pd.DataFrame,
    publishers: pd.DataFrame,
    columns: Sequence[str] = TIMELINE_TABLE,
    *,
    link: ChartLink | None = None,
    table_id: str | None = None,
) -> str:
    """Return an HTML table of events for readers, every piece of event text escaped.

    Rows follow :func:`table_frame` (date order); each row's ``id`` is
    ``event-<event id>``, a stable anchor, and no id is shown. Each cell
    carries its heading (``data-label``, the label of the phone layout) and
    its column key (``data-col``); date cells carry the ISO date to sort by
    and grade cells the grade's strength (``data-sort``), so sorting by
    grade puts the best-established events first. Titles and other text are
    escaped with
    :func:`html.escape`, so markup in the data shows as text. The site's
    ``rir-tables.js`` makes the table sortable and filterable and, given a
    ``link``, filtered by a chart's menus too; without JavaScript it is a
    plain table.

    Parameters
    ----------
    events
        The package's ``events`` table, or a selection of its rows.
    event_sources
        The package's ``event_sources`` table (rows of other events are ignored).
    publishers
        The package's ``publishers`` table.
    columns
        Keys of :data:`TABLE_COLUMNS` to show, in order.
    link
        A chart whose menus filter the table as well.
    table_id
        The table's ``id``: a stable address (``#table-events``) that names the
        table, not its rows, so data updates leave it unchanged.

    Raises
    ------
    ValueError
        For an unknown column, an event without a source, a source address
        that is not http(s) or a source host without a publisher.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E1"], "start_date": pd.to_datetime(["1980-01-01"]),
    ...     "date_precision": ["year"], "title": ["<script>x</script>"], "category": ["treaty"],
    ...     "direction": ["conflict"], "grade": ["reported"], "notes": [None]})
    >>> sources = pd.DataFrame({"event_id": ["E1"], "rank": [1], "url": ["https://example.org/?a=1&b=2"],
    ...     "original_publisher": [None], "published": ["1980"]})
    >>> publishers = pd.DataFrame({"host": ["example.org"], "publisher": ["Example <Press>"],
    ...     "kind": ["research institute or reference work"]})
    >>> html_text = event_table(events, sources, publishers)
    >>> "<script>" in html_text, "&lt;script&gt;x&lt;/script&gt;" in html_text
    (False, True)
    >>> 'href="https://example.org/?a=1&amp;b=2"' in html_text, "Example &lt;Press&gt;" in html_text
    (True, True)
    >>> '<tr id="event-E1">' in html_text, "example.org</a>" in html_text
    (True, False)
    >>> '<td data-col="grade" data-label="Grade" data-sort="1">reported</td>' in html_text
    True
    """
    unknown = [c for c in columns if c not in TABLE_COLUMNS]
    if unknown:
        raise ValueError(f"unknown table columns {unknown}; valid: {', '.join(TABLE_COLUMNS)}")
    rows = table_frame(events, event_sources, publishers)
    head = "".join(
        f'<th scope="col" data-col="{key}"'
        + (' aria-sort="ascending"' if key == "date" else "")
        + f">{html.escape(TABLE_COLUMNS[key])}</th>"
        for key in columns
    )
    body = []
    for row in rows.itertuples(index=False):
        cells = []
        for key in columns:
            label = _attribute("data-label", TABLE_COLUMNS[key])
            sort = {"date": _attribute("data-sort", row.sort_date),
                    "grade": _attribute("data-sort", str(row.grade_order))}.get(key, "")
            content = source_cell(row.sources) if key == "sources" else html.escape(str(getattr(row, key)))
            cells.append(f'<td data-col="{key}"{label}{sort}>{content}</td>')
        body.append(f"<tr{_attribute('id', 'event-' + row.event_id)}>" + "".join(cells) + "</tr>")
    table_attributes = _attribute("id", table_id) if table_id else ""
    if link is not None:
        menus = json.dumps(dict(link.menus), sort_keys=True)
        table_attributes += (
            _attribute("data-rir-follows", link.figure) + _attribute("data-rir-menus", menus)
            + _attribute("data-rir-all", link.everything)
        )
    return (
        '<div class="rir-events-block">'
        f'<p class="rir-table-count">{html.escape(count_line(len(rows)))}</p>'
        f'<table class="rir-events rir-table"{table_attributes}>'
        f"<thead><tr>{head}</tr></thead><tbody>" + "".join(body) + "</tbody></table></div>"
    )
