"""Local Sphinx extension: the reproduction kit, downloadable from the data page.

When an HTML build succeeds, writes ``_static/downloads/russia-iran-relations-kit.zip``
(:func:`analysis.release.kit.write_kit`): the chapter notebooks, the data
package, the lock file, the wheel of ``analysis``, the published
``numbers.json`` (the same document :mod:`analysis.site.sphinx_numbers` writes
at the site's root) and a Makefile whose ``make check`` reruns every chapter
and compares every number. Byte-identical between builds.

The data page links to it at the start of its section *Reusing the data*.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError

from analysis.package import read_descriptor
from analysis.paths import DESCRIPTOR_PATH
from analysis.release.kit import KIT_NAME, write_kit
from analysis.site.sphinx_numbers import numbers_document

#: The page that links to the kit, and the section the link opens.
DATA_PAGE, SECTION_ID = "book/data", "reusing-the-data"
#: CSS class of the paragraph holding the link.
LINK_CLASS = "rir-kit-download"
_SECTION_HEADING = re.compile(rf'(<section id="{SECTION_ID}"[^>]*>\s*<h2>.*?</h2>)', re.DOTALL)


def kit_paragraph(href: str) -> str:
    """Return the paragraph that offers the kit.

    Examples
    --------
    >>> 'href="../_static/downloads/k.zip" download' in kit_paragraph("../_static/downloads/k.zip")
    True
    """
    return (
        f'<p class="{LINK_CLASS}">To rerun the whole book without this repository, download the '
        f'<a href="{html.escape(href)}" download>reproduction kit ({KIT_NAME})</a>: every chapter as a '
        "Jupyter notebook, the data package, the analysis library as a wheel, the lock file of exact "
        "versions and the numbers the book shows (<code>numbers.json</code>). In the unzipped folder, "
        "<code>make check</code> creates a fresh Python 3.11 environment, reruns every chapter and "
        "compares every number with the book’s; its README says more.</p>"
    )


def with_kit_link(body: str, href: str) -> str:
    """Return the data page's body with :func:`kit_paragraph` after the heading of *Reusing the data*.

    Examples
    --------
    >>> body = '<section id="reusing-the-data">\\n<h2>Reusing the data<a href="#">#</a></h2>\\n<p>x</p>'
    >>> with_kit_link(body, "k.zip").count(LINK_CLASS), with_kit_link("<p>no section</p>", "k.zip")
    (1, '<p>no section</p>')
    """
    return _SECTION_HEADING.sub(lambda match: match.group(1) + kit_paragraph(href), body, count=1)


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Offer the kit on the data page; a data page without the section to offer it in stops the build."""
    if pagename == DATA_PAGE and "body" in context:
        href = f"{context['pathto']('_static', 1)}/downloads/{KIT_NAME}"
        linked = with_kit_link(context["body"], href)
        if linked == context["body"]:
            raise ExtensionError(f"{DATA_PAGE}: no section {SECTION_ID!r} with a heading to offer the kit in")
        context["body"] = linked


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Write the kit into the site (HTML builds that succeeded only)."""
    if exception is not None or app.builder.format != "html":
        return
    numbers = numbers_document(app.env, read_descriptor(DESCRIPTOR_PATH)).encode("utf-8")
    write_kit(Path(app.outdir) / "_static" / "downloads" / KIT_NAME, numbers)


def setup(app: Any) -> dict[str, Any]:
    """Register the event handlers."""
    app.connect("html-page-context", on_page_context)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
