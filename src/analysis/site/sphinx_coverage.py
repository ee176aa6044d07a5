"""Local Sphinx extension: every page's footer says when the data package was last updated.

When the configuration is read, the extension reads the package's descriptor
and adds a stamp, :func:`analysis.coverage.updated_label` (``Data package
0.4.0, updated 2 December 2026``), after the footer text ``_config.yml`` gives
the theme (``sphinx.config.html_theme_options.extra_footer``; Jupyter Book's own
``html.extra_footer`` is dropped once ``html_theme_options`` is set). The theme
writes that footer on every page it renders, search and index pages included,
and ``rir-charts.css`` keeps it on paper. The label comes from the descriptor's
``version`` and ``created`` only, never from the clock, so two builds of one
package write the same pages; a change to the descriptor changes the theme
options, which Sphinx treats as a configuration change that rewrites every page.

The stamp is styled quietly by ``.rir-updated`` in ``rir-charts.css``, added to
every page by :mod:`analysis.site.sphinx_vega`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from analysis.coverage import updated_label
from analysis.package import read_descriptor
from analysis.paths import DESCRIPTOR_PATH

#: CSS class of the footer's stamp.
STAMP_CLASS = "rir-updated"


def stamp(descriptor: dict[str, Any]) -> str:
    """Return the footer's stamp as HTML: :func:`~analysis.coverage.updated_label` in a paragraph.

    Examples
    --------
    >>> stamp({"version": "0.4.0", "created": "2026-12-02T00:00:00Z"})
    '<p class="rir-updated">Data package 0.4.0, updated 2 December 2026</p>'
    """
    return f'<p class="{STAMP_CLASS}">{html.escape(updated_label(descriptor))}</p>'


def with_stamp(footer: str | None, descriptor: dict[str, Any]) -> str:
    """Return the configured footer followed by the stamp, replacing an earlier stamp.

    Examples
    --------
    >>> package = {"version": "1.0", "created": "2026-01-05"}
    >>> with_stamp("<p>Code MIT.</p>\\n", package)
    '<p>Code MIT.</p>\\n<p class="rir-updated">Data package 1.0, updated 5 January 2026</p>'
    >>> with_stamp(with_stamp("", package), package) == with_stamp("", package)
    True
    """
    kept = (footer or "").split(f'<p class="{STAMP_CLASS}">')[0]
    return f"{kept}{stamp(descriptor)}"


def on_config_inited(app: Any, config: Any, descriptor_path: Path = DESCRIPTOR_PATH) -> None:
    """Put the stamp into the theme's ``extra_footer``, keeping the configured text."""
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = with_stamp(options.get("extra_footer"), read_descriptor(descriptor_path))
    config.html_theme_options = options


def setup(app: Any) -> dict[str, Any]:
    """Register the extension."""
    app.connect("config-inited", on_config_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
