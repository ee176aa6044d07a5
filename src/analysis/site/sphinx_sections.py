"""Local Sphinx extension: long sections without a chart are laid out when a reader nears them.

On each page, :func:`analysis.site.deferred_sections.mark_deferred` marks the
chapter's long, chartless sections. It runs after the other extensions have
written into the page body (priority 800), so it weighs the body as published.
``_static/rir-sections.css`` lets the browser skip those sections' layout and paint
until they come near the window (``content-visibility: auto``, screens only); every
page links it (a few hundred bytes), so that the pages keep sharing their bundled
stylesheets (:mod:`analysis.site.css_bundle`). The first chart of a page is drawn
sooner; nothing a reader sees changes.
"""

from __future__ import annotations

from typing import Any

from analysis.site.deferred_sections import mark_deferred
from analysis.site.sphinx_tables import on_config_inited as serve_static_folder

CSS_NAME = "rir-sections.css"


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Mark the page's deferrable sections."""
    if "body" in context:
        context["body"] = mark_deferred(context["body"])


def setup(app: Any) -> dict[str, Any]:
    """Register the extension's event handlers and its stylesheet, for every page."""
    app.connect("config-inited", serve_static_folder)
    app.connect("html-page-context", on_page_context, priority=800)
    app.add_css_file(CSS_NAME)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
