"""The sidebar buttons a reader sees open the book's navigation, on a phone and on a wide screen.

pydata-sphinx-theme 0.17 binds its sidebar handlers to the first ``.primary-toggle``
and ``.secondary-toggle`` of a page, the top bar's, which sphinx-book-theme hides;
the buttons in the article's header did nothing (the theme's issue 2451), so on a
phone the table of contents could not be opened. ``rir-theme.js`` passes their
click on. These tests tap the buttons that are visible and read what opens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

from tests.built_site import DESKTOP, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGE = "book/alignment.html"


@contextmanager
def reading(browser: Browser, url: str, viewport: dict[str, int]) -> Iterator[Page]:
    """A page opened and loaded in its own context; no script error may occur on it."""
    page, visit = open_page(browser, url, viewport)
    try:
        page.wait_for_load_state("load")
        yield page
        assert not visit.page_errors, visit.page_errors
    finally:
        page.context.close()


def is_open(page: Page, dialog: str) -> bool:
    return bool(page.evaluate(f"document.querySelector('{dialog}').open"))


def visible_button(page: Page, selector: str) -> Locator:
    """The one button matching ``selector`` that the reader sees."""
    buttons = page.locator(selector).filter(visible=True)
    assert buttons.count() == 1, f"{buttons.count()} visible {selector} buttons"
    return buttons.first


def in_view(locator: Locator, page: Page) -> bool:
    """Whether an element is drawn inside the window."""
    box = locator.bounding_box()
    size = page.viewport_size or PHONE
    return box is not None and box["width"] > 0 and 0 <= box["x"] < size["width"] and 0 <= box["y"] < size["height"]


def test_the_phone_menu_opens_the_table_of_contents_and_closes(browser: Browser, site_url: str) -> None:
    with reading(browser, f"{site_url}/{PAGE}", PHONE) as page:
        button = visible_button(page, ".primary-toggle")
        button.click()
        dialog = page.locator("#pst-primary-sidebar-modal")
        page.wait_for_function("document.querySelector('#pst-primary-sidebar-modal').open")
        assert in_view(dialog.get_by_role("link", name="8. Timeline"), page), "the timeline's entry is off the screen"
        assert "Alignment measured" in dialog.locator("a.current").first.inner_text()
        page.keyboard.press("Escape")
        page.wait_for_function("!document.querySelector('#pst-primary-sidebar-modal').open")
        assert button.evaluate("b => b === document.activeElement"), "focus did not return to the menu button"
        button.click()
        page.wait_for_function("document.querySelector('#pst-primary-sidebar-modal').open")
        with page.expect_navigation(wait_until="load"):
            dialog.get_by_role("link", name="8. Timeline").click()
        assert page.url.endswith("/book/timeline.html")


def test_the_phone_contents_button_opens_the_page_sections(browser: Browser, site_url: str) -> None:
    with reading(browser, f"{site_url}/{PAGE}", PHONE) as page:
        headings = [text.strip() for text in page.locator("article h2").all_inner_texts()]
        visible_button(page, ".secondary-toggle").click()
        page.wait_for_function("document.querySelector('#pst-secondary-sidebar-modal').open")
        entries = page.locator("#pst-secondary-sidebar-modal nav a")
        assert in_view(entries.first, page)
        listed = [text.strip() for text in entries.all_inner_texts()]
        assert listed[0] == headings[0], (listed[:3], headings[:3])


def test_the_wide_screen_sidebar_button_folds_the_sidebar_away_and_back(browser: Browser, site_url: str) -> None:
    with reading(browser, f"{site_url}/{PAGE}", DESKTOP) as page:
        sidebar = page.locator("#pst-primary-sidebar")
        article = page.locator("main .bd-article-container")
        before = (sidebar.bounding_box()["width"], article.bounding_box()["width"])
        assert before[0] > 100
        hidden = "getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility === 'hidden'"
        visible_button(page, ".primary-toggle").click()
        page.wait_for_function(hidden)
        page.wait_for_timeout(600)  # the sidebar slides away
        assert article.bounding_box()["width"] > before[1], "the article did not take the sidebar's room"
        assert not is_open(page, "#pst-primary-sidebar-modal")
        visible_button(page, ".primary-toggle").click()
        page.wait_for_function(f"!({hidden})")
        page.wait_for_timeout(600)
        assert sidebar.bounding_box()["width"] == pytest.approx(before[0], abs=2)
