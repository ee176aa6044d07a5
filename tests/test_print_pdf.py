"""The print edition as a reader holds it: the PDF's text, pages, links and outline.

The expected titles and captions come from the built pages in the order of
``_toc.yml``; the PDF is read with pdfium (its text, its text boxes, its
links) and a few of its pages are rendered to pixels. The unit tests check
the link rewriting and the steady bytes without a browser.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from pathlib import Path

import pytest

from analysis.site.print_edition import (
    DOWNLOADS,
    PDF_NAME,
    SCREEN_ONLY,
    link_target,
    print_article,
    steady_pdf,
    toc_pages,
    write_print_edition,
)
from analysis.site.sphinx_print import LINKS_CLASS
from analysis.site.serve import REDIRECT_STUB, site_pages
from tests.built_site import PHONE, open_page

#: PDF points per millimetre, and the printed page's side and top margins.
MM = 72 / 25.4
SIDE_MARGIN = 18 * MM
TOP_MARGIN = 18 * MM
BOTTOM_MARGIN = 20 * MM
#: How far (points) glyph boxes may reach past a margin or into each other (kerning, italics).
SLACK = 1.5


def squeezed(text: str) -> str:
    """Text without whitespace or hyphens, for comparing text whatever its line breaks.

    pdfium reports a hyphen that ends a line as a soft hyphen or not at all,
    so hyphens are dropped on both sides of a comparison.

    Examples
    --------
    >>> squeezed("Figure 7.1 trend-\\r\\nindicator votes\\ufffe")
    'Figure7.1trendindicatorvotes'
    """
    return re.sub(r"[\s\ufffe\u00ad\u0002-]+", "", text)


def expected_headings(site: Path) -> list[str]:
    """Every page title and figure caption of the built book, in reading order, as printed.

    Heading links and the words meant for screens only (how to hover) are left out, as in print.
    """
    from bs4 import BeautifulSoup

    found = []
    for page in toc_pages():
        article = BeautifulSoup((site / f"{page.name}.html").read_text(encoding="utf-8"), "html.parser").article
        for element in article.find_all(["h1", "figcaption"]):
            for screen_only in element.select(".headerlink, .rir-screen-only"):
                screen_only.decompose()
            found.append(" ".join(element.get_text(" ").split()))
    return found


# ---------------------------------------------------------------------------
# Without a browser.
# ---------------------------------------------------------------------------


def test_links_point_inside_the_pdf_or_to_the_web() -> None:
    anchors = {"book/arms.html": "arms", "book/index.html": "index"}
    assert link_target("index.html#id4", "book/arms", anchors) == "#index--id4"
    assert link_target("#fig-arms-flow", "book/arms", anchors) == "#arms--fig-arms-flow"
    assert link_target("https://example.org/a?b=c#d", "book/arms", anchors) == "https://example.org/a?b=c#d"
    assert link_target("../search.html", "book/arms", anchors) is None
    assert link_target("../_static/charts/a.svg", "book/arms", anchors) is None


def test_an_article_loses_its_screen_parts_and_keeps_its_text(tmp_path: Path) -> None:
    (tmp_path / "_static" / "charts").mkdir(parents=True)
    (tmp_path / "_static" / "charts" / "c.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    page = (
        '<nav>menu</nav><article class="bd-article"><section id="s"><h1>T<a class="headerlink" href="#s">#</a></h1>'
        '<p>See <a href="#s">here</a> and <a href="../_static/x.zip">the zip</a>.</p>'
        '<figure id="f"><div class="rir-vega"></div><script>x()</script>'
        '<img src="../_static/charts/c.svg" class="rir-print" loading="lazy"><details><summary>S</summary>D</details>'
        '<figcaption>Figure 1 C</figcaption></figure><span aria-describedby="n1">1</span></section></article>'
    )
    section = print_article(page, "book/a", tmp_path, {"book/a.html": "a"})
    assert section["id"] == "a"
    assert section.select(SCREEN_ONLY) == []
    assert [a["href"] for a in section.find_all("a")] == ["#a--s"]
    assert "the zip" in section.get_text()
    image = section.find("img")
    assert image["src"].startswith("data:image/svg+xml;base64,") and "loading" not in image.attrs
    assert section.find("details").has_attr("open")
    assert section.find("span", attrs={"aria-describedby": "a--n1"}) is not None


def test_steady_bytes_keep_the_length_and_forget_the_clock() -> None:
    one = b"%PDF /CreationDate (D:20300101120000+00'00') /ModDate (D:20300101120001+00'00') /ID [<aa11> <bb22>]"
    two = one.replace(b"20300101120000", b"20310505050505").replace(b"aa11", b"cc33")
    assert steady_pdf(one, "2026-12-02") == steady_pdf(two, "2026-12-02")
    assert len(steady_pdf(one, "2026-12-02")) == len(one)
    assert b"D:20261202" in steady_pdf(one, "2026-12-02")


# ---------------------------------------------------------------------------
# The built PDF.
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(built_book: Path):  # type: ignore[no-untyped-def]
    """The built book's PDF, opened with pdfium."""
    import pypdfium2 as pdfium

    path = built_book / DOWNLOADS / PDF_NAME
    assert path.is_file(), f"no print edition at {path}"
    document = pdfium.PdfDocument(path)
    yield document
    document.close()


def page_links(pdf, index: int) -> list[tuple[int | None, str | None]]:  # type: ignore[no-untyped-def]
    """The links of one page: each link's target page index (inside the PDF) or URI (outside)."""
    import pypdfium2.raw as pdfium_c

    page = pdf[index]  # held while its links are read
    links: list[tuple[int | None, str | None]] = []
    position, link = ctypes.c_int(0), pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        destination = pdfium_c.FPDFLink_GetDest(pdf.raw, link)
        action = pdfium_c.FPDFLink_GetAction(link)
        if destination:
            links.append((pdfium_c.FPDFDest_GetDestPageIndex(pdf.raw, destination), None))
        elif action and pdfium_c.FPDFAction_GetType(action) == pdfium_c.PDFACTION_URI:
            size = pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, buffer, size)
            links.append((None, buffer.value.decode("utf-8")))
    return links


def page_texts(pdf) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every page of the PDF."""
    return [pdf[index].get_textpage().get_text_range() for index in range(len(pdf))]


@pytest.mark.browser
@pytest.mark.book
def test_the_pdf_holds_every_title_and_caption_in_order(pdf, built_book: Path) -> None:  # type: ignore[no-untyped-def]
    text = squeezed("".join(page_texts(pdf)))
    position = 0
    for heading in expected_headings(built_book):
        found = text.find(squeezed(heading), position)
        assert found >= 0, f"not in the PDF after the previous heading: {heading!r}"
        position = found
    assert len(expected_headings(built_book)) > len(toc_pages())


@pytest.mark.browser
@pytest.mark.book
def test_the_pdf_unfolds_what_the_pages_fold(pdf, built_book: Path) -> None:  # type: ignore[no-untyped-def]
    """Every folded block of the chapters' text (the dictionary's fields and first rows of each table)
    is printed open: its summary line and what it folds, in order."""
    from bs4 import BeautifulSoup

    text = squeezed("".join(page_texts(pdf)))
    position, folds = 0, 0
    for page in toc_pages():
        article = BeautifulSoup((built_book / f"{page.name}.html").read_text(encoding="utf-8"), "html.parser").article
        for fold in article.select("details.rir-fields, details.rir-first-rows"):
            summary = squeezed(fold.summary.get_text(" "))
            found = text.find(summary, position)
            assert found >= 0, f"{page.name}: not in the PDF after the previous fold: {fold.summary.get_text()!r}"
            first_cell = fold.find("td")
            if first_cell is not None and squeezed(first_cell.get_text(" ")):
                assert squeezed(first_cell.get_text(" ")) in text[found:found + 5000], (page.name, summary)
            position, folds = found, folds + 1
    assert folds > 0


@pytest.mark.browser
@pytest.mark.book
def test_the_pdf_opens_with_a_cover_and_a_linked_contents(pdf, built_book: Path) -> None:  # type: ignore[no-untyped-def]
    texts = page_texts(pdf)
    titles = [heading for heading in expected_headings(built_book) if not heading.startswith("Figure")]
    assert squeezed(titles[0]) in squeezed(texts[0]), "the cover lacks the book's title"
    assert squeezed(texts[1]).startswith("Contents")
    for title in titles:
        assert squeezed(title) in squeezed(texts[1]), f"the contents lack {title!r}"
    # Each line of the contents links to the page where its chapter starts.
    # One link per line of an entry (its number, its words, a wrapped line): one target each.
    lines = [target for target, _ in page_links(pdf, 1) if target is not None]
    targets = [target for k, target in enumerate(lines) if k == 0 or target != lines[k - 1]]
    assert len(targets) == len(titles)
    for title, target in zip(titles, targets, strict=True):
        assert squeezed(texts[target]).startswith(squeezed(title)), f"{title!r} links to page {target + 1}"
    outline = [item.get_title() for item in pdf.get_toc()]
    assert all(any(squeezed(title) in squeezed(entry) for entry in outline) for title in titles)


@pytest.mark.browser
@pytest.mark.book
def test_the_pdf_keeps_the_books_web_links(pdf, built_book: Path) -> None:  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    wanted = set()
    for page in toc_pages():
        article = BeautifulSoup((built_book / f"{page.name}.html").read_text(encoding="utf-8"), "html.parser").article
        for element in article.select(SCREEN_ONLY):
            if not element.decomposed:
                element.decompose()
        wanted |= {a["href"] for a in article.find_all("a", href=True) if a["href"].startswith(("http:", "https:"))}
    found = {uri for index in range(len(pdf)) for _, uri in page_links(pdf, index) if uri}
    assert wanted, "the book links no outside source: the test's premise is gone"
    assert wanted <= found, f"web links lost in print: {sorted(wanted - found)[:5]}"


def overlapping_text(rects: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    """Pairs of text boxes (left, bottom, right, top) drawn over each other.

    Neighbours on one line whose boxes touch by kerning are not counted.

    Examples
    --------
    >>> overlapping_text([(0, 0, 10, 10), (9, 0, 20, 10), (0, 5, 10, 15), (30, 0, 40, 10)])
    [(0, 2)]
    """
    import numpy as np

    boxes = np.array(rects, dtype=float).reshape(-1, 4)
    order = np.argsort(boxes[:, 1], kind="stable")  # by bottom: a box meets only those starting below its top
    left, bottom, right, top = (boxes[order, k] for k in range(4))
    pairs = []
    for i in range(len(order)):
        end = int(np.searchsorted(bottom, top[i] - SLACK, side="left"))
        if end <= i + 1:
            continue
        others = slice(i + 1, end)
        across = np.minimum(right[i], right[others]) - np.maximum(left[i], left[others])
        down = np.minimum(top[i], top[others]) - np.maximum(bottom[i], bottom[others])
        shorter = np.minimum(top[i] - bottom[i], top[others] - bottom[others])
        same_line = (down >= 0.6 * shorter) & (across <= 2)
        for k in np.nonzero((across > SLACK) & (down > SLACK) & ~same_line)[0]:
            first, second = sorted((int(order[i]), int(order[i + 1 + k])))
            pairs.append((first, second))
    return sorted(pairs)


@pytest.mark.browser
@pytest.mark.book
def test_no_text_is_drawn_over_other_text_or_past_the_margins(pdf) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        rects = [textpage.get_rect(k) for k in range(textpage.count_rects())]
        for i, j in overlapping_text(rects):
            problems.append(f"page {index + 1}: {textpage.get_text_bounded(*rects[i])!r} over "
                            f"{textpage.get_text_bounded(*rects[j])!r}")
        for rect in rects:
            if (rect[0] < SIDE_MARGIN - SLACK or rect[2] > width - SIDE_MARGIN + SLACK
                    or rect[3] > height - TOP_MARGIN + SLACK):
                problems.append(f"page {index + 1}: {textpage.get_text_bounded(*rect)!r} runs past the margin")
    assert not problems, "\n".join(problems[:30])


@pytest.mark.browser
@pytest.mark.book
def test_no_page_is_blank_and_no_figure_is_split(pdf, built_book: Path) -> None:  # type: ignore[no-untyped-def]
    texts = page_texts(pdf)
    # Pages rendered to pixels: the first three, one in the middle and the last.
    for index in sorted({0, 1, 2, len(pdf) // 2, len(pdf) - 1}):
        pixels = pdf[index].render(scale=0.5).to_numpy()
        body = pixels[: int(pixels.shape[0] * (1 - BOTTOM_MARGIN / pdf[index].get_size()[1]))]
        assert (body[:, :, :3] < 250).any(), f"page {index + 1} is blank"
    # No page holds only its footer.
    for index, text in enumerate(texts):
        assert len(squeezed(text)) > 40, f"page {index + 1} holds almost nothing: {text!r}"
    # Each figure's caption shares its page with its chart's title, so the figure is whole.
    from bs4 import BeautifulSoup

    for page in toc_pages():
        article = BeautifulSoup((built_book / f"{page.name}.html").read_text(encoding="utf-8"), "html.parser").article
        for figure in article.find_all("figure"):
            image = figure.find("img", class_="rir-print")
            if image is None:
                continue
            svg = (built_book / page.name).parent.joinpath(image["src"]).resolve()
            chart_title = re.search(r"<text[^>]*>([^<]+)</text>", svg.read_text(encoding="utf-8"))
            number = figure.figcaption.find(class_="caption-number").get_text()
            caption = squeezed(number + figure.figcaption.find(class_="caption-text").get_text()[:40])
            pages = [i for i, text in enumerate(texts) if caption in squeezed(text)]
            assert pages, f"{number} is not in the PDF"
            assert chart_title and squeezed(chart_title.group(1)) in squeezed(texts[pages[0]]), (
                f"{number}: its chart is not on its page {pages[0] + 1}"
            )


@pytest.mark.browser
@pytest.mark.book
def test_an_unchanged_book_is_not_printed_again(built_book: Path) -> None:
    from analysis.site.build import STAGE_HTML
    from analysis.site.offline import write_offline_copy

    # The stage the build printed from, unchanged since: neither file is made again.
    assert not write_print_edition(STAGE_HTML)[1]
    assert not write_offline_copy(STAGE_HTML)[1]


@pytest.mark.browser
def test_every_page_links_the_pdf_and_the_offline_copy_even_on_a_phone(browser, site_url: str, built_book: Path) -> None:
    for name in site_pages(built_book):
        html = (built_book / name).read_text(encoding="utf-8")
        if name == REDIRECT_STUB:
            continue  # the stub that sends the reader on to the first page
        hrefs = re.findall(rf'<p class="{LINKS_CLASS}">(.*?)</p>', html, re.DOTALL)
        assert hrefs, f"{name}: no links to the PDF and the offline copy"
        for href in re.findall(r'href="([^"]+)"', hrefs[0]):
            assert (built_book / name).parent.joinpath(href).resolve().is_file(), f"{name}: {href} is missing"
    page, visit = open_page(browser, f"{site_url}/book/arms.html", {"width": 390, "height": PHONE["height"]})
    try:
        for link in page.locator(f"p.{LINKS_CLASS} a").all():
            link.scroll_into_view_if_needed()
            assert link.is_visible()
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"link off screen: {box}"
        page.emulate_media(media="print")
        assert not page.locator(f"p.{LINKS_CLASS}").is_visible()
        assert not visit.problems("arms")
    finally:
        page.context.close()
