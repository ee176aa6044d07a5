"""Arms deals: SIPRI's trade register of orders and deliveries involving Iran.

The package's ``arms_deals`` table holds one row per order in which Iran is
the supplier or the recipient. Numbers are units; ``number_delivered`` counts
deliveries to the end of 2024 (SIPRI's March 2025 release), so an order with
fewer units delivered than ordered may still be in progress, stalled or
quietly abandoned: the register alone does not say which.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.checks import Check, count_words
from analysis.names import members, name

_COLUMNS = [
    "deal_id",
    "supplier",
    "supplier_code",
    "recipient",
    "recipient_code",
    "order_year",
    "designation",
    "description",
    "number_ordered",
    "number_delivered",
    "first_delivery_year",
    "last_delivery_year",
    "status",
    "comments",
]


#: Columns of :func:`ordered_vs_delivered`, also those of its empty result.
ORDER_COLUMNS = [
    "designation",
    "description",
    "order_year",
    "number_ordered",
    "number_delivered",
    "undelivered",
    "first_delivery_year",
    "last_delivery_year",
    "status",
    "progress",
]

#: Columns :func:`deal_history` adds to the register's own.
HISTORY_COLUMNS = ["matched_in", "comment_years"]


def whole(value: object) -> int | None:
    """Return a count or year as an ``int``, or ``None`` where it is missing.

    Examples
    --------
    >>> whole(4.0), whole(pd.NA), whole(None)
    (4, None, None)
    """
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def _check_party(deals: pd.DataFrame, column: str, code: str) -> None:
    known = set(deals[column].dropna())
    if not members(code) & known:
        raise ValueError(f"unknown {column.removesuffix('_code')} code {code!r} in the deals")


def deals_between(deals: pd.DataFrame, supplier: str, recipient: str) -> pd.DataFrame:
    """Return every order placed with ``supplier`` by ``recipient``.

    Parameters
    ----------
    deals
        The package's ``arms_deals`` table.
    supplier, recipient
        ISO 3166 alpha-3 codes, or ``"SUN+RUS"`` for the Soviet Union and
        Russia joined.

    Returns
    -------
    pandas.DataFrame
        The matching rows, sorted by order year then designation, index reset.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["SUN", "RUS", "CHN"], "recipient_code": ["IRN"] * 3,
    ...     "order_year": [1989, 2015, 1990], "designation": ["MiG-29", "S-300", "J-7"]})
    >>> deals_between(frame, "SUN+RUS", "IRN")["designation"].tolist()
    ['MiG-29', 'S-300']
    """
    _check_party(deals, "supplier_code", supplier)
    _check_party(deals, "recipient_code", recipient)
    rows = deals[
        deals["supplier_code"].isin(members(supplier))
        & deals["recipient_code"].isin(members(recipient))
    ]
    return rows.sort_values(["order_year", "designation"], kind="stable").reset_index(drop=True)


def delivery_lags(deals: pd.DataFrame) -> pd.DataFrame:
    """Return the years from order to first delivery, for deals with a delivery.

    Returns
    -------
    pandas.DataFrame
        The delivered rows with a new column ``lag_years`` (Int64,
        ``first_delivery_year - order_year``; 0 when delivered the year of the order).

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "designation": ["S-300", "Su-35"], "order_year": [2015, 2023],
    ...     "first_delivery_year": pd.array([2016, None], dtype="Int64")})
    >>> delivery_lags(frame)[["designation", "lag_years"]].values.tolist()
    [['S-300', 1]]
    """
    rows = deals[deals["first_delivery_year"].notna() & deals["order_year"].notna()].copy()
    rows["lag_years"] = (
        rows["first_delivery_year"].astype("Int64") - rows["order_year"].astype("Int64")
    )
    return rows.reset_index(drop=True)


def _progress(ordered: object, delivered: object) -> str:
    if pd.isna(delivered) or delivered == 0:
        return "none delivered"
    if pd.isna(ordered):
        return "delivered, number ordered unknown"
    return "delivered in full" if delivered >= ordered else "partly delivered"


def ordered_vs_delivered(
    deals: pd.DataFrame, supplier: str, recipient: str, since: int | None = None
) -> pd.DataFrame:
    """Compare units ordered with units delivered, per order.

    Parameters
    ----------
    deals
        The package's ``arms_deals`` table.
    supplier, recipient
        Codes as in :func:`deals_between`.
    since
        Keep only orders placed in this year or later.

    Returns
    -------
    pandas.DataFrame
        Columns ``designation``, ``description``, ``order_year``,
        ``number_ordered``, ``number_delivered``, ``undelivered`` (ordered minus
        delivered where both are known, else missing), ``first_delivery_year``,
        ``last_delivery_year``, ``status`` (SIPRI's new/second-hand status) and
        ``progress`` (``"delivered in full"``, ``"partly delivered"``,
        ``"none delivered"`` or ``"delivered, number ordered unknown"``).

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["IRN", "IRN"], "recipient_code": ["RUS", "RUS"],
    ...     "order_year": [2022, 2023], "designation": ["Shahed-136", "Fath-360"],
    ...     "description": ["drone", "missile"],
    ...     "number_ordered": pd.array([6600, None], dtype="Int64"),
    ...     "number_delivered": pd.array([4600, 200], dtype="Int64"),
    ...     "first_delivery_year": pd.array([2022, 2024], dtype="Int64"),
    ...     "last_delivery_year": pd.array([2024, 2024], dtype="Int64"),
    ...     "status": ["New", "New"]})
    >>> table = ordered_vs_delivered(frame, "IRN", "RUS")
    >>> table["undelivered"].tolist()
    [2000, <NA>]
    >>> table["progress"].tolist()
    ['partly delivered', 'delivered, number ordered unknown']
    """
    rows = deals_between(deals, supplier, recipient)
    if since is not None:
        rows = rows[rows["order_year"] >= since]
        if rows.empty:
            raise ValueError(f"no orders from {recipient!r} to {supplier!r} since {since}")
    ordered = rows["number_ordered"].astype("Int64")
    delivered = rows["number_delivered"].astype("Int64")
    table = pd.DataFrame(
        {
            "designation": rows["designation"].astype("string"),
            "description": rows["description"].astype("string"),
            "order_year": rows["order_year"].astype("Int64"),
            "number_ordered": ordered,
            "number_delivered": delivered,
            "undelivered": ordered - delivered,
            "first_delivery_year": rows["first_delivery_year"].astype("Int64"),
            "last_delivery_year": rows["last_delivery_year"].astype("Int64"),
            "status": rows["status"].astype("string"),
            "progress": pd.array(
                [_progress(o, d) for o, d in zip(ordered, delivered, strict=True)],
                dtype="string",
            ),
        }
    )
    return table.reset_index(drop=True)


def deal_history(
    deals: pd.DataFrame, supplier: str, recipient: str, designation_pattern: str
) -> pd.DataFrame:
    """Return the orders whose designation or comments match a pattern.

    The pattern is a case-insensitive regular expression. It is searched in
    ``designation`` *and* in SIPRI's free-text ``comments``, because some
    orders exist in the register only as a remark on a later deal: the 2007
    order for S-300PMU-1 systems, cancelled by Russia in 2010, has no row of
    its own and is recorded only in the comment on the 2015 S-300PMU2 order.
    The column ``matched_in`` says where the pattern was found
    (``"designation"``, ``"comments"`` or ``"designation; comments"``) and
    ``comment_years`` lists the four-digit years the comment mentions, so a
    chapter can report such orders without reading the text by hand.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "supplier_code": ["RUS", "RUS"], "recipient_code": ["IRN", "IRN"],
    ...     "order_year": [2015, 2015], "designation": ["S-300PMU2", "48N6"],
    ...     "comments": ["replacing 2007 order for S-300PMU-1 cancelled 2010",
    ...                  "For S-300PMU-2 SAM systems"]})
    >>> history = deal_history(frame, "RUS", "IRN", r"S-300")
    >>> history[["designation", "matched_in"]].values.tolist()
    [['48N6', 'comments'], ['S-300PMU2', 'designation; comments']]
    >>> history["comment_years"].tolist()
    ['', '2007; 2010']
    """
    try:
        regex = re.compile(designation_pattern, flags=re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"invalid pattern {designation_pattern!r}: {error}") from None
    rows = deals_between(deals, supplier, recipient)
    in_designation = rows["designation"].fillna("").map(lambda s: bool(regex.search(s)))
    in_comments = rows["comments"].fillna("").map(lambda s: bool(regex.search(s)))
    hits = rows[in_designation | in_comments].copy()
    if hits.empty:
        raise ValueError(
            f"no order from {supplier!r} to {recipient!r} matches {designation_pattern!r}"
        )
    where = [
        "; ".join(part for part, flag in (("designation", d), ("comments", c)) if flag)
        for d, c in zip(in_designation[hits.index], in_comments[hits.index], strict=True)
    ]
    hits["matched_in"] = pd.array(where, dtype="string")
    hits["comment_years"] = pd.array(
        ["; ".join(re.findall(r"\b(?:19|20)\d\d\b", text)) for text in hits["comments"].fillna("")],
        dtype="string",
    )
    keep = [c for c in _COLUMNS if c in hits.columns] + HISTORY_COLUMNS
    return hits[keep].reset_index(drop=True)


def order_facts(orders: pd.DataFrame, designation: str) -> dict[str, object]:
    """Return the facts the text quotes about one order, by designation.

    ``orders`` is the output of :func:`ordered_vs_delivered`. Unknown values
    are ``None``; ``delivered_share`` is delivered over ordered where both are
    known.

    Examples
    --------
    >>> orders = pd.DataFrame({"designation": ["Shahed-136"], "order_year": [2022],
    ...     "number_ordered": [6600.0], "number_delivered": [4600.0],
    ...     "first_delivery_year": [2022.0], "last_delivery_year": [2024.0]})
    >>> facts = order_facts(orders, "Shahed-136")
    >>> facts["ordered"], facts["delivered"], round(facts["delivered_share"], 2)
    (6600, 4600, 0.7)
    """
    matches = orders[orders["designation"] == designation]
    if matches.empty:
        known = ", ".join(sorted(set(orders["designation"].astype(str))))
        raise ValueError(f"no order of {designation!r}; orders are for: {known}")
    row = matches.iloc[0]
    ordered, delivered = whole(row["number_ordered"]), whole(row["number_delivered"])
    return {
        "ordered": ordered,
        "delivered": delivered if delivered is not None else 0,
        "order_year": whole(row["order_year"]),
        "first_delivery_year": whole(row["first_delivery_year"]),
        "last_delivery_year": whole(row["last_delivery_year"]),
        "delivered_share": (delivered / ordered) if ordered and delivered is not None else None,
    }


def orders_since(deals: pd.DataFrame, supplier: str, recipient: str, since: int) -> pd.DataFrame:
    """Return :func:`ordered_vs_delivered` from ``since`` on, or an empty table if none.

    Unlike :func:`ordered_vs_delivered`, no order in the window is not an
    error: the result then has the same columns and no rows.

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["RUS"], "recipient_code": ["IRN"],
    ...     "order_year": [2015], "designation": ["S-300PMU2"], "description": ["SAM"],
    ...     "number_ordered": [4], "number_delivered": [4], "first_delivery_year": [2016],
    ...     "last_delivery_year": [2016], "status": ["New"]})
    >>> len(orders_since(frame, "RUS", "IRN", 2015)), len(orders_since(frame, "RUS", "IRN", 2020))
    (1, 0)
    """
    try:
        return ordered_vs_delivered(deals, supplier, recipient, since=since)
    except ValueError:
        return pd.DataFrame(columns=ORDER_COLUMNS)


def history_or_empty(
    deals: pd.DataFrame, supplier: str, recipient: str, designation_pattern: str
) -> pd.DataFrame:
    """Return :func:`deal_history`, or an empty table where no order matches.

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["RUS"], "recipient_code": ["IRN"],
    ...     "order_year": [2015], "designation": ["S-300PMU2"], "comments": [None]})
    >>> len(history_or_empty(frame, "RUS", "IRN", "S-400"))
    0
    """
    try:
        return deal_history(deals, supplier, recipient, designation_pattern)
    except ValueError:
        return pd.DataFrame(columns=[*_COLUMNS, *HISTORY_COLUMNS])


def matching(table: pd.DataFrame, column: str, pattern: str) -> pd.DataFrame:
    """Return the rows whose ``column`` matches a case-insensitive regular expression.

    Examples
    --------
    >>> table = pd.DataFrame({"description": ["one-way attack drone", "missile", None]})
    >>> matching(table, "description", r"drone|UAV").index.tolist()
    [0]
    """
    regex = re.compile(pattern, flags=re.IGNORECASE)
    return table[table[column].fillna("").map(lambda s: bool(regex.search(str(s))))]


def supply_summary(rows: pd.DataFrame) -> dict[str, object]:
    """Sum up a selection of orders (rows of :func:`ordered_vs_delivered`).

    Returns
    -------
    dict
        ``designations`` (joined by ``"; "``), ``by_designation`` (designation
        to ``(ordered, delivered, first delivery year)``), ``units_ordered``
        (``None`` unless every order's number is known), ``units_delivered``
        and ``first_delivery_year`` (``None`` if nothing was delivered).

    Examples
    --------
    >>> rows = pd.DataFrame({"designation": ["Shahed-136", "Fath-360"],
    ...     "number_ordered": pd.array([6600, None], dtype="Int64"),
    ...     "number_delivered": pd.array([4600, 200], dtype="Int64"),
    ...     "first_delivery_year": pd.array([2022, 2024], dtype="Int64")})
    >>> summary = supply_summary(rows)
    >>> summary["units_ordered"], summary["units_delivered"], summary["first_delivery_year"]
    (None, 4800, 2022)
    >>> summary["by_designation"]["Fath-360"]
    (None, 200, 2024)
    """
    delivered = rows[rows["number_delivered"].fillna(0) > 0]
    ordered_known = rows["number_ordered"].notna().all() and len(rows)
    return {
        "designations": "; ".join(rows["designation"].astype(str)),
        "by_designation": {
            str(r["designation"]): (
                whole(r["number_ordered"]),
                whole(r["number_delivered"]),
                whole(r["first_delivery_year"]),
            )
            for _, r in rows.iterrows()
        },
        "units_ordered": int(rows["number_ordered"].sum()) if ordered_known else None,
        "units_delivered": int(rows["number_delivered"].fillna(0).sum()),
        "first_delivery_year": whole(delivered["first_delivery_year"].min())
        if len(delivered)
        else None,
    }


def _selected(deals: pd.DataFrame, supplier: str, recipient: str, pattern: str | None,
              since: int | None, comments: bool = False) -> pd.DataFrame:
    """Orders between two states from ``since``, whose designation or description match."""
    rows = deals_between(deals, supplier, recipient)
    if since is not None:
        rows = rows[rows["order_year"] >= since]
    if pattern is None:
        return rows.assign(in_comments=False)
    text = rows["designation"].fillna("") + " " + rows["description"].fillna("")
    own = text.str.contains(pattern, case=False, regex=True)
    noted = (rows["comments"].fillna("").str.contains(pattern, case=False, regex=True)
             if comments else pd.Series(False, index=rows.index))
    return rows[own | noted].assign(in_comments=~own[own | noted])


def order_on_record(deals: pd.DataFrame, supplier: str, recipient: str, what: str, key: str, *,
                    pattern: str | None = None, since: int | None = None, by: int | None = None,
                    comments: bool = False, gate: bool = False) -> Check:
    """Check that SIPRI's register holds an order of ``what``, placed by ``by`` if given.

    ``pattern`` (a case-insensitive regular expression) selects orders by
    designation or description; with ``comments`` an order SIPRI mentions only
    in a remark on a later one ("replacing 2007 order…") counts too, dated by
    the remark's first year. No order fails the check or, with ``gate``,
    leaves nothing relevant on record (``holds`` is ``None``). Figures:
    ``<key>_first_order_year``, ``<key>_order_years`` (the register's own
    rows) and ``<key>_ordered`` (units).

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["RUS"], "recipient_code": ["IRN"],
    ...     "order_year": [2015], "designation": ["S-300PMU2"], "description": ["SAM system"],
    ...     "number_ordered": [4], "comments": ["replacing 2007 order cancelled 2010"]})
    >>> check = order_on_record(frame, "RUS", "IRN", "S-300 system", "s300", pattern="S-300",
    ...                         by=2007, comments=True)
    >>> check.holds, check.figures["s300_first_order_year"], check.sentence
    (True, 2007, 'SIPRI records orders from Russia for Iran for 4 S-300 systems in 2015, and an earlier order in 2007 in its remarks; the first by 2007.')
    >>> order_on_record(frame, "RUS", "IRN", "S-400 system", "s400", pattern="S-400").holds
    False
    """
    rows = _selected(deals, supplier, recipient, pattern, since, comments)
    own = rows[~rows["in_comments"].astype(bool)]
    years = sorted({int(y) for y in own["order_year"].dropna()})
    remarks = [int(y) for text in rows["comments"].fillna("") if comments
               for y in re.findall(r"\b(?:19|20)\d\d\b", str(text))[:1]]
    earlier = sorted(y for y in set(remarks) if not years or y < years[0])
    first = min(years + earlier) if years or earlier else None
    units = int(own["number_ordered"].fillna(0).sum())
    figures = {f"{key}_first_order_year": first, f"{key}_order_years": years, f"{key}_ordered": units}
    parties = f"from {name(supplier)} for {name(recipient)}"
    since_text = f" since {since}" if since is not None else ""
    if first is None:
        return Check("order_on_record", None if gate else False, figures,
                     f"SIPRI records no order {parties} for any {what}{since_text}.")
    listed = (f"for {count_words(units, what)} in {', '.join(map(str, years))}" if years
              else f"for {what} only in its remarks")
    remark = f", and an earlier order in {earlier[0]} in its remarks" if earlier and years else ""
    holds = by is None or first <= by
    limit = "" if by is None else f"; the first {'by' if holds else 'only after'} {by}"
    return Check("order_on_record", holds, figures,
                 f"SIPRI records orders {parties} {listed}{remark}{limit}.")


def deliveries_of(deals: pd.DataFrame, supplier: str, recipient: str, what: str, key: str, *,
                  pattern: str | None = None, since: int | None = None,
                  by: int | None = None, gate: bool = False) -> Check:
    """Check that units of ``what`` were delivered, the first by ``by`` if given.

    Orders are selected as in :func:`order_on_record`; with ``gate``, nothing
    delivered leaves nothing relevant on record (``holds`` is ``None``). Figures:
    ``<key>_delivered`` (units), ``<key>_first_delivery_year``,
    ``<key>_delivery_years`` and ``<key>_by_designation`` (designation to
    ``(ordered, delivered, first delivery year)``).

    Examples
    --------
    >>> frame = pd.DataFrame({"supplier_code": ["IRN"], "recipient_code": ["RUS"],
    ...     "order_year": [2023], "designation": ["Fath-360"], "description": ["missile"],
    ...     "number_ordered": pd.array([None], dtype="Int64"), "number_delivered": [200],
    ...     "first_delivery_year": [2024], "comments": [None]})
    >>> check = deliveries_of(frame, "IRN", "RUS", "missile", "missiles", pattern="missile", by=2022)
    >>> check.holds, check.sentence
    (False, 'SIPRI records 200 missiles delivered from Iran to Russia, the first in 2024; only after 2022.')
    """
    rows = _selected(deals, supplier, recipient, pattern, since)
    done = rows[rows["number_delivered"].fillna(0) > 0]
    units = int(done["number_delivered"].sum()) if len(done) else 0
    years = sorted({int(y) for y in done["first_delivery_year"].dropna()})
    first = years[0] if years else None
    figures = {
        f"{key}_delivered": units, f"{key}_first_delivery_year": first,
        f"{key}_delivery_years": years,
        f"{key}_by_designation": {
            str(r["designation"]): (whole(r["number_ordered"]), whole(r["number_delivered"]),
                                    whole(r["first_delivery_year"])) for _, r in rows.iterrows()},
    }
    parties = f"from {name(supplier)} to {name(recipient)}"
    if not units:
        return Check("deliveries_of", None if gate else False, figures,
                     f"SIPRI records no {what} delivered {parties}"
                     f"{f' from orders since {since}' if since is not None else ''}.")
    holds = by is None or (first is not None and first <= by)
    limit = "" if by is None else f"; {'by' if holds else 'only after'} {by}"
    return Check("deliveries_of", holds, figures,
                 f"SIPRI records {count_words(units, what)} delivered {parties}, the first in "
                 f"{first}{limit}.")
