"""The built site as a reader's browser meets it: its pages, a loopback server, Chromium.

Shared by the browser tests and ``make bench``, so that both open the same
pages, from the same kind of server, in the same browser.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.paths import HTML_DIR
from analysis.site.render import CHART_CLASS

#: Debian's Chromium (``apt-get install chromium``); no browser is ever downloaded.
CHROMIUM = Path("/usr/bin/chromium")

#: Flags for a quiet headless Chromium that never calls home.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
)

#: Folders of the built site that hold assets, sources and reports, not pages.
NON_PAGE_DIRS = frozenset({"_static", "_sources", "_images", "reports", "_sphinx_design_static"})

#: The redirect stub at the site's root (a meta refresh to ``book/index.html``).
REDIRECT_STUB = "index.html"


def site_pages(html_dir: Path = HTML_DIR) -> list[str]:
    """Every HTML page of the built site, as sorted paths relative to its root."""
    relative = (p.relative_to(html_dir) for p in sorted(html_dir.rglob("*.html")))
    return [p.as_posix() for p in relative if not NON_PAGE_DIRS & set(p.parts)]


def chart_count(html: str) -> int:
    """The number of chart blocks in a page's HTML.

    Examples
    --------
    >>> chart_count('<div class="rir-vega"></div><div class="rir-vega"></div>')
    2
    """
    return html.count(f'class="{CHART_CLASS}"')


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextmanager
def serve(html_dir: Path = HTML_DIR) -> Iterator[str]:
    """Serve ``html_dir`` on a free loopback port; yield its base URL.

    Examples
    --------
    >>> import tempfile, urllib.request
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.html").write_text("hello")
    >>> with serve(folder) as url:
    ...     urllib.request.urlopen(f"{url}/a.html").read()
    b'hello'
    """
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
