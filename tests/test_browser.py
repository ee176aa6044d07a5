"""The built book in a real browser: Debian's headless Chromium via Playwright.

Every page is opened from a loopback server. A page passes when every chart
has drawn marks, it made no request to any other host, and it raised no page
error and logged no console error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from analysis.paths import BUILD_DIR
from analysis.site.deferred_sections import DEFERRED_CLASS
from analysis.site.serve import REDIRECT_STUB, chart_count, site_pages
from analysis.site.sphinx_vega import BUNDLE_NAME
from tests.built_site import (
    CHARTS,
    DESKTOP,
    PHONE,
    PageVisit,
    axis_labels,
    chart_geometry,
    chart_ids_on,
    chart_pages,
    open_page,
    repeated_labels,
    tooltip_at,
    wait_for_charts,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser

SCREENSHOTS = BUILD_DIR / "screenshots"

#: The reader's phone in issue 11 (a little wider than :data:`PHONE`).
PHONE_390: ViewportSize = {"width": 390, "height": 844}

#: Words a tooltip must never print in place of a value.
NO_VALUE = re.compile(r"\b(undefined|NaN|null)\b")


def _screenshot(page: Page, relative: str, suffix: str = "") -> None:
    """Save a full-page screenshot under ``_build/screenshots`` for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = relative.replace("/", "_").removesuffix(".html")
    # A whole-page picture is taken beyond the window, where the sections deferred until a
    # reader nears them would be blank: draw them for the picture.
    page.add_style_tag(content=f"section.{DEFERRED_CLASS} {{ content-visibility: visible; }}")
    page.screenshot(path=str(SCREENSHOTS / f"{name}{suffix}.png"), full_page=True)


def test_every_page_draws_offline_without_errors(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    problems: list[str] = []
    drawn_total = 0
    for relative in site_pages(built_book):
        page, visit = open_page(browser, f"{site_url}/{relative}", DESKTOP)
        if relative == REDIRECT_STUB:  # it sends the reader on at once: check where it lands
            page.wait_for_url(f"{site_url}/book/index.html", wait_until="load")
        charts = wait_for_charts(page)
        states = page.eval_on_selector_all(
            CHARTS,
            """ds => ds.map(d => [d.id, d.dataset.rirDrawn,
                [...d.querySelectorAll('svg [role="graphics-symbol"]')]
                    .filter(e => e.tagName.toLowerCase() !== 'g').length])""",
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


def _each_chart(
    browser: Browser, site_url: str, built_book: Path, viewport: ViewportSize
) -> Iterator[tuple[str, Page, PageVisit, str]]:
    """Open every chart page at ``viewport`` and yield each chart drawn on it.

    Yields ``(page path, page, visit, chart id)``; each page is closed after its last chart.
    """
    for relative in chart_pages(built_book):
        page, visit = open_page(browser, f"{site_url}/{relative}", viewport)
        try:
            wait_for_charts(page)
            for chart_id in chart_ids_on(page):
                yield relative, page, visit, chart_id
        finally:
            page.context.close()


def _centre(box: dict[str, float]) -> tuple[float, float]:
    return (box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2


def _hover_targets(marks: list[dict[str, Any]], count: int = 6) -> list[dict[str, Any]]:
    """Up to ``count`` hoverable marks spread across the plot from left to right, with aims.

    Points, bars and rectangles only (lines and text labels carry no tooltip of
    their own), and no point that another point overlaps. Every mark is aimed
    at its centre; a point is also aimed a
    little beside itself, off the symbol but inside the plot, where only a
    nearest-point hover layer answers, and only where it is clearly the
    nearest point to the pointer.
    """
    candidates = [m for m in marks if m["kind"] in ("point", "bar", "rect mark")
                  and m["box"]["right"] > m["box"]["left"]]
    points = [_centre(m["box"]) for m in candidates if m["kind"] == "point"]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    chosen = []
    for mark in candidates:
        x, y = _centre(mark["box"])
        aims = [(0.0, 0.0)]
        if mark["kind"] == "point":
            covered = [m for m in candidates if m is not mark and m["kind"] == "point"
                       and m["box"]["left"] - 1 <= x <= m["box"]["right"] + 1
                       and m["box"]["top"] - 1 <= y <= m["box"]["bottom"] + 1]
            if covered:  # another point drawn over or beside this one's centre
                continue
            best = None
            for dx, dy in ((0.0, 7.0), (0.0, -7.0), (7.0, 0.0), (-7.0, 0.0)):
                px, py = x + dx, y + dy
                if not (min(xs) <= px <= max(xs) and min(ys) <= py <= max(ys)):
                    continue
                others = [((ox - px) ** 2 + (oy - py) ** 2) ** 0.5 for ox, oy in points if (ox, oy) != (x, y)]
                margin = min(others, default=99.0) - 7
                if best is None or margin > best[0]:
                    best = (margin, (dx, dy))
            if best and best[0] >= 4:
                aims.append(best[1])
        chosen.append({**mark, "aims": aims})
    chosen.sort(key=lambda m: _centre(m["box"])[0])
    if len(chosen) <= count:
        return chosen
    step = (len(chosen) - 1) / (count - 1)
    return [chosen[round(i * step)] for i in range(count)]


def _tooltip_rows(page: Page) -> dict[str, str]:
    """The shown tooltip's ``title -> value`` rows (its table's cells)."""
    rows = page.eval_on_selector_all(
        "#vg-tooltip-element tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    return {row[0]: (row[1] if len(row) > 1 else "") for row in rows if row}


def _aria_fields(label: str) -> dict[str, str]:
    return dict(part.split(": ", 1) for part in label.split("; ") if ": " in part)


def _hover(
    page: Page, chart_id: str, mark: dict[str, Any], aim: tuple[float, float]
) -> tuple[dict[str, str] | None, dict[str, Any]]:
    """Scroll the mark to mid-screen, point at ``aim`` from its centre, return the tooltip's rows."""

    def now() -> dict[str, Any]:
        return next((m for m in chart_geometry(page, chart_id)["marks"]
                     if m["label"] == mark["label"] and m["kind"] == mark["kind"]), mark)

    page.evaluate("y => window.scrollBy(0, y - window.innerHeight / 2)", _centre(now()["box"])[1])
    seen = now()
    x, y = _centre(seen["box"])
    text = tooltip_at(page, x + aim[0], y + aim[1])
    return (None if text is None else _tooltip_rows(page)), seen


def test_tooltips_name_what_is_under_the_pointer(browser: Browser, site_url: str, built_book: Path) -> None:
    """Hover marks across every chart: each tooltip shows real values, for the mark pointed at."""
    problems = []
    hovered = 0
    visits: dict[str, PageVisit] = {}
    for relative, page, visit, chart_id in _each_chart(browser, site_url, built_book, DESKTOP):
        visits[relative] = visit
        targets = _hover_targets(chart_geometry(page, chart_id)["marks"])
        shown = 0
        for mark in targets:
            for aim in mark["aims"]:
                tip, seen = _hover(page, chart_id, mark, aim)
                if tip is None:
                    continue
                shown += 1
                where = f"{relative} {chart_id} {aim} from {seen['label'][:60]!r}"
                if not tip or any(NO_VALUE.search(value) or not value for value in tip.values()):
                    problems.append(f"{where}: tooltip {tip}")
                # Where the mark's ARIA label names a tooltip's field, it names the same text.
                aria = _aria_fields(seen["label"])
                for key in tip.keys() & aria.keys():
                    if f"{key}: {tip[key]}" not in seen["label"] and not re.search(r"\d", tip[key]):
                        problems.append(f"{where}: tooltip says {key} {tip[key]!r}, the mark is {aria[key]!r}")
        if targets and not shown:
            problems.append(f"{relative} {chart_id}: no tooltip on any of {len(targets)} marks")
        hovered += shown
    for relative, visit in visits.items():
        problems.extend(visit.problems(relative))
    assert hovered > 20
    assert not problems, "\n".join(problems)


def test_arms_flow_tooltip_names_the_direction_pointed_at(browser: Browser, site_url: str) -> None:
    """Issue 11: the arms flow chart's hover printed the direction as ``undefined``."""
    page, visit = open_page(browser, f"{site_url}/book/arms.html", DESKTOP)
    assert wait_for_charts(page) >= 1
    (chart_id,) = chart_ids_on(page)
    marks = chart_geometry(page, chart_id)["marks"]
    checked = set()
    for mark in _hover_targets(marks, count=len(marks)):
        direction = _aria_fields(mark["label"]).get("Direction")
        if direction is None or direction in checked or len(mark["aims"]) < 2:
            continue
        for aim in mark["aims"]:  # on the point, then beside it (the nearest-point layer)
            tip, _ = _hover(page, chart_id, mark, aim)
            assert tip is not None, f"no tooltip at {aim} from {mark['label']!r}"
            assert tip.get("Direction") == direction, (aim, tip, mark["label"])
            assert "Year" in tip and "Deliveries (millions of SIPRI TIV)" in tip
        checked.add(direction)
    assert len(checked) == 2 and all("→" in d for d in checked), checked  # both directions hovered
    assert not visit.page_errors
    page.context.close()


def _inside(box: dict[str, float], frame: dict[str, float], slack: float = 1.0) -> bool:
    return (box["left"] >= frame["left"] - slack and box["right"] <= frame["right"] + slack
            and box["top"] >= frame["top"] - slack and box["bottom"] <= frame["bottom"] + slack)


def _apart(a: dict[str, float], b: dict[str, float], slack: float = 1.0) -> bool:
    return (a["right"] <= b["left"] + slack or b["right"] <= a["left"] + slack
            or a["bottom"] <= b["top"] + slack or b["bottom"] <= a["top"] + slack)


def _geometry_problems(where: str, geometry: dict[str, Any]) -> list[str]:
    """Marks or tick labels outside the chart's SVG, marks cut by their clip, labels on labels."""
    problems = []
    frame = geometry["svg"]
    for mark in geometry["marks"]:
        box = mark["box"]
        if not mark["visible"] or box["right"] <= box["left"] and box["bottom"] <= box["top"]:
            continue
        clip = mark["clip"]
        if clip:  # what shows of a clipped mark is its part inside the clip
            box = {"left": max(box["left"], clip["left"]), "right": min(box["right"], clip["right"]),
                   "top": max(box["top"], clip["top"]), "bottom": min(box["bottom"], clip["bottom"])}
            if box["left"] >= box["right"] or box["top"] >= box["bottom"]:
                continue  # wholly outside a zoomed view
            # A point or bar must show whole; a band's label may run out of a narrow band.
            if mark["kind"] != "text mark" and not _inside(mark["box"], clip):
                problems.append(f"{where}: {mark['kind']} {mark['label'][:60]!r} cut at the plot's edge")
        if not _inside(box, frame):
            problems.append(f"{where}: {mark['kind']} {mark['label'][:60]!r} outside the chart {box}")
    for axis in geometry["axes"]:
        labels = axis["labels"]
        for label in labels:
            if not _inside(label["box"], frame):
                problems.append(f"{where}: tick label {label['text']!r} outside the chart")
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                if not _apart(a["box"], b["box"]):
                    problems.append(f"{where}: tick labels {a['text']!r} and {b['text']!r} overlap "
                                    f"on {axis['label'][:50]}")
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280px", "390px"])
def test_marks_and_tick_labels_stay_inside_and_apart(
    browser: Browser, site_url: str, built_book: Path, viewport: ViewportSize
) -> None:
    problems = []
    for relative, page, _, chart_id in _each_chart(browser, site_url, built_book, viewport):
        problems += _geometry_problems(f"{relative} {chart_id}", chart_geometry(page, chart_id))
    assert not problems, "\n".join(problems)


def _drag_zoom(page: Page, chart_id: str, start: float, end: float) -> None:
    """Drag across the chart's zoom strip (the x axis that asks to be dragged), ``start``–``end`` of its width."""
    strip = next(a for a in chart_geometry(page, chart_id)["axes"] if "Drag to zoom" in a["label"])
    box = strip["box"]
    before = axis_labels(page, chart_id)
    width = box["right"] - box["left"]
    page.evaluate("y => window.scrollBy(0, y - window.innerHeight / 2)", box["top"])
    box = next(a for a in chart_geometry(page, chart_id)["axes"] if "Drag to zoom" in a["label"])["box"]
    y = box["top"] - 12
    page.mouse.move(box["left"] + width * start, y)
    page.mouse.down()
    page.mouse.move(box["left"] + width * end, y, steps=6)
    page.mouse.up()
    page.wait_for_function(
        """([id, before]) => {
            const axes = document.getElementById(id).querySelectorAll('svg [aria-roledescription="axis"]');
            return [...axes].map(a => a.getAttribute('aria-label')).join('|') !== before;
        }""",
        arg=[chart_id, "|".join(label for label, _ in before)],
        timeout=5_000,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280px", "390px"])
def test_no_axis_repeats_a_tick_label(
    browser: Browser, site_url: str, built_book: Path, viewport: ViewportSize
) -> None:
    """Issue 11: the 2023–2026 timeline printed each year four times. Also zoomed in by the strip."""
    problems = []
    zoomed = 0
    for relative, page, _, chart_id in _each_chart(browser, site_url, built_book, viewport):
        axes = axis_labels(page, chart_id)
        problems += [f"{relative}: {line}" for line in repeated_labels(axes)]
        if not any("Drag to zoom" in label for label, _ in axes):
            continue
        # Zoom to a few months, then (a new brush elsewhere) to a few days.
        for start, end in ((0.40, 0.46), (0.70, 0.704)):
            _drag_zoom(page, chart_id, start, end)
            zoomed += 1
            axes = axis_labels(page, chart_id)
            problems += [f"{relative} zoomed {start}-{end}: {line}" for line in repeated_labels(axes)]
    assert zoomed >= 6, "the timelines' zoom strips were not found"
    assert not problems, "\n".join(problems)


def _mark_signature(page: Page, chart_id: str) -> str:
    return page.evaluate(
        "id => [...document.querySelectorAll('#' + id + ' svg [role=\"graphics-symbol\"]')]"
        ".map(p => p.getAttribute('d') || '').join('|')",
        chart_id,
    )


def test_brush_filters_the_linked_view(browser: Browser, site_url: str) -> None:
    """Dragging over years on the thaw chapter's upper panel re-ranks the customer bars."""
    page, visit = open_page(browser, f"{site_url}/book/thaw.html", DESKTOP)
    wait_for_charts(page)
    # The chart whose lower panel ranks the customers (its y axis names them, untitled).
    ids = chart_ids_on(page)
    chart_id = next(i for i in ids if len(chart_geometry(page, i)["axes"]) == 4)
    page.locator(f"#{chart_id}").scroll_into_view_if_needed()
    before = _mark_signature(page, chart_id)
    # The upper panel's plot area spans its x axis, just above it.
    axes = [a for a in chart_geometry(page, chart_id)["axes"] if a["label"].startswith("X-axis")]
    box = min(axes, key=lambda a: a["box"]["top"])["box"]
    width = box["right"] - box["left"]
    assert width > 50
    y = box["top"] - 20
    page.mouse.move(box["left"] + width * 0.05, y)
    page.mouse.down()
    page.mouse.move(box["left"] + width * 0.30, y, steps=8)
    page.mouse.up()
    page.wait_for_function(
        "([id, before]) => [...document.querySelectorAll('#' + id + ' svg [role=\"graphics-symbol\"]')]"
        ".map(p => p.getAttribute('d') || '').join('|') !== before",
        arg=[chart_id, before],
        timeout=5_000,
    )
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

    from analysis.site.render import STATIC_TOKEN, chart_html, export_name
    from analysis.site.sphinx_vega import SPEC_PATTERN, publish_spec, spec_reference

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
    # Published as the build publishes a page's chart: compiled beside the exports, the
    # page holding only a reference to it.
    name = export_name(spec)
    publish_spec(spec, name, built_book / "_static" / "charts")
    block = SPEC_PATTERN.sub(spec_reference, chart_html(spec)).replace(STATIC_TOKEN, "/_static")
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
        for published in (built_book / "_static" / "charts").glob(f"{name}.*"):
            published.unlink()


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
