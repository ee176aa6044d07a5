"""The pieces of the rule table: combinators (property tests), domain checks, the grade cap, cards.

The combinators are tested on every mix of outcomes hypothesis draws: each
verdict is explained by checks that agree with it. The domain checks are
tested at their edges (an event not on record, a grade filter, a window the
alliance data do not cover). The claim cards are read as a reader would: each
links its events to rows of the timeline, its section anchor is the one
Sphinx writes, and the built scorecard page holds those anchors.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from docutils.nodes import make_id
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import alliances, deals, event_checks
from analysis.checks import Check
from analysis.claims import scorecard, scorecard_html
from analysis.claims.cards import claim_evidence, section_anchor
from analysis.claims.evidence import event_sources, grade_check, graded_events
from analysis.claims.rules import RULES, Record, Rule, decide, explain
from analysis.claims.verdicts import (
    VERDICTS,
    agrees,
    all_some_none,
    first_decisive,
    gated,
    possibility,
)

# ---------------------------------------------------------------------------
# Combinators: any mix of outcomes
# ---------------------------------------------------------------------------

outcomes = st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=6)


def checks_of(values: list[bool | None]) -> list[Check]:
    return [Check(f"c{i}", v, {}, f"Check {i}.") for i, v in enumerate(values)]


@settings(max_examples=200, deadline=None)
@given(values=outcomes)
def test_all_some_none_follows_its_rule_and_agrees(values: list[bool | None]) -> None:
    verdict, deciding = all_some_none(checks_of(values))
    assert verdict in VERDICTS and agrees(verdict, deciding)
    held = sum(v is True for v in values)
    if all(v is None for v in values):
        assert verdict == "unverifiable"
    elif held == len(values):
        assert verdict == "supported"
    elif held == 0:
        assert verdict == "contradicted"
    else:
        assert verdict == "partly supported"


@settings(max_examples=200, deadline=None)
@given(values=outcomes)
def test_first_decisive_takes_the_first_check_that_holds(values: list[bool | None]) -> None:
    steps = ["supported", *["partly supported"] * (len(values) - 1)]
    verdict, deciding = first_decisive(*steps)(checks_of(values))
    assert agrees(verdict, deciding)
    if True in values:
        first = values.index(True)
        assert verdict == steps[first] and deciding[-1].function == f"c{first}"
        assert len(deciding) == first + 1
    else:
        assert verdict == ("unverifiable" if all(v is None for v in values) else "contradicted")


@settings(max_examples=100, deadline=None)
@given(values=outcomes)
def test_a_gate_with_nothing_on_record_gives_unverifiable(values: list[bool | None]) -> None:
    verdict, deciding = gated(all_some_none)(checks_of(values))
    assert agrees(verdict, deciding)
    if values[0] is None:
        assert verdict == "unverifiable" and len(deciding) == 1


@settings(max_examples=100, deadline=None)
@given(values=outcomes)
def test_a_possibility_is_never_contradicted(values: list[bool | None]) -> None:
    verdict, deciding = possibility(checks_of(values))
    assert verdict != "contradicted" and agrees(verdict, deciding)


def test_a_ladder_needs_one_check_per_step() -> None:
    with pytest.raises(ValueError, match="2 ladder steps for 3 checks"):
        first_decisive("supported", "partly supported")(checks_of([True, True, True]))
    for wrong in (("contradicted",), ("partly supported", "supported"), ()):
        with pytest.raises(ValueError, match="first step gives supported"):
            first_decisive(*wrong)


def test_explanations_leave_out_a_sentence_already_said() -> None:
    repeated = [Check("a", True, {}, "Two clashes, at least 2."), Check("b", True, {}, "Two clashes.")]
    assert explain(repeated) == "Two clashes, at least 2."


# ---------------------------------------------------------------------------
# The grade cap, on a one-event rule
# ---------------------------------------------------------------------------

def one_event_record(grade: str) -> Record:
    events = pd.DataFrame({"event_id": ["E1"], "title": ["Coalition formed"], "grade": [grade],
                           "date_precision": ["month"], "start_date": pd.to_datetime(["1987-12-01"])})
    empty = pd.DataFrame()
    return Record(events, empty, empty, empty)


@pytest.mark.parametrize("grade", ["confirmed", "reported", "claimed", "disputed"])
def test_a_claim_resting_only_on_claimed_events_is_not_supported(grade: str) -> None:
    rule = Rule(lambda r: [event_checks.event_on_record(r.events, "E1", "formed")], all_some_none)
    verdict = decide("C99", rule, one_event_record(grade))
    strong = grade in ("confirmed", "reported")
    assert verdict.verdict == ("supported" if strong else "partly supported")
    assert agrees(verdict.verdict, verdict.decided_by)
    assert (grade in verdict.explanation) != strong


def test_the_grade_check_names_each_grade() -> None:
    events = pd.DataFrame({"event_id": ["A", "B"], "grade": ["claimed", "disputed"]})
    check = grade_check(events, ["A", "B", "A"])
    assert check.holds is False and check.figures == {"grades": {"A": "claimed", "B": "disputed"}}


def test_old_verification_levels_read_as_grades() -> None:
    old = pd.DataFrame({"event_id": ["E1"], "verification": ["checked somehow"]})
    with pytest.raises(ValueError, match="checked somehow"):
        graded_events(old)


# ---------------------------------------------------------------------------
# Domain checks at their edges
# ---------------------------------------------------------------------------

EVENTS = pd.DataFrame({
    "event_id": ["W", "H", "C"], "title": ["War", "Help", "Truce"], "phase_id": ["p"] * 3,
    "category": ["war_context", "military_cooperation", "diplomacy"],
    "direction": ["neutral", "cooperation", "neutral"], "date_precision": ["day"] * 3,
    "grade": ["confirmed", "claimed", "confirmed"],
    "start_date": pd.to_datetime(["2025-06-13", "2025-06-20", "2025-06-24"]),
})


def test_events_not_on_record_leave_nothing_on_record() -> None:
    for check in (event_checks.event_in_year(EVENTS, "X", 2025, "k"),
                  event_checks.event_before(EVENTS, "W", "X", "k"),
                  event_checks.days_apart(EVENTS, "X", "W", 3, "k"),
                  event_checks.events_during(EVENTS, [("X", "C")], "event", "k")):
        assert check.holds is None and "X is not on record" in check.sentence


def test_a_grade_filter_keeps_only_those_grades() -> None:
    spans = [("W", "C")]
    assert event_checks.events_during(EVENTS, spans, "help", "k", category="military_cooperation").holds
    filtered = event_checks.events_during(EVENTS, spans, "help", "k", category="military_cooperation",
                                          grades=("confirmed", "reported"))
    assert filtered.holds is False and "graded confirmed or reported" in filtered.sentence


def test_a_window_the_alliance_data_miss_is_not_a_failed_pledge() -> None:
    table = pd.DataFrame({"year": [2018], "dyad": ["RUS-IRN"], "atop_defense": [False],
                          "cow_defense": pd.array([None], dtype="boolean")})
    assert alliances.defence_pledge_in_force(table, "RUS", "IRN", 2019, 2025).holds is None
    assert alliances.defence_pledge_in_force(table, "RUS", "IRN", 2010, 2025).holds is False


def test_a_gated_order_check_says_nothing_is_on_record() -> None:
    table = pd.DataFrame({"supplier_code": ["RUS"], "recipient_code": ["IRN"], "order_year": [2015],
                          "designation": ["S-300PMU2"], "description": ["SAM system"],
                          "number_ordered": [4], "number_delivered": [4],
                          "first_delivery_year": [2016], "comments": [None]})
    assert deals.order_on_record(table, "RUS", "IRN", "S-400", "k", pattern="S-400", gate=True).holds is None
    assert deals.deliveries_of(table, "RUS", "IRN", "S-300", "k", pattern="S-300", by=2015).holds is False


# ---------------------------------------------------------------------------
# Cards, on the real package
# ---------------------------------------------------------------------------


def card_items(html_text: str) -> dict[str, str]:
    """Each claim card's HTML by claim id."""
    parts = html_text.split('<li class="rir-claim" id="claim-')[1:]
    return {part[:3]: part for part in parts}


def test_every_card_links_an_event_row_of_the_timeline(package) -> None:
    cards = card_items(scorecard_html(scorecard(package)))
    assert set(cards) == set(package["claims"]["claim_id"])
    known = set(package["events"]["event_id"])
    for claim_id, text in cards.items():
        linked = re.findall(r'href="timeline\.html#event-([^"]+)"', text)
        assert linked, f"{claim_id} shows no evidence link"
        assert set(linked) <= known
        assert re.search(r"graded (confirmed|reported|claimed|disputed)", text), claim_id


def test_data_cards_name_the_function_behind_each_figure(package) -> None:
    card = scorecard(package)
    cards = card_items(scorecard_html(card))
    for row in card[card["basis"] == "data"].itertuples():
        for check in row.checks:
            assert f"computed by <code>{check.function}</code>" in cards[row.claim_id]


def test_event_sources_name_publisher_and_date(package) -> None:
    sources = event_sources(package)
    assert sources["publisher"].str.len().min() > 1
    assert not sources["publisher"].str.contains(r"\bnan\b|<NA>").any()
    evidence = claim_evidence(package)
    assert set(evidence["grade"]) <= {"confirmed", "reported", "claimed", "disputed"}


def test_section_anchors_are_the_ones_docutils_writes(package) -> None:
    for heading in set(package["claims"]["section"]):
        assert section_anchor(heading) == make_id(heading), heading


def test_each_section_is_a_heading_of_its_phase_chapter(package) -> None:
    """The linked section exists in the chapter's source (the built page is checked below)."""
    from analysis.paths import BOOK_DIR

    card = scorecard(package)
    for row in card.itertuples():
        text = (BOOK_DIR / f"{row.chapter}.md").read_text(encoding="utf-8")
        headings = {h.strip() for h in re.findall(r"^#{2,4} (.+)$", text, flags=re.MULTILINE)}
        assert row.section in headings, (row.claim_id, row.chapter, row.section)


@pytest.mark.browser
@pytest.mark.book
def test_built_scorecard_links_resolve(built_book, package) -> None:
    """Every section and timeline anchor a card links to exists in the built pages."""
    pages = built_book / "book"
    html_text = (pages / "scorecard.html").read_text(encoding="utf-8")
    links = set(re.findall(r'<a href="([a-z_]+\.html)#([^"]+)"', html_text))
    assert {page for page, _ in links} >= {"timeline.html"}
    for page, anchor in links:
        target = (pages / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target, (page, anchor)
    for row in scorecard(package).itertuples():
        assert (f"{row.chapter}.html", row.anchor) in links, row.claim_id
