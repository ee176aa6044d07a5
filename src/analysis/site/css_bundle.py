"""Each page's stylesheets, served as one file.

A page of the book links nine stylesheets (the theme's three, myst-nb's and the
book's own), all render-blocking. On the bench each asked for a connection of
its own and the last arrived about 100 ms after the page began to parse, so
nothing could be drawn before then. When the build finishes,
:func:`bundle_site_styles` writes, for each distinct list of stylesheets a page
links, one file holding them in the same order (the cascade is unchanged), and
the page links that file instead.

A bundle is named after its content's hash (``_static/styles/rir-page.<hash>.css``):
a reader's cache never holds a stale one, and pages that link the same sheets
share it. Each part begins with a marker naming the sheet it came from
(:func:`bundle_parts`), so a later build of a page Sphinx did not rewrite
finds what the page linked and bundles the current sheets again; bundles no page
links any more are removed. The sheets themselves stay in the site under their
own names (the print edition and other sites' links may name them).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from analysis.site.css_purge import rebase_urls, site_pages

#: The bundles' folder under the site's ``_static``, and their names' prefix.
BUNDLE_DIR = "styles"
BUNDLE_PREFIX = "rir-page."

_LINK = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
_HREF = re.compile(r'\bhref="([^"]+)"')
_MEDIA = re.compile(r'\bmedia="([^"]*)"')
_PART = re.compile(r"/\* rir-bundle part: (\S+) \*/\n")
_CHARSET = re.compile(r'^\s*@charset\s+"[^"]*"\s*;', re.IGNORECASE)
_IMPORT = re.compile(r"@import\b", re.IGNORECASE)
_HEAD_END = "</head>"


class BundleError(ValueError):
    """A stylesheet or page that cannot be bundled without changing what it draws."""


def bundle_text(parts: Iterable[tuple[str, str]]) -> str:
    """Return one stylesheet holding ``parts`` (``(name under _static, text)``) in order.

    Each part's relative ``url()`` addresses are rebased to the bundle's folder and its
    ``@charset`` (valid only at the start of a file) is dropped; the bundle declares UTF-8
    once. A part that still ``@import``s another file cannot be bundled (the rule would
    be ignored in the middle of a file): :class:`BundleError` names it.

    Examples
    --------
    >>> print(bundle_text([("basic.css", '@charset "UTF-8";\\ndiv{background:url(file.png)}'),
    ...                    ("styles/theme.css", "p{margin:0}")]))
    @charset "UTF-8";
    /* rir-bundle part: basic.css */
    div{background:url(../file.png)}
    /* rir-bundle part: styles/theme.css */
    p{margin:0}
    <BLANKLINE>
    """
    out = ['@charset "UTF-8";\n']
    for name, text in parts:
        body = _CHARSET.sub("", text, count=1).strip("\n")
        if _IMPORT.search(_comments_removed(body)):
            raise BundleError(f"_static/{name}: an @import cannot be bundled; inline it first")
        body = rebase_urls(body, posixpath.dirname(name), BUNDLE_DIR)
        out.append(f"/* rir-bundle part: {name} */\n{body}\n")
    return "".join(out)


def _comments_removed(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)


def bundle_parts(bundle: str) -> list[tuple[str, str]]:
    """Return the parts of a bundle written by :func:`bundle_text`, as ``(name, text)``, each
    text with its addresses as the sheet under its own name writes them; bundling the parts
    again gives the same bundle.

    Examples
    --------
    >>> bundle = bundle_text([("a.css", "a{background:url(x.png)}"), ("styles/b.css", "b{c:d}")])
    >>> bundle_parts(bundle)
    [('a.css', 'a{background:url(x.png)}'), ('styles/b.css', 'b{c:d}')]
    >>> bundle_text(bundle_parts(bundle)) == bundle
    True
    """
    pieces = _PART.split(bundle)
    return [(name, rebase_urls(text.rstrip("\n"), BUNDLE_DIR, posixpath.dirname(name)))
            for name, text in zip(pieces[1::2], pieces[2::2])]


def bundle_name(text: str) -> str:
    """The bundle's name under ``_static``, from its content's hash."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{BUNDLE_DIR}/{BUNDLE_PREFIX}{digest}.css"


def _static_name(href: str, page_dir: str) -> str | None:
    """A link's sheet as a name under ``_static``, or ``None`` for a sheet elsewhere."""
    address = href.split("?", 1)[0].split("#", 1)[0]
    if re.match(r"[a-z][a-z0-9+.-]*:|/", address, re.IGNORECASE):
        return None
    target = posixpath.normpath(posixpath.join(page_dir, address))
    return target[len("_static/"):] if target.startswith("_static/") else None


def _is_bundle(name: str) -> bool:
    return name.startswith(f"{BUNDLE_DIR}/{BUNDLE_PREFIX}") and name.endswith(".css")


def page_stylesheets(page: str, page_dir: str, static: Path) -> list[str]:
    """The stylesheets a page draws with, as names under ``_static``, in order: a linked
    bundle stands for its parts.

    ``page_dir`` is the page's folder in the site (``"book"``). Raises :class:`BundleError`
    when the page links a bundle the site does not hold.
    """
    head = page.split(_HEAD_END, 1)[0]
    names: list[str] = []
    for link in _LINK.findall(head):
        href = _HREF.search(link)
        name = _static_name(href[1], page_dir) if href else None
        if name is None:
            continue
        if _is_bundle(name):
            if not (static / name).is_file():
                raise BundleError(f"_static/{name}: a page links this bundle and the site does not hold it")
            names.extend(part for part, _ in bundle_parts((static / name).read_text(encoding="utf-8")))
        else:
            names.append(name)
    return names


def _bundled(link: str, page_dir: str) -> bool:
    """Whether a link's sheet goes into the page's bundle: a sheet of the site, for every medium."""
    href = _HREF.search(link)
    media = _MEDIA.search(link)
    if media and media[1].strip().lower() not in ("", "all"):
        return False
    return bool(href) and _static_name(href[1], page_dir) is not None


def bundle_page(page: str, page_dir: str, static: Path) -> tuple[str, str | None, str | None]:
    """Return the page linking one bundle in place of its stylesheets, the bundle's name
    and its text (``None`` and ``None`` when the page links fewer than two sheets).

    The bundle takes the place of the first link; the other bundled links are removed.
    Links for a particular medium (``media="print"``) and sheets outside the site stay.
    """
    head, sep, rest = page.partition(_HEAD_END)
    links = [link for link in _LINK.findall(head) if _bundled(link, page_dir)]
    names = page_stylesheets("".join(links), page_dir, static)
    if len(names) < 2:
        return page, None, None
    for name in names:
        if not (static / name).is_file():
            raise BundleError(f"_static/{name}: a page links this stylesheet and the site does not hold it")
    text = bundle_text((name, (static / name).read_text(encoding="utf-8")) for name in names)
    name = bundle_name(text)
    href = posixpath.relpath(f"_static/{name}", page_dir)
    replacement = f'<link rel="stylesheet" type="text/css" href="{href}" />\n'
    first = True

    def swap(match: re.Match[str]) -> str:
        nonlocal first
        if match[0] not in links:
            return match[0]
        if first:
            first = False
            return replacement
        return ""

    return _LINK.sub(swap, head) + sep + rest, name, text


def bundle_site_styles(html_dir: Path) -> dict[str, int]:
    """Bundle every page's stylesheets in a built site; return each bundle's size in bytes.

    Pages are rewritten, and bundles written, only when they change; bundles no page
    links any more are removed.
    """
    from analysis.site.sphinx_vega import write_atomically

    static = html_dir / "_static"
    bundles: dict[str, str] = {}
    rewritten: dict[Path, str] = {}
    for path in site_pages(html_dir):
        page = path.read_text(encoding="utf-8")
        page_dir = posixpath.dirname(path.relative_to(html_dir).as_posix())
        try:
            new_page, name, text = bundle_page(page, page_dir, static)
        except BundleError as error:
            raise BundleError(f"{path.relative_to(html_dir)}: {error}") from None
        if name is None or text is None:
            continue
        bundles[name] = text
        if new_page != page:
            rewritten[path] = new_page
    # Every bundle is written before any page that links it.
    for name, text in bundles.items():
        target = static / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_atomically(target, text.encode("utf-8"))
    for path, new_page in rewritten.items():
        write_atomically(path, new_page.encode("utf-8"))
    for stale in (static / BUNDLE_DIR).glob(f"{BUNDLE_PREFIX}*.css"):
        if f"{BUNDLE_DIR}/{stale.name}" not in bundles:
            stale.unlink()
    return {name: len(text.encode("utf-8")) for name, text in bundles.items()}
