"""Formal ties: alliance obligations (ATOP, COW) and bilateral trade (COW).

The ``alliances`` table holds DIRECTED dyads: ``RUS-IRN`` is what Russia (the
Soviet Union up to 1991) took on toward Iran, ``IRN-RUS`` the reverse. ATOP
v5.1 is genuinely directed (a pledge can be one-sided) and reaches 2018; COW
v4.1 is symmetric and reaches 2012. Values are missing after a dataset's last
year, never false.
"""

from __future__ import annotations

import pandas as pd

from analysis.checks import Check
from analysis.guards import check_known, check_order, check_window, check_year
from analysis.names import dyad_name, name

#: Obligation columns and their plain-language names, ATOP first.
CATEGORIES: dict[str, str] = {
    "atop_defense": "ATOP defence",
    "atop_offense": "ATOP offence",
    "atop_neutrality": "ATOP neutrality",
    "atop_nonaggression": "ATOP non-aggression",
    "atop_consultation": "ATOP consultation",
    "cow_defense": "COW defence pact",
    "cow_neutrality": "COW neutrality",
    "cow_nonaggression": "COW non-aggression",
    "cow_entente": "COW entente",
}

#: Columns recording a pledge to fight for the partner.
DEFENCE = ("atop_defense", "cow_defense")

def _check_dyad(alliances: pd.DataFrame, dyad: str) -> pd.DataFrame:
    check_known(dyad, alliances["dyad"], "dyad")
    return alliances[alliances["dyad"] == dyad]


def obligations(alliances: pd.DataFrame, dyad: str, year: int) -> dict[str, bool | None]:
    """Return what bound the first state of ``dyad`` to the second in ``year``.

    Parameters
    ----------
    alliances
        The package's ``alliances`` table (directed dyad-years).
    dyad
        ``"A-B"``: obligations A took on toward B, e.g. ``"RUS-IRN"``.
    year
        A calendar year inside the data.

    Returns
    -------
    dict
        One entry per column of :data:`CATEGORIES`: ``True``, ``False`` or
        ``None`` where the dataset does not cover the year.

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2001, 2013], "dyad": ["RUS-IRN"] * 2,
    ...     **{c: [False, False] for c in CATEGORIES}})
    >>> table.loc[:, "atop_neutrality"] = [True, True]
    >>> table["cow_defense"] = pd.array([False, None], dtype="boolean")
    >>> result = obligations(table, "RUS-IRN", 2013)
    >>> result["atop_neutrality"], result["atop_defense"], result["cow_defense"]
    (True, False, None)
    >>> obligations(table, "RUS-IRN", 2019)
    Traceback (most recent call last):
    ...
    ValueError: year 2019 is outside the alliance data's 2001–2013
    """
    rows = _check_dyad(alliances, dyad)
    check_year(alliances, year, "alliance")
    row = rows[rows["year"] == year]
    if row.empty:
        raise ValueError(f"no row for dyad {dyad!r} in {year}")
    record = row.iloc[0]
    return {c: (None if pd.isna(record[c]) else bool(record[c])) for c in CATEGORIES}


def obligation_years(alliances: pd.DataFrame, dyad: str) -> pd.DataFrame:
    """Return the years in which any obligation bound ``dyad``, and which ones.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, one boolean per :data:`CATEGORIES` column (missing
        read as false) and ``which`` (the obligations in plain words).

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1946, 1947], "dyad": ["RUS-IRN"] * 2,
    ...     **{c: [False, False] for c in CATEGORIES}})
    >>> table.loc[0, "atop_defense"] = True
    >>> obligation_years(table, "RUS-IRN")[["year", "which"]].values.tolist()
    [[1946, 'ATOP defence']]
    """
    rows = _check_dyad(alliances, dyad)
    flags = rows[list(CATEGORIES)].astype("boolean").fillna(False).astype(bool)
    bound = rows[flags.any(axis=1)]
    frame = pd.concat([bound[["year"]], flags.loc[bound.index]], axis=1)
    frame["which"] = [
        ", ".join(CATEGORIES[c] for c in CATEGORIES if row[c]) for _, row in frame.iterrows()
    ]
    return frame.sort_values("year").reset_index(drop=True)


def defence_check(
    alliances: pd.DataFrame, first: str = "RUS", second: str = "IRN", since: int = 1946
) -> dict[str, object]:
    """Answer: has any defence obligation bound ``first`` and ``second`` since ``since``?

    Both directions and both datasets (ATOP defence, COW defence pact) are read.

    Returns
    -------
    dict
        ``bound`` (bool), ``defence_years`` (years from ``since`` with any
        defence obligation), ``since``, ``atop_last`` and ``cow_last`` (the last
        years each dataset covers, so the years checked are ``since`` to them),
        ``years_checked`` (count of years from ``since`` covered by either
        dataset) and ``last_defence_year`` (over the whole table; 0 if none).

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1946, 1947, 1946, 1947],
    ...     "dyad": ["RUS-IRN", "RUS-IRN", "IRN-RUS", "IRN-RUS"],
    ...     "atop_defense": [True, False, False, False],
    ...     "cow_defense": pd.array([True, None, True, None], dtype="boolean")})
    >>> check = defence_check(table, since=1947)
    >>> check["bound"], check["last_defence_year"], check["years_checked"]
    (False, 1946, 1)
    """
    dyads = [f"{first}-{second}", f"{second}-{first}"]
    for dyad in dyads:
        _check_dyad(alliances, dyad)
    check_year(alliances, since, "alliance")
    rows = alliances[alliances["dyad"].isin(dyads)]
    defended = rows[list(DEFENCE)].astype("boolean").fillna(False).astype(bool).any(axis=1)
    all_years = sorted(int(y) for y in rows.loc[defended, "year"].unique())
    recent = [y for y in all_years if y >= since]

    def last_covered(column: str) -> int:
        return int(rows.loc[rows[column].notna(), "year"].max())

    covered = rows[rows["year"] >= since]
    covered = covered[covered[list(DEFENCE)].notna().any(axis=1)]
    return {
        "bound": bool(recent),
        "defence_years": recent,
        "since": since,
        "atop_last": last_covered("atop_defense"),
        "cow_last": last_covered("cow_defense"),
        "years_checked": int(covered["year"].nunique()),
        "last_defence_year": all_years[-1] if all_years else 0,
    }


def obligation_strip(
    alliances: pd.DataFrame, dyads: list[str], start: int, end: int
) -> pd.DataFrame:
    """Return the long table the obligation heat strip draws.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``dyad`` (plain words), ``category`` (plain words),
        ``row`` (dyad and category, for the chart's rows) and ``status``
        (``"Obligation"`` or ``"None recorded"``); years a dataset does not
        cover are left out.

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2012, 2013], "dyad": ["RUS-IRN"] * 2,
    ...     **{c: pd.array([False, None], dtype="boolean") for c in CATEGORIES}})
    >>> table["atop_neutrality"] = pd.array([True, True], dtype="boolean")
    >>> strip = obligation_strip(table, ["RUS-IRN"], 2012, 2013)
    >>> len(strip), int((strip["status"] == "Obligation").sum())
    (10, 2)
    """
    check_order(start, end)
    parts = []
    for dyad in dyads:
        rows = _check_dyad(alliances, dyad)
        rows = rows[rows["year"].between(start, end)]
        long = rows.melt(id_vars=["year"], value_vars=list(CATEGORIES), var_name="column", value_name="flag")
        long = long[long["flag"].notna()]
        parts.append(
            pd.DataFrame(
                {
                    "year": long["year"].astype("int64"),
                    "dyad": dyad_name(dyad),
                    "category": long["column"].map(CATEGORIES),
                    "status": ["Obligation" if f else "None recorded" for f in long["flag"]],
                }
            )
        )
    strip = pd.concat(parts, ignore_index=True)
    strip.insert(3, "row", strip["dyad"] + " · " + strip["category"])
    return strip.astype({"dyad": "string", "category": "string", "row": "string", "status": "string"})


def trade_flows(
    trade: pd.DataFrame, first: str, second: str, start: int, end: int
) -> pd.DataFrame:
    """Return goods trade each way between two states, gaps left missing.

    Parameters
    ----------
    trade
        The package's ``bilateral_trade`` table (COW, millions of current US$).
    first, second
        ``"RUS"``, ``"IRN"`` or ``"USA"``.
    start, end
        First and last year, inclusive, inside the data.

    Returns
    -------
    pandas.DataFrame
        One row per year and direction: ``year``, ``flow`` (``"Russia → Iran"``
        means Iran's imports from Russia), ``value_musd`` and ``share_of_iran_total``
        (both missing where COW has no figure; never filled with zero).

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2000, 2000, 2001], "importer": ["IRN", "RUS", "IRN"],
    ...     "exporter": ["RUS", "IRN", "RUS"], "value_musd": [920.0, 54.0, 939.0],
    ...     "share_of_iran_total": [0.06, 0.002, 0.05]})
    >>> flows = trade_flows(table, "RUS", "IRN", 2000, 2001)
    >>> flows["value_musd"].isna().tolist()
    [False, False, False, True]
    """
    check_window(trade, start, end, "trade")
    for code in (first, second):
        if code not in set(trade["importer"]) | set(trade["exporter"]):
            raise ValueError(f"unknown state {code!r} in the trade data")
    parts = []
    years = pd.RangeIndex(start, end + 1, name="year")
    for exporter, importer in ((first, second), (second, first)):
        rows = trade[(trade["exporter"] == exporter) & (trade["importer"] == importer)]
        rows = rows.set_index("year").reindex(years)
        parts.append(
            pd.DataFrame(
                {
                    "year": years.to_numpy(),
                    "flow": dyad_name(f"{exporter}-{importer}"),
                    "value_musd": rows["value_musd"].astype("Float64").to_numpy(),
                    "share_of_iran_total": rows["share_of_iran_total"].astype("Float64").to_numpy(),
                }
            )
        )
    flows = pd.concat(parts, ignore_index=True)
    return flows.astype({"year": "Int64", "flow": "string"})


def defence_years(alliances: pd.DataFrame, first: str, second: str, since: int) -> list[int]:
    """Return the years from ``since`` in which a defence pledge bound the two states.

    The ``defence_years`` of :func:`defence_check` (both directions, ATOP and COW).

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1946, 1947], "dyad": ["RUS-IRN", "IRN-RUS"],
    ...     "atop_defense": [True, True], "cow_defense": pd.array([False, None], dtype="boolean")})
    >>> defence_years(table, "RUS", "IRN", since=1947)
    [1947]
    """
    return list(defence_check(alliances, first, second, since=since)["defence_years"])  # type: ignore[call-overload]


def atop_provisions(alliances: pd.DataFrame, dyad: str, year: int) -> list[str]:
    """Return the ATOP provisions coded for a directed dyad in one year, in plain words.

    Reads :func:`obligations`; only the ATOP columns that are true, without
    their ``atop_`` prefix.

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2001], "dyad": ["RUS-IRN"],
    ...     **{c: [False] for c in CATEGORIES}})
    >>> table["atop_neutrality"] = [True]
    >>> atop_provisions(table, "RUS-IRN", 2001)
    ['neutrality']
    """
    coded = obligations(alliances, dyad, year)
    return [
        column.removeprefix("atop_")
        for column, value in coded.items()
        if column.startswith("atop_") and value
    ]


def defence_pledge_in_force(alliances: pd.DataFrame, first: str, second: str, start: int,
                            end: int) -> Check:
    """Check that ATOP or COW code a defence pledge between two states in a window.

    Only the window's years that either dataset covers are read; with none
    covered nothing relevant is on record (``holds`` is ``None``). Figures:
    ``defence_pledge_years`` and ``alliance_data_last_year``.

    Examples
    --------
    >>> table = pd.DataFrame({"year": [2001, 2018], "dyad": ["RUS-IRN", "IRN-RUS"],
    ...     "atop_defense": [False, False], "cow_defense": pd.array([False, None], dtype="boolean")})
    >>> check = defence_pledge_in_force(table, "RUS", "IRN", 1992, 2025)
    >>> check.holds, check.sentence
    (False, 'Neither ATOP nor COW codes a defence pledge between Russia and Iran in 2001–2018, the years they cover.')
    >>> defence_pledge_in_force(table, "RUS", "IRN", 2019, 2025).holds is None
    True
    """
    check_order(start, end)
    rows = alliances[alliances["dyad"].isin([f"{first}-{second}", f"{second}-{first}"])]
    rows = rows[rows["year"].between(start, end) & rows[list(DEFENCE)].notna().any(axis=1)]
    pair = f"{name(first)} and {name(second)}"
    last = int(alliances.loc[alliances[list(DEFENCE)].notna().any(axis=1), "year"].max())
    if rows.empty:
        return Check("defence_pledge_in_force", None,
                     {"defence_pledge_years": [], "alliance_data_last_year": last},
                     f"ATOP and COW do not cover {start}–{end}; their data end in {last}.")
    pledged = rows[DEFENCE[0]].astype("boolean").fillna(False) | rows[DEFENCE[1]].astype(
        "boolean").fillna(False)
    years = sorted({int(y) for y in rows.loc[pledged.astype(bool), "year"]})
    span = f"{int(rows['year'].min())}–{int(rows['year'].max())}"
    figures = {"defence_pledge_years": years, "alliance_data_last_year": last}
    if years:
        return Check("defence_pledge_in_force", True, figures,
                     f"ATOP or COW code a defence pledge between {pair} in {len(years)} of the "
                     f"years {span} (first {years[0]}).")
    return Check("defence_pledge_in_force", False, figures,
                 f"Neither ATOP nor COW codes a defence pledge between {pair} in {span}, the "
                 "years they cover.")
