"""The site's search finds designations (S-300, Su-35), numbers and years.

The unit tests check the search language of :mod:`analysis.site.sphinx_search`
without a build; the browser tests open ``search.html?q=…`` in Chromium and
compare what it finds with what the built pages say.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from analysis.site.sphinx_search import (
    SearchDesignations,
    query_terms,
    space_raw_html,
    split_words,
)
from tests.built_site import DESKTOP, open_page

# ---------------------------------------------------------------------------
# The search language, no browser.
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S-300", ["s-300", "s300", "S", "300"]),
        ("Shahed\u2011136", ["shahed-136", "shahed136", "Shahed", "136"]),  # non-breaking hyphen
        ("Mi-28 and Su-35S", ["mi-28", "mi28", "Mi", "28", "and", "su-35s", "su35s", "Su", "35S"]),
        ("in 2007, 1989", ["in", "2007", "1989"]),
        ("long-range", ["long", "range"]),  # no digit: only the parts, as Sphinx does
        ("1979\u20132026", ["1979", "2026"]),  # an en dash is a range, not a designation
    ],
)
def test_index_words_keep_designations_whole_and_in_parts(text: str, expected: list[str]) -> None:
    assert split_words(text) == expected


@pytest.mark.parametrize(
    ("query", "page_text", "expected"),
    [
        ("S-300", "the S-300 system", ["s300"]),
        ("S300", "the S-300 system", ["s300"]),
        ("300", "the S-300 system", ["300"]),
        ("Su-35", "Su\u201135 fighters", ["su35"]),
        ("Shahed-136 2022", "Shahed-136 drones in 2022", ["shahed136", "2022"]),
        ("Mi\u201128", "Mi-28 helicopters", ["mi28"]),
        ("long-range", "long-range", ["long", "range"]),
    ],
)
def test_query_terms_are_terms_the_index_holds(query: str, page_text: str, expected: list[str]) -> None:
    assert query_terms(query) == expected
    language = SearchDesignations({})
    # The page stems the query terms as the index stems its words.
    assert {language.stem(t) for t in expected} <= {language.stem(w) for w in split_words(page_text)}


def test_numbers_and_short_words_are_not_stemmed() -> None:
    language = SearchDesignations({})
    assert [language.stem(w) for w in ("S", "Mi", "s300", "1990s", "2007")] == [
        "s", "mi", "s300", "1990s", "2007",
    ]
    assert language.stem("deliveries") == "deliveri"  # words still get the Porter stem
    assert all(language.word_filter(language.stem(w)) for w in ("S", "300", "2007"))


def test_raw_html_cells_are_split_apart_but_scripts_are_not_touched() -> None:
    table = "<table><tr><th>Date</th><th>Event</th></tr><tr><td>2007</td><td>Putin visits</td></tr></table>"
    spaced = space_raw_html(table)
    words = split_words(re.sub(r"<[^<]+?>", "", spaced))  # as Sphinx indexes raw HTML
    assert words == ["Date", "Event", "2007", "Putin", "visits"]
    script = "<script>const s = '</td><td>';</script>"
    assert space_raw_html(script) == script


# ---------------------------------------------------------------------------
# The built site in Chromium.
# ---------------------------------------------------------------------------

TERMS = ["S-300", "S300", "300", "Su-35", "Shahed-136", "Mi-28", "2007"]


def term_pattern(term: str) -> re.Pattern[str]:
    """The term as a word of the page: ``S300`` also matches ``S-300``; hyphens of any kind."""
    parts = re.split(r"[-\u2010\u2011]|(?<=[A-Za-z])(?=\d)", term)
    body = r"[-\u2010\u2011]?".join(re.escape(p) for p in parts if p)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


class _PageText(HTMLParser):
    """The text of a page's main content (``role="main"``), scripts and styles left out.

    With ``prose_only``, tables and notebook outputs (the glued cards and
    lists) are left out too, as the search's ranking leaves them out
    (:func:`analysis.site.sphinx_search.prose_counts`).
    """

    def __init__(self, prose_only: bool = False) -> None:
        super().__init__()
        self.depth = 0  # inside the main element when > 0
        self.skip = 0
        self.prose_only = prose_only
        self.aside = 0  # depth inside a left-out table or output when > 0
        self.parts: list[str] = []

    def _left_out(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        classes = (dict(attrs).get("class") or "").split()
        return self.prose_only and (tag == "table" or "cell_output" in classes or "output" in classes)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        if self.aside:
            self.aside += tag not in VOID
        elif self.depth and self._left_out(tag, attrs):
            self.aside = 1
        if self.depth:
            self.depth += tag not in VOID
        elif ("role", "main") in attrs:
            self.depth = 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if self.aside and tag not in VOID:
            self.aside -= 1
        if self.depth and tag not in VOID:
            self.depth -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and not self.aside:
            self.parts.append(data)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def page_texts(site: Path, prose_only: bool = False) -> dict[str, str]:
    """``page path -> main text`` of every page of the book (only its prose, if asked)."""
    texts = {}
    for page in sorted((site / "book").glob("*.html")):
        parser = _PageText(prose_only)
        parser.feed(page.read_text(encoding="utf-8"))
        texts[page.relative_to(site).as_posix()] = " ".join("".join(parser.parts).split())
    return texts


#: JavaScript: the search results once every result has its snippet.
_RESULTS_JS = """() => [...document.querySelectorAll('#search-results ul.search > li')].map(li => ({
    href: new URL(li.querySelector('a').getAttribute('href'), location.href).pathname,
    snippet: (li.querySelector('p.context') || {}).textContent || ''}))"""

_DONE_JS = """() => {
    const status = document.querySelector('#search-results .search-summary');
    const items = [...document.querySelectorAll('#search-results ul.search > li')];
    return !!status && status.textContent.trim() !== ''
        && items.every(li => li.querySelector('p.context'));
}"""

#: JavaScript: for one page, the last word of each table cell joined to the first of the next.
_JOINED_CELLS_JS = """async href => {
    const html = await (await fetch(href)).text();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const joined = [];
    for (const cell of doc.querySelectorAll('[role="main"] td, [role="main"] th')) {
        const next = cell.nextElementSibling;
        if (!next) continue;
        const a = cell.textContent.trim().split(/\\s+/).pop();
        const b = next.textContent.trim().split(/\\s+/)[0];
        if (a && b) joined.push(a + b);
    }
    return joined;
}"""


@pytest.fixture(scope="module")
def expected_pages(built_book: Path) -> dict[str, list[str]]:
    """For each term, the pages whose text mentions it, the most mentions in prose first."""
    texts, prose = page_texts(built_book), page_texts(built_book, prose_only=True)
    expected = {}
    for term in TERMS:
        counts = {page: len(term_pattern(term).findall(text)) for page, text in texts.items()}
        in_prose = {page: len(term_pattern(term).findall(prose[page])) for page in texts}
        expected[term] = sorted((p for p, n in counts.items() if n), key=lambda p: (-in_prose[p], -counts[p]))
    return expected


@pytest.mark.browser
def test_the_query_splitter_matches_the_python_twin(browser, site_url: str) -> None:
    page, _ = open_page(browser, f"{site_url}/search.html", DESKTOP)
    try:
        for query in [*TERMS, "Shahed\u2011136 long-range 1979\u20132026"]:
            assert page.evaluate("q => splitQuery(q.toLowerCase())", query) == query_terms(query)
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("term", TERMS)
def test_search_finds_the_pages_that_mention_a_term(
    browser, site_url: str, expected_pages: dict[str, list[str]], term: str
) -> None:
    wanted = expected_pages[term]
    assert wanted, f"no built page mentions {term}: the test's premise is gone"
    page, visit = open_page(browser, f"{site_url}/search.html?q={quote(term)}", DESKTOP)
    try:
        page.wait_for_function(_DONE_JS, timeout=30_000)
        results = page.evaluate(_RESULTS_JS)
        found = [r["href"].lstrip("/") for r in results]
        assert found, f"{term}: no results"
        assert set(wanted) <= set(found), f"{term}: pages mentioning it {wanted}, found {found}"
        # The page whose prose mentions it most is among the first results.
        top = found[: max(3, len(found) // 3)]
        assert wanted[0] in top, f"{term}: {wanted[0]} (most mentions) not in the top results {top}"

        pattern = term_pattern(term)
        snippets = [r["snippet"] for r in results]
        assert any(pattern.search(s) for s in snippets), f"{term}: no snippet shows it: {snippets}"
        for result in results:
            joined = set(page.evaluate(_JOINED_CELLS_JS, result["href"]))
            run_together = [w for w in re.findall(r"\S+", result["snippet"]) if w.strip(".,;:()…") in joined]
            assert not run_together, f"{term}: table cells run together in {result['href']}: {run_together}"
        assert not visit.problems(term)
    finally:
        page.context.close()
