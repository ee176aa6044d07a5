"""Formal alliances plug-in (ATOP v5.1, COW Formal Alliances v4.1): ``alliances``.

Origin records and checksums are in ``origin.toml``, the descriptor in
``fields.toml``, the transform in :mod:`analysis.ingest.alliances.parse`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.alliances.parse import (
    ATOP_COLUMNS,
    ATOP_ID,
    ATOP_LAST_YEAR,
    COW_COLUMNS,
    COW_ID,
    COW_LAST_YEAR,
    DYADS,
    FIRST_YEAR,
    KEY_COLUMNS,
    alliance_table,
)
from analysis.ingest.base import Source, read_rda


def build_tables(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """Build ``alliances`` from the ATOP and COW R data files, without checking checksums."""
    atop_path, cow_path = sources_dir / ATOP_FILE, sources_dir / COW_FILE
    atop = read_rda(atop_path, "atop_alliance", KEY_COLUMNS + list(ATOP_COLUMNS))
    cow = read_rda(cow_path, "cow_alliance", KEY_COLUMNS + list(COW_COLUMNS))
    return {"alliances": alliance_table(atop, cow, atop_path=atop_path, cow_path=cow_path)}


SOURCE = Source.load(
    Path(__file__).parent,
    build_tables,
    params={"FIRST_YEAR": FIRST_YEAR, "ATOP_LAST_YEAR": ATOP_LAST_YEAR,
            "COW_LAST_YEAR": COW_LAST_YEAR, "DYADS": list(DYADS)},
)

#: Where each raw file lives under the sources folder, from the origin records.
ATOP_FILE = SOURCE.origin(ATOP_ID).file("atop_alliance.rda")
COW_FILE = SOURCE.origin(COW_ID).file("cow_alliance.rda")
