"""Addresses that reopen what the reader saw (issue 14, item 2), in Chromium.

A chart's menus and brushes write their state after the figure's id in the
address (``#fig-timeline~category_pick=Treaty&zoom=2014-01-01..2024-12-31``);
opening that address draws the chart with the same state and brings it into
view. Brushes are found from the registry as in ``test_browser_brush``; menus
are the params bound to a ``<select>`` in each figure's spec, and the values
tried are the menus' own options.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import pytest

from analysis.figures.registry import CHAPTERS, FIGURES
from analysis.theme import use_house_theme
from tests.built_site import DESKTOP, drawn_page
from tests.brushing import brushed_axis, brushes, drag, label_pairs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.book]

#: A day, in years: brush ends are written to the address to the day.
DAY = 1 / 365

_STATE = re.compile(r"^#(?P<figure>fig-[\w-]+)~(?P<pairs>.+)$")

#: JavaScript: a param's value on a chart (a brush as [start, end] in decimal years, sorted).
_VALUE_JS = r"""([id, param, temporal]) => {
    const value = window.rirViews[id].signal(param);
    if (typeof value !== 'object' || value === null) return value;
    const range = Object.values(value)[0];
    if (!range || range.length !== 2) return null;
    const year = v => {
        if (!temporal) return +v;
        const d = new Date(v), y = d.getUTCFullYear();
        return y + (d - Date.UTC(y, 0, 1)) / (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1));
    };
    return range.map(year).sort((a, b) => a - b);
}"""


def _state(page: Page, figure: str, holding: str = "") -> dict[str, str]:
    """The state the address holds for ``figure``, once it names the figure (and holds ``holding``)."""
    page.wait_for_function(
        "([f, h]) => { const a = decodeURIComponent(location.hash); return a.startsWith('#' + f + '~') && a.includes(h); }",
        arg=[figure, holding], timeout=5_000)
    match = _STATE.match(page.evaluate("decodeURIComponent(location.hash)"))
    assert match and match["figure"] == figure
    return dict(pair.split("=", 1) for pair in match["pairs"].split("&"))


def _end_year(text: str, temporal: bool) -> float:
    """A brush end as written in the address, in decimal years."""
    if not temporal:
        return float(text)
    year, month, day = (int(part) for part in text.split("-"))
    start = dt.date(year, 1, 1)
    return year + (dt.date(year, month, day) - start).days / (dt.date(year + 1, 1, 1) - start).days



def _chart(page: Page, figure: str) -> str:
    return page.eval_on_selector(f"#{figure} div.rir-vega", "d => d.id")


def _in_view(page: Page, figure: str) -> bool:
    return page.eval_on_selector(
        f"#{figure}", "f => { const r = f.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }"
    )


def _menus(package: Any) -> list[tuple[str, str, str, list[str]]]:
    """(chapter, figure, param, options) of every menu of a registered figure."""
    use_house_theme()
    chapter_of = {ident: chapter for chapter, ids in CHAPTERS.items() for ident in ids}
    found = []
    for ident, entry in FIGURES.items():
        for param in entry.chart(package).to_dict().get("params", []):
            options = param.get("bind", {}).get("options")
            if options:
                found.append((chapter_of[ident], ident, param["name"], [str(o) for o in options]))
    return found


def test_a_dragged_brush_is_written_to_the_address_and_the_address_restores_it(
    browser: Browser, site_url: str, package: Any
) -> None:
    problems: list[str] = []
    for brush in brushes(package):
        with drawn_page(browser, f"{site_url}/book/{brush.chapter}.html", DESKTOP) as (page, visit):
            chart = _chart(page, brush.figure)
            page.locator(f"#{chart}").scroll_into_view_if_needed()
            labels = [label["text"] for label in brushed_axis(page, chart, brush.axis_title)["labels"]]
            first, second = label_pairs(labels)[0]
            dragged = drag(page, chart, brush, first, second)
            assert dragged, f"{brush.figure}: the drag selected nothing"
            state = _state(page, brush.figure)
            ends = [_end_year(t, brush.temporal) for t in state[brush.param].split("..")]
            if any(abs(a - b) > DAY * 1.5 for a, b in zip(sorted(ends), dragged, strict=True)):
                problems.append(f"{brush.figure}: address says {ends}, the brush {dragged}")
            address = page.url
            problems += visit.problems(brush.figure)
        with drawn_page(browser, address, DESKTOP) as (page, visit):
            chart = _chart(page, brush.figure)
            restored = page.evaluate(_VALUE_JS, [chart, brush.param, brush.temporal])
            if not restored or any(abs(a - b) > DAY * 1.5 for a, b in zip(restored, dragged, strict=True)):
                problems.append(f"{brush.figure}: {address} reopened {restored}, not {dragged}")
            if not _in_view(page, brush.figure):
                problems.append(f"{brush.figure}: {address} did not bring the figure into view")
            problems += visit.problems(address)
    assert not problems, "\n".join(problems)


def test_menus_are_written_to_the_address_and_restored_from_it(
    browser: Browser, site_url: str, package: Any
) -> None:
    problems: list[str] = []
    menus = _menus(package)
    assert menus, "no figure has a menu"
    for chapter, figure, param, options in menus:
        wanted, then = options[-1], options[1]
        address = f"{site_url}/book/{chapter}.html#{figure}~{param}={wanted}"
        with drawn_page(browser, address, DESKTOP) as (page, visit):
            chart = _chart(page, figure)
            shown = page.evaluate(_VALUE_JS, [chart, param, False])
            select = page.locator(f"#{figure} select[name='{param}']")
            if shown != wanted or select.input_value() != wanted:
                problems.append(f"{figure}: {address} opened with {param}={shown!r}, menu {select.input_value()!r}")
            select.select_option(then)
            if _state(page, figure, f"{param}={then}").get(param) != then:
                problems.append(f"{figure}: choosing {then!r} wrote {page.url}")
            problems += visit.problems(figure)
    assert not problems, "\n".join(problems)


def test_copy_link_gives_the_figure_with_its_state(
    browser: Browser, site_url: str, package: Any
) -> None:
    chapter, figure, param, options = _menus(package)[0]
    with drawn_page(browser, f"{site_url}/book/{chapter}.html", DESKTOP) as (page, visit):
        page.locator(f"#{figure} select[name='{param}']").select_option(options[1])
        button = page.locator(f"#{figure} figcaption button.rir-copy-link")
        assert button.inner_text() == "Copy link"
        button.click()
        page.wait_for_function("b => b.textContent !== 'Copy link'", arg=button.element_handle())
        assert button.inner_text() in ("Link copied", "Link in the address bar")
        assert page.evaluate("decodeURIComponent(location.hash)") == f"#{figure}~{param}={options[1]}"
        assert not visit.problems(figure)
