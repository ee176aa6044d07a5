"""How SIPRI's March 2025 release revised its March 2022 figures, year by year.

A pure builder and the registry's data step for it; the numbers come from
:mod:`analysis.revisions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from analysis import revisions
from analysis.figures.common import (
    SIPRI_SOURCE,
    TIV_UNIT,
    release_name,
    require_columns,
    resource_sources,
    tips,
    titled,
    year_span,
    year_tip,
)
from analysis.theme import COLOURS, PALETTE

#: The colour of each kind of revision: additions and upward revisions blue, cuts and removals vermillion.
KIND_COLOURS: dict[str, str] = {
    "added": COLOURS["russia"],
    "revised up": PALETTE[5],
    "revised down": PALETTE[4],
    "removed": COLOURS["iran"],
}


def headline(summary: dict[str, Any]) -> str:
    """Return the chart's title: the net change the later release makes.

    Examples
    --------
    >>> headline({"net_change": -557.2, "first_year": 1995, "last_year": 2021})
    'SIPRI 2025 lowers 1995–2021 by 557m TIV'
    """
    verb = "lowers" if summary["net_change"] < 0 else "raises"
    return (f"SIPRI 2025 {verb} {summary['first_year']}–{summary['last_year']} "
            f"by {abs(summary['net_change']):,.0f}m TIV")


def largest_line(summary: dict[str, Any]) -> str:
    """Return the subtitle line naming the largest revision either way.

    Examples
    --------
    >>> largest_line({"largest_cut_pair": "Russia → India", "largest_cut_year": 2019,
    ...               "largest_cut_tiv": -356.69, "largest_rise_tiv": 223.75})
    'Largest cut: Russia → India, 2019 (−357m).'
    """
    side = "cut" if abs(summary["largest_cut_tiv"]) >= abs(summary["largest_rise_tiv"]) else "rise"
    pair, year, tiv = (summary[f"largest_{side}_{key}"] for key in ("pair", "year", "tiv"))
    return f"Largest {side}: {pair}, {year} ({'−' if tiv < 0 else '+'}{abs(tiv):,.0f}m)."


def revisions_chart(
    yearly: pd.DataFrame, summary: dict[str, Any], credit: Sequence[str] = (SIPRI_SOURCE,)
) -> alt.LayerChart:
    """Diverging stacked bars: per year, the TIV each kind of revision added or took away.

    Parameters
    ----------
    yearly
        Rows of :func:`analysis.revisions.yearly_changes` (``year``, ``kind``,
        ``tiv_change``, ``n``, ``largest``).
    summary
        :func:`analysis.revisions.revision_summary` of the same table, for the
        title and the alt text.

    Examples
    --------
    >>> table = revisions.example_table()
    >>> spec = revisions_chart(revisions.yearly_changes(table), revisions.revision_summary(table)).to_dict()
    >>> spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    ['added', 'revised up', 'revised down', 'removed']
    """
    require_columns(yearly, ["year", "kind", "tiv_change", "n", "largest"])
    first, last = summary.get("first_year", year_span(yearly)[0]), summary.get("last_year", year_span(yearly)[1])
    kinds = list(revisions.KINDS)
    base = alt.Chart(yearly).encode(
        x=alt.X("year:O", title=None, scale=alt.Scale(domain=list(range(first, last + 1))),
                axis=alt.Axis(labelAngle=0, labelOverlap=True, labelSeparation=4,
                              labelExpr="datum.value % 5 == 0 ? datum.label : ''")),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("tiv_change:Q", title=f"Change ({TIV_UNIT})", stack="zero"),
        color=alt.Color("kind:N", title="Pair-years", sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[KIND_COLOURS[k] for k in kinds]),
                        legend=alt.Legend(orient="top", columns=2)),
        order=alt.Order("order:Q"),
        tooltip=[year_tip("Year", "year:O"), *tips(("kind:N", "Revision")),
                 alt.Tooltip("tiv_change:Q", title=f"Change ({TIV_UNIT})", format="+,.1f"),
                 alt.Tooltip("n:Q", title="Pair-years"), *tips(("largest:N", "Largest"))],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=COLOURS["neutral"]).encode(y="y:Q")
    counts = ", ".join(f"{summary[f'n_{name}']} {name}" for name in revisions.REVISIONS)
    return alt.layer(bars, zero).properties(
        width="container",
        height=260,
        title=titled(headline(summary),
                     ["Change from the March 2022 release, by delivery year.", largest_line(summary),
                      "Unchanged pair-years (rounding) left out."], credit),
        description=(
            f"Diverging bar chart of how SIPRI's March 2025 release revised the March 2022 figures for "
            f"each delivery year {first}–{last}: {summary['n_pair_years']} pair-years, {counts}. "
            f"In all the later release records {summary['tiv_2025']:,.0f} million TIV against "
            f"{summary['tiv_2022']:,.0f} million. The largest cut is {summary['largest_cut_pair']} in "
            f"{summary['largest_cut_year']} ({summary['largest_cut_tiv']:,.0f} million); the largest rise "
            f"{summary['largest_rise_pair']} in {summary['largest_rise_year']} "
            f"(+{summary['largest_rise_tiv']:,.0f} million)."
        ),
    )


def revisions_credit(package: Any) -> list[str]:
    """Return the chart's source lines: the two releases compared, read from the package."""
    releases = " and ".join(release_name(source) for source in resource_sources(package, "sipri_revisions"))
    return [f"Releases: {releases}.", SIPRI_SOURCE]


def revisions_data(package: Any) -> dict[str, Any]:
    """Inputs of the revisions chart: the yearly changes, the summary and the source lines."""
    table = package["sipri_revisions"]
    return {"yearly": revisions.yearly_changes(table), "summary": revisions.revision_summary(table),
            "credit": revisions_credit(package)}
