"""Long sections without a chart, laid out only when a reader nears them.

A browser lays out the whole page it has parsed before it paints the first
chart. On the timeline, the scorecard and the last chapter, most of that work
is a long table or list of cards that starts a screen or more below the chart.
:func:`mark_deferred` marks such a section (a chapter's second-level section
holding at least :data:`DEFER_MIN_BLOCKS` blocks a reader sees, and no chart) with
the class :data:`DEFERRED_CLASS` and its weight: its blocks (elements that stack
down the page, as rows, cells, paragraphs and list items do; not the words'
inline markup) as ``--rir-blocks`` and the characters of its text (white space
not counted) as
``--rir-chars``. ``rir-sections.css`` gives it, on screens only,
``content-visibility: auto`` and a placeholder height reckoned from that weight,
so the browser skips its layout and paint until it comes near the window. Links
into it, the browser's find-in-page, assistive technology and printing see the
whole section.

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

#: A section holding at least this many blocks a reader sees is worth deferring.
DEFER_MIN_BLOCKS = 300

#: The custom properties that carry a deferred section's weight.
BLOCKS_PROPERTY, CHARS_PROPERTY = "--rir-blocks", "--rir-chars"

#: Elements that never hold others (no end tag).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr", "param"})

#: Inline markup: it flows within a line and adds no height of its own (nor do an SVG's parts).
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd",
                     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
                     "wbr", "img", "svg", "path", "g", "rect", "circle", "line", "text", "title", "use"})

#: Elements whose text is not shown.
_UNSHOWN_TEXT = frozenset({"script", "style", "template"})


@dataclass(frozen=True)
class SectionWeight:
    """One second-level section of a chapter: where its start tag is and what it holds."""

    ident: str
    start: int  #: offset of ``<section`` in the page
    tag: str  #: the start tag as written
    blocks: int  #: blocks a reader sees (not those a closed ``<details>`` folds away)
    chars: int  #: characters of the text a reader sees, white space not counted
    charts: int  #: chart blocks (``div.rir-vega``) inside


@dataclass
class _Weighing:
    """A section being read: where it starts and what it has held so far."""

    ident: str
    start: int
    tag: str
    depth: int
    blocks: int = 1
    chars: int = 0
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
        if tag not in _INLINE and self._shown(tag):
            self._section.blocks += 1

    def _shown(self, tag: str) -> bool:
        """Whether an element starting here is shown: a closed <details> shows its own <summary> only."""
        if self._hidden_depth is None:
            return True
        return tag == "summary" and len(self._stack) == self._hidden_depth + 1

    def handle_data(self, data: str) -> None:
        if self._section is None or (self._stack and self._stack[-1] in _UNSHOWN_TEXT):
            return
        if self._hidden_depth is None or "summary" in self._stack[self._hidden_depth + 1:self._hidden_depth + 2]:
            self._section.chars += len("".join(data.split()))

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
                self.sections.append(SectionWeight(done.ident, done.start, done.tag, done.blocks, done.chars,
                                                  done.charts))
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
    ...         '<section id="a"><p>x <em>y</em></p><div class="rir-vega"></div></section>'
    ...         '<section id="b"><details><summary>Sum</summary><p>hidden</p></details><br></section>'
    ...         '</section></article>')
    >>> [(s.ident, s.blocks, s.chars, s.charts) for s in section_weights(page)]
    [('a', 3, 2, 1), ('b', 3, 3, 0)]
    >>> [s.ident for s in section_weights(page.replace('<article class="bd-article">', ''))]
    ['a', 'b']
    """
    reader = _SectionReader(page, in_article='class="bd-article' in page)
    reader.feed(page)
    reader.close()
    return reader.sections


def deferrable(sections: Iterable[SectionWeight], min_blocks: int = DEFER_MIN_BLOCKS) -> list[SectionWeight]:
    """The sections worth laying out late: heavy (``min_blocks`` or more) and without a chart."""
    return [s for s in sections if s.blocks >= min_blocks and s.charts == 0]


def deferred_tag(section: SectionWeight) -> str:
    """A section's start tag with :data:`DEFERRED_CLASS` added and its weight set.

    Examples
    --------
    >>> deferred_tag(SectionWeight("all-events", 0, '<section id="all-events">', 953, 24032, 0))
    '<section id="all-events" class="rir-deferred" style="--rir-blocks: 953; --rir-chars: 24032">'
    >>> deferred_tag(SectionWeight("y", 0, '<section class="x" id="y" style="color: red">', 300, 10, 0))
    '<section class="x rir-deferred" id="y" style="--rir-blocks: 300; --rir-chars: 10; color: red">'
    """
    tag = section.tag
    if ' class="' in tag:
        head, rest = tag.split(' class="', 1)
        value, tail = rest.split('"', 1)
        marked = f'{head} class="{value} {DEFERRED_CLASS}"{tail}'
    else:
        marked = tag[:-1] + f' class="{DEFERRED_CLASS}">'
    weight = f"{BLOCKS_PROPERTY}: {section.blocks}; {CHARS_PROPERTY}: {section.chars}"
    if ' style="' in marked:
        return marked.replace(' style="', f' style="{weight}; ', 1)
    return marked[:-1] + f' style="{weight}">'


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


def mark_deferred(page: str, min_blocks: int = DEFER_MIN_BLOCKS) -> str:
    """The page with each deferrable section marked (:func:`deferred_tag`); a page marked
    already, or without such a section, comes back unchanged."""
    marked = page
    for section in sorted(deferrable(section_weights(page), min_blocks), key=lambda s: -s.start):
        if is_deferred(section.tag):
            continue
        if marked[section.start:section.start + len(section.tag)] != section.tag:
            raise ValueError(f"section {section.ident!r} is not where it was read (offset {section.start})")
        marked = (marked[:section.start] + deferred_tag(section)
                  + marked[section.start + len(section.tag):])
    return marked
