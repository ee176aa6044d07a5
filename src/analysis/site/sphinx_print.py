"""Local Sphinx extension: every page links the print edition and the offline copy.

The two files are made after Sphinx, by the print-edition stage of ``make
book`` (:mod:`analysis.site.print_edition`, :mod:`analysis.site.offline`), in
the site's downloads folder. This extension adds a line to the footer of
every page that links both, with the right relative path from the page; the
line shows on phones too and is left off paper (``rir-print-links.css``).
"""

from __future__ import annotations

import html
from typing import Any

from analysis.site.offline import ZIP_NAME
from analysis.site.print_edition import DOWNLOADS, PDF_NAME
from analysis.site.sphinx_search import on_config_inited as serve_static_folder

#: CSS class of the footer's line.
LINKS_CLASS = "rir-print-links"
CSS_NAME = "rir-print-links.css"


def links_paragraph(downloads: str) -> str:
    """The footer's line, linking the PDF and the zip in the folder ``downloads``.

    Examples
    --------
    >>> line = links_paragraph("../_static/downloads")
    >>> 'href="../_static/downloads/russia-iran-relations.pdf"' in line
    True
    >>> line.count("<a ")
    2
    """
    folder = html.escape(downloads)
    return (
        f'<p class="{LINKS_CLASS}">Read it anywhere: '
        f'<a href="{folder}/{PDF_NAME}" download>the whole report as a PDF</a> · '
        f'<a href="{folder}/{ZIP_NAME}" download>the whole site as a zip</a> '
        "(unzip it and open <code>index.html</code>; it works without a connection).</p>"
    )


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the line before the rest of this page's footer text."""
    downloads = context["pathto"](DOWNLOADS, 1)
    context["theme_extra_footer"] = links_paragraph(downloads) + (context.get("theme_extra_footer") or "")


def setup(app: Any) -> dict[str, Any]:
    """Register the stylesheet (from the extensions' static folder) and the page handler."""
    app.connect("config-inited", serve_static_folder)
    app.add_css_file(CSS_NAME)
    app.connect("html-page-context", on_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
