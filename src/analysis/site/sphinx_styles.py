"""Local Sphinx extension: the theme's stylesheets, trimmed to the rules the book's pages can use.

When an HTML build has written its pages, :func:`analysis.site.css_purge.purge_site_styles`
rewrites the theme's, sphinx-book-theme's and myst-nb's stylesheets from their
pristine copies with only the rules that may match an element of the site. It runs
after the other extensions' ``build-finished`` handlers (priority 900): after myst-nb
copies its stylesheet, and after :mod:`analysis.site.sphinx_scripts` takes the
scripts the book does not load out of the pages, so their words do not count.
Then :func:`analysis.site.css_bundle.bundle_site_styles` gives each page one
stylesheet in place of its nine, in the same order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util import logging

from analysis.site.css_bundle import bundle_site_styles
from analysis.site.css_purge import purge_site_styles

logger = logging.getLogger(__name__)


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Trim the theme's stylesheets in the written site, then bundle each page's (HTML builds
    that succeeded only)."""
    if exception is not None or app.builder.format != "html":
        return
    for name, (before, after) in purge_site_styles(Path(app.outdir)).items():
        logger.info(f"trimmed {name}: {before / 1000:.0f} -> {after / 1000:.0f} KB")
    for name, size in bundle_site_styles(Path(app.outdir)).items():
        logger.info(f"bundled {name}: {size / 1000:.0f} KB")


def setup(app: Any) -> dict[str, Any]:
    """Register the handler, after every other extension's."""
    app.connect("build-finished", on_build_finished, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
