"""The evidence grades as the reader meets them on the timeline page, in Chromium.

Hover one point of each grade on the timeline and read its tooltip: it must
give the event's grade and the publisher of its first source, as the package
has them. Read the page's "Dates, evidence grades and sources" section: each
grade's count and meaning come from the package and :mod:`analysis.evidence`.
Points are found by their ARIA labels, tooltips read from their table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from analysis import evidence
from analysis.events import date_label
from analysis.publishers import cited_sources
from tests.built_site import DESKTOP, chart_geometry, chart_ids_on, open_page, tooltip_at, wait_for_charts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

GRADE_TITLE = "Evidence grade"
SOURCE_TITLE = "First source"


def _fields(label: str) -> dict[str, str]:
    return dict(part.split(": ", 1) for part in label.split("; ") if ": " in part)


def _centre(box: dict[str, float]) -> tuple[float, float]:
    return (box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2


def _alone(mark: dict[str, Any], points: list[dict[str, Any]]) -> bool:
    """Whether no other point is drawn over the mark's centre."""
    x, y = _centre(mark["box"])
    return not any(p is not mark and p["box"]["left"] - 1 <= x <= p["box"]["right"] + 1
                   and p["box"]["top"] - 1 <= y <= p["box"]["bottom"] + 1 for p in points)


def _tooltip_rows(page: Page) -> dict[str, str]:
    rows = page.eval_on_selector_all(
        "#vg-tooltip-element tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")
    return {row[0]: (row[1] if len(row) > 1 else "") for row in rows if row}


def _timeline_chart(page: Page) -> str:
    return next(c for c in chart_ids_on(page)
                if page.locator(f"#fig-timeline #{c}").count())


@pytest.mark.browser
def test_timeline_tooltip_gives_each_grade_and_first_source(browser: Browser, site_url: str, package) -> None:
    events = package["events"]
    first = cited_sources(package["event_sources"], package["publishers"]).query("rank == 1")
    labels = dict(zip(first["event_id"], first["label"], strict=True))
    expected = {
        (str(row.title), date_label(row.start_date, str(row.date_precision))): (str(row.grade), labels[row.event_id])
        for row in events.itertuples(index=False)
    }
    page, visit = open_page(browser, f"{site_url}/book/timeline.html", DESKTOP)
    wait_for_charts(page)
    chart = _timeline_chart(page)
    seen_grades = set()
    for grade in sorted(set(events["grade"]), key=evidence.grade_order):
        points = [m for m in chart_geometry(page, chart)["marks"]
                  if m["kind"] == "point" and m["visible"] and GRADE_TITLE in m["label"]]
        mark = next(m for m in points if _fields(m["label"])[GRADE_TITLE] == grade and _alone(m, points))
        page.evaluate("y => window.scrollBy(0, y - window.innerHeight / 2)", _centre(mark["box"])[1])
        now = next(m for m in chart_geometry(page, chart)["marks"] if m["label"] == mark["label"])
        assert tooltip_at(page, *_centre(now["box"])) is not None, mark["label"]
        tip = _tooltip_rows(page)
        assert (tip[GRADE_TITLE], tip[SOURCE_TITLE]) == expected[(tip["Event"], tip["Date"])], tip
        seen_grades.add(tip[GRADE_TITLE])
    assert seen_grades == set(events["grade"])
    assert not visit.problems("timeline"), visit.problems("timeline")
    page.context.close()


@pytest.mark.browser
def test_timeline_page_explains_each_grade_with_its_count(browser: Browser, site_url: str, package) -> None:
    counts = evidence.grade_counts(package["events"]["grade"])
    page, _ = open_page(browser, f"{site_url}/book/timeline.html", DESKTOP)
    section = page.get_by_role("heading", name="Dates, evidence grades and sources").locator("xpath=..")
    items = [" ".join(t.replace("\u2019", "'").split()) for t in section.locator("li").all_inner_texts()]
    for grade in evidence.GRADES:
        count = counts[grade]
        line = next(item for item in items if item.startswith(f"{grade} ("))
        assert line.startswith(f"{grade} ({count}") and evidence.GRADE_MEANINGS[grade] in line, line
    page.context.close()
