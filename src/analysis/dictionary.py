"""A data dictionary generated from the package descriptor (``datapackage.json``).

The book's data chapter and any reader can rebuild the tables describing each
resource and field from the descriptor itself, so the documentation can never
drift from the schema that Frictionless validates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

#: Plain-language wording of each Frictionless constraint.
_CONSTRAINT_WORDS: dict[str, str] = {
    "required": "required",
    "unique": "unique",
    "minimum": "at least {value}",
    "maximum": "at most {value}",
    "exclusiveMinimum": "more than {value}",
    "exclusiveMaximum": "less than {value}",
    "minLength": "at least {value} characters",
    "maxLength": "at most {value} characters",
    "pattern": "matches {value}",
    "enum": "one of {value}",
}


def _resource(descriptor: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            return resource
    known = ", ".join(r.get("name", "?") for r in descriptor.get("resources", []))
    raise ValueError(f"no resource {name!r} in the descriptor; it has: {known}")


def _licence_text(entries: list[Mapping[str, Any]] | None) -> str:
    if not entries:
        return ""
    return "; ".join(str(e.get("name") or e.get("title") or e.get("path", "")) for e in entries)


def licence_label(entries: list[Mapping[str, Any]] | None) -> str:
    """Return a short label for a table's licences: the licence's code, else the name its terms give.

    The full terms stay in the descriptor (and on the data page's list of
    sources); this label is for a table's column.

    Examples
    --------
    >>> licence_label([{"name": "CC0-1.0", "title": "CC0 1.0 Universal"}])
    'CC0-1.0'
    >>> licence_label([{"title": "SIPRI Arms Transfers Database terms of use: non-commercial use"}])
    'SIPRI Arms Transfers Database terms of use'
    >>> licence_label([{"title": "ATOP: free for research use"}, {"title": "Correlates of War: cite"}])
    'ATOP terms; Correlates of War terms'
    >>> licence_label(None)
    ''
    """
    labels = []
    for entry in entries or []:
        if entry.get("name"):
            labels.append(str(entry["name"]))
            continue
        head = str(entry.get("title") or entry.get("path", "")).split(":", 1)[0].strip()
        labels.append(head if "terms" in head else f"{head} terms")
    return "; ".join(labels)


def _sources_text(entries: list[Mapping[str, Any]] | None) -> str:
    if not entries:
        return ""
    return "; ".join(str(e.get("title") or e.get("id") or e.get("path", "")) for e in entries)


def constraint_text(constraints: Mapping[str, Any] | None) -> str:
    """Return a field's constraints as short readable text.

    Examples
    --------
    >>> constraint_text({"required": True, "minimum": 1979, "enum": ["a", "b"]})
    'required; at least 1979; one of a, b'
    >>> constraint_text({"required": False})
    'optional'
    >>> constraint_text(None)
    ''
    """
    if not constraints:
        return ""
    parts: list[str] = []
    for key, value in constraints.items():
        if key == "required":
            parts.append("required" if value else "optional")
        elif key == "unique":
            if value:
                parts.append("unique")
        elif key == "enum":
            parts.append("one of " + ", ".join(str(v) for v in value))
        elif key in _CONSTRAINT_WORDS:
            parts.append(_CONSTRAINT_WORDS[key].format(value=value))
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def resource_summary(
    descriptor: Mapping[str, Any], tables: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Return one row per resource: name, title, rows, description, licence, sources.

    Parameters
    ----------
    descriptor
        A Frictionless package descriptor (the parsed ``datapackage.json``).
    tables
        Optional loaded tables by resource name (such as the package from
        :func:`analysis.load_package`); when given, ``rows`` holds each table's
        row count, otherwise it is missing.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``title``, ``rows`` (Int64), ``description``,
        ``licence`` (the resource's own licences, else the package's),
        ``licence_label`` (the same, shortened by :func:`licence_label`) and
        ``sources`` (titles, separated by semicolons).

    Raises
    ------
    ValueError
        If the descriptor lists no resources.

    Examples
    --------
    >>> descriptor = {"licenses": [{"name": "CC-BY-4.0"}], "resources": [
    ...     {"name": "events", "title": "Events", "description": "A timeline.",
    ...      "sources": [{"title": "Our research"}], "schema": {"fields": []}}]}
    >>> row = resource_summary(descriptor).iloc[0]
    >>> row["name"], row["licence"], row["sources"]
    ('events', 'CC-BY-4.0', 'Our research')
    """
    resources = descriptor.get("resources") or []
    if not resources:
        raise ValueError("the descriptor lists no resources")
    package_licences = descriptor.get("licenses")
    rows = []
    for resource in resources:
        name = resource["name"]
        count = len(tables[name]) if tables is not None and name in tables else None
        rows.append(
            {
                "name": name,
                "title": resource.get("title", ""),
                "rows": count,
                "description": resource.get("description", ""),
                "licence": _licence_text(resource.get("licenses") or package_licences),
                "licence_label": licence_label(resource.get("licenses") or package_licences),
                "sources": _sources_text(resource.get("sources")),
            }
        )
    frame = pd.DataFrame(rows)
    frame["rows"] = frame["rows"].astype("Int64")
    return frame.astype({c: "string" for c in frame.columns if c != "rows"})


def field_dictionary(descriptor: Mapping[str, Any], resource: str) -> pd.DataFrame:
    """Return one row per field of ``resource``: field, type, title, description, constraints.

    Parameters
    ----------
    descriptor
        A Frictionless package descriptor.
    resource
        The resource's name.

    Returns
    -------
    pandas.DataFrame
        Columns ``field``, ``type`` (``string`` when the schema omits it),
        ``title``, ``description`` and ``constraints`` (readable text, see
        :func:`constraint_text`), in schema order.

    Raises
    ------
    ValueError
        If the descriptor has no resource of that name.

    Examples
    --------
    >>> descriptor = {"resources": [{"name": "phases", "schema": {"fields": [
    ...     {"name": "start_year", "type": "integer", "title": "First year",
    ...      "constraints": {"required": True, "minimum": 1979}}]}}]}
    >>> field_dictionary(descriptor, "phases").iloc[0]["constraints"]
    'required; at least 1979'
    """
    fields = _resource(descriptor, resource).get("schema", {}).get("fields", [])
    rows = [
        {
            "field": entry["name"],
            "type": entry.get("type", "string"),
            "title": entry.get("title", ""),
            "description": entry.get("description", ""),
            "constraints": constraint_text(entry.get("constraints")),
        }
        for entry in fields
    ]
    columns = ["field", "type", "title", "description", "constraints"]
    return pd.DataFrame(rows, columns=columns).astype("string")


def package_licences(descriptor: Mapping[str, Any]) -> pd.DataFrame:
    """Return the licences of the package and of each resource, one row per pair.

    Examples
    --------
    >>> descriptor = {"licenses": [{"name": "CC-BY-4.0", "path": "https://x"}],
    ...     "resources": [{"name": "a"}, {"name": "b", "licenses": [{"name": "ODC-By-1.0"}]}]}
    >>> package_licences(descriptor)["licence"].tolist()
    ['CC-BY-4.0', 'ODC-By-1.0']
    """
    default = descriptor.get("licenses") or []
    rows = []
    for resource in descriptor.get("resources", []):
        for entry in resource.get("licenses") or default:
            rows.append(
                {
                    "resource": resource["name"],
                    "licence": str(entry.get("name", "")),
                    "title": str(entry.get("title", "")),
                    "path": str(entry.get("path", "")),
                }
            )
    return pd.DataFrame(rows, columns=["resource", "licence", "title", "path"]).astype("string")


def source_table(descriptor: Mapping[str, Any]) -> pd.DataFrame:
    """Return the package's raw sources: id, title, producer, release, licence, path.

    Examples
    --------
    >>> source_table({"sources": [{"id": "atop", "title": "ATOP", "license": "cite"}]})[
    ...     ["id", "licence"]].values.tolist()
    [['atop', 'cite']]
    """
    rows = [
        {
            "id": str(entry.get("id", "")),
            "title": str(entry.get("title", "")),
            "producer": str(entry.get("producer", "")),
            "release": str(entry.get("release", "")),
            "licence": str(entry.get("license", "")),
            "path": str(entry.get("path", "")),
        }
        for entry in descriptor.get("sources", [])
    ]
    columns = ["id", "title", "producer", "release", "licence", "path"]
    return pd.DataFrame(rows, columns=columns).astype("string")


#: The longest text a preview cell shows before it is cut (with an ellipsis).
PREVIEW_CHARS = 60


def missing_values(table: pd.DataFrame) -> pd.DataFrame:
    """Return, per field of a table in its order, how many rows leave it empty and what share that is.

    Examples
    --------
    >>> missing_values(pd.DataFrame({"a": [1, None], "b": ["x", "y"]}))
      field  missing share
    0     a        1   50%
    1     b        0    0%
    """
    rows = len(table)
    counts = table.isna().sum()
    return pd.DataFrame({
        "field": list(table.columns),
        "missing": [int(counts[c]) for c in table.columns],
        "share": [f"{(counts[c] / rows if rows else 0):.0%}" for c in table.columns],
    })


def preview_cell(value: object) -> str:
    """Return one cell as a preview shows it: dates as ISO dates, long text cut, empty cells blank.

    Examples
    --------
    >>> preview_cell(pd.Timestamp("1979-02-11")), preview_cell(None), preview_cell("x" * 70)[-3:]
    ('1979-02-11', '', 'xx…')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    text = str(value)
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def first_rows(table: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """Return the first ``count`` rows of a table as preview text (see :func:`preview_cell`).

    Examples
    --------
    >>> first_rows(pd.DataFrame({"a": [1, 2, 3, 4]}), 2)["a"].tolist()
    ['1', '2']
    """
    return table.head(count).apply(lambda column: column.map(preview_cell)).reset_index(drop=True)
