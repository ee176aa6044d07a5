"""The rule table: for each data-decided claim, the checks it runs and how they combine.

Each :class:`Rule` lists its checks (functions of the domain modules, each
returning a :class:`~analysis.checks.Check`), the combinator that turns them
into a verdict (:mod:`analysis.claims.verdicts`) and any context checks whose
figures the card shows without their deciding anything. :func:`decide` runs a
rule, weighs a supported verdict by the grades of the events it rests on
(:func:`analysis.claims.evidence.grade_check`) and writes the explanation
from the sentences of the checks that decided, so it cannot contradict the
verdict. :func:`data_verdicts` does so for every claim whose basis is data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis import alliances, deals, ideal_points, iran_votes, ranks, transfers
from analysis import event_checks as ev
from analysis.checks import Check
from analysis.claims.evidence import ON_RECORD, grade_check, graded_events
from analysis.claims.verdicts import (
    ESSAY_DATE,
    Combine,
    Package,
    Verdict,
    all_some_none,
    first_decisive,
    gated,
    necessary_first,
    possibility,
)
from analysis.events import (
    ASSAD_FALLS,
    DRONES_ADMITTED,
    HAMEDAN_ENDED,
    HAMEDAN_FIRST_SORTIE,
    MISSILES_CONFIRMED,
    RUSSIAN_AIR_CAMPAIGN,
    S300_BAN,
    SHAH_FALLS,
    SOVIET_INVASION,
    SOVIET_UNION_ENDS,
    SYRIAN_UPRISING,
    TEHRAN_EIGHT,
    WARS_ON_IRAN,
)
from analysis.names import SOVIET_RUSSIA

# Further events the rules name, by their identifiers in the ``events`` table.
SOVIET_WITHDRAWAL = "E010"
MOSCOW_ACCORDS = "E011"
SOVIET_LANDING = "E007"
AIR_DEFENCE_DEAL = "E104"

#: The windows around 2000 over which the essay's ranking (C15) is checked.
C15_WINDOWS: tuple[tuple[int, int], ...] = ((2000, 2000), (1992, 2000), (1996, 2000), (1998, 2002))

#: The years of hostility the essay's first paragraphs describe.
ENMITY_YEARS = (1979, 1988)

#: Days within which a wrong year still gets an event's substance right (C05).
NEAR_DAYS = 31

#: Words by which a record calls an incursion a mistake.
MISTAKE = r"by mistake|by (?:navigational )?error|mistaken"

#: The last full year before the essay appeared: deliveries by then were known to it.
BEFORE_ESSAY = ESSAY_DATE.year - 1

#: The decade before Russia's invasion of Ukraine and the first session after it, for
#: the ideal-point context of C25; the sessions since the end of the Cold War for C03.
UKRAINE_BEFORE, UKRAINE_FROM, POST_SOVIET_FROM = (2012, 2021), 2022, 1992


@dataclass(frozen=True)
class Record:
    """The tables the rules read; the events with their grades.

    The UN tables feed context checks only; a record built without them has
    nothing relevant on record there.
    """

    events: pd.DataFrame
    deals: pd.DataFrame
    transfers: pd.DataFrame
    alliances: pd.DataFrame
    ideal_points: pd.DataFrame = field(default_factory=pd.DataFrame)
    iran_votes: pd.DataFrame = field(default_factory=pd.DataFrame)

    @classmethod
    def of(cls, package: Package) -> Record:
        """Read the rules' tables from a package (any mapping of resource names to tables)."""
        un_tables = [package[name] if name in package else pd.DataFrame()
                     for name in ("un_ideal_points", "un_iran_votes")]
        return cls(graded_events(package["events"]), package["arms_deals"],
                   package["arms_transfers"], package["alliances"], *un_tables)

    @property
    def last_transfer_year(self) -> int:
        """The last year of the arms transfers."""
        return int(self.transfers["year"].max())

    @property
    def last_event_year(self) -> int:
        """The year of the latest event."""
        return int(self.events["start_date"].max().year)


Checks = Callable[[Record], Sequence[Check]]


@dataclass(frozen=True)
class Rule:
    """How one claim is decided: its checks, their combinator and its context checks."""

    checks: Checks
    combine: Combine
    context: Checks = lambda record: ()


def _supplies(r: Record, what: str, key: str, pattern: str, confirmation: str) -> list[Check]:
    """Iranian supplies to Russia (C26, C27): known by the essay's time, delivered at all, reported."""
    return [
        deals.deliveries_of(r.deals, "IRN", "RUS", what, key, pattern=pattern, since=2022,
                            by=BEFORE_ESSAY, gate=True),
        deals.deliveries_of(r.deals, "IRN", "RUS", what, key, pattern=pattern, since=2022, gate=True),
        ev.event_on_record(r.events, confirmation, f"{key}_confirmed"),
    ]


#: Every data-decided claim and its rule.
RULES: dict[str, Rule] = {
    # A long history of hostility: the record of 1979–1988 and where Soviet arms went.
    "C01": Rule(lambda r: [ev.direction_balance(r.events, *ENMITY_YEARS, "conflict"),
                           transfers.delivers_more(r.transfers, "SUN", "IRQ", "IRN", 1980, 1988)],
                all_some_none),
    # "An alliance": a defence pledge, without which there is none, and help when Iran was attacked.
    "C03": Rule(lambda r: [alliances.defence_pledge_in_force(r.alliances, "RUS", "IRN", 1992,
                                                             r.last_event_year),
                           ev.events_during(r.events, WARS_ON_IRAN, "cooperative military event",
                                            "help_in_war", direction="cooperation",
                                            category=("arms_delivery", "military_cooperation"),
                                            grades=ON_RECORD)],
                necessary_first,
                lambda r: [ideal_points.distance_check(r.ideal_points, POST_SOVIET_FROM, r.last_event_year)]),
    # The revolution of 1979 removed the Shah.
    "C04": Rule(lambda r: [ev.event_in_year(r.events, SHAH_FALLS, 1979, "shah_falls")],
                all_some_none),
    # The Soviet invasion of Afghanistan "in 1980": the year, and how far off it is.
    "C05": Rule(lambda r: [ev.event_in_year(r.events, SOVIET_INVASION, 1980, "invasion_start"),
                           ev.event_near_year(r.events, SOVIET_INVASION, 1980, NEAR_DAYS,
                                              "days_from_1980")],
                all_some_none),
    # Revolution and invasion "set the stage for the first instances of cooperation".
    "C06": Rule(lambda r: [ev.first_after(r.events, SOVIET_INVASION, "cooperation", 1,
                                          "first_cooperation"),
                           ev.direction_balance(r.events, *ENMITY_YEARS, "cooperation")],
                all_some_none),
    # Iran backed the Afghan Shia mujahideen.
    "C09": Rule(lambda r: [ev.event_on_record(r.events, TEHRAN_EIGHT, "tehran_eight")],
                all_some_none),
    # Soviet and Iranian forces fought "on several occasions".
    "C10": Rule(lambda r: [ev.events_counted(r.events, 1979, 1989, "armed clash", "clashes",
                                             category="armed_clash", at_least=k, gate=True)
                           for k in (3, 1)],
                first_decisive("supported", "partly supported")),
    # Soviet special forces raided Iranian territory.
    "C11": Rule(lambda r: [ev.event_on_record(r.events, SOVIET_LANDING, "landing"),
                           ev.text_lacks(r.events, SOVIET_LANDING, MISTAKE, "a mistake",
                                         "mistake_words")],
                all_some_none),
    # The end of the Cold War and the Soviet collapse were the turning point.
    "C13": Rule(lambda r: [ev.event_before(r.events, SOVIET_WITHDRAWAL, MOSCOW_ACCORDS,
                                           "days_withdrawal_to_accords"),
                           ev.event_before(r.events, SOVIET_UNION_ENDS, MOSCOW_ACCORDS,
                                           "days_collapse_to_accords")],
                all_some_none,
                lambda r: [deals.order_on_record(r.deals, "SUN", "IRN", "weapon", "soviet",
                                                 since=1989, by=1991)]),
    # Post-Soviet Russia set out to improve relations.
    "C14": Rule(lambda r: [transfers.first_delivery(r.transfers, "RUS", "IRN", 1992, 2001,
                                                    latest=1999),
                           ev.direction_balance(r.events, 1992, 2001, "cooperation")],
                all_some_none,
                lambda r: [iran_votes.censure_check(r.iran_votes)]),
    # Iran the third-largest customer for Russian arms by 2000.
    "C15": Rule(lambda r: [ranks.rank_in_window(r.transfers, SOVIET_RUSSIA, "IRN", s, e, 3)
                           for s, e in C15_WINDOWS],
                first_decisive("supported", *["partly supported"] * (len(C15_WINDOWS) - 1))),
    # Russia agreed to sell S-300s by 2007.
    "C16": Rule(lambda r: [deals.order_on_record(r.deals, "RUS", "IRN", "S-300 system", "s300",
                                                 pattern="S-300", by=by, comments=True, gate=True)
                           for by in (2007, None)],
                first_decisive("supported", "partly supported"),
                lambda r: [deals.deliveries_of(r.deals, "RUS", "IRN", "S-300 system", "s300",
                                               pattern="S-300"),
                           ev.event_on_record(r.events, S300_BAN, "s300_cancelled")]),
    # Civil war in Syria from 2011, with Russia and Iran backing Assad.
    "C17": Rule(lambda r: [ev.event_in_year(r.events, SYRIAN_UPRISING, 2011, "uprising"),
                           ev.event_on_record(r.events, RUSSIAN_AIR_CAMPAIGN, "air_campaign")],
                all_some_none),
    # Syria was "a significant turn towards a full-fledged alliance".
    "C18": Rule(lambda r: [ev.events_counted(r.events, 2011, 2021, "military cooperation event",
                                             "military_cooperation", category="military_cooperation",
                                             direction="cooperation"),
                           alliances.defence_pledge_in_force(r.alliances, "RUS", "IRN", 2011, 2021),
                           ev.days_apart(r.events, HAMEDAN_FIRST_SORTIE, HAMEDAN_ENDED, 30,
                                         "hamedan_days")],
                all_some_none),
    # The victory secured Russia's flank and Iran's route to Hezbollah.
    "C24": Rule(lambda r: [ev.event_not_yet(r.events, ASSAD_FALLS, ESSAY_DATE, "assad_falls"),
                           ev.event_not_yet(r.events, ASSAD_FALLS, None, "assad_falls")],
                all_some_none),
    # The invasion of Ukraine drew the two closer.
    "C25": Rule(lambda r: [ev.busier_than_before(r.events, "cooperation", 2022, 2024,
                                                 ENMITY_YEARS[0], "cooperative_2022_2024"),
                           transfers.first_delivery(r.transfers, "IRN", "RUS", 1992,
                                                    r.last_transfer_year, earliest=2022)],
                all_some_none,
                lambda r: [ideal_points.distance_change(r.ideal_points, UKRAINE_BEFORE, UKRAINE_FROM)]),
    # Iran supplied drones.
    "C26": Rule(lambda r: _supplies(r, "drone", "drones", r"drone|UAV", DRONES_ADMITTED),
                first_decisive("supported", "partly supported", "partly supported")),
    # Iran supplied missiles.
    "C27": Rule(lambda r: _supplies(r, "missile", "missiles", r"missile", MISSILES_CONFIRMED),
                first_decisive("supported", "partly supported", "partly supported")),
    # "In return", Russia agreed to sell advanced fighter jets.
    "C29": Rule(lambda r: [deals.order_on_record(r.deals, "RUS", "IRN", "Su-35 fighter", "su35",
                                                 pattern="Su-35", since=2022, gate=True),
                           deals.deliveries_of(r.deals, "RUS", "IRN", "Su-35 fighter", "su35",
                                               pattern="Su-35", since=2022)],
                gated(all_some_none),
                lambda r: [deals.deliveries_of(r.deals, "RUS", "IRN", "Yak-130 trainer", "yak130",
                                               pattern="Yak-130", since=2022)]),
    # Russia might "potentially" sell advanced air defences.
    "C30": Rule(lambda r: [deals.order_on_record(r.deals, "RUS", "IRN", "S-400 system", "s400",
                                                 pattern="S-400", comments=True),
                           ev.event_on_record(r.events, AIR_DEFENCE_DEAL, "air_defence_deal")],
                possibility),
}


def merged_figures(checks: Sequence[Check]) -> dict[str, object]:
    """Join the figures of several checks; one name may not carry two values.

    Examples
    --------
    >>> merged_figures([Check("a", True, {"x": 1}), Check("b", True, {"x": 1, "y": 2})])
    {'x': 1, 'y': 2}
    >>> merged_figures([Check("a", True, {"x": 1}), Check("b", True, {"x": 3})])
    Traceback (most recent call last):
    ...
    ValueError: figure 'x' is 1 in a but 3 in b
    """
    figures: dict[str, object] = {}
    source: dict[str, str] = {}
    for check in checks:
        for name, value in check.figures.items():
            if name in figures and figures[name] != value:
                raise ValueError(f"figure {name!r} is {figures[name]!r} in {source[name]} "
                                 f"but {value!r} in {check.function}")
            figures[name], source[name] = value, check.function
    return figures


def decide(claim_id: str, rule: Rule, record: Record) -> Verdict:
    """Run one rule on the record and return its verdict, weighed by grade and explained."""
    checks = tuple(rule.checks(record))
    verdict, deciding = rule.combine(checks)
    extra: tuple[Check, ...] = ()
    if verdict == "supported" and all(c.events for c in deciding):
        weight = grade_check(record.events, [e for c in deciding for e in c.events])
        if not weight.holds:
            verdict, deciding, extra = "partly supported", (*deciding, weight), (weight,)
    everything = (*checks, *rule.context(record), *extra)
    return Verdict(claim_id, verdict, merged_figures(everything), explain(deciding), everything,
                   deciding)


def explain(deciding: Sequence[Check]) -> str:
    """Join the sentences of the deciding checks, leaving out one an earlier sentence already says.

    Examples
    --------
    >>> explain([Check("a", False, {}, "2 clashes are recorded, fewer than 3."),
    ...          Check("b", True, {}, "2 clashes are recorded.")])
    '2 clashes are recorded, fewer than 3.'
    """
    kept: list[str] = []
    for check in deciding:
        if not any(earlier.startswith(check.sentence.rstrip(".")) for earlier in kept):
            kept.append(check.sentence)
    return " ".join(kept)


def data_verdicts(package: Package) -> dict[str, Verdict]:
    """Recompute the verdict of every claim whose basis is ``data``.

    Raises
    ------
    ValueError
        If a data-based claim in the ``claims`` table has no rule.

    Examples
    --------
    >>> from analysis import load_package
    >>> verdicts = data_verdicts(load_package())
    >>> verdicts["C05"].evidence["invasion_start"]
    '1979-12-24'
    """
    claims = package["claims"]
    ids = claims.loc[claims["basis"] == "data", "claim_id"].astype(str).tolist()
    missing = [claim_id for claim_id in ids if claim_id not in RULES]
    if missing:
        raise ValueError(f"data-based claims without a rule: {missing}")
    record = Record.of(package)
    return {claim_id: decide(claim_id, RULES[claim_id], record) for claim_id in ids}


def verdict_of(package: Package, claim_id: str) -> Verdict:
    """Recompute the verdict of one data-decided claim.

    Examples
    --------
    >>> from analysis import load_package
    >>> verdict_of(load_package(), "C15").evidence["rank_2000"]
    3
    """
    if claim_id not in RULES:
        raise ValueError(f"claim {claim_id!r} has no rule; ruled claims: {', '.join(RULES)}")
    return decide(claim_id, RULES[claim_id], Record.of(package))
