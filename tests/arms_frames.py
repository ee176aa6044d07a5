"""Hand-built ``arms_transfers`` tables shared by the transfers and ranks tests.

Imported by the test modules (``from tests.arms_frames import ...``).
"""

from __future__ import annotations

import pandas as pd
from hypothesis import strategies as st

NAMES = {"IRN": "Iran", "IND": "India", "CHN": "China", "IRQ": "Iraq", "SUN": "Soviet Union",
         "RUS": "Russia", "PRK": "North Korea"}


def frame(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    """Build a transfers table from (supplier_code, recipient_code, year, tiv) rows."""
    data = pd.DataFrame(rows, columns=["supplier_code", "recipient_code", "year", "tiv"])
    data["supplier"] = data["supplier_code"].map(NAMES)
    data["recipient"] = data["recipient_code"].map(NAMES)
    data["supplier_series"] = data["supplier_code"].replace({"SUN": "SUN+RUS", "RUS": "SUN+RUS"})
    return data


HAND = frame([
    ("SUN", "IRQ", 1990, 50.0), ("SUN", "IRN", 1990, 10.0), ("RUS", "IRN", 1992, 20.0),
    ("RUS", "IND", 1992, 30.0), ("RUS", "CHN", 1992, 30.0), ("CHN", "IRN", 1992, 10.0),
    ("IRN", "RUS", 1992, 40.0),
])

CODES = ["IRN", "IND", "CHN", "IRQ"]


def _rows(suppliers: list[str], years: st.SearchStrategy[int]) -> st.SearchStrategy[tuple[str, str, int, float]]:
    """Random transfer rows (supplier_code, recipient_code, year, tiv) from ``suppliers``."""
    return st.tuples(st.sampled_from(suppliers), st.sampled_from(CODES), years, st.integers(1, 500).map(float))


rows_strategy = st.lists(_rows(["SUN", "RUS", "CHN", "PRK"], st.integers(1988, 1995)), min_size=1, max_size=40)


def fix_series(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    """Build a table from ``rows``, Soviet up to 1991 and Russian after, as in the package."""
    fixed = [("SUN" if y <= 1991 else "RUS") if s in ("SUN", "RUS") else s for s, _, y, _ in rows]
    return frame([(f, r, y, v) for f, (_, r, y, v) in zip(fixed, rows, strict=True)])


#: Tables in which both the Soviet Union and Russia deliver, so ``"SUN+RUS"`` joins two members.
joined_tables = st.builds(
    lambda rows, sun, rus: fix_series([*rows, sun, rus]),
    rows_strategy, _rows(["SUN"], st.integers(1988, 1991)), _rows(["RUS"], st.integers(1992, 1995)),
)


def span(data: pd.DataFrame) -> tuple[int, int]:
    """Return the first and last year of ``data``."""
    return int(data["year"].min()), int(data["year"].max())
