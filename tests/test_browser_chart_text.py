"""The arms charts' text as a reader sees it in Chromium: nothing overlaps, nothing is cut (issue 11).

For every figure of the arms chapters (the enemies, thaw, Ukraine and arms
flow charts), at 1280 and 390 px: no visible text of the chart (titles,
axis labels, direct labels, event numbers and their key, callouts) overlaps
another, every text lies inside the chart's SVG, and none is cut short with
an ellipsis. Boxes are the browser's own (``getBoundingClientRect``), read
by :func:`tests.built_site.chart_texts` and :func:`tests.built_site.chart_box`.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

import pytest

from analysis.figures.registry import CHAPTERS
from tests.built_site import DESKTOP, chart_box, chart_texts, drawn_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.book]

PHONE_390: ViewportSize = {"width": 390, "height": 844}

#: The chapters whose charts this module checks, and so the figures.
ARMS_CHAPTERS = ("enemies", "thaw", "ukraine", "arms")

#: Pixels two boxes may share before they count as overlapping (glyph boxes include some air).
SLACK = 1.0


def overlap(a: dict[str, float], b: dict[str, float], slack: float = SLACK) -> bool:
    """Whether two boxes share more than ``slack`` pixels both across and down.

    >>> square = {"left": 0, "right": 10, "top": 0, "bottom": 10}
    >>> overlap(square, {"left": 9.5, "right": 20, "top": 0, "bottom": 10})
    False
    >>> overlap(square, {"left": 5, "right": 20, "top": 5, "bottom": 10})
    True
    """
    across = min(a["right"], b["right"]) - max(a["left"], b["left"])
    down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return across > slack and down > slack


def inside(inner: dict[str, float], outer: dict[str, float], slack: float = SLACK) -> bool:
    """Whether ``inner`` lies within ``outer`` (up to ``slack`` pixels out).

    >>> inside({"left": 1, "right": 9, "top": 1, "bottom": 9}, {"left": 0, "right": 10, "top": 0, "bottom": 10})
    True
    """
    return (inner["left"] >= outer["left"] - slack and inner["right"] <= outer["right"] + slack
            and inner["top"] >= outer["top"] - slack and inner["bottom"] <= outer["bottom"] + slack)


def text_problems(where: str, drawn: dict[str, Any]) -> list[str]:
    """One line per text that is cut, sticks out of the SVG or overlaps another text."""
    problems = []
    for text in drawn["texts"]:
        if text["text"].rstrip().endswith("…"):
            problems.append(f"{where}: {text['text']!r} is cut short")
        if not inside(text["box"], drawn["svg"]):
            problems.append(f"{where}: {text['text']!r} lies outside the chart")
    for a, b in combinations(drawn["texts"], 2):
        if overlap(a["box"], b["box"]):
            problems.append(f"{where}: {a['text']!r} overlaps {b['text']!r}")
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280px", "390px"])
def test_arms_chart_text_neither_overlaps_nor_is_cut(
    browser: Browser, site_url: str, viewport: ViewportSize
) -> None:
    problems: list[str] = []
    checked = 0
    for chapter in ARMS_CHAPTERS:
        with drawn_page(browser, f"{site_url}/book/{chapter}.html", viewport) as (page, visit):
            for figure in CHAPTERS[chapter]:
                chart_id = page.eval_on_selector(f"#{figure} div.rir-vega", "d => d.id")
                drawn = {"svg": chart_box(page, chart_id), "texts": chart_texts(page, chart_id)}
                assert len(drawn["texts"]) > 5, f"{figure}: its text was not found"
                problems += text_problems(f"{figure} at {viewport['width']}px", drawn)
                checked += 1
            problems += visit.problems(chapter)
    assert checked == sum(len(CHAPTERS[c]) for c in ARMS_CHAPTERS)
    assert not problems, "\n".join(problems)
