"""Every brush of the book follows the pointer (issue 11, item 2), in Chromium.

The brushable charts are found from the registry: any interval selection in a
figure's spec (the thaw chapter's customer chart, the timelines' zoom
strips). On each, at 1280 and 390 px, the pointer presses on one year's tick
label position of the brushed axis, moves in steps to another's and lets go;
the selection's own signal (``window.rirViews[chart id].signal(param)``) must
then cover those two years within half a year. On the customer chart the
bottom panel's bars must then rank the customers as the package does over
the years selected.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest

from analysis import ranks
from analysis.figures import customers
from analysis.names import SOVIET_RUSSIA
from tests.brushing import Brush, brushed_axis, brushes, drag, label_pairs, label_year
from tests.built_site import DESKTOP, chart_geometry, drawn_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.book]

PHONE_390: ViewportSize = {"width": 390, "height": 844}

#: The widest miss allowed between a dragged year and the selection, in years.
TOLERANCE = 0.5

def bar_ranking(page: Page, chart_id: str) -> dict[str, tuple[int, int]]:
    """The bottom panel's bars as the reader can hover them: customer → (rank, deliveries rounded)."""
    bars = {}
    for mark in chart_geometry(page, chart_id)["marks"]:
        fields = dict(part.split(": ", 1) for part in mark["label"].split("; ") if ": " in part)
        if "Customer" in fields:
            tiv = int(fields["Deliveries (millions of SIPRI TIV)"].replace(",", ""))
            bars[fields["Customer"]] = (int(fields["Rank"]), tiv)
    return bars


def expected_ranking(package: Any, years: tuple[float, float]) -> dict[str, tuple[int, int]]:
    """The customer chart's ranking computed from the package: its customers over the whole years selected."""
    first, last = math.ceil(years[0] - 1e-9), math.floor(years[1] + 1e-9)
    shown = set(customers.brush_data(package)["years"].query("recipient_code != 'OTHER'")["recipient"])
    table = ranks.customer_table(package["arms_transfers"], SOVIET_RUSSIA, first, last)
    table = table[table["recipient"].isin(shown)].copy()
    table["rank"] = table["tiv"].rank(method="min", ascending=False).astype(int)
    table = table[table["rank"] <= 10]
    return {str(r.recipient): (int(r.rank), int(round(float(r.tiv)))) for r in table.itertuples()}


def same_ranking(shown: dict[str, tuple[int, int]], expected: dict[str, tuple[int, int]]) -> bool:
    """Whether two rankings name the same customers at the same ranks, deliveries within a rounding.

    The browser sums in another order than pandas, so a total ending in .5 may round either way.

    >>> same_ranking({"India": (1, 7267)}, {"India": (1, 7268)})
    True
    >>> same_ranking({"India": (2, 7)}, {"India": (1, 7)})
    False
    """
    return shown.keys() == expected.keys() and all(
        shown[c][0] == expected[c][0] and abs(shown[c][1] - expected[c][1]) <= 1 for c in shown
    )


@pytest.fixture(scope="module")
def brushable(package) -> list[Brush]:
    found = brushes(package)
    assert "fig-thaw-brush" in {b.figure for b in found}, found
    return found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280px", "390px"])
def test_every_brush_follows_the_pointer(
    browser: Browser, site_url: str, package, brushable: list[Brush], viewport: ViewportSize
) -> None:
    problems: list[str] = []
    for brush in brushable:
        with drawn_page(browser, f"{site_url}/book/{brush.chapter}.html", viewport) as (page, visit):
            chart_id = page.eval_on_selector(f"#{brush.figure} div.rir-vega", "d => d.id")
            page.locator(f"#{chart_id}").scroll_into_view_if_needed()
            labels = [label["text"] for label in brushed_axis(page, chart_id, brush.axis_title)["labels"]]
            for first, second in label_pairs(labels):
                want = sorted([label_year(first), label_year(second)])
                got = drag(page, chart_id, brush, first, second)
                where = f"{brush.figure} at {viewport['width']}px, {first}→{second}"
                if got is None or any(abs(g - w) > TOLERANCE for g, w in zip(got, want, strict=True)):
                    problems.append(f"{where}: selected {got}, wanted {want} ± {TOLERANCE}")
                    continue
                if brush.figure == "fig-thaw-brush":
                    shown, expected = bar_ranking(page, chart_id), expected_ranking(package, (got[0], got[1]))
                    if not same_ranking(shown, expected):
                        problems.append(f"{where}: bars rank {shown}, the package {expected}")
            problems += visit.problems(brush.figure)
    assert not problems, "\n".join(problems)


def test_expected_ranking_reads_whole_years(package) -> None:
    """The years a selection covers are the whole years inside it."""
    whole = expected_ranking(package, (1999.6, 2001.4))
    assert whole == expected_ranking(package, (2000.0, 2001.0))
    frame = pd.DataFrame(whole, index=["rank", "tiv"]).T
    assert frame["rank"].min() == 1 and frame["rank"].max() <= 10
