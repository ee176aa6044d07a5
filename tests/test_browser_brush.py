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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest

from analysis import ranks
from analysis.figures import customers
from analysis.figures.registry import CHAPTERS, FIGURES
from analysis.names import SOVIET_RUSSIA
from analysis.theme import use_house_theme
from tests.built_site import DESKTOP, chart_geometry, drawn_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.book]

PHONE_390: ViewportSize = {"width": 390, "height": 844}

#: The widest miss allowed between a dragged year and the selection, in years.
TOLERANCE = 0.5

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Brush:
    """An interval selection of a registered figure, and the axis it is dragged along."""

    figure: str
    chapter: str
    param: str
    axis_title: str
    temporal: bool


def _units(node: Any) -> Iterator[dict[str, Any]]:
    """Every view of a spec (the spec itself, its layers and concatenated views), depth first."""
    if isinstance(node, dict):
        yield node
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                yield from _units(child)


def _x_encoding(unit: dict[str, Any]) -> dict[str, Any]:
    """The first x encoding with a title in a view or its layers."""
    for view in _units(unit):
        x = view.get("encoding", {}).get("x", {})
        if x.get("title"):
            return x
    raise AssertionError(f"no titled x axis in the brushed view {unit.get('name')}")


def brushes(package: Any) -> list[Brush]:
    """The interval selections of every registered figure, with the title of the axis each brushes."""
    use_house_theme()
    found = []
    chapter_of = {ident: chapter for chapter, ids in CHAPTERS.items() for ident in ids}
    for ident, entry in FIGURES.items():
        spec = entry.chart(package).to_dict()
        units = list(_units(spec))
        for unit in units:
            for param in unit.get("params", []):
                if param.get("select", {}).get("type") != "interval":
                    continue
                views = param.get("views")
                view = next(u for u in units if u.get("name") in views) if views else unit
                x = _x_encoding(view)
                found.append(Brush(ident, chapter_of[ident], param["name"], x["title"], x["type"] == "temporal"))
    return found


def label_year(text: str) -> float | None:
    """The decimal year a tick label stands for: ``"2014"`` → 2014.0, ``"Jul 2024"`` → 2024.5.

    >>> label_year("2014"), label_year("Jul 2024"), label_year("12 Mar 2024")
    (2014.0, 2024.5, None)
    """
    if re.fullmatch(r"\d{4}", text):
        return float(text)
    month = re.fullmatch(r"([A-Z][a-z]{2}) (\d{4})", text)
    if month and month[1] in _MONTHS:
        return int(month[2]) + _MONTHS.index(month[1]) / 12
    return None


_AXIS_JS = r"""([id, title]) => {
    const axis = [...document.getElementById(id).querySelectorAll('svg [aria-roledescription="axis"]')]
        .find(a => (a.getAttribute('aria-label') || '').includes("titled '" + title + "'"));
    if (!axis) return null;
    const box = axis.getBoundingClientRect();
    const labels = [...axis.querySelectorAll('text')]
        .filter(t => t.textContent.trim() && t.textContent !== title && getComputedStyle(t).opacity !== '0')
        .map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, x: (r.left + r.right) / 2};
        });
    return {top: box.top, labels};
}"""

#: JavaScript: the selection of a chart's interval parameter as decimal years (or null when empty).
_SELECTION_JS = r"""([id, param, temporal]) => {
    const value = window.rirViews[id].signal(param);
    const range = value && Object.values(value)[0];
    if (!range || range.length !== 2) return null;
    const year = v => {
        if (!temporal) return +v;
        const d = new Date(v), y = d.getFullYear();
        return y + (d - new Date(y, 0, 1)) / (new Date(y + 1, 0, 1) - new Date(y, 0, 1));
    };
    return range.map(year).sort((a, b) => a - b);
}"""


def _axis(page: Page, chart_id: str, title: str) -> dict[str, Any]:
    """The brushed axis: its top edge and its tick labels' centres, in viewport pixels."""
    axis = page.evaluate(_AXIS_JS, [chart_id, title])
    assert axis, f"{chart_id}: no axis titled {title!r}"
    return axis


def drag(page: Page, chart_id: str, brush: Brush, first: str, second: str) -> list[float] | None:
    """Clear the brush, drag from tick label ``first`` to ``second`` with real moves; return the selection."""
    axis = _axis(page, chart_id, brush.axis_title)
    where = {label["text"]: label["x"] for label in axis["labels"]}
    y = axis["top"] - 12
    page.mouse.dblclick(where[first], y)
    page.wait_for_function(
        "([id, param]) => Object.keys(window.rirViews[id].signal(param) || {}).length === 0",
        arg=[chart_id, brush.param], timeout=5_000,
    )
    page.mouse.move(where[first], y)
    page.mouse.down()
    page.mouse.move(where[second], y, steps=12)
    page.mouse.up()
    return page.evaluate(_SELECTION_JS, [chart_id, brush.param, brush.temporal])


def _pairs(labels: list[str]) -> list[tuple[str, str]]:
    """Two drags over labels that name a year or month: middle to last, then back from second-last to first."""
    usable = [text for text in labels if label_year(text) is not None]
    assert len(usable) >= 3, f"too few year labels to drag between: {labels}"
    return [(usable[len(usable) // 2], usable[-1]), (usable[-2], usable[0])]


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
            labels = [label["text"] for label in _axis(page, chart_id, brush.axis_title)["labels"]]
            for first, second in _pairs(labels):
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
