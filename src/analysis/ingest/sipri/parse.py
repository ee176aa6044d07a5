"""SIPRI Arms Transfers Database: yearly transfers and deal-level rows.

Two resources are built from three SIPRI export layouts (see
``sources/sipri/PROVENANCE.md``):

``arms_transfers``
    Yearly volumes in millions of SIPRI trend-indicator values (TIV) for every
    export of the Soviet Union (1950–1991) and Russia (1992–2024), every import of
    Iran and every export of Iran. One SIPRI release per year: 1950–1994 come from
    the March 2022 TIV tables (integers as SIPRI rounds them, ``0`` meaning less
    than 0.5); 1995–2024 are our sums of the per-delivery-year register of the
    March 2025 release, rounded to 2 decimals.
``arms_deals``
    Every deal of the March 2025 deal register with Iran as supplier or recipient,
    including orders with nothing delivered yet.

Every reader keeps the raw file's path and the line of each row, so bad input
raises :class:`~analysis.ingest.errors.IngestError` naming file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.ingest.base import (
    RawRow,
    check_header,
    csv_records,
    decode_ascii,
    is_blank,
    parse_number,
    parse_year,
    require_name,
    require_width,
)
from analysis.ingest.countries import UnknownCountryName, iso3_for, series_for
from analysis.ingest.errors import IngestError
from analysis.names import SOVIET_RUSSIA, members

#: The origin records (``origin.toml``) of the three layouts the package is built from.
TABLES_ID = "sipri-tiv-tables-2022"
DELIVERIES_ID = "sipri-register-delivery-2025"
DEALS_ID = "sipri-register-deals-2025"

#: The release (March of this year) each origin belongs to.
RELEASE_OF: dict[str, int] = {TABLES_ID: 2022, DELIVERIES_ID: 2025, DEALS_ID: 2025}

#: Years taken from the 2022 tables; later years come from the 2025 register.
LAST_TABLE_YEAR = 1994
FIRST_REGISTER_YEAR = 1995
LAST_REGISTER_YEAR = 2024

IRAN = "IRN"


def code_for(name: str, *, path: Path | str, line: int, field: str) -> str | None:
    """Return the ISO code of a SIPRI name, raising IngestError for an unknown one."""
    try:
        return iso3_for(name)
    except UnknownCountryName as error:
        raise IngestError(str(error), path=path, line=line, field=field) from None


# ---------------------------------------------------------------------------
# Layout 1: TIV tables by supplier (March 2022 release)
# ---------------------------------------------------------------------------

TABLE_YEARS: tuple[int, ...] = tuple(range(1950, 2022))
TABLE_HEADER: tuple[str, ...] = ("", *map(str, TABLE_YEARS), "Total")
TABLE_HEADER_LINE = 11
_TABLE_TITLE = re.compile(r"TIV of arms exports from (?P<supplier>.+), 1950-2021")


def table_supplier(records: Sequence[RawRow], path: Path) -> str:
    """Return the supplier named in a TIV table's title line."""
    title = records[0].cells[0] if records and records[0].cells else ""
    match = _TABLE_TITLE.fullmatch(title.strip())
    if match is None:
        raise IngestError(
            f"title {title!r} is not 'TIV of arms exports from <supplier>, 1950-2021'",
            path=path,
            line=1,
            field="title",
        )
    return match["supplier"]


def read_tiv_table(path: Path) -> pd.DataFrame:
    """Read one SIPRI 'TIV of arms exports from <supplier>' table into long rows.

    The layout: 10 note lines, the header on line 11 (an empty cell, the years
    1950–2021, ``Total``), one line per recipient, blank separator lines of
    commas, and a ``Total`` line. Empty cells (no deliveries) give no row; ``0``
    (less than 0.5m TIV) is kept. The ``Total`` line and column are dropped.

    Returns
    -------
    pandas.DataFrame
        Columns ``supplier``, ``recipient``, ``year``, ``tiv``, ``line``.
    """
    records = csv_records(decode_ascii(path))
    supplier = table_supplier(records, path)
    header = next((r for r in records if r.line == TABLE_HEADER_LINE), None)
    if header is None:
        raise IngestError("the file ends before the header line", path=path, line=TABLE_HEADER_LINE)
    check_header(header.cells, TABLE_HEADER, path=path, line=header.line)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in records:
        if record.line <= TABLE_HEADER_LINE or is_blank(record.cells):
            continue
        require_width(record, len(TABLE_HEADER), path=path)
        recipient = require_name(record.cells[0], path=path, line=record.line, field="recipient")
        if recipient in seen:
            raise IngestError(f"recipient {recipient!r} appears twice", path=path, line=record.line, field="recipient")
        seen.add(recipient)
        values = [
            parse_number(cell, path=path, line=record.line, field=name, whole=True)
            for cell, name in zip(record.cells[1:], TABLE_HEADER[1:], strict=True)
        ]
        if recipient == "Total":
            continue
        for year, value in zip(TABLE_YEARS, values, strict=False):
            if value is not None:
                rows.append(
                    {"supplier": supplier, "recipient": recipient, "year": year,
                     "tiv": value, "line": record.line}
                )
    return pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv", "line"])


# ---------------------------------------------------------------------------
# Layout 2: register by delivery year (March 2025 release)
# ---------------------------------------------------------------------------

DELIVERY_HEADER: tuple[str, ...] = (
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description",
    "Armament category", "Order date", "Order date is estimate", "Numbers delivered",
    "Numbers delivered is estimate", "Delivery year", "Delivery year is estimate",
    "Status", "SIPRI estimate", "TIV deal unit", "TIV delivery values",
    "Local production",
)
REGISTER_HEADER_LINE = 12


def strip_trailing_semicolon(row: RawRow, *, path: Path, field: str) -> RawRow:
    """Remove the ``;`` SIPRI's newer export writes at the end of every line."""
    if not row.cells or not row.cells[-1].endswith(";"):
        raise IngestError("line does not end with ';' as this layout does", path=path, line=row.line, field=field)
    return RawRow(row.line, [*row.cells[:-1], row.cells[-1][:-1]])


def register_header(records: Sequence[RawRow], path: Path) -> RawRow:
    """Return the header record of a register export (line 12)."""
    header = next((r for r in records if r.line == REGISTER_HEADER_LINE), None)
    if header is None:
        raise IngestError("the file ends before the header line", path=path, line=REGISTER_HEADER_LINE)
    return header


def read_delivery_register(path: Path) -> pd.DataFrame:
    """Read SIPRI's per-delivery-year register (one row per deal and delivery year).

    The layout: 11 note lines, header on line 12, CRLF line ends and a ``;`` at
    the end of every line.

    Returns
    -------
    pandas.DataFrame
        Columns ``supplier``, ``recipient``, ``year``, ``tiv``, ``line``: the
        delivery year and its ``TIV delivery values``.
    """
    records = csv_records(decode_ascii(path))
    header = strip_trailing_semicolon(register_header(records, path), path=path, field=DELIVERY_HEADER[-1])
    check_header(header.cells, DELIVERY_HEADER, path=path, line=header.line)
    index = {name: i for i, name in enumerate(DELIVERY_HEADER)}
    rows: list[dict[str, Any]] = []
    for raw in records:
        if raw.line <= REGISTER_HEADER_LINE or is_blank(raw.cells):
            continue
        record = strip_trailing_semicolon(raw, path=path, field=DELIVERY_HEADER[-1])
        require_width(record, len(DELIVERY_HEADER), path=path)
        cell = {name: record.cells[i] for name, i in index.items()}
        where = {"path": path, "line": record.line}
        tiv = parse_number(cell["TIV delivery values"], field="TIV delivery values", **where)
        if tiv is None:
            raise IngestError("empty delivery value", field="TIV delivery values", **where)
        rows.append(
            {
                "supplier": require_name(cell["Supplier"], field="Supplier", **where),
                "recipient": require_name(cell["Recipient"], field="Recipient", **where),
                "year": parse_year(cell["Delivery year"], field="Delivery year", **where),
                "tiv": tiv,
                "line": record.line,
            }
        )
    return pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv", "line"])


# ---------------------------------------------------------------------------
# Layout 4: yearly import totals by recipient (cross-checks only)
# ---------------------------------------------------------------------------

TOTALS_HEADER_LINE = 10
TOTALS_YEARS: tuple[int, ...] = tuple(range(1950, 2025))


def read_import_totals(path: Path, recipient: str) -> pd.Series:
    """Return SIPRI's yearly import totals of one recipient, indexed by year.

    Empty cells (no deliveries, and the empty 2024 column) are left out.
    """
    records = csv_records(decode_ascii(path))
    header = next((r for r in records if r.line == TOTALS_HEADER_LINE), None)
    if header is None or header.cells[: 1 + len(TOTALS_YEARS)] != ["Recipient", *map(str, TOTALS_YEARS)]:
        raise IngestError("unexpected header of the import totals", path=path, line=TOTALS_HEADER_LINE)
    for record in records:
        if record.line > TOTALS_HEADER_LINE and record.cells and record.cells[0] == recipient:
            values = {
                year: parse_number(cell, path=path, line=record.line, field=str(year))
                for year, cell in zip(TOTALS_YEARS, record.cells[1:], strict=False)
            }
            return pd.Series({y: v for y, v in values.items() if v is not None}, dtype="Float64")
    raise IngestError(f"no row for recipient {recipient!r}", path=path)


# ---------------------------------------------------------------------------
# Building the resources
# ---------------------------------------------------------------------------


def add_codes(rows: pd.DataFrame, path: Path | str) -> pd.DataFrame:
    """Add ``supplier_code``, ``recipient_code`` and ``supplier_series`` to long rows.

    Every name is checked, so an unknown spelling stops the ingest at its line.
    """
    out = rows.copy()
    for side in ("supplier", "recipient"):
        out[f"{side}_code"] = [
            code_for(name, path=path, line=int(line), field=side)
            for name, line in zip(out[side], out["line"], strict=True)
        ]
    out["supplier_series"] = [series_for(name) for name in out["supplier"]]
    return out


def concerns_study(rows: pd.DataFrame) -> pd.Series:
    """Select exports of the Soviet Union or Russia, and every transfer to or from Iran."""
    return (
        rows["supplier_code"].isin(sorted(members(SOVIET_RUSSIA)))
        | (rows["recipient_code"] == IRAN)
        | (rows["supplier_code"] == IRAN)
    )


def table_rows(table_paths: Iterable[Path]) -> pd.DataFrame:
    """Return the study's rows of the 2022 tables for the years up to 1994."""
    frames = []
    for path in table_paths:
        rows = add_codes(read_tiv_table(path), path)
        frames.append(rows[concerns_study(rows) & (rows["year"] <= LAST_TABLE_YEAR)])
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return rows.assign(sipri_release=RELEASE_OF[TABLES_ID], source_id=TABLES_ID)


def register_rows(path: Path) -> pd.DataFrame:
    """Return the study's yearly sums of the 2025 delivery register, 1995–2024.

    Each supplier/recipient/year sums its ``TIV delivery values``; sums are
    rounded to 2 decimals (the register's own values have at most 2 or 3).
    """
    rows = add_codes(read_delivery_register(path), path)
    late = rows["year"] > LAST_REGISTER_YEAR
    if late.any():
        first = rows[late].iloc[0]
        raise IngestError(
            f"delivery year {first['year']} is after {LAST_REGISTER_YEAR}; a newer release "
            "needs new origin records",
            path=path, line=int(first["line"]), field="Delivery year",
        )
    rows = rows[concerns_study(rows) & (rows["year"] >= FIRST_REGISTER_YEAR)]
    keys = ["supplier", "recipient", "year", "supplier_code", "recipient_code", "supplier_series"]
    sums = rows.groupby(keys, sort=True, dropna=False)["tiv"].sum().round(2).reset_index()
    return sums.assign(
        sipri_release=RELEASE_OF[DELIVERIES_ID], source_id=DELIVERIES_ID
    )


def arms_transfers(table_paths: Iterable[Path], register_path: Path) -> pd.DataFrame:
    """Return the yearly transfers table: 2022 tables to 1994, 2025 register from 1995."""
    rows = pd.concat(
        [table_rows(table_paths), register_rows(register_path)], ignore_index=True
    )
    table = rows.sort_values(["supplier", "recipient", "year"], ignore_index=True)
    duplicated = table.duplicated(["supplier", "recipient", "year"])
    if duplicated.any():
        first = table[duplicated].iloc[0]
        raise IngestError(
            f"two values for {first['supplier']} -> {first['recipient']} in {first['year']}",
            path=register_path,
        )
    return table
