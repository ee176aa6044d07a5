"""The field's measures of UN voting (issue 17), checked against the raw records and by hand.

* ideal points equal Voeten's file, and the median is the median of every state's point;
* Cohen's kappa is right on a small example worked by hand, and the package's
  per-session values equal a plain recount of the raw votes;
* the issue shares add up, and equal a recount for the issue codes;
* the votes about Iran and the dividing votes are exactly the raw records the rules pick.

Expected values come from the raw files or from hand arithmetic, never from
today's figures, so the tests survive a data update.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.agreement import agreement_counts, cohen_kappa
from analysis.ingest.unvotes import rollcalls

CODES = {"yes": 1, "abstain": 2, "no": 3}
ISO2 = {"RUS": "RU", "IRN": "IR", "CHN": "CN", "USA": "US"}


@pytest.fixture(scope="module")
def raw(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """The raw roll calls, votes (coded 1-3) and issue codes, read with plain pyreadr."""
    import pyreadr

    folder = sources_dir / "unvotes"
    votes = pyreadr.read_r(str(folder / "un_votes.rda"))["un_votes"]
    votes = votes.assign(rcid=votes["rcid"].astype("int64"), code=votes["vote"].astype(str).map(CODES))
    calls = pyreadr.read_r(str(folder / "un_roll_calls.rda"))["un_roll_calls"]
    calls = calls.assign(rcid=calls["rcid"].astype("int64"), session=calls["session"].astype("int64"))
    issues = pyreadr.read_r(str(folder / "un_roll_call_issues.rda"))["un_roll_call_issues"]
    issues = issues.assign(rcid=issues["rcid"].astype("int64")).drop_duplicates(["rcid", "short_name"])
    return {"votes": votes, "calls": calls, "issues": issues}


def _wide(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per roll call, one column of vote codes per state, with the session."""
    mine = raw["votes"][raw["votes"]["country_code"].isin(ISO2.values())]
    wide = mine.pivot(index="rcid", columns="country_code", values="code")
    return wide.join(raw["calls"].set_index("rcid")["session"])


# --------------------------------------------------------------------------- #
# Ideal points
# --------------------------------------------------------------------------- #


def test_ideal_points_equal_the_source(package, sources_dir: Path) -> None:
    source = pd.read_csv(sources_dir / "unvotes" / "IdealpointestimatesAll_Jun2024.csv", na_values=["NA"])
    table = package["un_ideal_points"]
    cow = {"RUS": 365, "IRN": 630, "CHN": 710, "USA": 2}
    for state, code in cow.items():
        mine = table[table["state"] == state].set_index("session")
        theirs = source[source["ccode"] == code].set_index("session")
        assert list(mine.index) == list(theirs.index), state
        pd.testing.assert_series_equal(mine["ideal_point"].astype("float64"), theirs["IdealPointAll"],
                                       check_names=False, check_index_type=False, atol=1e-6, rtol=0)
        for column, field in (("Q5%All", "q05"), ("Q95%All", "q95"), ("QO%All", "q00"), ("Q100%All", "q100")):
            pd.testing.assert_series_equal(mine[field].astype("float64"), theirs[column], check_names=False,
                                           check_index_type=False, atol=1e-6, rtol=0)
        assert mine["n_votes"].astype("int64").tolist() == theirs["NVotesAll"].tolist()
    median = table[table["state"] == "median"].set_index("session")
    expected = source.groupby("session")["IdealPointAll"].median()
    pd.testing.assert_series_equal(median["ideal_point"].astype("float64"), expected, check_names=False,
                                   check_index_type=False, atol=1e-6, rtol=0)
    assert median["n_states"].astype("int64").tolist() == source.groupby("session").size().tolist()


def test_each_estimate_lies_within_its_range(package) -> None:
    states = package["un_ideal_points"].dropna(subset=["q05"])
    assert (states["q05"] <= states["q50"]).all() and (states["q50"] <= states["q95"]).all()
    assert (states["q00"] <= states["q05"]).all() and (states["q95"] <= states["q100"]).all()


# --------------------------------------------------------------------------- #
# Cohen's kappa
# --------------------------------------------------------------------------- #


def test_kappa_on_a_small_example_worked_by_hand() -> None:
    """Ten votes. A: 6 yes, 2 abstain, 2 no; B: 5 yes, 3 abstain, 2 no; 7 alike.

    Observed agreement 7/10 = 0.70. By chance: yes 0.6 x 0.5 = 0.30, abstain
    0.2 x 0.3 = 0.06, no 0.2 x 0.2 = 0.04, together 0.40. Kappa = (0.70 - 0.40)
    / (1 - 0.40) = 0.5.
    """
    a = [1, 1, 1, 1, 1, 1, 2, 2, 3, 3]
    b = [1, 1, 1, 1, 2, 2, 2, 1, 3, 3]
    assert cohen_kappa(a, b) == pytest.approx(0.5)
    counts = agreement_counts(pd.DataFrame({"g": 0, "vote_a": a, "vote_b": b}), ["g"]).iloc[0]
    assert (int(counts["n_joint"]), int(counts["n_identical"]), int(counts["n_opposite"]),
            int(counts["n_split"])) == (10, 7, 0, 3)
    assert counts["agreement"] == pytest.approx(0.7)


def test_kappa_is_zero_for_chance_and_one_for_identical_votes() -> None:
    assert cohen_kappa([1, 1, 3, 3], [1, 3, 1, 3]) == pytest.approx(0.0)
    assert cohen_kappa([1, 2, 3], [1, 2, 3]) == pytest.approx(1.0)
    assert cohen_kappa([1, 3], [3, 1]) == pytest.approx(-1.0)


def test_agreement_equals_a_recount_of_the_raw_votes(package, raw) -> None:
    wide = _wide(raw)
    table = package["un_agreement"]
    for pair, (first, second) in rollcalls.AGREEMENT_PAIRS.items():
        both = wide[["session", ISO2[first], ISO2[second]]].dropna()
        for session, part in both.groupby("session"):
            a, b = part[ISO2[first]].astype(int).tolist(), part[ISO2[second]].astype(int).tolist()
            row = table[(table["pair"] == pair) & (table["session"] == session)].iloc[0]
            assert int(row["n_joint"]) == len(a)
            assert int(row["n_identical"]) == sum(x == y for x, y in zip(a, b))
            assert float(row["agreement"]) == pytest.approx(sum(x == y for x, y in zip(a, b)) / len(a), abs=1e-6)
            expected = cohen_kappa(a, b)
            if pd.isna(expected):
                assert pd.isna(row["kappa"])
            else:
                assert float(row["kappa"]) == pytest.approx(expected, abs=1e-6), (pair, session)


def test_raw_agreement_matches_voeten_where_the_sets_match(package) -> None:
    """Our raw share is close to Voeten's *Agree score (his estimation set drops some votes)."""
    ours = package["un_agreement"].set_index(["year", "pair"])["agreement"].astype("float64")
    theirs = package["un_votes"].set_index(["year", "pair"])["agreement"].astype("float64")
    both = pd.concat([ours.rename("ours"), theirs.rename("theirs")], axis=1).dropna()
    gap = (both["ours"] - both["theirs"]).abs()
    assert gap.median() < 0.02 and (gap < 0.05).mean() > 0.8


# --------------------------------------------------------------------------- #
# Issues
# --------------------------------------------------------------------------- #


def test_issue_shares_add_up(package) -> None:
    table = package["un_issue_agreement"]
    counts = table["n_identical"] + table["n_opposite"] + table["n_split"]
    assert (counts == table["n_joint"]).all()
    shares = table["share_identical"] + table["share_opposite"] + table["share_split"]
    assert shares.astype("float64").sub(1).abs().max() < 1e-5
    assert set(table["issue"]) == set(rollcalls.ISSUES)


def test_issue_counts_equal_a_recount(package, raw) -> None:
    wide = _wide(raw).join(raw["issues"].set_index("rcid")["short_name"], how="inner")
    wide["decade"] = (wide["session"] + 1945) // 10 * 10
    table = package["un_issue_agreement"]
    for pair in rollcalls.ISSUE_PAIRS:
        first, second = (ISO2[s] for s in rollcalls.AGREEMENT_PAIRS[pair])
        both = wide.dropna(subset=[first, second])
        recount = both.groupby(["decade", "short_name"]).apply(
            lambda p, a=first, b=second: pd.Series({"n": len(p), "same": int((p[a] == p[b]).sum())}))
        mine = table[table["pair"] == pair].set_index(["decade", "issue"])
        assert len(mine) == len(recount)
        for (decade, issue), row in recount.iterrows():
            assert int(mine.loc[(decade, issue), "n_joint"]) == row["n"]
            assert int(mine.loc[(decade, issue), "n_identical"]) == row["same"]


# --------------------------------------------------------------------------- #
# Votes about Iran and votes dividing Russia and Iran
# --------------------------------------------------------------------------- #


def test_iran_votes_equal_the_raw_records(package, raw) -> None:
    table = package["un_iran_votes"].set_index("rcid")
    votes = raw["votes"]
    for rcid, row in table.iterrows():
        cast = votes[votes["rcid"] == rcid]
        totals = cast["vote"].astype(str).value_counts()
        assert (int(row["votes_yes"]), int(row["votes_no"]), int(row["votes_abstain"])) == (
            totals.get("yes", 0), totals.get("no", 0), totals.get("abstain", 0)), rcid
        for state, iso2 in ISO2.items():
            found = cast.loc[cast["country_code"] == iso2, "vote"].astype(str).tolist()
            mine = row[f"vote_{state.lower()}"]
            assert (found[0] if found else None) == (None if pd.isna(mine) else mine), (rcid, state)
        call = raw["calls"][raw["calls"]["rcid"] == rcid].iloc[0]
        assert int(call["session"]) == int(row["session"])


def test_every_raw_resolution_on_human_rights_in_iran_is_in(package, raw) -> None:
    calls = raw["calls"]
    text = calls["short"].fillna("") + " " + calls["descr"].fillna("").str.slice(0, 300)
    named = calls.loc[text.str.contains(r"human rights[^;]{0,60}?\biran\b", case=False, regex=True), "rcid"]
    assert len(named) > 0 and set(named) <= set(package["un_iran_votes"]["rcid"])
    assert not package["un_iran_votes"]["title"].fillna("").str.contains(r"\biraq\b", case=False).any()


def test_repeated_records_point_at_a_first_record_of_the_same_day(package) -> None:
    table = package["un_iran_votes"].set_index("rcid")
    repeats = table.dropna(subset=["repeat_of"])
    for rcid, row in repeats.iterrows():
        first = table.loc[int(row["repeat_of"])]
        assert first["date"] == row["date"] and first["kind"] == "resolution" and int(row["repeat_of"]) < rcid


def test_dividing_votes_are_exactly_the_raw_yes_against_no(package, raw) -> None:
    wide = _wide(raw).dropna(subset=["RU", "IR"])
    since = wide[wide["session"] >= rollcalls.FIRST_RUSSIAN_SESSION]
    opposite = since[((since["RU"] == 1) & (since["IR"] == 3)) | ((since["RU"] == 3) & (since["IR"] == 1))]
    table = package["un_dividing_votes"]
    assert sorted(table["rcid"]) == sorted(opposite.index)
    names = {1: "yes", 3: "no"}
    merged = table.set_index("rcid").join(opposite[["RU", "IR"]])
    assert (merged["vote_rus"] == merged["RU"].map(names)).all()
    assert (merged["vote_irn"] == merged["IR"].map(names)).all()
