"""Long sections without a chart, laid out only when a reader nears them.

A browser lays out the whole page it has parsed before it paints the first
chart. On the timeline, the scorecard and the last chapter, most of that work
is a long table or list of cards that starts a screen or more below the chart.
:func:`mark_deferred` marks such a section (a chapter's second-level section of
at least :data:`DEFER_MIN_ELEMENTS` elements that a reader sees, with no chart in
it) with the class :data:`DEFERRED_CLASS` and its weight, the number of those
elements, as ``--rir-weight``. ``rir-sections.css`` gives it, on screens only,
``content-visibility: auto`` and a placeholder height in proportion to that weight,
so the browser skips its layout and paint until it comes near the window; links
into it, the browser's find-in-page and printing see the whole section.

Sections that hold a chart are never marked: their previews and live charts
load as they near the window, and must not wait for the section.
"""

from __future__ import annotations

import html.parser
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.site.render import CHART_CLASS

#: The class of a section laid out when it nears the window (``rir-sections.css``).
DEFERRED_CLASS = "rir-deferred"

#: A section holding at least this many elements a reader sees is worth deferring.
DEFER_MIN_ELEMENTS = 300

#: The custom property that carries a deferred section's weight (its elements).
WEIGHT_PROPERTY = "--rir-weight"

#: Elements that never hold others (no end tag).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr", "param"})


@dataclass(frozen=True)
class SectionWeight:
    """One second-level section of a chapter: where its start tag is and what it holds."""

    ident: str
    start: int  #: offset of ``<section`` in the page
    tag: str  #: the start tag as written
    elements: int  #: elements a reader sees (those inside a closed ``<details>`` are not counted)
    charts: int  #: chart blocks (``div.rir-vega``) inside


@dataclass
class _Weighing:
    """A section being read: where it starts and what it has held so far."""

    ident: str
    start: int
    tag: str
    depth: int
    elements: int = 1
    charts: int = 0


class _SectionReader(html.parser.HTMLParser):
    """Finds the second-level sections of the page's article and weighs them."""

    def __init__(self, text: str, in_article: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self._stack: list[str] = []
        # A whole page: the chapter's sections are in <article class="bd-article">; a page
        # body as Sphinx renders it: they are at its root (as inside an article at depth -1).
        self._in_article = in_article
        self._article_depth: int | None = None if in_article else -1
        self._top_depth: int | None = None
        self._hidden_depth: int | None = None  # depth of the closed <details> being read
        self._section: _Weighing | None = None
        self.sections: list[SectionWeight] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _count(self, tag: str, classes: list[str]) -> None:
        if self._section is None:
            return
        if tag == "div" and CHART_CLASS in classes:
            self._section.charts += 1
        # A closed <details> shows its own <summary> only.
        shown = tag == "summary" and len(self._stack) == (self._hidden_depth or 0) + 1
        if self._hidden_depth is None or shown:
            self._section.elements += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        classes = (names.get("class") or "").split()
        depth = len(self._stack)
        self._count(tag, classes)
        if self._in_article and tag == "article" and "bd-article" in classes and self._article_depth is None:
            self._article_depth = depth
        elif tag == "section" and self._article_depth is not None:
            if self._top_depth is None and depth == self._article_depth + 1:
                self._top_depth = depth
            elif self._top_depth is not None and depth == self._top_depth + 1:
                self._section = _Weighing(names.get("id") or "", self._offset(),
                                          self.get_starttag_text() or "", depth)
        if tag == "details" and "open" not in names and self._section and self._hidden_depth is None:
            self._hidden_depth = depth
        if tag not in _VOID:
            self._stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._count(tag, (dict(attrs).get("class") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return  # a stray end tag: nothing to close
        while self._stack:
            closed = self._stack.pop()
            depth = len(self._stack)
            if depth == self._hidden_depth:
                self._hidden_depth = None
            if self._section is not None and depth == self._section.depth:
                done, self._section = self._section, None
                self.sections.append(SectionWeight(done.ident, done.start, done.tag, done.elements, done.charts))
            if depth == self._top_depth:
                self._top_depth = None
            if self._in_article and depth == self._article_depth:
                self._article_depth = None
            if closed == tag:
                return


def section_weights(page: str) -> list[SectionWeight]:
    """The second-level sections of a chapter, in order, each weighed: those of the
    ``<article class="bd-article">`` of a whole page, or, in a page body as Sphinx
    renders it, those of its first-level sections.

    Examples
    --------
    >>> page = ('<article class="bd-article"><section id="top"><h1>T</h1>'
    ...         '<section id="a"><p>x</p><div class="rir-vega"></div></section>'
    ...         '<section id="b"><details><summary>s</summary><p>hidden</p></details><br></section>'
    ...         '</section></article>')
    >>> [(s.ident, s.elements, s.charts) for s in section_weights(page)]
    [('a', 3, 1), ('b', 4, 0)]
    >>> [s.ident for s in section_weights(page.replace('<article class="bd-article">', ''))]
    ['a', 'b']
    """
    reader = _SectionReader(page, in_article='class="bd-article' in page)
    reader.feed(page)
    reader.close()
    return reader.sections


def deferrable(sections: Iterable[SectionWeight], min_elements: int = DEFER_MIN_ELEMENTS) -> list[SectionWeight]:
    """The sections worth laying out late: heavy (``min_elements`` or more) and without a chart."""
    return [s for s in sections if s.elements >= min_elements and s.charts == 0]


def deferred_tag(tag: str, elements: int) -> str:
    """A section's start tag with :data:`DEFERRED_CLASS` added and its weight set.

    Examples
    --------
    >>> deferred_tag('<section id="all-events">', 1264)
    '<section id="all-events" class="rir-deferred" style="--rir-weight: 1264">'
    >>> deferred_tag('<section class="x" id="y">', 300)
    '<section class="x rir-deferred" id="y" style="--rir-weight: 300">'
    """
    if ' class="' in tag:
        head, rest = tag.split(' class="', 1)
        value, tail = rest.split('"', 1)
        marked = f'{head} class="{value} {DEFERRED_CLASS}"{tail}'
    else:
        marked = tag[:-1] + f' class="{DEFERRED_CLASS}">'
    return marked[:-1] + f' style="{WEIGHT_PROPERTY}: {elements}">'


def is_deferred(tag: str) -> bool:
    """Whether a start tag carries :data:`DEFERRED_CLASS` already.

    Examples
    --------
    >>> is_deferred('<section id="a" class="rir-deferred">'), is_deferred('<section id="rir-deferred">')
    (True, False)
    """
    if ' class="' not in tag:
        return False
    return DEFERRED_CLASS in tag.split(' class="', 1)[1].split('"', 1)[0].split()


def mark_deferred(page: str, min_elements: int = DEFER_MIN_ELEMENTS) -> str:
    """The page with each deferrable section marked (:func:`deferred_tag`); a page marked
    already, or without such a section, comes back unchanged."""
    marked = page
    for section in sorted(deferrable(section_weights(page), min_elements), key=lambda s: -s.start):
        if is_deferred(section.tag):
            continue
        if marked[section.start:section.start + len(section.tag)] != section.tag:
            raise ValueError(f"section {section.ident!r} is not where it was read (offset {section.start})")
        marked = (marked[:section.start] + deferred_tag(section.tag, section.elements)
                  + marked[section.start + len(section.tag):])
    return marked
