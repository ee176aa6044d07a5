"""Local Sphinx extension: event tables a reader can sort, filter and read on a phone.

The book's event tables (:func:`analysis.timeline.event_table`) are plain HTML
tables in date order. On the pages that hold one, this extension adds
``_static/rir-tables.js`` (sort by any column, filter by a word, follow a
chart's menus) and ``_static/rir-tables.css`` (the tools' look, and each event
as a card on narrow screens). Both are our own small files: no library, no
outside request. Without JavaScript the table stays a plain, readable table.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

STATIC_DIR = Path(__file__).parent / "static"
SCRIPT_NAME = "rir-tables.js"
CSS_NAME = "rir-tables.css"

#: Written by :func:`analysis.timeline.event_table` on every event table.
TABLE_MARK = 'class="rir-events '


def holds_event_table(body: str) -> bool:
    """Return whether a page body holds an event table.

    Examples
    --------
    >>> holds_event_table('<table class="rir-events rir-table">'), holds_event_table("<table>")
    (True, False)
    """
    return TABLE_MARK in body


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the script and the styles to the pages that hold an event table."""
    if holds_event_table(context.get("body", "")):
        app.add_css_file(CSS_NAME)  # for this page only (Sphinx reverts per page)
        app.add_js_file(SCRIPT_NAME)


def on_config_inited(app: Any, config: Any) -> None:
    """Serve the static folder (relative to the configuration, as the other extensions do)."""
    static = os.path.relpath(STATIC_DIR, app.confdir).replace(os.sep, "/")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def setup(app: Any) -> dict[str, Any]:
    """Register the extension's event handlers."""
    app.connect("config-inited", on_config_inited)
    app.connect("html-page-context", on_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
