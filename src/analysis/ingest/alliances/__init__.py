"""Formal alliances plug-in (ATOP v5.1, COW Formal Alliances v4.1): ``alliances``.

The transform is :mod:`analysis.ingest.alliances.parse`; ``origin.toml`` (origin
records, checksums) and ``fields.toml`` (descriptor) follow the plug-in
contract of :mod:`analysis.ingest.base`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.alliances import parse
from analysis.ingest.base import Source, read_rda


def build_tables(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """Build ``alliances`` from the ATOP and COW R data files, without checking checksums."""
    atop_path, cow_path = sources_dir / ATOP_FILE, sources_dir / COW_FILE
    atop = read_rda(atop_path, "atop_alliance", parse.KEY_COLUMNS + list(parse.ATOP_COLUMNS))
    cow = read_rda(cow_path, "cow_alliance", parse.KEY_COLUMNS + list(parse.COW_COLUMNS))
    return {"alliances": parse.alliance_table(atop, cow, atop_path=atop_path, cow_path=cow_path)}


SOURCE = Source.load(
    Path(__file__).parent,
    build_tables,
    params={"FIRST_YEAR": parse.FIRST_YEAR, "ATOP_LAST_YEAR": parse.ATOP_LAST_YEAR,
            "COW_LAST_YEAR": parse.COW_LAST_YEAR, "DYADS": list(parse.DYADS)},
)

#: Where each raw file lives under the sources folder, from the origin records.
ATOP_FILE = SOURCE.origin(parse.ATOP_ID).file("atop_alliance.rda")
COW_FILE = SOURCE.origin(parse.COW_ID).file("cow_alliance.rda")
