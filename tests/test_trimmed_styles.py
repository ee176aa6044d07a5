"""The theme's stylesheets, trimmed to the rules the pages can use, draw the pages as the pristine ones do.

The unit tests hold :mod:`analysis.site.css_purge` to its rule on small sheets:
what a page's HTML or a script's strings name stays, the rest goes, and what a
page's state decides (hover, dark mode, an open dialog) never counts against a
rule. The book tests read the built site. The browser tests draw pages twice in
Chromium, once with the site's trimmed stylesheets and once with the pristine
files of the installed theme in their place (each page's one bundled sheet,
:mod:`analysis.site.css_bundle`, is served with the pristine files as its parts),
and require the same pixels: light and dark, at 1280 and 390 px, with the search dialog and the
phone's menu open, and as printed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.site.css_bundle import BUNDLE_DIR, BUNDLE_PREFIX, bundle_parts, bundle_text
from analysis.site.css_purge import (PURGED, inline_imports, may_match, page_vocabulary,
                                     pristine_stylesheets, purge_site_styles, purge_stylesheet, site_pages)
from tests.built_site import SEARCH_DONE_JS, wait_for_charts

# ---------------------------------------------------------------------------
# The rule, on small sheets
# ---------------------------------------------------------------------------

PAGE = ('<html><body><header class="bd-header navbar"><button class="primary-toggle">≡</button></header>'
        '<dialog id="pst-search-dialog"><form class="bd-search"><input></form></dialog>'
        '<main><table class="rir-table"><tr><td>1</td></tr></table></main></body></html>')
SCRIPT = 'el.classList.add("show"); document.body.insertAdjacentHTML("beforeend", `<div class="pst-modal">`);'


@pytest.fixture(scope="module")
def words():
    return page_vocabulary([PAGE], [SCRIPT])


@pytest.mark.parametrize("selector", [
    ".bd-header .primary-toggle", "#pst-search-dialog[open] .bd-search input", "table.rir-table td",
    "html[data-theme=dark] .navbar", ".navbar:hover", "td::before", ":root", "*",
    ".navbar:not(.collapsed)", ".navbar:is(.a, .b)", ".bd-header:has(.missing)",
    ".navbar.show", ".pst-modal", "body > main",
])
def test_a_selector_that_may_match_stays(words, selector: str) -> None:
    """Named in the HTML, or by a script (``show``, ``pst-modal``); states and arguments never count."""
    assert may_match(selector, words)


@pytest.mark.parametrize("selector", [
    ".popover", ".navbar .dropdown-menu", "#sidebar-footer", "aside", "table.rir-table caption",
    "html[data-theme=dark] .card-body", ".navbar.collapsing", "progress:hover",
])
def test_a_selector_nothing_can_match_goes(words, selector: str) -> None:
    assert not may_match(selector, words)


def test_a_sheet_keeps_its_order_its_at_rules_and_the_selectors_that_may_match(words) -> None:
    sheet = ('@charset "UTF-8";\n/* Bootstrap */\n:root{--bs-blue:#0d6efd}'
             '@font-face{font-family:"Font Awesome 6 Free";src:url(../webfonts/fa-solid-900.woff2)}'
             '.navbar,.popover{color:red}\n.card{border:0}'
             '@media (max-width:960px){.card{margin:0}.primary-toggle{display:block}}'
             '@supports (display:grid){.modal{display:grid}}'
             '@media print{.bd-header{display:none!important}}'
             '@keyframes fa-spin{to{transform:rotate(1turn)}}'
             '@keyframes pst-fade{to{opacity:1}}.show{animation:pst-fade .2s}'
             '\n/*# sourceMappingURL=pydata-sphinx-theme.css.map*/')
    trimmed = purge_stylesheet(sheet, words)
    assert trimmed == ('@charset "UTF-8";:root{--bs-blue:#0d6efd}'
                       '@font-face{font-family:"Font Awesome 6 Free";src:url(../webfonts/fa-solid-900.woff2)}'
                       '.navbar{color:red}'
                       '@media (max-width:960px){.primary-toggle{display:block}}'
                       '@media print{.bd-header{display:none!important}}'
                       '@keyframes pst-fade{to{opacity:1}}.show{animation:pst-fade .2s}')
    assert purge_stylesheet(trimmed, words) == trimmed


def test_the_pristine_sheets_are_found_in_the_installed_packages() -> None:
    """myst-nb names its sheet after the file's SHA-256, as it does in the site."""
    import hashlib

    found = pristine_stylesheets()
    assert len(found) == len(PURGED)
    for name, source in found.items():
        assert source.is_file() and source.suffix == ".css"
        if name.startswith("mystnb."):
            assert name == f"mystnb.{hashlib.sha256(source.read_bytes()).hexdigest()}.css"


def test_a_site_is_trimmed_from_the_pristine_sheet_every_time(tmp_path: Path) -> None:
    """A second build starts again from the pristine file, so a page that starts using a rule gets it."""
    site = tmp_path / "html"
    (site / "_static").mkdir(parents=True)
    sheet = site / "_static" / "theme.css"
    source = tmp_path / "pristine.css"
    source.write_text(".card{border:0}.navbar{color:red}/*# sourceMappingURL=theme.css.map*/", encoding="utf-8")
    sheet.write_bytes(source.read_bytes())
    (site / "_static" / "theme.css.map").write_text("{}", encoding="utf-8")
    page = site / "index.html"
    page.write_text('<html><div class="navbar"></div></html>', encoding="utf-8")
    sizes = purge_site_styles(site, {"theme.css": source})
    assert sheet.read_text(encoding="utf-8") == ".navbar{color:red}"
    assert sizes == {"theme.css": (len(source.read_bytes()), len(".navbar{color:red}"))}
    assert not (site / "_static" / "theme.css.map").exists()
    page.write_text('<html><div class="navbar card"></div></html>', encoding="utf-8")
    purge_site_styles(site, {"theme.css": source})
    assert sheet.read_text(encoding="utf-8") == ".card{border:0}.navbar{color:red}"


# ---------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------

_STYLESHEET = re.compile(r'<link[^>]*\bhref="([^"?]+)[^"]*"[^>]*rel="stylesheet"|'
                         r'<link[^>]*rel="stylesheet"[^>]*\bhref="([^"?]+)')


@pytest.mark.browser
@pytest.mark.book
def test_the_built_site_serves_the_trimmed_sheets_its_pages_link(built_book: Path) -> None:
    """Each trimmed sheet is in the site, smaller than the pristine one and without a source map;
    every stylesheet a page links is there."""
    for name, source in pristine_stylesheets().items():
        served = built_book / "_static" / name
        assert served.is_file(), name
        text = served.read_text(encoding="utf-8")
        whole = inline_imports(source.read_text(encoding="utf-8"), posixpath.dirname(name), built_book / "_static")
        assert 0 < len(text.encode("utf-8")) < len(whole.encode("utf-8")), (name, len(text))
        assert "sourceMappingURL" not in text and not served.with_name(served.name + ".map").exists()
        # No stylesheet waits for another: the theme's theme.css was an @import of basic.css.
        assert "@import" not in text, name
    for page in site_pages(built_book):
        for match in _STYLESHEET.finditer(page.read_text(encoding="utf-8")):
            href = match[1] or match[2]
            assert (page.parent / href).resolve().is_file(), (page.relative_to(built_book), href)


# ---------------------------------------------------------------------------
# The pages, drawn with the trimmed and with the pristine sheets
# ---------------------------------------------------------------------------

#: The tallest part of a page compared (px): enough for every page's top and its first charts.
TALLEST = 12_000

def _open_search_dialog(page) -> None:
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog form.bd-search input").wait_for(state="visible")


def _open_phone_menu(page) -> None:
    page.locator(".primary-toggle").filter(visible=True).first.click()
    page.wait_for_function("document.querySelector('#pst-primary-sidebar-modal').open")


def _print(page) -> None:
    page.emulate_media(media="print")


def _search_done(page) -> None:
    page.wait_for_function(SEARCH_DONE_JS, timeout=30_000)


#: (page, width, mode, what is done before the picture, and whether the picture is the whole page).
VIEWS: list[tuple[str, int, str, Callable | None, bool]] = [
    ("book/index.html", 1280, "light", None, True),
    ("book/scorecard.html", 390, "dark", None, True),
    ("book/timeline.html", 1280, "dark", None, True),
    ("book/data.html", 390, "light", None, True),
    ("book/dictionary.html", 1280, "light", None, True),
    ("search.html?q=S-300", 1280, "dark", _search_done, True),
    ("book/enemies.html", 1280, "light", _open_search_dialog, False),
    ("book/alignment.html", 390, "dark", _open_phone_menu, False),
    ("book/scorecard.html", 1280, "light", _print, True),
]


def pristine_bundles(site: Path) -> dict[str, bytes]:
    """Each of the site's bundled sheets (by name under ``_static``) as it would be with the pristine
    theme sheets as its parts (their imports inlined, as the build does); its other parts as served."""
    static = site / "_static"
    sources = pristine_stylesheets()
    bundles: dict[str, bytes] = {}
    for bundle in sorted((static / BUNDLE_DIR).glob(f"{BUNDLE_PREFIX}*.css")):
        parts = []
        for name, text in bundle_parts(bundle.read_text(encoding="utf-8")):
            if name in sources:
                text = inline_imports(sources[name].read_text(encoding="utf-8"), posixpath.dirname(name), static)
            parts.append((name, text))
        bundles[f"{BUNDLE_DIR}/{bundle.name}"] = bundle_text(parts).encode("utf-8")
    return bundles


def _picture(browser, url: str, width: int, mode: str, ready: Callable | None, whole: bool,
             pristine: dict[str, bytes] | None) -> bytes:
    """The page as drawn at ``width`` in ``mode``, with the pristine sheets served in place when given
    (``{name under _static: body}``)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
        for name, body in (pristine or {}).items():
            context.route(f"**/_static/{name}*",
                          lambda route, request, body=body: route.fulfill(body=body, content_type="text/css"))
        page = context.new_page()
        page.goto(url, wait_until="load")
        wait_for_charts(page)
        # Made ready before the page is measured: the search page grows as its results come in.
        if ready is not None:
            ready(page)
        if whole:
            height = page.evaluate("document.documentElement.scrollHeight")
            page.set_viewport_size({"width": width, "height": min(height, TALLEST)})
            page.wait_for_load_state("networkidle")
            wait_for_charts(page)
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        return page.screenshot(animations="disabled", caret="hide")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWS, ids=[f"{v[0].split('/')[-1]}-{v[1]}-{v[2]}"
                                             + (f"-{v[3].__name__.strip('_')}" if v[3] else "") for v in VIEWS])
def test_a_page_draws_the_same_with_the_trimmed_and_the_pristine_sheets(
    browser, built_book: Path, site_url: str, view, tmp_path: Path
) -> None:
    """Pixel for pixel. Chromium now and then draws a page a few pixels differently from one
    load to the next (the anti-aliased corners of a chart's card as the live chart replaces
    its preview): each side is drawn twice, and the closest trimmed and pristine pictures
    may differ in at most :data:`NOISE_PIXELS` pixels; a rule lost or changed by the
    trimming moves far more (a one-pixel border along a button is dozens)."""
    relative, width, mode, ready, whole = view
    pristine = pristine_bundles(built_book)
    assert pristine, "the site holds no bundled stylesheet"
    url = f"{site_url}/{relative}"
    trimmed: list[bytes] = []
    seen: list[bytes] = []
    for _ in range(2):
        trimmed.append(_picture(browser, url, width, mode, ready, whole, None))
        seen.append(_picture(browser, url, width, mode, ready, whole, pristine))
        if set(trimmed) & set(seen):
            return
    differences = sorted(_difference(browser, a, b) for a in trimmed for b in seen)
    count, box = differences[0]
    if count <= NOISE_PIXELS:
        return
    for kind, pictures in (("trimmed", trimmed), ("pristine", seen)):
        for index, picture in enumerate(pictures):
            (tmp_path / f"{kind}-{index}.png").write_bytes(picture)
    pytest.fail(f"{relative} at {width} px ({mode}) is drawn differently with the trimmed sheets: "
                f"{count} pixels differ in the box {box} (x0, y0, x1, y1); pictures in {tmp_path}")


#: Pixels two drawings of one page may differ by, from one load to the next (see the test above).
NOISE_PIXELS = 8

#: JavaScript: how many pixels of two PNG pictures (data URLs) of one size differ, and their box.
_DIFFERENCE_JS = """async ([a, b]) => {
    const load = src => new Promise(done => { const image = new Image(); image.onload = () => done(image); image.src = src; });
    const [first, second] = await Promise.all([load(a), load(b)]);
    if (first.width !== second.width || first.height !== second.height) return [first.width * first.height, null];
    const pixels = image => {
        const canvas = document.createElement('canvas');
        canvas.width = image.width; canvas.height = image.height;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
    };
    const p = pixels(first), q = pixels(second);
    let count = 0, box = null;
    for (let k = 0; k < p.length; k += 4) {
        if (p[k] !== q[k] || p[k + 1] !== q[k + 1] || p[k + 2] !== q[k + 2] || p[k + 3] !== q[k + 3]) {
            count++;
            const x = (k / 4) % first.width, y = Math.floor(k / 4 / first.width);
            box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
        }
    }
    return [count, box];
}"""


def _difference(browser, first: bytes, second: bytes) -> tuple[int, list[int] | None]:
    """How many pixels of two pictures differ, and the box around them (Chromium decodes both)."""
    import base64

    page = browser.new_page()
    try:
        urls = ["data:image/png;base64," + base64.b64encode(picture).decode() for picture in (first, second)]
        count, box = page.evaluate(_DIFFERENCE_JS, urls)
        return int(count), box
    finally:
        page.close()
