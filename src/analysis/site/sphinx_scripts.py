"""Local Sphinx extension: pages whose text shows before any script has run.

* Every script Sphinx and its extensions list for a page is loaded ``defer``:
  deferred scripts still run in the order they are listed, once the page is
  parsed, so none holds up the text. ``documentation_options.js`` (400 bytes),
  whose object the theme's inline scripts fill as soon as they are parsed, is
  written into each page instead (:func:`inline_options`): as a file, it and
  ``doctools.js`` held the parser until both had arrived, behind the
  stylesheets, about 100 ms on the bench. ``doctools.js`` is deferred like the
  rest, ahead of the deferred scripts that call its ``_ready``; on the search
  page only it stays as it is, for the search scripts run as they are parsed.
* The theme's Font Awesome script (1.5 MB of JavaScript that swaps each icon for
  an inline SVG) is taken out of every page: the theme's stylesheet draws the
  same icons from the icon font it serves (``fa-solid-900.woff2``), so the
  search button, menu toggles, theme switch and download menu keep them.
* The theme's ``bootstrap.js`` (81 KB) is replaced by our ``rir-theme.js``
  (about 4 KB), which does the three things the book's pages used it for: the
  header's download menu, the hints of buttons whose hint the theme writes as
  ``data-bs-title`` only, and the "back to top" button. Other hints are
  ``title`` attributes, which the browser shows on hover.
* The extensions Jupyter Book brings add their scripts and stylesheets to every
  page; a page that has nothing for them to work on is left without them
  (:data:`FEATURE_ASSETS`): the copy buttons' and the code colours' (Pygments,
  13 KB of render-blocking CSS) where no code block is shown, the
  toggle buttons' where nothing folds, sphinx-design's where none of its
  components is used.
* The theme loads Sphinx's search scripts and the whole search index (over
  100 KB) on every page for a search-as-you-type box the book does not turn on;
  they are left on the search page only, where the search runs. Its highlighting
  of the searched words is loaded, on the other pages, only when a page is opened
  from a search result (``?highlight=`` in its address).

Registered from ``_config.yml``; :func:`on_build_finished` rewrites the written
pages (the theme writes the last two kinds of tag from its own template).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from analysis.site.sphinx_vega import write_atomically

#: Scripts that must run as soon as they are parsed (inline scripts read what they define):
#: :func:`inline_options` writes the first into each page.
KEEP_BLOCKING = ("documentation_options.js",)

#: And on the search page, whose search scripts run as they are parsed and call it.
SEARCH_PAGE_BLOCKING = ("doctools.js",)

#: Sphinx's name for its search page.
SEARCH_PAGENAME = "search"

#: Assets an extension adds to every page, and what a page must hold for them to have
#: work: a test on the set of class names used in the page's body.
FEATURE_ASSETS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("clipboard.min.js", "copybutton.js", "copybutton.css", "pygments.css"), "code block"),
    (("togglebutton.js", "togglebutton.css"), "toggle"),
    (("design-tabs.js", "sphinx-design.min.css"), "sphinx-design component"),
)

_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')


def body_features(body: str) -> set[str]:
    """What a page body holds that an extension's assets work on (names as in :data:`FEATURE_ASSETS`).

    >>> sorted(body_features('<div class="highlight-python notranslate"><div class="highlight">'))
    ['code block']
    >>> sorted(body_features('<div class="admonition dropdown"></div><div class="sd-tab-set">'))
    ['sphinx-design component', 'toggle']
    >>> body_features('<button class="sidebar-toggle">')
    set()
    """
    tokens = {token for value in _CLASS_ATTRIBUTE.findall(body) for token in value.split()}
    found = set()
    if "highlight" in tokens:
        found.add("code block")
    if tokens & {"toggle", "toggle-details"} or {"admonition", "dropdown"} <= tokens:
        found.add("toggle")
    if any(token.startswith("sd-") for token in tokens):
        found.add("sphinx-design component")
    return found


def unused_asset(filename: str, features: set[str]) -> bool:
    """Whether an extension's asset has nothing to work on in a page holding ``features``.

    >>> unused_asset("_static/copybutton.js", set()), unused_asset("_static/copybutton.js", {"code block"})
    (True, False)
    >>> unused_asset("_static/rir-vega.js", set())
    False
    """
    name = filename.split("?")[0].rsplit("/", 1)[-1]
    return any(name in assets and feature not in features for assets, feature in FEATURE_ASSETS)


#: The theme's icon script (and a preload hint for it), as written in a page's head.
_ICON_SCRIPT = re.compile(
    r'[ \t]*<script[^>]*\bsrc="[^"]*/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>\n?'
    r'|[ \t]*<link[^>]*\bhref="[^"]*/scripts/fontawesome\.js[^"]*"[^>]*>\n?'
)

#: The theme's bootstrap.js: its preload hint and its script tag (whose folder prefix is kept).
_BOOTSTRAP_PRELOAD = re.compile(r'[ \t]*<link[^>]*\bhref="[^"]*/scripts/bootstrap\.js[^"]*"[^>]*>\n?')
_BOOTSTRAP_SCRIPT = re.compile(
    r'<script[^>]*\bsrc="(?P<static>[^"]*/)scripts/bootstrap\.js[^"]*"[^>]*>\s*</script>'
)

#: Our replacement for it, served from the extensions' static folder.
THEME_SCRIPT = "rir-theme.js"

#: The theme's search scripts, written into every page but the search page.
_SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)">'
    r"\s*</script>\n?"
)

#: A written page that runs the search (Sphinx's search page has its results list).
_SEARCH_PAGE = re.compile(r'<div id="search-results"|id="search-results"')


#: Sphinx's search-term highlighting, as written into every page.
_HIGHLIGHT_SCRIPT = re.compile(
    r'<script[^>]*\bsrc="(?P<src>[^"]*_static/sphinx_highlight\.js[^"]*)"[^>]*>\s*</script>'
)


def highlight_loader(src: str) -> str:
    """Return an inline script that loads Sphinx's highlighting (``src``) only for a page
    opened from a search result, whose address asks for it (``?highlight=``).

    It is added once the page is parsed, when the deferred ``doctools.js``, whose
    ``_ready`` it calls, has run.

    >>> print(highlight_loader("../_static/sphinx_highlight.js?v=1"))  # doctest: +NORMALIZE_WHITESPACE
    <script>if (/[?&]highlight=/.test(location.search)) addEventListener("DOMContentLoaded", () =>
    { const s = document.createElement("script");
    s.src = "../_static/sphinx_highlight.js?v=1"; document.head.appendChild(s); });</script>
    """
    return ('<script>if (/[?&]highlight=/.test(location.search)) addEventListener("DOMContentLoaded", () => '
            '{ const s = document.createElement("script"); '
            f's.src = "{src}"; document.head.appendChild(s); }});</script>')


#: Sphinx's options script, as written into every page's head.
_OPTIONS_SCRIPT = re.compile(r'<script src="[^"]*_static/documentation_options\.js[^"]*"></script>')


def inline_options(page: str, options: str) -> str:
    """Return a written page with Sphinx's options script (its text ``options``) written into it.

    >>> inline_options('<script src="../_static/documentation_options.js?v=1"></script>', "const O = {};")
    '<script>const O = {};</script>'
    """
    if "</script" in options.lower():
        raise ValueError("documentation_options.js holds '</script': it cannot be written into a page")
    return _OPTIONS_SCRIPT.sub(lambda _: f"<script>{options.strip()}</script>", page)


def slim_head(page: str) -> str:
    """Return a written page without the theme's icon script and, off the search page, its search scripts.

    The theme's ``bootstrap.js`` gives way to :data:`THEME_SCRIPT`.

    >>> head = ('<head>\\n<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\\n'
    ...         '<script src="../_static/searchtools.js"></script>\\n<script src="../searchindex.js"></script>\\n'
    ...         '</head>')
    >>> slim_head(head)
    '<head>\\n</head>'
    >>> "searchindex.js" in slim_head(head + '<div id="search-results"></div>')
    True
    >>> slim_head('<link rel="preload" as="script" href="_static/scripts/bootstrap.js?digest=1" />\\n'
    ...           '<script defer src="_static/scripts/bootstrap.js?digest=1"></script>')
    '<script defer src="_static/rir-theme.js"></script>'

    Off the search page, Sphinx's search-term highlighting (5 KB) is loaded only when the
    page's address asks for it (:func:`highlight_loader`).
    """
    page = _ICON_SCRIPT.sub("", page)
    page = _BOOTSTRAP_PRELOAD.sub("", page)
    page = _BOOTSTRAP_SCRIPT.sub(lambda m: f'<script defer src="{m["static"]}{THEME_SCRIPT}"></script>', page)
    if not _SEARCH_PAGE.search(page):
        page = _SEARCH_SCRIPTS.sub("", page)
        page = _HIGHLIGHT_SCRIPT.sub(lambda m: highlight_loader(m["src"]), page)
    return page


def should_defer(filename: str, attributes: dict[str, Any], search_page: bool = False) -> bool:
    """Whether a listed script is to be loaded ``defer``.

    Not inline scripts (``body``), not those of :data:`KEEP_BLOCKING` (and, on
    the search page, of :data:`SEARCH_PAGE_BLOCKING`), not those already
    ``defer`` or ``async``.

    >>> should_defer("_static/copybutton.js", {}), should_defer("_static/doctools.js", {})
    (True, True)
    >>> should_defer("_static/doctools.js", {}, search_page=True)
    False
    >>> should_defer("_static/documentation_options.js", {}), should_defer("", {"body": "x"})
    (False, False)
    >>> should_defer("_static/rir-vega.js", {"defer": "defer"})
    False
    """
    if not filename or attributes.get("body"):
        return False
    kept = KEEP_BLOCKING + (SEARCH_PAGE_BLOCKING if search_page else ())
    if any(filename.endswith(name) or f"/{name}" in filename for name in kept):
        return False
    return "defer" not in attributes and "async" not in attributes


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the page's listed scripts ``defer`` (keeping their order); leave out unused assets."""
    from sphinx.builders.html._assets import _JavaScript

    features = body_features(context.get("body", ""))
    for key in ("script_files", "css_files"):
        if key in context:
            # In place: the list is the builder's own, restored before every page.
            context[key][:] = [
                asset for asset in context[key]
                if not unused_asset(str(getattr(asset, "filename", asset) or ""), features)
            ]
    scripts = context.get("script_files")
    if not scripts:
        return
    for index, asset in enumerate(scripts):
        filename = str(getattr(asset, "filename", "") or "")
        attributes = getattr(asset, "attributes", None)
        if attributes is not None and should_defer(filename, attributes, pagename == SEARCH_PAGENAME):
            scripts[index] = _JavaScript(filename, priority=asset.priority, **{**attributes, "defer": "defer"})


def slim_site(html_dir: Path) -> int:
    """Apply :func:`slim_head` and :func:`inline_options` to every page of a built site;
    returns the pages rewritten."""
    options_file = html_dir / "_static" / "documentation_options.js"
    options = options_file.read_text(encoding="utf-8") if options_file.is_file() else None
    changed = 0
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        slim = slim_head(text)
        if options is not None:
            slim = inline_options(slim, options)
        if slim != text:
            write_atomically(page, slim.encode("utf-8"))
            changed += 1
    return changed


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Take the icon script, bootstrap.js, and the search scripts off the search page, out of every written page."""
    if exception is not None or app.builder.format != "html":
        return
    slim_site(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    """Register the extension's event handlers."""
    from analysis.site.sphinx_tables import on_config_inited  # serves the static folder

    app.connect("config-inited", on_config_inited)
    app.connect("html-page-context", on_page_context, priority=950)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
