"""Facts of the chapter "Alignment measured": UN votes, obligations and trade."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import alliances, votes
from analysis.chapters import common
from analysis.names import dyad_name

#: Events whose dates the text quotes (the 2001 treaty and the 2025 treaty).
DATED_EVENTS = ("E018", "E067")

#: Phases whose mean Russia–Iran agreement the text gives.
PHASES = ("enmity", "thaw", "syria")

#: Years of the voting series, of the partner data and of the trade data.
VOTE_YEARS, PARTNER_YEARS, TRADE_YEARS = (1979, 2023), (1979, 2019), (1979, 2014)

#: The year of the Russia–Iran treaty whose provisions are checked.
TREATY_YEAR = 2001


def phase_agreement(un_votes: pd.DataFrame, phases: pd.DataFrame) -> dict[str, float]:
    """Mean Russia–Iran agreement of each phase, and Iran–China's over the thaw.

    Examples
    --------
    >>> un_votes = pd.DataFrame({"year": [1980, 1990, 2012, 1990],
    ...     "pair": ["RUS-IRN", "RUS-IRN", "RUS-IRN", "IRN-CHN"],
    ...     "agreement": [0.8, 0.6, 0.7, 0.9]})
    >>> phases = pd.DataFrame({"phase_id": ["enmity", "thaw", "syria"], "order": [1, 2, 3],
    ...     "title": ["", "", ""], "start_year": [1979, 1989, 2011],
    ...     "end_year": [1988, 2010, 2021]})
    >>> phase_agreement(un_votes, phases)
    {'agree_enmity': 0.8, 'agree_thaw': 0.6, 'agree_syria': 0.7, 'agree_chn_thaw': 0.9}
    """
    table = votes.agreement_by_phase(un_votes, phases)

    def mean(phase: str, pair: str) -> float:
        row = table[(table["phase_id"] == phase) & (table["pair"] == pair)]
        return float(row["agreement"].iloc[0])

    return {
        **{f"agree_{phase}": mean(phase, "RUS-IRN") for phase in PHASES},
        "agree_chn_thaw": mean("thaw", "IRN-CHN"),
    }


def extremes(un_votes: pd.DataFrame) -> dict[str, object]:
    """The highest and lowest Russia–Iran agreement and their (first) years."""
    series = votes.agreement_series(un_votes, "RUS-IRN", *VOTE_YEARS).set_index("year")["agreement"]
    return {
        "agree_peak": float(series.max()),
        "agree_peak_year": int(series.idxmax()),
        "agree_low_year": int(series.idxmin()),
        "agree_low": float(series.min()),
    }


def best_rank(partners: pd.DataFrame) -> dict[str, int]:
    """Russia's best rank among Iran's voting partners and its (first) year."""
    standing = votes.partner_standing(partners, *PARTNER_YEARS)
    best = standing.loc[standing["rank_rus"].idxmin()]
    return {"rus_best_rank": int(best["rank_rus"]), "rus_best_year": int(best["year"])}


def obligation_facts(package: Any) -> dict[str, object]:
    """The Russia–Iran and US–Iran defence checks and the 2001 treaty's defence clause."""
    ties = package["alliances"]
    check = common.defence_check(package)
    us = alliances.defence_check(ties, "USA", "IRN", since=common.DEFENCE_SINCE)
    treaty = alliances.obligations(ties, "RUS-IRN", TREATY_YEAR)
    return {
        **common.prefixed("check_", check, ["since", "atop_last", "cow_last"]),
        "check_years": check["years_checked"],
        "check_n_bound": len(check["defence_years"]),
        "check_last_defence": check["last_defence_year"],
        "us_first_defence": us["defence_years"][0],
        "us_last_defence": us["last_defence_year"],
        "treaty_2001_defence": "no" if not treaty["atop_defense"] else "yes",
    }


def trade_facts(trade: pd.DataFrame) -> dict[str, object]:
    """Russian exports to Iran at their peak and in the last year, and Iran's exports back.

    Values are millions of current US$; shares are fractions of Iran's total trade.
    """
    flows = alliances.trade_flows(trade, "RUS", "IRN", *TRADE_YEARS).set_index(["flow", "year"])
    to_iran, to_russia = dyad_name("RUS-IRN"), dyad_name("IRN-RUS")
    peak = int(flows.loc[to_iran, "value_musd"].astype("float64").idxmax())
    last = int(flows.index.get_level_values("year").max())

    def value(flow: str, year: int, column: str) -> float:
        return float(flows.loc[(flow, year), column])

    return {
        "trade_peak_year": peak,
        "trade_last_year": last,
        "trade_peak": value(to_iran, peak, "value_musd"),
        "trade_peak_share": value(to_iran, peak, "share_of_iran_total"),
        "trade_2014": value(to_iran, last, "value_musd"),
        "trade_2014_share": value(to_iran, last, "share_of_iran_total"),
        "trade_back_2014": value(to_russia, last, "value_musd"),
        "trade_back_2014_share": value(to_russia, last, "share_of_iran_total"),
    }


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    un_votes, partners = package["un_votes"], package["un_vote_partners"]
    closer, compared = votes.years_closer(un_votes, "IRN-CHN", "RUS-IRN", *VOTE_YEARS)
    return {
        **phase_agreement(un_votes, package["phases"]),
        "chn_closer_years": closer,
        "chn_compared_years": compared,
        **extremes(un_votes),
        **common.prefixed("dnc_", votes.distance_is_not_closeness(un_votes, partners,
                                                                  *PARTNER_YEARS)),
        **best_rank(partners),
        **obligation_facts(package),
        **common.dates(package, DATED_EVENTS),
        **trade_facts(package["bilateral_trade"]),
    }
