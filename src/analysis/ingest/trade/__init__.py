"""Bilateral trade plug-in (COW Trade v4.0): ``bilateral_trade``.

The transform is :mod:`analysis.ingest.trade.parse`; ``origin.toml`` (origin
record, checksums) and ``fields.toml`` (descriptor) follow the plug-in contract
of :mod:`analysis.ingest.base`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.base import Source, read_rda
from analysis.ingest.trade.parse import (
    COW_TRADE_ID,
    DYADIC_COLUMNS,
    FIRST_YEAR,
    LAST_YEAR,
    NATIONAL_COLUMNS,
    trade_table,
)


def build_tables(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """Build ``bilateral_trade`` from the COW Trade R data files, without checking checksums."""
    dyadic_path, national_path = sources_dir / DYADIC_FILE, sources_dir / NATIONAL_FILE
    dyadic = read_rda(dyadic_path, "cow_trade_ndy", DYADIC_COLUMNS)
    national = read_rda(national_path, "cow_trade_sy", NATIONAL_COLUMNS)
    table = trade_table(dyadic, national, dyadic_path=dyadic_path, national_path=national_path)
    return {"bilateral_trade": table}


SOURCE = Source.load(
    Path(__file__).parent, build_tables, params={"FIRST_YEAR": FIRST_YEAR, "LAST_YEAR": LAST_YEAR}
)

#: Where each raw file lives under the sources folder, from the origin record.
DYADIC_FILE = SOURCE.origin(COW_TRADE_ID).file("cow_trade_ndy.rda")
NATIONAL_FILE = SOURCE.origin(COW_TRADE_ID).file("cow_trade_sy.rda")
