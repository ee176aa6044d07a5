"""Small helpers that several chapters' facts share.

Each helper turns one domain result into the plain values a chapter glues:
dates of events under ``date_<id>`` names, keys with a prefix, one supplier's
share of a period, and the Russia–Iran defence check the chapters quote.

Examples
--------
>>> prefixed("tl_", {"total": 3})
{'tl_total': 3}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from analysis import alliances, events, ranks
from analysis.provenance import Fact, traced, traced_each
from analysis.wording import largest, ordinal

#: First year the chapters check for a defence obligation between Russia and Iran
#: (the alliance data start in 1946, when a Soviet–Iranian obligation is coded).
DEFENCE_SINCE = 1947

def prefixed(
    prefix: str, values: Mapping[str, object], keys: Sequence[str] | None = None
) -> dict[str, object]:
    """Return ``values`` (or only its ``keys``) with every key prefixed, for glue names.

    Examples
    --------
    >>> prefixed("dnc_", {"start": 1979, "end": 2019})
    {'dnc_start': 1979, 'dnc_end': 2019}
    >>> prefixed("tl_", {"conflict": 1, "total": 4}, keys=["conflict"])
    {'tl_conflict': 1}
    """
    chosen = values.keys() if keys is None else keys
    return {f"{prefix}{key}": values[key] for key in chosen}


def rank_texts(key: str, rank: int) -> dict[str, str]:
    """Return a rank in the two forms the text quotes: ``<key>_word`` and ``<key>_largest``.

    Examples
    --------
    >>> rank_texts("rank_2000", 3)
    {'rank_2000_word': 'third', 'rank_2000_largest': 'third-largest'}
    """
    return {f"{key}_word": ordinal(rank), f"{key}_largest": largest(rank)}


def dates(package: Any, event_ids: Sequence[str]) -> dict[str, object]:
    """Return the date label of each event under its glue name ``date_<id>``.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["E1"], "date_precision": ["year"],
    ...     "start_date": pd.to_datetime(["2007-01-01"])})
    >>> dates({"events": frame}, ["E1"])["date_E1"].value
    '2007'
    """
    return {f"date_{ident}": traced(events.date_labels, package, "events", [ident], pick=(ident,), unit="date",
                                    description=f"Date of event {ident}, at its precision")
            for ident in event_ids}


def period_share(shares: pd.DataFrame, start: int, end: int, series: str) -> float:
    """Return one supplier series' share of a period in a supplier-shares table.

    ``shares`` is the output of :func:`analysis.ranks.supplier_shares`.

    Raises
    ------
    ValueError
        If the period or the supplier is not in the table.

    Examples
    --------
    >>> shares = pd.DataFrame({"start": [1980, 1980], "end": [1989, 1989],
    ...     "supplier_series": ["CHN", "PRK"], "share": [0.75, 0.25]})
    >>> period_share(shares, 1980, 1989, "PRK")
    0.25
    """
    rows = shares[
        (shares["start"] == start) & (shares["end"] == end) & (shares["supplier_series"] == series)
    ]
    if rows.empty:
        raise ValueError(f"no share of {series!r} in {start}–{end}")
    return float(rows["share"].iloc[0])


def period_suppliers(shares: pd.DataFrame, start: int, end: int) -> int:
    """Return how many suppliers delivered in a period of a supplier-shares table.

    Examples
    --------
    >>> shares = pd.DataFrame({"start": [1980, 1990], "end": [1989, 1999],
    ...     "supplier_series": ["CHN", "CHN"]})
    >>> period_suppliers(shares, 1980, 1989)
    1
    """
    return int(((shares["start"] == start) & (shares["end"] == end)).sum())


def defence_check(package: Any) -> dict[str, object]:
    """Return the Russia–Iran defence check the chapters quote (from 1947).

    See :func:`analysis.alliances.defence_check` for the keys.
    """
    return alliances.defence_check(package["alliances"], "RUS", "IRN", since=DEFENCE_SINCE)


def supplier_share(arms: pd.DataFrame, recipient: str, start: int, end: int, series: str) -> float:
    """Return one supplier series' share of ``recipient``'s arms imports over ``start``–``end``.

    :func:`analysis.ranks.supplier_shares` for one period, then :func:`period_share`.
    """
    return period_share(ranks.supplier_shares(arms, recipient, [(start, end)]), start, end, series)


def supplier_count(arms: pd.DataFrame, recipient: str, start: int, end: int) -> int:
    """Return how many supplier series delivered arms to ``recipient`` over ``start``–``end``."""
    return period_suppliers(ranks.supplier_shares(arms, recipient, [(start, end)]), start, end)


def imports_total(arms: pd.DataFrame, recipient: str, start: int, end: int) -> float:
    """Return the sum of ``recipient``'s arms imports from all suppliers over ``start``–``end`` (TIV)."""
    return float(ranks.supplier_shares(arms, recipient, [(start, end)])["tiv"].sum())


def traced_defence(package: Any, keys: Mapping[str, str]) -> dict[str, Fact]:
    """Return items of :func:`defence_check` as Facts (years), under glue names ``keys`` (name -> item)."""
    found = traced_each(defence_check, package, (), units="year", whole_package=True, keys=list(keys.values()),
                        description="Russia–Iran defence obligations from 1947 (ATOP, COW): {key}")
    return {name: found[item] for name, item in keys.items()}
