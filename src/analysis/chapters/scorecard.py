"""Facts of the scorecard: the claims' verdicts and the evidence the text quotes."""

from __future__ import annotations

from typing import Any

from IPython.display import HTML

from analysis import claims, jsonld
from analysis.chapters import common
from analysis.chapters.common import VERDICT_KEYS, claim_counts, day
from analysis.provenance import Fact, traced, traced_each

__all__ = ["VERDICT_KEYS", "claim_counts", "day", "facts", "counts", "evidence"]

#: What each count of :func:`analysis.chapters.common.scorecard_counts` is, for its note.
COUNT_NOTES: dict[str, str] = {
    "n_claims": "Number of the essay's checkable claims",
    **{key: f"Number of claims whose verdict is '{verdict}'" for verdict, key in VERDICT_KEYS.items()},
    "n_data": "Number of claims whose verdict rests on the package's data",
    "n_sources": "Number of claims whose verdict rests on cited sources",
    "n_agree": "Number of data-decided claims whose verdict, as its rule computes it from the data, agrees with ours",
}

#: Each figure of the claims' evidence the text quotes: glue name -> (function, claim, key, unit, note);
#: :data:`OTHERWISE` says what an empty figure reads as.
EVIDENCE: dict[str, tuple[Any, str, str, str, str]] = {
    "invasion_start": (common.claim_day, "C05", "invasion_start", "date",
                       "Start of the Soviet invasion of Afghanistan (claim C05's evidence)"),
    "iran_rank_2000": (common.claim_figure, "C15", "rank_2000", "rank",
                       "Iran's rank among Soviet/Russian arms customers in 2000 (claim C15's evidence, SIPRI TIV)"),
    "iran_tiv_2000": (common.claim_figure, "C15", "tiv_2000", "TIV million",
                      "SIPRI TIV delivered by Russia to Iran in 2000 (claim C15's evidence)"),
    "iran_share_2000": (common.claim_percent, "C15", "share_2000", "percent",
                        "Iran's share of Russia's arms exports in 2000, in percent (claim C15's evidence)"),
    "missiles_first_year": (common.claim_figure, "C27", "missiles_first_delivery_year", "year",
                            "First year SIPRI records Iranian missiles delivered to Russia (claim C27's evidence)"),
    "missiles_confirmed": (common.claim_day, "C27", "missiles_confirmed", "date",
                           "Day the delivery of Iranian missiles to Russia was confirmed (claim C27's evidence)"),
    "su35_ordered": (common.claim_figure, "C29", "su35_ordered", "count",
                     "Su-35 fighters Iran ordered from Russia, in the SIPRI register (claim C29's evidence)"),
    "su35_delivered": (common.claim_figure, "C29", "su35_delivered", "count",
                       "Su-35 fighters delivered to Iran, in the SIPRI register (claim C29's evidence; 'none' for 0)"),
    "alliance_last_year": (common.claim_figure, "C03", "alliance_data_last_year", "year",
                           "Last year the alliance data (ATOP, COW) cover (claim C03's evidence)"),
    "defence_pledges": (common.claim_count, "C03", "defence_pledge_years", "count",
                        "Years from 1992 with a Russia–Iran defence pledge in ATOP or COW (claim C03's evidence)"),
}

#: Glue names whose empty figure (None or 0) reads as a word.
OTHERWISE: dict[str, str] = {"su35_delivered": "none"}


def counts(package: Any) -> dict[str, Fact]:
    """The number of claims, of each verdict and of each basis, traced to the scorecard."""
    return traced_each(common.scorecard_counts, package, (), whole_package=True, units="count",
                       description=COUNT_NOTES)


def evidence(package: Any) -> dict[str, Fact]:
    """The figures of the claims' evidence the text quotes (:data:`EVIDENCE`), traced to their rules."""
    return {name: traced(function, package, (), claim, key, whole_package=True, unit=unit, description=note,
                         **({"otherwise": OTHERWISE[name]} if name in OTHERWISE else {}))
            for name, (function, claim, key, unit, note) in EVIDENCE.items()}


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues (figures excepted)."""
    card = claims.scorecard(package)
    return {
        **counts(package),
        **evidence(package),
        # The cards with their filters, and the same claims as schema.org ClaimReviews for machines.
        "scorecard_table": HTML(claims.scorecard_block(card, package["phases"])
                                + jsonld.script_tag(jsonld.claim_reviews(card, package.descriptor))),
        "verdict_definitions": HTML(claims.definitions_html()),
        "tally_text": traced(common.tally_text, package, (), whole_package=True, unit="text",
                             description="The tally of the claims' verdicts, in words"),
    }
