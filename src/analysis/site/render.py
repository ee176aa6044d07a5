"""How charts reach the book: an Altair renderer that needs no CDN.

A chart becomes a small HTML block holding its Vega-Lite spec as inert JSON.
The book's one shared script (:mod:`analysis.site.sphinx_vega`) draws every such
block with the Vega libraries served from the site itself, and the same
extension exports each spec to SVG and PNG for print, for readers without
JavaScript and for download.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

import altair as alt

RENDERER_NAME = "rir_book"

#: Replaced by the page's relative path to ``_static`` when Sphinx writes the page.
STATIC_TOKEN = "@RIR_STATIC@"

#: CSS class of the block the shared script draws into.
CHART_CLASS = "rir-vega"


def spec_json(spec: dict[str, Any]) -> str:
    """Serialise a spec as canonical JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so text in the data
    (an event description holding ``</script>``, say) can never close the
    element or be parsed as markup.

    Examples
    --------
    >>> spec_json({"description": "</script><b>x</b>"})
    '{"description":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003ex\\\\u003c/b\\\\u003e"}'
    """
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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


def chart_html(spec: dict[str, Any]) -> str:
    """Return the HTML block for one chart spec."""
    ident = chart_id(spec)
    alt_attr = html.escape(alt_text(spec), quote=True)
    static = f"{STATIC_TOKEN}/charts/{ident}"
    return (
        f'<div class="rir-chart" data-rir-chart="{ident}">'
        f'<div class="{CHART_CLASS}" id="rir-{ident}" role="img" aria-label="{alt_attr}"></div>'
        f'<script type="application/json" class="rir-spec" data-for="rir-{ident}">'
        f"{spec_json(spec)}</script>"
        f'<noscript><img src="{static}.svg" alt="{alt_attr}" class="rir-static"></noscript>'
        f'<img src="{static}.svg" alt="{alt_attr}" class="rir-print" loading="lazy">'
        f'<p class="rir-downloads">Download this chart: '
        f'<a href="{static}.svg" download>SVG</a> · '
        f'<a href="{static}.png" download>PNG</a> · '
        f'<a href="{static}.json" download>Vega-Lite spec</a></p>'
        f"</div>"
    )


def book_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    """Altair renderer for the book: returns the chart as a ``text/html`` bundle."""
    return {"text/html": chart_html(spec)}


alt.renderers.register(RENDERER_NAME, book_renderer)


def use_book_renderer() -> None:
    """Make every chart displayed afterwards use the book renderer."""
    alt.renderers.enable(RENDERER_NAME)
