"""Shared fixtures: the real package, the raw sources, the built and served book."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.datapackage import DataPackage, load_package
from analysis.paths import HTML_DIR, default_sources_dir

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def package() -> DataPackage:
    """The project's validated data package."""
    return load_package()


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The raw sources folder; tests that need it skip when it is absent."""
    path = default_sources_dir()
    if not path.is_dir():
        pytest.skip(f"raw sources not present at {path} (they live beside the repo in ../shared)")
    return path


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book once per test session (fast when nothing changed)."""
    from analysis.build_book import build

    code = build()
    assert code == 0, "the book build failed; see the output above"
    return HTML_DIR


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture(scope="session")
def site_url(built_book: Path) -> Iterator[str]:
    """Serve the built book on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium, driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    if shutil.which("chromium") is None and not CHROMIUM.exists():
        pytest.fail("chromium not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()
