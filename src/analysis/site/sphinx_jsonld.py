"""Local Sphinx extension: structured data for machines, and the scorecard's filters for readers.

* **The data page's ``Dataset``.** On the data page (:data:`DATA_PAGE`) the
  extension adds the package as schema.org JSON-LD
  (:func:`analysis.jsonld.dataset`) to the page's ``metatags``, which the
  theme writes into ``<head>``. The package comes from the one loader
  (:func:`analysis.package.load_package`), which in the book build reads the
  tables the build validated once without validating them again.
* **The tables the ``Dataset`` offers.** The ``Dataset`` lists, beside the
  package's zip, each table's CSV as a download; when the build finishes the
  extension copies every file the descriptor's resources declare to
  ``_static/downloads/<its path in the package>`` (``data/claims.csv``...), the
  same bytes as in the zip, each written through a temporary file.
* **The scorecard's filters.** On a page holding the scorecard's cards with
  their filters (:func:`analysis.claims.scorecard_block`), it adds
  ``_static/rir-scorecard.js``, which shows the filters and hides the cards
  they leave out, and ``_static/rir-scorecard.css``. Without JavaScript the
  filters stay hidden and every card shows.

The scorecard's own JSON-LD (one ``ClaimReview`` per card) is written by the
chapter beside its cards (:mod:`analysis.chapters.scorecard`), not here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from analysis.jsonld import DOWNLOADS, dataset, script_tag
from analysis.package import load_package
from analysis.paths import DATAPACKAGE_DIR
from analysis.site.sphinx_downloads import ZIP_NAME, declared_paths
from analysis.site.sphinx_vega import write_atomically

STATIC_DIR = Path(__file__).parent / "static"
SCRIPT_NAME = "rir-scorecard.js"
CSS_NAME = "rir-scorecard.css"

#: The page (as Sphinx names it) that describes the data package.
DATA_PAGE = "book/data"

#: Written by :func:`analysis.claims.scorecard_block` around the scorecard's filters and cards.
SCORECARD_MARK = 'class="rir-scorecard-block"'


def holds_scorecard(body: str) -> bool:
    """Return whether a page body holds the filterable scorecard.

    Examples
    --------
    >>> holds_scorecard('<div class="rir-scorecard-block"><form'), holds_scorecard("<ol>")
    (True, False)
    """
    return SCORECARD_MARK in body


def with_jsonld(metatags: str | None, data: dict[str, Any]) -> str:
    """Return a page's meta tags followed by the JSON-LD ``data`` in its script element.

    Examples
    --------
    >>> with_jsonld('<meta name="x">\\n', {"@type": "Dataset"})
    '<meta name="x">\\n<script type="application/ld+json">{"@type":"Dataset"}</script>\\n'
    """
    return f"{metatags or ''}{script_tag(data)}\n"


def publish_tables(outdir: Path, package_dir: Path = DATAPACKAGE_DIR) -> list[Path]:
    """Copy every file the package's resources declare into ``outdir``'s downloads; return them.

    A CSV left in those folders by an earlier build that no resource declares
    any more is removed, so the site offers only the package's tables.

    Examples
    --------
    >>> import tempfile
    >>> written = publish_tables(Path(tempfile.mkdtemp()))
    >>> written[0].relative_to(written[0].parents[2]).as_posix().startswith("downloads/data/")
    True
    """
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    written = []
    for declared in declared_paths(descriptor):
        target = outdir / DOWNLOADS / declared
        write_atomically(target, (package_dir / declared).read_bytes())
        written.append(target)
    for folder in {path.parent for path in written}:
        for stale in folder.glob("*.csv"):
            if stale not in written:
                stale.unlink()
    return written


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the ``Dataset`` to the data page's head, and the filters' script to the scorecard."""
    if pagename == DATA_PAGE:
        context["metatags"] = with_jsonld(context.get("metatags"), dataset(load_package(), pagename, ZIP_NAME))
    if holds_scorecard(context.get("body", "")):
        app.add_css_file(CSS_NAME)  # for this page only (Sphinx reverts per page)
        app.add_js_file(SCRIPT_NAME)


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Publish the package's tables beside its zip once the HTML is written."""
    if exception is None and app.builder.format == "html":
        publish_tables(Path(app.outdir))


def on_config_inited(app: Any, config: Any) -> None:
    """Serve the static folder (relative to the configuration, as the other extensions do)."""
    static = os.path.relpath(STATIC_DIR, app.confdir).replace(os.sep, "/")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def setup(app: Any) -> dict[str, Any]:
    """Register the extension's event handlers."""
    app.connect("config-inited", on_config_inited)
    app.connect("html-page-context", on_page_context)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
