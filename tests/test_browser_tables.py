"""The event tables in Chromium: sorting, filtering, following the chart, cards on a phone.

Every expected row comes from the package (``events`` and ``publishers``),
never from today's figures: which events a word or a category keeps, which
event is the latest, what a card must show. Rows are found by their anchors
(``event-<id>``), controls by their roles and labels, the chart's menus by
their labels and the chart's view through ``window.rirViews``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from analysis import timeline
from analysis.chapters import enemies as enemies_chapter
from analysis.chapters import timeline as timeline_chapter
from analysis.site.css_bundle import page_stylesheets
from tests.built_site import DESKTOP, open_page, reach, wait_for_charts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PHONE_390 = {"width": 390, "height": 844}
COUNT = ".rir-table-count"

#: JavaScript: the anchors of the rows the reader sees, top to bottom.
VISIBLE_ROWS = """() => [...document.querySelectorAll('table.rir-events tbody tr')]
    .filter(r => !r.hidden && r.getClientRects().length > 0).map(r => r.id)"""


def anchors(idents: pd.Series | list[str]) -> list[str]:
    return [f"event-{e}" for e in idents]


def shown_table(package, event_ids: list[str] | None = None) -> pd.DataFrame:
    """The rows of an event table as the page shows them, from the package."""
    events = package["events"]
    if event_ids is not None:
        events = events[events["event_id"].isin(event_ids)]
    return timeline.table_frame(events, package["event_sources"], package["publishers"])


def link_texts(row: pd.Series) -> list[str]:
    """The texts of a row's source links."""
    return [html.unescape(t) for t in re.findall(r">([^<]*)</a>", timeline.source_cell(row["sources"]))]


def row_text(row: pd.Series) -> str:
    """All the text a row of the timeline's table shows, as the filter box reads it."""
    cells = [row["date"], row["title"], row["category"], row["direction"], row["grade"]]
    return " ".join([*cells, *link_texts(row), *[when for _, _, when in row["sources"]]])


def open_table(browser: Browser, url: str, viewport) -> Page:
    page, visit = open_page(browser, url, viewport)
    wait_for_charts(page)
    page.locator("table.rir-events.rir-enhanced").wait_for()
    assert not visit.problems(url), visit.problems(url)
    return page


def count_line(shown: int, total: int, menus: str = "") -> str:
    return f"Showing {shown} of {total} events{f' (chart menus: {menus})' if menus else ''}."


@pytest.mark.browser
def test_clicking_date_reverses_the_order(browser: Browser, site_url: str, package) -> None:
    rows = shown_table(package)
    page = open_table(browser, f"{site_url}/book/timeline.html", DESKTOP)
    assert page.evaluate(VISIBLE_ROWS) == anchors(rows["event_id"])
    date = page.get_by_role("button", name="Date")
    heading = page.locator("th", has=date)
    assert heading.get_attribute("aria-sort") == "ascending"
    date.click()
    latest = rows.iloc[-1]
    first_row = page.locator(f"#event-{latest['event_id']}")
    assert page.evaluate(VISIBLE_ROWS) == anchors(rows["event_id"])[::-1]
    assert first_row.locator("td[data-col=date]").inner_text() == latest["date"]
    assert heading.get_attribute("aria-sort") == "descending"
    # The keyboard works the button as well: Enter sorts back to the earliest first.
    date.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(VISIBLE_ROWS)[0] == f"event-{rows['event_id'].iloc[0]}"
    assert heading.get_attribute("aria-sort") == "ascending"
    # The grade column sorts by strength, best-established first (ties keep date order);
    # the date heading gives up aria-sort.
    page.get_by_role("button", name="Grade").click()
    by_grade = rows.sort_values("grade_order", kind="stable")
    assert page.evaluate(VISIBLE_ROWS) == anchors(by_grade["event_id"])
    assert heading.get_attribute("aria-sort") is None
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("word", ["nuclear", "TASS", "1989"])
def test_typing_a_word_keeps_exactly_the_rows_that_hold_it(
    browser: Browser, site_url: str, package, word: str
) -> None:
    rows = shown_table(package)
    expected = [f"event-{r['event_id']}" for _, r in rows.iterrows() if word.lower() in row_text(r).lower()]
    assert expected, f"no event shows {word!r}; pick another word"
    page = open_table(browser, f"{site_url}/book/timeline.html", DESKTOP)
    page.get_by_label("Filter the events").fill(word)
    page.locator(COUNT).filter(has_text=count_line(len(expected), len(rows))).wait_for()
    assert page.evaluate(VISIBLE_ROWS) == expected
    page.get_by_label("Filter the events").fill("")
    page.locator(COUNT).filter(has_text=count_line(len(rows), len(rows))).wait_for()
    page.context.close()


@pytest.mark.browser
def test_the_charts_menus_filter_the_table(browser: Browser, site_url: str, package) -> None:
    rows = shown_table(package)
    link = timeline_chapter.CHART_LINK
    page = open_table(browser, f"{site_url}/book/timeline.html", DESKTOP)
    chart = page.locator(f"#{link.figure}")
    category = chart.get_by_role("combobox", name="Category")
    direction = chart.get_by_role("combobox", name="Direction")
    for label in sorted(rows["category"].unique()):
        category.select_option(label)
        expected = rows[rows["category"] == label]
        page.locator(COUNT).filter(has_text=count_line(len(expected), len(rows), label)).wait_for()
        assert page.evaluate(VISIBLE_ROWS) == anchors(expected["event_id"]), label
    # Both menus at once, then a word on top of them.
    label = rows["category"].value_counts().index[0]
    category.select_option(label)
    direction.select_option("cooperation")
    both = rows[(rows["category"] == label) & (rows["direction"] == "cooperation")]
    page.locator(COUNT).filter(has_text=count_line(len(both), len(rows), f"{label}, cooperation")).wait_for()
    assert page.evaluate(VISIBLE_ROWS) == anchors(both["event_id"])
    chart_id = chart.locator("div.rir-vega").get_attribute("id")
    assert page.evaluate(f"() => window.rirViews['{chart_id}'].signal('category_pick')") == label
    category.select_option(link.everything)
    direction.select_option(link.everything)
    page.locator(COUNT).filter(has_text=count_line(len(rows), len(rows))).wait_for()
    assert page.evaluate(VISIBLE_ROWS) == anchors(rows["event_id"])
    page.context.close()


#: JavaScript: each visible row's box, its text and the label of each of its cells.
CARDS = """() => [...document.querySelectorAll('table.rir-events tbody tr')]
    .filter(r => !r.hidden).map(r => {
        const b = r.getBoundingClientRect();
        return {id: r.id, left: b.left, right: b.right, text: r.innerText,
                labels: [...r.cells].map(c => [c.dataset.label,
                    getComputedStyle(c, '::before').content.replace(/^"|"$/g, '')])};
    })"""


@pytest.mark.browser
@pytest.mark.parametrize("page_name", ["timeline", "enemies"])
def test_on_a_phone_each_event_is_a_labelled_card_inside_the_screen(
    browser: Browser, site_url: str, package, page_name: str
) -> None:
    chosen = None if page_name == "timeline" else enemies_chapter.TABLE_EVENTS
    rows = shown_table(package, chosen).set_index("event_id")
    page = open_table(browser, f"{site_url}/book/{page_name}.html", PHONE_390)
    width = PHONE_390["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    reach(page, "table.rir-events")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cards = page.evaluate(CARDS)
    assert [c["id"] for c in cards] == anchors(list(rows.index))
    for card in cards:
        row = rows.loc[card["id"].removeprefix("event-")]
        assert card["left"] >= 0 and card["right"] <= width, card
        text = " ".join(card["text"].split())
        for shown in (row["date"], " ".join(row["title"].split()), *link_texts(row)):
            assert shown in text, (card["id"], shown)
        assert all(label == content for label, content in card["labels"]), card["labels"]
    page.context.close()


@pytest.mark.browser
def test_without_javascript_the_table_is_plain_and_in_date_order(
    browser: Browser, site_url: str, package
) -> None:
    rows = shown_table(package)
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{site_url}/book/timeline.html", wait_until="load")
    reach(page, "table.rir-events")
    ids = page.eval_on_selector_all("table.rir-events tbody tr", "rs => rs.map(r => r.id)")
    assert ids == anchors(rows["event_id"])
    assert page.locator(COUNT).inner_text() == timeline.count_line(len(rows))
    assert page.get_by_label("Filter the events").count() == 0
    assert page.locator("table.rir-events th").all_inner_texts()[0] == "Date"
    context.close()


@pytest.mark.browser
@pytest.mark.book
def test_only_pages_with_an_event_table_load_its_script(built_book: Path) -> None:
    assert (built_book / "_static" / "rir-tables.js").is_file()
    assert (built_book / "_static" / "rir-tables.css").is_file()
    for page in sorted((built_book / "book").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        has_table = 'class="rir-events ' in text
        assert ("rir-tables.js" in text) == has_table, page.name
        sheets = page_stylesheets(text, "book", built_book / "_static")
        assert ("rir-tables.css" in sheets) == has_table, (page.name, sheets)
