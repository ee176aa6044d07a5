"""The text of a chart's SVG export, tidied after Vega has drawn it (:mod:`analysis.site.sphinx_vega`).

* :func:`normalise_svg_ids`: ids numbered per export, so two builds write the same bytes;
* :func:`drop_invisible_marks`: no mark that a still image never shows.
"""

from __future__ import annotations

import re


#: Ids that Vega's SVG renderer numbers from process-wide counters (``clip3``,
#: ``gradient_7``; radial gradients add a ``p_`` pattern), so the same chart
#: exported twice can differ. Matched only where an id is defined or referenced.
_SVG_ID_RE = re.compile(
    r'(?P<lead>\bid="|url\(#|href="#)(?P<p>p_)?(?P<kind>clip|gradient_)(?P<num>\d+)(?=[")])'
)


def normalise_svg_ids(svg: str) -> str:
    """Renumber Vega's generated ids in order of first appearance, per kind.

    Every definition (``id="…"``) and reference (``url(#…)``, ``href="#…"``)
    of one id gets the same new number, so the drawing is unchanged and the
    text no longer depends on what the exporting process drew before.

    Examples
    --------
    >>> normalise_svg_ids('<clipPath id="clip7"/><g clip-path="url(#clip7)"/><b id="clip9"/>')
    '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><b id="clip2"/>'
    >>> normalise_svg_ids('<g fill="url(#gradient_4)"/><p id="p_gradient_4"/>')
    '<g fill="url(#gradient_1)"/><p id="p_gradient_1"/>'
    """
    numbers: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}

    def renumber(match: re.Match[str]) -> str:
        kind, num = match["kind"], match["num"]
        if (kind, num) not in numbers:
            counts[kind] = counts.get(kind, 0) + 1
            numbers[(kind, num)] = counts[kind]
        return f"{match['lead']}{match['p'] or ''}{kind}{numbers[(kind, num)]}"

    return _SVG_ID_RE.sub(renumber, svg)


#: A mark drawn fully transparent: the points a live chart shows under the pointer.
_INVISIBLE_MARK = re.compile(r'<(?:path|line|rect|circle|text)\b[^<>]*\sopacity="0"[^<>]*/>')


def drop_invisible_marks(svg: str) -> str:
    """Remove the marks an SVG export draws fully transparent (``opacity="0"``).

    They are the points a live chart highlights under the pointer: a still image never
    shows them, yet they made up to half of an export's bytes, and the browser builds
    a document of every element of a preview before its first paint. A stroke or
    fill opacity of 0 is left alone.

    Examples
    --------
    >>> drop_invisible_marks('<g><path d="M0,0" opacity="0"/><path d="M1,1" fill-opacity="0"/>'
    ...                      '<path d="M2,2" opacity="1"/></g>')
    '<g><path d="M1,1" fill-opacity="0"/><path d="M2,2" opacity="1"/></g>'
    """
    return _INVISIBLE_MARK.sub("", svg)
