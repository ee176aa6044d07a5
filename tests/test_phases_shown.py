"""Every phase name and date range the book shows is the ``phases`` table's (issue 11).

The table (``datapackage/data/phases.csv``) is the one source. The fast tests
check the chapters' sources and the figures' data steps: each phase chapter's
title is its phase's substitution, no chapter types a phase's years, and the
timeline of a phase covers the phase's years. The browser tests read the built
book in Chromium: the chapters' headings, page titles, sidebar entries,
previous/next links and search results; the scorecard's "Told in" links; the
text of the phase strips drawn in the charts' SVG, their tooltips and the bands'
ARIA descriptions and extent; and every "… phase (years)" in running text and
captions. Expected strings come from the package through
:func:`analysis.phases.phase_names`, never typed here.
"""

from __future__ import annotations

import re
from datetime import datetime
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pandas as pd
import pytest

from analysis.figures.registry import CHAPTERS, FIGURES
from analysis.paths import BOOK_DIR
from analysis.phases import phase_names, phase_years, substitution_name, substitutions
from analysis.site.sphinx_downloads import write_notebook
from analysis.site.sphinx_phases import on_config_inited
from tests.built_site import (DESKTOP, PHONE, chart_geometry, chart_texts, open_page, reach, tooltip_at,
                               wait_for_charts)


@pytest.fixture(scope="module")
def names(package) -> pd.DataFrame:
    """The phases with every string the book shows for them."""
    return phase_names(package["phases"])


def _chapter_source(chapter: str) -> str:
    return (BOOK_DIR / f"{chapter}.md").read_text(encoding="utf-8")


def _first_heading(text: str) -> str:
    """The first level-1 heading line of a MyST chapter, front matter skipped."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return next(line for line in body.splitlines() if line.startswith("# "))


# ---------------------------------------------------------------------------
# The sources: chapters and data steps (no build)
# ---------------------------------------------------------------------------


def test_each_phase_chapter_is_titled_by_its_phase_substitution(names) -> None:
    for row in names.itertuples():
        heading = _first_heading(_chapter_source(row.chapter))
        assert heading == f"# {{{{ {substitution_name('heading', row.phase_id)} }}}}", (
            f"book/{row.chapter}.md: the title must come from the phases table, not {heading!r}"
        )


def test_no_chapter_types_a_phase_span_or_an_unknown_substitution(package, names) -> None:
    known = set(substitutions(package["phases"]))
    for path in sorted(BOOK_DIR.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        typed = [years for years in names["years"] if years in text]
        assert not typed, f"{path.name} types the phase years {typed}; use {{{{ phase_years_<phase> }}}}"
        used = set(re.findall(r"\{\{\s*(phase_\w+)\s*\}\}", text))
        assert used <= known, f"{path.name} uses unknown phase substitutions {sorted(used - known)}"


def test_the_sphinx_extension_adds_the_tables_substitutions(package, names) -> None:
    config = SimpleNamespace(myst_substitutions={"other": "kept"})
    on_config_inited(None, config)
    assert config.myst_substitutions == {"other": "kept", **substitutions(package["phases"])}
    for row in names.itertuples():
        assert config.myst_substitutions[substitution_name("heading", row.phase_id)] == row.heading
        assert config.myst_substitutions[substitution_name("years", row.phase_id)] == row.years


def test_a_chapter_downloaded_as_a_notebook_is_titled_by_the_table(tmp_path, names) -> None:
    import nbformat

    for row in names.itertuples():
        path = write_notebook(BOOK_DIR / f"{row.chapter}.md", tmp_path / f"{row.chapter}.ipynb")
        notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
        assert markdown[0].splitlines()[0] == f"# {row.heading}", row.chapter
        assert not any("{{" in text for text in markdown), f"{row.chapter}: a substitution left unexpanded"


def test_a_phase_chapters_timeline_covers_the_phases_years(package, names) -> None:
    checked = 0
    for row in names.itertuples():
        for ident in CHAPTERS.get(row.chapter, ()):
            inputs = FIGURES[ident].data(package)
            if "spans" in inputs and "start" in inputs:
                assert (inputs["start"], inputs["end"]) == phase_years(package["phases"], row.phase_id), ident
                checked += 1
    assert checked, "no phase chapter shows a timeline: the test's premise is gone"


# ---------------------------------------------------------------------------
# The built book in Chromium: headings, navigation, search, scorecard
# ---------------------------------------------------------------------------

_NUMBER = re.compile(r"^\d+\.\s*")


def _unnumbered(text: str) -> str:
    """A title as the reader sees it, without the chapter number Sphinx puts before it."""
    return _NUMBER.sub("", " ".join(text.split()))


@pytest.mark.browser
@pytest.mark.book
def test_chapters_headings_titles_and_navigation_name_phases_as_the_table(browser, site_url, names) -> None:
    expected = {f"{row.chapter}.html": row.heading for row in names.itertuples()}
    for row in names.itertuples():
        page, visit = open_page(browser, f"{site_url}/book/{row.chapter}.html", DESKTOP)
        try:
            assert _unnumbered(page.get_by_role("heading", level=1).inner_text()) == row.heading
            assert _unnumbered(page.title().split(" \u2014 ")[0]) == row.heading
            # The sidebar's entries, by the page each opens (the current page's entry links "#").
            sidebar = dict(page.get_by_role("navigation", name="Main").evaluate(
                "nav => [...nav.querySelectorAll('a')].map(a => [new URL(a.href).pathname.split('/').pop(), a.innerText])"
            ))
            for href, heading in expected.items():
                assert _unnumbered(sidebar[href]) == heading, f"{row.chapter}: sidebar entry for {href}"
            neighbours = page.evaluate(
                "() => [...document.querySelectorAll('a.left-prev, a.right-next')]"
                ".map(a => [a.getAttribute('href'), a.querySelector('.prev-next-title').innerText])"
            )
            assert neighbours, f"{row.chapter}: no previous/next links"
            for href, text in neighbours:
                if href in expected:
                    assert _unnumbered(text) == expected[href], f"{row.chapter}: link to {href}"
            assert not visit.problems(row.chapter)
        finally:
            page.context.close()


_RESULTS_DONE = """() => {
    const status = document.querySelector('#search-results .search-summary');
    return !!status && status.textContent.trim() !== '';
}"""


@pytest.mark.browser
@pytest.mark.book
def test_search_results_title_a_phase_chapter_as_the_table(browser, site_url, names) -> None:
    for row in names.itertuples():
        page, _ = open_page(browser, f"{site_url}/search.html?q={quote(row.title)}", DESKTOP)
        try:
            page.wait_for_function(_RESULTS_DONE, timeout=30_000)
            results = page.evaluate(
                "() => [...document.querySelectorAll('#search-results ul.search > li > a')]"
                ".map(a => [a.getAttribute('href'), a.textContent])"
            )
            # A result names the page by its title, then any section after " > ".
            titles = [_unnumbered(text.split(" > ")[0]) for href, text in results
                      if href.split("#")[0].endswith(f"/{row.chapter}.html")]
            assert titles and set(titles) == {row.heading}, f"searching {row.title!r}: {results}"
        finally:
            page.context.close()


@pytest.mark.browser
@pytest.mark.book
def test_scorecard_told_in_links_name_the_chapter_as_its_heading(browser, site_url, package, names) -> None:
    by_page = {f"{row.chapter}.html": row.heading for row in names.itertuples()}
    page, _ = open_page(browser, f"{site_url}/book/scorecard.html", DESKTOP)
    try:
        reach(page, "li.rir-claim")
        links = page.evaluate(
            "() => [...document.querySelectorAll('[role=main] li a')]"
            ".filter(a => /Told in\\s*$/.test(a.previousSibling ? a.previousSibling.textContent : ''))"
            ".map(a => [a.getAttribute('href'), a.innerText])"
        )
    finally:
        page.context.close()
    assert len(links) == len(package["claims"]), "every claim card links the chapter that tells it"
    for href, text in links:
        assert href in by_page and " ".join(text.split()) == by_page[href], (href, text)


# ---------------------------------------------------------------------------
# Running text and captions: "the thaw phase (1989–2010)" and the like
# ---------------------------------------------------------------------------

_RANGE = r"(\d{4})\u2013(\d{4})"
_STOP = {"the", "a", "an", "of", "and", "in", "on"}


def _keywords(row: Any) -> set[str]:
    """The words a sentence may call a phase by: its id's parts and its short title's words."""
    words = set(row.phase_id.split("_")) | {w.lower() for w in re.findall(r"\w+", row.short_title)}
    return words - _STOP


def phase_ranges(text: str, names: pd.DataFrame, own: str | None) -> list[tuple[str, str, str]]:
    """``(phase_id, years shown, snippet)`` for each date range the text gives a phase.

    A range follows a phase's title (``"Enemies first, 1979–1988"``) or the word
    *phase* (``"the thaw phase (1989–2010)"``, ``"the whole phase, 2011–2021"``);
    the word before *phase* names it, else it is the page's own phase ``own``.

    Examples
    --------
    >>> names = pd.DataFrame({"phase_id": ["thaw"], "title": ["The thaw and the arms trade"],
    ...     "short_title": ["The thaw"]})
    >>> phase_ranges("Over the thaw phase (1989–2010) it rose.", names, None)
    [('thaw', '1989–2010', 'thaw phase (1989–2010')]
    >>> phase_ranges("The thaw and the arms trade, 1989–2011", names, None)[0][:2]
    ('thaw', '1989–2011')
    >>> phase_ranges("Across the whole phase, 2011–2021, the", names, "syria")[0][:2]
    ('syria', '2011–2021')
    """
    found = []
    for row in names.itertuples():
        for match in re.finditer(re.escape(row.title) + r",? \(?" + _RANGE, text):
            found.append((row.phase_id, f"{match[1]}\u2013{match[2]}", match[0]))
    for match in re.finditer(r"(\w+)\W{1,3}phase\W{1,3}" + _RANGE, text):
        word = match[1].lower()
        named = [row.phase_id for row in names.itertuples() if word in _keywords(row)]
        phase = named[0] if named else own
        assert phase is not None, f"a phase range with no phase named: {match[0]!r}"
        found.append((phase, f"{match[2]}\u2013{match[3]}", match[0]))
    return found


@pytest.mark.browser
@pytest.mark.book
def test_running_text_and_captions_give_phases_the_tables_years(browser, site_url, built_book, names) -> None:
    years = dict(zip(names["phase_id"], names["years"], strict=True))
    own = dict(zip(names["chapter"], names["phase_id"], strict=True))
    seen = []
    page, _ = open_page(browser, f"{site_url}/book/index.html", DESKTOP)
    try:
        for path in sorted((built_book / "book").glob("*.html")):
            page.goto(f"{site_url}/book/{path.name}", wait_until="load")
            text = " ".join(page.locator("[role=main]").inner_text().split())
            for phase, shown, snippet in phase_ranges(text, names, own.get(path.stem)):
                assert shown == years[phase], f"{path.name}: {snippet!r} gives {phase} as {shown}"
                seen.append(phase)
    finally:
        page.context.close()
    assert seen, "no page names a phase with its years: the test's premise is gone"


# ---------------------------------------------------------------------------
# Charts: the phase strips' text and tooltips, the bands' descriptions and extent
# ---------------------------------------------------------------------------

#: JavaScript: the text marks of a chart as drawn (ARIA role ``graphics-symbol``), with their
#: ARIA description and box in viewport pixels.
_TEXT_MARKS_JS = """id => [...document.getElementById(id).querySelectorAll('svg text[role="graphics-symbol"]')]
    .map(t => ({text: t.textContent, label: t.getAttribute('aria-label') || '',
                box: t.getBoundingClientRect().toJSON()}))"""

_PHASE = re.compile(r"Phase: (.+?)(?:;|$)")
_DAY = re.compile(r"(start|end): (\w{3} \d{2}, \d{4})")


def _phase_figures(package) -> list[tuple[str, str]]:
    """``(chapter, figure id)`` of every figure drawn with phase bands or a phase strip."""
    return [(chapter, ident) for chapter, idents in CHAPTERS.items() for ident in idents
            if "spans" in FIGURES[ident].data(package)]


def _chart_id(page: Any, ident: str) -> str:
    chart = page.locator(f"#{ident} div.rir-vega").first
    chart.scroll_into_view_if_needed()
    return str(chart.get_attribute("id"))


def _check_band_extent(marks: list[dict[str, Any]], row: Any, where: str) -> None:
    """A band's dates lie in its phase's years; on a yearly axis its edges fall between years."""
    for mark in marks:
        days = dict(_DAY.findall(mark["label"]))
        if {"start", "end"} <= set(days):
            first, last = (datetime.strptime(days[k], "%b %d, %Y").year for k in ("start", "end"))
            assert row.start_year <= first <= last <= row.end_year, f"{where}: {mark['label']}"


def _check_yearly_band_edges(geometry: dict[str, Any], bands: dict[str, list[dict[str, Any]]],
                             names: pd.DataFrame, where: str) -> None:
    """On a yearly axis, a band holds the points of its years and not the next phase's first year."""
    at: dict[int, float] = {}
    for mark in geometry["marks"]:
        year = re.search(r"(?:^|; )Year[^:]*: (\d{4})", mark["label"])
        if year and mark["kind"] != "line mark":
            at[int(year[1])] = (mark["box"]["left"] + mark["box"]["right"]) / 2
    if not at:
        return
    rects = [m for marks in bands.values() for m in marks if m["kind"].startswith("rect")]
    edge_left = min(m["box"]["left"] for m in rects)
    edge_right = max(m["box"]["right"] for m in rects)
    for row in names.itertuples():
        for mark in (m for m in bands.get(row.label, []) if m["kind"].startswith("rect")):
            left, right = mark["box"]["left"], mark["box"]["right"]
            if right < edge_right - 0.5 and row.end_year in at and row.end_year + 1 in at:
                assert at[row.end_year] < right < at[row.end_year + 1], f"{where}: {row.label} ends at the wrong year"
            if left > edge_left + 0.5 and row.start_year in at and row.start_year - 1 in at:
                assert at[row.start_year - 1] < left < at[row.start_year], f"{where}: {row.label} starts at the wrong year"


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_phase_strips_and_bands_show_the_tables_names_and_years(browser, site_url, package, names,
                                                                viewport) -> None:
    by_label = {row.label: row for row in names.itertuples()}
    figures = _phase_figures(package)
    assert figures, "no chart draws the phases: the test's premise is gone"
    for chapter, ident in figures:
        page, visit = open_page(browser, f"{site_url}/book/{chapter}.html", viewport)
        try:
            wait_for_charts(page)
            chart_id = _chart_id(page, ident)
            geometry = chart_geometry(page, chart_id)
            bands: dict[str, list[dict[str, Any]]] = {}
            for mark in geometry["marks"]:
                found = _PHASE.search(mark["label"])
                if found:
                    assert found[1] in by_label, f"{ident}: a band names {found[1]!r}, not a phase of the table"
                    bands.setdefault(found[1], []).append(mark)
            assert bands, f"{ident}: no phase band drawn"
            if ident == "fig-timeline":
                drawn = set(package["events"]["phase_id"])
                assert {by_label[label].phase_id for label in bands} == drawn, f"{ident}: phases missing"
            for label, marks in bands.items():
                _check_band_extent(marks, by_label[label], ident)
            _check_yearly_band_edges(geometry, bands, names, ident)
            for mark in page.evaluate(_TEXT_MARKS_JS, chart_id):
                found = _PHASE.search(mark["label"])
                if not found:
                    continue
                row = by_label[found[1]]
                assert mark["text"] in (row.strip, str(row.order)), f"{ident}: {mark['text']!r} for {row.label}"
                if mark["text"] == row.strip:  # the strip's label; its tooltip gives the full name
                    text = page.locator(f"#{chart_id} svg text[role='graphics-symbol']").filter(
                        has_text=re.compile(f"^{re.escape(row.strip)}$"))
                    text.scroll_into_view_if_needed()
                    box = text.bounding_box()
                    assert box is not None, f"{ident}: {row.strip!r} not drawn"
                    tip = tooltip_at(page, box["x"] + min(4, box["width"] / 2), box["y"] + box["height"] / 2)
                    assert tip is not None, f"{ident}: no tooltip on {row.strip!r}"
                    assert [line for line in tip.split("\n") if line.strip()] == ["Phase\t", row.label], tip
            if ident.endswith("timeline"):
                # The strip's numbers are named in its subtitle, in the table's order and words
                # (on a phone the subtitle may wrap over several lines).
                key = " · ".join(names.loc[names["label"].isin(bands), "strip"])
                shown = " ".join(t["text"] for t in chart_texts(page, chart_id))
                assert key in shown or all(part in shown for part in key.split(" · ")), f"{ident}: {key!r}"
            assert not visit.problems(ident)
        finally:
            page.context.close()
