"""Arms customers and suppliers: ranks, shares and largest partners over windows.

Built on :mod:`analysis.transfers` (the same TIV volumes and codes, and the
same ``transfers`` argument, the package's ``arms_transfers`` table): where a
recipient stands among a supplier's customers, what share each supplier had of
a recipient's imports, and the small tables the arms charts draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.checks import Check
from analysis.names import SOVIET_RUSSIA, name
from analysis.transfers import window_rows

#: The two roles a state plays in a transfer.
Role = Literal["supplier", "recipient"]


@dataclass(frozen=True)
class CustomerRank:
    """Where one recipient stands among a supplier's customers over a window.

    ``rank`` is 1 for the largest customer; tied customers share the best rank.
    ``share`` is the recipient's fraction (0–1) of the supplier's deliveries to
    all customers in the window, ``total_tiv`` that total, and ``leaders`` the
    names of the customers ranked 1 to 3.
    """

    supplier: str
    recipient: str
    start: int
    end: int
    rank: int
    n_customers: int
    tiv: float
    share: float
    total_tiv: float
    leaders: tuple[str, ...]


def customer_table(
    transfers: pd.DataFrame, supplier: str, start: int, end: int
) -> pd.DataFrame:
    """Return every recipient of ``supplier`` over a window, ranked by volume.

    Parameters
    ----------
    supplier
        ISO 3166 alpha-3 code, or ``"SUN+RUS"`` for the Soviet Union and Russia.
    start, end
        First and last year, inclusive.

    Returns
    -------
    pandas.DataFrame
        Columns ``recipient``, ``recipient_code`` (missing for non-state
        recipients), ``tiv`` (sum over the window), ``share`` (0–1 of the
        supplier's total in the window) and ``rank`` (1 = largest; ties share
        the best rank), sorted by rank then recipient.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["SUN", "RUS", "RUS", "RUS"],
    ...     "recipient": ["Iran", "Iran", "India", "China"],
    ...     "recipient_code": ["IRN", "IRN", "IND", "CHN"],
    ...     "year": [1991, 1992, 1992, 1992], "tiv": [10.0, 5.0, 15.0, 20.0]})
    >>> customer_table(frame, "SUN+RUS", 1991, 1992)[["recipient", "tiv", "rank"]].values.tolist()
    [['China', 20.0, 1], ['India', 15.0, 2], ['Iran', 15.0, 2]]
    """
    rows = window_rows(transfers, "supplier_code", supplier, start, end)
    if rows.empty:
        raise ValueError(f"supplier {supplier!r} delivered nothing in {start}–{end}")
    table = (
        rows.groupby(["recipient", "recipient_code"], dropna=False, sort=False)["tiv"]
        .sum()
        .astype("float64")
        .reset_index()
    )
    table = table[table["tiv"] > 0]
    total = float(table["tiv"].sum())
    table["share"] = table["tiv"] / total
    table["rank"] = table["tiv"].rank(method="min", ascending=False).astype("int64")
    table = table.sort_values(["rank", "recipient"], kind="stable").reset_index(drop=True)
    return table.astype({"recipient": "string", "recipient_code": "string"})[
        ["recipient", "recipient_code", "tiv", "share", "rank"]
    ]


def customer_rank(
    transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int
) -> CustomerRank:
    """Return ``recipient``'s rank among ``supplier``'s customers over a window.

    Raises
    ------
    ValueError
        If ``recipient`` received nothing from ``supplier`` in the window.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS", "RUS", "RUS"],
    ...     "recipient": ["Iran", "India", "China"],
    ...     "recipient_code": ["IRN", "IND", "CHN"],
    ...     "year": [2000, 2000, 2000], "tiv": [5.0, 15.0, 20.0]})
    >>> result = customer_rank(frame, "RUS", "IRN", 2000, 2000)
    >>> result.rank, result.n_customers, round(result.share, 3), result.leaders
    (3, 3, 0.125, ('China', 'India', 'Iran'))
    """
    table = customer_table(transfers, supplier, start, end)
    match = table[table["recipient_code"].fillna("") == recipient]
    if match.empty:
        raise ValueError(
            f"recipient {recipient!r} received nothing from {supplier!r} in {start}–{end}"
        )
    row = match.iloc[0]
    return CustomerRank(
        supplier=supplier,
        recipient=recipient,
        start=start,
        end=end,
        rank=int(row["rank"]),
        n_customers=len(table),
        tiv=float(row["tiv"]),
        share=float(row["share"]),
        total_tiv=float(table["tiv"].sum()),
        leaders=tuple(table.loc[table["rank"] <= 3, "recipient"].astype(str)),
    )


def rank_by_year(
    transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int, window: int = 1
) -> pd.DataFrame:
    """Return ``recipient``'s customer rank for each year (or trailing window) in a range.

    For each year ``y`` from ``start`` to ``end`` the window is ``y - window + 1``
    to ``y``. Years in which ``recipient`` received nothing have a missing rank.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``window_start``, ``rank`` (Int64), ``n_customers``,
        ``tiv``, ``share``.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS"] * 3, "recipient": ["Iran", "India", "India"],
    ...     "recipient_code": ["IRN", "IND", "IND"],
    ...     "year": [2000, 2000, 2001], "tiv": [5.0, 15.0, 1.0]})
    >>> rank_by_year(frame, "RUS", "IRN", 2000, 2001)["rank"].tolist()
    [2, <NA>]
    """
    if window < 1:
        raise ValueError(f"window must be at least one year, not {window}")
    records = []
    for year in range(start, end + 1):
        first = max(year - window + 1, int(transfers["year"].min()))
        table = customer_table(transfers, supplier, first, year)
        match = table[table["recipient_code"].fillna("") == recipient]
        found = not match.empty
        records.append(
            {
                "year": year,
                "window_start": first,
                "rank": int(match["rank"].iloc[0]) if found else pd.NA,
                "n_customers": len(table),
                "tiv": float(match["tiv"].iloc[0]) if found else 0.0,
                "share": float(match["share"].iloc[0]) if found else 0.0,
            }
        )
    return pd.DataFrame(records).astype(
        {"year": "Int64", "window_start": "Int64", "rank": "Int64", "n_customers": "Int64"}
    )


def period_label(start: int, end: int) -> str:
    """Return the label of a period of years.

    Examples
    --------
    >>> period_label(1980, 1989)
    '1980–1989'
    """
    return f"{start}–{end}"


def supplier_shares(
    transfers: pd.DataFrame, recipient: str, periods: Sequence[tuple[int, int]]
) -> pd.DataFrame:
    """Return each supplier's share of ``recipient``'s imports in each period.

    Suppliers are grouped by ``supplier_series``, so the Soviet Union and
    Russia form one supplier, "Soviet Union/Russia".

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` (label such as ``"1980–1989"``), ``start``, ``end``,
        ``supplier_series``, ``supplier`` (display name), ``tiv`` and ``share``
        (0–1; the shares of a period sum to 1). Sorted by period, then by
        falling ``tiv``. Periods with no imports are left out.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier": ["Soviet Union", "Russia", "China"],
    ...     "supplier_code": ["SUN", "RUS", "CHN"],
    ...     "supplier_series": ["SUN+RUS", "SUN+RUS", "CHN"],
    ...     "recipient_code": ["IRN"] * 3,
    ...     "year": [1991, 1992, 1992], "tiv": [30.0, 10.0, 60.0]})
    >>> supplier_shares(frame, "IRN", [(1991, 1992)])[["supplier", "share"]].values.tolist()
    [['China', 0.6], ['Soviet Union/Russia', 0.4]]
    """
    if not periods:
        raise ValueError("no periods given")
    parts = []
    for start, end in periods:
        rows = window_rows(transfers, "recipient_code", recipient, start, end)
        if rows.empty:
            continue
        names = rows.groupby("supplier_series")["supplier"].first()
        part = rows.groupby("supplier_series")["tiv"].sum().astype("float64").reset_index()
        part = part[part["tiv"] > 0]
        part["supplier"] = [
            name(code) if code == SOVIET_RUSSIA else names[code] for code in part["supplier_series"]
        ]
        part["share"] = part["tiv"] / part["tiv"].sum()
        part.insert(0, "period", period_label(start, end))
        part.insert(1, "start", start)
        part.insert(2, "end", end)
        parts.append(part.sort_values(["tiv", "supplier"], ascending=[False, True]))
    if not parts:
        raise ValueError(f"recipient {recipient!r} imported nothing in the periods given")
    shares = pd.concat(parts, ignore_index=True)
    return shares.astype(
        {
            "period": "string",
            "start": "Int64",
            "end": "Int64",
            "supplier_series": "string",
            "supplier": "string",
        }
    )[["period", "start", "end", "supplier_series", "supplier", "tiv", "share"]]


def top_partners(
    transfers: pd.DataFrame, code: str, role: Role, start: int, end: int, n: int = 5
) -> pd.DataFrame:
    """Return the ``n`` largest partners of a state acting as supplier or recipient.

    With ``role="supplier"`` the partners are ``code``'s customers; with
    ``role="recipient"`` they are its suppliers (grouped by ``supplier_series``).

    Returns
    -------
    pandas.DataFrame
        Columns ``partner``, ``partner_code``, ``tiv``, ``share`` and ``rank``;
        at most ``n`` rows (more only when ties share the ``n``-th rank).

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier": ["Russia", "China", "Russia"],
    ...     "supplier_code": ["RUS", "CHN", "RUS"],
    ...     "supplier_series": ["SUN+RUS", "CHN", "SUN+RUS"],
    ...     "recipient": ["Iran", "Iran", "India"],
    ...     "recipient_code": ["IRN", "IRN", "IND"],
    ...     "year": [2000, 2000, 2000], "tiv": [5.0, 1.0, 9.0]})
    >>> top_partners(frame, "IRN", "recipient", 2000, 2000, n=1)["partner"].tolist()
    ['Soviet Union/Russia']
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    if role == "supplier":
        table = customer_table(transfers, code, start, end).rename(
            columns={"recipient": "partner", "recipient_code": "partner_code"}
        )
    elif role == "recipient":
        shares = supplier_shares(transfers, code, [(start, end)])
        table = pd.DataFrame(
            {
                "partner": shares["supplier"],
                "partner_code": shares["supplier_series"],
                "tiv": shares["tiv"],
                "share": shares["share"],
            }
        )
        table["rank"] = table["tiv"].rank(method="min", ascending=False).astype("int64")
        table = table.sort_values(["rank", "partner"], kind="stable").reset_index(drop=True)
    else:
        raise ValueError(f"role must be 'supplier' or 'recipient', not {role!r}")
    return table[table["rank"] <= n].reset_index(drop=True)


def group_minor_suppliers(
    shares: pd.DataFrame, keep: Sequence[str], other: str = "Others"
) -> pd.DataFrame:
    """Fold every supplier not in ``keep`` (series codes) into one ``other`` row per period.

    ``shares`` is the output of :func:`supplier_shares`; the result has the
    same columns, with ``supplier_series`` set to ``"OTHER"`` for the folded row.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier": ["Soviet Union", "China", "Libya"],
    ...     "supplier_code": ["SUN", "CHN", "LBY"],
    ...     "supplier_series": ["SUN+RUS", "CHN", "LBY"],
    ...     "recipient_code": ["IRN"] * 3,
    ...     "year": [1985, 1985, 1985], "tiv": [20.0, 60.0, 20.0]})
    >>> shares = supplier_shares(frame, "IRN", [(1985, 1985)])
    >>> group_minor_suppliers(shares, ["CHN"])[["supplier", "share"]].values.tolist()
    [['China', 0.6], ['Others', 0.4]]
    """
    kept = shares[shares["supplier_series"].isin(list(keep))]
    rest = shares[~shares["supplier_series"].isin(list(keep))]
    folded = (
        rest.groupby(["period", "start", "end"], sort=False)[["tiv", "share"]].sum().reset_index()
    )
    folded["supplier_series"] = "OTHER"
    folded["supplier"] = other
    combined = pd.concat([kept, folded[shares.columns]], ignore_index=True)
    order = {code: i for i, code in enumerate([*keep, "OTHER"])}
    combined["_order"] = combined["supplier_series"].map(order)
    combined = combined.sort_values(["start", "_order"], kind="stable").drop(columns="_order")
    return combined.reset_index(drop=True).astype(shares.dtypes.to_dict())


def customer_years(
    transfers: pd.DataFrame,
    supplier: str,
    start: int,
    end: int,
    top: int = 12,
    always: Sequence[str] = (),
    other: str = "Others",
) -> pd.DataFrame:
    """Return yearly deliveries to a supplier's largest customers, the rest folded.

    The ``top`` largest customers over the whole window, plus any recipient
    code in ``always``, keep their own rows; every other recipient is summed
    into ``other`` each year. Small enough to ship to a browser chart.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``recipient``, ``recipient_code`` (``"OTHER"`` for
        the folded row) and ``tiv``; only rows with deliveries.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS"] * 4, "recipient": ["India", "China", "Iran", "Peru"],
    ...     "recipient_code": ["IND", "CHN", "IRN", "PER"],
    ...     "year": [2000, 2000, 2001, 2001], "tiv": [9.0, 8.0, 1.0, 2.0]})
    >>> customer_years(frame, "RUS", 2000, 2001, top=1, always=["IRN"])["recipient"].tolist()
    ['India', 'Others', 'Iran', 'Others']
    """
    table = customer_table(transfers, supplier, start, end)
    chosen = set(table["recipient"].head(top)) | set(
        table.loc[table["recipient_code"].isin(list(always)), "recipient"]
    )
    rows = window_rows(transfers, "supplier_code", supplier, start, end)
    named = rows["recipient"].isin(chosen)
    labels = rows["recipient"].where(named, other)
    codes = rows["recipient_code"].where(named, "OTHER")
    frame = pd.DataFrame(
        {
            "year": rows["year"].astype("int64"),
            "recipient": labels.astype("string"),
            "recipient_code": codes.astype("string"),
            "tiv": rows["tiv"].astype("float64"),
        }
    )
    grouped = (
        frame.groupby(["year", "recipient", "recipient_code"], dropna=False, sort=False)["tiv"]
        .sum()
        .reset_index()
    )
    grouped["_other"] = grouped["recipient_code"].eq("OTHER")
    grouped = grouped[grouped["tiv"] > 0].sort_values(
        ["year", "_other", "tiv"], ascending=[True, True, False], kind="stable"
    )
    return grouped.drop(columns="_other").reset_index(drop=True)


def rank_in_window(transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int,
                   rank: int) -> Check:
    """Check that ``recipient`` is ``supplier``'s customer number ``rank`` over a window.

    Figures, for the window's label ``<start>`` (one year) or ``<start>_<end>``:
    ``rank_…``, ``tiv_…`` (millions of TIV), ``share_…`` (0–1), ``leaders_…``
    (the top three's names) and ``customers_…``.

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["RUS"] * 3,
    ...     "recipient": ["Iran", "India", "China"], "recipient_code": ["IRN", "IND", "CHN"],
    ...     "year": [2000] * 3, "tiv": [5.0, 15.0, 20.0]})
    >>> check = rank_in_window(frame, "RUS", "IRN", 2000, 2000, 3)
    >>> check.holds, check.figures["rank_2000"], check.sentence
    (True, 3, "Iran ranks 3 of 3 among Russia's arms customers in 2000, with 5 million TIV (12.5%); the top three: China, India, Iran.")
    """
    label = f"{start}" if start == end else f"{start}_{end}"
    period = f"{start}" if start == end else period_label(start, end)
    try:
        found = customer_rank(transfers, supplier, recipient, start, end)
    except ValueError:
        return Check("rank_in_window", False, {f"rank_{label}": None},
                     f"{name(recipient)} received no arms from {name(supplier)} in "
                     f"{period}.")
    figures = {f"rank_{label}": found.rank, f"tiv_{label}": found.tiv, f"share_{label}": found.share,
               f"leaders_{label}": list(found.leaders), f"customers_{label}": found.n_customers}
    return Check(
        "rank_in_window", found.rank == rank, figures,
        f"{name(recipient)} ranks {found.rank} of {found.n_customers} among {name(supplier)}'s arms "
        f"customers in {period}, with {found.tiv:,.0f} million TIV "
        f"({found.share:.1%}); the top three: {', '.join(found.leaders)}.",
    )
