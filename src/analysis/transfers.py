"""Arms transfers: yearly SIPRI TIV series between states.

All values are millions of SIPRI trend-indicator values (TIV), a volume index
of military capability transferred, not a price: sums and shares are
meaningful, dollar readings are not.
"""

from __future__ import annotations

import pandas as pd

#: Series code joining the Soviet Union (to 1991) and Russia (from 1992).
SOVIET_RUSSIA = "SUN+RUS"

#: Plain-language names for the series codes used in charts and text.
SERIES_NAMES: dict[str, str] = {
    SOVIET_RUSSIA: "Soviet Union/Russia",
    "SUN": "Soviet Union",
    "RUS": "Russia",
    "IRN": "Iran",
    "IRQ": "Iraq",
    "CHN": "China",
    "USA": "United States",
    "PRK": "North Korea",
}

_SERIES_MEMBERS: dict[str, frozenset[str]] = {SOVIET_RUSSIA: frozenset({"SUN", "RUS"})}


def series_name(code: str) -> str:
    """Return the display name of a series code.

    Examples
    --------
    >>> series_name("SUN+RUS")
    'Soviet Union/Russia'
    """
    return SERIES_NAMES.get(code, code)


def members(code: str) -> frozenset[str]:
    """Return the country codes a series code stands for.

    Examples
    --------
    >>> sorted(members("SUN+RUS"))
    ['RUS', 'SUN']
    >>> sorted(members("IRN"))
    ['IRN']
    """
    return _SERIES_MEMBERS.get(code, frozenset({code}))


def _check_years(transfers: pd.DataFrame, start: int, end: int) -> None:
    if start > end:
        raise ValueError(f"empty year window: start {start} is after end {end}")
    first, last = int(transfers["year"].min()), int(transfers["year"].max())
    if start < first or end > last:
        raise ValueError(
            f"year window {start}–{end} is outside the data's {first}–{last}"
        )


def _check_code(transfers: pd.DataFrame, code: str) -> None:
    known = set(transfers["supplier_code"].dropna()) | set(transfers["recipient_code"].dropna())
    if not members(code) <= known:
        raise ValueError(f"unknown country or series code {code!r}")


def tiv_by_year(
    transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int
) -> pd.DataFrame:
    """Return yearly deliveries from ``supplier`` to ``recipient``, every year filled.

    Parameters
    ----------
    transfers
        The package's ``arms_transfers`` table.
    supplier, recipient
        ISO 3166 alpha-3 codes, or ``"SUN+RUS"`` for the Soviet Union and
        Russia joined into one series (each year comes from exactly one of
        them, so nothing is counted twice).
    start, end
        First and last year, inclusive.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (Int64) and ``tiv`` (Float64, 0 where SIPRI records
        no delivery).

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["SUN", "RUS", "RUS"], "recipient_code": ["IRN", "IRN", "IRQ"],
    ...     "year": [1991, 1993, 1993], "tiv": [10.0, 4.0, 7.0]})
    >>> tiv_by_year(frame, "SUN+RUS", "IRN", 1991, 1993)["tiv"].tolist()
    [10.0, 0.0, 4.0]
    """
    _check_years(transfers, start, end)
    _check_code(transfers, supplier)
    _check_code(transfers, recipient)
    rows = transfers[
        transfers["supplier_code"].isin(members(supplier))
        & transfers["recipient_code"].isin(members(recipient))
        & transfers["year"].between(start, end)
    ]
    totals = rows.groupby("year")["tiv"].sum()
    years = pd.RangeIndex(start, end + 1, name="year")
    series = totals.reindex(years, fill_value=0.0).astype("Float64")
    return pd.DataFrame(
        {"year": pd.array(years, dtype="Int64"), "tiv": series.to_numpy(dtype="float64")}
    ).astype({"tiv": "Float64"})


def flows_between(
    transfers: pd.DataFrame, first: str, second: str, start: int, end: int
) -> pd.DataFrame:
    """Return deliveries in both directions between two states, long form.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``supplier``, ``recipient``, ``flow`` (a label such
        as ``"Soviet Union/Russia → Iran"``) and ``tiv``; one row per year and
        direction.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS", "IRN"], "recipient_code": ["IRN", "RUS"],
    ...     "year": [2022, 2023], "tiv": [5.0, 60.0]})
    >>> flows_between(frame, "RUS", "IRN", 2022, 2023)["flow"].unique().tolist()
    ['Russia → Iran', 'Iran → Russia']
    """
    parts = []
    for supplier, recipient in ((first, second), (second, first)):
        part = tiv_by_year(transfers, supplier, recipient, start, end)
        part.insert(1, "supplier", series_name(supplier))
        part.insert(2, "recipient", series_name(recipient))
        part.insert(3, "flow", f"{series_name(supplier)} → {series_name(recipient)}")
        parts.append(part)
    flows = pd.concat(parts, ignore_index=True)
    return flows.astype({"supplier": "string", "recipient": "string", "flow": "string"})


def first_reversal_year(flows: pd.DataFrame, supplier: str, recipient: str) -> int | None:
    """Return the first year in which ``supplier`` delivered more to ``recipient`` than back.

    ``flows`` is the output of :func:`flows_between`; names are display names.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS", "IRN", "RUS"], "recipient_code": ["IRN", "RUS", "IRN"],
    ...     "year": [2021, 2022, 2022], "tiv": [5.0, 60.0, 1.0]})
    >>> first_reversal_year(flows_between(frame, "RUS", "IRN", 2021, 2022), "Iran", "Russia")
    2022
    """
    wide = flows.pivot_table(index="year", columns="supplier", values="tiv", aggfunc="sum")
    if supplier not in wide or recipient not in wide:
        raise ValueError(f"flows hold no series for {supplier!r} and {recipient!r}")
    ahead = wide[supplier] > wide[recipient]
    years = ahead[ahead].index
    return int(years[0]) if len(years) else None


def flow_summary(flows: pd.DataFrame, first: str, second: str) -> dict[str, float | int]:
    """Return the headline figures of a two-way flow for the book's text.

    Keys: ``out_total`` and ``back_total`` (sums of ``first`` → ``second`` and
    back), ``out_peak_year`` and ``out_peak_tiv`` (the largest yearly delivery
    from ``first``), ``back_first_year`` (first year with any delivery back,
    0 if none), ``start`` and ``end`` (the window).

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS", "RUS", "IRN"], "recipient_code": ["IRN", "IRN", "RUS"],
    ...     "year": [2021, 2022, 2022], "tiv": [5.0, 9.0, 60.0]})
    >>> flows = flows_between(frame, "RUS", "IRN", 2021, 2022)
    >>> flow_summary(flows, "Russia", "Iran")["out_peak_year"]
    2022
    """
    out = flows[(flows["supplier"] == first) & (flows["recipient"] == second)]
    back = flows[(flows["supplier"] == second) & (flows["recipient"] == first)]
    if out.empty or back.empty:
        raise ValueError(f"flows hold no series between {first!r} and {second!r}")
    peak = out.loc[out["tiv"].astype("float64").idxmax()]
    delivered_back = back[back["tiv"] > 0]
    return {
        "out_total": float(out["tiv"].sum()),
        "back_total": float(back["tiv"].sum()),
        "out_peak_year": int(peak["year"]),
        "out_peak_tiv": float(peak["tiv"]),
        "back_first_year": int(delivered_back["year"].min()) if len(delivered_back) else 0,
        "start": int(flows["year"].min()),
        "end": int(flows["year"].max()),
    }
