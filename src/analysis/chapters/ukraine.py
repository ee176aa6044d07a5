"""Facts of the chapter "Ukraine: the arms flow reverses, 2022–2024"."""

from __future__ import annotations

from typing import Any

from analysis import transfers
from analysis.chapters import common
from analysis.chapters.common import order_texts, orders_both_ways
from analysis.claims.rules import AIR_DEFENCE_DEAL, verdict_of
from analysis.names import SOVIET_RUSSIA
from analysis.provenance import Fact, traced, traced_each

__all__ = ["facts", "order_texts", "orders_both_ways"]

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

#: What each item of :func:`analysis.chapters.common.order_texts` says, and its unit.
ORDER_TEXTS: dict[str, tuple[str, str]] = {
    "ordered": ("Units ordered, written with thousands separators ('unknown' if SIPRI gives none)", "count"),
    "delivered": ("Units delivered to 2024, written with thousands separators", "count"),
    "order_year": ("Year of the order", "year"),
    "first": ("First year of delivery ('none' before any)", "year"),
    "last": ("Last year of delivery ('none' before any)", "year"),
    "size": ("The order's size as a phrase", "text"),
    "delivered_words": ("Units delivered to 2024, in words ('none' for 0)", "count"),
}


def order(package: Any, designation: str) -> dict[str, Fact]:
    """The texts the chapter quotes about one order, traced to the SIPRI register."""
    where = f"{designation} order between Russia and Iran since {ORDERS_SINCE} (SIPRI register)"
    return traced_each(common.order_between, package, "arms_deals", "RUS", "IRN", ORDERS_SINCE, designation,
                       keys=list(ORDER_TEXTS), units={key: unit for key, (_, unit) in ORDER_TEXTS.items()},
                       description={key: f"{text}: {where}" for key, (text, _) in ORDER_TEXTS.items()})


def flow(package: Any) -> dict[str, Fact]:
    """The first reversal year, the years Iran delivered more and the war years' totals each way."""
    arms, net, war = "arms_transfers", "{}–{}".format(*NET_YEARS), "{}–{}".format(*WAR_YEARS)
    found = {
        **traced_each(transfers.net_flow_summary, package, arms, "IRN", SOVIET_RUSSIA, *NET_YEARS,
                      keys=["ahead_years", "last_year"], units={"ahead_years": "years", "last_year": "year"},
                      description={"ahead_years": f"Years Iran delivered more arms to Russia than it got back, {net}",
                                   "last_year": f"Last year of the yearly arms balance, {net}"}),
        **traced_each(transfers.net_flow_summary, package, arms, "IRN", SOVIET_RUSSIA, *WAR_YEARS,
                      keys=["first_to_second", "second_to_first"], units="TIV million",
                      description={"first_to_second": f"Sum of SIPRI TIV delivered, Iran → Russia, {war}",
                                   "second_to_first": f"Sum of SIPRI TIV delivered, Russia → Iran, {war}"}),
    }
    return {
        "reversal_year": traced(transfers.reversal_year, package, arms, "IRN", SOVIET_RUSSIA, *RECORD_YEARS,
                                unit="year", description="First year Iran delivered more arms to Russia than it "
                                                         "received, {}–{}".format(*RECORD_YEARS)),
        "ahead_years": found["ahead_years"],
        "iran_to_russia_2022_2024": found["first_to_second"],
        "russia_to_iran_2022_2024": found["second_to_first"],
        "last_year": found["last_year"],
    }


def air_defence(package: Any) -> dict[str, object]:
    """The recomputed verdict on the essay's air-defence claim, its finding and the deal's grade."""
    verdict = verdict_of(package, AIR_DEFENCE_CLAIM)
    return {"air_defence_verdict": verdict.verdict, "air_defence_finding": verdict.explanation,
            **common.grades(package, [AIR_DEFENCE_DEAL])}


def facts(package: Any) -> dict[str, object]:
    """Return every value the chapter glues (figures excepted)."""
    texts: dict[str, object] = {}
    for designation, key in ORDERS.items():
        texts.update(common.prefixed(f"{key}_", order(package, designation)))
    return {
        **common.dates(package, DATED_EVENTS),
        **air_defence(package),
        **flow(package),
        **texts,
        "s136_share": traced(common.order_between, package, "arms_deals", "RUS", "IRN", ORDERS_SINCE,
                             "Shahed-136", pick=("delivered_share",), unit="share",
                             description=f"Share of the Shahed-136 order delivered to 2024 (SIPRI register, "
                                         f"orders between Russia and Iran since {ORDERS_SINCE})"),
    }
