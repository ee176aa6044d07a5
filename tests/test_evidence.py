"""Evidence grades: the rule's properties on generated sources, its cases, and the real package.

The property tests generate any list of sources (kind, stance, origin) and
check that :func:`analysis.evidence.grade` follows the written rule: each
grade's condition, the order in which they are tried, and that adding
evidence can only move a grade the way the rule says. The last tests check
that every grade the package publishes is the rule applied to that event's
rows of ``event_sources`` and ``publishers``, and that the rule written into
the package and its README is the one the code applies.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import evidence
from analysis.evidence import GRADES, REPUTABLE_KINDS, STANCES, Source, grade
from analysis.paths import DATAPACKAGE_DIR
from analysis.publishers import KINDS, cited_sources

WIRE = "wire service or newspaper of record"
STATE = "state media of a party"
BLOG = "aggregator or blog"

sources_st = st.builds(
    Source,
    kind=st.sampled_from(KINDS),
    stance=st.sampled_from(STANCES),
    origin=st.sampled_from(["Reuters", "Associated Press", "TASS", "United Nations", "IRNA"]),
)
source_lists = st.lists(sources_st, min_size=1, max_size=6)


def confirming_reputable(sources: list[Source]) -> list[Source]:
    return [s for s in sources if s.stance == "confirms" and s.kind in REPUTABLE_KINDS]


# --------------------------------------------------------------------------
# Properties of the rule
# --------------------------------------------------------------------------


@given(source_lists)
def test_disputed_exactly_when_a_source_disputes_or_denies(sources: list[Source]) -> None:
    contrary = any(s.stance in ("disputes", "denies") for s in sources)
    assert (grade(sources) == "disputed") == contrary


@given(source_lists)
def test_confirmed_exactly_when_official_or_two_independent_reputable(sources: list[Source]) -> None:
    good = confirming_reputable(sources)
    expected = (any(s.kind == "official record" for s in good) or len({s.origin for s in good}) >= 2)
    contrary = any(s.stance in ("disputes", "denies") for s in sources)
    assert (grade(sources) == "confirmed") == (expected and not contrary)


@given(source_lists)
def test_claimed_exactly_when_no_reputable_source(sources: list[Source]) -> None:
    contrary = any(s.stance in ("disputes", "denies") for s in sources)
    reputable = any(s.kind in REPUTABLE_KINDS for s in sources)
    assert (grade(sources) == "claimed") == (not contrary and not reputable)


@given(source_lists)
def test_every_list_gets_exactly_one_known_grade(sources: list[Source]) -> None:
    assert grade(sources) in GRADES


@given(source_lists, st.permutations(range(6)))
def test_order_of_sources_does_not_matter(sources: list[Source], order: list[int]) -> None:
    shuffled = [sources[i] for i in order if i < len(sources)]
    assert grade(shuffled) == grade(sources)


@given(source_lists)
def test_copies_of_one_report_count_once(sources: list[Source]) -> None:
    """A second copy of a source already listed never changes the grade."""
    assert grade([*sources, sources[0]]) == grade(sources)


@given(source_lists, st.sampled_from(KINDS))
def test_a_confirming_source_never_weakens_an_undisputed_grade(sources: list[Source], kind: str) -> None:
    before = grade(sources)
    after = grade([*sources, Source(kind, "confirms", "A new publisher")])
    if before != "disputed":
        assert evidence.grade_order(after) <= evidence.grade_order(before)


@given(source_lists, st.sampled_from(KINDS), st.sampled_from(["disputes", "denies"]))
def test_one_contrary_source_disputes_any_event(sources: list[Source], kind: str, stance: str) -> None:
    assert grade([*sources, Source(kind, stance, "Anyone")]) == "disputed"


# --------------------------------------------------------------------------
# Cases a reader can check by hand
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("sources", "expected"), [
    pytest.param([Source("official record", "confirms", "United Nations")], "confirmed", id="one_official_record"),
    pytest.param([Source("official record", "partly", "United Nations")], "reported", id="official_only_in_part"),
    pytest.param([Source(WIRE, "confirms", "Reuters"), Source(WIRE, "confirms", "AFP")], "confirmed",
                 id="two_independent_wires"),
    pytest.param([Source(WIRE, "confirms", "Associated Press"), Source(WIRE, "confirms", "Associated Press")],
                 "reported", id="one_wire_story_in_two_papers"),
    pytest.param([Source(WIRE, "confirms", "Reuters"), Source(STATE, "confirms", "TASS")], "reported",
                 id="wire_and_party_media"),
    pytest.param([Source(WIRE, "partly", "Reuters"), Source(WIRE, "partly", "AFP")], "reported",
                 id="two_reports_in_part"),
    pytest.param([Source(STATE, "confirms", "TASS"), Source(BLOG, "confirms", "Mirror")], "claimed",
                 id="party_media_and_a_blog"),
    pytest.param([Source("official record", "confirms", "UN"), Source(BLOG, "disputes", "Mirror")], "disputed",
                 id="any_dispute_wins"),
    pytest.param([Source(STATE, "denies", "Kremlin"), Source(WIRE, "confirms", "Reuters")], "disputed",
                 id="a_party_denies"),
])
def test_grade_cases(sources: list[Source], expected: str) -> None:
    assert grade(sources) == expected


@pytest.mark.parametrize(("sources", "message"), [
    ([], "at least one source"),
    ([Source("newspaper", "confirms", "X")], "unknown kind"),
    ([Source(WIRE, "agrees", "X")], "unknown stance"),
])
def test_grade_refuses_what_it_cannot_grade(sources: list[Source], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        grade(sources)


def test_grade_counts_name_every_grade() -> None:
    assert evidence.grade_counts(["claimed"]) == {"confirmed": 0, "reported": 0, "claimed": 1,
                                                 "disputed": 0, "total": 1}
    with pytest.raises(ValueError, match="unknown grades"):
        evidence.grade_counts(["verified"])


# --------------------------------------------------------------------------
# The real package
# --------------------------------------------------------------------------


def test_each_published_grade_is_the_rule_applied_to_its_sources(package) -> None:
    rows = cited_sources(package["event_sources"], package["publishers"])
    published = dict(zip(package["events"]["event_id"], package["events"]["grade"], strict=True))
    assert set(rows["event_id"]) == set(published)
    for event_id, group in rows.groupby("event_id"):
        cited = [Source(k, s, o) for k, s, o in zip(group["kind"], group["stance"], group["origin"], strict=True)]
        assert published[event_id] == grade(cited), event_id


def test_independence_counts_the_original_publisher(package) -> None:
    """Where two sources of a confirmed event carry one original, a third source or an official record decides."""
    rows = cited_sources(package["event_sources"], package["publishers"])
    confirmed = set(package["events"].loc[package["events"]["grade"] == "confirmed", "event_id"])
    for event_id in confirmed:
        good = rows[(rows["event_id"] == event_id) & (rows["stance"] == "confirms")
                    & rows["kind"].isin(REPUTABLE_KINDS)]
        assert good["origin"].nunique() >= 2 or (good["kind"] == "official record").any(), event_id


def test_package_states_the_rule_the_code_applies(package) -> None:
    grade_field = package.field("events", "grade")
    assert evidence.GRADE_RULE in grade_field["description"]
    assert grade_field["constraints"]["enum"] == list(GRADES)
    stance = package.field("event_sources", "stance")
    assert stance["constraints"]["enum"] == list(STANCES)
    assert stance["description"] == evidence.STANCE_RULE


def test_readme_gives_each_grade_its_meaning() -> None:
    text = " ".join((DATAPACKAGE_DIR / "README.md").read_text(encoding="utf-8").split())
    for name, meaning in evidence.GRADE_MEANINGS.items():
        assert re.search(rf"`{name}`[^.]*{re.escape(meaning)}", text), name


def test_sources_table_links_events_and_publishers(package) -> None:
    keys = {tuple(k["fields"]): k["reference"] for k in package.resource("event_sources")["schema"]["foreignKeys"]}
    assert keys[("event_id",)] == {"resource": "events", "fields": ["event_id"]}
    assert keys[("host",)] == {"resource": "publishers", "fields": ["host"]}
