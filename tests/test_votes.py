"""UN voting agreement: hand-built frames, properties, and the book's figures."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import votes
from analysis.names import pair_name


def _votes() -> pd.DataFrame:
    rows = []
    for year, values in {1980: (0.8, 0.2, 0.1, 0.9), 1981: (0.6, 0.1, 0.3, 0.7), 1990: (0.4, 0.3, 0.5, 1.0)}.items():
        for pair, value in zip(["RUS-IRN", "IRN-USA", "RUS-USA", "IRN-CHN"], values, strict=True):
            rows.append({"year": year, "session": year - 1945, "pair": pair, "agreement": value, "n_votes": 100})
    return pd.DataFrame(rows)


def _partners() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [1980, 1981], "session": [35, 36], "n_partners": [150, 151],
        "median_agreement": [0.9, 0.5], "agreement_rus": [0.75, 0.6], "rank_rus": [110, 40],
        "agreement_chn": [0.95, 0.7], "rank_chn": [30, 20], "agreement_usa": [0.2, 0.1],
        "rank_usa": [150, 151],
    })


def test_agreement_series_window_and_errors() -> None:
    series = votes.agreement_series(_votes(), "RUS-IRN", 1980, 1981)
    assert series["agreement"].tolist() == [0.8, 0.6]
    with pytest.raises(ValueError, match="unknown pair 'IRN-RUS'"):
        votes.agreement_series(_votes(), "IRN-RUS")
    with pytest.raises(ValueError, match="outside the UN voting data's 1980–1990"):
        votes.agreement_series(_votes(), "RUS-IRN", 1970, 1980)
    with pytest.raises(ValueError, match="empty year window"):
        votes.agreement_series(_votes(), "RUS-IRN", 1985, 1981)


def test_agreement_by_phase_hand_computed() -> None:
    phases = pd.DataFrame({"phase_id": ["a", "b"], "order": [1, 2], "title": ["A", "B"],
                           "start_year": [1979, 1989], "end_year": [1988, 2030]})
    table = votes.agreement_by_phase(_votes(), phases).set_index(["phase_id", "pair"])
    assert table.loc[("a", "RUS-IRN"), "agreement"] == pytest.approx(0.7)
    assert table.loc[("a", "IRN-USA"), "n_years"] == 2
    assert table.loc[("b", "IRN-CHN"), "last_year"] == 1990


def test_partner_standing_and_distance() -> None:
    standing = votes.partner_standing(_partners(), 1980, 1981)
    assert standing["rus_above_median"].tolist() == [False, True]
    assert standing["rus_minus_median"].tolist() == pytest.approx([-0.15, 0.1])
    figures = votes.distance_is_not_closeness(_votes(), _partners(), 1980, 1981)
    assert figures["mean_rus_irn"] == pytest.approx(0.7)
    assert figures["mean_irn_usa"] == pytest.approx(0.15)
    assert figures["mean_median_partner"] == pytest.approx(0.7)
    assert figures["sessions_rus_above_median"] == 1 and figures["share_rus_above_median"] == 0.5
    with pytest.raises(ValueError, match="outside the partner data"):
        votes.distance_is_not_closeness(_votes(), _partners(), 1980, 1990)


def test_agreement_lines_labels() -> None:
    lines = votes.agreement_lines(_votes(), _partners(), 1980, 1981)
    assert set(lines["series"]) == {"Russia–Iran", "Iran–China", "Russia–United States",
                                    "Iran–United States", votes.MEDIAN_PARTNER}
    assert len(lines) == 4 * 2 + 2


shares = st.floats(0, 1, allow_nan=False)


@settings(max_examples=50, deadline=None)
@given(values=st.lists(st.tuples(shares, shares, shares, shares), min_size=1, max_size=15))
def test_means_stay_in_unit_interval(values: list) -> None:
    rows = []
    for i, four in enumerate(values):
        for pair, value in zip(["RUS-IRN", "IRN-USA", "RUS-USA", "IRN-CHN"], four, strict=True):
            rows.append({"year": 1980 + i, "pair": pair, "agreement": value})
    table = pd.DataFrame(rows)
    phases = pd.DataFrame({"phase_id": ["p"], "order": [1], "title": ["P"],
                           "start_year": [1979], "end_year": [2026]})
    means = votes.agreement_by_phase(table, phases)["agreement"]
    assert ((means >= 0) & (means <= 1)).all()
    lines = votes.agreement_lines(table, pd.DataFrame({"year": [], "median_agreement": []}),
                                  1980, 1980 + len(values) - 1)
    assert lines["agreement"].between(0, 1).all()


# --- real package, recomputed with plain pandas ---------------------------------


def test_real_distance_is_not_closeness(package) -> None:
    un_votes, partners = package["un_votes"], package["un_vote_partners"]
    start, end = 1979, 2019
    figures = votes.distance_is_not_closeness(un_votes, partners, start, end)
    inside = partners[partners["year"].between(start, end)]
    assert figures["sessions"] == len(inside)
    above = inside["agreement_rus"] > inside["median_agreement"]
    assert figures["sessions_rus_above_median"] == int(above.sum())
    pairs = un_votes[un_votes["year"].between(start, end)].groupby("pair")["agreement"].mean()
    assert figures["mean_irn_usa"] == pytest.approx(float(pairs["IRN-USA"]))
    assert figures["mean_rus_usa"] == pytest.approx(float(pairs["RUS-USA"]))
    assert figures["mean_median_partner"] == pytest.approx(float(inside["median_agreement"].mean()))
    assert figures["mean_partner_rus"] == pytest.approx(float(inside["agreement_rus"].mean()))
    assert figures["median_rank_rus"] == pytest.approx(float(inside["rank_rus"].median()))
    assert figures["median_n_partners"] == pytest.approx(float(inside["n_partners"].median()))


def test_real_agreement_headlines(package) -> None:
    un_votes = package["un_votes"]
    series = votes.agreement_series(un_votes, "RUS-IRN", 1979, 2023).set_index("year")["agreement"]
    raw = un_votes[(un_votes["pair"] == "RUS-IRN") & un_votes["year"].between(1979, 2023)]
    assert float(series.max()) == pytest.approx(float(raw["agreement"].max()))
    assert int(series.idxmin()) == int(raw.loc[raw["agreement"].astype("float64").idxmin(), "year"])
    phases = package["phases"]
    by_phase = votes.agreement_by_phase(un_votes, phases).set_index(["phase_id", "pair"])
    for phase in phases.itertuples():
        rows = un_votes[un_votes["year"].between(phase.start_year, phase.end_year)
                        & (un_votes["pair"] == "RUS-IRN") & un_votes["agreement"].notna()]
        if len(rows):
            assert by_phase.loc[(phase.phase_id, "RUS-IRN"), "agreement"] == pytest.approx(
                float(rows["agreement"].mean()), abs=1e-6)
    standing = votes.partner_standing(package["un_vote_partners"], 1979, 2019)
    assert int(standing["rank_rus"].min()) == int(
        package["un_vote_partners"].query("1979 <= year <= 2019")["rank_rus"].min())


def test_real_agreement_lines_use_the_shared_names(package) -> None:
    lines = votes.agreement_lines(package["un_votes"], package["un_vote_partners"], 1979, 2019)
    assert set(lines["series"]) == {*map(pair_name, votes.LINE_PAIRS), votes.MEDIAN_PARTNER}
    assert "Russia–Iran" in set(lines["series"])


def test_iran_voted_closer_to_china_than_to_russia_in_most_years(package) -> None:
    from analysis.votes import years_closer

    closer, compared = years_closer(package["un_votes"], "IRN-CHN", "RUS-IRN", 1979, 2023)
    assert compared >= 40
    assert closer > compared / 2


# --------------------------------------------------------------------------- #
# Issue 17: votes about Iran, the Security Council, agreement beyond chance
# --------------------------------------------------------------------------- #


def test_russia_turn_follows_its_rule_on_the_package(package) -> None:
    """From the turn year on every Russian vote on the resolutions is a no; the vote before is not."""
    from analysis import iran_votes

    table = iran_votes.resolution_votes(package["un_iran_votes"])
    turn = iran_votes.russia_turn(package["un_iran_votes"])
    voted = table.dropna(subset=["vote_rus"])
    after = voted[voted["year"] >= turn["turn_year"]]
    before = voted[voted["year"] < turn["turn_year"]]
    assert (after["vote_rus"] == "no").all() and len(after) == turn["no_votes"]
    assert before.iloc[-1]["vote_rus"] != "no"
    assert turn["last_yes_year"] == int(voted.loc[voted["vote_rus"] == "yes", "year"].max())


def test_russia_turn_refuses_a_record_ending_in_yes() -> None:
    from analysis import iran_votes

    votes = pd.DataFrame({"rcid": [1, 2], "year": [2000, 2001], "kind": ["resolution"] * 2,
                          "repeat_of": [None, None], "vote_rus": ["no", "yes"]})
    with pytest.raises(ValueError, match="not a no"):
        iran_votes.russia_turn(votes)


def test_council_split_follows_its_rule_on_the_package(package) -> None:
    from analysis import iran_votes

    table = package["security_council_votes"].sort_values(["date", "vote_id"])
    split = iran_votes.council_split(table)
    compared = table[table["us_vote"].notna()]
    later = compared[compared["year"] >= split["split_from"]]
    assert (later["russia_vote"] != later["us_vote"]).all() and len(later) == split["split_votes"]
    run = compared[compared["year"].between(split["with_first"], split["with_last"])]
    assert (run["russia_vote"] == run["us_vote"]).all() and len(run) == split["with_votes"]


def test_kappa_facts_match_the_tables(package) -> None:
    facts = votes.kappa_facts(package["un_agreement"], package["un_vote_partners"], 1979, 2019, 2000)
    agreement = package["un_agreement"]
    rows = agreement[(agreement["pair"] == "RUS-IRN") & agreement["year"].between(1979, 2019)]
    assert facts["kappa_rus"] == pytest.approx(rows["kappa"].astype("float64").mean())
    partners = package["un_vote_partners"]
    inside = partners[partners["year"].between(1979, 2019)]
    assert facts["kappa_median"] == pytest.approx(inside["median_kappa"].astype("float64").mean())
    lead = votes.first_lasting_lead(package["un_agreement"], partners, 1979, 2019)
    since = rows[rows["year"] >= lead].set_index("year")["kappa"].astype("float64")
    assert (since > inside.set_index("year")["median_kappa"].astype("float64").reindex(since.index)).all()


def test_telling_votes_are_the_latest_of_their_issue(package) -> None:
    from analysis import iran_votes

    table = package["un_dividing_votes"]
    facts = iran_votes.telling_votes(table)
    assert facts["yes_count"] + facts["no_count"] == facts["total"] == len(table)
    for side in ("yes", "no"):
        row = table[table["resolution"] == facts[f"{side}_resolution"]].iloc[0]
        assert row["vote_rus"] == side and facts[f"{side}_title"] == row["title"]
