"""Charts on a phone as a reader holds one: read whole after a resize, and answering a tap.

Every chart page is opened at desktop width, then the window is narrowed to a
phone's 390 px: each chart must be drawn again in its narrow layout, with no
text cut off, cut short or lying over another text, exactly as when the page
is opened on the phone. On a touch screen a tap on a mark must show that
mark's tooltip, inside the screen, and a tap elsewhere must hide it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.built_site import (
    CHARTS,
    DESKTOP,
    TOOLTIP,
    chart_box,
    chart_geometry,
    chart_ids_on,
    chart_pages,
    chart_texts,
    drawn_page,
    text_problems,
    wait_for_charts,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}

#: Words a tooltip must never print in place of a value.
NO_VALUE = re.compile(r"\b(undefined|NaN|null)\b")

#: JavaScript: true once every chart block is drawn in the narrow layout.
ALL_NARROW = (
    f"() => [...document.querySelectorAll('{CHARTS}')]"
    ".every(d => d.dataset.rirDrawn === 'yes' && d.dataset.rirNarrow === 'yes')"
)


def _texts(page: Page) -> dict[str, list[str]]:
    """Each drawn chart's visible texts, in document order."""
    return {ident: [t["text"] for t in chart_texts(page, ident)] for ident in chart_ids_on(page)}


def test_charts_read_whole_on_a_phone_also_after_a_resize(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    problems: list[str] = []
    checked = 0
    for relative in chart_pages(built_book):
        with drawn_page(browser, f"{site_url}/{relative}", DESKTOP) as (page, visit):
            page.set_viewport_size(PHONE_390)
            page.wait_for_function(ALL_NARROW, timeout=45_000)
            resized = _texts(page)
            for ident in chart_ids_on(page):
                box = chart_box(page, ident)
                problems += [f"{relative} {ident} after resize: {p}" for p in text_problems(box, chart_texts(page, ident))]
                checked += 1
            problems += visit.problems(relative)

        with drawn_page(browser, f"{site_url}/{relative}", PHONE_390) as (phone, _):
            opened = _texts(phone)
            for ident, texts in opened.items():
                box = chart_box(phone, ident)
                problems += [f"{relative} {ident} on a phone: {p}" for p in text_problems(box, chart_texts(phone, ident))]
                if sorted(texts) != sorted(resized.get(ident, [])):
                    changed = sorted(set(texts) ^ set(resized.get(ident, [])))[:4]
                    problems.append(f"{relative} {ident}: the resized chart differs from the phone's: {changed}")
    assert checked >= len(chart_pages(built_book))
    assert not problems, "\n".join(problems)


def _tap_targets(marks: list[dict[str, Any]], viewport_height: float) -> Iterator[dict[str, Any]]:
    """Data marks a finger can hit: points, bars and rectangles at least 4 px across, left to right."""
    fit = [m for m in marks if m["kind"] in ("point", "bar", "rect mark")
           and m["box"]["right"] - m["box"]["left"] >= 4 and m["box"]["bottom"] - m["box"]["top"] >= 4]
    yield from sorted(fit, key=lambda m: m["box"]["left"])


def _centre(box: dict[str, float]) -> tuple[float, float]:
    return (box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2


def _tap_first_answering(page: Page, chart_id: str) -> dict[str, Any] | None:
    """Tap the chart's marks from the left until one shows a tooltip; return its text and box."""
    tooltip = page.locator(TOOLTIP)
    for mark in list(_tap_targets(chart_geometry(page, chart_id)["marks"], PHONE_390["height"]))[:8]:
        page.evaluate("y => window.scrollBy(0, y - window.innerHeight / 2)", _centre(mark["box"])[1])
        now = next((m for m in chart_geometry(page, chart_id)["marks"]
                    if m["label"] == mark["label"] and m["kind"] == mark["kind"]), None)
        if now is None:
            continue
        page.touchscreen.tap(*_centre(now["box"]))
        try:
            tooltip.wait_for(state="visible", timeout=3_000)
        except Exception:  # noqa: BLE001 - this mark answered nothing; try the next
            continue
        return {"text": tooltip.inner_text(), "box": tooltip.bounding_box(), "mark": now["label"]}
    return None


def test_a_tap_shows_the_tooltip_and_a_tap_elsewhere_hides_it(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    problems: list[str] = []
    tapped = 0
    for relative in chart_pages(built_book):
        context = browser.new_context(viewport=PHONE_390, has_touch=True, is_mobile=True)
        page = context.new_page()
        page.goto(f"{site_url}/{relative}")
        wait_for_charts(page)
        for ident in chart_ids_on(page):
            shown = _tap_first_answering(page, ident)
            where = f"{relative} {ident}"
            if shown is None:
                problems.append(f"{where}: no tap on a mark showed a tooltip")
                continue
            tapped += 1
            values = [line.split("\t", 1)[-1].strip() for line in shown["text"].splitlines() if line.strip()]
            if not values or any(NO_VALUE.search(v) for v in values):
                problems.append(f"{where}: the tooltip reads {shown['text']!r}")
            box = shown["box"]
            if box is None or box["x"] < 0 or box["x"] + box["width"] > PHONE_390["width"]:
                problems.append(f"{where}: the tooltip lies partly off the screen: {box}")
            # A tap on the page's title, outside every chart, hides it.
            heading = page.get_by_role("heading", level=1)
            heading.scroll_into_view_if_needed()
            heading.tap()
            try:
                page.locator(TOOLTIP).wait_for(state="hidden", timeout=3_000)
            except Exception:  # noqa: BLE001 - reported below
                problems.append(f"{where}: the tooltip stays after a tap outside the chart")
        context.close()
    assert tapped >= len(chart_pages(built_book))
    assert not problems, "\n".join(problems)
