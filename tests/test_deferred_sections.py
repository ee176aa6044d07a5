"""Long sections without a chart are laid out when a reader nears them, and lose nothing.

The unit tests weigh small pages (:mod:`analysis.site.deferred_sections`): what
counts as an element a reader sees, which sections are marked, and that marking
is exact and can be repeated. The book tests read the built site and open it in
Chromium: the marked sections are the heavy, chartless ones; until a reader nears
one it is skipped and holds a place of the height its weight gives; scrolled to,
linked into, searched with the browser's find, or printed, it is all there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.site.css_purge import site_pages
from analysis.site.deferred_sections import (DEFER_MIN_BLOCKS, SectionWeight, deferrable, deferred_tag,
                                             is_deferred, mark_deferred, section_weights)
from tests.built_site import DESKTOP, open_page, wait_for_charts

ROWS = "".join(f"<tr><td>{i}</td><td><a href='#'>row</a> <em>{i}</em></td></tr>" for i in range(200))
ROW_CHARS = sum(2 * len(str(i)) + len("row") for i in range(200))

PAGE = f"""<html><body><nav><section id="not-in-article"><table>{ROWS}</table></section></nav>
<article class="bd-article"><section class="tex2jax_ignore" id="chapter"><h1>Chapter</h1>
<section id="short"><h2>Short</h2><p>One paragraph.<br>Two lines.</p></section>
<section id="long-table"><h2>Long</h2><table>{ROWS}</table></section>
<section id="long-with-chart"><h2>Chart</h2><div class="rir-vega" id="rir-x"></div><table>{ROWS}</table></section>
<section id="folded"><h2>Folded</h2><details><summary>All rows</summary><table>{ROWS}</table></details></section>
<section id="open"><h2>Open</h2><details open><summary>All rows</summary><table>{ROWS}</table></details></section>
</section></article></body></html>"""


def _weights(page: str = PAGE) -> dict[str, SectionWeight]:
    return {s.ident: s for s in section_weights(page)}


def test_only_the_chapters_second_level_sections_are_weighed() -> None:
    assert list(_weights()) == ["short", "long-table", "long-with-chart", "folded", "open"]


def test_a_section_weighs_the_blocks_and_the_text_a_reader_sees() -> None:
    weights = _weights()
    # <section>, <h2>, <p>; the <br> is inline
    assert (weights["short"].blocks, weights["short"].chars) == (3, len("Short") + len("Oneparagraph.Twolines."))
    # <section>, <h2>, <table>, then 200 rows of a <tr> and two <td>: links and emphasis add no block
    assert weights["long-table"].blocks == 3 + 200 * 3
    assert weights["long-table"].chars == len("Long") + ROW_CHARS
    # a closed <details> shows its summary only: what it folds away is not laid out
    assert (weights["folded"].blocks, weights["folded"].chars) == (4, len("Folded") + len("Allrows"))
    assert weights["open"].blocks == weights["long-table"].blocks + 2
    assert weights["open"].chars == len("Open") + len("Allrows") + ROW_CHARS
    assert weights["long-with-chart"].charts == 1 and weights["long-table"].charts == 0


def test_the_heavy_sections_without_a_chart_are_deferred() -> None:
    assert [s.ident for s in deferrable(section_weights(PAGE))] == ["long-table", "open"]
    assert deferrable(section_weights(PAGE), min_blocks=10_000) == []


def test_marking_changes_only_the_start_tags_of_the_deferred_sections() -> None:
    marked = mark_deferred(PAGE)
    weights = _weights()
    for ident in ("long-table", "open"):
        section = weights[ident]
        assert deferred_tag(section) in marked
        assert f'style="--rir-blocks: {section.blocks}; --rir-chars: {section.chars}"' in deferred_tag(section)
    unmarked = marked
    for ident in ("long-table", "open"):
        unmarked = unmarked.replace(deferred_tag(weights[ident]), weights[ident].tag)
    assert unmarked == PAGE
    assert mark_deferred(marked) == marked, "a page marked already is left as it is"
    assert [s.ident for s in section_weights(marked) if is_deferred(s.tag)] == ["long-table", "open"]


def test_a_page_body_as_sphinx_renders_it_is_marked_the_same_way() -> None:
    body = PAGE.split('<article class="bd-article">', 1)[1].split("</article>", 1)[0]
    assert [s.ident for s in deferrable(section_weights(body))] == ["long-table", "open"]
    assert mark_deferred(body) == mark_deferred(PAGE).split('<article class="bd-article">', 1)[1].split(
        "</article>", 1)[0]


def test_a_section_with_a_class_keeps_it() -> None:
    page = PAGE.replace('<section id="long-table">', '<section class="wide" id="long-table">')
    assert '<section class="wide rir-deferred" id="long-table" style="--rir-blocks: 603;' in mark_deferred(page)


def test_stray_end_tags_do_not_lose_the_sections() -> None:
    page = PAGE.replace("<p>One paragraph.", "</span><p>One paragraph.")
    assert list(_weights(page)) == list(_weights())


# --- the built book -------------------------------------------------------------------------

_STATE_JS = """id => {
  const section = document.getElementById(id);
  const inner = section.querySelector('h2, p, tr, li');
  return {skipped: !inner.checkVisibility({contentVisibilityAuto: true}),
          height: section.getBoundingClientRect().height,
          top: section.getBoundingClientRect().top,
          visibility: getComputedStyle(section).contentVisibility};
}"""


def _deferred_on_site(site: Path) -> dict[str, list[SectionWeight]]:
    pages = {}
    for path in site_pages(site):
        marked = [s for s in section_weights(path.read_text(encoding="utf-8")) if is_deferred(s.tag)]
        if marked:
            pages[path.relative_to(site).as_posix()] = marked
    return pages


@pytest.mark.browser
@pytest.mark.book
def test_the_books_heavy_chartless_sections_are_the_ones_marked(built_book: Path) -> None:
    every_section = []
    for path in site_pages(built_book):
        weights = section_weights(path.read_text(encoding="utf-8"))
        marked = {s.ident for s in weights if is_deferred(s.tag)}
        assert marked == {s.ident for s in deferrable(weights)}, path.name
        for section in weights:
            if is_deferred(section.tag):
                assert f'style="--rir-blocks: {section.blocks}; --rir-chars: {section.chars}"' in section.tag
        every_section += weights
    heaviest = max((s for s in every_section if s.charts == 0), key=lambda s: s.blocks)
    assert bool(_deferred_on_site(built_book)) == (heaviest.blocks >= DEFER_MIN_BLOCKS)


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("width", [1280, 390])
def test_a_deferred_section_is_skipped_until_near_then_drawn_whole_where_its_place_was(
    browser, built_book: Path, site_url: str, width: int
) -> None:
    """Far below the window a deferred section is skipped, holding a place within a third of its
    real height (so the scroll bar and the page's length hardly move when it is drawn); scrolled
    to, it is drawn whole."""
    deferred = _deferred_on_site(built_book)
    if not deferred:
        pytest.skip("no section of the book is heavy enough to defer")
    for relative, sections in deferred.items():
        for section in sections:
            page, visit = open_page(browser, f"{site_url}/{relative}", {"width": width, "height": 900})
            try:
                wait_for_charts(page)
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(100)
                held = page.evaluate(_STATE_JS, section.ident)
                assert held["top"] > 900, f"{relative}#{section.ident}: a heavy section on the first screen " \
                    "gains nothing from being deferred"
                # A reader scrolls to it: it is drawn, as tall as what it holds, and its text is there.
                page.evaluate("id => document.getElementById(id).scrollIntoView()", section.ident)
                page.wait_for_function("id => document.getElementById(id).querySelector('h2')"
                                       ".checkVisibility({contentVisibilityAuto: true})", arg=section.ident)
                drawn = page.evaluate(_STATE_JS, section.ident)
                inner = page.evaluate("""id => [...document.getElementById(id).children]
                    .reduce((sum, c) => sum + c.getBoundingClientRect().height, 0)""", section.ident)
                assert not drawn["skipped"] and drawn["height"] >= inner > 0
                assert page.locator(f"#{section.ident} h2").first.inner_text().strip()
                if held["top"] > 2.5 * 900:  # far enough below to be skipped at first
                    assert held["skipped"], (relative, section.ident, held)
                    assert drawn["height"] / 1.5 <= held["height"] <= drawn["height"] * 1.5, \
                        (relative, section.ident, width, held["height"], drawn["height"])
                assert not visit.problems(relative)
            finally:
                page.context.close()


@pytest.mark.browser
@pytest.mark.book
def test_links_find_and_print_reach_inside_a_deferred_section(browser, built_book: Path, site_url: str) -> None:
    deferred = _deferred_on_site(built_book)
    if not deferred:
        pytest.skip("no section of the book is heavy enough to defer")
    for relative, sections in deferred.items():
        for section in sections:
            page, visit = open_page(browser, f"{site_url}/{relative}", DESKTOP)
            try:
                # The last element with an id inside the section: a link to it lands on it.
                target = page.evaluate("""id => { const all = document.getElementById(id).querySelectorAll('[id]');
                    return all.length ? all[all.length - 1].id : null; }""", section.ident)
                words = page.evaluate("""id => { const cells = document.getElementById(id)
                    .querySelectorAll('td, li, p'); const last = cells[cells.length - 1];
                    return last.textContent.trim().split(/\\s+/).slice(0, 4).join(' '); }""", section.ident)
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(100)
                held = page.evaluate(_STATE_JS, section.ident)
                if held["top"] > 2.5 * 900:
                    assert held["skipped"], (relative, section.ident, held)
                # The browser's find-in-page (window.find) finds words that only a skipped section holds.
                assert page.evaluate("words => window.find(words, false, false, true)", words), (relative, words)
                if target:
                    page.goto(f"{site_url}/{relative}#{target}", wait_until="load")
                    page.wait_for_timeout(300)
                    box = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target)
                    assert 0 <= box < 200, (relative, target, box)
                page.emulate_media(media="print")
                assert page.evaluate(_STATE_JS, section.ident)["visibility"] == "visible", \
                    "print lays out every section"
                assert not visit.problems(relative)
            finally:
                page.context.close()
