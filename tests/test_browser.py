"""The built book in a real browser: Debian's headless Chromium via Playwright.

Every page is opened from a loopback server. A page passes when every chart
has drawn marks, it made no request to any other host, and it raised no page
error and logged no console error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from analysis.paths import BUILD_DIR
from analysis.site.serve import REDIRECT_STUB, chart_count, site_pages
from analysis.site.sphinx_vega import BUNDLE_NAME
from tests.built_site import CHARTS, DESKTOP, PHONE, open_page, wait_for_charts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = BUILD_DIR / "screenshots"


def _screenshot(page: Page, relative: str, suffix: str = "") -> None:
    """Save a full-page screenshot under ``_build/screenshots`` for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = relative.replace("/", "_").removesuffix(".html")
    page.screenshot(path=str(SCREENSHOTS / f"{name}{suffix}.png"), full_page=True)


def test_every_page_draws_offline_without_errors(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    problems: list[str] = []
    drawn_total = 0
    for relative in site_pages(built_book):
        page, visit = open_page(browser, f"{site_url}/{relative}", DESKTOP)
        charts = wait_for_charts(page)
        page.wait_for_timeout(100)
        states = page.eval_on_selector_all(
            CHARTS,
            "ds => ds.map(d => [d.id, d.dataset.rirDrawn, d.querySelectorAll('.role-mark > *').length])",
        )
        for ident, state, marks in states:
            if state != "yes" or marks == 0:
                problems.append(f"{relative}: chart {ident} state={state} marks={marks}")
        drawn_total += sum(1 for _, state, marks in states if state == "yes" and marks)
        problems.extend(visit.problems(relative))
        if charts:
            _screenshot(page, relative)
        page.context.close()
    assert not problems, "\n".join(problems)
    assert drawn_total > 0


def test_pages_fit_a_phone(browser: Browser, site_url: str, built_book: Path) -> None:
    problems = []
    for relative in site_pages(built_book):
        if relative == REDIRECT_STUB:
            continue
        page, _ = open_page(browser, f"{site_url}/{relative}", PHONE)
        wait_for_charts(page)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        if overflow > 1:
            problems.append(f"{relative}: {overflow}px wider than a phone screen")
        widths = page.eval_on_selector_all(
            CHARTS,
            "ds => ds.map(d => [d.id, d.getBoundingClientRect().right, d.parentElement.getBoundingClientRect().right])",
        )
        for ident, right, parent_right in widths:
            if right > parent_right + 1:
                problems.append(f"{relative}: chart {ident} overflows its container")
        # No title, legend or label may run out of its chart (clipped marks aside).
        spills = page.eval_on_selector_all(
            CHARTS,
            """ds => ds.flatMap(d => {
                const box = d.getBoundingClientRect();
                return [...d.querySelectorAll('svg text')]
                    .filter(t => !t.closest('[clip-path]') && t.getBoundingClientRect().width > 0)
                    .filter(t => t.getBoundingClientRect().right > box.right + 6
                              || t.getBoundingClientRect().left < box.left - 6)
                    .map(t => d.id + ': ' + t.textContent.slice(0, 40));
            })""",
        )
        problems.extend(f"{relative}: text runs out of chart {spill}" for spill in spills)
        if relative == "book/arms.html":
            _screenshot(page, relative, "-phone")
        page.context.close()
    assert not problems, "\n".join(problems)


def test_hover_shows_a_tooltip(browser: Browser, site_url: str) -> None:
    page, visit = open_page(browser, f"{site_url}/book/arms.html", DESKTOP)
    assert wait_for_charts(page) >= 1
    points = page.locator(f"{CHARTS} .mark-symbol.role-mark path")
    point = points.nth(points.count() // 2)  # a point inside the plot, whatever the data
    point.scroll_into_view_if_needed()
    point.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "Year" in text and "Deliveries" in text
    assert not visit.page_errors
    page.context.close()


def _mark_signature(page: Page, chart_id: str) -> str:
    return page.evaluate(
        "id => [...document.querySelectorAll('#' + id + ' .role-mark path')]"
        ".map(p => p.getAttribute('d') || '').join('|')",
        chart_id,
    )


def test_brush_filters_the_linked_view(browser: Browser, site_url: str) -> None:
    """Dragging over years on the thaw chapter's upper panel re-ranks the customer bars."""
    page, visit = open_page(browser, f"{site_url}/book/thaw.html", DESKTOP)
    wait_for_charts(page)
    target = page.locator(f"{CHARTS}:has(.years_brush_bg)").first
    chart_id = target.get_attribute("id")
    assert chart_id
    target.scroll_into_view_if_needed()
    before = _mark_signature(page, chart_id)
    # The upper panel's plot area is where its grid lines are drawn.
    box = page.locator(f"#{chart_id} g.role-axis-grid").first.bounding_box()
    assert box and box["width"] > 50
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.05, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.30, y, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    after = _mark_signature(page, chart_id)
    assert after != before, "the brush did not change the linked view"
    assert not visit.page_errors
    page.context.close()


def test_hostile_event_text_is_shown_as_text(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    """Markup inside data (an event description, say) is drawn as text, never run."""
    import altair as alt
    import pandas as pd

    from analysis.site.render import STATIC_TOKEN, chart_html

    hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    frame = pd.DataFrame({"description": [hostile, "plain text"], "n": [2, 1]})
    spec = (
        alt.Chart(frame)
        .mark_bar()
        .encode(y=alt.Y("description:N", axis=alt.Axis(labelLimit=2000)), x="n:Q",
                tooltip=["description:N"])
        .properties(description="Fixture: bar chart whose labels hold markup", width=600)
        .to_dict()
    )
    block = chart_html(spec).replace(STATIC_TOKEN, "/_static")
    fixture = built_book / "_static" / "test-fixture-hostile.html"
    fixture.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fixture</title>'
        f'<script src="/_static/{BUNDLE_NAME}"></script></head><body>'
        f"{block}</body></html>",
        encoding="utf-8",
    )
    try:
        page, visit = open_page(browser, f"{site_url}/_static/test-fixture-hostile.html", DESKTOP)
        assert wait_for_charts(page) == 1
        assert page.evaluate("() => window.__pwned") is None
        labels = page.eval_on_selector_all(
            f"{CHARTS} text", "ts => ts.map(t => t.textContent)"
        )
        assert any("<script>" in label for label in labels), labels
        assert page.locator(f"{CHARTS} img").count() == 0
        assert not visit.page_errors
        page.context.close()
    finally:
        fixture.unlink()


def test_without_javascript_every_chart_shows_its_static_image(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    """Readers without JavaScript see each chart's SVG export, with its alt text."""
    problems = []
    for relative in site_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        expected = chart_count(html)
        if not expected:
            continue
        context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
        page = context.new_page()
        page.goto(f"{site_url}/{relative}", wait_until="load")
        images = page.eval_on_selector_all(
            "noscript img.rir-static, img.rir-static",
            "imgs => imgs.map(i => [i.getAttribute('src'), i.naturalWidth, i.alt])",
        )
        if len(images) != expected:
            problems.append(f"{relative}: {len(images)} static images for {expected} charts")
        for src, width, alt in images:
            if not width or not alt:
                problems.append(f"{relative}: {src} not shown (width {width}) or without alt text")
        context.close()
    assert not problems, "\n".join(problems)
