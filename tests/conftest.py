"""Shared fixtures: the real package, the raw sources, the built and served book.

Tests that use the built book (``built_book``, ``site_url``, ``browser``) must
be marked ``browser`` so that ``pytest -m "not browser"`` never builds it;
collection stops with an error naming any test that is not. See the markers in
``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from analysis.package import DataPackage, load_package
from analysis.paths import HTML_DIR, default_sources_dir
from analysis.site.serve import CHROMIUM, CHROMIUM_ARGS, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: Fixtures that need the built book; a test using one must be marked ``browser``.
BOOK_FIXTURES = {"built_book", "site_url", "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a test that needs the built book but would run under ``-m "not browser"``."""
    unmarked = [
        item.nodeid
        for item in items
        if BOOK_FIXTURES & set(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "these tests need the built book but are not marked browser:\n  "
            + "\n  ".join(unmarked)
        )


@pytest.fixture(scope="session")
def package() -> DataPackage:
    """The project's validated data package."""
    return load_package()


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The raw sources folder; tests that need it skip when it is absent."""
    path = default_sources_dir()
    if not path.is_dir():
        pytest.skip(f"raw sources not present at {path} (they live beside the repo in ../shared; "
                    "set RIR_SOURCES to read them elsewhere)")
    return path


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book once per test session (fast when nothing changed)."""
    from analysis.site.build import build

    code = build()
    assert code == 0, "the book build failed; see the output above"
    return HTML_DIR


@pytest.fixture(scope="session")
def site_url(built_book: Path) -> Iterator[str]:
    """Serve the built book on a free loopback port."""
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()
