"""The SIPRI edition comparison: the sipri_revisions resource, its summary, facts and figure."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import revisions as R
from analysis.figures.registry import CHAPTERS, FIGURES
from analysis.ingest.sipri_revisions.parse import FIRST_YEAR, LAST_YEAR, classify
from analysis.provenance import recompute


@pytest.fixture(scope="module")
def table(package) -> pd.DataFrame:
    return package["sipri_revisions"]


def test_each_class_follows_from_the_two_values(table: pd.DataFrame) -> None:
    old, new = table["tiv_release_2022"], table["tiv_release_2025"]
    assert (table.loc[table["revision"] == "added", "tiv_release_2022"].isna()).all()
    assert (table.loc[table["revision"] == "removed", "tiv_release_2025"].isna()).all()
    both = table[old.notna() & new.notna()]
    rounded = [math.floor(float(v) + 0.5) for v in both["tiv_release_2025"]]
    expected = ["unchanged" if r == o else "changed" for r, o in zip(rounded, both["tiv_release_2022"], strict=True)]
    assert both["revision"].tolist() == expected
    change = new.astype("Float64").fillna(0) - old.astype("Float64").fillna(0)
    assert ((change - table["tiv_change"]).abs() < 0.006).all()


def test_rows_cover_the_years_both_releases_share(table: pd.DataFrame) -> None:
    assert table["year"].between(FIRST_YEAR, LAST_YEAR).all()
    assert (FIRST_YEAR, LAST_YEAR) == (1995, 2021)
    assert not table.duplicated(["supplier", "recipient", "year"]).any()


def test_march_2025_values_are_those_of_arms_transfers(package, table: pd.DataFrame) -> None:
    """arms_transfers keeps the 2025 release from 1995: the same pair-years and values."""
    transfers = package["arms_transfers"]
    shared = transfers[transfers["year"].between(FIRST_YEAR, LAST_YEAR)]
    later = table[table["tiv_release_2025"].notna()]
    left = shared.set_index(["supplier", "recipient", "year"])["tiv"].astype("float64").sort_index()
    right = later.set_index(["supplier", "recipient", "year"])["tiv_release_2025"].astype("float64").sort_index()
    pd.testing.assert_series_equal(left, right, check_names=False)
    assert set(shared["sipri_release"]) == {2025}


def test_resource_cites_the_two_releases_once(package) -> None:
    entry = next(r for r in package.descriptor["resources"] if r["name"] == "sipri_revisions")
    assert [s["id"] for s in entry["sources"]] == ["sipri-tiv-tables-2022", "sipri-register-delivery-2025"]
    ids = [s["id"] for s in package.descriptor["sources"]]
    assert len(ids) == len(set(ids))
    assert all(field.get("description") for field in entry["schema"]["fields"])


def test_summary_counts_add_up(table: pd.DataFrame) -> None:
    summary = R.revision_summary(table)
    assert sum(summary[f"n_{name}"] for name in R.REVISIONS) == summary["n_pair_years"] == len(table)
    assert summary["largest_cut_tiv"] == round(float(table["tiv_change"].min()), 2)
    assert summary["largest_rise_tiv"] == round(float(table["tiv_change"].max()), 2)
    assert summary["net_change"] == pytest.approx(summary["tiv_2025"] - summary["tiv_2022"], abs=0.01)
    assert set(R.NOTES) == set(summary)
    changed = table[table["revision"] == "changed"]
    assert summary["n_changed_small"] == int((changed["tiv_change"].abs() < 1).sum())


def test_yearly_changes_sum_to_the_revised_pair_years(table: pd.DataFrame) -> None:
    yearly = R.yearly_changes(table)
    revised = table[table["revision"] != "unchanged"]
    assert yearly["n"].sum() == len(revised)
    assert yearly["tiv_change"].sum() == pytest.approx(float(revised["tiv_change"].sum()), abs=0.05)
    assert set(yearly["kind"]) <= set(R.KINDS)
    up = yearly[yearly["kind"].isin(["added", "revised up"])]["tiv_change"]
    down = yearly[yearly["kind"].isin(["removed", "revised down"])]["tiv_change"]
    assert (up > 0).all() and (down < 0).all()


def test_largest_revisions_are_ordered_by_size(table: pd.DataFrame) -> None:
    top = R.largest_revisions(table, 5)
    sizes = top["tiv_change"].abs().tolist()
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == pytest.approx(float(table["tiv_change"].abs().max()))


def test_classify_refuses_a_pair_year_with_no_value() -> None:
    with pytest.raises(ValueError):
        classify(None, None)


def test_facts_are_traced_and_recompute(package) -> None:
    facts = R.facts(package)
    summary = R.revision_summary(package["sipri_revisions"])
    assert {key.removeprefix("rev_"): fact.value for key, fact in facts.items()
            if not key.startswith("rev_rus_irn_")} == summary
    pair = R.pair_revision(package["sipri_revisions"], "RUS", "IRN")
    assert {key.removeprefix("rev_rus_irn_"): fact.value for key, fact in facts.items()
            if key.startswith("rev_rus_irn_")} == pair
    for fact in facts.values():
        assert fact.resources == ("sipri_revisions",)
        assert recompute(fact.record(), package) == fact.value


def test_figure_draws_the_yearly_changes_and_says_so(package) -> None:
    entry = FIGURES["fig-sipri-revisions"]
    assert "fig-sipri-revisions" in CHAPTERS["data"]
    spec = entry.chart(package).to_dict()
    summary = R.revision_summary(package["sipri_revisions"])
    for name in R.REVISIONS:
        assert f"{summary[f'n_{name}']} {name}" in spec["description"]
    assert summary["largest_cut_pair"] in spec["description"]
    drawn = pd.DataFrame(next(iter(spec["datasets"].values())))
    expected = R.yearly_changes(package["sipri_revisions"])
    assert drawn["tiv_change"].tolist() == expected["tiv_change"].tolist()
    assert "March 2022" in " ".join(spec["title"]["subtitle"])
