"""Facts of the chapter "Ukraine: the arms flow reverses, 2022–2024"."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import deals, events, transfers
from analysis.chapters import common
from analysis.claims.rules import AIR_DEFENCE_DEAL, verdict_of
from analysis.names import SOVIET_RUSSIA
from analysis.wording import count_words, join_words

#: Events whose dates the text quotes.
DATED_EVENTS = ("E046", "E047", "E048", "E051", "E052", "E055", "E059", "E061", "E065", AIR_DEFENCE_DEAL)

#: The essay's claim on air defence, whose recomputed verdict the text quotes.
AIR_DEFENCE_CLAIM = "C30"

#: Years of the yearly balance, and the war years whose totals the text gives.
NET_YEARS, WAR_YEARS = (2015, 2024), (2022, 2024)

#: Years searched for the first reversal: the whole register.
RECORD_YEARS = (1950, 2024)

#: Orders placed from this year on, both ways between Russia and Iran.
ORDERS_SINCE = 2015

#: Glue-name prefix of each order the text quotes, by SIPRI designation.
ORDERS: dict[str, str] = {
    "Shahed-136": "s136", "Shahed-131": "s131", "Mohajer-6": "m6", "Fath-360": "f360",
    "Yak-130": "yak", "Su-35S": "su35", "Shahed-238": "s238",
}


def orders_both_ways(register: pd.DataFrame, first: str, second: str, since: int) -> pd.DataFrame:
    """Return the orders each way between two states since a year, one table.

    Examples
    --------
    >>> register = pd.DataFrame({"supplier_code": ["RUS", "IRN"],
    ...     "recipient_code": ["IRN", "RUS"], "order_year": [2023, 2022],
    ...     "designation": ["Yak-130", "Shahed-136"], "description": ["", ""],
    ...     "number_ordered": [24, 6600], "number_delivered": [6, 4600],
    ...     "first_delivery_year": [2023, 2022], "last_delivery_year": [2024, 2024],
    ...     "status": ["New", "New"]})
    >>> orders_both_ways(register, "RUS", "IRN", 2015)["designation"].tolist()
    ['Yak-130', 'Shahed-136']
    """
    return pd.concat(
        [deals.ordered_vs_delivered(register, first, second, since=since),
         deals.ordered_vs_delivered(register, second, first, since=since)],
        ignore_index=True,
    )


def order_texts(orders: pd.DataFrame, designation: str, key: str) -> dict[str, object]:
    """Return the words the text quotes about one order, under ``<key>_…`` names.

    Numbers of units are written with thousands separators; an unknown number
    ordered reads "unknown", a missing delivery year "none". ``<key>_size``
    says the order's size as a phrase ("for 24" or "of unknown size") and
    ``<key>_delivered_words`` the units delivered, "none" for 0.

    Examples
    --------
    >>> orders = pd.DataFrame({"designation": ["Fath-360"], "order_year": [2023],
    ...     "number_ordered": [None], "number_delivered": [1200.0],
    ...     "first_delivery_year": [2024.0], "last_delivery_year": [None]})
    >>> order_texts(orders, "Fath-360", "f360")
    {'f360_ordered': 'unknown', 'f360_delivered': '1,200', 'f360_order_year': 2023, \
'f360_first': 2024, 'f360_last': 'none', 'f360_size': 'of unknown size', 'f360_delivered_words': '1,200'}
    """
    found = deals.order_facts(orders, designation)
    ordered = found["ordered"]
    return {
        f"{key}_ordered": "unknown" if ordered is None else f"{ordered:,}",
        f"{key}_delivered": f"{found['delivered']:,}",
        f"{key}_order_year": found["order_year"],
        f"{key}_first": found["first_delivery_year"] or "none",
        f"{key}_last": found["last_delivery_year"] or "none",
        f"{key}_size": "of unknown size" if ordered is None else f"for {ordered:,}",
        f"{key}_delivered_words": count_words(int(found["delivered"])),
    }


def flow_facts(arms: pd.DataFrame) -> dict[str, object]:
    """The reversal year, the years Iran delivered more, and the war years' totals each way."""
    net = transfers.net_flow(arms, "IRN", SOVIET_RUSSIA, *NET_YEARS)
    ahead = net.loc[net["net"] > 0, "year"].astype(int).tolist()
    war = net[net["year"].between(*WAR_YEARS)]
    return {
        "reversal_year": transfers.reversal_year(arms, "IRN", SOVIET_RUSSIA, *RECORD_YEARS),
        "ahead_years": join_words([str(year) for year in ahead]),
        "iran_to_russia_2022_2024": float(war["first_to_second"].sum()),
        "russia_to_iran_2022_2024": float(war["second_to_first"].sum()),
        "last_year": int(net["year"].max()),
    }


def air_defence(package: Any) -> dict[str, str]:
    """The recomputed verdict on the essay's air-defence claim, its finding and the deal's grade."""
    verdict = verdict_of(package, AIR_DEFENCE_CLAIM)
    return {"air_defence_verdict": verdict.verdict, "air_defence_finding": verdict.explanation,
            **common.prefixed("grade_", events.grades_of(package["events"], [AIR_DEFENCE_DEAL]))}


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    orders = orders_both_ways(package["arms_deals"], "RUS", "IRN", ORDERS_SINCE)
    texts: dict[str, object] = {}
    for designation, key in ORDERS.items():
        texts.update(order_texts(orders, designation, key))
    return {
        **common.dates(package, DATED_EVENTS),
        **air_defence(package),
        **flow_facts(package["arms_transfers"]),
        **texts,
        "s136_share": deals.order_facts(orders, "Shahed-136")["delivered_share"],
    }
