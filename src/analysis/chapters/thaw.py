"""Facts of the chapter "The thaw, 1989–2010": Soviet contracts, the 1995 pause, S-300."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import deals, ranks, transfers
from analysis.chapters import common
from analysis.claims.rules import C15_WINDOWS, verdict_of
from analysis.figures.customers import best_run
from analysis.names import SOVIET_RUSSIA
from analysis.provenance import traced, traced_each

#: Events whose dates the text quotes.
DATED_EVENTS = ("E010", "E011", "E013", "E015", "E016", "E017", "E021", "E023", "E024",
                "E025", "E028", "E031", "E035", "E037", "E038")

#: Contracts signed by the Soviet Union: ordered from 1989 up to its end in 1991.
SOVIET_CONTRACTS = (1989, 1991)

#: Deliveries before, during and after the 1995 pledge to sign no new contracts.
PAUSE_WINDOWS = ((1989, 1995), (1996, 2000), (2001, 2010))

#: Years of the rank chart and of the whole-period rank.
RANK_YEARS = (1990, 2024)

#: Years in the rank chart's main line: trailing windows of this many years.
RANK_WINDOW = 5

#: The year the delivered S-300 systems arrived (their TIV is quoted).
S300_DELIVERY = 2016


#: What each count of :func:`soviet_contracts` is, for its note.
SOVIET_NOTES = {
    "soviet_orders": "Orders for Iran the Soviet Union placed in 1989–1991 (SIPRI register)",
    "soviet_full": "Soviet orders for Iran of 1989–1991 delivered in full (SIPRI register)",
    "soviet_after_1991": "Soviet orders for Iran of 1989–1991 with deliveries after 1991 (SIPRI register)",
}

#: What each item of :func:`s300` is, for its note.
S300_NOTES = {
    "s300_order_year": "Year of Russia's S-300 order for Iran (claim C16's evidence)",
    "s300_units": "S-300 systems Iran ordered from Russia (SIPRI register)",
    "s300_delivered_year": "Year the S-300 systems were delivered to Iran (claim C16's evidence)",
    "s300_designation": "SIPRI's designation of the S-300 system ordered",
    "s300_rows": "Orders in the SIPRI register between Russia and Iran that mention the S-300",
    "s300_old_order": "Year of the first S-300 order on record (claim C16's evidence)",
    "s300_cancelled": "Year the first S-300 order was cancelled (claim C16's evidence)",
}


def window_notes() -> dict[str, str]:
    """Return the note of each item of :func:`window_ranks`, window by window.

    Examples
    --------
    >>> window_notes()["n_2000_2000"]
    'Number of Soviet/Russian arms customers in 2000 (SIPRI TIV)'
    """
    out: dict[str, str] = {}
    for start, end in C15_WINDOWS:
        years = f"in {start}" if start == end else f"in {start}–{end}"
        rank = f"Iran's rank among Soviet/Russian arms customers {years} (SIPRI TIV)"
        out.update({f"rank_{start}_{end}": rank, f"rank_{start}_{end}_word": f"{rank}, in words",
                    f"rank_{start}_{end}_largest": f"{rank}, in words",
                    f"share_{start}_{end}": f"Iran's share of Soviet/Russian arms exports {years} (SIPRI TIV)",
                    f"n_{start}_{end}": f"Number of Soviet/Russian arms customers {years} (SIPRI TIV)",
                    f"leaders_{start}_{end}": f"The two largest Soviet/Russian arms customers {years} (SIPRI TIV)"})
    return out


def soviet_contracts(register: pd.DataFrame) -> dict[str, int]:
    """Count the Soviet-era orders for Iran, those delivered in full and those finished after 1991.

    Examples
    --------
    >>> register = pd.DataFrame({"supplier_code": ["SUN", "SUN", "RUS"],
    ...     "recipient_code": ["IRN"] * 3, "order_year": [1989, 1990, 1993],
    ...     "designation": ["MiG-29", "Su-24", "Kilo"], "description": ["", "", ""],
    ...     "number_ordered": [2, 4, 1], "number_delivered": [2, 2, 1],
    ...     "first_delivery_year": [1990, 1991, 1996], "last_delivery_year": [1990, 1992, 1996],
    ...     "status": ["New"] * 3})
    >>> soviet_contracts(register)
    {'soviet_orders': 2, 'soviet_full': 1, 'soviet_after_1991': 1}
    """
    start, end = SOVIET_CONTRACTS
    orders = deals.ordered_vs_delivered(register, SOVIET_RUSSIA, "IRN", since=start)
    orders = orders[orders["order_year"] <= end]
    return {
        "soviet_orders": len(orders),
        "soviet_full": int((orders["progress"] == "delivered in full").sum()),
        "soviet_after_1991": int((orders["last_delivery_year"] > end).sum()),
    }


def window_ranks(arms: pd.DataFrame) -> dict[str, object]:
    """Iran's rank (also in words), share, number of customers and two leaders in each window of claim C15."""
    out: dict[str, object] = {}
    for start, end in C15_WINDOWS:
        result = ranks.customer_rank(arms, SOVIET_RUSSIA, "IRN", start, end)
        out[f"rank_{start}_{end}"] = result.rank
        out.update(common.rank_texts(f"rank_{start}_{end}", result.rank))
        out[f"share_{start}_{end}"] = result.share
        out[f"n_{start}_{end}"] = result.n_customers
        out[f"leaders_{start}_{end}"] = " and ".join(result.leaders[:2])
    return out


def best_single_year(arms: pd.DataFrame) -> dict[str, object]:
    """Iran's best single-year rank among Soviet/Russian customers (also in words), and its first year."""
    single = ranks.rank_by_year(arms, SOVIET_RUSSIA, "IRN", *RANK_YEARS)
    best = single.loc[single["rank"].idxmin()]
    return {"best_rank": int(best["rank"]), **common.rank_texts("best_rank", int(best["rank"])),
            "best_rank_year": int(best["year"])}


def best_window(arms: pd.DataFrame) -> dict[str, object]:
    """Iran's best rank over five-year windows, in words, and the first and last years ending such a window."""
    five = ranks.rank_by_year(arms, SOVIET_RUSSIA, "IRN", *RANK_YEARS, window=RANK_WINDOW)
    rank, first, last = best_run(five)
    return {**common.rank_texts("window_rank", rank), "window_rank_first": first, "window_rank_last": last}


def whole_rank(arms: pd.DataFrame) -> dict[str, str]:
    """Iran's rank among Soviet/Russian customers over the whole rank chart's years, in words."""
    rank = ranks.customer_rank(arms, SOVIET_RUSSIA, "IRN", *RANK_YEARS).rank
    return common.rank_texts("rank_1990_2024", rank)


def s300(package: Any) -> dict[str, object]:
    """The S-300 story: years from claim C16's evidence, the system from the register."""
    evidence = verdict_of(package, "C16").evidence
    history = deals.deal_history(package["arms_deals"], SOVIET_RUSSIA, "IRN", r"S-300")
    system = history[history["matched_in"].str.contains("designation")].iloc[0]
    return {
        "s300_order_year": evidence["s300_order_years"][0],
        "s300_units": int(system["number_ordered"]),
        "s300_delivered_year": evidence["s300_delivery_years"][0],
        "s300_designation": str(system["designation"]),
        "s300_rows": len(history),
        "s300_old_order": str(evidence["s300_first_order_year"]),
        "s300_cancelled": str(evidence["s300_cancelled"])[:4],
    }


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    arms, years = "arms_transfers", "{}–{}".format(*RANK_YEARS)
    single = f"Iran's best single-year rank among Soviet/Russian arms customers, {years}"
    window = f"Iran's best rank among Soviet/Russian arms customers over {RANK_WINDOW}-year windows, {years}"
    return {
        **common.dates(package, DATED_EVENTS),
        **traced_each(soviet_contracts, package, "arms_deals", units="count",
                      description=SOVIET_NOTES),
        **{f"tiv_{s}_{e}": traced(transfers.total_tiv, package, arms, SOVIET_RUSSIA, "IRN", s, e,
                                  unit="TIV million",
                                  description=f"Sum of SIPRI TIV delivered, Soviet Union/Russia → Iran, {s}–{e}")
           for s, e in PAUSE_WINDOWS},
        **traced_each(window_ranks, package, arms,
                      units={"rank_": "rank", "share_": "share", "n_": "count", "leaders_": "text"},
                      description=window_notes()),
        **traced_each(best_single_year, package, arms, units={"best_rank": "rank", "best_rank_year": "year"},
                      description={"best_rank": single, "best_rank_word": f"{single}, in words",
                                   "best_rank_largest": f"{single}, in words",
                                   "best_rank_year": f"First year Iran held that rank ({single})"}),
        **traced_each(best_window, package, arms, units={"window_rank": "rank", "window_rank_first": "year",
                                                         "window_rank_last": "year"},
                      description={"window_rank_word": f"{window}, in words",
                                   "window_rank_largest": f"{window}, in words",
                                   "window_rank_first": f"First year ending a window with that rank ({window})",
                                   "window_rank_last": f"Last year ending a window with that rank ({window})"}),
        **traced_each(whole_rank, package, arms, units="rank",
                      description="Iran's rank among Soviet/Russian customers, {}–{}, in words".format(*RANK_YEARS)),
        **traced_each(s300, package, (), whole_package=True,
                      units={"s300_": "year", "s300_units": "count", "s300_rows": "count",
                             "s300_designation": "text", "s300_old_order": "year", "s300_cancelled": "year"},
                      description=S300_NOTES),
        "tiv_2016": traced(transfers.total_tiv, package, arms, "RUS", "IRN", S300_DELIVERY, S300_DELIVERY,
                           unit="TIV million", description=f"SIPRI TIV delivered, Russia → Iran, {S300_DELIVERY}"),
    }
