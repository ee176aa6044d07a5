"""Facts of the overview page: the scorecard's counts and the headline numbers."""

from __future__ import annotations

from typing import Any

from analysis import ideal_points, iran_votes, transfers
from analysis.chapters import common
from analysis.chapters.common import years_text
from analysis.chapters.scorecard import counts
from analysis.names import SOVIET_RUSSIA
from analysis.provenance import traced, traced_each

__all__ = ["facts", "years_text"]

#: Events whose dates the text quotes.
DATED_EVENTS = ("E002",)

#: Years searched for the first year Iran delivered more arms than it received.
REVERSAL_YEARS = (1979, 2024)

#: The claim whose evidence gives Iran's place among Russia's customers in 2000.
RANK_CLAIM = "C15"

#: Sessions of the ideal-point comparison the overview quotes (as in the alignment chapter).
IDEAL_YEARS = (1979, 2023)


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues (figures excepted)."""
    whole = {"whole_package": True}
    rank_note = "Iran's rank among Soviet/Russian arms customers in 2000 (claim C15's evidence, SIPRI TIV)"
    return {
        **{key: fact for key, fact in counts(package).items() if key in common.VERDICT_KEYS.values()
           or key == "n_claims"},
        "tally_text": traced(common.tally_text, package, (), **whole, unit="text",
                             description="The tally of the claims' verdicts, in words"),
        **common.dates(package, DATED_EVENTS),
        "rank_2000": traced(common.claim_figure, package, (), RANK_CLAIM, "rank_2000", **whole, unit="rank",
                            description=rank_note),
        **traced_each(common.claim_rank_texts, package, (), RANK_CLAIM, "rank_2000", **whole, units="rank",
                      description={"rank_2000_word": f"{rank_note}, in words",
                                   "rank_2000_largest": f"{rank_note}, in words"}),
        "share_2000": traced(common.claim_figure, package, (), RANK_CLAIM, "share_2000", **whole, unit="share",
                             description="Iran's share of Russia's arms exports in 2000 (claim C15's evidence)"),
        "reversal": traced(transfers.reversal_year, package, "arms_transfers", "IRN", SOVIET_RUSSIA,
                           *REVERSAL_YEARS, unit="year",
                           description="First year Iran delivered more arms to Russia than it received, "
                                       "{}–{}".format(*REVERSAL_YEARS)),
        "defence_years": traced(common.defence_year_count, package, (), **whole, unit="count",
                                description="Years with a Russia–Iran defence obligation in ATOP or COW, from "
                                            f"{common.DEFENCE_SINCE}"),
        "defence_years_text": traced(common.defence_years_words, package, (), **whole, unit="text",
                                     description="Years with a Russia–Iran defence obligation in ATOP or COW, "
                                                 f"from {common.DEFENCE_SINCE}, in words"),
        "defence_last": traced(common.defence_data_last_year, package, (), **whole, unit="year",
                               description="Last year the alliance data (ATOP or COW) cover Russia–Iran"),
        **{f"un_{key}": traced(ideal_points.distance_facts, package, "un_ideal_points", *IDEAL_YEARS,
                               pick=(key,), unit="count",
                               description=note.format(years="{}–{}".format(*IDEAL_YEARS)))
           for key, note in {"sessions": "Sessions with ideal points for Russia and Iran, {years}",
                             "rus_nearer_than_median": "Sessions in which Russia stood nearer Iran than the "
                                                       "median state did, {years}"}.items()},
        "un_turn_year": traced(iran_votes.russia_turn, package, "un_iran_votes", pick=("turn_year",), unit="year",
                               description="First year from which Russia voted no on every UN resolution on "
                                           "human rights in Iran"),
    }
