"""SIPRI edition comparison plug-in: ``sipri_revisions``.

How the March 2025 release of the SIPRI Arms Transfers Database revised the
March 2022 figures, for every pair-year of the package's extract in the years
both cover (:mod:`analysis.ingest.sipri_revisions.parse`). The descriptor is in
``fields.toml``. The inputs are the raw files the ``sipri`` plug-in records
(``origin.toml`` there explains why none are recorded twice), so this plug-in
takes its origin records, checksums and file checks from
:mod:`analysis.ingest.sipri`: one record per raw file in the whole package.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest import sipri
from analysis.ingest.base import Source, check_origin
from analysis.ingest.metadata import load_descriptors, load_origins
from analysis.ingest.sipri.parse import DELIVERIES_ID, TABLES_ID
from analysis.ingest.sipri_revisions.parse import FIRST_YEAR, LAST_YEAR, REVISIONS, sipri_revisions

FOLDER = Path(__file__).parent

#: The sipri plug-in's origin records of the two releases compared.
INPUTS = [sipri.SOURCE.origin(TABLES_ID), sipri.SOURCE.origin(DELIVERIES_ID)]


def build_tables(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """Build ``sipri_revisions`` from the raw files, without checking checksums."""
    table = sipri_revisions(sipri.tiv_table_paths(sources_dir), sources_dir / sipri.DELIVERY_REGISTER)
    return {"sipri_revisions": table}


def check_inputs(sources_dir: Path) -> None:
    """Check the two releases' raw files against the sipri plug-in's origin records."""
    for origin in INPUTS:
        check_origin(origin, sources_dir)
    sipri.check_table_set(sources_dir)


def load_source() -> Source:
    """Return the plug-in's :class:`~analysis.ingest.base.Source`.

    Like :meth:`Source.load`, except that the descriptor cites the sipri
    plug-in's origin records, which the package lists once, under ``sipri``.
    """
    origins, references = load_origins(FOLDER / "origin.toml")
    params = {"FIRST_YEAR": FIRST_YEAR, "LAST_YEAR": LAST_YEAR, "REVISIONS": list(REVISIONS)}
    descriptors = load_descriptors(FOLDER / "fields.toml", params, [*INPUTS, *origins, *references])
    return Source(FOLDER.name, origins, references, descriptors, build_tables, check=check_inputs)


SOURCE = load_source()
