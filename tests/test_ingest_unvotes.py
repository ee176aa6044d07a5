"""Tests of the UN voting ingest: Voeten's agreement scores and Iran's partner ranking."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest import unvotes
from analysis.ingest.base import format_table
from analysis.ingest.errors import IngestError
from analysis.ingest.package import write_package
from analysis.ingest.unvotes import parse as up

SOURCE = unvotes.SOURCE
FIELDS = {name: [f["name"] for f in d["schema"]["fields"]] for name, d in SOURCE.descriptors.items()}


# --------------------------------------------------------------------------- #
# Hand-made ideal-point rows
# --------------------------------------------------------------------------- #

HEADER = (
    '"","ccode","session","NVotesAll","IdealPointAll","iso3c","Countryname",'
    '"USAgree","RUSSAgree","ChinaAgree"\n'
)


def ideal_point_rows() -> pd.DataFrame:
    """Two sessions of the US, Soviet Union/Russia, Iran and China rows."""
    return pd.DataFrame(
        {
            "ccode": [2, 365, 630, 2, 365, 630, 710],
            "session": [25, 25, 25, 35, 35, 35, 35],
            "NVotesAll": [67, 67, 66, 103, 103, 95, 86],
            "USAgree": [1.0, 0.134328, 0.424242, 1.0, 0.126214, 0.178947, 0.197674],
            "RUSSAgree": [0.134328, 1.0, 0.515151, 0.126214, 1.0, 0.768421, 0.755814],
            "ChinaAgree": [None, None, None, 0.197674, 0.755814, 0.951807, 1.0],
        }
    )


def write_ideal_points(path: Path, lines: list[str]) -> Path:
    """Write a tiny ideal-point CSV with the real header."""
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_agreement_table_reads_each_pair_from_its_reporting_row() -> None:
    table = up.agreement_table(ideal_point_rows())
    assert len(table) == 10  # 2 sessions x 5 pairs
    row = table[(table["year"] == 1980) & (table["pair"] == "RUS-IRN")].iloc[0]
    assert row["agreement"] == pytest.approx(0.768421)
    assert row["n_votes"] == 95  # Iran's count: Iran's row reports the pair
    assert row["reporting_state"] == "IRN"
    assert bool(row["russia_is_ussr"]) is True
    rus_usa = table[(table["year"] == 1980) & (table["pair"] == "RUS-USA")].iloc[0]
    assert rus_usa["n_votes"] == 103 and rus_usa["agreement"] == pytest.approx(0.126214)
    irn_usa = table[(table["year"] == 1980) & (table["pair"] == "IRN-USA")].iloc[0]
    assert bool(irn_usa["russia_is_ussr"]) is False


def test_agreement_table_keeps_missing_china_scores_missing() -> None:
    table = up.agreement_table(ideal_point_rows())
    china_1970 = table[(table["year"] == 1970) & table["pair"].str.endswith("CHN")]
    assert len(china_1970) == 2
    assert china_1970["agreement"].isna().all()


def test_agreement_table_matches_schema_and_order() -> None:
    table = up.agreement_table(ideal_point_rows())
    assert set(FIELDS["un_votes"]) <= set(table.columns)
    assert table["year"].tolist() == sorted(table["year"].tolist())
    assert not table.duplicated(["year", "pair"]).any()
    assert str(table["agreement"].dtype) == "Float64"
    assert str(table["n_votes"].dtype) == "Int64"
    assert (table["year"] == table["session"] + 1945).all()


def test_session_year_is_the_opening_year() -> None:
    assert up.session_year(pd.Series([1, 46, 78])).tolist() == [1946, 1991, 2023]


def test_unknown_pair_is_refused() -> None:
    with pytest.raises(IngestError) as caught:
        up.agreement_table(ideal_point_rows(), pairs=["RUS-IRN", "IRN-ISR"])
    assert caught.value.field == "pair"
    assert "IRN-ISR" in str(caught.value)


def test_agreement_above_one_names_file_line_and_field(tmp_path: Path) -> None:
    path = write_ideal_points(
        tmp_path / "ip.csv",
        [
            '"1",630,35,95,-1.2,"IRN","Iran",0.178947,0.768421,0.951807\n',
            '"2",630,36,97,-1.1,"IRN","Iran",0.2,1.25,0.9\n',
        ],
    )
    with pytest.raises(IngestError) as caught:
        up.agreement_table(up.read_ideal_points(path), path=path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == 3  # header is line 1, second data row is line 3
    assert error.field == "RUSSAgree"
    assert "outside 0-1" in error.reason


def test_negative_agreement_is_refused() -> None:
    rows = ideal_point_rows()
    rows.loc[1, "USAgree"] = -0.1
    with pytest.raises(IngestError) as caught:
        up.agreement_table(rows)
    assert caught.value.field == "USAgree" and caught.value.line == 3


def test_missing_column_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "ip.csv"
    path.write_text('"","ccode","session","NVotesAll","USAgree","ChinaAgree"\n"1",630,35,95,0.1,0.9\n')
    with pytest.raises(IngestError) as caught:
        up.read_ideal_points(path)
    assert caught.value.field == "RUSSAgree"
    assert caught.value.path == str(path)


def test_duplicated_country_session_is_refused() -> None:
    rows = pd.concat([ideal_point_rows(), ideal_point_rows().iloc[[2]]], ignore_index=True)
    with pytest.raises(IngestError) as caught:
        up.agreement_table(rows)
    assert caught.value.field == "session" and caught.value.line == 9


def test_missing_raw_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        SOURCE.build(tmp_path)
    assert "missing" in caught.value.reason
    assert unvotes.IDEAL_POINTS_FILE in caught.value.path


def test_changed_raw_file_fails_the_checksum(tmp_path: Path) -> None:
    path = tmp_path / unvotes.IDEAL_POINTS_FILE
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + '"1",630,35,95,-1.2,"IRN","Iran",0.17,0.76,0.95\n')
    with pytest.raises(IngestError) as caught:
        SOURCE.build(tmp_path)
    assert caught.value.path == str(path)
    assert "checksum" in caught.value.reason


# --------------------------------------------------------------------------- #
# Hand-made raw votes
# --------------------------------------------------------------------------- #


def raw_votes(n_roll_calls: int = 25) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Votes of Iran and five partners in one session, as the R package stores them."""
    rows = []
    for rcid in range(1, n_roll_calls + 1):
        rows += [
            (rcid, "Iran", "IR", "yes"),
            (rcid, "Russia", "RU", "yes" if rcid <= 20 else "abstain"),  # 20/25
            (rcid, "China", "CN", "yes"),  # 25/25
            (rcid, "Cuba", "CU", "yes"),  # 25/25: tied with China
            (rcid, "United States", "US", "no"),  # 0/25
            (rcid, "Federal Republic of Germany", None, "yes" if rcid <= 5 else "no"),
        ]
    votes = pd.DataFrame(rows, columns=["rcid", "country", "country_code", "vote"])
    votes["vote"] = pd.Categorical(votes["vote"], categories=["yes", "abstain", "no"])
    roll_calls = pd.DataFrame({"rcid": range(1, n_roll_calls + 1), "session": 40})
    return votes, roll_calls


def test_partner_table_ranks_with_ties_sharing_the_best_rank() -> None:
    votes, roll_calls = raw_votes()
    table = up.partner_table(up.votes_with_sessions(votes, roll_calls))
    assert len(table) == 1
    row = table.iloc[0]
    assert row["session"] == 40 and row["year"] == 1985
    assert row["n_partners"] == 5  # a partner without an ISO-2 code still counts
    assert row["agreement_chn"] == 1.0 and row["rank_chn"] == 1
    assert row["agreement_rus"] == pytest.approx(0.8) and row["rank_rus"] == 3
    assert row["agreement_usa"] == 0.0 and row["rank_usa"] == 5
    # partners' shares: 1, 1, 0.8, 0.2, 0 -> median 0.8
    assert row["median_agreement"] == pytest.approx(0.8)
    assert set(FIELDS["un_vote_partners"]) <= set(table.columns)


def test_partner_table_leaves_out_partners_with_few_joint_votes() -> None:
    votes, roll_calls = raw_votes()
    # China votes only on 10 roll calls: below the 20-vote floor
    votes = votes[~((votes["country"] == "China") & (votes["rcid"] > 10))]
    table = up.partner_table(up.votes_with_sessions(votes, roll_calls))
    assert table.iloc[0]["n_partners"] == 4
    assert table["agreement_chn"].isna().all() and table["rank_chn"].isna().all()


def test_session_with_too_few_roll_calls_has_no_row() -> None:
    votes, roll_calls = raw_votes(n_roll_calls=5)
    table = up.partner_table(up.votes_with_sessions(votes, roll_calls))
    assert table.empty


def test_unknown_vote_value_names_row_and_field() -> None:
    votes, roll_calls = raw_votes()
    votes["vote"] = votes["vote"].astype("string")
    votes.loc[7, "vote"] = "absent"
    with pytest.raises(IngestError) as caught:
        up.votes_with_sessions(votes, roll_calls, votes_path="v.rda")
    assert (caught.value.path, caught.value.line, caught.value.field) == ("v.rda", 8, "vote")


def test_vote_on_unknown_roll_call_is_refused() -> None:
    votes, roll_calls = raw_votes()
    roll_calls = roll_calls[roll_calls["rcid"] != 2]
    with pytest.raises(IngestError) as caught:
        up.votes_with_sessions(votes, roll_calls)
    assert caught.value.field == "rcid" and caught.value.line == 7


def test_reference_state_under_another_code_is_refused() -> None:
    votes, roll_calls = raw_votes()
    votes.loc[votes["country"] == "Russia", "country_code"] = "SU"
    with pytest.raises(IngestError) as caught:
        up.partner_table(up.votes_with_sessions(votes, roll_calls))
    assert caught.value.field == "country_code"


# --------------------------------------------------------------------------- #
# Real data
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def built(sources_dir: Path) -> dict[str, pd.DataFrame]:
    return {r.name: r.table for r in SOURCE.build(sources_dir)}


@pytest.mark.sources
def test_real_row_counts_and_headline(built: dict[str, pd.DataFrame]) -> None:
    un_votes = built["un_votes"]
    sessions = set(un_votes["session"])
    assert sessions == set(range(1, max(sessions) + 1)) - {19}  # session 19 held no votes
    assert len(un_votes) == len(up.PAIRS) * len(sessions)  # every pair in every session
    assert 1964 not in set(un_votes["year"])
    value = un_votes[(un_votes["year"] == 1980) & (un_votes["pair"] == "RUS-IRN")]["agreement"]
    assert float(value.iloc[0]) == pytest.approx(0.768, abs=0.0005)
    missing = un_votes[un_votes["agreement"].isna()]  # only China before the PRC's seat (1971)
    assert missing["pair"].str.endswith("CHN").all() and (missing["year"] < 1971).all()
    partners = built["un_vote_partners"]
    assert partners["session"].is_unique and 19 not in set(partners["session"])
    assert partners["session"].min() == 1


@pytest.mark.sources
def test_real_agreement_equals_voeten_extract(built: dict[str, pd.DataFrame], sources_dir: Path) -> None:
    derived = pd.read_csv(sources_dir / "unvotes" / "voeten_bsv_Jun2024_RUS_IRN_USA_by_session_derived.csv")
    wide = built["un_votes"].pivot(index="session", columns="pair", values="agreement").astype(float)
    derived = derived.set_index("session")
    columns = {
        "RUS-IRN": "agree_IRN_RUS",
        "IRN-USA": "agree_IRN_USA",
        "RUS-USA": "agree_RUS_USA",
        "IRN-CHN": "agree_IRN_CHN",
        "RUS-CHN": "agree_RUS_CHN",
    }
    for pair, column in columns.items():
        ours, theirs = wide[pair].reindex(derived.index), derived[column]
        assert (ours.isna() == theirs.isna()).all(), pair
        assert (ours - theirs).abs().max() <= 0.00005 + 1e-12, pair


@pytest.mark.sources
def test_real_partner_table_agrees_with_derived(built: dict[str, pd.DataFrame], sources_dir: Path) -> None:
    derived = pd.read_csv(sources_dir / "unvotes" / "unvotes_partner_rank_IRN_RUS_by_session_derived.csv")
    derived = derived[derived["focal"] == "IRN"].set_index("session")
    ours = built["un_vote_partners"].set_index("session").reindex(derived.index)
    for column, theirs in [
        ("agreement_rus", "agree_with_RUS"),
        ("agreement_usa", "agree_with_USA"),
        ("agreement_chn", "agree_with_CHN"),
    ]:
        assert (ours[column].astype(float) - derived[theirs]).abs().max() <= 0.00005 + 1e-12
    # The derived file dropped West Germany and North Yemen (no ISO-2 code) in 1975-1990.
    gap = ours["n_partners"].astype(int) - derived["n_partners"]
    assert set(gap[gap.index <= 45]) == {2} and set(gap[gap.index > 45]) == {0}
    # Ranks differ only by tie handling and those two states: at most a few places.
    assert (ours["rank_usa"].astype(int) - derived["rank_of_USA"]).abs().max() <= 2
    assert (ours["rank_rus"].astype(int) - derived["rank_of_RUS"]).abs().max() <= 9


@pytest.mark.sources
def test_real_russia_is_never_irans_closest_partner_after_1979(built: dict[str, pd.DataFrame]) -> None:
    partners = built["un_vote_partners"]
    recent = partners[partners["year"] >= 1979]
    assert (recent["rank_rus"] > 1).all()
    assert (recent["agreement_usa"] < recent["median_agreement"]).all()


@pytest.mark.sources
def test_real_build_is_deterministic_and_validates(tmp_path: Path, sources_dir: Path) -> None:
    first = SOURCE.build(sources_dir)
    second = SOURCE.build(sources_dir)
    for a, b in zip(first, second, strict=True):
        assert format_table(a.table) == format_table(b.table)
    write_package(first, SOURCE.origins, tmp_path / "pkg")
    assert (tmp_path / "pkg" / "data" / "un_votes.csv").is_file()
