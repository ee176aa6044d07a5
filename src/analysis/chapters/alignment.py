"""Facts of the chapter "Alignment measured": UN votes, obligations and trade."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import alliances, votes
from analysis.chapters import common
from analysis.names import dyad_name
from analysis.provenance import traced, traced_each

#: Events whose dates the text quotes (the 2001 treaty and the 2025 treaty).
DATED_EVENTS = ("E018", "E067")

#: Phases whose mean Russia–Iran agreement the text gives.
PHASES = ("enmity", "thaw", "syria")

#: Years of the voting series, of the partner data and of the trade data.
VOTE_YEARS, PARTNER_YEARS, TRADE_YEARS = (1979, 2023), (1979, 2019), (1979, 2014)

#: The year of the Russia–Iran treaty whose provisions are checked.
TREATY_YEAR = 2001


#: What each figure of :func:`analysis.votes.distance_is_not_closeness` is, for its note
#: (``{years}``: the sessions' years).
PARTNER_NOTES = {
    "start": "First year of the sessions compared",
    "end": "Last year of the sessions compared",
    "mean_irn_usa": "Mean Iran–US UN voting agreement, {years}",
    "mean_rus_usa": "Mean Russia–US UN voting agreement, {years}",
    "mean_rus_irn": "Mean Russia–Iran UN voting agreement, {years}",
    "mean_irn_chn": "Mean Iran–China UN voting agreement, {years}",
    "mean_median_partner": "Mean over sessions of Iran's agreement with its median partner, {years}",
    "mean_partner_rus": "Mean over sessions of Iran's agreement with Russia, computed as for the median, {years}",
    "sessions": "Number of UN General Assembly sessions compared, {years}",
    "sessions_rus_above_median": "Sessions in which Russia voted with Iran more often than the median partner, {years}",
    "share_rus_above_median": "Share of sessions in which Russia voted with Iran more often than the median "
                              "partner, {years}",
    "median_rank_rus": "Russia's median rank among Iran's UN voting partners, {years}",
    "median_rank_chn": "China's median rank among Iran's UN voting partners, {years}",
    "median_n_partners": "Median number of Iran's UN voting partners per session, {years}",
}

#: What each item of :func:`obligation_facts` is, for its note.
OBLIGATION_NOTES = {
    "check_since": "First year checked for a Russia–Iran defence obligation",
    "check_atop_last": "Last year ATOP's alliance data cover Russia–Iran",
    "check_cow_last": "Last year COW's alliance data cover Russia–Iran",
    "check_years": "Number of years ATOP or COW cover for Russia–Iran, from 1947",
    "check_n_bound": "Years with a Russia–Iran defence obligation in ATOP or COW, from 1947",
    "check_last_defence": "Last year a Russia–Iran defence obligation is recorded in ATOP or COW (0 if never)",
    "us_first_defence": "First year from 1947 with a US–Iran defence obligation in ATOP or COW",
    "us_last_defence": "Last year with a US–Iran defence obligation in ATOP or COW",
    "treaty_2001_defence": "Whether ATOP codes a defence obligation in the 2001 Russia–Iran treaty",
}

#: What each figure of :func:`trade_facts` is, for its note (``{last}``: the trade data's last year).
TRADE_NOTES = {
    "trade_peak_year": "Year of Russia's largest goods exports to Iran (COW Trade)",
    "trade_last_year": "Last year of the Russia–Iran trade data (COW Trade)",
    "trade_peak": "Russia's goods exports to Iran in their peak year, US$ million (COW Trade)",
    "trade_peak_share": "Russia's share of Iran's imports in the peak year (COW Trade)",
    "trade_2014": "Russia's goods exports to Iran in the data's last year, US$ million (COW Trade)",
    "trade_2014_share": "Russia's share of Iran's imports in the data's last year (COW Trade)",
    "trade_back_2014": "Iran's goods exports to Russia in the data's last year, US$ million (COW Trade)",
    "trade_back_2014_share": "Russia's share of Iran's exports in the data's last year (COW Trade)",
}


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
    votes_years, partner_years = "{}–{}".format(*VOTE_YEARS), "{}–{}".format(*PARTNER_YEARS)
    closer = {0: "chn_closer_years", 1: "chn_compared_years"}
    return {
        **traced_each(phase_agreement, package, ("un_votes", "phases"), units="agreement",
                      description={**{f"agree_{phase}": f"Mean Russia–Iran UN voting agreement over the {phase} phase"
                                      for phase in PHASES},
                                   "agree_chn_thaw": "Mean Iran–China UN voting agreement over the thaw phase"}),
        **{name: traced(votes.years_closer, package, "un_votes", "IRN-CHN", "RUS-IRN", *VOTE_YEARS,
                        pick=(place,), unit="years",
                        description=("Sessions in which Iran voted closer to China than to Russia, "
                                     if place == 0 else "Sessions compared, ") + votes_years)
           for place, name in closer.items()},
        **traced_each(extremes, package, "un_votes", units={"agree_": "agreement", "agree_peak_year": "year",
                                                            "agree_low_year": "year"},
                      description={"agree_peak": f"Highest Russia–Iran UN voting agreement, {votes_years}",
                                   "agree_peak_year": "First year of the highest Russia–Iran agreement, "
                                                      f"{votes_years}",
                                   "agree_low_year": f"First year of the lowest Russia–Iran agreement, {votes_years}",
                                   "agree_low": f"Lowest Russia–Iran UN voting agreement, {votes_years}"}),
        **common.prefixed("dnc_", traced_each(
            votes.distance_is_not_closeness, package, ("un_votes", "un_vote_partners"), *PARTNER_YEARS,
            units={"": "agreement", "sessions": "count", "median_rank": "rank", "median_n": "count",
                   "share": "share"},
            description={key: note.format(years=partner_years) for key, note in PARTNER_NOTES.items()})),
        **traced_each(best_rank, package, "un_vote_partners", units={"rus_best_rank": "rank", "rus_best_year": "year"},
                      description={"rus_best_rank": "Russia's best rank among Iran's UN voting partners, "
                                                    f"{partner_years}",
                                   "rus_best_year": f"First year Russia held its best rank among Iran's UN voting "
                                                    f"partners, {partner_years}"}),
        **traced_each(obligation_facts, package, (), whole_package=True,
                      units={"": "year", "check_years": "count", "check_n_bound": "count", "treaty": "text"},
                      description=OBLIGATION_NOTES),
        **common.dates(package, DATED_EVENTS),
        **traced_each(trade_facts, package, "bilateral_trade",
                      units={"trade_": "US$ million", "trade_peak_year": "year", "trade_last_year": "year",
                             "trade_peak_share": "share", "trade_2014_share": "share",
                             "trade_back_2014_share": "share"},
                      description=TRADE_NOTES),
    }
