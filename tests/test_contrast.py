"""Every page reads in light and in dark mode: text contrast as WCAG 2 (AA) measures it.

Chromium reports each visible text's colour and the background colours of its
ancestors; :mod:`analysis.contrast` composites them and computes the ratio.
Chart text is measured against the chart's own block (the light card the charts
are drawn for). The mode is chosen the way the theme's toggle stores it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from analysis.contrast import (
    NORMAL_TEXT,
    backdrop,
    contrast_ratio,
    paint_over,
    parse_colour,
    relative_luminance,
    required_ratio,
)
from analysis.site.serve import REDIRECT_STUB, site_pages
from tests.built_site import (
    CHARTS,
    DESKTOP,
    SEARCH_DONE_JS,
    TOOLTIP,
    chart_geometry,
    chart_ids_on,
    open_page,
    tooltip_at,
    wait_for_charts,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MODES = ("light", "dark")

#: The chart card must be at least this light (relative luminance; white is 1).
LIGHT_CARD = 0.85

#: JavaScript: one record per element holding visible text (or a placeholder) under ``root``:
#: its colour, the opacity it is drawn with, its font, and the background colours from
#: the element outwards. Text inside a chart's SVG is measured against the chart block
#: with the chart's filled shapes under the text's centre painted over it.
_TEXTS_JS = r"""root => {
    const hiddenByClip = el => {
        for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
            const s = getComputedStyle(e);
            // Screen-reader-only text is clipped away; a chart's plot-area clip is not that.
            const html = !(e instanceof SVGElement);
            if (html && (s.clipPath !== 'none' || (s.clip && s.clip !== 'auto'))) return true;
            if (s.overflow !== 'visible') {
                const r = e.getBoundingClientRect();
                if (r.width <= 1 || r.height <= 1) return true;
            }
        }
        return false;
    };
    const path = el => {
        const parts = [];
        for (let e = el; e && e !== document.body && parts.length < 5; e = e.parentElement) {
            let part = e.tagName.toLowerCase();
            if (e.id) { parts.unshift(part + '#' + e.id); break; }
            const classes = [...e.classList].slice(0, 2);
            if (classes.length) part += '.' + classes.join('.');
            parts.unshift(part);
        }
        return parts.join(' > ');
    };
    // The painted shapes under a chart text's centre, bottom first: a number drawn on a
    // marker reads against the marker, not the card.
    const clippedOut = (shape, x, y) => {
        for (let e = shape.parentElement; e && !(e instanceof SVGSVGElement); e = e.parentElement) {
            const ref = (e.getAttribute('clip-path') || '').match(/#([^)"']+)/);
            const clip = ref && document.getElementById(ref[1]);
            if (!clip || !clip.firstElementChild) continue;
            const r = clip.firstElementChild.getBoundingClientRect();
            if (x < r.left || x > r.right || y < r.top || y > r.bottom) return true;
        }
        return false;
    };
    const shapesUnder = el => {
        const text = el.closest('text') || el;
        const box = text.getBoundingClientRect();
        const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
        const found = [];
        for (const shape of text.ownerSVGElement.querySelectorAll('path, rect, circle, ellipse, polygon')) {
            if (!(text.compareDocumentPosition(shape) & Node.DOCUMENT_POSITION_PRECEDING)) continue;
            if (shape.closest('defs, clipPath')) continue;
            const r = shape.getBoundingClientRect();
            if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
            const s = getComputedStyle(shape);
            if (s.fill === 'none' || s.display === 'none' || s.visibility !== 'visible') continue;
            let opacity = parseFloat(s.fillOpacity);
            for (let e = shape; e && e !== text.ownerSVGElement; e = e.parentElement) {
                opacity *= parseFloat(getComputedStyle(e).opacity);
            }
            if (opacity === 0 || clippedOut(shape, x, y)) continue;
            const local = new DOMPoint(x, y).matrixTransform(shape.getScreenCTM().inverse());
            if (shape.isPointInFill(local)) found.push({fill: s.fill, opacity});
        }
        return found;
    };
    const record = (el, text, colour) => {
        const svg = el instanceof SVGElement;
        let opacity = svg ? parseFloat(getComputedStyle(el).fillOpacity) : 1;
        for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
        if (opacity === 0) return null;
        const start = svg ? (el.closest('.rir-chart') || el.ownerSVGElement) : el;
        const layers = [];
        for (let e = start; e; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
        const s = getComputedStyle(el);
        const shapes = svg ? shapesUnder(el) : [];
        return {path: path(el), text: text.trim().slice(0, 50), colour, opacity, layers, shapes,
                size: parseFloat(s.fontSize), weight: parseInt(s.fontWeight, 10)};
    };
    const out = [], seen = new Set();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || seen.has(el) || !node.textContent.trim()) continue;
        seen.add(el);
        if (el.closest('script, style, noscript, template, title')) continue;
        if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (![...range.getClientRects()].some(r => r.width > 1 && r.height > 1)) continue;
        if (hiddenByClip(el)) continue;
        const s = getComputedStyle(el);
        const item = record(el, node.textContent, el instanceof SVGElement ? s.fill : s.color);
        if (item) out.push(item);
    }
    for (const el of root.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || hiddenByClip(el)) continue;
        const item = record(el, el.placeholder, getComputedStyle(el, '::placeholder').color);
        if (item) out.push(item);
    }
    return out;
}"""


@dataclass(frozen=True)
class Reading:
    """One text as measured: where it is, its ratio and the ratio it needs."""

    where: str
    text: str
    ratio: float
    needed: float

    @property
    def fails(self) -> bool:
        return self.ratio < self.needed

    def line(self) -> str:
        return f"{self.ratio:5.2f} < {self.needed}  {self.where}  {self.text!r}"


def measure(item: dict[str, Any], page_name: str) -> Reading:
    """Turn one record of :data:`_TEXTS_JS` into a :class:`Reading`."""
    back = paint_over(backdrop(item["layers"]), [(s["fill"], s["opacity"]) for s in item["shapes"]])
    return Reading(
        where=f"{page_name} {item['path']}",
        text=item["text"],
        ratio=contrast_ratio(item["colour"], back, item["opacity"]),
        needed=required_ratio(item["size"], item["weight"]),
    )


def readings(page: Page, page_name: str, root: str = "body") -> list[Reading]:
    """Every visible text under ``root`` (a CSS selector) on an open page, measured."""
    items = page.eval_on_selector(root, _TEXTS_JS)
    return [measure(item, page_name) for item in items if item["colour"] not in ("none", "")]


def _use_mode(page: Page, mode: str) -> None:
    """Choose the colour mode as the theme's toggle stores it, then reload."""
    page.evaluate(
        "mode => { localStorage.setItem('mode', mode); localStorage.setItem('theme', mode); }", mode
    )
    page.reload(wait_until="load")


#: A word every page of the report uses, for the search journey.
SEARCH_TERM = "Iran"

def _pages_in(
    browser: Browser, site_url: str, built_book: Path, mode: str
) -> Iterator[tuple[str, Page]]:
    """Each page of the site, drawn, at 1280 px in ``mode``; then a search and its first result.

    The search page is shown with its results for :data:`SEARCH_TERM`, and the
    first result is opened from it, as a reader would, with the term highlighted.
    """
    pages = [p for p in site_pages(built_book) if p != REDIRECT_STUB]
    page, visit = open_page(browser, f"{site_url}/{pages[0]}", DESKTOP)
    _use_mode(page, mode)

    def shown(name: str) -> tuple[str, Page]:
        wait_for_charts(page)
        theme = page.evaluate("document.documentElement.dataset.theme")
        assert theme == mode, f"{name} opened in {theme} mode, not {mode}"
        return name, page

    try:
        for relative in pages:
            page.goto(f"{site_url}/{relative}", wait_until="load")
            yield shown(relative)
        page.goto(f"{site_url}/search.html?q={SEARCH_TERM}", wait_until="load")
        page.wait_for_function(SEARCH_DONE_JS, timeout=30_000)
        yield shown(f"search.html?q={SEARCH_TERM}")
        with page.expect_navigation(wait_until="load"):
            page.locator("#search-results ul.search > li a").first.click()
        yield shown(f"{page.url.removeprefix(site_url + '/')} (opened from the search)")
    finally:
        page.context.close()
    assert not visit.problems("site"), visit.problems("site")


def _report(failures: list[Reading], measured: int, mode: str) -> str:
    worst = sorted(failures, key=lambda r: r.ratio)
    lines = [r.line() for r in worst[:40]]
    more = f"\n… and {len(worst) - 40} more" if len(worst) > 40 else ""
    return f"{len(failures)} of {measured} texts too faint in {mode} mode:\n" + "\n".join(lines) + more


# ---------------------------------------------------------------------------
# The arithmetic (fast tier).
# ---------------------------------------------------------------------------


def test_contrast_matches_wcag_reference_pairs() -> None:
    # #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    assert contrast_ratio("#767676", "#ffffff") >= NORMAL_TEXT > contrast_ratio("#777777", "#ffffff")
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    # The order of the two colours does not matter for opaque colours.
    assert contrast_ratio("#0072b2", "#14181e") == pytest.approx(contrast_ratio("#14181e", "#0072b2"))


def test_backdrop_paints_the_outer_layers_first() -> None:
    # A half-white veil on a black page is mid grey, whatever the canvas.
    grey = backdrop(["rgba(255, 255, 255, 0.5)", "rgb(0, 0, 0)"])
    assert grey.red == pytest.approx(0.5) and grey.alpha == 1
    # Transparent layers leave the canvas showing.
    assert backdrop(["rgba(0, 0, 0, 0)", "transparent"]) == parse_colour("#fff")


def test_large_text_threshold() -> None:
    assert required_ratio(18.66, 700) == required_ratio(24, 400) == 3.0
    assert required_ratio(18.6, 700) == required_ratio(23.9, 400) == NORMAL_TEXT


# ---------------------------------------------------------------------------
# The built site in Chromium.
# ---------------------------------------------------------------------------


@pytest.mark.browser
def test_the_toggle_stores_the_mode_the_tests_set(browser: Browser, site_url: str) -> None:
    """Clicking the theme's colour-mode button reaches dark mode and stores it as these tests do.

    The site opens in light mode even when the system prefers dark (the README says so).
    """
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{site_url}/book/index.html", wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
        button = page.get_by_role("button", name="Color mode")
        seen = []
        for _ in range(3):
            button.click()
            seen.append(page.evaluate("document.documentElement.dataset.theme"))
            if seen[-1] == "dark":
                break
        assert seen[-1] == "dark", f"the toggle went through {seen}, never dark"
        stored = page.evaluate("[localStorage.getItem('mode'), localStorage.getItem('theme')]")
        assert stored[1] == "dark" and stored[0] in ("dark", "auto")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_every_text_meets_wcag_contrast(
    browser: Browser, site_url: str, built_book: Path, mode: str
) -> None:
    """At 1280 px every visible text on every page, and a chart tooltip on each page with
    charts, has at least 4.5:1 contrast (3:1 when large)."""
    measured: list[Reading] = []
    for relative, page in _pages_in(browser, site_url, built_book, mode):
        found = readings(page, relative)
        assert found, f"{relative}: no text measured"
        measured.extend(found)
        measured.extend(_a_tooltip(page, relative))
    failures = [r for r in measured if r.fails]
    assert not failures, _report(failures, len(measured), mode)


@pytest.mark.browser
def test_charts_sit_on_a_light_card_in_dark_mode(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    """In dark mode each chart block is a light card behind its drawing, and its text reads."""
    problems: list[str] = []
    charts = 0
    for relative, page in _pages_in(browser, site_url, built_book, "dark"):
        blocks = page.eval_on_selector_all(
            CHARTS,
            """ds => ds.map(d => {
                const layers = [];
                for (let e = d; e; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
                return {id: d.id, layers};
            })""",
        )
        for block in blocks:
            charts += 1
            light = relative_luminance(backdrop(block["layers"]))
            if light < LIGHT_CARD:
                problems.append(f"{relative} {block['id']}: chart background luminance {light:.2f}")
            texts = readings(page, f"{relative} {block['id']}", f"#{block['id']}")
            if not texts:
                problems.append(f"{relative} {block['id']}: no chart text measured")
            problems.extend(r.line() for r in texts if r.fails)
    assert charts, "no chart found on any page"
    assert not problems, "\n".join(problems)


def _a_tooltip(page: Page, relative: str) -> list[Reading]:
    """Show one tooltip on the page (the first mark that has one) and measure its text.

    No readings when the page has no chart; a page with charts must show a tooltip.
    """
    charts = chart_ids_on(page)
    for chart_id in charts:
        page.locator(f"#{chart_id}").scroll_into_view_if_needed()
        for mark in chart_geometry(page, chart_id)["marks"]:
            if not mark["visible"] or mark["kind"] == "text":
                continue
            box = mark["box"]
            if tooltip_at(page, (box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2) is None:
                continue
            texts = readings(page, f"{relative} tooltip", TOOLTIP)
            assert texts, f"{relative}: a tooltip showed but no text of it was measured"
            return texts
    assert not charts, f"{relative}: no mark of its {len(charts)} charts shows a tooltip"
    return []
