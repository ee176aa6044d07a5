"""Verdicts on the claims decided by arms data: orders, deliveries, ranks and supplies.

One function per claim, each taking the package and returning a
:class:`~analysis.claims.verdicts.Verdict`; the queries they rest on live in
:mod:`analysis.deals`, :mod:`analysis.transfers`, :mod:`analysis.ranks` and
:mod:`analysis.events`.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import events as events_lib
from analysis.claims.verdicts import ENMITY_YEARS, ESSAY_DATE, Package, Verdict, graded, tiered
from analysis.deals import history_or_empty, matching, orders_since, supply_summary, whole
from analysis.events import (
    DRONES_ADMITTED,
    MISSILES_CONFIRMED,
    S300_BAN,
    SOVIET_UNION_ENDS,
    event_date,
    event_day,
    events_between,
    has_event,
    iso_day,
)
from analysis.names import SOVIET_RUSSIA
from analysis.ranks import customer_rank
from analysis.transfers import first_delivery_year, tiv_by_year


def verdict_c13(package: Package) -> Verdict:
    """C13, the Soviet collapse of 1991 was the turning point.

    The turn is dated by the first cooperation treaty after the revolution, and
    checked against the Soviet arms orders placed from that year until the end
    of the Soviet Union. Partly supported when the turn came before the
    collapse and Russia carried the deals on; supported if it came after the
    collapse; contradicted if it came before and Russia placed no orders after.
    """
    events, deals = package["events"], package["arms_deals"]
    end_ussr = event_date(events, SOVIET_UNION_ENDS)
    treaties = events_between(events, 1979, end_ussr.year + 10, "cooperation", "treaty")
    if treaties.empty:
        return Verdict("C13", "unverifiable", {"first_cooperation_treaty": None},
                       "No cooperation treaty is recorded after 1979.")
    first_treaty = pd.Timestamp(treaties["start_date"].min())
    soviet = orders_since(deals, "SUN", "IRN", since=first_treaty.year)
    soviet = soviet[soviet["order_year"] <= end_ussr.year]
    first_year = soviet[soviet["order_year"] == first_treaty.year]
    russian = orders_since(deals, "RUS", "IRN", since=end_ussr.year)
    evidence: dict[str, object] = {
        "first_cooperation_treaty": iso_day(first_treaty),
        "soviet_orders_before_collapse": len(soviet),
        "soviet_designations_treaty_year": "; ".join(
            dict.fromkeys(first_year["designation"].astype(str))
        ),
        "soviet_union_ends": iso_day(end_ussr),
        "russian_orders_after": len(russian),
    }
    return Verdict(
        "C13", tiered(first_treaty > end_ussr, len(russian) > 0), evidence,
        f"The accords of {iso_day(first_treaty)} and {len(soviet)} Soviet arms orders came "
        f"before the Soviet Union ended on {iso_day(end_ussr)}; Russia placed "
        f"{len(russian)} orders afterwards.",
    )


def verdict_c14(package: Package) -> Verdict:
    """C14, post-Soviet Russia set out to improve relations.

    Supported if Russia delivered arms from the 1990s *and* cooperative events
    outnumber hostile ones in 1992–2001; partly supported if one holds.
    """
    transfers, events = package["arms_transfers"], package["events"]
    first_delivery = first_delivery_year(transfers, "RUS", "IRN", 1992, 2001)
    counts = events_lib.balance_summary(events, 1992, 2001)
    evidence: dict[str, object] = {
        "first_delivery_year": first_delivery,
        "tiv_1992_2001": float(tiv_by_year(transfers, "RUS", "IRN", 1992, 2001)["tiv"].sum()),
        "cooperative_1992_2001": counts["cooperation"],
        "hostile_1992_2001": counts["conflict"],
    }
    score = (first_delivery is not None and first_delivery <= 1999) + (
        counts["cooperation"] > counts["conflict"]
    )
    return Verdict(
        "C14", graded(score), evidence,
        f"Russia delivered arms from {first_delivery}; {counts['cooperation']} cooperative "
        f"against {counts['conflict']} hostile events in 1992–2001.",
    )


#: The windows around 2000 over which the essay's ranking is checked.
C15_WINDOWS: tuple[tuple[int, int], ...] = ((2000, 2000), (1992, 2000), (1996, 2000), (1998, 2002))


def verdict_c15(package: Package) -> Verdict:
    """C15, Iran the third-largest customer for Russian arms by 2000.

    Supported if Iran ranks third among Soviet/Russian customers in 2000;
    partly supported if only in one of the wider windows; contradicted otherwise.
    """
    transfers = package["arms_transfers"]
    ranks = {
        (start, end): customer_rank(transfers, SOVIET_RUSSIA, "IRN", start, end)
        for start, end in C15_WINDOWS
    }
    year = ranks[(2000, 2000)]
    evidence: dict[str, object] = {
        "rank_2000": year.rank,
        "tiv_2000": year.tiv,
        "share_2000": year.share,
        "leaders_2000": list(year.leaders),
        **{f"rank_{s}_{e}": r.rank for (s, e), r in ranks.items() if s != e},
    }
    return Verdict(
        "C15", tiered(year.rank == 3, any(r.rank == 3 for r in ranks.values())), evidence,
        f"Iran ranks {year.rank} of {year.n_customers} customers in 2000 with "
        f"{year.tiv:,.0f} million TIV ({year.share:.1%}).",
    )


def verdict_c16(package: Package) -> Verdict:
    """C16, Russia agreed to sell S-300s by 2007: order, cancellation and delivery years.

    Supported if an S-300 order dates from 2007 or earlier, partly supported if
    the first order came later, unverifiable if none is recorded.
    """
    deals, events = package["arms_deals"], package["events"]
    history = history_or_empty(deals, "RUS", "IRN", r"S-300")
    own = history[history["matched_in"].str.contains("designation", na=False)]
    order_years = [int(y) for y in own["order_year"].dropna()]
    comment_years = sorted(
        {int(y) for text in history["comment_years"].fillna("") for y in re.findall(r"\d{4}", text)}
    )
    all_orders = sorted(set(order_years) | set(comment_years[:1]))
    delivered = own[own["number_delivered"].fillna(0) > 0]
    evidence: dict[str, object] = {
        "first_order_year": all_orders[0] if all_orders else None,
        "cancelled": event_day(events, S300_BAN),
        "delivery_years": sorted({int(y) for y in delivered["first_delivery_year"].dropna()}),
        "units_delivered": int(delivered["number_delivered"].sum()) if len(delivered) else 0,
        "register_order_years": order_years,
    }
    first = evidence["first_order_year"]
    ordered = first is not None
    return Verdict(
        "C16", tiered(ordered and first <= 2007, ordered, "unverifiable"),  # type: ignore[operator]
        evidence,
        f"First S-300 order {first}, cancelled {evidence['cancelled']}, delivered "
        f"{evidence['delivery_years']} under a later order.",
    )


def verdict_c25(package: Package) -> Verdict:
    """C25, the war in Ukraine drew the two closer.

    Supported if cooperative events in 2022–2024 exceed the busiest earlier
    three-year stretch *and* Iran began delivering arms to Russia from 2022;
    partly supported if one holds.
    """
    events, transfers = package["events"], package["arms_transfers"]
    recent = len(events_between(events, 2022, 2024, direction="cooperation"))
    start, end, earlier = events_lib.busiest_stretch(
        events, "cooperation", 3, ENMITY_YEARS[0], 2021
    )
    last = int(transfers["year"].max())
    first_delivery = first_delivery_year(transfers, "IRN", "RUS", 1992, last)
    evidence: dict[str, object] = {
        "cooperative_2022_2024": recent,
        "busiest_earlier_start": start,
        "busiest_earlier_end": end,
        "busiest_earlier_count": earlier,
        "iran_first_delivery_to_russia": first_delivery,
    }
    score = (recent > earlier) + (first_delivery is not None and first_delivery >= 2022)
    return Verdict(
        "C25", graded(score), evidence,
        f"{recent} cooperative events in 2022–2024 against {earlier} in {start}–{end}; "
        f"Iran's first recorded arms delivery to Russia: {first_delivery}.",
    )


def supply_verdict(
    claim_id: str, package: Package, pattern: str, confirmation: str, what: str
) -> Verdict:
    """Iranian supplies to Russia since 2022, judged against the essay's date (C26, C27).

    Supported if units were delivered before the essay's year or an official
    confirmation came before its date; partly supported if deliveries came only
    later; unverifiable if none is recorded.
    """
    events = package["events"]
    orders = orders_since(package["arms_deals"], "IRN", "RUS", since=2022)
    evidence = supply_summary(matching(orders, "description", pattern))
    confirmed = event_date(events, confirmation) if has_event(events, confirmation) else None
    evidence["confirmed"] = iso_day(confirmed) if confirmed is not None else None
    evidence["essay_date"] = iso_day(ESSAY_DATE)
    first = evidence["first_delivery_year"]
    before = (first is not None and first < ESSAY_DATE.year) or (  # type: ignore[operator]
        confirmed is not None and confirmed <= ESSAY_DATE
    )
    recorded = evidence["units_delivered"] != 0 or confirmed is not None
    return Verdict(
        claim_id, tiered(before, recorded, "unverifiable"), evidence,
        f"{evidence['units_delivered']} {what} delivered by the end of the register "
        f"(first in {first}); first confirmed {evidence['confirmed']}, while the essay "
        f"appeared {iso_day(ESSAY_DATE)}.",
    )


def verdict_c26(package: Package) -> Verdict:
    """C26, Iran supplied drones: deliveries and admission against 16 July 2023."""
    return supply_verdict("C26", package, r"drone|UAV", DRONES_ADMITTED, "drones")


def verdict_c27(package: Package) -> Verdict:
    """C27, Iran supplied missiles: deliveries and confirmation against 16 July 2023."""
    return supply_verdict("C27", package, r"missile", MISSILES_CONFIRMED, "missiles")


def verdict_c29(package: Package) -> Verdict:
    """C29, Russia agreed to sell fighter jets: Su-35 ordered vs delivered.

    Supported if Su-35s were ordered and delivered, partly supported if ordered
    only, unverifiable without an order.
    """
    orders = orders_since(package["arms_deals"], "RUS", "IRN", since=2022)
    fighters = matching(orders, "designation", r"Su-35")
    aircraft = matching(orders, "description", r"aircraft")
    others = aircraft[~aircraft.index.isin(fighters.index)]
    evidence: dict[str, object] = {
        "su35_ordered": int(fighters["number_ordered"].fillna(0).sum()),
        "su35_order_year": whole(fighters["order_year"].min()) if len(fighters) else None,
        "su35_delivered": int(fighters["number_delivered"].fillna(0).sum()),
        "other_aircraft_delivered": int(others["number_delivered"].fillna(0).sum()),
        "other_aircraft": "; ".join(others["designation"].astype(str)),
    }
    ordered = not fighters.empty
    return Verdict(
        "C29", tiered(ordered and bool(evidence["su35_delivered"]), ordered, "unverifiable"),
        evidence,
        f"{evidence['su35_ordered']} Su-35 ordered, {evidence['su35_delivered']} delivered; "
        f"{evidence['other_aircraft_delivered']} other aircraft delivered.",
    )


def verdict_c30(package: Package) -> Verdict:
    """C30, Russia might sell advanced air defences: any S-400 order for Iran.

    Supported if the register holds an S-400 order, unverifiable otherwise.
    """
    deals = package["arms_deals"]
    history = history_or_empty(deals, "RUS", "IRN", r"S-400")
    last = whole(deals["order_year"].max())
    evidence: dict[str, object] = {"s400_orders": len(history), "register_to": last}
    return Verdict(
        "C30", "supported" if len(history) else "unverifiable", evidence,
        f"{len(history)} S-400 orders for Iran in the register (orders to {last}).",
    )
