"""Facts of the overview page: the scorecard's counts and the headline numbers."""

from __future__ import annotations

from typing import Any

from analysis import claims, transfers
from analysis.chapters import common
from analysis.chapters.scorecard import claim_counts
from analysis.claims.rules import verdict_of
from analysis.names import SOVIET_RUSSIA

#: Events whose dates the text quotes.
DATED_EVENTS = ("E002",)

#: Years searched for the first year Iran delivered more arms than it received.
REVERSAL_YEARS = (1979, 2024)


def years_text(count: int) -> str:
    """Return a number of years as the overview's prose reads it.

    Examples
    --------
    >>> years_text(0), years_text(1), years_text(42)
    ('no year', 'one year', '42 years')
    """
    if count < 0:
        raise ValueError(f"a number of years cannot be negative: {count}")
    return {0: "no year", 1: "one year"}.get(count, f"{count:,} years")


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues (figures excepted)."""
    card = claims.scorecard(package)
    c15 = verdict_of(package, "C15").evidence
    defence = common.defence_check(package)
    return {
        **claim_counts(card),
        "tally_text": claims.tally_sentence(claims.tally(card)),
        **common.dates(package, DATED_EVENTS),
        "rank_2000": c15["rank_2000"],
        **common.rank_texts("rank_2000", c15["rank_2000"]),
        "share_2000": c15["share_2000"],
        "reversal": transfers.reversal_year(package["arms_transfers"], "IRN", SOVIET_RUSSIA,
                                            *REVERSAL_YEARS),
        "defence_years": len(defence["defence_years"]),
        "defence_years_text": years_text(len(defence["defence_years"])),
        "defence_last": max(defence["atop_last"], defence["cow_last"]),
    }
