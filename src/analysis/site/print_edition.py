"""The print edition: the whole book as one PDF, printed by Debian's Chromium.

A stage of ``make book`` (see :mod:`analysis.site.build`), run on the staged
site before it is published, as ``python -m analysis.site.print_edition SITE``.
It also packs the offline copy (:mod:`analysis.site.offline`) afterwards, so
that the copy holds the PDF.

How the PDF is made:

1. :func:`toc_pages` lists the book's pages in the order of ``_toc.yml``, with
   the part each belongs to.
2. :func:`print_article` takes each page's article from the staged HTML and
   makes it fit for paper: the interactive chart becomes its static SVG
   export (embedded as a ``data:`` image), buttons, scripts, forms and the
   chart views go, folded details are opened, every ``id`` gets the page's
   name as prefix (two pages may both have a ``summary`` section), and links
   between pages point inside the PDF. Links to the web are kept; links to the
   site's own files (downloads), which a PDF cannot follow, become plain text.
3. :func:`edition_html` puts a cover and a contents list before the chapters,
   with the stylesheet ``rir-print.css``.
4. :func:`print_pdf` loads that page into Chromium and prints it on A4, page
   numbers in the footer, with a tagged structure and an outline.
5. :func:`steady_pdf` replaces the dates and the document ID Chromium writes
   with values derived from the data package and the content, so that two
   builds of the same book give the same bytes.

The inputs (the staged pages, their charts, the stylesheets, this module and
the package descriptor) are hashed; when the hash matches the last print and
the PDF is there, nothing is printed again.
"""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import yaml

from analysis.paths import DESCRIPTOR_PATH, REPO_ROOT

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

#: Where the site's downloads live, relative to its root.
DOWNLOADS = "_static/downloads"
#: The PDF's name in :data:`DOWNLOADS`.
PDF_NAME = "russia-iran-relations.pdf"
#: The print stylesheet (in the extension's static folder, also served with the site).
STATIC_DIR = Path(__file__).parent / "static"
PRINT_CSS = STATIC_DIR / "rir-print.css"
#: Site stylesheets the print page reuses: the numbered notes of traced numbers.
REUSED_CSS: tuple[Path, ...] = (STATIC_DIR / "rir-numbers.css",)
TOC_PATH = REPO_ROOT / "_toc.yml"
CONFIG_PATH = REPO_ROOT / "_config.yml"

#: Elements that only make sense on screen.
SCREEN_ONLY = (
    "script, noscript, style, button, form, input, label, "
    ".headerlink, .rir-vega, .rir-downloads, .rir-views, .rir-screen-only, "
    ".rir-notebook-download, .rir-kit-download, .d-print-none"
)
#: Attributes naming one or more ids, rewritten with the page's prefix.
ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for", "data-for")
#: Footer of every printed page; Chromium fills the ``pageNumber`` and ``totalPages`` spans.
FOOTER = (
    '<div style="width:100%;font-size:8px;font-family:\'DejaVu Sans\',sans-serif;color:#444;'
    'padding:0 18mm;display:flex;justify-content:space-between">'
    "<span>{title}</span>"
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


@dataclass(frozen=True)
class TocPage:
    """A page of the book: its Sphinx name (``book/arms``) and the part it opens, if any."""

    name: str
    part: str | None = None

    @property
    def anchor(self) -> str:
        """The id of the page's start in the print edition.

        Examples
        --------
        >>> TocPage("book/arms").anchor
        'arms'
        """
        return self.name.rsplit("/", 1)[-1]


def toc_pages(toc_path: Path = TOC_PATH) -> list[TocPage]:
    """The book's pages in reading order, from a Jupyter Book ``_toc.yml``.

    The first page of each part carries the part's caption.

    Examples
    --------
    >>> import tempfile
    >>> toc = Path(tempfile.mkdtemp()) / "_toc.yml"
    >>> _ = toc.write_text("root: book/index\\nparts:\\n  - caption: One\\n    chapters:\\n"
    ...                    "      - file: book/a\\n      - file: book/b.md\\n")
    >>> toc_pages(toc)
    [TocPage(name='book/index', part=None), TocPage(name='book/a', part='One'), TocPage(name='book/b', part=None)]
    """
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    pages = [TocPage(_doc_name(toc["root"]))]
    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        for index, chapter in enumerate(part.get("chapters", [])):
            pages.append(TocPage(_doc_name(chapter["file"]), part.get("caption") if index == 0 else None))
    return pages


def _doc_name(file: str) -> str:
    return re.sub(r"\.(md|ipynb|rst)$", "", file)


# ---------------------------------------------------------------------------
# One page's article, made fit for paper.
# ---------------------------------------------------------------------------


def prefixed(anchor: str, fragment: str) -> str:
    """The print edition's id for ``fragment`` of the page whose anchor is ``anchor``.

    Examples
    --------
    >>> prefixed("arms", "summary")
    'arms--summary'
    """
    return f"{anchor}--{fragment}"


def link_target(href: str, page: str, anchors: dict[str, str]) -> str | None:
    """Where a link of ``page`` points in the print edition, or ``None`` to drop the link.

    ``anchors`` maps each book page's file (``book/arms.html``) to its anchor.
    A link to a book page goes to its start or to the prefixed id inside the
    PDF; a link to the web is kept; any other (the site's own files) is dropped.

    Examples
    --------
    >>> anchors = {"book/arms.html": "arms", "book/data.html": "data"}
    >>> link_target("#summary", "book/arms", anchors)
    '#arms--summary'
    >>> link_target("data.html#reusing-the-data", "book/arms", anchors)
    '#data--reusing-the-data'
    >>> link_target("arms.html", "book/data", anchors)
    '#arms'
    >>> link_target("https://www.sipri.org/", "book/arms", anchors)
    'https://www.sipri.org/'
    >>> link_target("../_static/downloads/data.zip", "book/arms", anchors) is None
    True
    """
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto"):
        return href
    if parts.scheme or parts.netloc:
        return None
    here = page.rsplit("/", 1)[0] if "/" in page else ""
    if parts.path:
        target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
    else:
        target = f"{page}.html"
    anchor = anchors.get(target)
    if anchor is None:
        return None
    return f"#{prefixed(anchor, parts.fragment)}" if parts.fragment else f"#{anchor}"


def data_uri(path: Path) -> str:
    """The file at ``path`` as a ``data:`` URI (SVG, PNG or JPEG).

    Examples
    --------
    >>> import tempfile
    >>> svg = Path(tempfile.mkdtemp()) / "a.svg"
    >>> _ = svg.write_text("<svg/>")
    >>> data_uri(svg)
    'data:image/svg+xml;base64,PHN2Zy8+'
    """
    kinds = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
    kind = kinds.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def print_article(page_html: str, page: str, site: Path, anchors: dict[str, str]) -> Tag:
    """The article of one built page, made fit for paper (see the module's docstring).

    Returns a ``<section class="rir-print-page">`` whose id is the page's anchor.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    article = soup.find("article")
    if article is None:
        raise ValueError(f"{page}: no <article> in the built page")
    anchor = anchors[f"{page}.html"]
    here = page.rsplit("/", 1)[0] if "/" in page else ""

    for element in article.select(SCREEN_ONLY):
        if not element.decomposed:
            element.decompose()
    for details in article.find_all("details"):
        details["open"] = ""
    for image in article.find_all("img"):
        source = urlsplit(image.get("src", ""))
        if not source.scheme:
            image["src"] = data_uri(site / posixpath.normpath(posixpath.join(here, unquote(source.path))))
        image.attrs.pop("loading", None)
    for element in article.find_all(True):
        if element.get("id"):
            element["id"] = prefixed(anchor, element["id"])
        for name in ID_REFERENCES:
            if element.get(name):
                element[name] = " ".join(prefixed(anchor, ref) for ref in str(element[name]).split())
        element.attrs.pop("tabindex", None)
    for link in article.find_all("a", href=True):
        target = link_target(link["href"], page, anchors)
        if target is None:
            link.unwrap()
        else:
            link["href"] = target
            link.attrs.pop("target", None)
            link.attrs.pop("download", None)

    section = soup.new_tag("section", attrs={"class": "rir-print-page", "id": anchor})
    for child in list(article.contents):
        section.append(child.extract())
    return section


# ---------------------------------------------------------------------------
# The whole edition.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A line of the contents: the page's anchor, number (maybe empty), title and part."""

    anchor: str
    number: str
    title: str
    part: str | None


def contents_entry(section: Tag, page: TocPage) -> Entry:
    """The contents line of a printed page, from its first heading."""
    heading = section.find("h1")
    if heading is None:
        raise ValueError(f"{page.name}: no title")
    number_tag = heading.find("span", class_="section-number")
    number = number_tag.get_text().strip() if number_tag else ""
    title = heading.get_text(" ", strip=True)
    if number and title.startswith(number):
        title = title[len(number):].strip()
    return Entry(page.anchor, number, title, page.part)


def book_title(config_path: Path = CONFIG_PATH) -> tuple[str, str]:
    """The book's title and author, from Jupyter Book's ``_config.yml``."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    return str(config["title"]), str(config.get("author", ""))


def cover_html(title: str, author: str, descriptor: dict[str, Any]) -> str:
    """The cover page: title, author and the data package's version and date.

    Examples
    --------
    >>> "Data package 1.0, updated 5 January 2026" in cover_html("T", "A", {"version": "1.0", "created": "2026-01-05"})
    True
    """
    from analysis.coverage import updated_label

    return (
        '<section class="rir-print-cover" id="cover">'
        f'<p class="rir-print-kicker">Print edition</p><h1 class="rir-print-title">{html.escape(title)}</h1>'
        f'<p class="rir-print-author">{html.escape(author)}</p>'
        f'<p class="rir-print-package">{html.escape(updated_label(descriptor))}</p>'
        '<p class="rir-print-note">The charts are printed as still images. The interactive charts, '
        "their data tables and the data package are on the report’s site.</p></section>"
    )


def contents_html(entries: list[Entry]) -> str:
    """The contents list: every page linked to its start in the PDF, under its part's caption.

    Examples
    --------
    >>> print(contents_html([Entry("index", "", "Intro", None), Entry("arms", "6.", "Arms", "Evidence")]))
    <nav class="rir-print-contents" id="contents" aria-label="Contents"><h2>Contents</h2><ol><li><a href="#index">Intro</a></li></ol><h3>Evidence</h3><ol><li><a href="#arms"><span class="rir-print-number">6.</span> Arms</a></li></ol></nav>
    """
    lines = ['<nav class="rir-print-contents" id="contents" aria-label="Contents"><h2>Contents</h2><ol>']
    for entry in entries:
        if entry.part:
            lines.append(f"</ol><h3>{html.escape(entry.part)}</h3><ol>")
        number = f'<span class="rir-print-number">{html.escape(entry.number)}</span> ' if entry.number else ""
        lines.append(f'<li><a href="#{entry.anchor}">{number}{html.escape(entry.title)}</a></li>')
    lines.append("</ol></nav>")
    return "".join(lines).replace("<ol></ol>", "")


def edition_html(site: Path, pages: list[TocPage], descriptor: dict[str, Any], title: str, author: str) -> str:
    """The print edition as one HTML document: cover, contents, then every page in order."""
    anchors = {f"{page.name}.html": page.anchor for page in pages}
    sections = []
    entries = []
    for page in pages:
        section = print_article((site / f"{page.name}.html").read_text(encoding="utf-8"), page.name, site, anchors)
        entries.append(contents_entry(section, page))
        sections.append(str(section))
    styles = "\n".join(path.read_text(encoding="utf-8") for path in (*REUSED_CSS, PRINT_CSS))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta name="author" content="{html.escape(author)}"><style>{styles}</style></head><body>'
        f"{cover_html(title, author, descriptor)}{contents_html(entries)}{''.join(sections)}</body></html>"
    )


# ---------------------------------------------------------------------------
# Printing, and the same bytes for the same book.
# ---------------------------------------------------------------------------


def print_pdf(document: str, title: str) -> bytes:
    """Print an HTML document to an A4 PDF with Debian's Chromium (tagged, with an outline)."""
    from playwright.sync_api import sync_playwright

    from analysis.site.serve import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: install Debian's chromium to print the book")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))
        try:
            # The viewport is the printed width, so that tables are measured as they will print.
            page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1000})
            page.route("**/*", lambda route: route.abort())  # everything is inline: nothing to fetch
            page.emulate_media(media="print")
            page.set_content(document, wait_until="load")
            page.evaluate(FIT_TABLES_JS)
            return page.pdf(
                format="A4",
                margin={"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"},
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(title=html.escape(title)),
                print_background=True,
                tagged=True,
                outline=True,
            )
        finally:
            browser.close()


#: The printed width of an A4 page inside its 18 mm side margins, in CSS pixels (96 per inch).
PRINT_WIDTH_PX = round((210 - 2 * 18) / 25.4 * 96)
#: JavaScript: shrink each table wider than its column to fit it, so that no column is cut off.
FIT_TABLES_JS = """() => {
    for (const table of document.querySelectorAll('table')) {
        const room = table.parentElement.clientWidth;
        if (table.scrollWidth > room + 1) table.style.zoom = (room / table.scrollWidth).toFixed(3);
    }
}"""

_PDF_DATE = re.compile(rb"D:\d{14}[^)>]*")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def pdf_date(created: str) -> bytes:
    """A PDF date (``D:YYYYMMDDHHmmSS``) for an ISO date or date-time.

    Examples
    --------
    >>> pdf_date("2026-12-02T08:30:00Z")
    b'D:20261202083000'
    >>> pdf_date("2026-01-05")
    b'D:20260105000000'
    """
    digits = re.sub(r"\D", "", created)[:14]
    return b"D:" + digits.ljust(14, "0").encode("ascii")


def steady_pdf(pdf: bytes, created: str) -> bytes:
    """The PDF with its dates set to ``created`` and its ID derived from its content.

    Each replacement keeps the length of what it replaces, so the PDF's
    cross-reference offsets stay right.

    Examples
    --------
    >>> raw = b"<</CreationDate (D:20300101120000+00'00')>> /ID [<00ff> <00ff>]"
    >>> steady = steady_pdf(raw, "2026-01-05")
    >>> steady[:43], len(steady) == len(raw), steady_pdf(raw.replace(b"00ff", b"1234"), "2026-01-05") == steady
    (b"<</CreationDate (D:20260105000000+00'00')>>", True, True)
    """

    def dated(match: re.Match[bytes]) -> bytes:
        stamp = pdf_date(created)
        return (stamp + match.group(0)[len(stamp):])[: len(match.group(0))]

    steady = _PDF_DATE.sub(dated, pdf)
    digest = hashlib.sha256(_PDF_ID.sub(b"", steady)).hexdigest().encode("ascii")

    def identified(match: re.Match[bytes]) -> bytes:
        first, second = match.group(1), match.group(2)
        return match.group(0).replace(first, digest[: len(first)]).replace(second, digest[: len(second)])

    return _PDF_ID.sub(identified, steady)


# ---------------------------------------------------------------------------
# The stage: print when the inputs changed.
# ---------------------------------------------------------------------------


def print_inputs(site: Path, pages: list[TocPage]) -> list[Path]:
    """Every file the PDF is made from: pages, the images they show, styles, code, descriptor."""
    files = [site / f"{page.name}.html" for page in pages]
    images = set()
    for page in files:
        for source in re.findall(r'<img [^>]*src="([^":]+)"', page.read_text(encoding="utf-8")):
            images.add(posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), unquote(source))))
    files += [site / image for image in sorted(images)]
    return [*files, *REUSED_CSS, PRINT_CSS, Path(__file__), TOC_PATH, CONFIG_PATH, DESCRIPTOR_PATH]


def inputs_digest(files: list[Path]) -> str:
    """A sha256 over the names and bytes of ``files``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_print_edition(site: Path) -> tuple[Path, bool]:
    """Write the PDF into ``site``'s downloads unless it is there from the same inputs.

    Returns the PDF's path and whether it was printed now. The inputs' hash is
    kept beside the site (in ``.rir-cache`` next to it), not in it.
    """
    pages = toc_pages()
    target = site / DOWNLOADS / PDF_NAME
    stamp = site.parent / ".rir-cache" / "print-edition.sha256"
    digest = inputs_digest(print_inputs(site, pages))
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == digest:
        return target, False
    # Imported only to print: they load pandas and Altair, which a build with nothing to print skips.
    from analysis.package import read_descriptor
    from analysis.site.sphinx_vega import write_atomically

    descriptor = read_descriptor(DESCRIPTOR_PATH)
    title, author = book_title()
    pdf = print_pdf(edition_html(site, pages, descriptor, title, author), title)
    write_atomically(target, steady_pdf(pdf, str(descriptor.get("created", "2026-01-01"))))
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n")
    return target, True


def main(argv: list[str]) -> int:
    """Print the book and pack the offline copy of the site in ``argv[0]``."""
    from analysis.site.offline import write_offline_copy

    site = Path(argv[0])
    pdf, printed = write_print_edition(site)
    if printed:
        print(f"printed {pdf.relative_to(site)} ({pdf.stat().st_size / 1e6:.1f} MB)", flush=True)
    copy, packed = write_offline_copy(site)
    if packed:
        print(f"packed {copy.relative_to(site)} ({copy.stat().st_size / 1e6:.1f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
