"""SIPRI Arms Transfers Database plug-in: ``arms_transfers`` and ``arms_deals``.

Origin records and checksums are in ``origin.toml``, the descriptors in
``fields.toml``, the readers of SIPRI's export layouts in
:mod:`analysis.ingest.sipri.parse` and :mod:`analysis.ingest.sipri.deals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.ingest.base import Source
from analysis.ingest.errors import IngestError
from analysis.ingest.sipri.deals import DEAL_STATUSES, arms_deals
from analysis.ingest.sipri.parse import (
    DEALS_ID,
    DELIVERIES_ID,
    LAST_REGISTER_YEAR,
    RELEASE_OF,
    TABLES_ID,
    arms_transfers,
)


def tiv_table_paths(sources_dir: Path) -> list[Path]:
    """Return the supplier tables under ``sources_dir``, sorted by name."""
    folder = sources_dir / TIV_TABLES_DIR
    if not folder.is_dir():
        raise IngestError("folder of SIPRI supplier tables is missing", path=folder)
    return sorted(folder.glob("TIV-Export-*-1950-2021.csv"))


def check_table_set(sources_dir: Path, paths: Sequence[Path] | None = None) -> None:
    """Require the supplier tables on disk to be exactly those of the origin record."""
    origin = SOURCE.origin(TABLES_ID)
    for path in tiv_table_paths(sources_dir) if paths is None else paths:
        if path.relative_to(sources_dir).as_posix() not in origin.files:
            raise IngestError(f"supplier table not in the origin record {origin.id!r}", path=path)


def build_tables(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """Build both tables from the raw files, without checking checksums."""
    return {
        "arms_transfers": arms_transfers(tiv_table_paths(sources_dir), sources_dir / DELIVERY_REGISTER),
        "arms_deals": arms_deals(sources_dir / DEAL_REGISTER),
    }


SOURCE = Source.load(
    Path(__file__).parent,
    build_tables,
    params={
        "LAST_REGISTER_YEAR": LAST_REGISTER_YEAR,
        "RELEASES": sorted(set(RELEASE_OF.values())),
        "DEAL_STATUSES": list(DEAL_STATUSES),
    },
    check=check_table_set,
)

#: Where each layout lives under the sources folder, from the origin records.
TIV_TABLES_DIR = SOURCE.origin(TABLES_ID).folder
DELIVERY_REGISTER = SOURCE.origin(DELIVERIES_ID).file("trade_register.csv")
DEAL_REGISTER = SOURCE.origin(DEALS_ID).file("trade-register.csv")
#: SIPRI's yearly import totals: a cross-check for the tests, not a package input.
IMPORT_TOTALS_ORIGIN = SOURCE.origin("sipri-import-totals-2024")
IMPORT_TOTALS = IMPORT_TOTALS_ORIGIN.file("import-export-values_1950-2024.csv")
