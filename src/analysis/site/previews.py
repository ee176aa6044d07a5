"""Chart previews that hold each chart's box before its live drawing.

Every chart block opens with its static SVG export, wide and narrow
(:func:`analysis.site.render.chart_html`). Once the exports are written, the
build writes on each preview the size its SVG is drawn at
(:func:`size_site_previews`), so the browser lays the box out before the image
has arrived, and the live chart, drawn over it, takes the same box.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from analysis.site.render import PREVIEW_CLASS
from analysis.site.sphinx_vega import write_atomically

#: A chart's static preview on a written page (:func:`analysis.site.render.chart_html`),
#: with the size :func:`size_previews` wrote on it, if any. Groups: the tag's start up to
#: the export name, the name, the old size.
PREVIEW_PATTERN = re.compile(
    rf'(<img [^>]*class="{PREVIEW_CLASS}[^"]*" data-export="([0-9a-z.-]+)")'
    r'((?: width="\d+" height="\d+")?)>'
)

#: The size an SVG export is drawn at (the root element's ``width`` and ``height``).
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="(\d+(?:\.\d+)?)"[^>]*?\sheight="(\d+(?:\.\d+)?)"')

def svg_size(svg: str) -> tuple[int, int]:
    """The width and height (pixels, rounded up) an SVG export is drawn at.

    >>> svg_size('<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="720" height="466.5">')
    (720, 467)
    """
    found = _SVG_SIZE.search(svg)
    if not found:
        raise ValueError("the SVG gives no width and height on its root element")
    return math.ceil(float(found.group(1))), math.ceil(float(found.group(2)))


def size_previews(page: str, charts_dir: Path) -> str:
    """Write on each chart preview of a page the size of its SVG in ``charts_dir``.

    The preview then holds the live chart's box (the chart's height, the text
    column's width) before its image has arrived. A preview whose SVG is not
    there is left as it is.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "arms-flow.svg").write_text('<svg width="720" height="467"></svg>')
    >>> size_previews('<img src="x.svg" alt="" aria-hidden="true" class="rir-preview" '
    ...               'data-export="arms-flow">', folder)
    '<img src="x.svg" alt="" aria-hidden="true" class="rir-preview" data-export="arms-flow" width="720" height="467">'
    """

    def sized(match: re.Match[str]) -> str:
        svg = charts_dir / f"{match.group(2)}.svg"
        if not svg.is_file():
            return match.group(0)
        width, height = svg_size(svg.read_text(encoding="utf-8")[:2000])
        return f'{match.group(1)} width="{width}" height="{height}">'

    return PREVIEW_PATTERN.sub(sized, page)


#: A wide (not narrow) preview, whether it loads lazily or not.
_WIDE_PREVIEW = re.compile(rf'<img [^>]*? class="{PREVIEW_CLASS}" [^>]*>')


def first_preview_at_once(page: str) -> str:
    """Let the first chart's wide preview on a page load at once; the others load as they near the window.

    Each preview is an SVG image, for which the browser builds a document on its main
    thread: the eleven of the alignment page, loaded together, held up its first paint
    by about half a second. The narrow previews stay lazy (they show on phones only).

    >>> page = ('<img src="a.svg" loading="lazy" class="rir-preview" data-export="a">'
    ...         '<img src="a.narrow.svg" loading="lazy" class="rir-preview rir-preview-narrow" data-export="a.narrow">'
    ...         '<img src="b.svg" loading="lazy" class="rir-preview" data-export="b">')
    >>> print(first_preview_at_once(page).replace("><", ">\\n<"))
    <img src="a.svg" class="rir-preview" data-export="a">
    <img src="a.narrow.svg" loading="lazy" class="rir-preview rir-preview-narrow" data-export="a.narrow">
    <img src="b.svg" loading="lazy" class="rir-preview" data-export="b">
    >>> first_preview_at_once(first_preview_at_once(page)) == first_preview_at_once(page)
    True
    """
    first = _WIDE_PREVIEW.search(page)
    if not first:
        return page
    eager = first[0].replace(' loading="lazy"', "")
    return page[: first.start()] + eager + page[first.end():]


def size_site_previews(html_dir: Path) -> int:
    """Size the chart previews of every page of a built site, and let each page's first
    preview load at once (:func:`first_preview_at_once`); returns the pages rewritten."""
    charts_dir = html_dir / "_static" / "charts"
    changed = 0
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if PREVIEW_CLASS not in text:
            continue
        sized = first_preview_at_once(size_previews(text, charts_dir))
        if sized != text:
            write_atomically(page, sized.encode("utf-8"))
            changed += 1
    return changed
