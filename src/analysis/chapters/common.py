"""Small helpers that several chapters' facts share, and the functions their numbers are traced to.

Each helper turns one domain result into the plain values a chapter glues:
dates of events under ``date_<id>`` names, keys with a prefix, one supplier's
share of a period, and the Russia–Iran defence check the chapters quote.
The functions after them take the package's tables (or the package) and
JSON-able arguments and return what the prose shows, so that
:func:`analysis.provenance.traced` can record and recompute each number:
counts of a phase's events, of tables and rows, of the claims and their
evidence, the defence check's derived figures, and one order of the SIPRI
register as the text words it.

Examples
--------
>>> prefixed("tl_", {"total": 3})
{'tl_total': 3}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from analysis import alliances, claims, deals, dictionary, events, evidence, ranks, timeline
from analysis.claims.rules import verdict_of
from analysis.phases import phase_years
from analysis.provenance import Fact, traced, traced_each
from analysis.wording import count_words, largest, ordinal

#: First year the chapters check for a defence obligation between Russia and Iran
#: (the alliance data start in 1946, when a Soviet–Iranian obligation is coded).
DEFENCE_SINCE = 1947

def prefixed(
    prefix: str, values: Mapping[str, object], keys: Sequence[str] | None = None
) -> dict[str, object]:
    """Return ``values`` (or only its ``keys``) with every key prefixed, for glue names.

    Examples
    --------
    >>> prefixed("dnc_", {"start": 1979, "end": 2019})
    {'dnc_start': 1979, 'dnc_end': 2019}
    >>> prefixed("tl_", {"conflict": 1, "total": 4}, keys=["conflict"])
    {'tl_conflict': 1}
    """
    chosen = values.keys() if keys is None else keys
    return {f"{prefix}{key}": values[key] for key in chosen}


def rank_texts(key: str, rank: int) -> dict[str, str]:
    """Return a rank in the two forms the text quotes: ``<key>_word`` and ``<key>_largest``.

    Examples
    --------
    >>> rank_texts("rank_2000", 3)
    {'rank_2000_word': 'third', 'rank_2000_largest': 'third-largest'}
    """
    return {f"{key}_word": ordinal(rank), f"{key}_largest": largest(rank)}


def dates(package: Any, event_ids: Sequence[str]) -> dict[str, object]:
    """Return the date label of each event under its glue name ``date_<id>``.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["E1"], "date_precision": ["year"],
    ...     "start_date": pd.to_datetime(["2007-01-01"])})
    >>> dates({"events": frame}, ["E1"])["date_E1"].value
    '2007'
    """
    return {f"date_{ident}": traced(events.date_labels, package, "events", [ident], pick=(ident,), unit="date",
                                    description=f"Date of event {ident}, at its precision")
            for ident in event_ids}


def grades(package: Any, event_ids: Sequence[str]) -> dict[str, object]:
    """Return the evidence grade of each event under its glue name ``grade_<id>``.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["E1"], "grade": ["claimed"]})
    >>> grades({"events": frame}, ["E1"])["grade_E1"].value
    'claimed'
    """
    return {f"grade_{ident}": traced(events.grades_of, package, "events", [ident], pick=(ident,), unit="grade",
                                     description=f"Evidence grade of event {ident}, computed from its sources")
            for ident in event_ids}


def period_share(shares: pd.DataFrame, start: int, end: int, series: str) -> float:
    """Return one supplier series' share of a period in a supplier-shares table.

    ``shares`` is the output of :func:`analysis.ranks.supplier_shares`.

    Raises
    ------
    ValueError
        If the period or the supplier is not in the table.

    Examples
    --------
    >>> shares = pd.DataFrame({"start": [1980, 1980], "end": [1989, 1989],
    ...     "supplier_series": ["CHN", "PRK"], "share": [0.75, 0.25]})
    >>> period_share(shares, 1980, 1989, "PRK")
    0.25
    """
    rows = shares[
        (shares["start"] == start) & (shares["end"] == end) & (shares["supplier_series"] == series)
    ]
    if rows.empty:
        raise ValueError(f"no share of {series!r} in {start}–{end}")
    return float(rows["share"].iloc[0])


def period_suppliers(shares: pd.DataFrame, start: int, end: int) -> int:
    """Return how many suppliers delivered in a period of a supplier-shares table.

    Examples
    --------
    >>> shares = pd.DataFrame({"start": [1980, 1990], "end": [1989, 1999],
    ...     "supplier_series": ["CHN", "CHN"]})
    >>> period_suppliers(shares, 1980, 1989)
    1
    """
    return int(((shares["start"] == start) & (shares["end"] == end)).sum())


def defence_check(package: Any) -> dict[str, object]:
    """Return the Russia–Iran defence check the chapters quote (from 1947).

    See :func:`analysis.alliances.defence_check` for the keys.
    """
    return alliances.defence_check(package["alliances"], "RUS", "IRN", since=DEFENCE_SINCE)


def supplier_share(arms: pd.DataFrame, recipient: str, start: int, end: int, series: str) -> float:
    """Return one supplier series' share of ``recipient``'s arms imports over ``start``–``end``.

    :func:`analysis.ranks.supplier_shares` for one period, then :func:`period_share`.
    """
    return period_share(ranks.supplier_shares(arms, recipient, [(start, end)]), start, end, series)


def supplier_count(arms: pd.DataFrame, recipient: str, start: int, end: int) -> int:
    """Return how many supplier series delivered arms to ``recipient`` over ``start``–``end``."""
    return period_suppliers(ranks.supplier_shares(arms, recipient, [(start, end)]), start, end)


def imports_total(arms: pd.DataFrame, recipient: str, start: int, end: int) -> float:
    """Return the sum of ``recipient``'s arms imports from all suppliers over ``start``–``end`` (TIV).

    Summed per period as :func:`analysis.ranks.supplier_shares` labels it, so that
    the total is the same to the last digit whichever periods are asked for.
    """
    shares = ranks.supplier_shares(arms, recipient, [(start, end)])
    return float(shares.groupby("period")["tiv"].sum()[ranks.period_label(start, end)])


#: What each item of :func:`defence_check` is, for its note.
DEFENCE_NOTES: dict[str, str] = {
    "last_defence_year": "Last year a Russia–Iran defence obligation is recorded in ATOP or COW (0 if never)",
    "atop_last": "Last year ATOP's alliance data cover Russia–Iran",
    "cow_last": "Last year COW's alliance data cover Russia–Iran",
    "since": "First year checked for a Russia–Iran defence obligation",
    "years_checked": f"Number of years from {DEFENCE_SINCE} that ATOP or COW cover for Russia–Iran",
}


def traced_defence(package: Any, keys: Mapping[str, str]) -> dict[str, Fact]:
    """Return items of :func:`defence_check` as Facts (years), under glue names ``keys`` (name -> item)."""
    items = list(keys.values())
    found = traced_each(defence_check, package, (), units="year", whole_package=True, keys=items,
                        description={item: DEFENCE_NOTES[item] for item in items})
    return {name: found[item] for name, item in keys.items()}


# ---------------------------------------------------------------------------
# Events of a phase and of the whole table
# ---------------------------------------------------------------------------


def grade_notes(what: str) -> dict[str, str]:
    """Return the note of each count of :func:`analysis.events.grade_counts`, for events described as ``what``.

    Examples
    --------
    >>> grade_notes("events of the timeline")["claimed"]
    'Number of events of the timeline whose evidence is graded claimed'
    """
    return {**{grade: f"Number of {what} whose evidence is graded {grade}" for grade in evidence.GRADES},
            "total": f"Number of {what}"}


def direction_notes(what: str) -> dict[str, str]:
    """Return the note of each count of :func:`analysis.events.balance_summary`, for events described as ``what``.

    Examples
    --------
    >>> direction_notes("events of the phase")["neutral"]
    'Number of events of the phase coded as neutral'
    """
    return {**{direction: f"Number of {what} coded as {direction}" for direction in events.DIRECTIONS},
            "total": f"Number of {what}"}


def source_notes() -> dict[str, str]:
    """Return the note of each count of :func:`analysis.evidence.source_summary`.

    Examples
    --------
    >>> source_notes()["state"]
    "Number of the events' sources whose publisher is state media of a party"
    """
    return {"sources": "Number of the events' sources", "publishers": "Number of publishers of the events' sources",
            **{key: f"Number of the events' sources whose publisher is {kind}"
               for kind, key in evidence.KIND_KEYS.items()}}



def phase_events(package: Any, phase: str) -> pd.DataFrame:
    """Return the events of one phase (checked against the package's vocabulary)."""
    return events.events_in(package["events"], phase_id=phase, valid=events.vocabulary(package))


def phase_grades(package: Any, phase: str) -> dict[str, int]:
    """Count one phase's events by evidence grade, plus the total (:func:`analysis.events.grade_counts`)."""
    return events.grade_counts(phase_events(package, phase))


def phase_balance(package: Any, phase: str) -> dict[str, int]:
    """Count one phase's events by direction over the phase's years, plus the total."""
    return events.balance_summary(phase_events(package, phase), *phase_years(package["phases"], phase))


def event_years(events_table: pd.DataFrame, phases: pd.DataFrame) -> dict[str, int]:
    """Return the first and last year of the timeline's events (``first``, ``last``).

    Examples
    --------
    >>> table = pd.DataFrame({"event_id": ["E1", "E2"], "phase_id": ["p", "p"],
    ...     "start_date": pd.to_datetime(["1979-12-01", "2026-01-05"]), "date_precision": ["month", "day"],
    ...     "title": ["T", "U"], "description": ["", ""], "category": ["war_context"] * 2,
    ...     "direction": ["conflict"] * 2, "grade": ["reported"] * 2})
    >>> event_years(table, pd.DataFrame({"phase_id": ["p"], "title": ["P"]}))
    {'first': 1979, 'last': 2026}
    """
    frame = timeline.timeline_frame(events_table, phases)
    return {"first": int(frame["year"].min()), "last": int(frame["year"].max())}


# ---------------------------------------------------------------------------
# Tables of the package
# ---------------------------------------------------------------------------


def row_count(table: pd.DataFrame) -> int:
    """Return the number of rows of one table of the package.

    Examples
    --------
    >>> row_count(pd.DataFrame({"a": [1, 2]}))
    2
    """
    return len(table)


def total_rows(package: Any) -> int:
    """Return the number of rows of every table of the package together."""
    return sum(len(package[name]) for name in package)


def resource_count(package: Any) -> int:
    """Return the number of tables (resources) the package's descriptor lists."""
    return len(dictionary.resource_summary(package.descriptor))


def source_count(package: Any) -> int:
    """Return the number of raw sources the package's descriptor lists."""
    return len(dictionary.source_table(package.descriptor))


def last_year(table: pd.DataFrame) -> int:
    """Return the last year of a table with a ``year`` column.

    Examples
    --------
    >>> last_year(pd.DataFrame({"year": [1990, 2014]}))
    2014
    """
    return int(table["year"].max())


# ---------------------------------------------------------------------------
# The essay's claims
# ---------------------------------------------------------------------------

#: Glue name of each verdict's count.
VERDICT_KEYS: dict[str, str] = {
    "supported": "n_supported",
    "partly supported": "n_partly",
    "contradicted": "n_contradicted",
    "unverifiable": "n_unverifiable",
}


def claim_counts(card: pd.DataFrame) -> dict[str, int]:
    """Return the number of claims and the count of each verdict, under glue names.

    Examples
    --------
    >>> card = pd.DataFrame({"verdict": ["supported", "contradicted", "supported"]})
    >>> claim_counts(card)
    {'n_claims': 3, 'n_supported': 2, 'n_partly': 0, 'n_contradicted': 1, 'n_unverifiable': 0}
    """
    counts = claims.tally(card)
    return {"n_claims": len(card), **{VERDICT_KEYS[v]: n for v, n in counts.items()}}


def scorecard_counts(package: Any) -> dict[str, int]:
    """Return :func:`claim_counts` of the scorecard, and how many claims rest on data, on sources,
    and on data with the recomputed verdict agreeing (``n_data``, ``n_sources``, ``n_agree``)."""
    card = claims.scorecard(package)
    by_data = card["basis"] == "data"
    return {**claim_counts(card), "n_data": int(by_data.sum()),
            "n_sources": int((card["basis"] == "sources").sum()),
            "n_agree": int(card.loc[by_data, "agrees"].sum())}


def tally_text(package: Any) -> str:
    """Return the scorecard's tally of verdicts as the prose words it."""
    return claims.tally_sentence(claims.tally(claims.scorecard(package)))


def day(iso_date: object) -> str:
    """Return an ISO date as the text writes a day.

    Examples
    --------
    >>> day("1979-12-24")
    '24 Dec 1979'
    """
    return events.date_label(pd.Timestamp(str(iso_date)), "day")


def claim_figure(package: Any, claim_id: str, key: str, otherwise: str | None = None) -> object:
    """Return one figure of a data-decided claim's evidence (``otherwise`` in its place when it is empty or 0)."""
    value = verdict_of(package, claim_id).evidence[key]
    return otherwise if otherwise is not None and not value else value


def claim_percent(package: Any, claim_id: str, key: str) -> float:
    """Return a share in a claim's evidence as a percentage."""
    return 100 * verdict_of(package, claim_id).evidence[key]


def claim_count(package: Any, claim_id: str, key: str) -> int:
    """Return how many items a list in a claim's evidence holds."""
    return len(verdict_of(package, claim_id).evidence[key])


def claim_day(package: Any, claim_id: str, key: str) -> str:
    """Return a date in a claim's evidence as the text writes a day (:func:`day`)."""
    return day(verdict_of(package, claim_id).evidence[key])


def claim_rank_texts(package: Any, claim_id: str, key: str) -> dict[str, str]:
    """Return a rank in a claim's evidence in words, under ``<key>_word`` and ``<key>_largest``."""
    return rank_texts(key, int(verdict_of(package, claim_id).evidence[key]))


# ---------------------------------------------------------------------------
# Defence obligations
# ---------------------------------------------------------------------------


def years_text(count: int) -> str:
    """Return a number of years as the prose reads it.

    Examples
    --------
    >>> years_text(0), years_text(1), years_text(42)
    ('no year', 'one year', '42 years')
    """
    if count < 0:
        raise ValueError(f"a number of years cannot be negative: {count}")
    return {0: "no year", 1: "one year"}.get(count, f"{count:,} years")


def defence_year_count(package: Any) -> int:
    """Return how many years a Russia–Iran defence obligation is recorded (from 1947)."""
    return len(defence_check(package)["defence_years"])


def defence_years_words(package: Any) -> str:
    """Return :func:`defence_year_count` in words (:func:`years_text`)."""
    return years_text(defence_year_count(package))


def defence_data_last_year(package: Any) -> int:
    """Return the last year either alliance dataset (ATOP, COW) covers for Russia–Iran."""
    check = defence_check(package)
    return max(check["atop_last"], check["cow_last"])


# ---------------------------------------------------------------------------
# Orders and flows between two states
# ---------------------------------------------------------------------------


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


def order_texts(orders: pd.DataFrame, designation: str) -> dict[str, object]:
    """Return the words the text quotes about one order of :func:`orders_both_ways`.

    Numbers of units are written with thousands separators; an unknown number
    ordered reads "unknown", a missing delivery year "none". ``size`` says the
    order's size as a phrase ("for 24" or "of unknown size") and
    ``delivered_words`` the units delivered, "none" for 0.

    Examples
    --------
    >>> orders = pd.DataFrame({"designation": ["Fath-360"], "order_year": [2023],
    ...     "number_ordered": [None], "number_delivered": [1200.0],
    ...     "first_delivery_year": [2024.0], "last_delivery_year": [None]})
    >>> order_texts(orders, "Fath-360")
    {'ordered': 'unknown', 'delivered': '1,200', 'order_year': 2023, 'first': 2024, 'last': 'none', \
'size': 'of unknown size', 'delivered_words': '1,200'}
    """
    found = deals.order_facts(orders, designation)
    ordered = found["ordered"]
    return {
        "ordered": "unknown" if ordered is None else f"{ordered:,}",
        "delivered": f"{found['delivered']:,}",
        "order_year": found["order_year"],
        "first": found["first_delivery_year"] or "none",
        "last": found["last_delivery_year"] or "none",
        "size": "of unknown size" if ordered is None else f"for {ordered:,}",
        "delivered_words": count_words(int(found["delivered"])),
    }


def order_between(register: pd.DataFrame, first: str, second: str, since: int, designation: str) -> dict[str, object]:
    """Return :func:`order_texts` of one order either way between two states since a year,
    and ``delivered_share``, the units delivered over those ordered (None when either is unknown)."""
    orders = orders_both_ways(register, first, second, since)
    return {**order_texts(orders, designation),
            "delivered_share": deals.order_facts(orders, designation)["delivered_share"]}
