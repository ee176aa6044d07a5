"""How the March 2025 SIPRI release revised the March 2022 figures, pair by pair.

Both releases cover deliveries of 1995–2021 (the 2022 tables end in 2021, the
2025 register starts in 1995). For every supplier, recipient and year of those
years in the package's extract (exports of Russia, every transfer to or from
Iran), the 2022 value (SIPRI's whole-number table cell) is set beside the 2025
value (our sum of the register's delivery values) and the pair-year is
classified:

``added``
    a value in 2025 where the 2022 table had an empty cell;
``removed``
    a 2022 value that the 2025 register no longer has;
``changed``
    both have a value and the 2025 sum, rounded to a whole number as SIPRI
    rounds its tables (half up), differs from the 2022 value;
``unchanged``
    both have a value and the rounded 2025 sum equals the 2022 value.

Parties are matched across releases by ISO code, or, for parties without one
(non-state groups, unknown recipients), by their name ignoring case, so that
SIPRI's re-spellings ('Turkey'/'Turkiye', 'Unknown'/'unknown recipient(s)') are
not taken for revisions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.ingest.errors import IngestError
from analysis.ingest.sipri.parse import (
    FIRST_REGISTER_YEAR,
    add_codes,
    concerns_study,
    read_delivery_register,
    read_tiv_table,
)

#: The years both releases cover.
FIRST_YEAR = FIRST_REGISTER_YEAR
LAST_YEAR = 2021

#: The classes of a pair-year, in the order tables and charts list them.
REVISIONS: tuple[str, ...] = ("added", "removed", "changed", "unchanged")

COLUMNS = [
    "supplier", "supplier_code", "recipient", "recipient_code", "year",
    "tiv_release_2022", "tiv_release_2025", "tiv_change", "revision",
]


def party_key(name: str, code: str | None) -> str:
    """Return the key matching one party across releases: its code, else its name in lower case.

    Examples
    --------
    >>> party_key("Turkiye", "TUR"), party_key("Unknown recipient(s)", None)
    ('TUR', 'unknown recipient(s)')
    """
    return code if isinstance(code, str) and code else name.casefold()


def round_half_up(value: float) -> int:
    """Round a non-negative TIV sum to a whole number as SIPRI's tables do.

    Examples
    --------
    >>> round_half_up(0.5), round_half_up(2.49), round_half_up(1205.5)
    (1, 2, 1206)
    """
    return math.floor(value + 0.5)


def classify(old: float | None, new: float | None) -> str:
    """Return the revision class of one pair-year from its 2022 and 2025 values.

    Examples
    --------
    >>> classify(None, 7.5), classify(10, None), classify(1562, 1205.31), classify(0, 0.3)
    ('added', 'removed', 'changed', 'unchanged')
    """
    if old is None and new is None:
        raise ValueError("a pair-year needs a value in at least one release")
    if old is None:
        return "added"
    if new is None:
        return "removed"
    return "unchanged" if round_half_up(new) == old else "changed"


def keyed(rows: pd.DataFrame) -> pd.DataFrame:
    """Add the matching keys ``supplier_key`` and ``recipient_key`` to coded rows."""
    return rows.assign(
        supplier_key=[party_key(n, c) for n, c in zip(rows["supplier"], rows["supplier_code"], strict=True)],
        recipient_key=[party_key(n, c) for n, c in zip(rows["recipient"], rows["recipient_code"], strict=True)],
    )


def release_2022(table_paths: Iterable[Path]) -> pd.DataFrame:
    """Return the study's cells of the March 2022 supplier tables for 1995–2021."""
    frames = []
    for path in table_paths:
        rows = add_codes(read_tiv_table(path), path)
        frames.append(rows[concerns_study(rows) & rows["year"].between(FIRST_YEAR, LAST_YEAR)])
    return keyed(pd.concat(frames, ignore_index=True))


def release_2025(register_path: Path) -> pd.DataFrame:
    """Return the study's yearly sums of the March 2025 register for 1995–2021, to 2 decimals."""
    rows = add_codes(read_delivery_register(register_path), register_path)
    rows = keyed(rows[concerns_study(rows) & rows["year"].between(FIRST_YEAR, LAST_YEAR)])
    keys = ["supplier_key", "recipient_key", "year"]
    first = rows.groupby(keys, sort=True)[["supplier", "supplier_code", "recipient", "recipient_code"]].first()
    return first.join(rows.groupby(keys, sort=True)["tiv"].sum().round(2)).reset_index()


def revisions(old: pd.DataFrame, new: pd.DataFrame, *, path: Path | str) -> pd.DataFrame:
    """Set the 2022 and 2025 values of every pair-year side by side and classify them.

    Names and codes are those of the 2025 release, or of the 2022 release for a
    removed pair-year. ``tiv_change`` is the 2025 value less the 2022 value, a
    missing value counting as 0, to 2 decimals.

    Examples
    --------
    >>> def rows(s, r, y, t):
    ...     return keyed(pd.DataFrame({"supplier": s, "supplier_code": ["RUS"] * len(s), "recipient": r,
    ...                                "recipient_code": [None] * len(s), "year": y, "tiv": t}))
    >>> old = rows(["Russia"] * 2, ["Unknown recipient(s)", "X*"], [2020, 2020], [3, 5])
    >>> new = rows(["Russia"] * 2, ["unknown recipient(s)", "Y*"], [2020, 2021], [3.5, 1.25])
    >>> for row in revisions(old, new, path="t").itertuples():
    ...     print(row.recipient, row.year, row.tiv_change, row.revision)
    X* 2020 -5.0 removed
    Y* 2021 1.25 added
    unknown recipient(s) 2020 0.5 changed
    """
    keys = ["supplier_key", "recipient_key", "year"]
    names = ["supplier", "supplier_code", "recipient", "recipient_code"]
    merged = old[[*keys, *names, "tiv"]].merge(
        new[[*keys, *names, "tiv"]], on=keys, how="outer", suffixes=("_2022", "_2025"))
    for name in names:
        merged[name] = merged[f"{name}_2025"].where(merged[f"{name}_2025"].notna(), merged[f"{name}_2022"])
    merged = merged.rename(columns={"tiv_2022": "tiv_release_2022", "tiv_2025": "tiv_release_2025"})
    old_values = merged["tiv_release_2022"].astype("Float64")
    new_values = merged["tiv_release_2025"].astype("Float64")
    merged["tiv_change"] = (new_values.fillna(0) - old_values.fillna(0)).round(2)
    merged["revision"] = [
        classify(None if pd.isna(a) else a, None if pd.isna(b) else b)
        for a, b in zip(old_values, new_values, strict=True)
    ]
    table = merged[COLUMNS].sort_values(["supplier", "recipient", "year"], ignore_index=True)
    duplicated = table.duplicated(["supplier", "recipient", "year"])
    if duplicated.any():
        first = table[duplicated].iloc[0]
        raise IngestError(
            f"two parties named {first['supplier']!r} -> {first['recipient']!r} in {first['year']} "
            "match different parties of the other release", path=path)
    return table


def sipri_revisions(table_paths: Iterable[Path], register_path: Path) -> pd.DataFrame:
    """Return the ``sipri_revisions`` table from the 2022 tables and the 2025 register."""
    return revisions(release_2022(table_paths), release_2025(register_path), path=register_path)
