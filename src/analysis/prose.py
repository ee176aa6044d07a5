"""Find numbers typed by hand in a chapter's prose.

Every number a reader sees in running text should come from the data package
through a ``{glue:text}`` role, so that it changes when the data change. This
module reads a MyST chapter (``book/*.md``) and lists the digits left in its
prose once everything that is not prose has been taken out: the front matter,
code cells and other literal blocks, the options of directives, inline roles
(glue, cross-references, citations), substitutions, inline code, HTML tags,
link targets and bare addresses.

What remains may hold digits that are not quantities, and these are allowed:

* years from 1900 to 2099, decades (``1980s``) and year ranges with a hyphen
  or an en dash (``1980–88``, ``2006–2010``);
* the number after a label such as ``Chapter``, ``Figure``, ``Table``,
  ``Section``, ``Resolution`` or ``version`` (a name, not a measurement), and
  the marker of an ordered list item (``1.``);
* digits inside a name that starts with letters: weapon designations
  (``S-300``, ``MiG-29``, ``Su-35S``) and codes (``E002``).

Anything else (``772 million``, ``20-year``, ``3rd``, ``16 July``) is reported.

Examples
--------
>>> [hit.number for hit in typed_numbers("Moscow sold 40 MiG-29 jets in 1990.")]
['40']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Words after which a number names something (a chapter, a figure, a UN resolution,
#: a version such as the licence "CC BY 4.0").
LABEL_WORDS = ("chapter", "chapters", "figure", "figures", "fig", "table", "tables",
               "section", "sections", "part", "resolution", "resolutions", "version", "CC BY")

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})(?P<info>.*)$")
_OPTION = re.compile(r"^\s*:[\w-]+:(\s|$)")
_ROLE = re.compile(r"\{[\w:.-]+\}`[^`]*`")
_SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
_INLINE_CODE = re.compile(r"`[^`]*`")
_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>")
_LINK_TARGET = re.compile(r"(\])\([^)\s]*\)")
_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+")
_TARGET_LINE = re.compile(r"^\s*\([\w:.-]+\)=\s*$")
_ATTRIBUTES = re.compile(r"\{[#.][^}]*\}")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_RANGE_END = re.compile(r"[–-](?:(?:19|20)\d\d|\d\d)(?![\d])")
_LABEL = re.compile(r"\b(?:" + "|".join(LABEL_WORDS) + r")\.?\s*$", re.I)


@dataclass(frozen=True)
class TypedNumber:
    """A number found in prose: its line (1-based), the digits and the line's text."""

    line: int
    number: str
    text: str


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """Return the chapter's prose lines with their 1-based numbers, blocks left out.

    Left out: the front matter, code cells and fenced blocks whose info string
    is not a directive (``{...}``), the option lines (``:name: value``) that
    open a directive, and MyST target lines (``(label)=``). A directive's body,
    such as a standfirst ``{container}``, is prose and stays.

    Examples
    --------
    >>> text = "---\\nkernelspec: 3\\n---\\nOne\\n```{code-cell} ipython3\\nx = 4\\n```\\nTwo"
    >>> prose_lines(text)
    [(4, 'One'), (8, 'Two')]
    >>> prose_lines("```{glue:figure} f\\n:figwidth: 100%\\n\\nCaption 2\\n```")
    [(3, ''), (4, 'Caption 2')]
    """
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        start = 0 if closing is None else closing + 1
    kept: list[tuple[int, str]] = []
    stack: list[tuple[str, bool]] = []  # (fence, literal) of each open block
    in_options = False
    for index in range(start, len(lines)):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence and stack and fence["fence"][0] == stack[-1][0][0] \
                and len(fence["fence"]) >= len(stack[-1][0]) and not fence["info"].strip():
            stack.pop()
            in_options = False
            continue
        if fence and not (stack and stack[-1][1]):
            info = fence["info"].strip()
            literal = not info.startswith("{") or info.startswith("{code-cell}")
            stack.append((fence["fence"], literal))
            in_options = not literal
            continue
        if stack and stack[-1][1]:
            continue
        if in_options and _OPTION.match(line):
            continue
        in_options = False
        if _TARGET_LINE.match(line):
            continue
        kept.append((index + 1, line))
    return kept


def strip_markup(line: str) -> str:
    """Return a prose line without roles, substitutions, code, tags, link targets and URLs.

    Examples
    --------
    >>> strip_markup("In {glue:text}`year` ({numref}`fig-2`) see [the 1995 pause](thaw.md#x-1)")
    'In   ( ) see [the 1995 pause]'
    >>> strip_markup("Read {{ phase_years_syria }} and `E002` at https://example.org/a1")
    'Read   and   at  '
    >>> strip_markup("2. **Arms.** In 2000 Iran was third")
    ' **Arms.** In 2000 Iran was third'
    """
    for pattern in (_LIST_MARKER, _ROLE, _SUBSTITUTION, _INLINE_CODE, _HTML, _URL, _ATTRIBUTES,
                    _FOOTNOTE):
        line = pattern.sub(" ", line)
    return _LINK_TARGET.sub(r"\1", line)


def _allowed(text: str, match: re.Match[str]) -> bool:
    """Tell whether a digit run in stripped prose is a year, a label's number or part of a name."""
    start, end, digits = match.start(), match.end(), match.group()
    before = text[:start]
    if re.search(r"[A-Za-z][-‑]?$", before):
        return True  # S-300, MiG-29, E002: a name with digits
    if _LABEL.search(before):
        return True
    if _YEAR.fullmatch(digits):
        rest = text[end:]
        if rest.startswith("s") and not re.match(r"s\w", rest):
            return True  # a decade: 1980s
        if not re.match(r"[A-Za-z]", rest):
            return True  # a year, or the start of a range checked below
    if re.fullmatch(r"\d\d|(?:19|20)\d\d", digits) and re.search(r"(?:19|20)\d\d[–-]$", before):
        return True  # the end of a year range: 1980–88, 2006–2010
    return False


def numbers_in(line: str) -> list[str]:
    """Return the typed numbers of one prose line, markup stripped and allowed digits skipped.

    Examples
    --------
    >>> numbers_in("From 1980–88 and in the 1990s Moscow sold the S-300 to Iran")
    []
    >>> numbers_in("It delivered 772 million TIV, a 20-year high, on 16 July 2023")
    ['772', '20', '16']
    >>> numbers_in("As Chapter 2 and Figure 3 show, resolution 1737 passed in 2006–2010")
    []
    """
    text = strip_markup(line)
    return [match.group() for match in _NUMBER.finditer(text) if not _allowed(text, match)]


def typed_numbers(markdown: str) -> list[TypedNumber]:
    """Return every typed number in a chapter's prose, in reading order.

    Examples
    --------
    >>> chapter = "# Title\\n\\nIran bought {glue:text}`n` jets.\\nIt paid 800 million."
    >>> typed_numbers(chapter)
    [TypedNumber(line=4, number='800', text='It paid 800 million.')]
    """
    return [
        TypedNumber(number_line, number, line.strip())
        for number_line, line in prose_lines(markdown)
        for number in numbers_in(line)
    ]


def chapter_offenders(paths: list[Path]) -> list[str]:
    """Return one ``file:line: number in "text"`` entry per typed number in the given chapters.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = Path(folder) / "page.md"
    ...     _ = page.write_text("Since 1979 Moscow sent 12 ships.", encoding="utf-8")
    ...     chapter_offenders([page])
    ['page.md:1: 12 in "Since 1979 Moscow sent 12 ships."']
    """
    return [
        f'{path.name}:{hit.line}: {hit.number} in "{hit.text}"'
        for path in paths
        for hit in typed_numbers(path.read_text(encoding="utf-8"))
    ]
