"""Figure captions that fit the medium: gestures on screen, none on paper.

A caption's hint for screens (hover, tap, drag, the menus) comes from the
registry's ``on_screen`` and is shown after the caption on screen; printed,
the page shows the caption alone, since paper answers no pointer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from analysis.figures.registry import CHAPTERS, FIGURES, SCREEN_ONLY
from tests.built_site import DESKTOP, drawn_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: Words that ask the reader to do something only a screen allows.
GESTURES = re.compile(r"\b(hover|tap|drag|click|double-click|menus?|zoom)\b", re.IGNORECASE)


def test_captions_leave_gestures_to_the_screen_hint() -> None:
    """What a caption says must hold on paper: gestures live in ``on_screen`` only."""
    offenders = {ident: entry.caption for ident, entry in FIGURES.items() if GESTURES.search(entry.caption)}
    assert not offenders, offenders
    for entry in FIGURES.values():
        if entry.on_screen:
            assert SCREEN_ONLY in entry.caption_markdown()
            assert entry.caption_markdown().startswith(entry.caption)


def _captions(page: Page) -> dict[str, str]:
    """Each figure's caption as rendered (``innerText``: hidden parts left out), by figure id.

    Typographic quotes are read as plain ones, as the registry writes them.
    """
    captions = page.eval_on_selector_all(
        "figure[id]",
        "fs => Object.fromEntries(fs.filter(f => f.querySelector('figcaption'))"
        ".map(f => [f.id, f.querySelector('figcaption').innerText.trim()]))",
    )
    plain = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    return {ident: text.translate(plain) for ident, text in captions.items()}


@pytest.mark.browser
def test_screen_shows_the_hint_and_print_leaves_it_out(
    browser: Browser, site_url: str, built_book: Path
) -> None:
    problems: list[str] = []
    seen = 0
    for chapter, ids in CHAPTERS.items():
        with drawn_page(browser, f"{site_url}/book/{chapter}.html", DESKTOP) as (page, _):
            on_screen = _captions(page)
            page.emulate_media(media="print")
            printed = _captions(page)
        for ident in ids:
            entry = FIGURES[ident]
            screen_text, print_text = on_screen.get(ident, ""), printed.get(ident, "")
            if not screen_text:
                problems.append(f"{chapter}: figure {ident} has no caption on the page")
                continue
            seen += 1
            if entry.on_screen and entry.on_screen not in screen_text:
                problems.append(f"{chapter} {ident}: the screen caption lacks its hint: {screen_text!r}")
            if GESTURES.search(print_text):
                problems.append(f"{chapter} {ident}: the printed caption asks for a gesture: {print_text!r}")
            if entry.caption.split(".")[0] not in print_text:
                problems.append(f"{chapter} {ident}: the printed caption lost its text: {print_text!r}")
    assert seen == len(FIGURES)
    assert not problems, "\n".join(problems)
