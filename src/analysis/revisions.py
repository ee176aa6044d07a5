"""How SIPRI's March 2025 release revised its March 2022 figures: the ``sipri_revisions`` table summarised.

Each row of ``sipri_revisions`` is one supplier, recipient and year of the years
both releases cover, with its value in each release and its class (``added``,
``removed``, ``changed``, ``unchanged``; see the resource's description). These
functions count the classes, total the change in TIV by year and find the
largest revisions; :func:`facts` gives the values the data page glues.

Examples
--------
>>> table = example_table()
>>> revision_summary(table)["n_changed"], revision_summary(table)["net_change"]
(2, -134.85)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.provenance import traced_each

#: The classes of a pair-year, as the resource's ``revision`` field has them.
REVISIONS: tuple[str, ...] = ("added", "removed", "changed", "unchanged")

#: How the chart splits the change of each year: the class, and for ``changed`` its sign.
KINDS: tuple[str, ...] = ("added", "revised up", "revised down", "removed")

#: Units of the summary's values, by key prefix (see :func:`analysis.provenance.unit_for`).
UNITS: dict[str, str] = {
    "n_": "count", "first_year": "year", "last_year": "year", "tiv_": "TIV (millions)",
    "net_change": "TIV (millions)", "largest_": "text", "largest_cut_tiv": "TIV (millions)",
    "largest_rise_tiv": "TIV (millions)", "largest_cut_year": "year", "largest_rise_year": "year",
}

#: What each value of :func:`revision_summary` is, for its note.
NOTES: dict[str, str] = {
    "n_pair_years": "Supplier–recipient pair-years with deliveries in either SIPRI release, years both cover",
    "n_pairs": "Supplier–recipient pairs with deliveries in either SIPRI release, years both cover",
    "n_added": "Pair-years the March 2025 SIPRI release added (no value in March 2022)",
    "n_removed": "Pair-years the March 2025 SIPRI release removed (no value in March 2025)",
    "n_changed": "Pair-years whose March 2025 value, rounded, differs from the March 2022 value",
    "n_unchanged": "Pair-years whose March 2025 value, rounded, equals the March 2022 value",
    "n_changed_small": "Changed pair-years whose change is less than 1 million TIV either way",
    "first_year": "First year both SIPRI releases cover",
    "last_year": "Last year both SIPRI releases cover",
    "tiv_2022": "Total of the pair-years in the March 2022 release, millions of TIV",
    "tiv_2025": "Total of the pair-years in the March 2025 release, millions of TIV",
    "net_change": "Net change of the total from the March 2022 to the March 2025 release, millions of TIV",
    "largest_cut_pair": "Pair of the largest downward revision of one year",
    "largest_cut_year": "Year of the largest downward revision",
    "largest_cut_tiv": "Largest downward revision of one pair-year, millions of TIV",
    "largest_rise_pair": "Pair of the largest upward revision of one year",
    "largest_rise_year": "Year of the largest upward revision",
    "largest_rise_tiv": "Largest upward revision of one pair-year, millions of TIV",
}


def example_table() -> pd.DataFrame:
    """Return a small ``sipri_revisions``-shaped table for the examples and tests.

    Examples
    --------
    >>> example_table()["revision"].tolist()
    ['unchanged', 'changed', 'changed', 'added', 'removed']
    """
    return pd.DataFrame({
        "supplier": ["Russia", "Russia", "Russia", "Iran", "Iran"],
        "supplier_code": ["RUS", "RUS", "RUS", "IRN", "IRN"],
        "recipient": ["India", "India", "China", "Houthi rebels (Yemen)*", "Syria"],
        "recipient_code": ["IND", "IND", "CHN", None, "SYR"],
        "year": [2018, 2019, 2017, 2016, 2013],
        "tiv_release_2022": [1000.0, 1562.0, 986.0, None, 10.0],
        "tiv_release_2025": [1000.4, 1205.5, 1209.75, 7.5, None],
        "tiv_change": [0.4, -356.5, 223.75, 7.5, -10.0],
        "revision": ["unchanged", "changed", "changed", "added", "removed"],
    })


def pair_label(supplier: str, recipient: str) -> str:
    """Return a pair as the page names it.

    Examples
    --------
    >>> pair_label("Russia", "India")
    'Russia → India'
    """
    return f"{supplier} → {recipient}"


def revision_counts(revisions: pd.DataFrame) -> dict[str, int]:
    """Return the number of pair-years of each class, every class present (0 when none).

    Examples
    --------
    >>> revision_counts(example_table())
    {'added': 1, 'removed': 1, 'changed': 2, 'unchanged': 1}
    """
    counts = revisions["revision"].value_counts()
    unknown = sorted(set(counts.index) - set(REVISIONS))
    if unknown:
        raise ValueError(f"unknown revision classes {unknown}")
    return {name: int(counts.get(name, 0)) for name in REVISIONS}


def kind_of(revision: str, change: float) -> str:
    """Return the chart's kind of a pair-year: its class, ``changed`` split by the change's sign.

    Examples
    --------
    >>> kind_of("changed", -3.0), kind_of("changed", 2.0), kind_of("added", 7.5), kind_of("unchanged", 0.4)
    ('revised down', 'revised up', 'added', 'unchanged')
    """
    if revision == "changed":
        return "revised up" if change > 0 else "revised down"
    return revision


def yearly_changes(revisions: pd.DataFrame) -> pd.DataFrame:
    """Return, per year and kind of :data:`KINDS`, the change in TIV and the number of pair-years.

    Unchanged pair-years are left out (their change is rounding). Each row
    also names the pair with the year's largest change of that kind.

    Examples
    --------
    >>> for row in yearly_changes(example_table()).itertuples():
    ...     print(row.year, row.kind, row.tiv_change, row.n, row.largest)
    2013 removed -10.0 1 Iran → Syria
    2016 added 7.5 1 Iran → Houthi rebels (Yemen)*
    2017 revised up 223.75 1 Russia → China
    2019 revised down -356.5 1 Russia → India
    """
    rows = revisions[revisions["revision"] != "unchanged"].copy()
    rows["kind"] = [kind_of(r, float(c)) for r, c in zip(rows["revision"], rows["tiv_change"], strict=True)]
    rows["pair"] = [pair_label(s, r) for s, r in zip(rows["supplier"], rows["recipient"], strict=True)]
    rows["size"] = rows["tiv_change"].astype("float64").abs()
    out = []
    for (year, kind), part in rows.groupby(["year", "kind"], sort=True):
        top = part.sort_values(["size", "pair"], ascending=[False, True]).iloc[0]
        out.append({"year": int(year), "kind": str(kind),
                    "tiv_change": round(float(part["tiv_change"].astype("float64").sum()), 2),
                    "n": len(part), "largest": str(top["pair"])})
    frame = pd.DataFrame(out, columns=["year", "kind", "tiv_change", "n", "largest"])
    frame["order"] = frame["kind"].map({kind: i for i, kind in enumerate(KINDS)})
    return frame.sort_values(["year", "order"], ignore_index=True)


def largest_revisions(revisions: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """Return the ``n`` pair-years with the largest change in TIV either way, largest first.

    Examples
    --------
    >>> largest_revisions(example_table(), 2)[["pair", "year", "tiv_change"]].to_string(index=False)
    '          pair  year  tiv_change\\nRussia → India  2019     -356.50\\nRussia → China  2017      223.75'
    """
    rows = revisions.assign(
        pair=[pair_label(s, r) for s, r in zip(revisions["supplier"], revisions["recipient"], strict=True)],
        size=revisions["tiv_change"].astype("float64").abs(),
    )
    rows = rows.sort_values(["size", "pair", "year"], ascending=[False, True, True]).head(n)
    return rows[["pair", "year", "tiv_release_2022", "tiv_release_2025", "tiv_change", "revision"]].reset_index(drop=True)


def _extreme(revisions: pd.DataFrame, lowest: bool) -> pd.Series:
    """Return the row of the largest downward (``lowest``) or upward change."""
    change = revisions["tiv_change"].astype("float64")
    return revisions.loc[change.idxmin() if lowest else change.idxmax()]


def revision_summary(revisions: pd.DataFrame) -> dict[str, Any]:
    """Return the counts, totals and extremes the data page quotes (keys of :data:`NOTES`).

    Examples
    --------
    >>> summary = revision_summary(example_table())
    >>> summary["n_pair_years"], summary["n_added"], summary["largest_cut_pair"], summary["largest_rise_tiv"]
    (5, 1, 'Russia → India', 223.75)
    >>> summary["tiv_2022"], summary["tiv_2025"]
    (3558.0, 3423.15)
    """
    counts = revision_counts(revisions)
    changed = revisions[revisions["revision"] == "changed"]
    cut, rise = _extreme(revisions, True), _extreme(revisions, False)
    pairs = revisions[["supplier", "recipient"]].drop_duplicates()
    old = float(revisions["tiv_release_2022"].astype("Float64").sum())
    new = float(revisions["tiv_release_2025"].astype("Float64").sum())
    return {
        "n_pair_years": len(revisions), "n_pairs": len(pairs),
        **{f"n_{name}": count for name, count in counts.items()},
        "n_changed_small": int((changed["tiv_change"].astype("float64").abs() < 1).sum()),
        "first_year": int(revisions["year"].min()), "last_year": int(revisions["year"].max()),
        "tiv_2022": round(old, 2), "tiv_2025": round(new, 2), "net_change": round(new - old, 2),
        "largest_cut_pair": pair_label(cut["supplier"], cut["recipient"]),
        "largest_cut_year": int(cut["year"]), "largest_cut_tiv": round(float(cut["tiv_change"]), 2),
        "largest_rise_pair": pair_label(rise["supplier"], rise["recipient"]),
        "largest_rise_year": int(rise["year"]), "largest_rise_tiv": round(float(rise["tiv_change"]), 2),
    }


#: What each value of :func:`pair_revision` is, for its note (``{pair}`` names the pair).
PAIR_NOTES: dict[str, str] = {
    "n_pair_years": "Years of {pair} with deliveries in either SIPRI release, years both cover",
    "n_changed": "Years of {pair} whose March 2025 value, rounded, differs from the March 2022 value",
    "tiv_2022": "Deliveries {pair} in the years both releases cover, March 2022 release, millions of TIV",
    "tiv_2025": "Deliveries {pair} in the years both releases cover, March 2025 release, millions of TIV",
    "net_change": "Net change of {pair} from the March 2022 to the March 2025 release, millions of TIV",
}


def pair_revision(revisions: pd.DataFrame, supplier_code: str, recipient_code: str) -> dict[str, Any]:
    """Return the pair-years, changed years, totals and net change of one pair, by ISO codes.

    Examples
    --------
    >>> pair_revision(example_table(), "RUS", "IND")
    {'n_pair_years': 2, 'n_changed': 1, 'tiv_2022': 2562.0, 'tiv_2025': 2205.9, 'net_change': -356.1}
    """
    rows = revisions[(revisions["supplier_code"] == supplier_code) & (revisions["recipient_code"] == recipient_code)]
    old = float(rows["tiv_release_2022"].astype("Float64").sum())
    new = float(rows["tiv_release_2025"].astype("Float64").sum())
    return {"n_pair_years": len(rows), "n_changed": int((rows["revision"] == "changed").sum()),
            "tiv_2022": round(old, 2), "tiv_2025": round(new, 2), "net_change": round(new - old, 2)}


def facts(package: Any) -> dict[str, object]:
    """Return the values of the data page's section on SIPRI's revisions, each traced, prefixed ``rev_``.

    ``rev_<key>`` for every key of :func:`revision_summary`, ``rev_rus_irn_<key>``
    for :func:`pair_revision` of Russia to Iran.

    Examples
    --------
    >>> found = facts({"sipri_revisions": example_table()})
    >>> found["rev_n_changed"].value, found["rev_largest_cut_pair"].value
    (2, 'Russia → India')
    """
    traced = traced_each(revision_summary, package, "sipri_revisions", units=UNITS, description=NOTES)
    pair = traced_each(pair_revision, package, "sipri_revisions", "RUS", "IRN", units=UNITS,
                       description={k: v.format(pair="Russia → Iran") for k, v in PAIR_NOTES.items()})
    return {**{f"rev_{key}": fact for key, fact in traced.items()},
            **{f"rev_rus_irn_{key}": fact for key, fact in pair.items()}}
