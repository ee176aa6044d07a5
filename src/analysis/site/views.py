"""A chart's Table, Data and Cite views, and the files of its data download.

Under each chart (:func:`analysis.site.render.chart_html`) the reader opens, with
or without JavaScript (``<details>`` elements):

* **Table** — the rows of the chart's main data (:func:`analysis.figures.meta.main_rows`),
  every field, values formatted by :func:`format_value`; loaded when the view is first
  opened, or, without JavaScript, on a page of its own (:func:`table_view_html`);
* **Data** — a zip ``<slug>.zip`` holding ``<slug>.csv`` (the same rows, values by
  :func:`csv_value`) and a README (:func:`readme_text`), with links to the whole
  data package and the data dictionary;
* **Cite** — a short and a full citation and BibTeX (:func:`citations`).

Everything comes from the spec and its ``usermeta`` (:mod:`analysis.figures.meta`),
so the views and the downloads written by :mod:`analysis.site.sphinx_vega` agree.

Formatting rules of the Table (the CSV keeps the values):

* ISO dates (``1979-02-11`` or ``1979-02-11T00:00:00``) read as ``11 February 1979``;
* a field the chart formats as ``d`` (years, ranks) is written as a plain whole number;
* a field the chart formats as a percentage is written as a percentage with at most one decimal;
* other numbers have thousands separators and at most two decimals (trailing zeros dropped);
* ``true``/``false`` read as ``yes``/``no``; a missing value is an empty cell.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date
from functools import cache
from collections.abc import Mapping
from typing import Any

from analysis.figures.meta import chart_meta, encoding_channels, main_rows

#: The data package zip (written by :mod:`analysis.site.sphinx_downloads`) and the data
#: dictionary, which describes each of its tables.
PACKAGE_ZIP = "downloads/russia-iran-relations-datapackage.zip"
DICTIONARY_PAGE = "book/dictionary.html"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.0+)?Z?)?$")


def figure_slug(figure_id: str) -> str:
    """Return the readable stem of a figure's downloads: its id without ``fig-``.

    Examples
    --------
    >>> figure_slug("fig-arms-flow")
    'arms-flow'
    >>> figure_slug("timeline")
    'timeline'
    """
    return figure_id.removeprefix("fig-")


def field_kinds(spec: Mapping[str, Any]) -> dict[str, str]:
    """Return ``"whole"`` or ``"percent"`` for each field the chart formats so (see the module).

    Examples
    --------
    >>> field_kinds({"encoding": {"x": {"field": "year", "axis": {"format": "d"}},
    ...              "y": {"field": "share", "format": ".1%"}, "color": {"field": "tiv"}}})
    {'year': 'whole', 'share': 'percent'}
    """
    kinds: dict[str, str] = {}
    for field, definition in encoding_channels(spec):
        axis = definition.get("axis")
        shown = definition.get("format") or (axis.get("format") if isinstance(axis, Mapping) else None)
        if isinstance(shown, str) and field not in kinds:
            if shown == "d":
                kinds[field] = "whole"
            elif shown.endswith("%"):
                kinds[field] = "percent"
    return kinds


def _date_words(text: str) -> str | None:
    match = _ISO_DATE.match(text)
    if not match:
        return None
    day = date(int(match[1]), int(match[2]), int(match[3]))
    return f"{day.day} {day:%B} {day.year}"


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: Any, kind: str | None = None) -> str:
    """Return a value as the Table shows it (the rules are in the module's docstring).

    Examples
    --------
    >>> format_value("1979-02-11T00:00:00"), format_value(1209.0), format_value(1984, "whole")
    ('11 February 1979', '1,209', '1984')
    >>> format_value(0.696078, "percent"), format_value(42.349), format_value(None), format_value(True)
    ('69.6%', '42.35', '', 'yes')
    >>> format_value("Soviet Union/Russia → Iran"), format_value(-0.5)
    ('Soviet Union/Russia → Iran', '-0.5')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if kind == "whole":
            return str(int(round(value)))
        if kind == "percent":
            return _number(value * 100, 1) + "%"
        return _number(float(value), 2)
    text = str(value)
    return _date_words(text) or text


def csv_value(value: Any) -> str:
    """Return a value as the CSV holds it: as in the spec, but whole floats without ``.0``,
    midnight timestamps as dates, booleans as ``true``/``false`` and a missing value empty.

    Examples
    --------
    >>> [csv_value(v) for v in (1209.0, 0.25, 1979, "1979-02-11T00:00:00", False, None, "a")]
    ['1209', '0.25', '1979', '1979-02-11', 'false', '', 'a']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    match = _ISO_DATE.match(text)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else text


def csv_text(spec: Mapping[str, Any]) -> str:
    """Return the chart's main data as CSV: a header of the field names, then one line per row."""
    fields, rows = main_rows(spec)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([csv_value(row.get(field)) for field in fields])
    return buffer.getvalue()


def chart_title(spec: Mapping[str, Any]) -> str:
    """Return the chart's title as one line of text.

    Examples
    --------
    >>> chart_title({"title": {"text": ["Moscow armed Iraq,", "not Iran"], "subtitle": "TIV"}})
    'Moscow armed Iraq, not Iran'
    """
    title = spec.get("title", "")
    if isinstance(title, Mapping):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(part) for part in title)
    return " ".join(str(title).split()) or "Untitled chart"


def _headers(spec: Mapping[str, Any], fields: tuple[str, ...]) -> list[str]:
    titles: dict[str, str] = {}
    for field, definition in encoding_channels(spec):
        if definition.get("title") and field not in titles:
            titles[field] = str(definition["title"])
    return [titles.get(field) or field.replace("_", " ").capitalize() for field in fields]


def table_html(spec: Mapping[str, Any]) -> str:
    """Return the chart's main data as an accessible HTML table (caption, column headers).

    Each header and cell carries ``data-field``, the field's name in the spec and the CSV.
    """
    fields, rows = main_rows(spec)
    kinds = field_kinds(spec)
    head = "".join(
        f'<th scope="col" data-field="{html.escape(field)}">{html.escape(label)}</th>'
        for field, label in zip(fields, _headers(spec, fields))
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(format_value(row.get(field), kinds.get(field)))}</td>" for field in fields
        )
        + "</tr>"
        for row in rows
    )
    count = f"{len(rows):,} row{'s' if len(rows) != 1 else ''}"
    return (
        f'<table class="rir-chart-table"><caption>Data of the chart “{html.escape(chart_title(spec))}”: '
        f"{count}.</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def table_view_html(spec: Mapping[str, Any], slug: str, static: str) -> str:
    """Return the chart's Table view: a link to the table's own page, which the drawing
    script replaces by the table itself when the view is first opened.

    The rows are not on the chart's page (they would make a long page several times its
    size): they lie in ``charts/<slug>.table.js`` (:func:`table_script_text`) and, for a
    reader without scripts, on the page ``charts/<slug>.table.html`` (:func:`table_page_html`).

    Examples
    --------
    >>> spec = {"title": "T", "datasets": {"d": [{"a": 1}, {"a": 2}]}, "data": {"name": "d"},
    ...         "mark": "bar", "encoding": {"x": {"field": "a"}}}
    >>> view = table_view_html(spec, "t", "S")
    >>> 'data-name="t" data-src="S/charts/t.table.js"' in view, 'href="S/charts/t.table.html"' in view
    (True, True)
    >>> "2 rows" in view and "<table" not in view
    True
    """
    rows = len(main_rows(spec)[1])
    label = html.escape(f"Table of the data of “{chart_title(spec)}”", quote=True)
    count = f"{rows:,} row{'s' if rows != 1 else ''}"
    return (
        f'<details class="rir-view" data-rir-view="table" data-name="{html.escape(slug, quote=True)}" '
        f'data-src="{static}/charts/{slug}.table.js"><summary>Table</summary>'
        f'<div class="rir-table-scroll" role="region" tabindex="0" aria-label="{label}">'
        f'<p class="rir-table-link">The chart’s data, {count}: '
        f'<a href="{static}/charts/{slug}.table.html">open the table on its own page</a>.</p>'
        "</div></details>"
    )


def table_script_text(spec: Mapping[str, Any], slug: str) -> str:
    """Return ``<slug>.table.js``: the chart's table (:func:`table_html`) handed to the
    page's drawing script, which shows it in the Table view.

    Examples
    --------
    >>> spec = {"title": "T", "datasets": {"d": [{"a": 1}]}, "data": {"name": "d"}, "mark": "bar",
    ...         "encoding": {"x": {"field": "a"}}}
    >>> table_script_text(spec, "t").startswith('window.rirTableArrived("t", "<table class=')
    True
    """
    return f"window.rirTableArrived({json.dumps(slug)}, {json.dumps(table_html(spec), ensure_ascii=False)});\n"


#: The look of a table's own page (:func:`table_page_html`): the book's table rules, no theme.
_TABLE_PAGE_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f1f1f;background:#fff;"
    "margin:0 auto;max-width:64rem;padding:1rem;line-height:1.45}"
    "a{color:#005a8c}h1{font-size:1.35rem;margin:0.5rem 0}"
    ".rir-table-scroll{overflow-x:auto}"
    "table{border-collapse:collapse;font-size:0.9rem}"
    "caption{text-align:left;color:#4d4d4d;padding:0 0 0.5rem}"
    "th,td{padding:0.3rem 0.6rem;text-align:left;vertical-align:top;border-bottom:1px solid #d9d9d9}"
    "thead th{border-bottom:2px solid #1f1f1f}"
    # The caption (the heading says it) is left to screen readers: it is as wide as the
    # table, which a phone scrolls sideways, and would be cut at the screen's edge.
    "caption{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}"
)


def table_page_html(spec: Mapping[str, Any], slug: str, chart_href: str) -> str:
    """Return ``<slug>.table.html``: the chart's table on a page of its own, with links back
    to the chart (``chart_href``, relative to the page) and to its data zip.

    Examples
    --------
    >>> spec = {"title": "T", "datasets": {"d": [{"a": 1}]}, "data": {"name": "d"}, "mark": "bar",
    ...         "encoding": {"x": {"field": "a"}}}
    >>> page = table_page_html(spec, "t", "../../book/x.html#fig-t")
    >>> '<a href="../../book/x.html#fig-t">' in page and "<td>1</td>" in page
    True
    """
    title = html.escape(f"Data of the chart “{chart_title(spec)}”")
    rows = len(main_rows(spec)[1])
    download = (
        f' · <a href="{slug}.zip" download>{slug}.zip</a> (the rows as CSV, with a README)'
        if chart_meta(spec) else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="../favicon.svg">\n'
        f"<title>{title} · {html.escape(book_title())}</title>\n"
        f"<style>{_TABLE_PAGE_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<p><a href="{html.escape(chart_href, quote=True)}">Back to the chart</a>{download}</p>\n'
        f"<h1>{title}</h1>\n<p>{rows:,} row{'s' if rows != 1 else ''}, as the chart draws them.</p>\n"
        f'<div class="rir-table-scroll">{table_html(spec)}</div>\n'
        "</main>\n</body>\n</html>\n"
    )


@cache
def book_title() -> str:
    """Return the book's title from ``_config.yml``."""
    import yaml

    from analysis.paths import REPO_ROOT

    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str(config.get("title", ""))


def _package_date(package: Mapping[str, Any]) -> str:
    return _date_words(str(package.get("created", ""))[:10]) or str(package.get("created", ""))


def citations(spec: Mapping[str, Any], title: str | None = None) -> dict[str, str]:
    """Return the chart's ``short`` and ``full`` citation and its ``bibtex`` entry.

    Each names the data package's version; ``title`` is the book's (default :func:`book_title`).

    Examples
    --------
    >>> spec = {"title": "Arms flow", "usermeta": {"rir": {"figure": "fig-arms-flow", "package": {
    ...     "name": "rir", "version": "0.4.0", "created": "2026-12-02T00:00:00Z", "authors": ["Team"]}}}}
    >>> cite = citations(spec, "The book")
    >>> cite["short"]
    'Team (2026), “Arms flow”, data package rir 0.4.0'
    >>> "version = {0.4.0}" in cite["bibtex"] and "@misc{rir-arms-flow-0.4.0," in cite["bibtex"]
    True
    """
    meta = chart_meta(spec)
    package = meta.get("package", {})
    book = book_title() if title is None else title
    authors = " and ".join(package.get("authors") or []) or "Russia–Iran report team"
    year = str(package.get("created", ""))[:4]
    version = package.get("version", "")
    name = package.get("name", "")
    heading = chart_title(spec)
    figure = meta.get("figure", "")
    short = f"{authors} ({year}), “{heading}”, data package {name} {version}"
    full = (
        f"{authors} ({year}). “{heading}” (figure {figure}). In: {book}. "
        f"Data: {package.get('title') or name}, data package {name}, version {version} "
        f"of {_package_date(package)}."
    )
    key = f"{name}-{figure_slug(figure)}-{version}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  author = {{{{{authors}}}}},\n"
        f"  title = {{{{{heading}}}}},\n"
        f"  howpublished = {{Figure {figure} in: {book}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  note = {{Data package {name}, version {version} of {_package_date(package)}}}\n"
        "}"
    )
    return {"short": short, "full": full, "bibtex": bibtex}


def readme_text(spec: Mapping[str, Any]) -> str:
    """Return the README of a chart's data zip: title, columns, sources, processing, licence, citation."""
    meta = chart_meta(spec)
    slug = figure_slug(meta.get("figure", "chart"))
    fields, rows = main_rows(spec)
    package = meta.get("package", {})
    columns = meta.get("columns", {})
    lines = [
        f"# {chart_title(spec)}",
        "",
        meta.get("caption", ""),
        "",
        f"Figure `{meta.get('figure', '')}` of “{book_title()}”, drawn from the data package "
        f"{package.get('name', '')} version {package.get('version', '')} ({_package_date(package)}).",
        "",
        "## Files",
        "",
        f"- `{slug}.csv`: the {len(rows):,} rows the chart draws, in the chart's order (UTF-8, comma-separated,",
        "  dates as YYYY-MM-DD, an empty cell where a value is missing).",
        "- `README.md`: this file.",
        "",
        "## Columns",
        "",
        *[f"- `{field}`: {columns.get(field, '')}" for field in fields],
        "",
        "## Sources",
        "",
    ]
    for source in meta.get("sources", []):
        lines += [
            f"- {source['title']}. Release: {source['release']}.",
            f"  Citation: {source['citation']}",
        ]
    processing = meta.get("processing", {})
    lines += [
        "",
        "## Processing",
        "",
        f"Computed from the package's resources {', '.join(meta.get('needs', []))} by "
        f"`{processing.get('function', '')}` in the module `{processing.get('module', '')}` of the "
        "report's analysis library; the values are our calculations, not the sources'.",
        "",
        "## Licence and credit",
        "",
        *[f"- {source['title']}: {source['licence']} Credit: {source['credit']}."
          for source in meta.get("sources", [])],
        f"- Our tables and calculations: {', '.join(package.get('licences', []))}.",
        "",
        "## Citation",
        "",
    ]
    cite = citations(spec)
    lines += [cite["full"], "", "```bibtex", cite["bibtex"], "```", ""]
    return "\n".join(lines)


def _sources_html(meta: Mapping[str, Any]) -> str:
    items = "".join(
        f"<li>{html.escape(s['title'])}; release: {html.escape(s['release'])}. "
        f"Credit: {html.escape(s['credit'])}.</li>"
        for s in meta.get("sources", [])
    )
    return f"<ul>{items}</ul>" if items else ""


def views_html(spec: Mapping[str, Any], slug: str, static: str) -> str:
    """Return the Table, Data and Cite views of a chart as ``<details>`` elements.

    ``static`` is the path to the site's ``_static`` folder; the downloads are ``charts/<slug>.*``.

    A chart without the book's ``usermeta`` (a chart not from the registry)
    gets its Table only; a chart without named data gets none.
    """
    meta = chart_meta(spec)
    parts = []
    if main_rows(spec)[1]:
        parts.append(table_view_html(spec, slug, static))
    if meta:
        rows = len(main_rows(spec)[1])
        needs = ", ".join(meta.get("needs", []))
        parts.append(
            '<details class="rir-view" data-rir-view="data"><summary>Data</summary><div class="rir-view-body">'
            f'<p><a href="{static}/charts/{slug}.zip" download>{slug}.zip</a>: the {rows:,} rows '
            f"of this chart as <code>{slug}.csv</code>, with a README naming each column, the sources "
            "and their releases, how the data were computed, the licence and how to cite.</p>"
            f"<p>Sources:</p>{_sources_html(meta)}"
            f'<p>The full tables behind it ({html.escape(needs)}) are in the '
            f'<a href="{static}/{PACKAGE_ZIP}" download>data package</a>; the '
            f'<a href="{static}/../{DICTIONARY_PAGE}">data dictionary</a> describes each of them.</p>'
            "</div></details>"
        )
        cite = citations(spec)
        parts.append(
            '<details class="rir-view" data-rir-view="cite"><summary>Cite</summary><div class="rir-view-body">'
            f"<dl><dt>Short</dt><dd>{html.escape(cite['short'])}</dd>"
            f"<dt>Full</dt><dd>{html.escape(cite['full'])}</dd>"
            f"<dt>BibTeX</dt><dd><pre>{html.escape(cite['bibtex'])}</pre></dd></dl>"
            "</div></details>"
        )
    return f'<div class="rir-views">{"".join(parts)}</div>' if parts else ""
