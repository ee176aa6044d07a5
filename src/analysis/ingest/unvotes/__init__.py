"""UN General Assembly voting plug-in: seven resources from Voeten's data.

``un_votes`` and ``un_vote_partners`` (:mod:`analysis.ingest.unvotes.parse`);
``un_ideal_points``, ``un_agreement``, ``un_issue_agreement``, ``un_iran_votes``
and ``un_dividing_votes`` (:mod:`analysis.ingest.unvotes.rollcalls`). Origin
records and checksums are in ``origin.toml``, the descriptors in ``fields.toml``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.base import Source
from analysis.ingest.unvotes import rollcalls
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
    """Build every table of the plug-in from the raw files, without checking checksums."""
    ideal_points_path = sources_dir / IDEAL_POINTS_FILE
    votes_path = sources_dir / VOTES_FILE
    votes = read_votes(votes_path, sources_dir / ROLL_CALLS_FILE)
    roll_calls = rollcalls.read_roll_calls(sources_dir / ROLL_CALLS_FILE)
    issues = rollcalls.read_issues(sources_dir / ISSUES_FILE)
    return {
        "un_votes": agreement_table(read_ideal_points(ideal_points_path), path=ideal_points_path),
        "un_vote_partners": partner_table(votes, path=votes_path),
        "un_ideal_points": rollcalls.ideal_point_table(
            rollcalls.read_ideal_point_file(ideal_points_path), path=ideal_points_path),
        "un_agreement": rollcalls.agreement_pairs_table(votes),
        "un_issue_agreement": rollcalls.issue_agreement_table(votes, issues),
        "un_iran_votes": rollcalls.iran_votes_table(roll_calls, votes),
        "un_dividing_votes": rollcalls.dividing_votes_table(roll_calls, votes, issues),
    }


SOURCE = Source.load(
    Path(__file__).parent, build_tables,
    params={"PAIRS": list(PAIRS), "MIN_JOINT_VOTES": MIN_JOINT_VOTES,
            "AGREEMENT_PAIRS": list(rollcalls.AGREEMENT_PAIRS), "ISSUE_PAIRS": list(rollcalls.ISSUE_PAIRS),
            "ISSUES": list(rollcalls.ISSUES), "STATES": list(rollcalls.STATES),
            "FIRST_RUSSIAN_SESSION": rollcalls.FIRST_RUSSIAN_SESSION},
)

#: Where each raw file lives under the sources folder, from the origin records.
IDEAL_POINTS_FILE = SOURCE.origin(VOETEN_ID).file("IdealpointestimatesAll_Jun2024.csv")
VOTES_FILE = SOURCE.origin(UNVOTES_ID).file("un_votes.rda")
ROLL_CALLS_FILE = SOURCE.origin(UNVOTES_ID).file("un_roll_calls.rda")
ISSUES_FILE = SOURCE.origin(UNVOTES_ID).file("un_roll_call_issues.rda")
