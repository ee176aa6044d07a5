"""What the evidence covers, stated from the package: each table's span, a page's, the package's date.

One table, :data:`TIME_FIELDS`, names for each resource with a time dimension
the field that carries it, the name a reader knows it by and the finest
precision worth showing. From it:

* :func:`resource_coverage`: one row per resource, its first and last date,
  rows and the releases of the sources it names (the data page's table);
* :func:`evidence_span`: the span of the evidence a page reads, in reader
  words (``Events to April 2026 · SIPRI deliveries to 2024``), glued under
  each chapter's standfirst by :func:`analysis.book.glue_coverage`;
* :func:`updated_label`: the package's version and date for every page's
  footer, from the descriptor alone (never the clock), so builds repeat.

Examples
--------
>>> updated_label({"version": "0.4.0", "created": "2026-12-02T00:00:00Z"})
'Data package 0.4.0, updated 2 December 2026'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.events import date_label

#: Precisions from finest to coarsest, as the package writes them.
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

#: Separator between the spans of :func:`evidence_span`.
SEPARATOR = " · "


@dataclass(frozen=True)
class TimeField:
    """The field carrying one resource's time dimension, and how a reader names it.

    Attributes
    ----------
    field
        The field holding each row's date: a ``date``, a year (``integer``) or
        ISO text at its own precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).
    reader
        The name a reader knows the resource's evidence by (``SIPRI deliveries``).
    precision
        The field giving each row's precision (``day``, ``month``, ``year``),
        when the date field alone does not say.
    grain
        The finest precision a coverage label shows: ``month`` writes
        ``April 2026`` for a day in April 2026.
    """

    field: str
    reader: str
    precision: str | None = None
    grain: str = "year"


#: Every resource with a time dimension, in the order a page's span lists them.
TIME_FIELDS: dict[str, TimeField] = {
    "events": TimeField("start_date", "Events", precision="date_precision", grain="month"),
    "event_sources": TimeField("published", "Cited sources", grain="month"),
    "arms_transfers": TimeField("year", "SIPRI deliveries"),
    "arms_deals": TimeField("order_year", "SIPRI orders"),
    "security_council_votes": TimeField("date", "Security Council votes", grain="month"),
    "un_votes": TimeField("year", "UN votes"),
    "un_vote_partners": TimeField("year", "UN voting partners"),
    "un_ideal_points": TimeField("year", "UN ideal points"),
    "un_agreement": TimeField("year", "UN agreement"),
    "un_iran_votes": TimeField("date", "UN votes on Iran", grain="month"),
    "un_dividing_votes": TimeField("date", "UN votes dividing Russia and Iran", grain="month"),
    "alliances": TimeField("year", "Alliances"),
    "bilateral_trade": TimeField("year", "Trade"),
    "sipri_revisions": TimeField("year", "SIPRI revisions"),
}

#: Resources with year fields that are not evidence in time, and why they have no span.
UNTIMED: dict[str, str] = {
    "phases": "the report's own periods, written by us; their years bound the chapters, not the evidence",
}

#: Field types and names that carry a date or a year (see :func:`dated_fields`).
DATE_TYPES = frozenset({"date", "datetime", "year", "yearmonth"})


def dated_fields(resource: Mapping[str, Any]) -> list[str]:
    """Return the fields of a resource descriptor that hold a date or a year.

    A field is dated when its type is a date type, or its name is ``date``,
    ``year`` or ``published`` or ends in ``_date`` or ``_year``.

    Examples
    --------
    >>> dated_fields({"schema": {"fields": [{"name": "year", "type": "integer"},
    ...     {"name": "tiv", "type": "number"}, {"name": "seen", "type": "date"}]}})
    ['year', 'seen']
    """
    names = []
    for entry in resource.get("schema", {}).get("fields", []):
        name = str(entry.get("name", ""))
        if (entry.get("type") in DATE_TYPES or name in ("date", "year", "published")
                or name.endswith(("_date", "_year"))):
            names.append(name)
    return names


def _dates(frame: pd.DataFrame, spec: TimeField) -> pd.DataFrame:
    """Return each dated row's first day (``start``) and precision, undated rows dropped."""
    column = frame[spec.field]
    if pd.api.types.is_datetime64_any_dtype(column):
        start = column
        precision = frame[spec.precision] if spec.precision else pd.Series("day", index=frame.index)
    elif pd.api.types.is_numeric_dtype(column):
        start = pd.to_datetime(column.astype("Int64").astype("string") + "-01-01", errors="coerce")
        precision = pd.Series("year", index=frame.index)
    else:
        text = column.astype("string")
        length = text.str.len()
        precision = length.map({4: "year", 7: "month", 10: "day"})
        full = text.where(length != 4, text + "-01-01").where(length != 7, text + "-01")
        start = pd.to_datetime(full, format="%Y-%m-%d", errors="coerce")
    dates = pd.DataFrame({"start": start, "precision": precision.astype("string")}, index=frame.index)
    return dates.dropna().sort_values("start", kind="stable")


def date_in_words(start: pd.Timestamp, precision: str, grain: str = "day") -> str:
    """Write a date at its precision, never finer than ``grain``.

    Examples
    --------
    >>> date_in_words(pd.Timestamp("2026-04-15"), "day", "month")
    'April 2026'
    >>> date_in_words(pd.Timestamp("2025-01-01"), "year", "month")
    '2025'
    >>> date_in_words(pd.Timestamp("2026-12-02"), "day")
    '2 December 2026'
    """
    coarsest = max(PRECISIONS.index(precision), PRECISIONS.index(grain))
    return date_label(start, PRECISIONS[coarsest], full_month=True)


def span(frame: pd.DataFrame, spec: TimeField) -> tuple[str, str] | None:
    """Return the first and last date of a table in words, or None when no row is dated.

    Examples
    --------
    >>> span(pd.DataFrame({"year": pd.array([2001, 1999, None], dtype="Int64")}),
    ...      TimeField("year", "Trade"))
    ('1999', '2001')
    >>> span(pd.DataFrame({"published": ["2010", "2026-04-03", None]}),
    ...      TimeField("published", "Cited sources", grain="month"))
    ('2010', 'April 2026')
    """
    dates = _dates(frame, spec)
    if dates.empty:
        return None
    first, last = dates.iloc[0], dates.iloc[-1]
    return (date_in_words(first["start"], str(first["precision"]), spec.grain),
            date_in_words(last["start"], str(last["precision"]), spec.grain))


def _source_entry(package_sources: list[Mapping[str, Any]], named: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Find the package source a resource's source entry names: by id, else title, else a unique path."""
    for key in ("id", "title"):
        if key in named:
            found = [s for s in package_sources if s.get(key) == named[key]]
            if found:
                return found[0]
    by_path = [s for s in package_sources if named.get("path") and s.get("path") == named.get("path")]
    return by_path[0] if len(by_path) == 1 else None


def releases(descriptor: Mapping[str, Any], resource: str) -> list[str]:
    """Return the releases of the package sources a resource names, in the order it names them.

    A resource's ``sources`` entry is matched to the package's ``sources`` by
    ``id``, else by ``title``, else by ``path`` when one package source alone
    has it; an entry matching none gives its own ``version``, if any.

    Examples
    --------
    >>> descriptor = {"sources": [{"id": "a", "title": "A", "release": "March 2025"}],
    ...     "resources": [{"name": "t", "sources": [{"title": "A"}, {"title": "B", "version": "v2"}]}]}
    >>> releases(descriptor, "t")
    ['March 2025', 'v2']
    """
    package_sources = list(descriptor.get("sources", []))
    entry = next((r for r in descriptor.get("resources", []) if r.get("name") == resource), None)
    if entry is None:
        raise KeyError(f"no resource {resource!r} in the descriptor")
    found: list[str] = []
    for named in entry.get("sources", []):
        source = _source_entry(package_sources, named)
        release = str(source.get("release", "")) if source else str(named.get("version", ""))
        if release and release not in found:
            found.append(release)
    return found


def resource_coverage(package: Any) -> pd.DataFrame:
    """Return one row per resource: its title, first and last date, rows and source releases.

    Parameters
    ----------
    package
        A :class:`analysis.package.DataPackage` (a mapping of tables with a
        ``descriptor``).

    Returns
    -------
    pandas.DataFrame
        Columns ``resource``, ``title``, ``first`` and ``last`` (dates in words
        at the precision of :data:`TIME_FIELDS`; missing for a resource
        without a time dimension), ``rows`` (Int64) and ``releases`` (the
        releases of its sources, joined by ``"; "``), in the descriptor's order.
    """
    rows = []
    for resource in package.descriptor["resources"]:
        name = resource["name"]
        table = package[name]
        spec = TIME_FIELDS.get(name)
        dates = span(table, spec) if spec else None
        rows.append({
            "resource": name,
            "title": resource.get("title", ""),
            "first": dates[0] if dates else None,
            "last": dates[1] if dates else None,
            "rows": len(table),
            "releases": "; ".join(releases(package.descriptor, name)),
        })
    frame = pd.DataFrame(rows, columns=["resource", "title", "first", "last", "rows", "releases"])
    return frame.astype({"resource": "string", "title": "string", "first": "string", "last": "string",
                         "rows": "Int64", "releases": "string"})


def evidence_span(package: Any, resources: Iterable[str]) -> str:
    """Return the span of the evidence in ``resources``, in reader words, in :data:`TIME_FIELDS` order.

    Resources without a time dimension add nothing; an empty string means
    none of them has one.

    Examples
    --------
    >>> tables = {"bilateral_trade": pd.DataFrame({"year": [1990, 2014]}),
    ...           "events": pd.DataFrame({"start_date": pd.to_datetime(["1979-02-11", "2026-04-08"]),
    ...                                   "date_precision": ["day", "day"]})}
    >>> evidence_span(tables, ["bilateral_trade", "events", "phases"])
    'Events to April 2026 · Trade to 2014'
    """
    wanted = set(resources)
    parts = []
    for name, spec in TIME_FIELDS.items():
        if name in wanted:
            dates = span(package[name], spec)
            if dates:
                parts.append(f"{spec.reader} to {dates[1]}")
    return SEPARATOR.join(parts)


def updated_label(descriptor: Mapping[str, Any]) -> str:
    """Return the package's version and date in words, from its ``version`` and ``created``.

    Examples
    --------
    >>> updated_label({"version": "0.3.0", "created": "2026-12-02T00:00:00Z"})
    'Data package 0.3.0, updated 2 December 2026'
    """
    created = pd.Timestamp(str(descriptor["created"])[:10])
    return f"Data package {descriptor['version']}, updated {date_in_words(created, 'day')}"
