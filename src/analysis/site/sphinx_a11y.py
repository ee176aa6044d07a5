"""Local Sphinx extension: accessibility repairs to markup the toolchain writes.

* docutils renders a bibliography as ``<div role="list" class="citation-list">``
  whose children carry the deprecated ``role="doc-biblioentry"`` rather than
  ``listitem``; axe-core reports both. Dropping the two roles leaves plain
  containers that screen readers read in order.
* Cell outputs holding a table scroll sideways on small screens, so each is
  made a focusable region, with a label of its own, that a keyboard can scroll.
  Outputs without a table (charts) are left alone.
"""

from __future__ import annotations

import re
from typing import Any

REPAIRS: tuple[tuple[str, str], ...] = (
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
    (' role="doc-biblioentry"', ""),
)

_OUTPUT_OPEN = '<div class="output text_html">'
_NEXT_OUTPUT = re.compile(r'<div class="(?:output|cell )')


def label_table_outputs(body: str) -> str:
    """Make every HTML output that holds a table a uniquely labelled, focusable region.

    Examples
    --------
    >>> page = ('<div class="output text_html"><table></table></div>'
    ...         '<div class="output text_html"><svg></svg></div>')
    >>> print(label_table_outputs(page))  # doctest: +NORMALIZE_WHITESPACE
    <div class="output text_html" tabindex="0" role="region"
      aria-label="Scrollable table 1"><table></table></div><div class="output text_html"><svg></svg></div>
    """
    parts = body.split(_OUTPUT_OPEN)
    count = 0
    for index in range(1, len(parts)):
        following = _NEXT_OUTPUT.search(parts[index])
        content = parts[index][: following.start()] if following else parts[index]
        if "<table" in content:
            count += 1
            parts[index] = (
                f' tabindex="0" role="region" aria-label="Scrollable table {count}">'
                + parts[index]
            )
        else:
            parts[index] = ">" + parts[index]
    opener = _OUTPUT_OPEN[:-1]  # without the closing ">"
    return parts[0] + "".join(opener + part for part in parts[1:])


def repair(body: str) -> str:
    """Apply every markup repair to a page body.

    Examples
    --------
    >>> repair('<div role="list" class="citation-list"><div role="doc-biblioentry">x</div></div>')
    '<div class="citation-list"><div>x</div></div>'
    """
    for before, after in REPAIRS:
        body = body.replace(before, after)
    return label_table_outputs(body)


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Repair the page body before it is written."""
    if "body" in context:
        context["body"] = repair(context["body"])


def setup(app: Any) -> dict[str, Any]:
    """Register the extension."""
    app.connect("html-page-context", on_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
