"""Pages that show their charts at once (issue 16, part 3), as the reader's browser meets them.

Each chart's static SVG (its preview) holds the chart's box from the first
paint; the live chart is drawn over it and takes its place in the same box, so
nothing below moves. Charts in or near the window are drawn first. No script in
a page's head holds up its text; the theme's icon script and, off the search
page, its search scripts are gone, and its icons still show. Budgets (times and
bytes) are printed by ``scripts/bench_drawing.py``, not tested here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from analysis.site.render import PREVIEW_CLASS, STAGE_CLASS
from analysis.site.serve import site_pages
from analysis.site.sphinx_scripts import KEEP_BLOCKING
from analysis.site.sphinx_vega import svg_size
from tests.built_site import CHARTS, DESKTOP, chart_pages, open_page, wait_for_charts

if TYPE_CHECKING:
    from playwright.sync_api import Browser

_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.S)
_PREVIEW = re.compile(rf'<img src="([^"]+)" alt="" aria-hidden="true" class="{PREVIEW_CLASS}"[^>]*>')
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
    const preview = stage.querySelector('img.{PREVIEW_CLASS}');
    return {{id: stage.querySelector('{CHARTS}').id, height: stage.getBoundingClientRect().height,
             preview: !!preview && preview.getBoundingClientRect().height > 0,
             drawn: stage.querySelector('{CHARTS}').dataset.rirDrawn || ''}};
  }});
}});
"""

#: Page script: each chart stage's height and what it shows, now.
_STAGES_NOW = f"""() => [...document.querySelectorAll('div.{STAGE_CLASS}')].map(stage => {{
  const preview = stage.querySelector('img.{PREVIEW_CLASS}');
  const chart = stage.querySelector('{CHARTS}');
  return {{id: chart.id, height: stage.getBoundingClientRect().height,
           preview: !!preview && preview.getBoundingClientRect().height > 0,
           svg: !!chart.querySelector('svg'), drawn: chart.dataset.rirDrawn || ''}};
}})"""


@pytest.mark.browser
@pytest.mark.book
def test_no_script_in_a_head_holds_up_the_text(built_book: Path) -> None:
    """Every script a page loads from its head is deferred or async, but the few kept on purpose."""
    problems = []
    for relative in site_pages(built_book):
        head = _HEAD.search((built_book / relative).read_text(encoding="utf-8"))
        if not head:  # the redirect stub at the root
            continue
        for attributes in _SCRIPT.findall(head[1]):
            source = re.search(r'\bsrc="([^"]+)"', attributes)
            if not source or re.search(r"\b(defer|async)\b", attributes):
                continue
            name = source[1].split("?")[0].rsplit("/", 1)[-1]
            if name in KEEP_BLOCKING or (relative == "search.html" and name in _SEARCH_SCRIPTS):
                continue
            problems.append(f"{relative}: {source[1]}")
    assert not problems, "scripts that hold up the text:\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.book
def test_no_page_loads_the_icon_script_and_only_the_search_page_the_index(built_book: Path) -> None:
    """The theme's 1.5 MB icon script is on no page; the search index is on the search page only."""
    for relative in site_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, relative
        scripts = " ".join(_SCRIPT.findall(html))
        assert ("searchindex.js" in scripts) == (relative == "search.html"), relative


@pytest.mark.browser
@pytest.mark.book
def test_every_preview_is_its_charts_svg_at_its_drawn_size(built_book: Path) -> None:
    """Each chart block opens with its SVG export, sized as that SVG is drawn (so it holds the box)."""
    checked = 0
    for relative in chart_pages(built_book):
        html = (built_book / relative).read_text(encoding="utf-8")
        previews = _PREVIEW.findall(html)
        assert len(previews) == html.count(f'class="{STAGE_CLASS}"') == html.count(f'class="{CHARTS[4:]}"'), relative
        for tag in re.findall(rf'<img [^>]*class="{PREVIEW_CLASS}"[^>]*>', html):
            source = re.search(r'src="([^"]+)"', tag)[1]
            svg = (built_book / relative).parent / source
            width, height = svg_size(svg.read_text(encoding="utf-8"))
            assert f'width="{width}" height="{height}"' in tag, (relative, tag)
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


@pytest.mark.browser
def test_live_charts_take_their_previews_place_without_moving_the_text(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    """On every chart page at desktop width, each chart's box is as high drawn as it was on arrival."""
    problems = []
    for relative in chart_pages(built_book):
        context = browser.new_context(viewport=DESKTOP)
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
def test_the_chart_in_view_is_drawn_first(browser: Browser, site_url: str, built_book: Path) -> None:
    """Opened at its top a page draws its first chart first; opened at its last figure, that one."""
    page_name = max(chart_pages(built_book), key=lambda p: (built_book / p).read_text(encoding="utf-8").count(CHARTS[4:]))
    html = (built_book / page_name).read_text(encoding="utf-8")
    figures = re.findall(r'<figure[^>]*id="(fig-[^"]+)"[^>]*>\s*<div[^>]*>\s*<div class="rir-chart"', html)
    assert len(figures) >= 3, f"{page_name} should hold several chart figures"
    for anchor, expect_last in (("", False), (f"#{figures[-1]}", True)):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.add_init_script(_RECORD)
        page.goto(f"{site_url}/{page_name}{anchor}", wait_until="load")
        count = wait_for_charts(page)
        order = page.evaluate("window.__rirOrder")
        ids = page.eval_on_selector_all(CHARTS, "ds => ds.map(d => d.id)")
        in_figure = page.eval_on_selector(f"#{figures[-1]} {CHARTS}", "d => d.id")
        context.close()
        assert sorted(order) == sorted(ids) and len(ids) == count
        assert order[0] == (in_figure if expect_last else ids[0]), (anchor, order[:3])
