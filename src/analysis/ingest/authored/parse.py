"""The tables we write ourselves: phases, events, claims, their links, publishers and UN votes.

Unlike the other plug-ins, this one reads no raw public file. The five tables
live in ``data/authored/`` at the repository root, under version control, and
are the source of truth; :func:`parse` reads them, has Frictionless check every
cell against the schema of ``fields.toml`` (types, constraints, enums, keys and
foreign keys), runs the few cross-field checks a schema cannot express and
returns typed tables sorted by primary key, so a typo in a hand-edited CSV stops
the build with the file, line, field and value named.

The tables grew out of the project's research fact base
(``research/events_facts.csv`` and ``research/claims_to_check.csv``, beside the
raw sources). ``origin.toml`` records those two files with their checksums so
that the package says what we started from; the rows themselves were checked,
corrected where needed and rewritten in our own words.

Conventions
-----------
* ``date`` is written at its true precision (``YYYY-MM-DD``, ``YYYY-MM`` or
  ``YYYY``); ``start_date`` is the first day of that period, for sorting.
* ``actors`` lists states as ISO 3166-1 alpha-3 codes (``SUN`` for the Soviet
  Union, a code ISO reserves for it), then international bodies and non-state
  groups by name, separated by ``"; "``. State agencies and companies count as
  their state; individual leaders are named in the description instead.
* Events from the essay's publication (16 July 2023) to the end of 2024 belong
  to ``ukraine`` when they are part of the wartime arms exchange the essay's
  last paragraph describes, and to ``after_essay`` otherwise; from 2025 all
  events are ``after_essay``.
* HTML or other markup in text is data, not code: it is kept unchanged and
  the book escapes it when displaying.
* ``event_sources`` lists every event's sources (at least one each), ranked
  1, 2, … without gaps, each address in normal form
  (:func:`analysis.publishers.url_problem`) and its host in ``publishers``,
  which names the publisher and its kind, keyed by the normalised host
  (:func:`analysis.publishers.source_host`).
* ``security_council_votes`` lists the Security Council's votes on Iran, one
  source each (its host in ``publishers`` too). Beyond the schema, the counts
  must add up to the Council's 15 members, the outcome must follow from the
  counts and the permanent members' votes by the Charter's rule, an
  adopted draft must carry its resolution number, the identifier must carry
  the date, and a linked event must fall on the vote's day (these checks
  live in :mod:`analysis.ingest.authored.votes`).
* Some fields are *derived*, never typed (:data:`DERIVED_FIELDS`): the
  events' ``grade``, computed by :func:`analysis.evidence.event_grades` from
  their sources and the publishers' kinds, the sources' ``host``, and the
  votes' ``year``, ``russia_seat`` and ``host``. The CSV files hold every
  other field; the package holds all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry

from analysis.evidence import event_grades
from analysis.ingest.base import check_header, csv_records, decode_utf8
from analysis.ingest.errors import IngestError
from analysis.ingest.metadata import PACKAGE_DATE
from analysis.ingest.package import MISSING_VALUES, frictionless_error
from analysis.ingest.authored.votes import check_votes, russia_seat
from analysis.publishers import normalise_host, source_host, url_problem

#: How a ``date`` is written at each precision.
DATE_PATTERNS: dict[str, str] = {
    "day": r"\d{4}-\d{2}-\d{2}",
    "month": r"\d{4}-\d{2}",
    "year": r"\d{4}",
}

Descriptors = Mapping[str, dict[str, Any]]

#: Fields computed at ingest, by table: the package has them, the CSV files do not.
DERIVED_FIELDS: dict[str, tuple[str, ...]] = {
    "events": ("grade",),
    "event_sources": ("host",),
    "security_council_votes": ("year", "russia_seat", "host"),
}


def authored_schema(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Return the schema of the CSV file: without derived fields or keys that use them.

    Examples
    --------
    >>> schema = {"fields": [{"name": "url"}, {"name": "host"}], "primaryKey": ["url"],
    ...     "foreignKeys": [{"fields": ["host"], "reference": {"resource": "p", "fields": ["host"]}}]}
    >>> authored_schema("event_sources", schema)
    {'fields': [{'name': 'url'}], 'primaryKey': ['url'], 'foreignKeys': []}
    """
    derived = set(DERIVED_FIELDS.get(name, ()))
    return {
        **schema,
        "fields": [f for f in schema["fields"] if f["name"] not in derived],
        "foreignKeys": [k for k in schema.get("foreignKeys", []) if not derived & set(k["fields"])],
    }


@dataclass(frozen=True)
class Row:
    """One data row of an authored CSV, with the line it starts on."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    """An authored CSV read as text: its path and rows."""

    path: Path
    rows: list[Row]

    def fail(self, message: str, line: int | None = None, field: str | None = None) -> IngestError:
        """Return an :class:`IngestError` pointing into this file."""
        return IngestError(message, path=self.path, line=line, field=field)


# --------------------------------------------------------------------------
# Reading and the schema checks (Frictionless)
# --------------------------------------------------------------------------


def read_table(folder: Path, name: str, schema: dict[str, Any]) -> Table:
    """Read ``<name>.csv`` under ``folder`` as text rows, checking encoding and header."""
    path = folder / f"{name}.csv"
    records = csv_records(decode_utf8(path))
    if not records:
        raise IngestError("file is empty", path=path, line=1)
    columns = [f["name"] for f in schema["fields"]]
    check_header(records[0].cells, columns, path=path, line=1)
    rows = [Row(r.line, dict(zip(columns, r.cells, strict=False))) for r in records[1:]]
    return Table(path, rows)


def check_schemas(folder: Path, descriptors: Descriptors) -> None:
    """Validate the tables in ``folder`` against their schemas with Frictionless.

    Frictionless checks every cell's type and constraints (required, enum,
    pattern, minimum, maximum, unique), the primary and the foreign keys.

    Raises
    ------
    IngestError
        Naming the file, line, field and value of the first error.
    """
    from frictionless import Package  # local: keeps `import analysis` light

    resources = [
        {**d, "path": f"{name}.csv",
         "schema": {**authored_schema(name, d["schema"]), "missingValues": MISSING_VALUES}}
        for name, d in descriptors.items()
    ]
    report = Package({"name": "authored", "resources": resources}, basepath=str(folder)).validate()
    error = frictionless_error(
        report,
        files={name: folder / f"{name}.csv" for name in descriptors},
        schemas={name: authored_schema(name, d["schema"]) for name, d in descriptors.items()},
    )
    if error is not None:
        raise error


# --------------------------------------------------------------------------
# Checks a schema cannot express
# --------------------------------------------------------------------------


def check_no_padding(table: Table) -> None:
    """Refuse cells with leading or trailing spaces (a schema pattern would need every field)."""
    for row in table.rows:
        for field, value in row.values.items():
            if value != value.strip():
                raise table.fail(f"value {value!r} has leading or trailing spaces",
                                 line=row.line, field=field)


def start_of_period(value: str, precision: str) -> str:
    """Return the first day of the period a date of ``precision`` names.

    Examples
    --------
    >>> start_of_period("1980", "year"), start_of_period("1986-08", "month")
    ('1980-01-01', '1986-08-01')
    >>> start_of_period("1979-12-24", "day")
    '1979-12-24'
    """
    return {"year": f"{value}-01-01", "month": f"{value}-01", "day": value}[precision]


def check_event_dates(events: Table) -> None:
    """Check each event's date against its precision and its ``start_date``."""
    for row in events.rows:
        value, precision = row.values["date"], row.values["date_precision"]
        if not re.fullmatch(DATE_PATTERNS[precision], value):
            raise events.fail(
                f"{value!r} is not written at {precision} precision "
                f"(expected {DATE_PATTERNS[precision]!r})",
                line=row.line, field="date",
            )
        expected = start_of_period(value, precision)
        try:
            date.fromisoformat(expected)
        except ValueError:
            raise events.fail(f"{value!r} is not a real calendar date",
                              line=row.line, field="date") from None
        if row.values["start_date"] != expected:
            raise events.fail(
                f"start_date {row.values['start_date']!r} disagrees with date {value!r}; "
                f"expected {expected!r}",
                line=row.line, field="start_date",
            )


def check_event_phases(events: Table, phases: Table) -> None:
    """Require each event's year to fall within its phase's years."""
    spans = {
        r.values["phase_id"]: (int(r.values["start_year"]), int(r.values["end_year"]))
        for r in phases.rows
    }
    for row in events.rows:
        first, last = spans[row.values["phase_id"]]
        year = int(row.values["date"][:4])
        if not first <= year <= last:
            raise events.fail(
                f"year {year} lies outside phase {row.values['phase_id']!r} ({first}-{last})",
                line=row.line, field="phase_id",
            )


def is_state_code(code: str) -> bool:
    """Return whether ``code`` is a current ISO alpha-3 code or ``SUN`` (Soviet Union).

    Examples
    --------
    >>> is_state_code("IRN"), is_state_code("SUN"), is_state_code("SCO")
    (True, True, False)
    """
    return code == "SUN" or pycountry.countries.get(alpha_3=code) is not None


def check_event_actors(events: Table) -> None:
    """Require three-capital-letter actors to be ISO 3166-1 alpha-3 codes (or SUN)."""
    for row in events.rows:
        for actor in row.values["actors"].split("; "):
            if re.fullmatch(r"[A-Z]{3}", actor) and not is_state_code(actor):
                raise events.fail(f"{actor!r} is not an ISO 3166-1 alpha-3 code",
                                  line=row.line, field="actors")


def check_phases(phases: Table) -> None:
    """Require orders 1..n and each phase's first year not after its last."""
    orders = sorted(int(r.values["order"]) for r in phases.rows)
    if orders != list(range(1, len(orders) + 1)):
        raise phases.fail(f"orders {orders} are not 1..{len(orders)}", field="order")
    for row in phases.rows:
        if int(row.values["start_year"]) > int(row.values["end_year"]):
            raise phases.fail("start_year is after end_year", line=row.line, field="start_year")


def check_publisher_hosts(publishers: Table) -> None:
    """Require each publisher's host to be written as :func:`normalise_host` writes it."""
    for row in publishers.rows:
        host = row.values["host"]
        if normalise_host(host) != host:
            raise publishers.fail(
                f"host {host!r} is not normalised; write {normalise_host(host)!r}",
                line=row.line, field="host",
            )


def check_source_urls(sources: Table, publishers: Table, field: str = "url") -> None:
    """Require every source address (in ``field``) in normal form, its host in the publishers table."""
    known = {r.values["host"] for r in publishers.rows}
    for row in sources.rows:
        url = row.values[field]
        problem = url_problem(url)
        if problem is not None:
            raise sources.fail(f"address {url!r}: {problem}", line=row.line, field=field)
        host = source_host(url)
        if host not in known:
            raise sources.fail(
                f"host {host!r} of {url!r} has no publisher; add a row for it to "
                f"{publishers.path.name}",
                line=row.line, field=field,
            )


def check_source_ranks(sources: Table) -> None:
    """Require each event's sources ranked 1, 2, … in file order, and no address twice."""
    seen: dict[str, list[str]] = {}
    for row in sources.rows:
        ident, url = row.values["event_id"], row.values["url"]
        urls = seen.setdefault(ident, [])
        if url in urls:
            raise sources.fail(f"event {ident!r} cites {url!r} twice", line=row.line, field="url")
        urls.append(url)
        if row.values["rank"] != str(len(urls)):
            raise sources.fail(
                f"rank {row.values['rank']} of event {ident!r}: its sources must be ranked "
                f"1, 2, … in order; expected {len(urls)}",
                line=row.line, field="rank",
            )


def check_source_dates(sources: Table) -> None:
    """Require each ``published`` date to be a real date, not after the package's own date."""
    for row in sources.rows:
        value = row.values["published"]
        if not value:
            continue
        precision = {4: "year", 7: "month", 10: "day"}.get(len(value), "day")
        try:
            first = date.fromisoformat(start_of_period(value, precision))
        except ValueError:
            raise sources.fail(f"{value!r} is not a real calendar date",
                               line=row.line, field="published") from None
        if first > date.fromisoformat(PACKAGE_DATE):
            raise sources.fail(f"{value!r} is after the package's date {PACKAGE_DATE}",
                               line=row.line, field="published")


def check_events_have_sources(events: Table, sources: Table) -> None:
    """Require every event to have at least one source in the sources table."""
    cited = {r.values["event_id"] for r in sources.rows}
    for row in events.rows:
        if row.values["event_id"] not in cited:
            raise events.fail(
                f"event {row.values['event_id']!r} has no source; add a row to {sources.path.name}",
                line=row.line, field="event_id",
            )


def check_claim_basis(claims: Table) -> None:
    """Require a claim decided by data to name the resources that decide it."""
    for row in claims.rows:
        if row.values["basis"] == "data" and not row.values["resources"]:
            raise claims.fail("basis 'data' needs the deciding resources",
                              line=row.line, field="resources")


# --------------------------------------------------------------------------
# Typed tables
# --------------------------------------------------------------------------


def to_frame(table: Table, schema: dict[str, Any]) -> pd.DataFrame:
    """Return the rows as a DataFrame (``""`` missing, integers, dates), sorted by primary key."""
    columns: dict[str, Any] = {}
    for spec in schema["fields"]:
        values = pd.Series([r.values[spec["name"]] or None for r in table.rows], dtype="object")
        if spec["type"] == "integer":
            values = pd.to_numeric(values).astype("Int64")
        elif spec["type"] == "date":
            values = pd.to_datetime(values, format="%Y-%m-%d")
        columns[spec["name"]] = values
    frame = pd.DataFrame(columns)
    return frame.sort_values(schema["primaryKey"], kind="stable").reset_index(drop=True)


def read_checked(folder: Path, descriptors: Descriptors) -> dict[str, Table]:
    """Read the authored CSVs in ``folder`` and run every check on them.

    Raises
    ------
    IngestError
        Naming the file, line and field of the first problem found.
    """
    raw = {name: read_table(folder, name, authored_schema(name, d["schema"]))
           for name, d in descriptors.items()}
    check_schemas(folder, descriptors)
    for table in raw.values():
        check_no_padding(table)
    check_phases(raw["phases"])
    check_event_dates(raw["events"])
    check_event_phases(raw["events"], raw["phases"])
    check_event_actors(raw["events"])
    check_claim_basis(raw["claims"])
    check_publisher_hosts(raw["publishers"])
    check_source_urls(raw["event_sources"], raw["publishers"])
    check_source_ranks(raw["event_sources"])
    check_source_dates(raw["event_sources"])
    check_events_have_sources(raw["events"], raw["event_sources"])
    votes = raw["security_council_votes"]
    check_votes(votes, raw["events"])
    check_source_urls(votes, raw["publishers"], field="source_url")
    check_source_dates(votes)
    return raw


def add_derived(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Add the derived fields: hosts of sources, events' evidence ``grade``, votes' year and seat."""
    sources = frames["event_sources"].assign(
        host=[source_host(str(u)) for u in frames["event_sources"]["url"]])
    grades = event_grades(sources, frames["publishers"])
    events = frames["events"].assign(grade=frames["events"]["event_id"].map(grades))
    votes = frames["security_council_votes"]
    votes = votes.assign(
        year=votes["date"].dt.year.astype("Int64"),
        russia_seat=[russia_seat(d) for d in votes["date"]],
        host=[source_host(str(u)) for u in votes["source_url"]],
    )
    return {**frames, "events": events, "event_sources": sources, "security_council_votes": votes}


def tables(folder: Path, descriptors: Descriptors) -> dict[str, pd.DataFrame]:
    """Return the checked, typed tables of ``folder`` by resource name, derived fields added."""
    raw = read_checked(folder, descriptors)
    frames = {name: to_frame(raw[name], authored_schema(name, d["schema"]))
              for name, d in descriptors.items()}
    frames = add_derived(frames)
    return {name: frames[name][[f["name"] for f in d["schema"]["fields"]]]
            for name, d in descriptors.items()}
