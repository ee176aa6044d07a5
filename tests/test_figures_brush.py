"""Brushed views, checked on their compiled Vega: nothing in them makes the brush jump (issue 11).

Over a mark that Vega-Lite draws inside a group of its own (a bar with
rounded ends, as the house theme draws bars), an interval brush reads the
pointer in that group's frame and jumps to the axis start (Vega-Lite issue
8628). The browser test drags every brush; this one names the cause fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import vl_convert

from analysis.figures.registry import FIGURES
from analysis.site.sphinx_vega import VEGA_LITE_VERSION
from analysis.theme import use_house_theme


def _groups(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every mark of a Vega spec that holds marks, the spec itself first."""
    yield node
    for mark in node.get("marks", []):
        if "marks" in mark:
            yield from _groups(mark)


def brushed_views(vega: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each view holding an interval brush (its ``…_brush`` mark), with the view's marks."""
    return [
        (mark["name"].removesuffix("_brush"), group["marks"])
        for group in _groups(vega)
        for mark in group.get("marks", [])
        if str(mark.get("name", "")).endswith("_brush") and mark.get("type") == "rect"
    ]


def _vega(ident: str, package: Any) -> dict[str, Any]:
    use_house_theme()
    return vl_convert.vegalite_to_vega(FIGURES[ident].chart(package).to_dict(), vl_version=VEGA_LITE_VERSION)


@pytest.mark.parametrize("ident", list(FIGURES))
def test_no_mark_of_a_brushed_view_is_wrapped_in_a_group(package, ident: str) -> None:
    for brush, marks in brushed_views(_vega(ident, package)):
        wrapped = [mark.get("name") or "(unnamed)" for mark in marks if mark.get("type") == "group"]
        assert not wrapped, f"{ident}: brush {brush!r} sits beside marks drawn in groups {wrapped}"


def test_the_customer_chart_is_found_brushable(package) -> None:
    assert [brush for brush, _ in brushed_views(_vega("fig-thaw-brush", package))] == ["years"]
