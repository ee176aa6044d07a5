"""Every book chart as a view of the data package, reading a derived resource by name.

Many charts draw rows that pandas code computes from the package's tables, so
a view cannot point at a source table. For each figure of the registry
(:mod:`analysis.figures.registry`), :func:`figure_views` returns:

* one *derived resource* per dataset of the chart's main data
  (:func:`analysis.figures.meta.main_datasets`; usually one): a CSV file
  ``data/views/<slug>.csv`` holding exactly the rows the chart draws, written
  as the chart's Data download writes them (:func:`analysis.site.views.csv_text`),
  with a Table Schema whose types come from the values, the figure's sources,
  the licences of the tables it reads, ``bytes`` and a sha256 ``hash``;
* one *view* (the Frictionless views pattern: ``name``, ``title``,
  ``resources``, ``specType: "vegalite"``, ``spec``): the book's Vega-Lite spec,
  house theme included, in which every reference to a main dataset reads
  ``{"name": <resource name>}`` instead. Small helper datasets (labels, bands)
  stay inline in the spec's ``datasets``.

:func:`add_views` adds both to the members of the package zip;
:func:`resolved_spec` turns a view back into a spec Vega-Lite draws, reading
each named resource from an unzipped package with its schema's types (a
``date`` is given as local midnight, ``YYYY-MM-DDT00:00:00``, as Altair gives
pandas dates).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.figures.meta import chart_meta, main_datasets, main_rows
from analysis.site.views import chart_title, csv_text, figure_slug

#: Where the derived resources' files go inside the package.
VIEWS_DIR = "data/views"
#: The descriptor's key of the views.
VIEWS_KEY = "views"
_MIDNIGHT = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z?$")


def resource_name(figure_id: str, part: int = 0, parts: int = 1) -> str:
    """Return the name of a figure's derived resource (``part`` of ``parts``, counted from 0).

    Examples
    --------
    >>> resource_name("fig-arms-flow"), resource_name("fig-ukraine-orders", 1, 2)
    ('fig_arms_flow', 'fig_ukraine_orders_2')
    """
    base = figure_id.replace("-", "_")
    return base if parts == 1 else f"{base}_{part + 1}"


def field_type(values: Sequence[Any]) -> str:
    """Return the Table Schema type of a column from the values the chart's spec holds.

    A midnight timestamp (``1979-02-11T00:00:00``, as Altair writes a pandas
    date) is a ``date``; any other text, numeric-looking or not, a ``string``.

    Examples
    --------
    >>> field_type([1979, None]), field_type([1.5, 2]), field_type([True, False])
    ('integer', 'number', 'boolean')
    >>> field_type(["1979-02-11T00:00:00"]), field_type(["150", "Iran"]), field_type([None])
    ('date', 'string', 'string')
    """
    present = [value for value in values if value is not None]
    if not present:
        return "string"
    if all(isinstance(value, bool) for value in present):
        return "boolean"
    if all(isinstance(value, int) and not isinstance(value, bool) for value in present):
        return "integer"
    if all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in present):
        return "number"
    if all(isinstance(value, str) and _MIDNIGHT.match(value) for value in present):
        return "date"
    return "string"


def table_schema(
    fields: Sequence[str], rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str]
) -> dict[str, Any]:
    """Return the Table Schema of a derived resource: each field typed by :func:`field_type`.

    Examples
    --------
    >>> table_schema(["year", "tiv"], [{"year": 1979, "tiv": None}, {"year": 1980, "tiv": 2.5}],
    ...              {"year": "Year"})["fields"]
    [{'name': 'year', 'type': 'integer', 'description': 'Year'}, {'name': 'tiv', 'type': 'number'}]
    """
    entries = []
    for name in fields:
        entry: dict[str, Any] = {"name": name, "type": field_type([row.get(name) for row in rows])}
        if columns.get(name):
            entry["description"] = columns[name]
        entries.append(entry)
    return {"fields": entries, "missingValues": [""]}


def _references(node: Any) -> Iterator[dict[str, Any]]:
    """Yield every ``{"name": ...}`` data reference in a spec."""
    if isinstance(node, dict):
        data = node.get("data")
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            yield data
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def _licences(descriptor: Mapping[str, Any], needs: Sequence[str]) -> list[dict[str, Any]]:
    """Return the licences of the resources ``needs``, each once, in order."""
    found: list[dict[str, Any]] = []
    for resource in descriptor.get("resources", []):
        if resource.get("name") in needs:
            found += [entry for entry in resource.get("licenses", []) if entry not in found]
    return found or list(descriptor.get("licenses", []))


def _sources(descriptor: Mapping[str, Any], ids: Sequence[str]) -> list[dict[str, Any]]:
    known = {source["id"]: source for source in descriptor.get("sources", [])}
    return [{key: known[ident][key] for key in ("title", "path", "version") if known[ident].get(key)}
            for ident in ids if ident in known]


def figure_views(
    figure: Any, spec: Mapping[str, Any], descriptor: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, bytes]]:
    """Return a figure's derived resources, its view and the resources' files (path -> bytes).

    ``figure`` is the registry entry, ``spec`` its chart as the book draws it
    (``usermeta`` included), ``descriptor`` the package's.
    """
    meta = chart_meta(spec)
    names = main_datasets(spec)
    slug = figure_slug(figure.id)
    renamed: dict[str, str] = {}
    resources: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    step = meta.get("processing", {})
    fields, rows = main_rows(spec)
    schema = table_schema(fields, rows, meta.get("columns", {}))
    for part, dataset in enumerate(names):
        name = resource_name(figure.id, part, len(names))
        renamed[dataset] = name
        path = f"{VIEWS_DIR}/{slug}.csv" if len(names) == 1 else f"{VIEWS_DIR}/{slug}-{part + 1}.csv"
        single = {"data": {"name": dataset}, "datasets": {dataset: spec["datasets"][dataset]},
                  "usermeta": spec.get("usermeta", {})}
        data = csv_text(single).encode("utf-8")
        files[path] = data
        which = "" if len(names) == 1 else f" (part {part + 1} of {len(names)}, one panel)"
        resources.append({
            "name": name, "type": "table", "path": path, "scheme": "file", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "title": f"Data of the chart “{chart_title(spec)}”{which}",
            "description": (
                f"Derived, not a source table: the rows figure {figure.id} of the book draws{which}, "
                f"computed from the resources {', '.join(figure.needs)} by {step.get('function', '')} "
                f"in {step.get('module', '')}. The view {figure.id} draws it."
            ),
            "licenses": _licences(descriptor, figure.needs),
            "sources": _sources(descriptor, figure.sources),
            "schema": schema,
            "bytes": len(data),
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        })
    view_spec = json.loads(json.dumps(spec))
    view_spec.pop("usermeta", None)
    for reference in _references(view_spec):
        if reference["name"] in renamed:
            reference["name"] = renamed[reference["name"]]
    datasets = {key: rows for key, rows in (view_spec.get("datasets") or {}).items() if key not in renamed}
    view_spec.pop("datasets", None)
    if datasets:
        view_spec["datasets"] = datasets
    view = {"name": figure.id, "title": chart_title(spec), "description": figure.caption,
            "resources": [resource["name"] for resource in resources], "specType": "vegalite",
            "spec": view_spec}
    return resources, view, files


def package_views(package: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, bytes]]:
    """Return the derived resources, the views and the files of every registered figure.

    Each chart is built from ``package`` (a loaded :class:`analysis.package.DataPackage`)
    with the house theme, as the book draws it.
    """
    from analysis.figures.registry import FIGURES
    from analysis.theme import use_house_theme

    use_house_theme()
    resources: list[dict[str, Any]] = []
    views: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    for figure in FIGURES.values():
        spec = figure.chart(package).to_dict()
        more, view, written = figure_views(figure, spec, package.descriptor)
        resources += more
        views.append(view)
        files.update(written)
    return resources, views, files


def descriptor_bytes(descriptor: Mapping[str, Any]) -> bytes:
    """Return a descriptor written as the package's own ``datapackage.json`` is.

    Examples
    --------
    >>> descriptor_bytes({"name": "é"})
    b'{\\n  "name": "\\xc3\\xa9"\\n}\\n'
    """
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def add_views(members: Mapping[str, bytes], package: Any = None) -> dict[str, bytes]:
    """Return the package's files with every figure's derived resources and views added.

    ``members`` maps paths inside the package (``datapackage.json``,
    ``data/events.csv``...) to bytes, as :func:`analysis.site.sphinx_downloads.package_members`
    returns them; ``package`` is the loaded package (by default
    :func:`analysis.package.load_package`). The descriptor gains the derived
    resources after its own and a ``views`` list; their CSV files are added.
    """
    if package is None:
        from analysis.package import load_package

        package = load_package()
    resources, views, files = package_views(package)
    descriptor = json.loads(members["datapackage.json"])
    clash = {r["name"] for r in resources} & {r["name"] for r in descriptor.get("resources", [])}
    if clash:
        raise ValueError(f"derived resources would replace the package's own: {sorted(clash)}")
    descriptor["resources"] = [*descriptor.get("resources", []), *resources]
    descriptor[VIEWS_KEY] = views
    return {**members, **files, "datapackage.json": descriptor_bytes(descriptor)}


def _typed(value: str, kind: str) -> Any:
    """Return a CSV cell as a Vega-Lite dataset holds it (``None`` for an empty cell).

    Examples
    --------
    >>> [_typed(v, k) for v, k in [("3", "integer"), ("2.5", "number"), ("true", "boolean"),
    ...                           ("1979-02-11", "date"), ("", "string"), ("Iran", "string")]]
    [3, 2.5, True, '1979-02-11T00:00:00', None, 'Iran']
    """
    if value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return value == "true"
    if kind == "date":
        return f"{value}T00:00:00"
    return value


def resource_rows(resource: Mapping[str, Any], package_dir: Path) -> list[dict[str, Any]]:
    """Return a derived resource's rows from an unzipped package, typed by its schema."""
    kinds = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
    with open(package_dir / resource["path"], encoding="utf-8", newline="") as handle:
        return [{name: _typed(value, kinds[name]) for name, value in row.items()}
                for row in csv.DictReader(handle)]


def resolved_spec(view: Mapping[str, Any], descriptor: Mapping[str, Any], package_dir: Path) -> dict[str, Any]:
    """Return a view's Vega-Lite spec with each resource it names inlined as a named dataset."""
    by_name = {resource["name"]: resource for resource in descriptor.get("resources", [])}
    spec = json.loads(json.dumps(view["spec"]))
    datasets = dict(spec.get("datasets") or {})
    for name in view["resources"]:
        datasets[name] = resource_rows(by_name[name], package_dir)
    spec["datasets"] = datasets
    return spec


def view_rows(view: Mapping[str, Any], descriptor: Mapping[str, Any], package_dir: Path) -> tuple[
        tuple[str, ...], list[dict[str, Any]]]:
    """Return the fields and rows a view draws as its main data, read from the package."""
    spec = resolved_spec(view, descriptor, package_dir)
    return main_rows({"datasets": {name: spec["datasets"][name] for name in view["resources"]}})
