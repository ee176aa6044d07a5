"""The book's event tables as a reader sees them, from the package: order, dates, publishers.

The tables are read back from their HTML with :mod:`html.parser` (cell text
and link targets), so the tests check what the page shows, not how the code
builds it. Expected values come from the package's ``events``,
``event_sources`` and ``publishers`` tables.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis import publishers as pub
from analysis import timeline
from analysis.chapters import enemies as enemies_chapter
from analysis.chapters import timeline as timeline_chapter
from analysis.events import date_label
from analysis.figures.registry import figure
from analysis.site.sphinx_tables import holds_event_table


@dataclass
class Cell:
    """One cell as shown: its column, its text and the links in it."""

    col: str
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)


@dataclass
class Row:
    """One table row: its anchor and its cells."""

    anchor: str
    cells: list[Cell] = field(default_factory=list)

    def cell(self, col: str) -> Cell:
        return next(c for c in self.cells if c.col == col)


class TableReader(HTMLParser):
    """Collect the headings, rows, cells and links of an event table."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.rows: list[Row] = []
        self.count_line = ""
        self._in: str | None = None
        self._href: str | None = None
        self._link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "th":
            self.headings.append("")
            self._in = "th"
        elif tag == "tr" and values.get("id"):
            self.rows.append(Row(str(values["id"])))
        elif tag == "td":
            self.rows[-1].cells.append(Cell(str(values.get("data-col"))))
            self._in = "td"
        elif tag == "a":
            self._href, self._link_text = str(values.get("href")), ""
        elif tag == "p" and "rir-table-count" in (values.get("class") or ""):
            self._in = "count"

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.rows[-1].cells[-1].links.append((self._link_text, self._href))
            self._href = None
        elif tag in ("th", "td", "p"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "th":
            self.headings[-1] += data
        elif self._in == "td":
            self.rows[-1].cells[-1].text += data
        elif self._in == "count":
            self.count_line += data
        if self._href is not None:
            self._link_text += data


def read_table(html_text: str) -> TableReader:
    reader = TableReader()
    reader.feed(html_text)
    return reader


def in_date_order(events: pd.DataFrame) -> pd.DataFrame:
    return events.sort_values(["start_date", "event_id"]).reset_index(drop=True)


def words_date(row: pd.Series) -> str:
    """The date as a newspaper writes it, at the event's precision."""
    start, precision = row["start_date"], row["date_precision"]
    month = calendar.month_name[start.month]
    return {"day": f"{start.day} {month} {start.year}", "month": f"{month} {start.year}",
            "year": str(start.year)}[precision]


@pytest.fixture(scope="module")
def timeline_table(package) -> TableReader:
    return read_table(str(timeline_chapter.facts(package)["timeline-table"].data))


@pytest.fixture(scope="module")
def enemies_table(package) -> TableReader:
    return read_table(str(enemies_chapter.facts(package)["tbl-enemies-events"].data))


# --------------------------------------------------------------------------
# Publishers
# --------------------------------------------------------------------------


def test_every_event_source_host_has_a_publisher(package) -> None:
    sources, table = package["event_sources"], package["publishers"]
    hosts = {pub.source_host(u) for u in sources["url"]}
    assert hosts <= set(table["host"]), sorted(hosts - set(table["host"]))
    assert all(pub.normalise_host(h) == h for h in table["host"])
    assert not table["host"].str.startswith("www.").any()
    assert set(table["kind"]) <= set(pub.KINDS)
    assert tuple(package.field("publishers", "kind")["constraints"]["enum"]) == pub.KINDS


def test_every_source_address_is_in_normal_form(package) -> None:
    problems = {u: pub.url_problem(u) for u in package["event_sources"]["url"]}
    assert not {u: p for u, p in problems.items() if p}, problems


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.trtworld.com:443/article/a", "trtworld.com"),
    ("http://web.archive.org./web/2015/https://x.org", "web.archive.org"),
    ("HTTPS://WWW.ApNews.com/x", "apnews.com"),
    ("https://articles.latimes.com/1989", "articles.latimes.com"),
    ("https://user@www.example.org:8080/", "example.org"),
])
def test_source_host_normalises(url: str, host: str) -> None:
    assert pub.source_host(url) == host


@pytest.mark.parametrize(("url", "problem"), [
    ("https://www.tass.com:443/a", "default port"),
    ("http://apnews.com:80/a", "default port"),
    ("http://web.archive.org./web/1", "ends in a dot"),
    ("https://News.BBC.co.uk/x", "lower case"),
    ("https://user@example.org/x", "user information"),
    ("ftp://tass.com/x", "not an http"),
    ("https://tass.com/a b", "white space"),
])
def test_addresses_out_of_normal_form_are_named(url: str, problem: str) -> None:
    assert problem in str(pub.url_problem(url))


def test_cited_sources_name_the_publisher_or_refuse() -> None:
    sources = pd.DataFrame({"event_id": ["E1", "E1"], "rank": [1, 2],
                            "url": ["https://www.tass.com/a", "https://apnews.com/x"],
                            "original_publisher": [None, "Reuters"]})
    publishers = pd.DataFrame({"host": ["tass.com", "apnews.com"], "publisher": ["TASS", "Associated Press"],
                               "kind": ["state media of a party", "wire service or newspaper of record"]})
    rows = pub.cited_sources(sources, publishers)
    assert rows["label"].tolist() == ["TASS", "Associated Press (Reuters)"]
    assert rows["origin"].tolist() == ["TASS", "Reuters"]
    with pytest.raises(ValueError, match="no publisher for hosts"):
        pub.cited_sources(sources, publishers.iloc[:1])


# --------------------------------------------------------------------------
# The timeline's table
# --------------------------------------------------------------------------


def test_timeline_table_lists_every_event_in_date_order(package, timeline_table) -> None:
    expected = in_date_order(package["events"])
    assert [r.anchor for r in timeline_table.rows] == [f"event-{e}" for e in expected["event_id"]]
    assert [r.cell("date").text for r in timeline_table.rows] == [
        words_date(row) for _, row in expected.iterrows()
    ]
    assert timeline_table.count_line == f"{len(expected)} events, in date order."


def test_timeline_table_shows_readers_columns_and_no_ids(package, timeline_table) -> None:
    assert timeline_table.headings == ["Date", "Event", "Category", "Direction", "Grade", "Source"]
    ids = set(package["events"]["event_id"])
    for row in timeline_table.rows:
        assert not any(c.text.strip() in ids for c in row.cells), row.anchor
        assert row.cell("title").text and row.cell("category").text[0].isupper()


def test_sources_show_publisher_names_never_hosts(package, timeline_table) -> None:
    """Each row links its sources in rank order, named by publisher (and original), with their dates."""
    cited = pub.cited_sources(package["event_sources"], package["publishers"])
    hosts = set(package["publishers"]["host"])
    for row in timeline_table.rows:
        mine = cited[cited["event_id"] == row.anchor.removeprefix("event-")]
        links = row.cell("sources").links
        assert [href for _, href in links] == mine["url"].tolist()
        for (text, _), label in zip(links, mine["label"], strict=True):
            assert text.removesuffix(", second report") == label
        shown = row.cell("sources").text
        for published in mine["published"]:
            assert timeline.source_date(published) in shown
        assert ":443" not in shown and "www." not in shown
        assert not any(text in hosts for text, _ in links), links


def test_grades_shown_are_the_packages(package, timeline_table) -> None:
    grades = dict(zip(package["events"]["event_id"], package["events"]["grade"], strict=True))
    for row in timeline_table.rows:
        assert row.cell("grade").text == grades[row.anchor.removeprefix("event-")]


def test_source_dates_are_in_words_at_their_precision() -> None:
    assert [timeline.source_date(v) for v in ("1979-02-11", "2000-11", "2008", None, "")] == [
        "11 February 1979", "November 2000", "2008", timeline.UNDATED, timeline.UNDATED]


def test_every_text_is_escaped() -> None:
    events = pd.DataFrame({
        "event_id": ["E1"], "start_date": pd.to_datetime(["1990-05-01"]), "date_precision": ["month"],
        "title": ['<img src=x onerror="alert(1)">'], "category": ["treaty"],
        "direction": ["<b>conflict</b>"], "grade": ["claimed"], "notes": ["a & b"],
    })
    sources = pd.DataFrame({"event_id": ["E1"], "rank": [1], "url": ['https://x.org/"><script>'],
                            "original_publisher": ["<u>Wire</u>"], "published": ["1990"]})
    publishers = pd.DataFrame({"host": ["x.org"], "publisher": ["<i>X</i>"], "kind": ["aggregator or blog"]})
    html_text = timeline.event_table(events, sources, publishers, tuple(timeline.TABLE_COLUMNS))
    assert "<img" not in html_text and "<b>" not in html_text and "<script>" not in html_text
    assert "<i>" not in html_text and "<u>" not in html_text
    shown = read_table(html_text).rows[0]
    assert shown.cell("title").text == '<img src=x onerror="alert(1)">'
    assert shown.cell("notes").text == "a & b"
    assert shown.cell("sources").links == [("<i>X</i> (<u>Wire</u>)", 'https://x.org/"><script>')]
    with pytest.raises(ValueError, match="unknown table columns"):
        timeline.event_table(events, sources, publishers, ("date", "event_id"))
    with pytest.raises(ValueError, match="events without a source"):
        timeline.event_table(events, sources.iloc[:0], publishers)


def test_same_publisher_twice_is_called_a_second_report() -> None:
    html_text = timeline.source_cell([("TASS", "https://tass.com/1", "2015"),
                                      ("TASS", "https://tass.com/2", "2016")])
    assert html_text.count(">TASS</a>") == 1 and ">TASS, second report</a>, 2016" in html_text


def test_dates_are_in_words_at_their_precision(package) -> None:
    months = "|".join(calendar.month_name[1:])
    patterns = {"day": rf"\d{{1,2}} ({months}) \d{{4}}", "month": rf"({months}) \d{{4}}",
                "year": r"\d{4}"}
    rows = timeline.table_frame(package["events"], package["event_sources"], package["publishers"])
    precision = package["events"].set_index("event_id")["date_precision"]
    for ident, shown in zip(rows["event_id"], rows["date"], strict=True):
        assert re.fullmatch(patterns[precision[ident]], shown), (ident, shown)
    assert date_label(pd.Timestamp("1979-02-11"), "day", full_month=True) == "11 February 1979"


def test_chart_menus_match_the_columns_they_filter(package, timeline_table) -> None:
    """The chart's menus exist, and each menu value is a value of the column it filters."""
    link = timeline_chapter.CHART_LINK
    spec = figure(link.figure).chart(package).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    for menu, col in link.menus.items():
        assert params[menu]["bind"]["input"] == "select", menu
        assert params[menu]["value"] == link.everything
        options = set(params[menu]["bind"]["options"]) - {link.everything}
        assert options == {r.cell(col).text for r in timeline_table.rows}, menu


def test_the_timeline_table_names_its_chart(package) -> None:
    html_text = str(timeline_chapter.facts(package)["timeline-table"].data)
    assert 'data-rir-follows="fig-timeline"' in html_text and holds_event_table(html_text)


# --------------------------------------------------------------------------
# The enemies chapter's table: the same function, its own columns
# --------------------------------------------------------------------------


def test_enemies_table_is_in_date_order_with_publishers(package, enemies_table) -> None:
    chosen = package["events"][package["events"]["event_id"].isin(enemies_chapter.TABLE_EVENTS)]
    expected = in_date_order(chosen)
    assert [r.anchor for r in enemies_table.rows] == [f"event-{e}" for e in expected["event_id"]]
    assert enemies_table.headings[0] == "Date"
    assert enemies_table.headings == [timeline.TABLE_COLUMNS[c] for c in enemies_chapter.TABLE_COLUMNS]
    labels = set(pub.cited_sources(package["event_sources"], package["publishers"])["label"])
    for row, (_, event) in zip(enemies_table.rows, expected.iterrows(), strict=True):
        assert row.cell("date").text == words_date(event)
        assert row.cell("grade").text == event["grade"]
        assert all(text.removesuffix(", second report") in labels for text, _ in row.cell("sources").links)
        note = event["notes"]
        assert row.cell("notes").text == (note if isinstance(note, str) else timeline.NO_NOTE)
