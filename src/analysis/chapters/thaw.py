"""Facts of the chapter "The thaw, 1989–2010": Soviet contracts, the 1995 pause, S-300."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import deals, ranks, transfers
from analysis.chapters import common
from analysis.claims.rules import C15_WINDOWS, verdict_of
from analysis.figures.customers import best_run
from analysis.names import SOVIET_RUSSIA

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
    arms = package["arms_transfers"]
    return {
        **common.dates(package, DATED_EVENTS),
        **soviet_contracts(package["arms_deals"]),
        **{f"tiv_{s}_{e}": transfers.total_tiv(arms, SOVIET_RUSSIA, "IRN", s, e)
           for s, e in PAUSE_WINDOWS},
        **window_ranks(arms),
        **best_single_year(arms),
        **best_window(arms),
        **common.rank_texts("rank_1990_2024", ranks.customer_rank(arms, SOVIET_RUSSIA, "IRN", *RANK_YEARS).rank),
        **s300(package),
        "tiv_2016": transfers.total_tiv(arms, "RUS", "IRN", S300_DELIVERY, S300_DELIVERY),
    }
