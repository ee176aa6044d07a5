"""Brushes of the book's charts, found from the registry and dragged in Chromium.

A plain helper module (not a test module) for the browser tests that drag a
brush: ``test_browser_brush`` (the selection follows the pointer) and
``test_browser_addresses`` (the selection is written to the address and
restored from it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.figures.registry import CHAPTERS, FIGURES
from analysis.theme import use_house_theme

if TYPE_CHECKING:
    from playwright.sync_api import Page

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


def brushed_axis(page: Page, chart_id: str, title: str) -> dict[str, Any]:
    """The brushed axis: its top edge and its tick labels' centres, in viewport pixels."""
    axis = page.evaluate(_AXIS_JS, [chart_id, title])
    assert axis, f"{chart_id}: no axis titled {title!r}"
    return axis


def drag(page: Page, chart_id: str, brush: Brush, first: str, second: str) -> list[float] | None:
    """Clear the brush, drag from tick label ``first`` to ``second`` with real moves; return the selection."""
    axis = brushed_axis(page, chart_id, brush.axis_title)
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


def label_pairs(labels: list[str]) -> list[tuple[str, str]]:
    """Two drags over labels that name a year or month: middle to last, then back from second-last to first."""
    usable = [text for text in labels if label_year(text) is not None]
    assert len(usable) >= 3, f"too few year labels to drag between: {labels}"
    return [(usable[len(usable) // 2], usable[-1]), (usable[-2], usable[0])]
