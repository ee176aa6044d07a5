"""Bilateral goods trade of Iran with Russia/the Soviet Union and the United States (COW Trade v4.0).

One resource, ``bilateral_trade``: for each year 1946-2014 and each direction,
the value of goods imported by one state from the other as the Correlates of
War Dyadic Trade dataset reports it, beside COW's smoothed series and Iran's
total imports or exports from COW National Trade.

The path is ``read_rda`` → :func:`trade_table` (pure transform) → :func:`build`.
Missing values stay missing: COW's code -9 and dyad-years the source does not
list become empty cells, never zero.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ingest.base import raise_at, require_columns
from analysis.ingest.errors import IngestError
from analysis.names import COW_CODES, LAST_SOVIET_YEAR

#: The origin record (``origin.toml``) of COW Trade.
COW_TRADE_ID = "cow-trade"

#: Partners of Iran kept in the table.
PARTNERS = ["RUS", "USA"]

FIRST_YEAR = 1946
LAST_YEAR = 2014
#: COW's code for a missing value.
MISSING_CODE = -9
#: Decimals kept for values in million US dollars and for shares.
VALUE_DECIMALS = 2
SHARE_DECIMALS = 6

DYADIC_COLUMNS = ["ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"]
NATIONAL_COLUMNS = ["ccode", "year", "imports", "exports"]

def clean_values(frame: pd.DataFrame, columns: list[str], path: str | Path) -> pd.DataFrame:
    """Return ``frame`` with COW's -9 turned into missing; reject other negatives.

    Errors name the 1-based row of ``frame``.

    Examples
    --------
    >>> clean_values(pd.DataFrame({"flow1": [12.0, -9.0, None]}), ["flow1"], "t.rda")["flow1"].tolist()
    [12.0, nan, nan]
    >>> clean_values(pd.DataFrame({"flow1": [1.0, -3.0]}), ["flow1"], "t.rda")
    Traceback (most recent call last):
    ...
    analysis.ingest.errors.IngestError: t.rda, line 2, field 'flow1': negative value -3.0 (row 2) is not COW's missing code -9
    """
    out = frame.copy()
    for column in columns:
        values = pd.to_numeric(out[column], errors="coerce").astype("float64")
        raw = out[column]
        raise_at(values.isna() & raw.notna(),
                 lambda i: f"value {raw.iloc[i]!r} (row {i + 1}) is not a number",
                 path=path, field=column)
        values = values.mask(values == MISSING_CODE)
        raise_at(values < 0,
                 lambda i: f"negative value {values.iloc[i]} (row {i + 1}) is not "
                 f"COW's missing code {MISSING_CODE}",
                 path=path, field=column)
        out[column] = values
    return out


def directed_flows(dyadic: pd.DataFrame, partner: str, *, path: str | Path) -> pd.DataFrame:
    """Return the two directions of Iran's trade with ``partner`` for every year 1946-2014.

    Years the source does not list get missing values and ``dyad_year_reported``
    false.

    Examples
    --------
    >>> raw = pd.DataFrame({"ccode1": [365], "ccode2": [630], "year": [1948],
    ...     "flow1": [3.0], "flow2": [-9.0], "smoothflow1": [3.0], "smoothflow2": [1.0]})
    >>> t = directed_flows(raw, "RUS", path="t.rda")
    >>> r = t[t["year"] == 1948].sort_values("importer")
    >>> r[["importer", "value_musd", "smoothed_value_musd"]].to_dict("records")
    [{'importer': 'IRN', 'value_musd': nan, 'smoothed_value_musd': 1.0}, {'importer': 'RUS', 'value_musd': 3.0, 'smoothed_value_musd': 3.0}]
    """
    require_columns(dyadic, DYADIC_COLUMNS, path)
    low, high = sorted([COW_CODES[partner], COW_CODES["IRN"]])
    name = {COW_CODES[partner]: partner, COW_CODES["IRN"]: "IRN"}
    codes1 = pd.to_numeric(dyadic["ccode1"])
    codes2 = pd.to_numeric(dyadic["ccode2"])
    rows = dyadic[(codes1 == low) & (codes2 == high)]
    rows = clean_values(rows, ["flow1", "flow2", "smoothflow1", "smoothflow2"], path)
    rows = rows.assign(year=pd.to_numeric(rows["year"]).astype("int64"))
    if rows["year"].duplicated().any():
        year = int(rows.loc[rows["year"].duplicated(), "year"].iloc[0])
        raise IngestError(f"dyad {low}-{high} appears twice in {year}", path=path, field="year")
    by_year = rows.set_index("year").reindex(range(FIRST_YEAR, LAST_YEAR + 1))
    reported = by_year["ccode1"].notna().to_numpy()
    parts = []
    # flow1 is what ccode1 imports from ccode2; flow2 the reverse.
    for importer, exporter, raw, smooth in (
        (low, high, "flow1", "smoothflow1"),
        (high, low, "flow2", "smoothflow2"),
    ):
        parts.append(
            pd.DataFrame(
                {
                    "year": by_year.index.to_numpy(),
                    "importer": name[importer],
                    "exporter": name[exporter],
                    "value_musd": by_year[raw].to_numpy(dtype="float64"),
                    "smoothed_value_musd": by_year[smooth].to_numpy(dtype="float64"),
                    "dyad_year_reported": reported,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def iran_totals(national: pd.DataFrame, *, path: str | Path) -> pd.DataFrame:
    """Return Iran's total imports and exports by year (million current US dollars).

    Examples
    --------
    >>> raw = pd.DataFrame({"ccode": [630, 2], "year": [1950, 1950],
    ...                     "imports": [167.3999938964844, 9.0], "exports": [-9.0, 1.0]})
    >>> iran_totals(raw, path="s.rda").to_dict("records")
    [{'year': 1950, 'imports': 167.4, 'exports': nan}]
    """
    require_columns(national, NATIONAL_COLUMNS, path)
    rows = national[pd.to_numeric(national["ccode"]) == COW_CODES["IRN"]]
    rows = clean_values(rows, ["imports", "exports"], path)
    out = pd.DataFrame(
        {
            "year": pd.to_numeric(rows["year"]).astype("int64").to_numpy(),
            "imports": rows["imports"].round(VALUE_DECIMALS).to_numpy(),
            "exports": rows["exports"].round(VALUE_DECIMALS).to_numpy(),
        }
    )
    if out["year"].duplicated().any():
        year = int(out.loc[out["year"].duplicated(), "year"].iloc[0])
        raise IngestError(f"Iran appears twice in {year}", path=path, field="year")
    return out


def trade_table(
    dyadic: pd.DataFrame,
    national: pd.DataFrame,
    *,
    dyadic_path: str | Path = "dyadic trade",
    national_path: str | Path = "national trade",
) -> pd.DataFrame:
    """Build the ``bilateral_trade`` table from the dyadic and national trade frames.

    ``iran_total_musd`` is Iran's total imports on rows where Iran imports and its
    total exports where Iran exports; ``share_of_iran_total`` divides the flow by it.

    Examples
    --------
    >>> dyadic = pd.DataFrame({"ccode1": [365], "ccode2": [630], "year": [2014],
    ...     "flow1": [352.0], "flow2": [1460.0], "smoothflow1": [352.0], "smoothflow2": [1460.0]})
    >>> national = pd.DataFrame({"ccode": [630], "year": [2014],
    ...                          "imports": [73000.0], "exports": [88000.0]})
    >>> t = trade_table(dyadic, national)
    >>> r = t[(t["year"] == 2014) & (t["importer"] == "IRN") & (t["exporter"] == "RUS")]
    >>> float(r["share_of_iran_total"].iloc[0])
    0.02
    """
    flows = pd.concat(
        [directed_flows(dyadic, partner, path=dyadic_path) for partner in PARTNERS],
        ignore_index=True,
    )
    totals = iran_totals(national, path=national_path).set_index("year")
    totals = totals.reindex(range(FIRST_YEAR, LAST_YEAR + 1))
    iran_imports = flows["importer"] == "IRN"
    total = np.where(
        iran_imports,
        flows["year"].map(totals["imports"]),
        flows["year"].map(totals["exports"]),
    )
    flows["iran_total_musd"] = total
    with np.errstate(divide="ignore", invalid="ignore"):
        share = flows["value_musd"] / flows["iran_total_musd"].where(flows["iran_total_musd"] > 0)
    flows["share_of_iran_total"] = share
    return _finish(drop_unreported_years(flows))


def drop_unreported_years(flows: pd.DataFrame) -> pd.DataFrame:
    """Drop years in which the source lists none of the pairs (1946-1947 in COW v4.0).

    Examples
    --------
    >>> f = pd.DataFrame({"year": [1946, 1946, 1948], "dyad_year_reported": [False, False, True]})
    >>> drop_unreported_years(f)["year"].tolist()
    [1948]
    """
    listed = flows.groupby("year")["dyad_year_reported"].transform("any")
    return flows[listed.astype(bool)].reset_index(drop=True)


def _finish(flows: pd.DataFrame) -> pd.DataFrame:
    """Set dtypes, rounding, flags and order of ``bilateral_trade``."""
    table = flows.copy()
    for column in ("value_musd", "smoothed_value_musd", "iran_total_musd"):
        table[column] = table[column].astype("Float64").round(VALUE_DECIMALS)
    table["share_of_iran_total"] = table["share_of_iran_total"].astype("Float64").round(SHARE_DECIMALS)
    has_rus = (table["importer"] == "RUS") | (table["exporter"] == "RUS")
    table["russia_is_ussr"] = has_rus & (table["year"] <= LAST_SOVIET_YEAR)
    table["source_id"] = COW_TRADE_ID
    return table.sort_values(["year", "importer", "exporter"], ignore_index=True)
