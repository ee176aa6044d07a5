"""Input checks shared by the chart builders."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Sequence[str], *, allow_empty: bool = False) -> None:
    """Raise ``ValueError`` if chart data lacks a column (or, unless allowed, rows).

    Examples
    --------
    >>> require_columns(pd.DataFrame({"year": [2000]}), ["year", "tiv"])
    Traceback (most recent call last):
    ...
    ValueError: chart data lacks columns ['tiv']
    >>> require_columns(pd.DataFrame({"year": []}), ["year"])
    Traceback (most recent call last):
    ...
    ValueError: chart data is empty
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"chart data lacks columns {missing}")
    if frame.empty and not allow_empty:
        raise ValueError("chart data is empty")
