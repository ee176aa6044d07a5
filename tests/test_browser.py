"""The built book in a real browser: Debian's headless Chromium via Playwright.

Every page is opened from a loopback server. A page passes when every chart
has drawn marks, it made no request to any other host, and it raised no page
error and logged no console error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from analysis.paths import BUILD_DIR

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
SCREENSHOTS = BUILD_DIR / "screenshots"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def book_pages(html_dir: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root."""
    skip = {"_static", "_sources", "_images", "reports", "_sphinx_design_static"}
    pages = [
        p.relative_to(html_dir).as_posix()
        for p in sorted(html_dir.rglob("*.html"))
        if not skip & set(p.relative_to(html_dir).parts)
    ]
    return pages


@dataclass
class PageVisit:
    outside_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def open_page(browser: object, url: str, viewport: dict[str, int]) -> tuple[object, PageVisit]:
    """Open ``url`` with outside hosts blocked and every error recorded."""
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    page = context.new_page()
    visit = PageVisit()

    def guard(route: object) -> None:
        host = urlparse(route.request.url).hostname or ""  # type: ignore[attr-defined]
        scheme = urlparse(route.request.url).scheme  # type: ignore[attr-defined]
        if scheme in ("http", "https", "ws", "wss") and host not in LOCAL_HOSTS:
            visit.outside_requests.append(route.request.url)  # type: ignore[attr-defined]
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

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


def wait_for_charts(page: object) -> int:
    """Wait until every chart block has been drawn (or failed); return the count."""
    count = page.locator("div.rir-vega").count()  # type: ignore[attr-defined]
    if count:
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => [...document.querySelectorAll('div.rir-vega')]"
            ".every(d => d.dataset.rirDrawn === 'yes' || d.dataset.rirDrawn === 'error')",
            timeout=45_000,
        )
    return count


def test_book_has_chart_pages(built_book: Path) -> None:
    pages = book_pages(built_book)
    assert "book/index.html" in pages
    chart_pages = [p for p in pages if 'class="rir-vega"' in (built_book / p).read_text()]
    assert chart_pages, "no page of the book holds a chart"


def test_every_page_draws_offline_without_errors(
    browser: object, site_url: str, built_book: Path
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    drawn_total = 0
    for relative in book_pages(built_book):
        page, visit = open_page(browser, f"{site_url}/{relative}", DESKTOP)
        charts = wait_for_charts(page)
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
        states = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "div.rir-vega",
            "ds => ds.map(d => [d.id, d.dataset.rirDrawn, d.querySelectorAll('.role-mark > *').length])",
        )
        for ident, state, marks in states:
            if state != "yes" or marks == 0:
                problems.append(f"{relative}: chart {ident} state={state} marks={marks}")
        drawn_total += sum(1 for _, state, marks in states if state == "yes" and marks)
        if visit.outside_requests:
            problems.append(f"{relative}: outside requests {visit.outside_requests}")
        if visit.page_errors:
            problems.append(f"{relative}: page errors {visit.page_errors}")
        if visit.console_errors:
            problems.append(f"{relative}: console errors {visit.console_errors}")
        if charts:
            name = relative.replace("/", "_").removesuffix(".html")
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
        page.context.close()  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)
    assert drawn_total > 0


def test_pages_fit_a_phone(browser: object, site_url: str, built_book: Path) -> None:
    problems = []
    for relative in book_pages(built_book):
        if relative == "index.html":
            continue  # a meta-refresh stub that redirects to book/index.html
        page, _ = open_page(browser, f"{site_url}/{relative}", PHONE)
        wait_for_charts(page)
        overflow = page.evaluate(  # type: ignore[attr-defined]
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        if overflow > 1:
            problems.append(f"{relative}: {overflow}px wider than a phone screen")
        widths = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "div.rir-vega",
            "ds => ds.map(d => [d.id, d.getBoundingClientRect().right, d.parentElement.getBoundingClientRect().right])",
        )
        for ident, right, parent_right in widths:
            if right > parent_right + 1:
                problems.append(f"{relative}: chart {ident} overflows its container")
        # No title, legend or label may run out of its chart (clipped marks aside).
        spills = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "div.rir-vega",
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
            name = relative.replace("/", "_").removesuffix(".html")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)  # type: ignore[attr-defined]
        page.context.close()  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)


def test_hover_shows_a_tooltip(browser: object, site_url: str) -> None:
    page, visit = open_page(browser, f"{site_url}/book/arms.html", DESKTOP)
    assert wait_for_charts(page) >= 1
    point = page.locator("div.rir-vega .mark-symbol.role-mark path").nth(15)  # type: ignore[attr-defined]
    point.scroll_into_view_if_needed()
    point.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")  # type: ignore[attr-defined]
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "Year" in text and "Deliveries" in text
    assert not visit.page_errors
    page.context.close()  # type: ignore[attr-defined]


def _mark_signature(page: object, chart_id: str) -> str:
    return page.evaluate(  # type: ignore[attr-defined]
        "id => [...document.querySelectorAll('#' + id + ' .role-mark path')]"
        ".map(p => p.getAttribute('d') || '').join('|')",
        chart_id,
    )


def test_brush_filters_the_linked_view(browser: object, site_url: str) -> None:
    """Dragging over years on the thaw chapter's upper panel re-ranks the customer bars."""
    page, visit = open_page(browser, f"{site_url}/book/thaw.html", DESKTOP)
    wait_for_charts(page)
    target = page.locator("div.rir-vega:has(.years_brush_bg)").first  # type: ignore[attr-defined]
    chart_id = target.get_attribute("id")
    target.scroll_into_view_if_needed()
    before = _mark_signature(page, chart_id)
    # The upper panel's plot area is where its grid lines are drawn.
    box = page.locator(f"#{chart_id} g.role-axis-grid").first.bounding_box()  # type: ignore[attr-defined]
    assert box and box["width"] > 50
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.05, y)  # type: ignore[attr-defined]
    page.mouse.down()  # type: ignore[attr-defined]
    page.mouse.move(box["x"] + box["width"] * 0.30, y, steps=8)  # type: ignore[attr-defined]
    page.mouse.up()  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    after = _mark_signature(page, chart_id)
    assert after != before, "the brush did not change the linked view"
    assert not visit.page_errors
    page.context.close()  # type: ignore[attr-defined]


def test_hostile_event_text_is_shown_as_text(
    browser: object, site_url: str, built_book: Path, tmp_path: Path
) -> None:
    """Markup inside data (an event description, say) is drawn as text, never run."""
    import altair as alt
    import pandas as pd

    from analysis.render import STATIC_TOKEN, chart_html

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
        '<script src="/_static/rir-vega.js"></script></head><body>'
        f"{block}</body></html>",
        encoding="utf-8",
    )
    try:
        page, visit = open_page(browser, f"{site_url}/_static/test-fixture-hostile.html", DESKTOP)
        assert wait_for_charts(page) == 1
        assert page.evaluate("() => window.__pwned") is None  # type: ignore[attr-defined]
        labels = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "div.rir-vega text", "ts => ts.map(t => t.textContent)"
        )
        assert any("<script>" in label for label in labels), labels
        assert page.locator("div.rir-vega img").count() == 0  # type: ignore[attr-defined]
        assert not visit.page_errors
        page.context.close()  # type: ignore[attr-defined]
    finally:
        fixture.unlink()


def test_without_javascript_every_chart_shows_its_static_image(
    browser: object, site_url: str, built_book: Path
) -> None:
    """Readers without JavaScript see each chart's SVG export, with its alt text."""
    problems = []
    for relative in book_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        expected = html.count('class="rir-vega"')
        if not expected:
            continue
        context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)  # type: ignore[attr-defined]
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
