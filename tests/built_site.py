"""Helpers for the tests of the built site: its pages, its charts, a page in Chromium.

A plain module, not a test module: the site and browser tests import it
(``from tests.built_site import ...``); the fixtures that build, serve and
drive the book live in ``conftest.py``. Page listing and serving come from
:mod:`analysis.site.serve`, which ``make bench`` uses too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from analysis.site.render import CHART_CLASS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route, ViewportSize

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
PHONE: ViewportSize = {"width": 375, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

#: CSS selector of the chart blocks the page's script draws into.
CHARTS = f"div.{CHART_CLASS}"

_CHART_ID = re.compile(r'data-rir-chart="([0-9a-f]+)"')


def chart_ids(html: str) -> list[str]:
    """The ids of the chart blocks in a page's HTML, in order."""
    return _CHART_ID.findall(html)


@dataclass
class PageVisit:
    """What a page did while open: blocked outside requests and errors."""

    outside_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self, where: str) -> list[str]:
        """One line per kind of trouble, prefixed with ``where``."""
        found = {
            "outside requests": self.outside_requests,
            "page errors": self.page_errors,
            "console errors": self.console_errors,
        }
        return [f"{where}: {kind} {items}" for kind, items in found.items() if items]


def open_page(browser: Browser, url: str, viewport: ViewportSize) -> tuple[Page, PageVisit]:
    """Open ``url`` in a fresh context, outside hosts blocked and every error recorded.

    Close the page's context (``page.context.close()``) when done.
    """
    page = browser.new_context(viewport=viewport).new_page()
    visit = PageVisit()

    def guard(route: Route) -> None:
        target = urlparse(route.request.url)
        if target.scheme in ("http", "https", "ws", "wss") and (
            target.hostname or ""
        ) not in LOCAL_HOSTS:
            visit.outside_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    page.on(
        "console",
        lambda message: visit.console_errors.append(message.text)
        if message.type == "error"
        else None,
    )
    page.goto(url, wait_until="load")
    return page, visit


def wait_for_charts(page: Page) -> int:
    """Wait until every chart block has been drawn (or failed); return the count."""
    count = page.locator(CHARTS).count()
    if count:
        page.wait_for_function(
            f"() => [...document.querySelectorAll('{CHARTS}')]"
            ".every(d => d.dataset.rirDrawn === 'yes' || d.dataset.rirDrawn === 'error')",
            timeout=45_000,
        )
    return count
