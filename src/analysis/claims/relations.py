"""Verdicts on the claims decided by events and alliance data: hostility, war, pledges.

One function per claim, each taking the package and returning a
:class:`~analysis.claims.verdicts.Verdict`; the queries they rest on live in
:mod:`analysis.events` and :mod:`analysis.alliances`.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import alliances as alliances_lib
from analysis import events as events_lib
from analysis.claims.verdicts import ENMITY_YEARS, Package, Verdict, graded, supported_if, tiered
from analysis.events import (
    ASSAD_FALLS,
    HAMEDAN_ENDED,
    HAMEDAN_FIRST_SORTIE,
    PARTNERSHIP_TREATY,
    RUSSIAN_AIR_CAMPAIGN,
    SHAH_FALLS,
    SOVIET_INVASION,
    SYRIAN_UPRISING,
    TEHRAN_EIGHT,
    WARS_ON_IRAN,
    event_date,
    event_day,
    event_row,
    events_between,
    has_event,
    iso_day,
)


def enmity_balance(package: Package) -> dict[str, int]:
    """Count hostile and cooperative events over :data:`ENMITY_YEARS` (C01 and C06)."""
    counts = events_lib.balance_summary(package["events"], *ENMITY_YEARS)
    return {
        "start": ENMITY_YEARS[0],
        "end": ENMITY_YEARS[1],
        "events": counts["total"],
        "hostile": counts["conflict"],
        "cooperative": counts["cooperation"],
    }


def verdict_c01(package: Package) -> Verdict:
    """C01, a long history of hostility: hostile vs cooperative events in 1979–1988.

    Supported when hostile events outnumber cooperative ones, contradicted otherwise.
    """
    evidence: dict[str, object] = dict(enmity_balance(package))
    hostile, cooperative = evidence["hostile"], evidence["cooperative"]
    return Verdict(
        "C01",
        supported_if(hostile > cooperative),  # type: ignore[operator]
        evidence,
        f"Of {evidence['events']} events in {ENMITY_YEARS[0]}–{ENMITY_YEARS[1]}, "
        f"{hostile} are hostile and {cooperative} cooperative.",
    )


def verdict_c03(package: Package) -> Verdict:
    """C03, "the relationship is an alliance": defence pledges and help in war.

    Supported if the alliance data code a Russian defence pledge to Iran after
    1991 *and* Russia gave verified military help (an arms delivery or military
    cooperation) while Iran was at war; partly supported if only one holds;
    contradicted if neither.
    """
    alliances, events = package["alliances"], package["events"]
    last_year = int(alliances["year"].max())
    pledges = alliances_lib.defence_years(alliances, "RUS", "IRN", since=1992)
    help_events: list[str] = []
    reports: list[str] = []
    for first, ceasefire in WARS_ON_IRAN:
        window = events_between(
            events, event_date(events, first), event_date(events, ceasefire), "cooperation"
        )
        military = window[window["category"].isin(["arms_delivery", "military_cooperation"])]
        verified = military["verification"] == "verified"
        help_events += military.loc[verified, "event_id"].astype(str).tolist()
        reports += military.loc[~verified, "event_id"].astype(str).tolist()
    evidence: dict[str, object] = {
        "alliance_data_last_year": last_year,
        "defence_pledge_years": pledges,
        "provisions_last_year": alliances_lib.atop_provisions(alliances, "RUS-IRN", last_year),
        "treaty_date": iso_day(event_row(events, PARTNERSHIP_TREATY)["start_date"]),
        "wars": [(event_day(events, a), event_day(events, b)) for a, b in WARS_ON_IRAN],
        "verified_military_help_events": help_events,
        "unconfirmed_reports": reports,
    }
    return Verdict(
        "C03",
        graded(bool(pledges) + bool(help_events)),
        evidence,
        f"Defence pledges coded after 1991: {len(pledges)}; verified Russian military "
        f"help during the wars on Iran: {len(help_events)}.",
    )


def verdict_c04(package: Package) -> Verdict:
    """C04, the 1979 revolution removed the Shah: the monarchy fell in 1979."""
    date = event_date(package["events"], SHAH_FALLS)
    return Verdict(
        "C04", supported_if(date.year == 1979), {"shah_falls": iso_day(date)},
        f"The Shah's government fell on {iso_day(date)}.",
    )


def verdict_c05(package: Package) -> Verdict:
    """C05, the Soviet invasion of Afghanistan "in 1980": check the start date."""
    date = event_date(package["events"], SOVIET_INVASION)
    return Verdict(
        "C05", supported_if(date.year == 1980), {"invasion_start": iso_day(date), "essay_year": 1980},
        f"The intervention began on {iso_day(date)}; the essay says 1980.",
    )


def verdict_c06(package: Package) -> Verdict:
    """C06, revolution and invasion brought the first cooperation.

    Contradicted when hostile events outnumber cooperative ones in 1979–1988;
    the evidence adds the first cooperative treaty, when lasting cooperation began.
    """
    events = package["events"]
    evidence: dict[str, object] = dict(enmity_balance(package))
    treaties = events[
        (events["category"] == "treaty") & (events["direction"] == "cooperation")
    ].sort_values("start_date")
    evidence["first_cooperation_treaty"] = (
        iso_day(treaties["start_date"].iloc[0]) if len(treaties) else None
    )
    hostile, cooperative = evidence["hostile"], evidence["cooperative"]
    return Verdict(
        "C06", supported_if(cooperative >= hostile), evidence,  # type: ignore[operator]
        f"{hostile} hostile against {cooperative} cooperative events in 1979–1988; the "
        f"first cooperation treaty is dated {evidence['first_cooperation_treaty']}.",
    )


def verdict_c09(package: Package) -> Verdict:
    """C09, Iran backed Shia mujahideen: the Tehran Eight coalition and its verification."""
    events = package["events"]
    if not has_event(events, TEHRAN_EIGHT):
        return Verdict("C09", "unverifiable", {"tehran_eight": None},
                       "No record of Iranian sponsorship of Afghan Shia groups.")
    row = event_row(events, TEHRAN_EIGHT)
    verified = row["verification"] == "verified"
    return Verdict(
        "C09", "supported" if verified else "partly supported",
        {"tehran_eight": str(row["date"]), "verification": str(row["verification"])},
        f"The Tehran Eight coalition is dated {row['date']} ({row['verification']}).",
    )


def armed_clashes(package: Package) -> pd.DataFrame:
    """Return the armed clashes of 1979–1989 (C10 and C11)."""
    return events_between(package["events"], 1979, 1989, category="armed_clash")


def verdict_c10(package: Package) -> Verdict:
    """C10, Soviet and Iranian forces fought "several times": count armed clashes 1979–1989.

    Three or more clashes support the claim, one or two support it partly,
    none leaves it unverifiable.
    """
    clashes = armed_clashes(package)
    n = len(clashes)
    return Verdict(
        "C10", tiered(n >= 3, n > 0, "unverifiable"),
        {
            "clashes": n,
            "dates": [str(d) for d in clashes["date"]],
            "verification": sorted(set(clashes["verification"].astype(str))),
        },
        f"{n} armed clashes between Soviet and Iranian forces are recorded in 1979–1989.",
    )


_LANDING = re.compile(r"\b(lands?|landed|landing|sets down|raid(s|ed)?)\b", re.IGNORECASE)
_MISTAKE = re.compile(r"\b(error|mistake|mistaken|by accident)\b", re.IGNORECASE)


def verdict_c11(package: Package) -> Verdict:
    """C11, Soviet special forces raided Iran: ground incursions and whether deliberate.

    Supported if a recorded incursion was deliberate, partly supported if the only
    ones were by mistake, unverifiable if none is recorded.
    """
    clashes = armed_clashes(package)
    text = clashes["title"].fillna("") + " " + clashes["description"].fillna("")
    landed = [bool(_LANDING.search(str(s))) for s in text]
    incursions = clashes[landed]
    deliberate = sum(
        not _MISTAKE.search(str(s)) for s, hit in zip(text, landed, strict=True) if hit
    )
    return Verdict(
        "C11", tiered(deliberate > 0, not incursions.empty, "unverifiable"),
        {
            "incursions": len(incursions),
            "dates": [str(d) for d in incursions["date"]],
            "deliberate": deliberate,
        },
        f"{len(incursions)} Soviet landing(s) in Iran recorded, {deliberate} deliberate.",
    )


def verdict_c17(package: Package) -> Verdict:
    """C17, war in Syria from 2011 with both states backing Assad."""
    events = package["events"]
    uprising = event_date(events, SYRIAN_UPRISING)
    campaign = has_event(events, RUSSIAN_AIR_CAMPAIGN)
    evidence: dict[str, object] = {
        "uprising": iso_day(uprising),
        "russian_air_campaign": event_day(events, RUSSIAN_AIR_CAMPAIGN),
    }
    began_2011 = uprising.year == 2011
    return Verdict(
        "C17", tiered(began_2011 and campaign, began_2011 or campaign), evidence,
        f"The uprising began on {iso_day(uprising)}; Russia's air campaign on "
        f"{evidence['russian_air_campaign']}.",
    )


def verdict_c18(package: Package) -> Verdict:
    """C18, Syria made the partnership a full alliance.

    Partly supported when military cooperation deepened in 2011–2021 but no
    defence pledge was coded; supported with such a pledge; contradicted if there
    was no military cooperation at all.
    """
    events, alliances = package["events"], package["alliances"]
    joint = events_between(events, 2011, 2021, "cooperation", "military_cooperation")
    last_year = int(alliances["year"].max())
    pledges = alliances_lib.defence_years(alliances, "RUS", "IRN", since=2011)
    hamedan_days = None
    if has_event(events, HAMEDAN_FIRST_SORTIE) and has_event(events, HAMEDAN_ENDED):
        hamedan_days = int(
            (event_date(events, HAMEDAN_ENDED) - event_date(events, HAMEDAN_FIRST_SORTIE)).days
        )
    evidence: dict[str, object] = {
        "military_cooperation_events": len(joint),
        "hamedan_days": hamedan_days,
        "defence_pledge_years": pledges,
        "alliance_data_last_year": last_year,
    }
    return Verdict(
        "C18", tiered(bool(pledges), len(joint) > 0), evidence,
        f"{len(joint)} military cooperation events in 2011–2021, Russian use of Hamedan "
        f"lasted {hamedan_days} days, and no defence pledge is coded.",
    )


def verdict_c24(package: Package) -> Verdict:
    """C24, the victory secured both states' aims: partly supported once Assad fell."""
    fell = event_day(package["events"], ASSAD_FALLS)
    evidence: dict[str, object] = {"assad_falls": fell}
    return Verdict(
        "C24", "partly supported" if fell else "supported", evidence,
        "The gains lasted until Assad fell on "
        f"{evidence['assad_falls']}." if fell else "Assad still holds power in the data.",
    )
