"""Numbers in the arms chapters read as a person writes them (issue 11).

Reads the built pages (no browser; marked ``book`` and ``browser`` so the
fast run never builds the book): no template phrase such as "ranked 3
(share 7.3%)", no rank as a bare digit, no year range with a hyphen, no
"unknown" or "0" standing where words belong.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.browser, pytest.mark.book]

#: The chapters whose prose this module reads.
CHAPTERS = ("enemies", "thaw", "ukraine", "arms")

#: Phrases a reader should never meet, each with what it catches.
TEMPLATES: dict[str, re.Pattern[str]] = {
    "a rank as a digit": re.compile(r"\b(?:rank(?:ed|s)?|came) \d{1,2}(?:st|nd|rd|th)?\b(?![%,.\d]| is\b)"),
    "a share in brackets as a template": re.compile(r"\(share \d"),
    "a year range with a hyphen": re.compile(r"\b(1[89]|20)\d{2}-(1[89]|20)?\d{2}\b"),
    "a number written as unknown": re.compile(r"\b(?:number ordered|size is) unknown\b"),
    "a zero count": re.compile(r"\bwith 0 delivered\b|\b0 delivered\b"),
    "a float printed whole": re.compile(r"\b\d+\.0\b(?!%)"),
}


def template_phrases(block: str) -> list[str]:
    """The kinds of template phrasing found in one block of prose.

    >>> template_phrases("In 2000 Iran ranked 3 (share 7.3%) among 24 recipients.")
    ['a rank as a digit', 'a share in brackets as a template']
    >>> template_phrases("Iran was the third-largest of 24 recipients, 1992–2000, with 3,981 million TIV.")
    []
    >>> template_phrases("Rank 1 is the largest; the share was 7.0% and then 8%.")
    []
    """
    return [kind for kind, pattern in TEMPLATES.items() if pattern.search(block)]


def sentences(page: Path) -> list[str]:
    """The text of each paragraph, list item and caption of a built page's article, tables left out."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    assert article is not None, f"{page}: no article"
    return [" ".join(block.get_text(" ").split()) for block in article.find_all(["p", "li", "figcaption"])
            if block.find_parent("table") is None]


def test_arms_chapters_write_numbers_in_words(built_book: Path) -> None:
    found = [
        f"{chapter}: {kinds} in …{block[:160]}…"
        for chapter in CHAPTERS
        for block in sentences(built_book / "book" / f"{chapter}.html")
        if (kinds := template_phrases(block))
    ]
    assert not found, "\n".join(found)
