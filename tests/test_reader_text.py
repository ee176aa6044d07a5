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
