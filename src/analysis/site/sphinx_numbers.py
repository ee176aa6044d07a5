"""Local Sphinx extension: every traced number says how it was computed, and ``numbers.json``.

A chapter glues its facts with :func:`analysis.book.glue_facts`, which also
glues the page's provenance records (:data:`analysis.book.PROVENANCE`, one
:meth:`analysis.provenance.Fact.record` per traced glue name). The extension
replaces myst-nb's ``{glue:text}`` role with one that, for a traced name,
keeps the record on the pasted node. When the page is resolved, each such
number becomes a focusable ``<span class="pasted-text rir-fact">`` whose note
(:func:`analysis.provenance.note_text`: what, the call, the sources and their
releases) shows on hover and keyboard focus (``rir-numbers.css``, from the
``data-note`` attribute that ``rir-numbers.js`` copies from the page's list of
notes, so the page's text is unchanged and each note is written once) and is
read by screen readers through ``aria-describedby``; the notes are listed,
numbered, at the end of the page (a value shown twice pointing to one note), a list shown only in print, where each number
carries its note's number.

When the build finishes, the extension writes ``numbers.json`` at the site's
root: every pasted glue value of every page with its id (glue name), chapter,
the text shown and, for a traced value, the record (value, unit, function,
resources, arguments, pick, description, sources with releases), sorted, with
no clock, so that two builds or two versions can be diffed.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from docutils import nodes
from myst_nb.core.variables import RetrievalError
from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import retrieve_glue_data

from analysis.book import PROVENANCE
from analysis.package import read_descriptor
from analysis.paths import DESCRIPTOR_PATH
from analysis.provenance import note_text

STATIC_DIR = Path(__file__).parent / "static"
CSS_NAME = "rir-numbers.css"
JS_NAME = "rir-numbers.js"

#: The site's list of glued values.
NUMBERS_NAME = "numbers.json"

#: Node attributes the role sets: the glue name and, when traced, its record as JSON.
KEY_ATTRIBUTE, RECORD_ATTRIBUTE = "rir-glue", "rir-record"

#: CSS classes of a traced number and of the page's list of notes.
FACT_CLASS, NOTES_CLASS = "rir-fact", "rir-fact-notes"


class TracedTextRole(PasteTextRole):
    """myst-nb's ``{glue:text}`` role, whose pasted node keeps its glue name and its record."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Paste as myst-nb does, then mark a pasted text with its name and provenance."""
        pasted, messages = super().run()
        if len(pasted) == 1 and isinstance(pasted[0], nodes.inline):
            key = self.text.rsplit(":", 1)[0] if ":" in self.text else self.text
            pasted[0][KEY_ATTRIBUTE] = key
            record = page_records(self.document).get(key)
            if record is not None:
                pasted[0][RECORD_ATTRIBUTE] = json.dumps(record, sort_keys=True, ensure_ascii=False)
        return pasted, messages


def page_records(document: nodes.document) -> dict[str, Any]:
    """Return the page's provenance records by glue name (none when the page glued none)."""
    try:
        data = retrieve_glue_data(document, PROVENANCE).data
    except RetrievalError:
        return {}
    return dict(json.loads(data.get("text/plain", "{}")))


def note_id(number: int) -> str:
    """Return the HTML id of a page's note ``number``.

    Examples
    --------
    >>> note_id(3)
    'rir-note-3'
    """
    return f"rir-note-{number}"


def fact_html(text: str, number: int) -> str:
    """Return a traced number as a focusable span that carries its note.

    Examples
    --------
    >>> fact_html("1,000", 2)  # doctest: +NORMALIZE_WHITESPACE
    '<span class="pasted-text rir-fact" tabindex="0" data-n="2" aria-describedby="rir-note-2">1,000</span>'

    The note itself is written once, in the page's list (:func:`notes_html`);
    ``rir-numbers.js`` copies it onto the number for the hover card.
    """
    return (f'<span class="pasted-text {FACT_CLASS}" tabindex="0" data-n="{number}" '
            f'aria-describedby="{note_id(number)}">{html.escape(text)}</span>')


def notes_html(notes: list[dict[str, Any]]) -> str:
    """Return the page's numbered notes, one per distinct record (shown in print only).

    Examples
    --------
    >>> record = {"description": "Sum", "function": "m.f", "resources": ["t"], "args": [],
    ...     "kwargs": {}, "pick": [], "whole_package": False, "sources": []}
    >>> print(notes_html([record]))
    <aside class="rir-fact-notes" aria-label="How the numbers were computed"><p>How the numbers were computed</p><ol>
    <li id="rir-note-1">Sum. Computed by m.f(t). Source: data package: t.</li>
    </ol></aside>
    """
    items = "\n".join(f'<li id="{note_id(n)}">{html.escape(note_text(r))}</li>'
                      for n, r in enumerate(notes, start=1))
    title = "How the numbers were computed"
    return f'<aside class="{NOTES_CLASS}" aria-label="{title}"><p>{title}</p><ol>\n{items}\n</ol></aside>'


def note_numbers(records: list[str]) -> dict[str, int]:
    """Number a page's records (as JSON) in reading order, a record shown twice keeping its first number.

    A value the page states twice (a count in the standfirst and again in the
    summary) is one computation: both places point to one note.

    Examples
    --------
    >>> note_numbers(['{"a": 1}', '{"b": 2}', '{"a": 1}'])
    {'{"a": 1}': 1, '{"b": 2}': 2}
    """
    numbers: dict[str, int] = {}
    for record in records:
        numbers.setdefault(record, len(numbers) + 1)
    return numbers


def traced_nodes(doctree: nodes.Node) -> list[nodes.inline]:
    """Return the page's pasted numbers that carry a record, in reading order."""
    return [node for node in doctree.findall(nodes.inline) if RECORD_ATTRIBUTE in node.attributes]


def on_doctree_resolved(app: Any, doctree: nodes.document, docname: str) -> None:
    """Turn each traced number into its focusable span and add the page's notes."""
    found = traced_nodes(doctree)
    if not found or app.builder.format != "html":
        return
    numbers = note_numbers([node[RECORD_ATTRIBUTE] for node in found])
    for node in found:
        number = numbers[node[RECORD_ATTRIBUTE]]
        node.replace_self(nodes.raw("", fact_html(node.astext(), number), format="html"))
    records = [json.loads(record) for record in numbers]
    sections = list(doctree.findall(nodes.section))
    (sections[0] if sections else doctree).append(nodes.raw("", notes_html(records), format="html"))


def entries(env: Any) -> list[dict[str, Any]]:
    """Return every pasted glue value of every page, once per page and name, sorted."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for docname in sorted(env.found_docs):
        for node in env.get_doctree(docname).findall(nodes.inline):
            if KEY_ATTRIBUTE not in node.attributes:
                continue
            key = node[KEY_ATTRIBUTE]
            record = json.loads(node[RECORD_ATTRIBUTE]) if RECORD_ATTRIBUTE in node.attributes else {}
            found.setdefault((docname, key), {"id": key, "chapter": docname, "shown": node.astext(),
                                              "traced": bool(record), **record})
    return [found[pair] for pair in sorted(found)]


def numbers_document(env: Any, descriptor: dict[str, Any]) -> str:
    """Return ``numbers.json``: the package's name and version, and :func:`entries`."""
    document = {"package": descriptor.get("name"), "version": descriptor.get("version"),
                "numbers": entries(env)}
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def on_build_finished(app: Any, exception: Exception | None) -> None:
    """Write ``numbers.json`` into the site (HTML builds that succeeded only)."""
    if exception is not None or app.builder.format != "html":
        return
    text = numbers_document(app.env, read_descriptor(DESCRIPTOR_PATH))
    (Path(app.outdir) / NUMBERS_NAME).write_text(text, encoding="utf-8")


def on_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the styles and the notes' script to the pages that hold a traced number."""
    if f'class="pasted-text {FACT_CLASS}"' in context.get("body", ""):
        # For this page only (Sphinx reverts per page); deferred, it never holds up the text.
        app.add_css_file(CSS_NAME)
        app.add_js_file(JS_NAME, loading_method="defer")


def on_config_inited(app: Any, config: Any) -> None:
    """Serve the static folder (relative to the configuration, as the other extensions do)."""
    static = os.path.relpath(STATIC_DIR, app.confdir).replace(os.sep, "/")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def setup(app: Any) -> dict[str, Any]:
    """Register the role (over myst-nb's ``glue:text``) and the event handlers."""
    app.add_role_to_domain("glue", "text", TracedTextRole(), override=True)
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", on_page_context)
    app.connect("build-finished", on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
