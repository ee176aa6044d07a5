"""Local Sphinx extension: accessibility repairs to markup the toolchain writes.

docutils renders a bibliography as ``<div role="list" class="citation-list">``
whose children carry ``role="doc-biblioentry"``, not ``listitem``; axe-core
reports this as a critical ARIA violation. Dropping the ``list`` role leaves
plain, valid containers that screen readers read in order.

Cell outputs holding HTML (tables) scroll sideways on small screens, so they
are made focusable regions that a keyboard can scroll.
"""

from __future__ import annotations

from typing import Any

REPAIRS: tuple[tuple[str, str], ...] = (
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
    # Wide tables scroll inside their output box; a keyboard user must be able
    # to focus the box to scroll it.
    (
        '<div class="output text_html">',
        '<div class="output text_html" tabindex="0" role="region" aria-label="Table">',
    ),
)


def repair(body: str) -> str:
    """Apply every markup repair to a page body.

    Examples
    --------
    >>> repair('<div role="list" class="citation-list"><div>x</div></div>')
    '<div class="citation-list"><div>x</div></div>'
    """
    for before, after in REPAIRS:
        body = body.replace(before, after)
    return body


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
