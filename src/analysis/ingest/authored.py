"""The tables we write ourselves: phases, events, claims and their links.

Unlike the other ingest modules, this one reads no raw public file. The four
tables live in ``datapackage/data/`` under version control and are the source
of truth; :func:`build` reads them back, checks every cell strictly and returns
them as typed, sorted :class:`~analysis.ingest.base.Resource` objects, so a
typo in a hand-edited CSV stops the build with the file, line and field named.

The tables grew out of the project's research fact base
(``research/events_facts.csv`` and ``research/claims_to_check.csv``, beside the
raw sources). :data:`ORIGINS` records those two files with their checksums so
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
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry

from analysis.ingest.base import Origin, Resource, field
from analysis.ingest.errors import IngestError

#: The resource names, in the order :func:`build` returns them.
RESOURCE_NAMES: tuple[str, ...] = ("phases", "events", "claims", "claim_events")

#: The date the essay was published (Medium, 16 July 2023).
ESSAY_PUBLISHED = "2023-07-16"

#: Licence of every table we wrote.
AUTHORED_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}

ORIGINS: list[Origin] = [
    Origin(
        id="research-fact-base",
        producer="Russia–Iran report team",
        title="Research fact base: dated events and the essay's checkable claims",
        citation=(
            "Russia–Iran report team, research fact base (106 researched events, "
            "January 1979 to April 2026, each with one or two public source URLs, "
            "and the essay's 30 checkable claims). Starting point of the authored "
            "tables events, phases, claims and claim_events, which were checked "
            "against the cited sources and SIPRI data and rewritten in our words. "
            "The essay is Christian Baghai, 'The Unlikely Alliance: Russia and "
            "Iran's Strategic Partnership', Medium, 16 July 2023."
        ),
        url="https://example.org/russia-iran-report",
        release="events to April 2026",
        published="2026-04",
        accessed="2026-11-25",
        license="CC-BY-4.0",
        obtained_from=(
            "Compiled by the project's researchers; kept in research/ beside the "
            "raw sources folder (paths below are relative to that folder)."
        ),
        files={
            "../research/events_facts.csv": (
                "6e3952a935bc609ca10f1c69c34827eb7d8b5af3cfcc1d32f3400a5eeab1397d"
            ),
            "../research/claims_to_check.csv": (
                "58ff8c4dfc4c33d27d5db0e17d4accdb6d0fe5ce865e17a45d6c869ede032e54"
            ),
        },
    )
]

_SOURCES_NOTE = [
    {
        "title": "Research fact base of the Russia–Iran report, checked and rewritten by us",
        "path": "https://example.org/russia-iran-report",
    }
]

# --------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------

CATEGORIES = [
    "diplomacy",
    "sanctions",
    "war_context",
    "arms_deal",
    "arms_delivery",
    "nuclear",
    "economic",
    "military_cooperation",
    "treaty",
    "armed_clash",
]
DIRECTIONS = ["cooperation", "conflict", "neutral"]
PRECISIONS = ["day", "month", "year"]
VERIFICATIONS = ["verified", "partly verified"]
VERDICTS = ["supported", "partly supported", "contradicted", "unverifiable"]
BASES = ["data", "sources"]
ROLES = ["supports", "contradicts", "context"]
CHAPTERS = ["enemies", "thaw", "syria", "ukraine", "after"]

#: How a ``date`` is written at each precision.
DATE_PATTERNS: dict[str, str] = {
    "day": r"\d{4}-\d{2}-\d{2}",
    "month": r"\d{4}-\d{2}",
    "year": r"\d{4}",
}

_ID = r"[a-z][a-z_]*"
_EVENT_ID = r"E\d{3}[a-z]?"
_CLAIM_ID = r"C\d{2}"
_URL = r"https?://\S+"


def _fk(field: str, resource: str, target: str | None = None) -> dict[str, Any]:
    """Return a single-field foreign key to ``resource``."""
    return {"fields": [field], "reference": {"resource": resource, "fields": [target or field]}}


PHASES_SCHEMA: dict[str, Any] = {
    "fields": [
        field("phase_id", "string", "Phase", "Short identifier of the phase of the relationship.",
               required=True, unique=True, pattern=_ID),
        field("order", "integer", "Order", "Position of the phase in time, from 1 (earliest).",
               required=True, unique=True, minimum=1),
        field("title", "string", "Title", "Short title of the phase, written by us.", required=True),
        field("start_year", "integer", "First year",
               "First calendar year the phase covers (year, Gregorian calendar).",
               required=True, minimum=1979, maximum=2026),
        field("end_year", "integer", "Last year",
               "Last calendar year the phase covers (year, Gregorian calendar); "
               "'ukraine' and 'after_essay' overlap in 2023-2024 because the essay "
               "appeared in July 2023.",
               required=True, minimum=1979, maximum=2026),
        field("essay_paragraphs", "string", "Essay paragraphs",
               "Body paragraphs of the essay that tell this phase, numbered 1-8 from "
               "'Alliances often form…' to 'The invasion of Ukraine…', as a number or "
               "range (e.g. '2-3'); empty for the period after the essay.",
               required=False, pattern=r"[1-8](-[1-8])?"),
        field("chapter", "string", "Book chapter",
               "File stem of the book chapter that tells this phase.",
               required=True, enum=CHAPTERS),
        field("summary", "string", "Summary", "One sentence on the phase, written by us.",
               required=True),
    ],
    "primaryKey": ["phase_id"],
    "foreignKeys": [],
}

EVENTS_SCHEMA: dict[str, Any] = {
    "fields": [
        field("event_id", "string", "Event",
               "Identifier kept from the research fact base (E001…) for traceability.",
               required=True, unique=True, pattern=_EVENT_ID),
        field("date", "string", "Date",
               "Date of the event at its true precision: YYYY-MM-DD, YYYY-MM or YYYY; "
               "no day or month is invented.",
               required=True, pattern=r"\d{4}(-\d{2}(-\d{2})?)?"),
        field("date_precision", "string", "Date precision",
               "How precisely the sources fix the date: day, month or year.",
               required=True, enum=PRECISIONS),
        field("start_date", "date", "Start date",
               "First day of the period the date names (the date itself for day "
               "precision); use it to sort, not as the event's exact day.",
               required=True),
        field("title", "string", "Title", "Short title of the event, written by us.",
               required=True),
        field("description", "string", "Description",
               "One or two neutral sentences on what happened, written by us. Stored "
               "as plain text; any markup in it is data, not code.",
               required=True),
        field("category", "string", "Category", "Kind of event.", required=True,
               enum=CATEGORIES),
        field("direction", "string", "Direction",
               "Whether the event brought Russia (or the Soviet Union) and Iran closer "
               "(cooperation), set them against each other (conflict) or neither (neutral).",
               required=True, enum=DIRECTIONS),
        field("actors", "string", "Actors",
               "Parties involved, separated by '; ': states as ISO 3166-1 alpha-3 codes "
               "(SUN = Soviet Union), then international bodies and non-state groups by name.",
               required=True, pattern=r"[^;]+(; [^;]+)*"),
        field("phase_id", "string", "Phase", "Phase of the relationship the event belongs to.",
               required=True, pattern=_ID),
        field("source_url_1", "string", "Source 1",
               "Address of a public source stating the date and substance of the event.",
               required=True, pattern=_URL),
        field("source_url_2", "string", "Source 2",
               "Address of a second public source; empty when only one was found.",
               required=False, pattern=_URL),
        field("verification", "string", "Verification",
               "'verified': a stored source states date and substance; 'partly verified': "
               "one or partisan source, coarse date, anonymous officials or disagreeing "
               "sources. Events after mid-2025 rest on news reporting.",
               required=True, enum=VERIFICATIONS),
        field("notes", "string", "Notes", "Our doubts and caveats about the event; may be empty.",
               required=False),
    ],
    "primaryKey": ["event_id"],
    "foreignKeys": [_fk("phase_id", "phases")],
}

CLAIMS_SCHEMA: dict[str, Any] = {
    "fields": [
        field("claim_id", "string", "Claim", "Identifier of the claim, C01 to C30.",
               required=True, unique=True, pattern=_CLAIM_ID),
        field("paragraph", "integer", "Paragraph",
               "Body paragraph of the essay making the claim (1-8).",
               required=True, minimum=1, maximum=8),
        field("phase_id", "string", "Phase", "Phase whose events test the claim.",
               required=True, pattern=_ID),
        field("claim", "string", "Claim", "The essay's claim, paraphrased by us.",
               required=True),
        field("evidence", "string", "Evidence", "What would test the claim.", required=True),
        field("verdict", "string", "Verdict", "Our verdict on the claim.", required=True,
               enum=VERDICTS),
        field("reason", "string", "Reason",
               "Why, in one or two sentences naming the deciding date or figure "
               "(SIPRI figures in millions of trend-indicator values, TIV).",
               required=True),
        field("basis", "string", "Basis",
               "'data' when the verdict rests on the package's tables, 'sources' when it "
               "rests on cited sources alone.",
               required=True, enum=BASES),
        field("resources", "string", "Deciding tables",
               "Package resources that decide the verdict, separated by '; '; required "
               "when the basis is 'data'.",
               required=False, pattern=r"[a-z_]+(; [a-z_]+)*"),
    ],
    "primaryKey": ["claim_id"],
    "foreignKeys": [_fk("phase_id", "phases")],
}

CLAIM_EVENTS_SCHEMA: dict[str, Any] = {
    "fields": [
        field("claim_id", "string", "Claim", "The claim.", required=True, pattern=_CLAIM_ID),
        field("event_id", "string", "Event", "An event bearing on the claim.", required=True,
               pattern=_EVENT_ID),
        field("role", "string", "Role",
               "Whether the event supports the claim, contradicts it or gives context.",
               required=True, enum=ROLES),
    ],
    "primaryKey": ["claim_id", "event_id"],
    "foreignKeys": [_fk("claim_id", "claims"), _fk("event_id", "events")],
}

DESCRIPTORS: dict[str, dict[str, Any]] = {
    "phases": {
        "name": "phases",
        "title": "Phases of the relationship",
        "description": (
            "The five periods into which the report divides Russian (Soviet)–Iranian "
            "relations since 1979, each tied to the essay paragraphs and book chapter "
            "that tell it. Written by us."
        ),
        "schema": PHASES_SCHEMA,
    },
    "events": {
        "name": "events",
        "title": "Timeline of Russia–Iran relations, 1979–2026",
        "description": (
            "Dated events in relations between the Soviet Union/Russia and Iran, each "
            "with its date precision, a cooperation/conflict coding from the bilateral "
            "point of view, public sources and how well they verify it. Titles, "
            "descriptions and notes are ours; recent events rest on news reporting."
        ),
        "schema": EVENTS_SCHEMA,
    },
    "claims": {
        "name": "claims",
        "title": "The essay's checkable claims and our verdicts",
        "description": (
            "The 30 checkable claims of Christian Baghai's essay 'The Unlikely "
            "Alliance' (July 2023), paraphrased, with our verdict, its reason and "
            "whether it rests on the package's data or on cited sources."
        ),
        "schema": CLAIMS_SCHEMA,
    },
    "claim_events": {
        "name": "claim_events",
        "title": "Events bearing on each claim",
        "description": "Links from each claim to the timeline events that support it, "
        "contradict it or give context.",
        "schema": CLAIM_EVENTS_SCHEMA,
    },
}

# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One data row of an authored CSV, with the line it starts on."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class RawTable:
    """An authored CSV read as text: its package-relative path and rows."""

    path: str
    rows: list[Row]

    def fail(self, message: str, line: int | None = None, field: str | None = None) -> IngestError:
        """Return an :class:`IngestError` pointing into this file."""
        return IngestError(message, path=self.path, line=line, field=field)


def _decode(data: bytes, path: str) -> str:
    """Decode ``data`` as strict UTF-8, naming line and field of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise IngestError("file starts with a byte-order mark; save as UTF-8 without BOM",
                          path=path, line=1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        field = _field_at_byte(data, error.start)
        raise IngestError(
            f"not valid UTF-8 (byte {data[error.start]:#04x}); the file seems to be in "
            "another encoding such as Latin-1: re-save it as UTF-8",
            path=path, line=line, field=field,
        ) from None


def _field_at_byte(data: bytes, offset: int) -> str | None:
    """Return the header name of the column holding byte ``offset``, if it can be told."""
    header = data.split(b"\n", 1)[0].decode("latin-1").rstrip("\r")
    start = data.rfind(b"\n", 0, offset) + 1
    before = data[start:offset].decode("latin-1")
    try:
        names = next(csv.reader([header]))
        cells = next(csv.reader([before]))
    except StopIteration:
        return None
    index = max(len(cells) - 1, 0)
    return names[index] if index < len(names) else None


def read_raw(package_dir: Path, name: str) -> RawTable:
    """Read ``data/<name>.csv`` under ``package_dir`` as text rows, checking its columns.

    Raises
    ------
    IngestError
        If the file is missing, not UTF-8, or its header or any row does not
        have exactly the schema's columns.
    """
    relative = f"data/{name}.csv"
    path = package_dir / relative
    if not path.is_file():
        raise IngestError("authored table is missing", path=relative)
    text = _decode(path.read_bytes(), relative)
    expected = [f["name"] for f in DESCRIPTORS[name]["schema"]["fields"]]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table = RawTable(relative, [])
    try:
        header = next(reader)
    except StopIteration:
        raise table.fail("file is empty", line=1) from None
    _check_header(table, header, expected)
    line = reader.line_num + 1
    try:
        for cells in reader:
            table.rows.append(_make_row(table, line, cells, expected))
            line = reader.line_num + 1
    except csv.Error as error:
        raise table.fail(f"malformed CSV: {error}", line=reader.line_num) from None
    return table


def _check_header(table: RawTable, header: list[str], expected: list[str]) -> None:
    """Require the header to be exactly ``expected``, naming the first offending column."""
    missing = [c for c in expected if c not in header]
    if missing:
        raise table.fail(f"missing column; expected columns {expected}", line=1, field=missing[0])
    extra = [c for c in header if c not in expected]
    if extra:
        raise table.fail(f"unexpected column; expected columns {expected}", line=1, field=extra[0])
    if len(header) != len(set(header)):
        duplicate = next(c for c in header if header.count(c) > 1)
        raise table.fail("column appears twice", line=1, field=duplicate)
    for got, want in zip(header, expected, strict=True):
        if got != want:
            raise table.fail(f"columns out of order; expected {expected}", line=1, field=got)


def _make_row(table: RawTable, line: int, cells: list[str], expected: list[str]) -> Row:
    """Pair the cells of one record with the column names."""
    if not cells:
        raise table.fail("blank line inside the table", line=line)
    if len(cells) != len(expected):
        index = min(len(cells), len(expected) - 1) if len(cells) < len(expected) else len(expected)
        field = expected[index] if index < len(expected) else expected[-1]
        raise table.fail(
            f"row has {len(cells)} cells, the header {len(expected)}", line=line, field=field
        )
    return Row(line, dict(zip(expected, cells, strict=True)))


# --------------------------------------------------------------------------
# Cell checks, driven by the schema
# --------------------------------------------------------------------------


def check_cells(table: RawTable, schema: dict[str, Any]) -> None:
    """Check every cell against its field's type and constraints.

    Raises
    ------
    IngestError
        At the first cell that is missing, mistyped or outside its constraints.
    """
    for row in table.rows:
        for spec in schema["fields"]:
            _check_cell(table, row, spec)
    for spec in schema["fields"]:
        if spec["constraints"].get("unique"):
            check_unique(table, [spec["name"]])
    check_unique(table, schema["primaryKey"])


def _check_cell(table: RawTable, row: Row, spec: dict[str, Any]) -> None:
    name, value = spec["name"], row.values[spec["name"]]
    rules = spec["constraints"]
    if value == "":
        if rules.get("required"):
            raise table.fail("required value is empty", line=row.line, field=name)
        return
    if value != value.strip():
        raise table.fail(f"value {value!r} has leading or trailing spaces",
                         line=row.line, field=name)
    if "enum" in rules and value not in rules["enum"]:
        raise table.fail(f"{value!r} is not one of {rules['enum']}", line=row.line, field=name)
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        raise table.fail(f"{value!r} does not match the pattern {rules['pattern']!r}",
                         line=row.line, field=name)
    if spec["type"] == "integer":
        _check_integer(table, row, spec, value)
    if spec["type"] == "date":
        parse_day(table, row, name, value)


def _check_integer(table: RawTable, row: Row, spec: dict[str, Any], value: str) -> None:
    name, rules = spec["name"], spec["constraints"]
    if not re.fullmatch(r"-?\d+", value):
        raise table.fail(f"{value!r} is not a whole number", line=row.line, field=name)
    number = int(value)
    if "minimum" in rules and number < rules["minimum"]:
        raise table.fail(f"{number} is below the minimum {rules['minimum']}",
                         line=row.line, field=name)
    if "maximum" in rules and number > rules["maximum"]:
        raise table.fail(f"{number} is above the maximum {rules['maximum']}",
                         line=row.line, field=name)


def parse_day(table: RawTable, row: Row, name: str, value: str) -> date:
    """Parse a ``YYYY-MM-DD`` cell as a real calendar date."""
    if not re.fullmatch(DATE_PATTERNS["day"], value):
        raise table.fail(f"{value!r} is not a YYYY-MM-DD date", line=row.line, field=name)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise table.fail(f"{value!r} is not a real calendar date", line=row.line,
                         field=name) from None


def check_unique(table: RawTable, key: Sequence[str]) -> None:
    """Require the values of ``key`` to be unique, naming the second occurrence."""
    seen: dict[tuple[str, ...], int] = {}
    for row in table.rows:
        value = tuple(row.values[k] for k in key)
        if value in seen:
            raise table.fail(
                f"duplicate key {'/'.join(value)!r}, first used on line {seen[value]}",
                line=row.line, field=", ".join(key),
            )
        seen[value] = row.line


def check_foreign_key(
    table: RawTable, field: str, target: RawTable, target_field: str
) -> None:
    """Require every value of ``field`` to exist in ``target``'s ``target_field``."""
    known = {r.values[target_field] for r in target.rows}
    for row in table.rows:
        value = row.values[field]
        if value and value not in known:
            raise table.fail(f"{value!r} is not a {target_field} in {target.path}",
                             line=row.line, field=field)


# --------------------------------------------------------------------------
# Table-specific checks
# --------------------------------------------------------------------------


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


def check_event_dates(events: RawTable) -> None:
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
        parse_day(events, row, "date", expected)
        if row.values["start_date"] != expected:
            raise events.fail(
                f"start_date {row.values['start_date']!r} disagrees with date {value!r}; "
                f"expected {expected!r}",
                line=row.line, field="start_date",
            )


def check_event_phases(events: RawTable, phases: RawTable) -> None:
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


def check_event_actors(events: RawTable) -> None:
    """Require three-capital-letter actors to be ISO 3166-1 alpha-3 codes (or SUN)."""
    for row in events.rows:
        for actor in row.values["actors"].split("; "):
            if re.fullmatch(r"[A-Z]{3}", actor) and not is_state_code(actor):
                raise events.fail(f"{actor!r} is not an ISO 3166-1 alpha-3 code",
                                  line=row.line, field="actors")


def is_state_code(code: str) -> bool:
    """Return whether ``code`` is a current ISO alpha-3 code or ``SUN`` (Soviet Union).

    Examples
    --------
    >>> is_state_code("IRN"), is_state_code("SUN"), is_state_code("SCO")
    (True, True, False)
    """
    return code == "SUN" or pycountry.countries.get(alpha_3=code) is not None


def check_phases(phases: RawTable) -> None:
    """Require orders 1..n and each phase's first year not after its last."""
    orders = sorted(int(r.values["order"]) for r in phases.rows)
    if orders != list(range(1, len(orders) + 1)):
        raise phases.fail(f"orders {orders} are not 1..{len(orders)}", field="order")
    for row in phases.rows:
        if int(row.values["start_year"]) > int(row.values["end_year"]):
            raise phases.fail("start_year is after end_year", line=row.line, field="start_year")


def check_claim_basis(claims: RawTable) -> None:
    """Require a claim decided by data to name the resources that decide it."""
    for row in claims.rows:
        if row.values["basis"] == "data" and not row.values["resources"]:
            raise claims.fail("basis 'data' needs the deciding resources",
                              line=row.line, field="resources")


# --------------------------------------------------------------------------
# Typed resources
# --------------------------------------------------------------------------

_DTYPES: dict[str, Callable[[list[str]], pd.Series]] = {
    "string": lambda v: pd.Series([x if x != "" else pd.NA for x in v], dtype="string"),
    "integer": lambda v: pd.Series([int(x) if x != "" else pd.NA for x in v], dtype="Int64"),
    "date": lambda v: pd.to_datetime(pd.Series(v, dtype="string"), format="%Y-%m-%d"),
}


def to_frame(table: RawTable, schema: dict[str, Any]) -> pd.DataFrame:
    """Return the rows as a DataFrame with schema dtypes, sorted by primary key."""
    names = [f["name"] for f in schema["fields"]]
    columns = {
        spec["name"]: _DTYPES[spec["type"]]([r.values[spec["name"]] for r in table.rows])
        for spec in schema["fields"]
    }
    frame = pd.DataFrame(columns, columns=names)
    return frame.sort_values(schema["primaryKey"], kind="stable").reset_index(drop=True)


def _resource(name: str, table: RawTable) -> Resource:
    descriptor = dict(DESCRIPTORS[name])
    descriptor["licenses"] = [AUTHORED_LICENSE]
    descriptor["sources"] = _SOURCES_NOTE
    return Resource(name=name, table=to_frame(table, descriptor["schema"]), descriptor=descriptor)


def read_checked(package_dir: Path) -> dict[str, RawTable]:
    """Read the four authored CSVs and run every check on them.

    Raises
    ------
    IngestError
        Naming the file, line and field of the first problem found.
    """
    raw = {name: read_raw(package_dir, name) for name in RESOURCE_NAMES}
    for name, table in raw.items():
        check_cells(table, DESCRIPTORS[name]["schema"])
    phases, events, claims, links = (raw[n] for n in RESOURCE_NAMES)
    check_phases(phases)
    check_foreign_key(events, "phase_id", phases, "phase_id")
    check_event_dates(events)
    check_event_phases(events, phases)
    check_event_actors(events)
    check_foreign_key(claims, "phase_id", phases, "phase_id")
    check_claim_basis(claims)
    check_foreign_key(links, "claim_id", claims, "claim_id")
    check_foreign_key(links, "event_id", events, "event_id")
    return raw


def build(package_dir: Path) -> list[Resource]:
    """Read, check and return the authored tables of the package in ``package_dir``.

    Parameters
    ----------
    package_dir
        The package folder (``datapackage/``); the tables are read from its
        ``data/`` subfolder.

    Returns
    -------
    list[Resource]
        ``phases``, ``events``, ``claims`` and ``claim_events``, each typed
        (``string``, ``Int64``, ``datetime64`` for ``start_date``) and sorted by
        primary key, with columns equal to the schema's fields.

    Raises
    ------
    IngestError
        Naming the file (e.g. ``data/events.csv``), line and field of the first
        bad cell.
    """
    raw = read_checked(package_dir)
    return [_resource(name, raw[name]) for name in RESOURCE_NAMES]
