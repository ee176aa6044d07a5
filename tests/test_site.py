"""The built site, read as files: internal links, downloads, weights, reproducibility."""

from __future__ import annotations

import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from analysis.package import DataPackage
from analysis.site.serve import chart_count, site_pages
from analysis.site.sphinx_downloads import ZIP_NAME, chapter_sources
from analysis.site.sphinx_vega import BUNDLE_NAME, SPEC_PATTERN, SPEC_REF_PATTERN, spec_script_text, static_texts
from tests.built_site import chart_ids

# The built site read as files, no Chromium: marked ``book``, and ``browser`` too
# so that ``pytest -m "not browser"`` never builds the book (see pyproject.toml).
pytestmark = [pytest.mark.browser, pytest.mark.book]

EXTERNAL_SCHEMES = {"http", "https", "mailto", "data", "javascript", "tel"}
PAGE_BUDGET_BYTES = 300_000


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        for key in ("href", "src"):
            target = values.get(key)
            if target and not (tag == "link" and values.get("rel") in ("preconnect",)):
                self.links.append(target)


def _parse(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(html_dir: Path) -> list[Path]:
    return [html_dir / relative for relative in site_pages(html_dir)]


def test_book_has_chart_pages(built_book: Path) -> None:
    pages = site_pages(built_book)
    assert "book/index.html" in pages
    charted = [p for p in pages if chart_count((built_book / p).read_text(encoding="utf-8"))]
    assert charted, "no page of the book holds a chart"


def test_every_internal_link_and_anchor_resolves(built_book: Path) -> None:
    parsed = {p: _parse(p) for p in _pages(built_book)}
    broken: list[str] = []
    checked = 0
    for page, parser in parsed.items():
        for link in parser.links:
            url = urlparse(link)
            if url.scheme in EXTERNAL_SCHEMES or link.startswith("//"):
                continue
            target = page if not url.path else (page.parent / unquote(url.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(built_book)} -> {link} (missing file)")
                continue
            if url.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page.relative_to(built_book)} -> {link} (missing anchor)")
    assert checked > 20
    assert not broken, "\n".join(broken)


def test_pages_stay_within_the_weight_budget(built_book: Path) -> None:
    heavy = {
        p.relative_to(built_book).as_posix(): p.stat().st_size
        for p in _pages(built_book)
        if p.stat().st_size > PAGE_BUDGET_BYTES
    }
    assert not heavy, f"pages over {PAGE_BUDGET_BYTES:,} bytes: {heavy}"


def test_vega_is_served_once_from_the_site(built_book: Path) -> None:
    bundle = built_book / "_static" / BUNDLE_NAME
    script = bundle.read_text(encoding="utf-8")
    # The Vega runtime and vega-tooltip, no Vega-Lite compiler and no Vega-Embed (issue 16).
    assert bundle.stat().st_size > 300_000 and "vg-tooltip-element" in script and "containerSize" in script
    assert "vega-lite" not in script and "vega-embed" not in script
    for page in _pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text and "unpkg.com" not in text, page
        if chart_count(text):
            assert text.count(BUNDLE_NAME) == 1, page


def test_package_zip_opens_and_validates(
    built_book: Path, tmp_path: Path, package: DataPackage
) -> None:
    from frictionless import Package

    archive = built_book / "_static" / "downloads" / ZIP_NAME
    with zipfile.ZipFile(archive) as opened:
        assert opened.testzip() is None
        opened.extractall(tmp_path)
    descriptor = tmp_path / "russia-iran-relations" / "datapackage.json"
    assert Package(str(descriptor)).validate().valid
    published = json.loads(descriptor.read_text())
    names = {r["name"] for r in published["resources"]}
    # Every resource of the repository's package, and the rows of each book chart's view.
    viewed = {name for view in published["views"] for name in view["resources"]}
    assert names == set(package) | viewed
    assert viewed and not viewed & set(package)


def test_chart_exports_exist_for_every_chart(built_book: Path) -> None:
    charts = built_book / "_static" / "charts"
    for page in _pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert not SPEC_PATTERN.search(text), f"{page}: a chart's spec is written into the page"
        for ident in set(SPEC_REF_PATTERN.findall(text)):
            for suffix in ("svg", "png", "json", "spec.js", "narrow.svg", "narrow.spec.js"):
                assert (charts / f"{ident}.{suffix}").stat().st_size > 0, (page, ident, suffix)
            # The charts the page draws (wide and narrow) are compiled from the spec offered for download.
            spec = json.loads((charts / f"{ident}.json").read_text(encoding="utf-8"))
            assert (charts / f"{ident}.spec.js").read_text(encoding="utf-8") == spec_script_text(spec, ident)
            narrow = (charts / f"{ident}.narrow.spec.js").read_text(encoding="utf-8")
            assert narrow == spec_script_text(spec, ident, narrow=True)
            for suffix in ("svg", "narrow.svg"):
                svg = (charts / f"{ident}.{suffix}").read_text(encoding="utf-8")
                assert "<svg" in svg and "role-mark" in svg
                # A still image asks for no drag or click, not even in a wrapped title.
                assert not [text for text in static_texts() if text.split(";")[0] in svg], (page, ident, suffix)


@pytest.mark.parametrize("name", [p.stem for p in chapter_sources()])
def test_downloaded_notebook_runs(built_book: Path, name: str) -> None:
    """Each chapter's .ipynb download executes without error in the project's kernel."""
    import nbformat
    from nbclient import NotebookClient

    from analysis.paths import BOOK_DIR

    path = built_book / "_static" / "downloads" / "notebooks" / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(BOOK_DIR)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # A second, independent execution gives the very same chart specs as the build.
    rerun_ids = {
        ident
        for output in outputs
        for key, value in output.get("data", {}).items()
        if key.endswith("text/html")  # displayed, or glued under a papermill prefix
        for ident in chart_ids(str(value))
    }
    page = (built_book / "book" / f"{name}.html").read_text(encoding="utf-8")
    assert rerun_ids == set(chart_ids(page))
