"""SIPRI's deal register (March 2025 release): reading it and the ``arms_deals`` table.

Deals are identified by a hash of the fields that name them (:func:`deal_ids`),
so identifiers survive SIPRI revising deliveries or comments.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.ingest.base import (
    RawRow,
    check_header,
    csv_records,
    decode_latin1,
    is_blank,
    parse_number,
    parse_year,
    require_name,
    require_width,
)
from analysis.ingest.errors import IngestError
from analysis.ingest.sipri.parse import IRAN, REGISTER_HEADER_LINE, add_codes, register_header

# ---------------------------------------------------------------------------
# Layout 3: deal register, all years (March 2025 release)
# ---------------------------------------------------------------------------

#: Our key for each column of the deal register, with SIPRI's header text. The
#: three flag columns have a blank header; they hold ``?`` for uncertain values.
DEAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("recipient", "Recipient"),
    ("supplier", "Supplier"),
    ("order_year", "Year of order"),
    ("order_year_flag", " "),
    ("number_ordered", "Number ordered"),
    ("number_ordered_flag", " "),
    ("designation", "Weapon designation"),
    ("description", "Weapon description"),
    ("number_delivered", "Number delivered"),
    ("number_delivered_flag", " "),
    ("delivery_years", "Year(s) of delivery"),
    ("status", "status"),
    ("comments", "Comments"),
    ("tiv_per_unit", "SIPRI TIV per unit"),
    ("tiv_order", "SIPRI TIV for total order"),
    ("tiv_delivered", "SIPRI TIV of delivered weapons"),
)
DEAL_HEADER: tuple[str, ...] = tuple(header for _, header in DEAL_COLUMNS)
DEAL_STATUSES: tuple[str, ...] = ("New", "Second hand", "Second hand but modernized")

#: The name an error gives each deal-register column (flags named after their value).
DEAL_FIELD_NAMES: dict[str, str] = {
    "order_year_flag": "flag after 'Year of order'",
    "number_ordered_flag": "flag after 'Number ordered'",
    "number_delivered_flag": "flag after 'Number delivered'",
    **{key: header for key, header in DEAL_COLUMNS if header.strip()},
}


def check_deal_header(header: RawRow, path: Path) -> None:
    """Require the deal register's header, whose three flag columns are blank."""
    found = [cell if cell.strip() else " " for cell in header.cells]
    check_header(found, DEAL_HEADER, path=path, line=header.line)


def join_split_records(records: Sequence[RawRow], width: int) -> list[RawRow]:
    """Re-join deal rows that SIPRI's export broke across two lines.

    An unquoted line break at the end of a comment splits a row in two: the
    first part ends in the comment, the second starts with the rest of it. Two
    consecutive short records whose widths add up to ``width + 1`` are joined,
    the comment's two halves with a space.

    Examples
    --------
    >>> rows = [RawRow(5, ["a", "b", "note"]), RawRow(6, ["", "1", "2"]), RawRow(7, list("vwxyz"))]
    >>> [(r.line, r.cells) for r in join_split_records(rows, 5)]
    [(5, ['a', 'b', 'note', '1', '2']), (7, ['v', 'w', 'x', 'y', 'z'])]
    """
    joined: list[RawRow] = []
    position = 0
    while position < len(records):
        record = records[position]
        following = records[position + 1] if position + 1 < len(records) else None
        if (
            len(record.cells) < width
            and following is not None
            and len(record.cells) + len(following.cells) == width + 1
        ):
            middle = " ".join(p for p in (record.cells[-1].strip(), following.cells[0].strip()) if p)
            joined.append(RawRow(record.line, [*record.cells[:-1], middle, *following.cells[1:]]))
            position += 2
        else:
            joined.append(record)
            position += 1
    return joined


def parse_flag(text: str, *, path: Path, line: int, field: str) -> bool:
    """Return True for SIPRI's ``?`` uncertainty flag, False for an empty cell."""
    value = text.strip()
    if value not in ("", "?"):
        raise IngestError(f"flag must be '?' or empty, found {text!r}", path=path, line=line, field=field)
    return value == "?"


def parse_delivery_years(text: str, *, path: Path, line: int, field: str) -> list[int]:
    """Parse SIPRI's ``; ``-separated delivery years (empty: none yet).

    Examples
    --------
    >>> parse_delivery_years("2022; 2023; 2024", path=Path("f"), line=1, field="y")
    [2022, 2023, 2024]
    """
    if not text.strip():
        return []
    return [parse_year(part, path=path, line=line, field=field) for part in text.split(";")]


def parse_deal(record: RawRow, path: Path) -> dict[str, Any]:
    """Turn one deal-register record into typed values (see :func:`read_deal_register`)."""
    cell = {key: record.cells[i] for i, (key, _) in enumerate(DEAL_COLUMNS)}

    def where(key: str) -> dict[str, Any]:
        return {"path": path, "line": record.line, "field": DEAL_FIELD_NAMES[key]}

    def number(key: str, whole: bool = False) -> float | None:
        return parse_number(cell[key], whole=whole, **where(key))

    years = parse_delivery_years(cell["delivery_years"], **where("delivery_years"))
    status = cell["status"].strip()
    if status not in DEAL_STATUSES:
        raise IngestError(f"unknown status {status!r}", **where("status"))
    number_ordered = number("number_ordered", whole=True)
    tiv_order = number("tiv_order")
    tiv_delivered = number("tiv_delivered")
    if not years and tiv_delivered:
        raise IngestError("TIV delivered but no delivery year given", **where("tiv_delivered"))
    return {
        "line": record.line,
        "supplier": require_name(cell["supplier"], **where("supplier")),
        "recipient": require_name(cell["recipient"], **where("recipient")),
        "order_year": parse_year(cell["order_year"], **where("order_year")),
        "order_year_estimated": parse_flag(cell["order_year_flag"], **where("order_year_flag")),
        "number_ordered": number_ordered,
        "number_ordered_estimated": parse_flag(cell["number_ordered_flag"], **where("number_ordered_flag")),
        "designation": cell["designation"].strip(),
        "description": cell["description"].strip(),
        "number_delivered": number("number_delivered", whole=True),
        "number_delivered_estimated": parse_flag(cell["number_delivered_flag"], **where("number_delivered_flag")),
        "delivery_years": "; ".join(str(y) for y in years) or None,
        "first_delivery_year": min(years) if years else None,
        "last_delivery_year": max(years) if years else None,
        "status": status,
        "tiv_per_unit": number("tiv_per_unit"),
        # SIPRI's export writes 0 where the order total is unknown (no number
        # ordered) and where nothing has been delivered; its own notes say these
        # fields are empty then, so they are left empty here.
        "tiv_order": None if number_ordered is None and not tiv_order else tiv_order,
        "tiv_delivered": tiv_delivered if years else None,
        "comments": cell["comments"].strip() or None,
    }


def read_deal_register(path: Path) -> pd.DataFrame:
    """Read SIPRI's deal-level trade register (Latin-1, header on line 12).

    Rows broken across two lines by the export are re-joined first.

    Returns
    -------
    pandas.DataFrame
        One row per deal: ``line`` and the typed values of :func:`parse_deal`.
    """
    records = csv_records(decode_latin1(path))
    header = register_header(records, path)
    check_deal_header(header, path)
    body = [r for r in records if r.line > REGISTER_HEADER_LINE and not is_blank(r.cells)]
    deals = []
    for record in join_split_records(body, len(DEAL_HEADER)):
        require_width(record, len(DEAL_HEADER), path=path)
        deals.append(parse_deal(record, path))
    return pd.DataFrame(deals)


#: The fields a deal's identifier is derived from: what names a deal in SIPRI's
#: register, leaving out values SIPRI revises often (deliveries, TIV, comments).
DEAL_ID_FIELDS: tuple[str, ...] = (
    "supplier", "recipient", "order_year", "designation", "description",
    "number_ordered", "status",
)


def deal_key(row: pd.Series) -> str:
    """Return the text a deal's identifier hashes: its identifying fields, joined."""
    parts = []
    for name in DEAL_ID_FIELDS:
        value = row[name]
        if pd.isna(value):
            parts.append("")
        elif isinstance(value, float):
            parts.append(str(int(value)) if value.is_integer() else repr(value))
        else:
            parts.append(str(value))
    return "\x1f".join(parts)


def deal_ids(deals: pd.DataFrame) -> list[str]:
    """Return ``IRN-`` plus 10 hex digits of the sha256 of each deal's key.

    The id depends only on the deal's identifying fields, so it is identical on
    every run and survives SIPRI revising deliveries or comments. Deals sharing
    a key (none in the March 2025 release) get ``-2``, ``-3`` … in the order of
    their full rows.

    Examples
    --------
    >>> deals = pd.DataFrame({"supplier": ["Russia"], "recipient": ["Iran"],
    ...     "order_year": [2015], "designation": ["S-300PMU2 Favorit"],
    ...     "description": ["SAM system"], "number_ordered": [4.0], "status": ["New"]})
    >>> deal_ids(deals)
    ['IRN-...']
    """
    keys = [deal_key(row) for _, row in deals.iterrows()]
    base = ["IRN-" + hashlib.sha256(k.encode("utf-8")).hexdigest()[:10] for k in keys]
    full = [repr(tuple(row)) for row in deals.astype(str).itertuples(index=False)]
    order = sorted(range(len(base)), key=lambda i: (base[i], full[i]))
    counts: dict[str, int] = {}
    ids = [""] * len(base)
    for i in order:
        counts[base[i]] = counts.get(base[i], 0) + 1
        ids[i] = base[i] if counts[base[i]] == 1 else f"{base[i]}-{counts[base[i]]}"
    return ids


def arms_deals(register_path: Path) -> pd.DataFrame:
    """Return every deal with Iran as supplier or recipient, sorted by ``deal_id``."""
    deals = add_codes(read_deal_register(register_path), register_path)
    deals = deals[(deals["supplier_code"] == IRAN) | (deals["recipient_code"] == IRAN)]
    deals = deals.reset_index(drop=True)
    deals["deal_id"] = deal_ids(deals)
    return deals.sort_values("deal_id", ignore_index=True)
