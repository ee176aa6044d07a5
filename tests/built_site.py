"""Helpers for the tests of the built site: its pages, its charts, a page in Chromium.

A plain module, not a test module: the site and browser tests import it
(``from tests.built_site import ...``); the fixtures that build, serve and
drive the book live in ``conftest.py``. Page listing and serving come from
:mod:`analysis.site.serve`, which ``make bench`` uses too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from analysis.site.render import CHART_CLASS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route, ViewportSize

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
PHONE: ViewportSize = {"width": 375, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

#: CSS selector of the chart blocks the page's script draws into.
CHARTS = f"div.{CHART_CLASS}"

_CHART_ID = re.compile(r'data-rir-chart="([0-9a-f]+)"')


def chart_pages(html_dir: Path) -> list[str]:
    """The built site's pages that hold a chart, as paths relative to ``html_dir``."""
    from analysis.site.serve import chart_count, site_pages

    return [r for r in site_pages(html_dir) if chart_count((html_dir / r).read_text(encoding="utf-8"))]


def chart_ids(html: str) -> list[str]:
    """The ids of the chart blocks in a page's HTML, in order."""
    return _CHART_ID.findall(html)


@dataclass
class PageVisit:
    """What a page did while open: blocked outside requests and errors."""

    outside_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self, where: str) -> list[str]:
        """One line per kind of trouble, prefixed with ``where``."""
        found = {
            "outside requests": self.outside_requests,
            "page errors": self.page_errors,
            "console errors": self.console_errors,
        }
        return [f"{where}: {kind} {items}" for kind, items in found.items() if items]


def open_page(browser: Browser, url: str, viewport: ViewportSize) -> tuple[Page, PageVisit]:
    """Open ``url`` in a fresh context, outside hosts blocked and every error recorded.

    Close the page's context (``page.context.close()``) when done.
    """
    page = browser.new_context(viewport=viewport).new_page()
    visit = PageVisit()

    def guard(route: Route) -> None:
        target = urlparse(route.request.url)
        if target.scheme in ("http", "https", "ws", "wss") and (
            target.hostname or ""
        ) not in LOCAL_HOSTS:
            visit.outside_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    page.on(
        "console",
        lambda message: visit.console_errors.append(message.text)
        if message.type == "error"
        else None,
    )
    page.goto(url, wait_until="load")
    return page, visit


@contextmanager
def drawn_page(browser: Browser, url: str, viewport: ViewportSize) -> Iterator[tuple[Page, PageVisit]]:
    """Open ``url`` as :func:`open_page` does, wait for its charts, and close it afterwards.

    ``with drawn_page(browser, url, DESKTOP) as (page, visit): ...``: the page's
    context is closed however the block ends.
    """
    page, visit = open_page(browser, url, viewport)
    try:
        wait_for_charts(page)
        yield page, visit
    finally:
        page.context.close()


def reach(page: Page, selector: str) -> None:
    """Scroll to the first element matching ``selector``, as a reader would, and wait until it is drawn.

    A long section without a chart is laid out only when a reader nears it
    (:mod:`analysis.site.deferred_sections`); until then its text and boxes are not
    drawn (``innerText`` is empty, ``getClientRects()`` holds nothing). Works with
    JavaScript off too (the scroll and the check are the test's own).
    """
    page.locator(selector).first.scroll_into_view_if_needed()
    # Polled from here: with JavaScript off, the page cannot run wait_for_function's poller.
    drawn = "s => document.querySelector(s).checkVisibility({contentVisibilityAuto: true})"
    for _ in range(100):
        if page.evaluate(drawn, selector):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{selector} was scrolled to but not drawn within 5 s")


def wait_for_charts(page: Page) -> int:
    """Have every chart block drawn, wait until each is (or has failed); return the count.

    A page draws a chart as it nears the window; the charts further down are
    drawn here through the page script's ``rirDrawCharts`` (all, top first),
    without moving the page: tests then find every chart drawn where it was.
    """
    count = page.locator(CHARTS).count()
    if count:
        page.wait_for_function(
            "() => { if (window.rirDrawCharts && !window.__rirDrawAll) {"
            " window.__rirDrawAll = true; window.rirDrawCharts(); }"
            f" return [...document.querySelectorAll('{CHARTS}')]"
            ".every(d => d.dataset.rirDrawn === 'yes' || d.dataset.rirDrawn === 'error'); }",
            timeout=45_000,
        )
    return count


# ---------------------------------------------------------------------------
# A drawn chart as the reader sees it: its marks, axes and tooltips, found
# through the ARIA roles Vega writes and the SVG's own geometry.
# ---------------------------------------------------------------------------

#: JavaScript: ``chart id -> {svg, marks, axes}`` of one drawn chart, boxes in viewport pixels.
#: Marks are Vega's leaf items (``role="graphics-symbol"`` on a shape or text), each with
#: its ARIA label, whether it shows (a hover-only point has opacity 0) and, when drawn
#: inside a clipped group, the clip's box; axes are the
#: groups described as ``axis``, each with its visible tick labels (the title left out).
_GEOMETRY_JS = r"""id => {
    const root = document.getElementById(id);
    const svg = root.querySelector('svg');
    const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
    const shown = el => {
        for (let e = el; e && e !== svg.parentElement; e = e.parentElement) {
            if (getComputedStyle(e).opacity === '0' || getComputedStyle(e).display === 'none') return false;
        }
        return true;
    };
    const clipBox = el => {
        const holder = el.parentElement.closest('[clip-path]');
        if (!holder || !svg.contains(holder)) return null;
        const ref = holder.getAttribute('clip-path').match(/#([^)"']+)/);
        const shape = ref && svg.querySelector('#' + CSS.escape(ref[1]));
        if (!shape || !shape.firstElementChild) return null;
        const b = shape.firstElementChild.getBBox();
        const m = holder.getScreenCTM();
        const a = new DOMPoint(b.x, b.y).matrixTransform(m);
        const c = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(m);
        return {left: Math.min(a.x, c.x), top: Math.min(a.y, c.y),
                right: Math.max(a.x, c.x), bottom: Math.max(a.y, c.y)};
    };
    const marks = [...svg.querySelectorAll('[role="graphics-symbol"]')]
        .filter(e => e.tagName.toLowerCase() !== 'g')
        .map(e => ({kind: e.getAttribute('aria-roledescription') || '', visible: shown(e),
                    label: e.getAttribute('aria-label') || '',
                    box: box(e.getBoundingClientRect()), clip: clipBox(e)}));
    const axes = [...svg.querySelectorAll('[aria-roledescription="axis"]')].map(axis => {
        const label = axis.getAttribute('aria-label') || '';
        const title = (label.match(/titled '(.*)' for/) || [])[1];
        // The title, maybe cut short with an ellipsis on a narrow screen, is not a tick label.
        const isTitle = t => !!title && title.startsWith(t.textContent.replace(/…$/, ''));
        const labels = [...axis.querySelectorAll('text')]
            .filter(t => shown(t) && t.textContent.trim() && !isTitle(t))
            .map(t => ({text: t.textContent, box: box(t.getBoundingClientRect())}));
        return {label, vertical: label.startsWith('Y-axis'), box: box(axis.getBoundingClientRect()), labels};
    });
    return {svg: box(svg.getBoundingClientRect()), marks, axes};
}"""


def chart_geometry(page: Page, chart_id: str) -> dict[str, Any]:
    """The drawn chart ``chart_id``: its SVG box, its data marks and its axes with their labels."""
    return page.evaluate(_GEOMETRY_JS, chart_id)


#: JavaScript: the visible, non-empty text elements of one drawn chart, boxes in viewport pixels.
#: ``clipped`` says the text lies in a clipped group (drawn inside the plot, cut by design).
_TEXTS_JS = r"""id => {
    const svg = document.getElementById(id).querySelector('svg');
    const hidden = el => {
        for (let e = el; e && e !== svg.parentElement; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.opacity === '0' || style.display === 'none' || style.visibility === 'hidden') return true;
        }
        return false;
    };
    return [...svg.querySelectorAll('text')]
        .filter(t => t.textContent.trim() && !hidden(t))
        .map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, clipped: !!t.closest('[clip-path]'),
                    box: {left: r.left, top: r.top, right: r.right, bottom: r.bottom}};
        })
        .filter(t => t.box.right > t.box.left);
}"""


def chart_box(page: Page, chart_id: str) -> dict[str, float]:
    """The part of a chart the reader sees: its SVG's box within its block (which hides overflow)."""
    return page.evaluate(
        """id => {
            const block = document.getElementById(id).getBoundingClientRect();
            const svg = document.getElementById(id).querySelector('svg').getBoundingClientRect();
            return {left: Math.max(block.left, svg.left), top: Math.max(block.top, svg.top),
                    right: Math.min(block.right, svg.right), bottom: Math.min(block.bottom, svg.bottom)};
        }""",
        chart_id,
    )


def chart_texts(page: Page, chart_id: str) -> list[dict[str, Any]]:
    """The visible texts of a drawn chart: ``text``, ``box`` and whether a clip holds it."""
    return page.evaluate(_TEXTS_JS, chart_id)


def text_problems(box: dict[str, float], texts: list[dict[str, Any]], slack: float = 1.0) -> list[str]:
    """What a reader would find wrong with a chart's texts: cut off, cut short, or overlapping.

    A text is cut off when it runs past ``box`` (see :func:`chart_box`) and cut short when
    it ends in an ellipsis; two texts overlap when their boxes share more than
    ``slack`` pixels each way.

    Examples
    --------
    >>> shown = {"left": 0, "top": 0, "right": 100, "bottom": 50}
    >>> def text(t, l, r, top=0):
    ...     return {"text": t, "clipped": False, "box": {"left": l, "right": r, "top": top, "bottom": top + 10}}
    >>> text_problems(shown, [text("a", 0, 20), text("b", 30, 50)])
    []
    >>> text_problems(shown, [text("a", 0, 20), text("b", 15, 50), text("c…", 60, 90), text("d", 95, 120, 20)])
    ["'a' overlaps 'b'", "'c…' is cut short", "'d' runs out of the chart"]
    """
    problems = []
    for i, first in enumerate(texts):
        for second in texts[i + 1:]:
            a, b = first["box"], second["box"]
            if (min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
                    and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack):
                problems.append(f"{first['text'][:40]!r} overlaps {second['text'][:40]!r}")
    for item in texts:
        own = item["box"]
        if item["text"].rstrip().endswith("…"):
            problems.append(f"{item['text'][:40]!r} is cut short")
        if not item["clipped"] and (own["left"] < box["left"] - slack or own["right"] > box["right"] + slack
                                    or own["top"] < box["top"] - slack or own["bottom"] > box["bottom"] + slack):
            problems.append(f"{item['text'][:40]!r} runs out of the chart")
    return problems


def chart_ids_on(page: Page) -> list[str]:
    """The ids of the drawn charts on an open page, in order."""
    return page.eval_on_selector_all(CHARTS, "ds => ds.filter(d => d.dataset.rirDrawn === 'yes').map(d => d.id)")


def axis_labels(page: Page, chart_id: str) -> list[tuple[str, list[str]]]:
    """Each axis of a chart (its ARIA label) with its visible tick labels in reading order."""
    result = []
    for axis in chart_geometry(page, chart_id)["axes"]:
        along = "top" if axis["vertical"] else "left"
        labels = sorted(axis["labels"], key=lambda label: label["box"][along])
        result.append((axis["label"], [label["text"] for label in labels]))
    return result


def repeated_labels(axes: list[tuple[str, list[str]]]) -> list[str]:
    """One line per axis that shows two equal labels side by side."""
    return [
        f"{label[:70]}: {repeated[0]!r} twice in a row in {texts}"
        for label, texts in axes
        if (repeated := [a for a, b in zip(texts, texts[1:]) if a == b])
    ]


TOOLTIP = "#vg-tooltip-element"


def tooltip_at(page: Page, x: float, y: float) -> str | None:
    """Move the pointer off the charts, then to ``(x, y)`` of the viewport; return the tooltip's text.

    ``None`` when no tooltip shows there. The text holds one ``title<TAB>value``
    line per field.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tooltip = page.locator(TOOLTIP)
    page.mouse.move(1, 1)
    if tooltip.count():
        tooltip.wait_for(state="hidden", timeout=5_000)
    page.mouse.move(x, y)
    try:
        tooltip.wait_for(state="visible", timeout=3_000)
    except PlaywrightTimeout:
        return None
    return tooltip.inner_text()


#: JavaScript: true once the search page has listed its results with their snippets.
SEARCH_DONE_JS = """() => {
    const status = document.querySelector('#search-results .search-summary');
    const items = [...document.querySelectorAll('#search-results ul.search > li')];
    return !!status && status.textContent.trim() !== '' && items.length > 0
        && items.every(li => li.querySelector('p.context'));
}"""
