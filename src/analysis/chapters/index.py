"""Facts of the overview page: the scorecard's counts and the headline numbers."""

from __future__ import annotations

from typing import Any

from analysis import claims, transfers
from analysis.chapters import common
from analysis.chapters.scorecard import claim_counts
from analysis.claims.arms import verdict_c15
from analysis.names import SOVIET_RUSSIA

#: Years searched for the first year Iran delivered more arms than it received.
REVERSAL_YEARS = (1979, 2024)


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues (figures excepted)."""
    card = claims.scorecard(package)
    c15 = verdict_c15(package).evidence
    defence = common.defence_check(package)
    return {
        **claim_counts(card),
        "rank_2000": c15["rank_2000"],
        "share_2000": c15["share_2000"],
        "reversal": transfers.reversal_year(package["arms_transfers"], "IRN", SOVIET_RUSSIA,
                                            *REVERSAL_YEARS),
        "defence_years": len(defence["defence_years"]),
        "defence_last": max(defence["atop_last"], defence["cow_last"]),
    }
