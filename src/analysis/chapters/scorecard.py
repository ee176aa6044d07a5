"""Facts of the scorecard: the claims' verdicts and the evidence the text quotes."""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import HTML

from analysis import claims, jsonld
from analysis.events import date_label


#: Glue name of each verdict's count.
VERDICT_KEYS: dict[str, str] = {
    "supported": "n_supported",
    "partly supported": "n_partly",
    "contradicted": "n_contradicted",
    "unverifiable": "n_unverifiable",
}


def claim_counts(card: pd.DataFrame) -> dict[str, object]:
    """Return the number of claims and the count of each verdict, under glue names.

    Examples
    --------
    >>> card = pd.DataFrame({"verdict": ["supported", "contradicted", "supported"]})
    >>> claim_counts(card)
    {'n_claims': 3, 'n_supported': 2, 'n_partly': 0, 'n_contradicted': 1, 'n_unverifiable': 0}
    """
    counts = claims.tally(card)
    return {"n_claims": len(card), **{VERDICT_KEYS[v]: n for v, n in counts.items()}}


def day(iso_date: object) -> str:
    """Return an ISO date as the text writes a day.

    Examples
    --------
    >>> day("1979-12-24")
    '24 Dec 1979'
    """
    return date_label(pd.Timestamp(str(iso_date)), "day")


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues (figures excepted)."""
    card = claims.scorecard(package)
    evidence = {claim: v.evidence for claim, v in claims.data_verdicts(package).items()}
    c05, c15, c27, c29, c03 = (evidence[c] for c in ("C05", "C15", "C27", "C29", "C03"))
    by_data = card["basis"] == "data"
    return {
        **claim_counts(card),
        "n_data": int(by_data.sum()),
        "n_sources": int((card["basis"] == "sources").sum()),
        "n_agree": int(card.loc[by_data, "agrees"].sum()),
        "invasion_start": day(c05["invasion_start"]),
        "iran_rank_2000": c15["rank_2000"],
        "iran_tiv_2000": c15["tiv_2000"],
        "iran_share_2000": 100 * c15["share_2000"],
        "missiles_first_year": c27["missiles_first_delivery_year"],
        "missiles_confirmed": day(c27["missiles_confirmed"]),
        "su35_ordered": c29["su35_ordered"],
        "su35_delivered": c29["su35_delivered"] or "none",
        "alliance_last_year": c03["alliance_data_last_year"],
        "defence_pledges": len(c03["defence_pledge_years"]),
        # The cards with their filters, and the same claims as schema.org ClaimReviews for machines.
        "scorecard_table": HTML(claims.scorecard_block(card, package["phases"])
                                + jsonld.script_tag(jsonld.claim_reviews(card, package.descriptor))),
        "verdict_definitions": HTML(claims.definitions_html()),
        "tally_text": claims.tally_sentence(claims.tally(card)),
    }
