"""Arms transfers: yearly SIPRI TIV series and flows between states.

All values are millions of SIPRI trend-indicator values (TIV), a volume index
of military capability transferred, not a price: sums and shares are
meaningful, dollar readings are not. Codes are ISO 3166 alpha-3, or a series
code such as ``"SUN+RUS"`` (:data:`analysis.names.SOVIET_RUSSIA`) joining the
Soviet Union and Russia; names come from :mod:`analysis.names`. A ``transfers``
argument is always the package's ``arms_transfers`` table. Customer ranks and
supplier shares live in :mod:`analysis.ranks`.
"""

from __future__ import annotations

import pandas as pd

from analysis.checks import Check
from analysis.guards import check_window
from analysis.names import dyad_name, members, name
from analysis.wording import join_words


def check_code(transfers: pd.DataFrame, code: str) -> None:
    """Reject a state or series code none of whose members appears in the table.

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["SUN"], "recipient_code": ["IRN"]})
    >>> check_code(frame, "XXX")
    Traceback (most recent call last):
    ...
    ValueError: unknown country or series code 'XXX'
    """
    known = set(transfers["supplier_code"].dropna()) | set(transfers["recipient_code"].dropna())
    if not members(code) <= known:
        raise ValueError(f"unknown country or series code {code!r}")


def window_rows(
    transfers: pd.DataFrame, column: str, code: str, start: int, end: int
) -> pd.DataFrame:
    """Return the rows whose ``column`` holds a member of ``code``, within a window.

    ``column`` is ``supplier_code`` or ``recipient_code``; the window and the
    code are checked first.

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["SUN", "RUS", "CHN"],
    ...     "recipient_code": ["IRN"] * 3, "year": [1991, 1992, 1992]})
    >>> window_rows(frame, "supplier_code", "SUN+RUS", 1991, 1992)["year"].tolist()
    [1991, 1992]
    """
    check_window(transfers, start, end)
    check_code(transfers, code)
    return transfers[
        transfers[column].isin(members(code)) & transfers["year"].between(start, end)
    ]


def tiv_by_year(
    transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int
) -> pd.DataFrame:
    """Return yearly deliveries from ``supplier`` to ``recipient``, every year filled.

    Parameters
    ----------
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
    rows = window_rows(transfers, "supplier_code", supplier, start, end)
    check_code(transfers, recipient)
    rows = rows[rows["recipient_code"].isin(members(recipient))]
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
        part.insert(1, "supplier", name(supplier))
        part.insert(2, "recipient", name(recipient))
        part.insert(3, "flow", dyad_name(f"{supplier}-{recipient}"))
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


def net_flow(
    transfers: pd.DataFrame, first: str, second: str, start: int, end: int
) -> pd.DataFrame:
    """Return yearly deliveries each way between two states and their balance.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``first_to_second``, ``second_to_first`` and ``net``
        (``first_to_second - second_to_first``), every year of the window.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS", "IRN"], "recipient_code": ["IRN", "RUS"],
    ...     "year": [2022, 2022], "tiv": [5.0, 60.0]})
    >>> net_flow(frame, "RUS", "IRN", 2022, 2022)["net"].tolist()
    [-55.0]
    """
    out = tiv_by_year(transfers, first, second, start, end)
    back = tiv_by_year(transfers, second, first, start, end)
    frame = pd.DataFrame(
        {
            "year": out["year"],
            "first_to_second": out["tiv"].astype("float64"),
            "second_to_first": back["tiv"].astype("float64"),
        }
    )
    frame["net"] = frame["first_to_second"] - frame["second_to_first"]
    return frame


def reversal_year(
    transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int
) -> int | None:
    """Return the first year ``supplier`` delivered more to ``recipient`` than it got back.

    A convenience wrapper of :func:`flows_between` and :func:`first_reversal_year`.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS", "IRN"], "recipient_code": ["IRN", "RUS"],
    ...     "year": [2021, 2022], "tiv": [5.0, 60.0]})
    >>> reversal_year(frame, "IRN", "RUS", 2021, 2022)
    2022
    """
    flows = flows_between(transfers, supplier, recipient, start, end)
    return first_reversal_year(flows, name(supplier), name(recipient))


def flows_to_recipients(
    transfers: pd.DataFrame, supplier: str, recipients: dict[str, str], start: int, end: int
) -> pd.DataFrame:
    """Return yearly deliveries from one supplier to several recipients, long form.

    ``recipients`` maps codes to the display names used in the ``recipient``
    column; every year of the window is present for each recipient.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["SUN", "SUN"], "recipient_code": ["IRQ", "IRN"],
    ...     "year": [1985, 1986], "tiv": [9.0, 1.0]})
    >>> names = {"IRQ": "Iraq", "IRN": "Iran"}
    >>> flows_to_recipients(frame, "SUN", names, 1985, 1986)["tiv"].tolist()
    [9.0, 0.0, 0.0, 1.0]
    """
    parts = []
    for code, label in recipients.items():
        part = tiv_by_year(transfers, supplier, code, start, end)
        part.insert(1, "recipient", label)
        parts.append(part)
    if not parts:
        raise ValueError("no recipients given")
    flows = pd.concat(parts, ignore_index=True)
    return flows.astype({"recipient": "string", "tiv": "float64"})


def total_tiv(transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int) -> float:
    """Return the sum of deliveries from ``supplier`` to ``recipient`` over a window.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["SUN", "RUS", "RUS"], "recipient_code": ["IRN", "IRN", "IRQ"],
    ...     "year": [1991, 1993, 1993], "tiv": [10.0, 4.0, 7.0]})
    >>> total_tiv(frame, "SUN+RUS", "IRN", 1991, 1993)
    14.0
    """
    return float(tiv_by_year(transfers, supplier, recipient, start, end)["tiv"].sum())


def first_delivery_year(
    transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int
) -> int | None:
    """Return the first year of a window with any delivery, or ``None`` if there is none.

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["RUS", "RUS"], "recipient_code": ["IRN", "IRN"],
    ...     "year": [1992, 1994], "tiv": [0.0, 4.0]})
    >>> first_delivery_year(frame, "RUS", "IRN", 1992, 1994)
    1994
    >>> first_delivery_year(frame, "RUS", "IRN", 1992, 1993) is None
    True
    """
    series = tiv_by_year(transfers, supplier, recipient, start, end)
    delivered = series[series["tiv"] > 0]
    return int(delivered["year"].min()) if len(delivered) else None


def first_delivery(transfers: pd.DataFrame, supplier: str, recipient: str, start: int, end: int,
                   earliest: int | None = None, latest: int | None = None) -> Check:
    """Check that deliveries began within ``earliest``–``latest`` (either may be open).

    The first delivery year is searched in ``start``–``end``; no delivery at all
    fails the check. Figures: ``first_delivery_year`` and ``tiv`` (the
    window's total, millions of TIV).

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["RUS"] * 3, "recipient_code": ["IRN"] * 3,
    ...     "year": [1992, 1996, 2001], "tiv": [0.0, 40.0, 0.0]})
    >>> check = first_delivery(frame, "RUS", "IRN", 1992, 2001, latest=1999)
    >>> check.holds, check.sentence
    (True, 'First arms delivery from Russia to Iran in 1992–2001 (SIPRI): 1996; 40 million TIV in all.')
    >>> first_delivery(frame, "RUS", "IRN", 1992, 1995).sentence
    'No arms delivery from Russia to Iran in 1992–1995 (SIPRI).'
    """
    first = first_delivery_year(transfers, supplier, recipient, start, end)
    tiv = total_tiv(transfers, supplier, recipient, start, end)
    figures: dict[str, object] = {"first_delivery_year": first, "tiv": tiv}
    if first is None:
        return Check("first_delivery", False, figures,
                     f"No arms delivery from {name(supplier)} to {name(recipient)} in "
                     f"{start}–{end} (SIPRI).")
    holds = (earliest is None or first >= earliest) and (latest is None or first <= latest)
    return Check("first_delivery", holds, figures,
                 f"First arms delivery from {name(supplier)} to {name(recipient)} in "
                 f"{start}–{end} (SIPRI): {first}; {tiv:,.0f} million TIV in all.")


def delivers_more(transfers: pd.DataFrame, supplier: str, first: str, second: str, start: int,
                  end: int) -> Check:
    """Check that ``supplier`` delivered more arms to ``first`` than to ``second`` in a window.

    Figures: ``tiv_<first>`` and ``tiv_<second>`` (millions of TIV).

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["SUN", "SUN"], "recipient_code": ["IRQ", "IRN"],
    ...     "year": [1980, 1988], "tiv": [1700.0, 5.0]})
    >>> check = delivers_more(frame, "SUN", "IRQ", "IRN", 1980, 1988)
    >>> check.holds, check.sentence
    (True, 'Arms delivered by Soviet Union in 1980–1988 (SIPRI): 1,700 million TIV to Iraq, 5 million to Iran.')
    """
    tiv = {code: total_tiv(transfers, supplier, code, start, end) for code in (first, second)}
    return Check("delivers_more", tiv[first] > tiv[second],
                 {f"tiv_{first}": tiv[first], f"tiv_{second}": tiv[second]},
                 f"Arms delivered by {name(supplier)} in {start}–{end} (SIPRI): "
                 f"{tiv[first]:,.0f} million TIV to {name(first)}, {tiv[second]:,.0f} million to "
                 f"{name(second)}.")


def sipri_releases(transfers: pd.DataFrame) -> dict[str, int]:
    """Return the two SIPRI releases the arms table combines and the years each covers.

    Keys: ``release_old`` and its last year ``release_old_last_year``,
    ``release_new`` and its first year ``release_new_first_year`` (from the
    table's ``sipri_release`` column).

    Examples
    --------
    >>> frame = pd.DataFrame({"sipri_release": [2023, 2023, 2025], "year": [1950, 2019, 2020]})
    >>> sipri_releases(frame)
    {'release_old': 2023, 'release_old_last_year': 2019, 'release_new': 2025, \
'release_new_first_year': 2020}
    """
    releases = transfers.groupby("sipri_release")["year"].agg(["min", "max"])
    return {
        "release_old": int(releases.index.min()),
        "release_old_last_year": int(releases["max"].iloc[0]),
        "release_new": int(releases.index.max()),
        "release_new_first_year": int(releases["min"].iloc[-1]),
    }


def net_flow_summary(arms: pd.DataFrame, first: str, second: str, start: int, end: int) -> dict[str, object]:
    """Return the two-way arms flow over ``start``–``end`` as the text quotes it.

    ``first_to_second`` and ``second_to_first`` are the window's sums (TIV),
    ``ahead_years`` the years ``first`` delivered more, in words, and
    ``last_year`` the window's last year (:func:`net_flow`).

    Examples
    --------
    >>> arms = pd.DataFrame({"supplier_code": ["IRN", "RUS", "RUS"], "recipient_code": ["RUS", "IRN", "IRN"],
    ...     "year": [2022, 2021, 2022], "tiv": [60.0, 4.0, 5.0]})
    >>> net_flow_summary(arms, "IRN", "RUS", 2021, 2022)
    {'first_to_second': 60.0, 'second_to_first': 9.0, 'ahead_years': '2022', 'last_year': 2022}
    """
    net = net_flow(arms, first, second, start, end)
    ahead = net.loc[net["net"] > 0, "year"].astype(int).tolist()
    return {"first_to_second": float(net["first_to_second"].sum()),
            "second_to_first": float(net["second_to_first"].sum()),
            "ahead_years": join_words([str(year) for year in ahead]), "last_year": int(net["year"].max())}
