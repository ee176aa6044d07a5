"""Local Sphinx extension: long sections without a chart are laid out when a reader nears them.

On each page, :func:`analysis.site.deferred_sections.mark_deferred` marks the
chapter's long, chartless sections, and the page gets ``_static/rir-sections.css``,
which lets the browser skip their layout and paint until they come near the
window (``content-visibility: auto``, screens only). The first chart of a page is
drawn sooner; nothing a reader sees changes.
"""

from __future__ import annotations

from typing import Any

from analysis.site.deferred_sections import mark_deferred
from analysis.site.sphinx_tables import on_config_inited as serve_static_folder

CSS_NAME = "rir-sections.css"


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Mark the page's deferrable sections and, where there are some, add the styles."""
    body = context.get("body", "")
    marked = mark_deferred(body)
    if marked != body:
        context["body"] = marked
        app.add_css_file(CSS_NAME)  # for this page only (Sphinx reverts per page)


def setup(app: Any) -> dict[str, Any]:
    """Register the extension's event handlers."""
    app.connect("config-inited", serve_static_folder)
    app.connect("html-page-context", on_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
