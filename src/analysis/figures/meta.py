"""What a chart carries about itself: its figure, data, sources and package, in ``usermeta``.

Vega-Lite ignores a spec's top-level ``usermeta``; the book reads it to show a
chart's Table, Data and Cite views and to write its downloads
(:mod:`analysis.site.views`). :func:`figure_usermeta` assembles it from the
registry entry, the spec and the package descriptor, so every view is true to
the chart it sits under and needs nothing but the spec.

The *main data* of a chart (:func:`main_datasets`) is what its Table and CSV
hold: the spec's top-level ``data`` when it names a dataset; otherwise the
largest named dataset (the first in drawing order on a tie), together with
every other dataset with exactly the same fields (one table that Altair split
into panels, as the orders chart does). Label and band datasets (a handful of
rows with other fields) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

#: Key of a spec's ``usermeta`` that holds what the book knows about the chart.
META_KEY = "rir"

_CREDIT = re.compile(r"credit line '([^']+)'")


def _views(spec: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Yield ``spec`` and every view inside it, in drawing order (depth first)."""
    yield spec
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for view in spec.get(key) or []:
            if isinstance(view, Mapping):
                yield from _views(view)
    inner = spec.get("spec")
    if isinstance(inner, Mapping):
        yield from _views(inner)


def _data_name(view: Mapping[str, Any]) -> str | None:
    data = view.get("data")
    return data.get("name") if isinstance(data, Mapping) and data.get("name") else None


def _fields(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return tuple(seen)


def main_datasets(spec: Mapping[str, Any]) -> list[str]:
    """Return the names of the datasets whose rows make the chart's main data, in drawing order.

    Examples
    --------
    >>> spec = {"layer": [{"data": {"name": "bands"}}, {"data": {"name": "a"}},
    ...                   {"data": {"name": "b"}}],
    ...         "datasets": {"bands": [{"from": 1}], "a": [{"x": 1}, {"x": 2}], "b": [{"x": 3}, {"x": 4}]}}
    >>> main_datasets(spec)
    ['a', 'b']
    >>> main_datasets({"data": {"name": "bands"}, "datasets": spec["datasets"]})
    ['bands']
    >>> main_datasets({"data": {"values": [{"x": 1}]}})
    []
    """
    datasets = spec.get("datasets") or {}
    top = _data_name(spec)
    if top in datasets:
        return [top]
    order: list[str] = []
    for view in _views(spec):
        name = _data_name(view)
        if name in datasets and name not in order:
            order.append(name)
    order += [name for name in datasets if name not in order]
    if not order:
        return []
    largest = max(order, key=lambda name: len(datasets[name]))  # first of the largest on a tie
    fields = _fields(datasets[largest])
    return [name for name in order if _fields(datasets[name]) == fields]


def main_rows(spec: Mapping[str, Any]) -> tuple[tuple[str, ...], list[Mapping[str, Any]]]:
    """Return the fields and rows of the chart's main data (:func:`main_datasets`).

    The fields come in the order the ``usermeta`` lists them (the data step's
    column order, which a spec written with sorted keys loses), else as the rows
    first hold them.

    Examples
    --------
    >>> main_rows({"data": {"name": "d"}, "datasets": {"d": [{"a": 1}, {"a": 2, "b": 3}]}})
    (('a', 'b'), [{'a': 1}, {'a': 2, 'b': 3}])
    """
    datasets = spec.get("datasets") or {}
    rows = [row for name in main_datasets(spec) for row in datasets[name]]
    fields = _fields(rows)
    ordered = tuple(chart_meta(spec).get("fields") or ())
    return (ordered if sorted(ordered) == sorted(fields) else fields), rows


def encoding_channels(spec: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Yield ``(field, definition)`` for every field a channel of the spec encodes (tooltips too).

    An ``x2``/``y2`` definition without a format of its own takes its partner's
    axis format, as Vega-Lite draws it on the partner's axis.

    Examples
    --------
    >>> spec = {"encoding": {"x": {"field": "from", "axis": {"format": "d"}}, "x2": {"field": "to"},
    ...         "tooltip": [{"field": "n", "title": "Count"}]}}
    >>> [(f, d.get("title"), d.get("format")) for f, d in encoding_channels(spec)]
    [('from', None, None), ('to', None, 'd'), ('n', 'Count', None)]
    """
    for view in _views(spec):
        encoding = view.get("encoding") or {}
        for channel, definition in encoding.items():
            for entry in definition if isinstance(definition, list) else [definition]:
                if not isinstance(entry, Mapping) or not isinstance(entry.get("field"), str):
                    continue
                partner = encoding.get(channel[:-1]) if channel in ("x2", "y2") else None
                if isinstance(partner, Mapping) and not entry.get("format"):
                    axis = partner.get("axis")
                    shown = partner.get("format") or (axis.get("format") if isinstance(axis, Mapping) else None)
                    if shown:
                        entry = {**entry, "format": shown}
                yield entry["field"], entry


def encoding_titles(spec: Mapping[str, Any]) -> dict[str, str]:
    """Return each encoded field's first non-empty title.

    Examples
    --------
    >>> encoding_titles({"layer": [{"encoding": {"y": {"field": "tiv", "title": ""}}},
    ...     {"encoding": {"y": {"field": "tiv", "title": "Deliveries (millions of TIV)"}}}]})
    {'tiv': 'Deliveries (millions of TIV)'}
    """
    titles: dict[str, str] = {}
    for field, definition in encoding_channels(spec):
        title = definition.get("title")
        if isinstance(title, list):
            title = " ".join(str(part) for part in title)
        if title and field not in titles:
            titles[field] = str(title)
    return titles


def credit_line(source: Mapping[str, Any]) -> str:
    """Return the credit a source asks for: the line its licence names, else producer and title.

    Examples
    --------
    >>> credit_line({"license": "free with the source credit line 'Information from X'"})
    'Information from X'
    >>> credit_line({"producer": "COW Project", "title": "Trade v4.0"})
    'COW Project, Trade v4.0'
    """
    named = _CREDIT.search(str(source.get("license", "")))
    if named:
        return named.group(1)
    return ", ".join(str(source[key]) for key in ("producer", "title") if source.get(key))


def _column_descriptions(
    descriptor: Mapping[str, Any], needs: Sequence[str], fields: Sequence[str], titles: Mapping[str, str]
) -> dict[str, str]:
    """Describe each column: the package field's description (first resource of ``needs`` holding
    it), otherwise the chart's title for it, otherwise that the chart computed it."""
    package_fields: dict[str, str] = {}
    for resource in descriptor.get("resources", []):
        if resource.get("name") not in needs:
            continue
        for entry in resource.get("schema", {}).get("fields", []):
            text = ": ".join(part for part in (entry.get("title", ""), entry.get("description", "")) if part)
            package_fields.setdefault(entry["name"], f"{text} (package field {resource['name']}.{entry['name']})")
    return {
        field: package_fields.get(field) or titles.get(field) or "Computed for the chart (see processing)."
        for field in fields
    }


def _authors(descriptor: Mapping[str, Any]) -> list[str]:
    people = descriptor.get("contributors") or []
    creators = [p for p in people if "creator" in (p.get("roles") or [p.get("role", "")])]
    return [str(p.get("title", "")) for p in (creators or people) if p.get("title")]


def figure_usermeta(
    figure: Any, spec: Mapping[str, Any], descriptor: Mapping[str, Any]
) -> dict[str, Any]:
    """Return what the book's views need about one figure, for the spec's ``usermeta``.

    ``figure`` is a registry entry (:class:`analysis.figures.registry.Figure`):
    its id, caption, ``needs`` and ``sources`` are read, and the name and module
    of its data step. Sources are looked up in the descriptor's ``sources``;
    an unknown id raises ``KeyError``.
    """
    known = {source["id"]: source for source in descriptor.get("sources", [])}
    missing = [ident for ident in figure.sources if ident not in known]
    if missing:
        raise KeyError(f"{figure.id}: sources {missing} are not in the package descriptor")
    fields, _ = main_rows(spec)
    step = figure.data
    return {
        "figure": figure.id,
        "caption": figure.caption,
        "needs": list(figure.needs),
        "sources": [
            {
                "id": ident,
                "title": str(known[ident].get("title", "")),
                "release": str(known[ident].get("release") or known[ident].get("version") or ""),
                "licence": str(known[ident].get("license", "")),
                "credit": credit_line(known[ident]),
                "citation": str(known[ident].get("citation", "")),
            }
            for ident in figure.sources
        ],
        "data": main_datasets(spec),
        "fields": list(fields),
        "columns": _column_descriptions(descriptor, figure.needs, fields, encoding_titles(spec)),
        "processing": {"function": getattr(step, "__qualname__", str(step)),
                       "module": getattr(step, "__module__", "")},
        "package": {
            "name": str(descriptor.get("name", "")),
            "title": str(descriptor.get("title", "")),
            "version": str(descriptor.get("version", "")),
            "created": str(descriptor.get("created", "")),
            "authors": _authors(descriptor),
            "licences": [str(e.get("name") or e.get("title") or "") for e in descriptor.get("licenses", [])],
        },
    }


def chart_meta(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Return the book's ``usermeta`` of a spec, or an empty mapping for a chart without one.

    Examples
    --------
    >>> chart_meta({"usermeta": {"rir": {"figure": "fig-x"}}})
    {'figure': 'fig-x'}
    >>> chart_meta({"mark": "bar"})
    {}
    """
    usermeta = spec.get("usermeta")
    meta = usermeta.get(META_KEY) if isinstance(usermeta, Mapping) else None
    return dict(meta) if isinstance(meta, Mapping) else {}
