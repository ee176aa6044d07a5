"""The book's site: the build driver, the Sphinx extensions, JavaScript and CSS.

* :mod:`analysis.site.build` — ``make book`` (``python -m analysis.site.build``);
* :mod:`analysis.site.render` — the Altair renderer the chapters use;
* :mod:`analysis.site.sphinx_vega`, :mod:`analysis.site.sphinx_downloads`,
  :mod:`analysis.site.sphinx_a11y` — the local Sphinx extensions named in
  ``_config.yml``;
* :mod:`analysis.site.serve` — the built site's pages, a loopback server and the
  Chromium the browser tests and ``make bench`` drive;
* ``js/`` and ``static/`` — the embedding snippet and the charts' stylesheet,
  installed as package data.

The site sits at the bottom of the data flow: it may import the loader and the
figures, and nothing but the chapters' setup (:mod:`analysis.book`) and the
figures' static export reach into it.
"""
