"""The built pages state their coverage (issue 13): each chapter's evidence span, every page's date.

Read from the built site's files, no browser. Each chapter page shows, under
its standfirst, a coverage line whose spans are those :mod:`analysis.coverage`
computes from the package, in its order, for at least the resources its
figures need (:data:`analysis.figures.registry.CHAPTERS`, ``Figure.needs``);
the data page reads every table, so it shows them all. Every HTML page, the
search and index pages included, shows the package's date in its footer as
:func:`analysis.coverage.updated_label` writes it. Expectations come from the
package, never typed here.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.book import COVERAGE_CLASS, COVERAGE_LEAD
from analysis.coverage import SEPARATOR, TIME_FIELDS, evidence_span, updated_label
from analysis.figures.registry import CHAPTERS, FIGURES
from analysis.package import DataPackage
from analysis.site.sphinx_print import links_paragraph
from analysis.paths import REPO_ROOT
from analysis.site.serve import site_pages
from analysis.site.sphinx_coverage import STAMP_CLASS

# The built site read as files: marked ``book``, and ``browser`` too so that
# ``pytest -m "not browser"`` never builds the book (see pyproject.toml).
pytestmark = [pytest.mark.browser, pytest.mark.book]

#: Pages that must show a coverage line: every chapter with figures, the data page and the
#: data dictionary.
PAGES = [*CHAPTERS, "data", "dictionary"]


class _ClassText(HTMLParser):
    """The text of every element carrying one CSS class, in document order."""

    def __init__(self, css_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.css_class = css_class
        self.found: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth:
            self._depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.found[-1] += data


def _texts(path: Path, css_class: str) -> list[str]:
    parser = _ClassText(css_class)
    parser.feed(path.read_text(encoding="utf-8"))
    return [" ".join(text.split()) for text in parser.found]


def _needs(chapter: str) -> set[str]:
    return {name for ident in CHAPTERS.get(chapter, ()) for name in FIGURES[ident].needs}


@pytest.mark.parametrize("chapter", PAGES)
def test_each_chapter_states_the_span_of_its_evidence(
    chapter: str, built_book: Path, package: DataPackage
) -> None:
    shown = _texts(built_book / "book" / f"{chapter}.html", COVERAGE_CLASS)
    assert len(shown) == 1, f"{chapter}.html shows {len(shown)} coverage lines, not one"
    line = shown[0]
    assert line.startswith(f"{COVERAGE_LEAD} "), line
    spans = line.removeprefix(f"{COVERAGE_LEAD} ").split(SEPARATOR)
    each = {name: evidence_span(package, [name]) for name in TIME_FIELDS}
    unknown = [span for span in spans if span not in each.values()]
    assert not unknown, f"{chapter}.html states spans the package does not give: {unknown}"
    read = [name for name, span in each.items() if span in spans]
    assert SEPARATOR.join(spans) == evidence_span(package, read), f"{chapter}.html: spans out of order"
    wanted = (set(TIME_FIELDS) if chapter == "data" else _needs(chapter)) & set(TIME_FIELDS)
    missing = sorted(wanted - set(read))
    assert not missing, f"{chapter}.html leaves out the span of {missing}, which its figures need"


def test_the_coverage_line_sits_right_after_the_standfirst(built_book: Path) -> None:
    for chapter in PAGES:
        page = (built_book / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        after = page.split('class="standfirst', 1)[1]
        between = after.split(f'class="{COVERAGE_CLASS}"', 1)[0]
        assert "<h2" not in between and "<figure" not in between and between.count("<p") <= 3, (
            f"{chapter}.html: the coverage line is not right under the standfirst"
        )


def test_every_page_shows_when_the_package_was_updated(built_book: Path, package: DataPackage) -> None:
    label = updated_label(package.descriptor)
    pages = [page for page in site_pages(built_book) if not _is_redirect(built_book / page)]
    assert {"search.html", "genindex.html", "book/index.html"} <= set(pages)
    wrong = {page: _texts(built_book / page, STAMP_CLASS) for page in pages}
    wrong = {page: texts for page, texts in wrong.items() if texts != [label]}
    assert not wrong, f"pages without the stamp {label!r} once in their footer: {wrong}"
    configured = _texts_of(_configured_footer(), "p")
    assert configured, "_config.yml gives the footer a text"
    # The footer opens with the line linking the PDF and the offline copy (sphinx_print).
    links = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", links_paragraph("_static/downloads"))).split())]
    for page in ("search.html", "genindex.html", "book/index.html"):
        footer = _texts(built_book / page, "extra_footer")
        assert footer and footer[0].startswith(links[0]), f"{page}: the footer does not open with {links[0]!r}"
        assert footer[0][len(links[0]):].strip() == " ".join([*configured, label]), (
            f"{page}: the footer is not the configured text followed by the stamp: {footer}"
        )


def _configured_footer() -> str:
    """The footer text ``_config.yml`` gives the theme."""
    import yaml

    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str(config["sphinx"]["config"]["html_theme_options"]["extra_footer"])


def _texts_of(markup: str, tag: str) -> list[str]:
    """The text of each ``tag`` element of an HTML snippet, white space collapsed."""
    bodies = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", markup, flags=re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()) for body in bodies]


def _is_redirect(path: Path) -> bool:
    """Whether a page is only the redirect stub to the book's first page (no theme, no footer)."""
    return path.read_text(encoding="utf-8").lstrip().lower().startswith('<meta http-equiv="refresh"')
