"""The offline copy: the site's zip, unzipped and opened from ``file://`` in Chromium.

The zip must hold the whole published site (but itself) under one folder, in
the same bytes every time; unzipped, its pages must draw their charts, find
search results with snippets, follow links and offer downloads that exist,
with no page error and no request leaving the disk.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from analysis.site.offline import ZIP_NAME, ZIP_ROOT, pack, site_files
from analysis.site.print_edition import DOWNLOADS
from analysis.site.serve import REDIRECT_STUB, site_pages
from tests.built_site import CHARTS, DESKTOP, chart_pages, open_page, wait_for_charts


def test_the_zip_is_the_same_bytes_for_the_same_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, text in {"index.html": "a", "_static/b.js": "b", f"{DOWNLOADS}/{ZIP_NAME}": "old"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    names = site_files(site)
    assert names == ["_static/b.js", "index.html"]
    pack(site, names, tmp_path / "one.zip")
    (site / "index.html").touch()  # a newer time changes nothing
    pack(site, names, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == [f"{ZIP_ROOT}/_static/b.js", f"{ZIP_ROOT}/index.html"]


@pytest.fixture(scope="module")
def unzipped(built_book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site's offline copy, unzipped; returns its folder."""
    archive = built_book / DOWNLOADS / ZIP_NAME
    assert archive.is_file(), f"no offline copy at {archive}"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as copy:
        copy.extractall(target)
    return target / ZIP_ROOT


@pytest.mark.browser
@pytest.mark.book
def test_the_zip_holds_the_whole_site_but_itself(built_book: Path, unzipped: Path) -> None:
    assert site_files(unzipped) == site_files(built_book)
    for name in site_files(built_book):
        assert (unzipped / name).read_bytes() == (built_book / name).read_bytes(), f"{name} differs"


def local_targets(html: str) -> list[str]:
    """The local files a page's links, scripts, styles and images name (fragments and queries cut).

    Examples
    --------
    >>> local_targets('<a href="a.html#x">a</a> <img src="i.svg"> <a href="https://x.org/">x</a> <a href="#y">y</a>')
    ['a.html', 'i.svg']
    """
    targets = []
    for value in re.findall(r'(?:href|src)="([^"]*)"', html):
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        targets.append(unquote(parts.path))
    return targets


@pytest.mark.browser
@pytest.mark.book
def test_every_local_link_of_the_copy_names_a_file(unzipped: Path) -> None:
    # The footers link the zip itself, which the copy unpacked from it cannot hold.
    itself = f"{DOWNLOADS}/{ZIP_NAME}"
    missing = []
    for name in site_pages(unzipped):
        page = unzipped / name
        for target in local_targets(page.read_text(encoding="utf-8")):
            resolved = page.parent.joinpath(target).resolve()
            if resolved == unzipped / itself:
                continue
            if target.endswith("/") or not resolved.is_file():
                missing.append(f"{name}: {target}")
    assert not missing, missing[:20]


@pytest.mark.browser
def test_the_copy_works_from_disk(browser, unzipped: Path) -> None:
    root = unzipped.as_uri()
    # The root redirects to the first page; every chart page draws its charts.
    page, visit = open_page(browser, f"{root}/{REDIRECT_STUB}", DESKTOP)
    try:
        page.wait_for_url("**/book/index.html", timeout=15_000)
        problems = visit.problems(REDIRECT_STUB)
        for name in chart_pages(unzipped):
            page.goto(f"{root}/{name}", wait_until="load")
            count = wait_for_charts(page)
            drawn = page.eval_on_selector_all(CHARTS, "ds => ds.filter(d => d.dataset.rirDrawn === 'yes').length")
            assert count and drawn == count, f"{name}: {drawn} of {count} charts drawn from disk"
            assert page.locator(f"{CHARTS} svg").count() >= count, f"{name}: a chart has no SVG"
        problems += visit.problems("chart pages")

        # A link between pages, followed by a click.
        page.goto(f"{root}/book/arms.html", wait_until="load")
        page.locator('article a.reference.internal[href$=".html"]').first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://") and page.url.endswith(".html") and "arms.html" not in page.url

        # A chart's Table view brings in its rows from disk.
        page.goto(f"{root}/book/arms.html", wait_until="load")
        view = page.locator('details[data-rir-view="table"]').first
        view.locator("> summary").click()
        view.locator("table tbody tr").first.wait_for(state="visible", timeout=10_000)
        problems += visit.problems("table view")

        # The footer's PDF link, as the browser resolves it, names the PDF on disk.
        href = page.locator("p.rir-print-links a[href$='.pdf']").evaluate("a => a.href")
        assert Path(unquote(urlsplit(href).path)).read_bytes()[:5] == b"%PDF-"
        # A data download of the data page, as the browser resolves it, is on disk too.
        page.goto(f"{root}/book/data.html", wait_until="load")
        downloads = page.eval_on_selector_all("a[download]", "as => as.map(a => a.href)")
        assert downloads
        for link in downloads:
            assert Path(unquote(urlsplit(link).path)).is_file() or link.endswith(ZIP_NAME), link
        problems += visit.problems("links and downloads")
        assert not problems, problems
    finally:
        page.context.close()


@pytest.mark.browser
def test_search_works_from_disk(browser, unzipped: Path) -> None:
    term = "S-300"
    page, visit = open_page(browser, f"{unzipped.as_uri()}/search.html?q={quote(term)}", DESKTOP)
    try:
        page.wait_for_function(
            """() => {
                const status = document.querySelector('#search-results .search-summary');
                const items = [...document.querySelectorAll('#search-results ul.search > li')];
                return !!status && status.textContent.trim() !== '' && items.length > 0
                    && items.every(li => li.querySelector('p.context'));
            }""",
            timeout=30_000,
        )
        snippets = page.eval_on_selector_all("#search-results ul.search p.context", "ps => ps.map(p => p.textContent)")
        assert any(term in snippet for snippet in snippets), snippets[:3]
        links = page.eval_on_selector_all("#search-results ul.search > li > a", "as => as.map(a => a.href)")
        assert all(link.startswith("file://") and Path(unquote(urlsplit(link).path)).is_file() for link in links)
        assert not visit.problems("search")
    finally:
        page.context.close()
