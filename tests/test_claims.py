"""The essay's claims: stored verdicts follow from the data, and each verdict rule works.

The key test is :func:`test_stored_verdict_equals_recomputed`: for every claim
whose basis is ``data``, the verdict in the ``claims`` table must equal the
verdict recomputed from the package. The unit tests build a small package by
hand, check the verdict it gives, then flip the evidence and check that the
verdict changes.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.alliances import CATEGORIES
from analysis.claims import VERDICT_FUNCTIONS, VERDICTS, Verdict, data_verdicts, scorecard, tally
from analysis.claims import relations

# ---------------------------------------------------------------------------
# The real package
# ---------------------------------------------------------------------------


def data_claim_ids(package) -> list[str]:
    frame = package["claims"]
    return frame.loc[frame["basis"] == "data", "claim_id"].astype(str).tolist()


def test_registry_is_complete(package) -> None:
    assert set(data_claim_ids(package)) == set(VERDICT_FUNCTIONS)


def test_stored_verdict_equals_recomputed(package) -> None:
    stored = package["claims"].set_index("claim_id")["verdict"]
    recomputed = data_verdicts(package)
    mismatches = {
        claim_id: (stored[claim_id], verdict.verdict)
        for claim_id, verdict in recomputed.items()
        if stored[claim_id] != verdict.verdict
    }
    assert not mismatches, f"stored vs recomputed verdicts differ: {mismatches}"


def _events_in_years(events: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    return events[events["start_date"].dt.year.between(start, end)]


def _deals(package, supplier: set[str], recipient: str, since: int = 0) -> pd.DataFrame:
    deals = package["arms_deals"]
    return deals[deals["supplier_code"].isin(supplier) & (deals["recipient_code"] == recipient)
                 & (deals["order_year"] >= since)]


def _day(events: pd.DataFrame, event_id: str) -> str:
    stamp = events.loc[events["event_id"] == event_id, "start_date"].iloc[0]
    return stamp.date().isoformat()


def test_event_evidence_is_recomputed_by_hand(package) -> None:
    """The event figures the verdicts state equal plain pandas counts of the events table."""
    v = data_verdicts(package)
    events = package["events"]
    enmity = _events_in_years(events, 1979, 1988)["direction"].value_counts()
    c01 = v["C01"].evidence
    assert (c01["events"], c01["hostile"], c01["cooperative"]) == (
        int(enmity.sum()), int(enmity.get("conflict", 0)), int(enmity.get("cooperation", 0)))
    assert v["C05"].evidence["invasion_start"] == _day(events, "E002")
    treaties = events[(events["category"] == "treaty") & (events["direction"] == "cooperation")]
    assert v["C06"].evidence["first_cooperation_treaty"] == treaties["start_date"].min().date().isoformat()
    clashes = _events_in_years(events, 1979, 1989)
    clashes = clashes[clashes["category"] == "armed_clash"].sort_values(["start_date", "event_id"])
    assert v["C10"].evidence["dates"] == clashes["date"].astype(str).tolist()
    hamedan = pd.Timestamp(_day(events, "E040")) - pd.Timestamp(_day(events, "E039"))
    assert v["C18"].evidence["hamedan_days"] == hamedan.days
    cooperative = events[events["direction"] == "cooperation"]
    c25 = v["C25"].evidence
    assert c25["cooperative_2022_2024"] == len(_events_in_years(cooperative, 2022, 2024))
    per_year = cooperative["start_date"].dt.year.value_counts()
    stretches = {y: sum(int(per_year.get(y + k, 0)) for k in range(3)) for y in range(1979, 2020)}
    best = max(stretches.values())
    assert c25["busiest_earlier_count"] == best
    assert c25["busiest_earlier_start"] == min(y for y, n in stretches.items() if n == best)
    assert c25["busiest_earlier_end"] == c25["busiest_earlier_start"] + 2


def test_arms_evidence_is_recomputed_by_hand(package) -> None:
    """The arms figures the verdicts state equal plain pandas sums of the arms tables."""
    v = data_verdicts(package)
    arms = package["arms_transfers"]
    year = arms[arms["supplier_code"].isin(["SUN", "RUS"]) & (arms["year"] == 2000)]
    totals = year.groupby("recipient")["tiv"].sum().astype("float64").sort_values(ascending=False)
    totals = totals[totals > 0]
    iran = float(year.loc[year["recipient_code"] == "IRN", "tiv"].sum())
    c15 = v["C15"].evidence
    assert c15["rank_2000"] == 1 + int((totals > iran).sum())
    assert c15["tiv_2000"] == pytest.approx(iran)
    assert c15["share_2000"] == pytest.approx(iran / totals.sum())
    assert c15["leaders_2000"][:2] == totals.index[:2].tolist()
    s300 = _deals(package, {"RUS"}, "IRN")
    s300 = s300[s300["designation"].str.contains("S-300", case=False)]
    delivered = s300[s300["number_delivered"].fillna(0) > 0]
    c16 = v["C16"].evidence
    assert c16["delivery_years"] == sorted(set(delivered["first_delivery_year"].astype(int)))
    assert c16["units_delivered"] == int(delivered["number_delivered"].sum())
    assert c16["cancelled"] == _day(package["events"], "E025")
    assert c16["first_order_year"] <= int(s300["order_year"].min())
    supplies = _deals(package, {"IRN"}, "RUS", since=2022).set_index("designation")
    for claim_id in ("C26", "C27"):
        for designation, figures in v[claim_id].evidence["by_designation"].items():
            row = supplies.loc[designation]
            assert figures == tuple(
                None if pd.isna(x) else int(x)
                for x in (row["number_ordered"], row["number_delivered"], row["first_delivery_year"]))
    recent = _deals(package, {"RUS"}, "IRN", since=2022)
    su35 = recent[recent["designation"].str.contains("Su-35", case=False)]
    assert v["C29"].evidence["su35_ordered"] == int(su35["number_ordered"].fillna(0).sum())
    assert v["C29"].evidence["su35_delivered"] == int(su35["number_delivered"].fillna(0).sum())
    everything = _deals(package, {"RUS"}, "IRN")
    s400 = everything["designation"].str.contains("S-400", case=False) | everything[
        "comments"].fillna("").str.contains("S-400", case=False)
    assert v["C30"].evidence["s400_orders"] == int(s400.sum())


def test_scorecard_has_every_claim_and_chapter(package) -> None:
    card = scorecard(package)
    assert len(card) == len(package["claims"])
    assert set(card["chapter"]) <= set(package["phases"]["chapter"])
    data_rows = card[card["basis"] == "data"]
    assert data_rows["recomputed"].notna().all()
    assert bool(data_rows["agrees"].all())
    assert card.loc[card["basis"] == "sources", "recomputed"].isna().all()
    assert sum(tally(card).values()) == len(package["claims"])
    assert list(tally(card)) == list(VERDICTS)


def test_verdict_rejects_unknown_word() -> None:
    with pytest.raises(ValueError, match="unknown verdict 'maybe'"):
        Verdict("C99", "maybe", {}, "")


def test_verdict_is_frozen() -> None:
    verdict = Verdict("C05", "contradicted", {}, "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.verdict = "supported"  # type: ignore[misc]


# ---------------------------------------------------------------------------
# A small hand-built package
# ---------------------------------------------------------------------------

EVENTS = [
    # event_id, date, category, direction, verification, title, description
    ("E001", "1979-02-11", "war_context", "neutral", "verified", "Shah falls", ""),
    ("E002", "1979-12-24", "war_context", "conflict", "verified", "Invasion", ""),
    ("E091", "1980-01-13", "sanctions", "cooperation", "verified", "Veto", ""),
    ("E004", "1980-02-23", "armed_clash", "conflict", "partly verified",
     "Aircraft cross the border", "Jets flew over the border; Iran fired at helicopters."),
    ("E007", "1982-04-05", "armed_clash", "conflict", "partly verified",
     "Helicopter assault lands in Iran by mistake",
     "A heliborne operation sets down inside Iran by navigational error."),
    ("E008", "1987-12", "war_context", "conflict", "verified", "Tehran Eight", ""),
    ("E011", "1989-06-21", "treaty", "cooperation", "verified", "Accords", ""),
    ("E013", "1991-12-26", "war_context", "neutral", "verified", "USSR ends", ""),
    ("E095", "1992-08-25", "nuclear", "cooperation", "verified", "Nuclear deal", ""),
    ("E016", "1995-06-30", "arms_deal", "conflict", "verified", "Pledge", ""),
    ("E018", "2001-03-12", "treaty", "cooperation", "verified", "Treaty of 2001", ""),
    ("E021", "2007", "arms_deal", "cooperation", "verified", "S-300 contract", ""),
    ("E025", "2010-09-22", "arms_deal", "conflict", "verified", "S-300 ban", ""),
    ("E027", "2011-03-15", "war_context", "neutral", "verified", "Uprising", ""),
    ("E034", "2015-09-30", "military_cooperation", "cooperation", "verified", "Air war", ""),
    ("E039", "2016-08-16", "military_cooperation", "cooperation", "verified", "Hamedan", ""),
    ("E040", "2016-08-22", "military_cooperation", "conflict", "verified", "Hamedan ends", ""),
    ("E046", "2022-01-19", "diplomacy", "cooperation", "verified", "Visit", ""),
    ("E052", "2022-11-05", "arms_delivery", "cooperation", "verified", "Drones admitted", ""),
    ("E065", "2024-09-10", "arms_delivery", "cooperation", "verified", "Missiles", ""),
    ("E066", "2024-12-08", "war_context", "neutral", "verified", "Assad falls", ""),
    ("E067", "2025-01-17", "treaty", "cooperation", "verified", "Treaty", ""),
    ("E070", "2025-06-13", "war_context", "neutral", "verified", "War", ""),
    ("E073", "2025-06-24", "diplomacy", "neutral", "verified", "Ceasefire", ""),
    ("E084", "2026-02-28", "war_context", "neutral", "verified", "War", ""),
    ("E088", "2026-03-06", "military_cooperation", "cooperation", "partly verified",
     "Intelligence", ""),
    ("E090", "2026-04-07", "war_context", "neutral", "verified", "Ceasefire", ""),
]

DEALS = [
    # supplier_code, recipient_code, order_year, designation, description, ordered,
    # delivered, first_delivery_year, comments
    ("SUN", "IRN", 1989, "MiG-29", "fighter aircraft", 14, 14, 1990, None),
    ("RUS", "IRN", 1993, "Project-877E", "submarine", 1, 1, 1996, None),
    ("RUS", "IRN", 2015, "S-300PMU2", "SAM system", 4, 4, 2016,
     "replacing 2007 order for S-300PMU-1 cancelled 2010"),
    ("RUS", "IRN", 2022, "Yak-130", "trainer/combat aircraft", 24, 6, 2023, None),
    ("RUS", "IRN", 2023, "Su-35S", "FGA aircraft", 24, 0, None, None),
    ("IRN", "RUS", 2022, "Shahed-136", "one-way attack drone", 6600, 4600, 2022, None),
    ("IRN", "RUS", 2023, "Fath-360", "surface-to-surface missile", None, 200, 2024, None),
]

TRANSFERS = [
    # supplier_code, recipient, recipient_code, year, tiv
    ("SUN", "Iraq", "IRQ", 1985, 50.0),
    ("RUS", "Iran", "IRN", 1992, 10.0),
    ("RUS", "China", "CHN", 2000, 100.0),
    ("RUS", "India", "IND", 2000, 50.0),
    ("RUS", "Iran", "IRN", 2000, 30.0),
    ("RUS", "Syria", "SYR", 2000, 5.0),
    ("RUS", "Iran", "IRN", 1998, 20.0),
    ("RUS", "China", "CHN", 1998, 40.0),
    ("RUS", "India", "IND", 1998, 40.0),
    ("IRN", "Russia", "RUS", 2022, 60.0),
    ("RUS", "China", "CHN", 2024, 1.0),
]

DATA_CLAIMS = sorted(VERDICT_FUNCTIONS)


def build_package(
    events: list[tuple] | None = None,
    deals: list[tuple] | None = None,
    transfers: list[tuple] | None = None,
    defence_year: int | None = None,
) -> dict[str, pd.DataFrame]:
    """A small package with the rows the verdict functions read."""
    ev = pd.DataFrame(
        events if events is not None else EVENTS,
        columns=["event_id", "date", "category", "direction", "verification", "title",
                 "description"],
    )
    ev["start_date"] = pd.to_datetime(ev["date"].map(lambda d: (d + "-01-01")[:10]))
    ev["phase_id"] = "any"
    ev = ev.astype({c: "string" for c in ev.columns if c != "start_date"})
    dl = pd.DataFrame(
        deals if deals is not None else DEALS,
        columns=["supplier_code", "recipient_code", "order_year", "designation", "description",
                 "number_ordered", "number_delivered", "first_delivery_year", "comments"],
    )
    dl = dl.astype({"order_year": "Int64", "number_ordered": "Int64",
                    "number_delivered": "Int64", "first_delivery_year": "Int64"})
    dl["last_delivery_year"] = dl["first_delivery_year"]
    dl["status"] = "New"
    dl["comments"] = dl["comments"].astype("string")
    tr = pd.DataFrame(
        transfers if transfers is not None else TRANSFERS,
        columns=["supplier_code", "recipient", "recipient_code", "year", "tiv"],
    ).astype({"year": "Int64", "tiv": "Float64"})
    years = [1992, 2011, 2015, 2018]
    rows = []
    for year in years:
        for dyad in ("RUS-IRN", "IRN-RUS"):
            row = {"year": year, "dyad": dyad, **{c: False for c in CATEGORIES}}
            row.update(atop_neutrality=year >= 2011, atop_nonaggression=year >= 2011,
                       atop_consultation=year >= 2011, atop_defense=year == defence_year)
            rows.append(row)
    al = pd.DataFrame(rows)
    al[list(CATEGORIES)] = al[list(CATEGORIES)].astype("boolean")
    cl = pd.DataFrame({"claim_id": DATA_CLAIMS + ["C02"],
                       "basis": ["data"] * len(DATA_CLAIMS) + ["sources"]})
    return {"events": ev, "arms_deals": dl, "arms_transfers": tr, "alliances": al,
            "claims": cl}


def edit_event(events: list[tuple], event_id: str, **changes: str) -> list[tuple]:
    names = ["event_id", "date", "category", "direction", "verification", "title",
             "description"]
    out = []
    for row in events:
        record = dict(zip(names, row, strict=True))
        if record["event_id"] == event_id:
            record.update(changes)
        out.append(tuple(record[n] for n in names))
    return out


def drop_events(*ids: str) -> list[tuple]:
    return [row for row in EVENTS if row[0] not in ids]


def verdict(claim_id: str, **kwargs) -> str:
    return VERDICT_FUNCTIONS[claim_id](build_package(**kwargs)).verdict


BASELINE = {
    "C01": "supported", "C03": "contradicted", "C04": "supported", "C05": "contradicted",
    "C06": "contradicted", "C09": "supported", "C10": "partly supported",
    "C11": "partly supported", "C13": "partly supported", "C14": "supported",
    "C15": "supported", "C16": "supported", "C17": "supported", "C18": "partly supported",
    "C24": "partly supported", "C25": "supported", "C26": "supported",
    "C27": "partly supported", "C29": "partly supported", "C30": "unverifiable",
}


@pytest.mark.parametrize("claim_id", sorted(BASELINE))
def test_baseline_verdicts_on_small_package(claim_id: str) -> None:
    assert verdict(claim_id) == BASELINE[claim_id]


def test_small_package_registry() -> None:
    result = data_verdicts(build_package())
    assert set(result) == set(DATA_CLAIMS)
    assert all(isinstance(v, Verdict) and v.explanation for v in result.values())


def test_missing_function_is_reported() -> None:
    package = build_package()
    package["claims"] = pd.DataFrame({"claim_id": ["C01", "C77"], "basis": ["data", "data"]})
    with pytest.raises(ValueError, match="C77"):
        data_verdicts(package)


def more_cooperation() -> list[tuple]:
    extra = [(f"E9{i}", f"198{i}-05-01", "economic", "cooperation", "verified", "Deal", "")
             for i in range(1, 8)]
    return EVENTS + extra


def test_c01_c06_flip_with_the_balance() -> None:
    assert verdict("C01", events=more_cooperation()) == "contradicted"
    assert verdict("C06", events=more_cooperation()) == "supported"


def test_c01_counts_are_hand_computed() -> None:
    evidence = VERDICT_FUNCTIONS["C01"](build_package()).evidence
    assert (evidence["events"], evidence["hostile"], evidence["cooperative"]) == (6, 4, 1)


def test_c03_flips_with_a_pledge_or_help() -> None:
    assert verdict("C03", defence_year=2018) == "partly supported"
    helped = edit_event(EVENTS, "E088", verification="verified")
    assert verdict("C03", events=helped) == "partly supported"
    assert verdict("C03", events=helped, defence_year=2018) == "supported"


def test_c04_c05_flip_with_dates() -> None:
    assert verdict("C04", events=edit_event(EVENTS, "E001", date="1978-11-01")) == "contradicted"
    assert verdict("C05", events=edit_event(EVENTS, "E002", date="1980-01-05")) == "supported"


def test_c09_depends_on_the_record() -> None:
    partly = edit_event(EVENTS, "E008", verification="partly verified")
    assert verdict("C09", events=partly) == "partly supported"
    assert verdict("C09", events=drop_events("E008")) == "unverifiable"


def test_c10_counts_clashes() -> None:
    assert verdict("C10", events=drop_events("E004", "E007")) == "unverifiable"
    third = EVENTS + [("E999", "1984-01-01", "armed_clash", "conflict", "verified", "Clash", "")]
    assert verdict("C10", events=third) == "supported"


def test_c11_needs_a_deliberate_landing() -> None:
    deliberate = edit_event(EVENTS, "E007", title="Helicopter assault lands in Iran",
                            description="A heliborne raid sets down inside Iran.")
    assert verdict("C11", events=deliberate) == "supported"
    assert verdict("C11", events=drop_events("E007")) == "unverifiable"


def test_c13_turn_before_or_after_collapse() -> None:
    late = edit_event(EVENTS, "E011", date="1992-03-01")
    assert verdict("C13", events=late) == "supported"
    no_russia = [d for d in DEALS if not (d[0] == "RUS" and d[1] == "IRN")]
    assert verdict("C13", deals=no_russia) == "contradicted"


def test_c14_needs_deliveries_and_cooperation() -> None:
    hostile = edit_event(EVENTS, "E095", direction="conflict")
    hostile = edit_event(hostile, "E018", direction="conflict")
    assert verdict("C14", events=hostile) == "partly supported"
    no_1990s = [t for t in TRANSFERS if not (t[2] == "IRN" and t[3] < 2000)]
    assert verdict("C14", transfers=no_1990s) == "partly supported"
    assert verdict("C14", transfers=no_1990s, events=hostile) == "contradicted"


def test_c15_rank_in_2000_and_windows() -> None:
    result = VERDICT_FUNCTIONS["C15"](build_package())
    assert result.evidence["rank_2000"] == 3
    assert result.evidence["tiv_2000"] == 30.0
    assert result.evidence["share_2000"] == pytest.approx(30 / 185)
    second = [t if not (t[2] == "IRN" and t[3] == 2000) else ("RUS", "Iran", "IRN", 2000, 60.0)
              for t in TRANSFERS]
    # second in 2000, but still third over 1998-2002 (Iran 80, China 140, India 90)
    assert verdict("C15", transfers=second) == "partly supported"
    first = [t if not (t[2] == "IRN" and t[3] in (1998, 2000))
             else ("RUS", "Iran", "IRN", t[3], 500.0) for t in TRANSFERS]
    assert verdict("C15", transfers=first) == "contradicted"


def test_c16_order_year() -> None:
    later = [d if d[3] != "S-300PMU2" else d[:8] + ("replacing 2009 order cancelled 2010",)
             for d in DEALS]
    assert verdict("C16", deals=later) == "partly supported"
    none = [d for d in DEALS if d[3] != "S-300PMU2"]
    assert verdict("C16", deals=none) == "unverifiable"


def test_c17_c24_dates() -> None:
    assert verdict("C17", events=edit_event(EVENTS, "E027", date="2012-03-15")) == (
        "partly supported"
    )
    assert verdict("C24", events=drop_events("E066")) == "supported"


def test_c18_pledge_or_no_cooperation() -> None:
    assert verdict("C18", defence_year=2015) == "supported"
    assert verdict("C18", events=drop_events("E034", "E039")) == "contradicted"
    assert VERDICT_FUNCTIONS["C18"](build_package()).evidence["hamedan_days"] == 6


def test_c25_needs_more_cooperation_than_before() -> None:
    assert verdict("C25", events=drop_events("E046")) == "partly supported"
    no_reversal = [t for t in TRANSFERS if t[0] != "IRN"]
    assert verdict("C25", events=drop_events("E046"), transfers=no_reversal) == "contradicted"


def test_c26_c27_judged_against_the_essay_date() -> None:
    late = [d if d[3] != "Shahed-136" else d[:7] + (2024, None) for d in DEALS]
    late_events = edit_event(EVENTS, "E052", date="2023-11-05")
    assert verdict("C26", deals=late, events=late_events) == "partly supported"
    early = [d if d[3] != "Fath-360" else d[:7] + (2022, None) for d in DEALS]
    assert verdict("C27", deals=early) == "supported"
    none = [d for d in DEALS if d[3] != "Fath-360"]
    assert verdict("C27", deals=none, events=drop_events("E065")) == "unverifiable"


def test_c29_c30_orders_and_deliveries() -> None:
    delivered = [d if d[3] != "Su-35S" else d[:6] + (12, 2024, None) for d in DEALS]
    assert verdict("C29", deals=delivered) == "supported"
    assert verdict("C29", deals=[d for d in DEALS if d[3] != "Su-35S"]) == "unverifiable"
    s400 = DEALS + [("RUS", "IRN", 2024, "S-400", "SAM system", 4, 0, None, None)]
    assert verdict("C30", deals=s400) == "supported"


def test_unknown_event_is_named() -> None:
    with pytest.raises(ValueError, match="E002"):
        relations.verdict_c05(build_package(events=drop_events("E002")))


@settings(max_examples=40, deadline=None)
@given(hostile=st.integers(0, 8), cooperative=st.integers(0, 8))
def test_c01_and_c06_never_agree_unless_tied(hostile: int, cooperative: int) -> None:
    """C01 says the years were hostile, C06 that they brought cooperation: opposite readings."""
    rows = [(f"H{i}", "1983-01-01", "diplomacy", "conflict", "verified", "x", "")
            for i in range(hostile)]
    rows += [(f"C{i}", "1984-01-01", "economic", "cooperation", "verified", "x", "")
             for i in range(cooperative)]
    rows += [("E011", "1989-06-21", "treaty", "cooperation", "verified", "Accords", "")]
    package = build_package(events=rows)
    c01 = relations.verdict_c01(package).verdict
    c06 = relations.verdict_c06(package).verdict
    assert (c01 == "supported") == (hostile > cooperative)
    assert (c06 == "supported") == (cooperative >= hostile)
    assert c01 != c06 or hostile == cooperative
