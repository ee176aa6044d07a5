"""Authored tables plug-in: phases, events, claims, claim_events, publishers, event_sources, security_council_votes.

The tables live in ``data/authored/`` (:data:`analysis.paths.AUTHORED_DIR`);
their descriptors are in ``fields.toml``, the research files they grew out of
in ``origin.toml`` (not read by this plug-in, which reads ``data/authored/``,
so ``verify`` is off here; :func:`analysis.ingest.collect` checks their
sha256 against the sources folder before anything is built), and the checks
in :mod:`analysis.ingest.authored.parse`. The descriptors' texts on evidence
grades and stances come from :mod:`analysis.evidence`, which computes the
grades, so the package states the rule the code applies.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import evidence
from analysis.ingest.authored.parse import tables
from analysis.ingest.base import Source
from analysis.paths import AUTHORED_DIR

#: Texts and vocabularies the descriptors take from :mod:`analysis.evidence`.
PARAMS: dict[str, object] = {
    "GRADE_RULE": evidence.GRADE_RULE,
    "GRADES": list(evidence.GRADES),
    "STANCE_RULE": evidence.STANCE_RULE,
    "STANCES": list(evidence.STANCES),
}


def build_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Read and check the authored tables in ``folder``; return them typed."""
    return tables(folder, SOURCE.descriptors)


SOURCE = Source.load(Path(__file__).parent, build_tables, params=PARAMS, verify=False,
                     default_folder=AUTHORED_DIR)

#: The resource names, in the order the plug-in returns them.
RESOURCE_NAMES: tuple[str, ...] = tuple(SOURCE.descriptors)
