"""The theme's stylesheets, cut to the rules the book's pages can use.

Every page loads, before it can show anything, the stylesheets of the theme
(pydata-sphinx-theme, 397 KB: the whole of Bootstrap and Font Awesome's classes),
of sphinx-book-theme and of myst-nb. The book uses a small part of them. When
the build finishes, :func:`purge_site_styles` writes each of
:data:`PURGED` from its pristine copy in the installed package
(:func:`pristine_stylesheets`) with only the rules that may match an element of
the site, in place of the copy Sphinx put in the site (which the next build
copies again, so the step always starts from the theme's own file).

Which rules stay
----------------
A stylesheet's ``@import`` of another file of the site is replaced by that file's
rules (:func:`inline_imports`): the theme's ``theme.css`` is nothing but an import
of Sphinx's ``basic.css``, which the browser could only ask for once the first
had arrived, a second round trip before any page could be drawn.

A selector is kept when every class, id and element name it requires is in the
site's :class:`Vocabulary`: what its pages' HTML holds, and every word of a
string in the scripts they load or hold inline (the theme's scripts add classes
such as ``show`` or ``pst-js-only`` at run time, and build menus and dialogs
from strings). What
it requires leaves out what a page's state decides, so those rules stay:

* pseudo-classes and pseudo-elements (``:hover``, ``::before``), and the
  arguments of ``:not()``, ``:is()``, ``:where()``, ``:has()`` and the like;
* attribute selectors (``html[data-theme=dark]``, ``[open]``, ``[aria-expanded]``).

A rule keeps the selectors of its list that may match; ``@media``, ``@supports``,
``@layer`` and ``@container`` blocks keep the rules that stay inside them and go
when none does; ``@font-face``, ``@charset``, ``@page`` and ``@property`` stay;
a ``@keyframes`` stays when a kept rule or a script names it. It is PurgeCSS's
rule, with the site itself as the content; a test draws pages, light and dark,
at 1280 and 390 px, with the search dialog and the phone menu open and in
print, with the trimmed and the pristine stylesheets, and requires the same
pixels.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import tinycss2
import tinycss2.ast

#: Stylesheets trimmed, as the site names them (under ``_static``), each with the package
#: and the path of its pristine copy. myst-nb names its copy after the file's SHA-256.
PURGED: tuple[tuple[str, str, str], ...] = (
    ("styles/theme.css", "pydata_sphinx_theme", "theme/pydata_sphinx_theme/static/styles/theme.css"),
    ("styles/pydata-sphinx-theme.css", "pydata_sphinx_theme",
     "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css"),
    ("styles/sphinx-book-theme.css", "sphinx_book_theme",
     "theme/sphinx_book_theme/static/styles/sphinx-book-theme.css"),
    ("mystnb.{sha256}.css", "myst_nb", "static/mystnb.css"),
)

#: At-rules whose block holds rules, trimmed like the sheet itself.
_GROUPING = {"media", "supports", "layer", "container", "document"}

#: Scripts whose strings are data, not markup: the charts' specifications and tables, the search index.
_DATA_SCRIPTS = re.compile(r"(?:^|/)(?:searchindex\.js|charts/[^/]+\.js)$")

_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_SCRIPT_SRC = re.compile(r'<script\b[^>]*\ssrc="([^"?#]+)')
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)
_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`]*)`""")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

# What a selector requires, once what a state decides is taken out of it.
_FUNCTIONAL = re.compile(r"(?<!\\)::?[A-Za-z-]+\([^()]*\)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_PSEUDO = re.compile(r"(?<!\\)::?[A-Za-z-]+")
_NAME = r"((?:\\.|[\w-])+)"
_CLASS = re.compile(r"\." + _NAME)
_ID = re.compile(r"#" + _NAME)
_TYPE = re.compile(r"(?:^|[\s>+~])([A-Za-z][\w-]*)")
_ANIMATION = re.compile(r"animation(?:-name)?\s*:\s*([^;}]*)")


@dataclass(frozen=True)
class Vocabulary:
    """The class names, ids and element names a site may hold, its scripts' words included."""

    classes: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)
    words: frozenset[str] = field(default_factory=frozenset)

    def has_class(self, name: str) -> bool:
        return name in self.classes or name in self.words

    def has_id(self, name: str) -> bool:
        return name in self.ids or name in self.words

    def has_tag(self, name: str) -> bool:
        lower = name.lower()
        return lower in ("html", "body") or lower in self.tags or lower in self.words


def page_vocabulary(pages: Iterable[str], scripts: Iterable[str] = ()) -> Vocabulary:
    """Return the vocabulary of some pages' HTML and of their scripts' texts.

    Examples
    --------
    >>> found = page_vocabulary(['<div class="a b" id="top"><p>x</p></div>'], ['el.classList.add("show")'])
    >>> sorted(found.classes), sorted(found.ids), sorted(found.tags), found.has_class("show")
    (['a', 'b'], ['top'], ['div', 'p'], True)
    """
    classes: set[str] = set()
    ids: set[str] = set()
    tags: set[str] = set()
    for page in pages:
        for value in _CLASS_ATTRIBUTE.findall(page):
            classes.update(value.split())
        ids.update(_ID_ATTRIBUTE.findall(page))
        tags.update(tag.lower() for tag in _TAG.findall(page))
    words: set[str] = set()
    for script in scripts:
        for literal in _STRING.findall(script):
            words.update(_WORD.findall("".join(literal)))
    return Vocabulary(frozenset(classes), frozenset(ids), frozenset(tags), frozenset(words))


def site_scripts(html_dir: Path, pages: Iterable[Path]) -> list[Path]:
    """Return the site's script files that its pages load (by ``src``), data scripts left out."""
    found: set[Path] = set()
    root = html_dir.resolve()
    for page in pages:
        for src in _SCRIPT_SRC.findall(page.read_text(encoding="utf-8")):
            path = (page.parent / src).resolve()
            if path.is_file() and path.is_relative_to(root) and not _DATA_SCRIPTS.search(path.as_posix()):
                found.add(path)
    return sorted(found)


def site_pages(html_dir: Path) -> list[Path]:
    """Return every HTML page of a built site (the theme's template macros, also ``.html``, are not pages)."""
    return [path for path in sorted(html_dir.rglob("*.html")) if "<html" in path.read_text(encoding="utf-8")]


def inline_scripts(page: str) -> list[str]:
    """Return the text of a page's inline scripts (not its JSON data blocks).

    Examples
    --------
    >>> inline_scripts('<script>document.body.classList.add("ready")</script>'
    ...                '<script type="application/json">{"a": "b"}</script><script src="x.js"></script>')
    ['document.body.classList.add("ready")']
    """
    return [body for attributes, body in _INLINE_SCRIPT.findall(page)
            if "src=" not in attributes and "json" not in attributes]


def site_vocabulary(html_dir: Path) -> Vocabulary:
    """Return the vocabulary of every HTML page of a built site and of the scripts they load or hold."""
    pages = site_pages(html_dir)
    texts = [p.read_text(encoding="utf-8") for p in pages]
    scripts = [s.read_text(encoding="utf-8", errors="replace") for s in site_scripts(html_dir, pages)]
    return page_vocabulary(texts, scripts + [body for text in texts for body in inline_scripts(text)])


def _unescape(name: str) -> str:
    return re.sub(r"\\(.)", r"\1", name)


def required(selector: str) -> tuple[set[str], set[str], set[str]]:
    """Return the classes, ids and element names an element must have for a selector to match,
    leaving out what a state decides (see the module's docstring).

    Examples
    --------
    >>> [sorted(names) for names in required("html[data-theme=dark] .bd-sidebar > a:hover::after")]
    [['bd-sidebar'], [], ['a', 'html']]
    >>> [sorted(names) for names in required(".navbar-nav:not(.show) li:is(.x, .y)")]
    [['navbar-nav'], [], ['li']]
    >>> [sorted(names) for names in required(r"#pst-back-to-top .md\\:flex")]
    [['md:flex'], ['pst-back-to-top'], []]
    """
    text = selector
    while (stripped := _FUNCTIONAL.sub("", text)) != text:
        text = stripped
    text = _PSEUDO.sub("", _ATTRIBUTE.sub("", text))
    classes = {_unescape(name) for name in _CLASS.findall(text)}
    ids = {_unescape(name) for name in _ID.findall(text)}
    text = _ID.sub("", _CLASS.sub("", text))
    return classes, ids, set(_TYPE.findall(text))


def may_match(selector: str, vocabulary: Vocabulary) -> bool:
    """Whether a selector may match an element of a site with this vocabulary.

    Examples
    --------
    >>> words = page_vocabulary(['<nav class="bd-links"><a href="#">x</a></nav>'])
    >>> may_match(".bd-links a:hover", words), may_match(".popover .arrow", words), may_match(":root", words)
    (True, False, True)
    """
    classes, ids, tags = required(selector)
    return (all(vocabulary.has_class(c) for c in classes) and all(vocabulary.has_id(i) for i in ids)
            and all(vocabulary.has_tag(t) for t in tags))


def _selectors(prelude: list[tinycss2.ast.Node]) -> list[str]:
    """Split a rule's selector list at its top-level commas."""
    parts: list[list[tinycss2.ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(part).strip() for part in parts if tinycss2.serialize(part).strip()]


def _kept_rules(rules: list[tinycss2.ast.Node], vocabulary: Vocabulary) -> list[tinycss2.ast.Node | str]:
    """Return the rules that stay, each kept rule's selector list cut to the selectors that may match."""
    kept: list[tinycss2.ast.Node | str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if may_match(s, vocabulary)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            inner = _kept_rules(tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                               skip_whitespace=True), vocabulary)
            if inner:
                body = "".join(item if isinstance(item, str) else item.serialize() for item in inner)
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif rule.type == "at-rule":
            kept.append(rule)
    return kept


def _keyframes_name(rule: tinycss2.ast.Node) -> str | None:
    if isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword.endswith("keyframes"):
        return tinycss2.serialize(rule.prelude).strip()
    return None


def purge_stylesheet(css: str, vocabulary: Vocabulary) -> str:
    """Return a stylesheet with only the rules that may match an element of the site (module docstring).

    Comments go (the source map's address with them).

    Examples
    --------
    >>> words = page_vocabulary(['<div class="card"><p>x</p></div>'])
    >>> css = ('@charset "UTF-8";/* theme */.card,.popover{color:red}.modal{top:0}'
    ...        '@media print{.modal{display:none}p{margin:0}}@keyframes spin{to{opacity:1}}'
    ...        '@keyframes fade{to{opacity:0}}.card:hover{animation:fade 1s}')
    >>> print(purge_stylesheet(css, words))
    @charset "UTF-8";.card{color:red}@media print{p{margin:0}}@keyframes fade{to{opacity:0}}.card:hover{animation:fade 1s}
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = _kept_rules(rules, vocabulary)
    text = "".join(item if isinstance(item, str) else item.serialize() for item in kept)
    animated = {word for value in _ANIMATION.findall(text) for word in _WORD.findall(value)}
    out = []
    for item in kept:
        name = None if isinstance(item, str) else _keyframes_name(item)
        if name is None or name in animated or name in vocabulary.words:
            out.append(item if isinstance(item, str) else item.serialize())
    return "".join(out)


_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def rebase_urls(css: str, source_dir: str, target_dir: str) -> str:
    """Return a stylesheet's relative ``url()`` addresses, written from ``source_dir``, as
    ``target_dir`` reaches them (folders of the site, ``/``-separated).

    Examples
    --------
    >>> rebase_urls('a{background:url(file.png)}b{src:url("data:x")}', "_static", "_static/styles")
    'a{background:url(../file.png)}b{src:url("data:x")}'
    """
    def rebased(match: re.Match[str]) -> str:
        quote, address = match[1], match[2].strip()
        if re.match(r"[a-z][a-z0-9+.-]*:|/|#", address, re.IGNORECASE):
            return match[0]
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(source_dir, address)), target_dir)
        return f"url({quote}{moved}{quote})"

    return _URL.sub(rebased, css)


def inline_imports(css: str, sheet_dir: str, site_static: Path) -> str:
    """Return a stylesheet whose ``@import`` of a file of the site (a relative address, no
    media condition) is replaced by that file's own text, its addresses rebased.

    ``sheet_dir`` is the sheet's folder under ``site_static`` (``"styles"``).

    Examples
    --------
    >>> import tempfile
    >>> static = Path(tempfile.mkdtemp())
    >>> _ = (static / "basic.css").write_text("div.x{background:url(file.png)}", encoding="utf-8")
    >>> inline_imports('/* basic */ @import "../basic.css"; p{margin:0}', "styles", static)
    '/* basic */ div.x{background:url(../file.png)} p{margin:0}'
    """
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css):
        address = _import_address(rule)
        target = posixpath.normpath(posixpath.join(sheet_dir, address)) if address else None
        if target is None or target.startswith("..") or not (site_static / target).is_file():
            out.append(rule.serialize())
            continue
        imported = (site_static / target).read_text(encoding="utf-8")
        folder = posixpath.dirname(target)
        out.append(rebase_urls(inline_imports(imported, folder, site_static), folder, sheet_dir))
    return "".join(out)


def _import_address(rule: tinycss2.ast.Node) -> str | None:
    """The relative address of an ``@import`` with no media condition, else ``None``."""
    if rule.type != "at-rule" or rule.lower_at_keyword != "import":
        return None
    tokens = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if token.type in ("string", "url"):
        address = str(token.value)
    elif token.type == "function" and token.lower_name == "url" and token.arguments:
        address = str(token.arguments[0].value)
    else:
        return None
    return None if re.match(r"[a-z][a-z0-9+.-]*:|/", address, re.IGNORECASE) else address


def pristine_stylesheets() -> dict[str, Path]:
    """Return each stylesheet of :data:`PURGED` as the site names it, with its pristine copy."""
    found: dict[str, Path] = {}
    for site_name, package, path in PURGED:
        source = Path(str(resources.files(package).joinpath(path)))
        if not source.is_file():
            raise FileNotFoundError(f"{package} has no {path}: the theme's layout changed")
        sha = hashlib.sha256(source.read_bytes()).hexdigest()
        found[site_name.format(sha256=sha)] = source
    return found


def purge_site_styles(html_dir: Path, sources: Mapping[str, Path] | None = None) -> dict[str, tuple[int, int]]:
    """Write each stylesheet of :data:`PURGED` into a built site, trimmed to the site's vocabulary.

    Returns each stylesheet's size before (its imports included) and after, in bytes. A stylesheet the
    site does not hold is left alone; the theme's source maps, which describe
    the pristine files, are removed.
    """
    from analysis.site.sphinx_vega import write_atomically

    vocabulary = site_vocabulary(html_dir)
    sizes: dict[str, tuple[int, int]] = {}
    for site_name, source in (pristine_stylesheets() if sources is None else sources).items():
        target = html_dir / "_static" / site_name
        if not target.is_file():
            continue
        pristine = source.read_text(encoding="utf-8")
        whole = inline_imports(pristine, posixpath.dirname(site_name), html_dir / "_static")
        trimmed = purge_stylesheet(whole, vocabulary)
        write_atomically(target, trimmed.encode("utf-8"))
        target.with_name(target.name + ".map").unlink(missing_ok=True)
        sizes[site_name] = (len(whole.encode("utf-8")), len(trimmed.encode("utf-8")))
    return sizes
