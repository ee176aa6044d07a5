"""Facts of the chapter "Alignment measured": UN votes, obligations and trade."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import alliances, ideal_points, iran_votes, votes
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

#: Years of the ideal-point comparison, of the raw roll calls, and the year from which
#: the chance-corrected comparison is summed up again (the thaw's second decade).
IDEAL_YEARS, ROLL_CALL_YEARS, KAPPA_SINCE = (1979, 2023), (1979, 2019), 2000

#: What each figure of :func:`analysis.ideal_points.distance_facts` is (``{years}``: its years).
IDEAL_NOTES = {
    "mean_rus": "Mean distance between Russia's and Iran's UN ideal points, {years}",
    "mean_chn": "Mean distance between China's and Iran's UN ideal points, {years}",
    "mean_median": "Mean distance between the Assembly median's and Iran's UN ideal points, {years}",
    "sessions": "Sessions with ideal points for Russia and Iran, {years}",
    "rus_nearer_than_median": "Sessions in which Russia stood nearer Iran than the median state did, {years}",
    "rus_nearer_than_chn": "Sessions in which Russia stood nearer Iran than China did, {years}",
    "last_year": "Last session year of the ideal points",
    "last_rus": "Distance between Russia's and Iran's ideal points in the last session",
    "last_chn": "Distance between China's and Iran's ideal points in the last session",
    "last_median": "Distance between the median state's and Iran's ideal points in the last session",
}

#: What each figure of :func:`analysis.votes.kappa_facts` is (``{years}``, ``{since}``).
KAPPA_NOTES = {
    "raw_rus": "Mean raw Russia–Iran UN agreement from the roll calls, {years}",
    "raw_chn": "Mean raw Iran–China UN agreement from the roll calls, {years}",
    "raw_median": "Mean raw agreement of Iran's median partner, {years}",
    "kappa_rus": "Mean Russia–Iran Cohen's kappa, {years}",
    "kappa_chn": "Mean Iran–China Cohen's kappa, {years}",
    "kappa_median": "Mean Cohen's kappa of Iran's median partner, {years}",
    "sessions": "Sessions compared by kappa, {years}",
    "rus_above_median": "Sessions in which Russia's kappa with Iran exceeded the median partner's, {years}",
    "since_sessions": "Sessions compared by kappa from {since}",
    "since_rus_above_median": "Sessions from {since} in which Russia's kappa with Iran exceeded the median partner's",
    "since_kappa_rus": "Mean Russia–Iran Cohen's kappa from {since}",
    "since_kappa_median": "Mean Cohen's kappa of Iran's median partner from {since}",
}

#: What each figure of :func:`analysis.iran_votes.russia_turn` is.
TURN_NOTES = {
    "turn_year": "First year from which Russia voted no on every UN resolution on human rights in Iran",
    "last_yes_year": "Last year Russia voted for a UN resolution on human rights in Iran",
    "yes_votes": "Soviet and Russian votes for the UN resolutions on human rights in Iran",
    "no_votes": "Russian votes against the UN resolutions on human rights in Iran, from the turn",
    "first_year": "First year of a recorded UN vote on human rights in Iran",
    "last_year": "Last year of a recorded UN vote on human rights in Iran in the roll calls",
    "resolutions": "Recorded UN votes on resolutions on human rights in Iran",
}

#: What each figure of :func:`analysis.iran_votes.council_split` is.
COUNCIL_NOTES = {
    "votes": "Security Council votes on Iran in the report's table",
    "with_first": "First year of the run of Security Council votes on Iran on which Russia voted as the US did",
    "with_last": "Last year of that run",
    "with_votes": "Security Council votes on Iran in that run",
    "split_from": "First year from which Russia voted differently from the US on every Security Council vote "
                  "on Iran",
    "split_votes": "Security Council votes on Iran since then with a recorded US vote",
    "vetoes": "Security Council drafts on Iran vetoed by a Soviet or Russian no",
    "russia_no": "Soviet and Russian no votes on Iran in the Security Council",
}

#: What each figure of :func:`analysis.iran_votes.telling_votes` is (``yes``: Russia yes, Iran no).
TELLING_NOTES = {
    "total": "UN roll calls since 1992 with Russia and Iran voting yes against no",
    **{f"{side}_{key}": f"{note}, Russia voting {side} and Iran {'no' if side == 'yes' else 'yes'}"
       for side in ("yes", "no")
       for key, note in {"count": "Roll calls since 1992", "issue": "Issue with most such roll calls",
                         "issue_count": "Roll calls of that issue", "title": "Title of the latest such roll call",
                         "resolution": "Symbol of that resolution", "number": "Number of that resolution",
                         "year": "Session year of that resolution", "us": "US vote on that resolution"}.items()},
}


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


def issue_contrast(un_issue_agreement: pd.DataFrame) -> dict[str, object]:
    """The issues on which Russia and Iran agreed most and least in the last decade of the roll calls.

    Examples
    --------
    >>> table = pd.DataFrame({"decade": [2000, 2010, 2010], "issue": ["hr", "hr", "nu"], "pair": ["RUS-IRN"] * 3,
    ...     "share_identical": [0.7, 0.8, 0.3], "share_opposite": [0.1, 0.1, 0.4], "share_split": [0.2, 0.1, 0.3],
    ...     "kappa": [0.3, 0.5, 0.0], "n_joint": [100, 200, 180]})
    >>> issue_contrast(table)["issue_decade"], issue_contrast(table)["issue_least"]
    (2010, 'nuclear weapons')
    """
    decade = int(un_issue_agreement["decade"].max())
    found = votes.issue_extremes(un_issue_agreement, "RUS-IRN", decade)
    return {
        "issue_decade": decade,
        "issue_least": found["least_issue"],
        "issue_least_share": found["least_share"],
        "issue_least_opposite": found["least_opposite"],
        "issue_most": found["most_issue"],
        "issue_most_share": found["most_share"],
    }


def nearer_spells(un_ideal_points: pd.DataFrame) -> str:
    """The spells of sessions in which Russia stood nearer Iran than the median state, as text.

    Examples
    --------
    >>> table = pd.DataFrame({"year": sorted([1979, 1980, 1981, 2023] * 4),
    ...     "state": ["IRN", "RUS", "CHN", "median"] * 4,
    ...     "ideal_point": [0, 0.1, 1, 1] * 2 + [0, 2, 1, 1] + [0, 0.1, 1, 1]})
    >>> nearer_spells(table)
    '1979–1980 and 2023'
    """
    runs = ideal_points.nearer_runs(un_ideal_points, *IDEAL_YEARS)
    texts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


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
    ideal_years, roll_years = "{}–{}".format(*IDEAL_YEARS), "{}–{}".format(*ROLL_CALL_YEARS)
    closer = {0: "chn_closer_years", 1: "chn_compared_years"}
    return {
        **common.prefixed("ip_", traced_each(
            ideal_points.distance_facts, package, "un_ideal_points", *IDEAL_YEARS,
            units={"": "ideal-point units", "sessions": "count", "rus_nearer": "count", "last_year": "year"},
            description={key: note.format(years=ideal_years) for key, note in IDEAL_NOTES.items()})),
        "ip_nearer_spells": traced(nearer_spells, package, "un_ideal_points", unit="text",
                                   description="Years in which Russia stood nearer Iran than the median state, "
                                               + ideal_years),
        **common.prefixed("k_", traced_each(
            votes.kappa_facts, package, ("un_agreement", "un_vote_partners"), *ROLL_CALL_YEARS, KAPPA_SINCE,
            units={"raw_": "agreement", "kappa_": "kappa", "since_kappa": "kappa", "sessions": "count",
                   "rus_above": "count", "since_sessions": "count", "since_rus": "count"},
            description={key: note.format(years=roll_years, since=KAPPA_SINCE) for key, note in KAPPA_NOTES.items()})),
        "k_lead_from": traced(votes.first_lasting_lead, package, ("un_agreement", "un_vote_partners"),
                              *ROLL_CALL_YEARS, unit="year",
                              description="First year from which Russia's kappa with Iran stayed above the "
                                          f"median partner's, {roll_years}"),
        **traced_each(issue_contrast, package, "un_issue_agreement",
                      units={"issue_decade": "year", "issue_least": "text", "issue_most": "text",
                             "issue_least_share": "share", "issue_least_opposite": "share",
                             "issue_most_share": "share"},
                      description={"issue_decade": "Last decade of the issue comparison",
                                   "issue_least": "Issue of least Russia–Iran agreement in the last decade",
                                   "issue_least_share": "Russia–Iran agreement on that issue in the last decade",
                                   "issue_least_opposite": "Share of yes-against-no votes on that issue",
                                   "issue_most": "Issue of most Russia–Iran agreement in the last decade",
                                   "issue_most_share": "Russia–Iran agreement on that issue in the last decade"}),
        **common.prefixed("iv_", traced_each(
            iran_votes.russia_turn, package, "un_iran_votes",
            units={"": "year", "yes_votes": "count", "no_votes": "count", "resolutions": "count"},
            description=TURN_NOTES)),
        **common.prefixed("iv_", traced_each(
            iran_votes.blocking_motions, package, "un_iran_votes", units="count",
            description={"motions": "UN votes on Iran's no-action motions and amendments on the human-rights resolutions",
                         "motions_with_iran": "Of those, votes in which Russia voted as Iran did"})),
        **common.prefixed("sc_", traced_each(
            iran_votes.council_split, package, "security_council_votes",
            units={"": "count", "with_first": "year", "with_last": "year", "split_from": "year"},
            description=COUNCIL_NOTES)),
        **common.prefixed("dv_", traced_each(
            iran_votes.telling_votes, package, "un_dividing_votes",
            units={"": "text", "total": "count", "yes_count": "count", "no_count": "count",
                   "yes_issue_count": "count", "no_issue_count": "count", "yes_year": "year", "no_year": "year"},
            description=TELLING_NOTES)),
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
