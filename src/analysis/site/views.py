"""A chart's Table, Data and Cite views, and the files of its data download.

Under each chart (:func:`analysis.site.render.chart_html`) the reader opens, with
or without JavaScript (``<details>`` elements):

* **Table** — the rows of the chart's main data (:func:`analysis.figures.meta.main_rows`),
  every field, values formatted by :func:`format_value`;
* **Data** — a zip ``<slug>.zip`` holding ``<slug>.csv`` (the same rows, values by
  :func:`csv_value`) and a README (:func:`readme_text`), with links to the whole
  data package and the data page;
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
import re
from datetime import date
from functools import cache
from collections.abc import Mapping
from typing import Any

from analysis.figures.meta import chart_meta, encoding_channels, main_rows

#: The data package zip (written by :mod:`analysis.site.sphinx_downloads`) and the data page.
PACKAGE_ZIP = "downloads/russia-iran-relations-datapackage.zip"
DATA_PAGE = "book/data.html"

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
        label = html.escape(f"Table of the data of “{chart_title(spec)}”", quote=True)
        parts.append(
            '<details class="rir-view" data-rir-view="table"><summary>Table</summary>'
            f'<div class="rir-table-scroll" role="region" tabindex="0" aria-label="{label}">'
            f"{table_html(spec)}</div></details>"
        )
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
            f'<a href="{static}/../{DATA_PAGE}">data page</a> describes each of them.</p>'
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
