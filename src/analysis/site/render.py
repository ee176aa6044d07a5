"""How charts reach the book: an Altair renderer that needs no CDN.

A chart becomes a small HTML block holding its Vega-Lite spec as inert JSON.
The book's one shared script (:mod:`analysis.site.sphinx_vega`) draws every such
block with the Vega libraries served from the site itself, and the same
extension exports each spec to SVG and PNG for print, for readers without
JavaScript and for download. Under the chart, its Table, Data and Cite views
(:mod:`analysis.site.views`) work without JavaScript.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from typing import Any

import altair as alt

from analysis.figures.meta import chart_meta
from analysis.site.views import figure_slug, views_html

RENDERER_NAME = "rir_book"

#: Replaced by the page's relative path to ``_static`` when Sphinx writes the page.
STATIC_TOKEN = "@RIR_STATIC@"

#: CSS class of the block the shared script draws into.
CHART_CLASS = "rir-vega"

#: CSS class of the box that holds a chart's static preview and, over it, the live chart.
STAGE_CLASS = "rir-stage"

#: CSS class of a chart's static preview (its SVG export, shown until the live chart is drawn).
PREVIEW_CLASS = "rir-preview"

_VIEW_KEYS = ("layer", "vconcat", "hconcat", "concat")


def menu_count(spec: Any) -> int:
    """Number of menus (params bound to an input, not selections) a Vega-Lite spec shows.

    Vega-Lite draws one input row under the chart for each.

    Examples
    --------
    >>> menu_count({"params": [{"name": "pick", "bind": {"input": "select"}},
    ...                        {"name": "zoom", "select": "interval", "bind": "scales"}],
    ...             "vconcat": [{"params": [{"name": "size", "bind": {"input": "range"}}]}]})
    2
    >>> menu_count({"mark": "bar"})
    0
    """
    if not isinstance(spec, dict):
        return 0
    own = sum(1 for p in spec.get("params", []) if isinstance(p.get("bind"), dict) and not p.get("select"))
    children = [child for key in _VIEW_KEYS for child in spec.get(key, [])]
    if isinstance(spec.get("spec"), dict):
        children.append(spec["spec"])
    return own + sum(menu_count(child) for child in children)


def spec_json(spec: dict[str, Any]) -> str:
    """Serialise a spec as canonical JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so text in the data
    (an event description holding ``</script>``, say) can never close the
    element or be parsed as markup.

    Examples
    --------
    >>> spec_json({"description": "</script><b>x</b>"})
    '{"description":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003ex\\\\u003c/b\\\\u003e"}'

    NaN and infinity are not JSON: a spec holding one is refused, naming the
    chart's title and where the value sits, instead of writing ``NaN`` that
    the browser cannot parse.

    >>> spec_json({"title": "TIV", "data": {"values": [{"tiv": float("inf")}]}})
    Traceback (most recent call last):
    ...
    ValueError: chart 'TIV': value inf at data.values[0].tiv is not a finite number; ...
    """
    try:
        text = json.dumps(
            spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
    except ValueError:
        where, value = _first_non_finite(spec) or ("?", "?")
        raise ValueError(
            f"chart {_chart_title(spec)!r}: value {value} at {where} is not a finite number; "
            "NaN and infinity cannot be written as JSON (check the chart's data step)"
        ) from None
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _chart_title(spec: dict[str, Any]) -> str:
    """Return a chart's title as text (Vega-Lite allows a string, list or object)."""
    title = spec.get("title", "") if isinstance(spec, dict) else ""
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title) or "(untitled)"


def _first_non_finite(node: Any, where: str = "") -> tuple[str, float] | None:
    """Return the path and value of the first NaN or infinity in ``node``."""
    if isinstance(node, float) and not math.isfinite(node):
        return where or "(top)", node
    if isinstance(node, dict):
        for key in sorted(node, key=str):
            found = _first_non_finite(node[key], f"{where}.{key}" if where else str(key))
            if found:
                return found
    if isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            found = _first_non_finite(item, f"{where}[{index}]")
            if found:
                return found
    return None


def chart_id(spec: dict[str, Any]) -> str:
    """Return a short identifier that depends only on the spec's content.

    Examples
    --------
    >>> chart_id({"mark": "bar"}) == chart_id({"mark": "bar"})
    True
    """
    return hashlib.sha256(spec_json(spec).encode("utf-8")).hexdigest()[:12]


def alt_text(spec: dict[str, Any]) -> str:
    """Return the chart's alt text: its ``description``, which every chart must have."""
    text = spec.get("description")
    if not text:
        raise ValueError("a book chart needs a description (its alt text)")
    return str(text)


def export_name(spec: dict[str, Any]) -> str:
    """Return the stem of a chart's downloads: the figure's slug, else the content id.

    Examples
    --------
    >>> export_name({"usermeta": {"rir": {"figure": "fig-arms-flow"}}})
    'arms-flow'
    >>> export_name({"mark": "bar"}) == chart_id({"mark": "bar"})
    True
    """
    figure = chart_meta(spec).get("figure")
    return figure_slug(figure) if figure else chart_id(spec)


def chart_html(spec: dict[str, Any]) -> str:
    """Return the HTML block for one chart spec.

    The Chart view (the live chart, its SVG for readers without JavaScript and
    for print, its downloads), then the Table, Data and Cite views
    (:func:`analysis.site.views.views_html`). Downloads are named by
    :func:`export_name` (``arms-flow.svg``); the element ids by :func:`chart_id`.

    The live chart is drawn over its static SVG (the *preview*, shown at once;
    its phone layout's below 560 px, as the live chart's): the preview holds the
    chart's box (its size is written on it when the book is built,
    :func:`analysis.site.previews.size_previews`) and a row is kept free below
    it for each of the chart's menus (:func:`menu_count`), so the live chart
    takes its place without moving the text. Previews load lazily: the narrow
    one only where it shows, the wide one when it nears the window, except on
    the page's first chart (:func:`analysis.site.previews.first_preview_at_once`).
    A browser builds a document for each SVG image on its main thread, and
    loading all eleven of a page at once held up its first paint.
    """
    ident = chart_id(spec)
    name = export_name(spec)
    alt_attr = html.escape(alt_text(spec), quote=True)
    static = f"{STATIC_TOKEN}/charts/{name}"
    figure = chart_meta(spec).get("figure")
    figure_attr = f' data-rir-figure="{html.escape(figure, quote=True)}"' if figure else ""
    menus = menu_count(spec)
    stage_style = f' style="--rir-menus: {menus}"' if menus else ""
    return (
        f'<div class="rir-chart" data-rir-chart="{ident}"{figure_attr}>'
        f'<div class="{STAGE_CLASS}"{stage_style}>'
        f'<img src="{static}.svg" alt="" aria-hidden="true" loading="lazy" class="{PREVIEW_CLASS}" '
        f'data-export="{name}">'
        f'<img src="{static}.narrow.svg" alt="" aria-hidden="true" loading="lazy" '
        f'class="{PREVIEW_CLASS} {PREVIEW_CLASS}-narrow" data-export="{name}.narrow">'
        f'<div class="{CHART_CLASS}" id="rir-{ident}" role="img" aria-label="{alt_attr}"></div>'
        f"</div>"
        f'<script type="application/json" class="rir-spec" data-for="rir-{ident}" data-export="{name}">'
        f"{spec_json(spec)}</script>"
        f'<noscript><img src="{static}.svg" alt="{alt_attr}" class="rir-static"></noscript>'
        f'<img src="{static}.svg" alt="{alt_attr}" class="rir-print" loading="lazy">'
        f'<p class="rir-downloads">Download this chart: '
        f'<a href="{static}.svg" download>SVG</a> · '
        f'<a href="{static}.png" download>PNG</a> · '
        f'<a href="{static}.json" download>chart specification, JSON</a></p>'
        f"{views_html(spec, name, STATIC_TOKEN)}"
        f"</div>"
    )


def book_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    """Altair renderer for the book: returns the chart as a ``text/html`` bundle."""
    return {"text/html": chart_html(spec)}


alt.renderers.register(RENDERER_NAME, book_renderer)


def use_book_renderer() -> None:
    """Make every chart displayed afterwards use the book renderer."""
    alt.renderers.enable(RENDERER_NAME)
