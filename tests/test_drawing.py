"""Pages that show their charts at once (issue 16, part 3), as the reader's browser meets them.

Each chart's static SVG (its preview) holds the chart's box from the first
paint; the live chart is drawn over it and takes its place in the same box, so
nothing below moves. Charts in or near the window are drawn first. No script in
a page's head holds up its text; the theme's icon script, its bootstrap.js
and, off the search page, its search scripts are gone, and its icons, menus,
hints and "back to top" button still work. Budgets (times and
bytes) are printed by ``scripts/bench_drawing.py``, not tested here.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from analysis.site.css_bundle import page_stylesheets
from analysis.site.render import PREVIEW_CLASS, STAGE_CLASS
from analysis.site.serve import site_pages
from analysis.site.sphinx_scripts import FEATURE_ASSETS, KEEP_BLOCKING, SEARCH_PAGE_BLOCKING, body_features
from analysis.site.previews import svg_size
from tests.built_site import CHARTS, DESKTOP, chart_pages, open_page, wait_for_charts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.S)
_SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")

#: Page script: every chart stage's height (and whether its preview shows) when the page
#: is first parsed, before any deferred script has run; and the order charts are drawn in.
_RECORD = f"""
window.__rirOrder = [];
new MutationObserver(records => {{
  for (const r of records) {{
    if (r.target.dataset && r.target.dataset.rirDrawn === 'yes' && !window.__rirOrder.includes(r.target.id)) {{
      window.__rirOrder.push(r.target.id);
    }}
  }}
}}).observe(document, {{subtree: true, attributes: true, attributeFilter: ['data-rir-drawn']}});
document.addEventListener('readystatechange', () => {{
  if (document.readyState !== 'interactive' || window.__rirStart) return;
  window.__rirStart = [...document.querySelectorAll('div.{STAGE_CLASS}')].map(stage => {{
    const preview = [...stage.querySelectorAll('img.{PREVIEW_CLASS}')].some(i => i.getBoundingClientRect().height > 0);
    return {{id: stage.querySelector('{CHARTS}').id, height: stage.getBoundingClientRect().height,
             preview: preview,
             drawn: stage.querySelector('{CHARTS}').dataset.rirDrawn || ''}};
  }});
}});
"""

#: Page script: each chart stage's height and what it shows, now.
_STAGES_NOW = f"""() => [...document.querySelectorAll('div.{STAGE_CLASS}')].map(stage => {{
  const preview = [...stage.querySelectorAll('img.{PREVIEW_CLASS}')].some(i => i.getBoundingClientRect().height > 0);
  const chart = stage.querySelector('{CHARTS}');
  return {{id: chart.id, height: stage.getBoundingClientRect().height,
           preview: preview,
           svg: !!chart.querySelector('svg'), drawn: chart.dataset.rirDrawn || ''}};
}})"""


@pytest.mark.browser
@pytest.mark.book
def test_no_script_in_a_head_holds_up_the_text(built_book: Path) -> None:
    """Every script a page loads from its head is deferred or async, but the search page's own;
    Sphinx's options are written into each page, not loaded."""
    problems = []
    for relative in site_pages(built_book):
        head = _HEAD.search((built_book / relative).read_text(encoding="utf-8"))
        if not head:  # the redirect stub at the root
            continue
        if "const DOCUMENTATION_OPTIONS = {" not in head[1]:
            problems.append(f"{relative}: Sphinx's options are not written into the page")
        for attributes in _SCRIPT.findall(head[1]):
            source = re.search(r'\bsrc="([^"]+)"', attributes)
            if not source or re.search(r"\b(defer|async)\b", attributes):
                continue
            name = source[1].split("?")[0].rsplit("/", 1)[-1]
            if relative == "search.html" and name in (*_SEARCH_SCRIPTS, *SEARCH_PAGE_BLOCKING):
                continue
            problems.append(f"{relative}: {source[1]}" + (" (written into the page, yet loaded)"
                                                          if name in KEEP_BLOCKING else ""))
    assert not problems, "scripts that hold up the text:\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.book
def test_no_page_loads_the_icon_script_and_only_the_search_page_the_index(built_book: Path) -> None:
    """The theme's 1.5 MB icon script and its bootstrap.js are on no page (our small rir-theme.js
    stands in for the second wherever there is a header); the search index is on the search page only."""
    for relative in site_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        assert "fontawesome.js" not in html and "bootstrap.js" not in html, relative
        if "bd-header" in html:
            assert re.search(r'<script defer src="[^"]*_static/rir-theme\.js">', html), relative
        scripts = " ".join(_SCRIPT.findall(html))
        assert ("searchindex.js" in scripts) == (relative == "search.html"), relative


@pytest.mark.browser
def test_searched_words_are_highlighted_only_on_pages_opened_from_a_result(browser: Browser, site_url: str) -> None:
    """A search result opens its page with ``?highlight=``: the page loads Sphinx's highlighting and
    marks the words; opened otherwise, the page does not load it."""
    page, visit = open_page(browser, f"{site_url}/book/thaw.html", DESKTOP)
    try:
        loaded: list[str] = []
        page.on("request", lambda request: loaded.append(request.url))
        page.reload(wait_until="load")
        assert not [url for url in loaded if "sphinx_highlight.js" in url]
        assert page.locator("span.highlighted").count() == 0
        page.goto(f"{site_url}/book/thaw.html?highlight=s-300", wait_until="load")
        marked = page.locator("article span.highlighted")
        marked.first.wait_for(state="attached", timeout=5_000)
        assert {text.lower() for text in marked.all_inner_texts()} == {"s-300"}
        assert [url for url in loaded if "sphinx_highlight.js" in url]
        assert not visit.page_errors
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.book
def test_extension_assets_only_where_a_page_uses_them(built_book: Path) -> None:
    """Copy-button, toggle and sphinx-design files load on the pages that hold their work, and only there."""
    seen = set()
    for relative in site_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        article = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
        if not article:  # the redirect stub at the root
            continue
        features = body_features(article[1])
        seen |= features
        # A page's stylesheets are served in one bundle: its parts count as loaded.
        sheets = page_stylesheets(html, posixpath.dirname(str(relative)), built_book / "_static")
        loaded = html + "".join(f" _static/{sheet}" for sheet in sheets)
        for assets, feature in FEATURE_ASSETS:
            for asset in assets:
                assert (f"_static/{asset}" in loaded) == (feature in features), (relative, asset, sorted(features))
    assert "code block" in seen, "no page shows a code block: the test checks nothing"


@pytest.mark.browser
@pytest.mark.book
def test_every_chart_opens_with_its_wide_and_narrow_svgs_at_their_drawn_sizes(built_book: Path) -> None:
    """Each chart block holds its SVG export and its phone layout's, each sized as that SVG is drawn."""
    checked = 0
    for relative in chart_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        stages = re.findall(rf'<div class="{STAGE_CLASS}"[^>]*>(.*?)<div class="{CHARTS[4:]}"', html, re.S)
        assert stages and len(stages) == html.count(f'class="{CHARTS[4:]}"'), relative
        for stage in stages:
            tags = re.findall(r"<img [^>]*>", stage)
            sources = [re.search(r'src="([^"]+)"', tag)[1] for tag in tags]
            assert len(tags) == 2 and sources[1] == sources[0].removesuffix(".svg") + ".narrow.svg", (relative, sources)
            assert f'class="{PREVIEW_CLASS}"' in tags[0] and f"{PREVIEW_CLASS}-narrow" in tags[1], tags
            for tag, source in zip(tags, sources):
                svg = ((built_book / relative).parent / source).read_text(encoding="utf-8")
                width, height = svg_size(svg)
                assert f'width="{width}" height="{height}"' in tag, (relative, tag)
                assert 'alt=""' in tag and 'aria-hidden="true"' in tag, tag
            checked += 1
    assert checked >= len(chart_pages(built_book))


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP["width"], 390])
def test_theme_icons_still_show(browser: Browser, site_url: str, width: int) -> None:
    """The search button's and the menu toggle's icons are drawn from the theme's icon font."""
    page, visit = open_page(browser, f"{site_url}/book/index.html", {"width": width, "height": 900})
    try:
        page.evaluate("document.fonts.ready")
        icons = page.evaluate(
            """() => [...document.querySelectorAll('.fa-magnifying-glass, .fa-bars')]
                .filter(i => i.offsetParent !== null)
                .map(i => {
                    const before = getComputedStyle(i, '::before');
                    const box = i.getBoundingClientRect();
                    return {cls: i.className, w: box.width, h: box.height, glyph: before.content,
                            family: before.fontFamily};
                })"""
        )
        assert icons, "no search or menu icon shows"
        for icon in icons:
            assert icon["w"] > 0 and icon["h"] > 0, icon
            assert icon["glyph"] not in ("none", "normal", '""'), icon
            assert "Font Awesome" in icon["family"], icon
        loaded = page.evaluate(
            "[...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded')"
        )
        assert loaded, "the theme's icon font did not load"
        assert not visit.page_errors
    finally:
        page.context.close()


#: Page script: the search form's magnifier and where the query typed in its field starts.
_SEARCH_FIELD = """(form) => {
    const icon = form.querySelector('.fa-magnifying-glass').getBoundingClientRect();
    const input = form.querySelector('input');
    const box = input.getBoundingClientRect();
    const style = getComputedStyle(input);
    const textStart = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    return {iconLeft: icon.left, iconRight: icon.right, iconWidth: icon.width, formLeft: form.getBoundingClientRect().left,
            textStart: textStart, value: input.value};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP["width"], 390])
def test_the_search_magnifier_never_covers_the_query(browser: Browser, site_url: str, width: int) -> None:
    """On the search page and in the Ctrl+K dialog, the typed query starts right of the magnifier."""
    page, visit = open_page(browser, f"{site_url}/search.html?q=S-300", {"width": width, "height": 900})
    try:
        page.evaluate("document.fonts.ready")
        form = page.locator(".bd-search-container form.bd-search")
        field = form.evaluate(_SEARCH_FIELD)
        assert field["value"] == "S-300", field
        page.goto(f"{site_url}/book/arms.html")
        page.keyboard.press("Control+k")
        dialog_form = page.locator("#pst-search-dialog form.bd-search")
        dialog_form.locator("input").wait_for(state="visible")
        dialog_form.locator("input").fill("Bushehr")
        in_dialog = dialog_form.evaluate(_SEARCH_FIELD)
        for where, box in (("search page", field), ("dialog", in_dialog)):
            assert box["iconWidth"] > 0, (where, box)
            assert box["iconLeft"] >= box["formLeft"], (where, box)
            assert box["iconRight"] <= box["textStart"], (where, box)
        assert not visit.page_errors
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_live_charts_take_their_previews_place_without_moving_the_text(
    browser: Browser, site_url: str, built_book: Path, viewport: ViewportSize
) -> None:
    """On every chart page, each chart's box is as high drawn as it was on arrival (wide and narrow layouts)."""
    problems = []
    for relative in chart_pages(built_book):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.add_init_script(_RECORD)
        page.goto(f"{site_url}/{relative}", wait_until="load")
        wait_for_charts(page)
        start = {stage["id"]: stage for stage in page.evaluate("window.__rirStart")}
        end = page.evaluate(_STAGES_NOW)
        context.close()
        for stage in end:
            before = start[stage["id"]]
            if not before["preview"] or before["drawn"]:
                problems.append(f"{relative} {stage['id']}: no static preview on arrival ({before})")
            if stage["preview"] or not stage["svg"] or stage["drawn"] != "yes":
                problems.append(f"{relative} {stage['id']}: the live chart did not replace its preview ({stage})")
            if abs(before["height"] - stage["height"]) > 1.5:
                problems.append(f"{relative} {stage['id']}: {before['height']:.1f} px on arrival, "
                                f"{stage['height']:.1f} px drawn")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP["width"], 390])
def test_the_download_menu_opens_and_closes_as_the_reader_expects(browser: Browser, site_url: str, width: int) -> None:
    """A click opens the header's download menu on screen; Escape, or a click elsewhere, closes it."""
    page, visit = open_page(browser, f"{site_url}/book/arms.html", {"width": width, "height": 900})
    try:
        toggle = page.locator(".dropdown-download-buttons > button").first
        menu = page.locator(".dropdown-download-buttons .dropdown-menu").first
        assert not menu.is_visible()
        toggle.click()
        menu.wait_for(state="visible", timeout=5_000)
        assert toggle.get_attribute("aria-expanded") == "true"
        items = menu.locator(".dropdown-item")
        texts = [text.strip() for text in items.all_inner_texts()]
        assert texts and all(texts), texts
        box, button = menu.bounding_box(), toggle.bounding_box()
        assert box and button and box["y"] >= button["y"] + button["height"] - 1, (box, button)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (box, width)
        page.mouse.move(width // 2, 600)  # the theme also shows the menu while the pointer is on its button
        page.keyboard.press("Escape")
        menu.wait_for(state="hidden", timeout=5_000)
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.press("ArrowDown")
        menu.wait_for(state="visible", timeout=5_000)
        assert page.evaluate("document.activeElement.classList.contains('dropdown-item')")
        page.mouse.click(width // 2, 600)
        menu.wait_for(state="hidden", timeout=5_000)
        assert not visit.page_errors, visit.page_errors
    finally:
        page.context.close()


@pytest.mark.browser
def test_header_hints_and_back_to_top_work_without_bootstrap(browser: Browser, site_url: str) -> None:
    """Every hinted header button has a title to show on hover; scrolling back up shows "back to top", which works.

    At a phone's width: from 1200 px the theme never shows "back to top".
    """
    page, visit = open_page(browser, f"{site_url}/book/timeline.html", {"width": 390, "height": 844})
    try:
        page.wait_for_function("document.readyState === 'complete'")
        untitled = page.evaluate(
            """() => [...document.querySelectorAll('[data-bs-toggle="tooltip"]')]
                .filter(e => !(e.getAttribute('title') || '').trim()).map(e => e.outerHTML.slice(0, 80))"""
        )
        assert not untitled, untitled
        assert page.get_attribute(".theme-switch-button", "title") == "Color mode"
        back = page.locator("#pst-back-to-top")
        page.mouse.move(195, 500)  # over the text
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        assert not back.is_visible()
        page.mouse.wheel(0, -600)
        back.wait_for(state="visible", timeout=5_000)
        back.click()
        page.wait_for_function("window.scrollY === 0", timeout=5_000)
        assert not visit.page_errors, visit.page_errors
    finally:
        page.context.close()


def _most_charted_page(built_book: Path) -> tuple[str, list[str]]:
    """The chart page with the most chart figures, and those figures' ids in order."""
    pages = {}
    for relative in chart_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        pages[relative] = re.findall(r'<figure[^>]*id="(fig-[^"]+)"[^>]*>\s*<div[^>]*>\s*<div class="rir-chart"', html)
    name = max(pages, key=lambda relative: len(pages[relative]))
    assert len(pages[name]) >= 3, f"{name} should hold several chart figures"
    return name, pages[name]


@pytest.mark.browser
def test_the_chart_in_view_is_drawn_first(browser: Browser, site_url: str, built_book: Path) -> None:
    """Opened at its top a page draws its first chart first; opened at its last figure, that one."""
    page_name, figures = _most_charted_page(built_book)
    for anchor in ("", f"#{figures[-1]}"):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.add_init_script(_RECORD)
        page.goto(f"{site_url}/{page_name}{anchor}", wait_until="load")
        page.wait_for_function("window.__rirOrder.length > 0", timeout=45_000)
        first = page.evaluate("window.__rirOrder[0]")
        expected = page.eval_on_selector(f"#{figures[-1]} {CHARTS}" if anchor else CHARTS, "d => d.id")
        count = wait_for_charts(page)
        order = page.evaluate("window.__rirOrder")
        ids = page.eval_on_selector_all(CHARTS, "ds => ds.map(d => d.id)")
        context.close()
        assert first == expected, (anchor, order[:3])
        assert sorted(order) == sorted(ids) and len(ids) == count


@pytest.mark.browser
def test_a_chart_far_down_is_drawn_when_the_reader_nears_it(browser: Browser, site_url: str, built_book: Path) -> None:
    """Far below the window a chart shows its preview, undrawn; scrolled near, it is drawn."""
    page_name, figures = _most_charted_page(built_book)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{page_name}", wait_until="load")
        page.wait_for_function(f"document.querySelector('{CHARTS}').dataset.rirDrawn === 'yes'", timeout=45_000)
        last = page.locator(f"#{figures[-1]} {CHARTS}")
        distance = last.evaluate("d => d.getBoundingClientRect().top / window.innerHeight")
        assert distance > 3, f"{page_name}: its last chart is only {distance:.1f} windows down"
        page.wait_for_timeout(1500)
        assert last.get_attribute("data-rir-drawn") is None
        preview = page.locator(f"#{figures[-1]} img.{PREVIEW_CLASS}").first
        assert preview.evaluate("i => i.getBoundingClientRect().height") > 100
        page.evaluate("y => window.scrollTo(0, y)", last.evaluate("d => d.getBoundingClientRect().top + window.scrollY - window.innerHeight * 1.2"))
        page.wait_for_function(f"document.querySelector('#{figures[-1]} {CHARTS}').dataset.rirDrawn === 'yes'", timeout=30_000)
        assert last.locator("svg [role='graphics-symbol']").count() > 0
    finally:
        context.close()
