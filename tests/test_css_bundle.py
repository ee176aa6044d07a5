"""Each page draws with one stylesheet: its sheets, bundled in their order.

The unit tests hold :mod:`analysis.site.css_bundle` to its promises on small
sites: the order of the cascade, addresses that still reach their files, links
for a particular medium or outside the site left alone, a second build that
finds the parts of a bundle a page already links, stale bundles removed, and a
clear error for what cannot be bundled. The book test reads the built site.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from analysis.site.css_bundle import (BUNDLE_DIR, BUNDLE_PREFIX, BundleError, bundle_page, bundle_parts,
                                      bundle_site_styles, bundle_text, page_stylesheets)
from analysis.site.css_purge import site_pages

HEAD = """<!DOCTYPE html><html><head>
<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" type="text/css" href="../_static/rir-charts.css?v=2" />
<link rel="stylesheet" href="../_static/rir-print.css" media="print" />
<link rel="stylesheet" href="https://example.org/outside.css" />
<link rel="stylesheet" type="text/css" href="../_static/rir-numbers.css" />
</head><body><p class="x">text</p>
<link rel="stylesheet" href="../_static/in-body.css" />
</body></html>"""

SHEETS = {
    "styles/theme.css": '@charset "UTF-8";\n.a{background:url(../icons/a.svg)}',
    "rir-charts.css": ".b{background:url(icons/b.svg)}",
    "rir-print.css": "@media print{.c{color:black}}",
    "rir-numbers.css": ".d{color:red}",
    "in-body.css": ".e{color:blue}",
}


def _site(root: Path, pages: dict[str, str] | None = None) -> Path:
    for name, text in SHEETS.items():
        (root / "_static" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "_static" / name).write_text(text, encoding="utf-8")
    for name, text in (pages or {"book/a.html": HEAD, "book/b.html": HEAD}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


_STYLESHEET = re.compile(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link\b[^>]*href="([^"]+)"[^>]*rel="stylesheet"')


def _links(page: str) -> list[str]:
    """The stylesheets a page's head links, in order."""
    return [a or b for a, b in _STYLESHEET.findall(page.split("</head>", 1)[0])]


def test_a_page_links_one_bundle_in_the_place_of_its_first_sheet(tmp_path: Path) -> None:
    site = _site(tmp_path)
    page, name, text = bundle_page(HEAD, "book", site / "_static")
    assert name is not None and text is not None
    assert name.startswith(f"{BUNDLE_DIR}/{BUNDLE_PREFIX}") and name.endswith(".css")
    # The bundle first, where theme.css was; the print sheet and the outside sheet stay, in order.
    assert _links(page) == [f"../_static/{name}", "../_static/rir-print.css", "https://example.org/outside.css"]
    # The body's link is not the head's: left alone.
    assert '<link rel="stylesheet" href="../_static/in-body.css" />' in page
    # The cascade's order, each part's addresses reaching the same files from the bundle's folder.
    assert [part for part, _ in bundle_parts(text)] == ["styles/theme.css", "rir-charts.css", "rir-numbers.css"]
    for part, body in bundle_parts(text):
        assert body == SHEETS[part].replace('@charset "UTF-8";\n', ""), part
    assert "url(../icons/b.svg)" in text and "url(../icons/a.svg)" in text
    assert text.startswith('@charset "UTF-8";') and text.count("@charset") == 1


def test_a_page_with_one_sheet_is_left_alone(tmp_path: Path) -> None:
    site = _site(tmp_path)
    single = '<html><head><link rel="stylesheet" href="../_static/rir-charts.css" /></head><body></body></html>'
    assert bundle_page(single, "book", site / "_static") == (single, None, None)


def test_a_site_is_bundled_once_and_a_second_build_finds_the_parts(tmp_path: Path) -> None:
    site = _site(tmp_path)
    sizes = bundle_site_styles(site)
    assert len(sizes) == 1, "two pages linking the same sheets share one bundle"
    (name,) = sizes
    first = {p: p.read_text(encoding="utf-8") for p in site_pages(site)}
    assert all(f'href="../_static/{name}"' in text for text in first.values())
    # Nothing changed: nothing is rewritten, the same bundle stays.
    assert bundle_site_styles(site) == sizes
    assert {p: p.read_text(encoding="utf-8") for p in site_pages(site)} == first
    # A sheet changes (a later build trimmed it again): the pages that Sphinx did not rewrite get a
    # new bundle with the new text, and the old bundle goes.
    (site / "_static" / "rir-numbers.css").write_text(".d{color:green}", encoding="utf-8")
    (again,) = bundle_site_styles(site)
    assert again != name and not (site / "_static" / name).exists()
    text = (site / "_static" / again).read_text(encoding="utf-8")
    assert dict(bundle_parts(text))["rir-numbers.css"] == ".d{color:green}"
    for page in site_pages(site):
        assert page_stylesheets(page.read_text(encoding="utf-8"), "book", site / "_static") == [
            "styles/theme.css", "rir-charts.css", "rir-numbers.css", "rir-print.css"]


def test_a_page_rewritten_by_sphinx_joins_the_bundle_of_the_others(tmp_path: Path) -> None:
    site = _site(tmp_path)
    bundle_site_styles(site)
    (site / "book" / "b.html").write_text(HEAD, encoding="utf-8")  # Sphinx wrote it again
    sizes = bundle_site_styles(site)
    assert len(sizes) == 1
    assert (site / "book" / "a.html").read_text(encoding="utf-8") == (site / "book" / "b.html").read_text(encoding="utf-8")


def test_what_cannot_be_bundled_is_named(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "_static" / "rir-charts.css").write_text('@import "other.css"; .b{}', encoding="utf-8")
    with pytest.raises(BundleError, match=r"book/a\.html: _static/rir-charts\.css: an @import"):
        bundle_site_styles(site)
    site = _site(tmp_path / "missing")
    (site / "_static" / "rir-numbers.css").unlink()
    with pytest.raises(BundleError, match=r"book/a\.html: _static/rir-numbers\.css: a page links"):
        bundle_site_styles(site)
    # Nothing was half-written: no page links a bundle, none was written.
    assert not list((site / "_static" / BUNDLE_DIR).glob(f"{BUNDLE_PREFIX}*"))
    assert (site / "book" / "a.html").read_text(encoding="utf-8") == HEAD


def test_an_import_inside_a_comment_does_not_count() -> None:
    assert "/* @import was here */" in bundle_text([("a.css", "/* @import was here */ a{}")])


@pytest.mark.browser
@pytest.mark.book
def test_every_page_of_the_book_draws_with_one_bundled_sheet(built_book: Path) -> None:
    """Each page links one stylesheet in its head, a bundle the site holds, whose parts are
    the site's sheets as served, their addresses reaching files the site holds."""
    static = built_book / "_static"
    linked: set[str] = set()
    for path in site_pages(built_book):
        text = path.read_text(encoding="utf-8")
        page_dir = posixpath.dirname(path.relative_to(built_book).as_posix())
        links = _links(text)
        if not links:
            continue
        assert len(links) == 1, (path.name, links)
        name = posixpath.normpath(posixpath.join(page_dir, links[0]))
        assert name.startswith(f"_static/{BUNDLE_DIR}/{BUNDLE_PREFIX}"), (path.name, name)
        linked.add(name)
        parts = page_stylesheets(text, page_dir, static)
        assert "styles/pydata-sphinx-theme.css" in parts and len(parts) >= 5, parts
    assert linked
    assert {f"_static/{BUNDLE_DIR}/{p.name}" for p in (static / BUNDLE_DIR).glob(f"{BUNDLE_PREFIX}*")} == linked
    for name in linked:
        bundle = (built_book / name).read_text(encoding="utf-8")
        for part, body in bundle_parts(bundle):
            assert body == (static / part).read_text(encoding="utf-8").replace('@charset "UTF-8";', "").strip("\n"), part
        for address in re.findall(r"""url\(\s*['"]?([^'")]+)""", bundle):
            if not re.match(r"[a-z]+:|#", address):
                assert (built_book / posixpath.dirname(name) / address.split("?")[0].split("#")[0]).is_file(), address
