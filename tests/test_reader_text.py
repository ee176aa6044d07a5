"""What a reader reads on the built pages: prose without doubled words.

Reads the built site's files (no browser): marked ``book`` and ``browser`` so
that the fast run never builds the book.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.site.serve import site_pages

pytestmark = [pytest.mark.browser, pytest.mark.book]

#: Elements whose text a reader reads as sentences (table cells are not prose).
PROSE_TAGS = frozenset({"p", "li", "figcaption", "h1", "h2", "h3", "dd", "dt"})
_DOUBLED = re.compile(r"\b([A-Za-z][A-Za-z’']{2,})\s+\1\b")


class _ProseParser(HTMLParser):
    """Collects the text of each prose element, skipping scripts and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "table"):
            self._skip += 1
        elif tag in PROSE_TAGS and not self._skip:
            self._open.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "table"):
            self._skip = max(0, self._skip - 1)
        elif tag in PROSE_TAGS and self._open and not self._skip:
            self.blocks.append(" ".join(self._open.pop().split()))

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._open[-1] += data


def prose_blocks(page: Path) -> list[str]:
    """Return the text of every prose element of a built page."""
    parser = _ProseParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.blocks


def test_prose_parser_reads_sentences_not_tables() -> None:
    parser = _ProseParser()
    parser.feed("<p>See Figure <span>Figure 7.1</span>.</p><table><tr><td>Date</td><td>Date of</td></tr></table>")
    assert parser.blocks == ["See Figure Figure 7.1."]
    assert _DOUBLED.search(parser.blocks[0])


def test_no_page_doubles_a_word(built_book: Path) -> None:
    doubled = [
        f"{page}: …{block[max(0, match.start() - 30):match.end() + 20]}…"
        for page in site_pages(built_book)
        for block in prose_blocks(built_book / page)
        for match in _DOUBLED.finditer(block)
    ]
    assert not doubled, doubled


class _StandfirstParser(HTMLParser):
    """Finds the first block after the article's title and the text of a standfirst block."""

    def __init__(self) -> None:
        super().__init__()
        self.after_title: str | None = None  # class of the first div/p after <h1>
        self.text = ""
        self._seen_title = False
        self._in_article = False
        self._depth = 0  # >0 while inside the standfirst

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if "bd-article" in classes:  # the article, not the print header above it
            self._in_article = True
        if tag == "h1" and self._in_article:
            self._seen_title = True
        elif self._seen_title and self.after_title is None and tag in ("div", "p"):
            self.after_title = " ".join(classes)
            if "standfirst" in classes:
                self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "div":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.text += data


def test_every_page_opens_with_a_one_sentence_standfirst(built_book: Path) -> None:
    pages = [page for page in site_pages(built_book) if page.startswith("book/")]
    assert pages
    for page in pages:
        parser = _StandfirstParser()
        parser.feed((built_book / page).read_text(encoding="utf-8"))
        assert parser.after_title and "standfirst" in parser.after_title.split(), (
            f"{page}: the title is not followed by a standfirst"
        )
        text = " ".join(parser.text.split())
        sentences = re.findall(r"[.!?](?=\s|$)", text)
        assert len(sentences) == 1 and text.endswith("."), f"{page}: standfirst is not one sentence: {text!r}"
        assert len(text) <= 260, f"{page}: standfirst too long for a standfirst ({len(text)} characters)"


#: The reference pages, where talk of how the data are built and checked belongs: the data
#: page's reproduction section and the dictionary's descriptions from the package's descriptor.
REFERENCE_PAGES = ("book/data.html", "book/dictionary.html")

#: Build talk that belongs on the reference pages, not in a reader's page.
BUILD_TALK = re.compile(
    r"build time|make (book|test)|test fails|recomputed|when the book is built|every build"
    r"|this build|clone of the repository",
    re.IGNORECASE,
)


def test_reader_pages_do_not_talk_about_the_build(built_book: Path) -> None:
    talk = [
        f"{page}: …{block[max(0, match.start() - 40):match.end() + 20]}…"
        for page in site_pages(built_book)
        if page.startswith("book/") and page not in REFERENCE_PAGES
        for block in prose_blocks(built_book / page)
        for match in BUILD_TALK.finditer(block)
    ]
    assert not talk, talk


def test_each_work_is_cited_once_in_the_bibliography(built_book: Path) -> None:
    entries = [
        " ".join(text.split())
        for page in site_pages(built_book)
        for text in re.findall(
            r'<div class="citation"[^>]*>.*?<p>(.*?)</p>',
            (built_book / page).read_text(encoding="utf-8"),
            re.S,
        )
    ]
    titles = [re.sub(r"<[^>]+>", "", entry) for entry in entries]
    assert titles, "no bibliography entries found"
    assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)
