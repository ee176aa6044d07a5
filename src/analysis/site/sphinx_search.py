"""Local Sphinx extension: a site search that finds designations, numbers and years.

Sphinx's stock English search misses most of what a reader of this report looks
for, for three reasons:

* **Designations are cut apart and half lost.** The indexer splits text on
  ``\\w+``, so ``S-300`` becomes ``S`` and ``300``; the Porter stemmer then turns
  ``s`` into the empty word. ``S300`` (the same system, typed without the
  hyphen) is never indexed at all.
* **The query drops every number.** ``searchtools.js`` skips each query term
  that is all digits (``/^\\d+$/``), so ``300`` or ``2007`` searches for nothing,
  and ``S-300`` searches for the lone letter ``s``.
* **Table cells run together.** The tables are raw HTML outputs with no
  whitespace between ``</td><td>``; Sphinx strips the tags of raw HTML before
  splitting it, so the index holds words such as ``2007putin``, and the result
  snippets (the ``textContent`` of the fetched page) read ``2007Putin``.

The extension fixes each at its source:

* :class:`SearchDesignations`, registered as the site's English search language,
  indexes a hyphen-joined token that holds a digit (``S-300``, ``Su-35``,
  ``Shahed-136``, ``Mi-28``) as the whole term with its hyphen, the whole term
  without it and each part, and leaves a token with a digit, or of fewer than
  three letters, unstemmed (as the JavaScript stemmer does). Its ``splitQuery``
  turns such a query term into the hyphenless whole, which the index holds
  whether the page wrote ``S-300`` or ``S300``.
* ``_static/rir-search.js``, added to the search page only, keeps digit terms in
  the query, ranks pages that use a term more often first, builds snippets from
  the page text with table cells separated by `` · `` and centres them on the
  term as typed.
* :func:`space_raw_html` puts a line break after each closing table cell, row
  and block tag of raw HTML, where the browser ignores it, so the index splits
  cells apart.
* The number of times each page uses each term in its prose is written to
  ``_static/rir-search-counts.js`` for the ranking.

Sphinx's search page fetches each result's page to cut its snippet; a page
opened from ``file://`` (the offline copy, :mod:`analysis.site.offline`) may
not fetch. So :func:`write_page_texts` writes every page's article, slimmed
(:func:`slim_article`), to ``_static/rir-search-pages.js``, loaded by a
``<script>`` on the search page, and ``rir-search.js`` answers the search's
page requests from it: snippets without any request, on a server or from disk.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.search.en import SearchEnglish

STATIC_DIR = Path(__file__).parent / "static"
SCRIPT_NAME = "rir-search.js"
COUNTS_NAME = "rir-search-counts.js"
PAGES_NAME = "rir-search-pages.js"

#: Hyphens that join a designation: ASCII, Unicode hyphen and non-breaking hyphen.
HYPHENS = "-\u2010\u2011"
_TOKEN = re.compile(rf"\w+(?:[{HYPHENS}]\w+)*")
_HYPHEN = re.compile(rf"[{HYPHENS}]")
_DIGIT = re.compile(r"\d")


def split_words(text: str) -> list[str]:
    """Split ``text`` into the words the index holds.

    A hyphen-joined token with a digit in it yields its whole (hyphen kept,
    then hyphen dropped) and then its parts; any other token yields its
    ``\\w+`` parts, as Sphinx's own splitter does.

    Examples
    --------
    >>> split_words("the S-300 and Su\u201135, not long-range 1989")
    ['the', 's-300', 's300', 'S', '300', 'and', 'su-35', 'su35', 'Su', '35', 'not', 'long', 'range', '1989']
    """
    words: list[str] = []
    for token in _TOKEN.findall(text):
        parts = _HYPHEN.split(token)
        if len(parts) > 1 and _DIGIT.search(token):
            words += ["-".join(parts).lower(), "".join(parts).lower()]
        words += parts
    return words


def query_terms(query: str) -> list[str]:
    """Split a query as the site's ``splitQuery`` does (the Python twin of the JS).

    Examples
    --------
    >>> query_terms("S-300 Shahed\u2011136 long-range 2007")
    ['s300', 'shahed136', 'long', 'range', '2007']
    """
    terms: list[str] = []
    for token in _TOKEN.findall(query.lower()):
        parts = _HYPHEN.split(token)
        terms += ["".join(parts)] if len(parts) > 1 and _DIGIT.search(token) else parts
    return terms


#: The JavaScript twin of :func:`query_terms`, written into ``language_data.js``.
JS_SPLITTER = r"""
/* rir: a hyphen-joined term with a digit (S-300) is searched whole, hyphen dropped. */
function splitQuery(query) {
  const terms = [];
  const tokens = query.match(/[\p{Letter}\p{Number}_\p{Emoji_Presentation}]+(?:[-\u2010\u2011][\p{Letter}\p{Number}_\p{Emoji_Presentation}]+)*/gu) || [];
  for (const token of tokens) {
    const parts = token.split(/[-\u2010\u2011]/);
    if (parts.length > 1 && /\p{Number}/u.test(token)) terms.push(parts.join(""));
    else terms.push(...parts);
  }
  return terms;
}
"""


class SearchDesignations(SearchEnglish):
    """English search that keeps designations (``S-300``), numbers and years whole."""

    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's signature
        """Split text into index words (see :func:`split_words`)."""
        return split_words(input)

    def stem(self, word: str) -> str:
        """Stem a word, but leave one with a digit, or shorter than three letters, as it is.

        Examples
        --------
        >>> language = SearchDesignations({})
        >>> [language.stem(w) for w in ["S", "Mi", "s-300", "1990s", "deliveries"]]
        ['s', 'mi', 's-300', '1990s', 'deliveri']
        """
        if len(word) < 3 or _DIGIT.search(word):
            return word.lower()
        return super().stem(word)


# ---------------------------------------------------------------------------
# Raw HTML: cells and blocks separated, so that the index splits them apart.
# ---------------------------------------------------------------------------

_SCRIPT_OR_STYLE = re.compile(r"(<(script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_BLOCK_END = re.compile(
    r"(</(?:td|th|tr|thead|tbody|tfoot|caption|p|li|dt|dd|h[1-6])\s*>|<br\s*/?>)(?=<)",
    re.IGNORECASE,
)


def space_raw_html(html: str) -> str:
    """Put a line break after each closing cell, row or block tag directly followed by a tag.

    Whitespace there does not change how the page looks; it keeps the words of
    neighbouring cells apart once the tags are stripped. Scripts and styles are
    left untouched.

    Examples
    --------
    >>> space_raw_html("<tr><td>2007</td><td>Putin</td></tr><tr><td>x</td></tr>")
    '<tr><td>2007</td>\\n<td>Putin</td>\\n</tr>\\n<tr><td>x</td>\\n</tr>'
    >>> space_raw_html("<script>'</td><td>'</script><p>a</p><p>b</p>")
    "<script>'</td><td>'</script><p>a</p>\\n<p>b</p>"
    """
    pieces = _SCRIPT_OR_STYLE.split(html)
    # split() with two groups yields: text, whole script, tag name, text, ...
    out = []
    for index, piece in enumerate(pieces):
        kind = index % 3
        if kind == 0:
            out.append(_BLOCK_END.sub("\\1\n", piece))
        elif kind == 1:
            out.append(piece)
    return "".join(out)


# ---------------------------------------------------------------------------
# Term counts per page, for the ranking.
# ---------------------------------------------------------------------------


#: Nodes whose text is not prose: tables, code, raw HTML and notebook cells.
_NOT_PROSE = (nodes.table, nodes.raw, nodes.literal_block, nodes.comment, nodes.FixedTextElement)


def _is_prose(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _NOT_PROSE) or "cell" in parent.get("classes", ()):
            return False
        parent = parent.parent
    return True


def prose_counts(language: SearchDesignations, doctree: nodes.Node) -> Counter[str]:
    """How often each index term occurs in the prose (titles included) of a page.

    Tables, code, raw HTML and notebook cells are left out: a chapter that
    discusses the S-300 should rank above a page that lists it in a table.

    Examples
    --------
    >>> from docutils.core import publish_doctree
    >>> tree = publish_doctree("The S-300 came; the S-300 stayed.")
    >>> prose_counts(SearchDesignations({}), tree)["s300"]
    2
    """
    counts: Counter[str] = Counter()
    for text in doctree.findall(nodes.Text):
        if not _is_prose(text):
            continue
        for word in language.split(text.astext()):
            stemmed = language.stem(word).lower()
            if language.word_filter(stemmed):
                counts[stemmed] += 1
    return counts


def on_doctree_resolved(app: Any, doctree: nodes.document, docname: str) -> None:
    """Space out a page's raw HTML, then count its terms, before it is indexed and written.

    Runs in the main process even when pages are written in parallel.
    """
    for node in list(doctree.findall(nodes.raw)):
        if "html" in node.get("format", "").split():
            spaced = space_raw_html(node.astext())
            if spaced != node.astext():
                node.children = []
                node += nodes.Text(spaced)  # sets the text's parent
                node.rawsource = spaced
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None and isinstance(indexer.lang, SearchDesignations):
        counts = prose_counts(indexer.lang, doctree)
        written = app.builder.__dict__.setdefault("rir_search_counts", {})
        written[docname] = dict(sorted(counts.items()))


def on_html_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the counts and the search script to the search page only."""
    if pagename == "search":
        app.add_js_file(COUNTS_NAME, loading_method="defer")
        app.add_js_file(PAGES_NAME, loading_method="defer")
        app.add_js_file(SCRIPT_NAME, loading_method="defer")


_COUNTS_PREFIX = "var RIR_SEARCH_COUNTS = "


def merge_counts(
    previous: dict[str, dict[str, int]], written: dict[str, dict[str, int]], pages: set[str]
) -> dict[str, dict[str, int]]:
    """The counts of this build's pages: those written now, else those of the last build.

    Examples
    --------
    >>> merge_counts({"a": {"x": 2}, "gone": {"x": 3}}, {"b": {"y": 2}}, {"a", "b"})
    {'a': {'x': 2}, 'b': {'y': 2}}
    """
    merged = {page: counts for page, counts in previous.items() if page in pages}
    merged.update(written)
    return dict(sorted(merged.items()))


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Write ``page -> {term: count in prose}`` for the search page's ranking.

    Sphinx writes only the pages that changed, so the counts of the others are
    kept from the last build's file, as Sphinx keeps its own search index.
    """
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / COUNTS_NAME
    previous: dict[str, dict[str, int]] = {}
    if target.is_file():
        text = target.read_text(encoding="utf-8").strip()
        if text.startswith(_COUNTS_PREFIX):
            try:
                previous = json.loads(text[len(_COUNTS_PREFIX):].rstrip(";"))
            except ValueError:
                previous = {}
    written = getattr(app.builder, "rir_search_counts", {})
    counts = merge_counts(previous, written, set(app.env.found_docs))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        _COUNTS_PREFIX + json.dumps(counts, separators=(",", ":"), sort_keys=True) + ";\n",
        encoding="utf-8",
    )
    write_page_texts(Path(app.outdir), sorted(app.env.found_docs))


# ---------------------------------------------------------------------------
# Page texts for the snippets, so that the search page never fetches a page.
# ---------------------------------------------------------------------------

_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.DOTALL)
_UNREAD = re.compile(
    r'<(script|style|noscript)\b.*?</\1\s*>|<a class="headerlink"[^>]*>.*?</a>', re.IGNORECASE | re.DOTALL
)
_START_TAG = re.compile(
    r"""<([a-zA-Z][\w-]*)((?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>"""
)
_ID_ATTRIBUTE = re.compile(r"""\sid\s*=\s*("[^"]*"|'[^']*')""")


def slim_article(page_html: str) -> str:
    """A page's article as the snippets need it: tags and ids, text, nothing else.

    Scripts, styles and heading links go, every other attribute but ``id``
    goes, and runs of whitespace become one space.

    Examples
    --------
    >>> slim_article('<nav>menu</nav><article class="bd-article"><section id="a" class="x">'
    ...              '<h1>T<a class="headerlink" href="#a">#</a></h1><script>x()</script>'
    ...              '<td data-note="1 > 0">S-300</td>\\n\\n</section></article>')
    '<section id="a"><h1>T</h1><td>S-300</td> </section>'
    """
    match = _ARTICLE.search(page_html)
    if match is None:
        return ""

    def bare(tag: re.Match[str]) -> str:
        ident = _ID_ATTRIBUTE.search(tag.group(2))
        return f"<{tag.group(1)} id={ident.group(1)}>" if ident else f"<{tag.group(1)}>"

    return re.sub(r"\s+", " ", _START_TAG.sub(bare, _UNREAD.sub("", match.group(1))))


def write_page_texts(outdir: Path, docnames: list[str]) -> Path:
    """Write ``var RIR_SEARCH_PAGES = {docname: slim article}`` for the written pages."""
    pages = {}
    for name in sorted(docnames):
        page = outdir / f"{name}.html"
        if page.is_file():
            pages[name] = slim_article(page.read_text(encoding="utf-8"))
    target = outdir / "_static" / PAGES_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "var RIR_SEARCH_PAGES = " + json.dumps(pages, ensure_ascii=False, separators=(",", ":")) + ";\n",
        encoding="utf-8",
    )
    return target


def on_config_inited(app: Any, config: Any) -> None:
    """Serve the extension's script from its static folder (relative to the configuration)."""
    static = os.path.relpath(STATIC_DIR, app.confdir).replace(os.sep, "/")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def setup(app: Any) -> dict[str, Any]:
    """Register the search language and the event handlers."""
    app.add_search_language(SearchDesignations)
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
