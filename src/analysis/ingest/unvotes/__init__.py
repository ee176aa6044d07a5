"""UN General Assembly voting plug-in: ``un_votes`` and ``un_vote_partners``.

Origin records and checksums are in ``origin.toml``, the descriptors in
``fields.toml``, the readers and transforms in :mod:`analysis.ingest.unvotes.parse`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.base import Source
from analysis.ingest.unvotes.parse import (
    MIN_JOINT_VOTES,
    PAIRS,
    UNVOTES_ID,
    VOETEN_ID,
    agreement_table,
    partner_table,
    read_ideal_points,
    read_votes,
)


def build_tables(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """Build both tables from the raw files, without checking checksums."""
    ideal_points_path = sources_dir / IDEAL_POINTS_FILE
    votes_path = sources_dir / VOTES_FILE
    votes = read_votes(votes_path, sources_dir / ROLL_CALLS_FILE)
    return {
        "un_votes": agreement_table(read_ideal_points(ideal_points_path), path=ideal_points_path),
        "un_vote_partners": partner_table(votes, path=votes_path),
    }


SOURCE = Source.load(
    Path(__file__).parent, build_tables, params={"PAIRS": list(PAIRS), "MIN_JOINT_VOTES": MIN_JOINT_VOTES}
)

#: Where each raw file lives under the sources folder, from the origin records.
IDEAL_POINTS_FILE = SOURCE.origin(VOETEN_ID).file("IdealpointestimatesAll_Jun2024.csv")
VOTES_FILE = SOURCE.origin(UNVOTES_ID).file("un_votes.rda")
ROLL_CALLS_FILE = SOURCE.origin(UNVOTES_ID).file("un_roll_calls.rda")
