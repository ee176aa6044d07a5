"""Argument checks shared by the domain modules: year windows and known codes.

Every domain function that takes a window of years or a code checks it here,
so a bad argument fails the same way everywhere, naming what was asked and
what the data holds.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def check_order(start: int, end: int) -> None:
    """Reject a window of years whose start is after its end.

    Examples
    --------
    >>> check_order(1980, 1980)
    >>> check_order(1982, 1981)
    Traceback (most recent call last):
    ...
    ValueError: empty year window: start 1982 is after end 1981
    """
    if start > end:
        raise ValueError(f"empty year window: start {start} is after end {end}")


def year_span(frame: pd.DataFrame) -> tuple[int, int]:
    """Return the first and last value of a table's ``year`` column.

    Examples
    --------
    >>> year_span(pd.DataFrame({"year": [1990, 1980, 1985]}))
    (1980, 1990)
    """
    return int(frame["year"].min()), int(frame["year"].max())


def check_window(frame: pd.DataFrame, start: int, end: int, what: str = "") -> None:
    """Reject a window of years that is empty or reaches outside ``frame``'s years.

    ``what`` names the data in the message (``"the UN voting data's"``).

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1980, 1990]})
    >>> check_window(table, 1980, 1985, "trade")
    >>> check_window(table, 1970, 1985, "trade")
    Traceback (most recent call last):
    ...
    ValueError: year window 1970–1985 is outside the trade data's 1980–1990
    """
    check_order(start, end)
    first, last = year_span(frame)
    if start < first or end > last:
        data = f"{what} data's" if what else "data's"
        raise ValueError(f"year window {start}–{end} is outside the {data} {first}–{last}")


def check_year(frame: pd.DataFrame, year: int, what: str) -> None:
    """Reject a single year outside ``frame``'s years.

    Examples
    --------
    >>> check_year(pd.DataFrame({"year": [2001, 2013]}), 2019, "alliance")
    Traceback (most recent call last):
    ...
    ValueError: year 2019 is outside the alliance data's 2001–2013
    """
    first, last = year_span(frame)
    if not first <= year <= last:
        raise ValueError(f"year {year} is outside the {what} data's {first}–{last}")


def check_known(value: str, values: Iterable[object], what: str) -> None:
    """Reject a code that is not among the values a table holds, listing them.

    Examples
    --------
    >>> check_known("RUS-IRN", ["RUS-IRN", "IRN-USA"], "pair")
    >>> check_known("IRN-RUS", ["RUS-IRN", "IRN-USA"], "pair")
    Traceback (most recent call last):
    ...
    ValueError: unknown pair 'IRN-RUS'; the data has: IRN-USA, RUS-IRN
    """
    known = sorted(str(v) for v in pd.Series(list(values)).dropna().unique())
    if value not in known:
        raise ValueError(f"unknown {what} {value!r}; the data has: {', '.join(known)}")
