"""Formal alliance obligations among Russia/the Soviet Union, Iran and the United States.

One resource, ``alliances``: for each year from 1946 and each directed dyad,
whether ATOP v5.1 and COW Formal Alliances v4.1 record an obligation of a given
type. Both datasets come as directed dyad-years in R data files of the
``peacesciencer`` package. A dyad-year absent from a dataset means that dataset
records no alliance, so it becomes ``false`` within the dataset's years and
missing outside them.

The path is ``read_*`` (load and check a raw file) → :func:`alliance_table`
(pure transform) → :func:`build`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.base import raise_at, require_columns
from analysis.ingest.errors import IngestError
from analysis.names import COW_CODES, LAST_SOVIET_YEAR

#: The origin records (``origin.toml``) of the two datasets.
ATOP_ID = "atop"
COW_ID = "cow-alliance"

#: Directed dyads: the first state takes on the obligation toward the second.
DYADS: dict[str, tuple[str, str]] = {
    "RUS-IRN": ("RUS", "IRN"),
    "IRN-RUS": ("IRN", "RUS"),
    "USA-IRN": ("USA", "IRN"),
    "IRN-USA": ("IRN", "USA"),
    "RUS-USA": ("RUS", "USA"),
    "USA-RUS": ("USA", "RUS"),
}

FIRST_YEAR = 1946
#: Last year of each dataset; the raw files are checked against these.
ATOP_LAST_YEAR = 2018
COW_LAST_YEAR = 2012

#: Source column -> output column, per dataset.
ATOP_COLUMNS: dict[str, str] = {
    "atop_defense": "atop_defense",
    "atop_offense": "atop_offense",
    "atop_neutral": "atop_neutrality",
    "atop_nonagg": "atop_nonaggression",
    "atop_consul": "atop_consultation",
}
COW_COLUMNS: dict[str, str] = {
    "cow_defense": "cow_defense",
    "cow_neutral": "cow_neutrality",
    "cow_nonagg": "cow_nonaggression",
    "cow_entente": "cow_entente",
}
KEY_COLUMNS = ["ccode1", "ccode2", "year"]

def check_indicators(frame: pd.DataFrame, columns: list[str], path: str | Path) -> None:
    """Raise if an indicator in ``columns`` is not 0 or 1; errors name the 1-based row.

    Examples
    --------
    >>> check_indicators(pd.DataFrame({"cow_defense": [0, 1, 2]}), ["cow_defense"], "c.rda")
    Traceback (most recent call last):
    ...
    analysis.ingest.errors.IngestError: c.rda, line 3, field 'cow_defense': value 2 is not 0 or 1 (row 3)
    """
    for column in columns:
        values = frame[column]
        raise_at(~values.isin([0, 1]), lambda i: f"value {values.iloc[i]} is not 0 or 1 (row {i + 1})",
                 path=path, field=column)


def dataset_obligations(
    frame: pd.DataFrame,
    columns: dict[str, str],
    last_year: int,
    *,
    path: str | Path,
    end_year: int | None = None,
) -> pd.DataFrame:
    """Return one dataset's indicators for every dyad and year, 1946 to ``end_year``.

    Years up to ``last_year`` with no row in ``frame`` are ``False``; later years
    are missing. ``end_year`` defaults to ``last_year``.

    Raises
    ------
    IngestError
        On a missing column, a value other than 0/1, a duplicated dyad-year or a
        dataset ending in another year than ``last_year``.

    Examples
    --------
    >>> raw = pd.DataFrame({"ccode1": [365], "ccode2": [630], "year": [1947],
    ...                     "cow_defense": [1]})
    >>> t = dataset_obligations(raw, {"cow_defense": "cow_defense"}, 1947,
    ...                         path="c.rda", end_year=1948)
    >>> t[t["dyad"] == "RUS-IRN"]["cow_defense"].tolist()
    [False, True, <NA>]
    """
    end_year = last_year if end_year is None else end_year
    require_columns(frame, KEY_COLUMNS + list(columns), path)
    check_indicators(frame, list(columns), path)
    max_year = int(pd.to_numeric(frame["year"]).max())
    if max_year != last_year:
        raise IngestError(
            f"data end in {max_year}, but the descriptor says {last_year}",
            path=path,
            field="year",
        )
    keys = frame[KEY_COLUMNS].apply(pd.to_numeric).astype("int64")
    raise_at(keys.duplicated(), lambda i: f"dyad-year appears twice (row {i + 1})",
             path=path, field="year")
    grid = dyad_year_grid(end_year)
    indexed = frame[list(columns)].set_axis(pd.MultiIndex.from_frame(keys)).rename(columns=columns)
    lookup = pd.MultiIndex.from_frame(grid[["ccode1", "ccode2", "year"]])
    values = indexed.reindex(lookup)
    out = grid[["year", "dyad"]].copy()
    in_coverage = (grid["year"] <= last_year).to_numpy()
    for column in columns.values():
        flags = values[column].fillna(0).to_numpy() == 1
        series = pd.array(flags, dtype="boolean")
        series[~in_coverage] = pd.NA
        out[column] = series
    return out


def dyad_year_grid(end_year: int) -> pd.DataFrame:
    """Return every (dyad, year) from 1946 to ``end_year`` with the dyad's COW codes.

    Examples
    --------
    >>> g = dyad_year_grid(1947)
    >>> len(g)
    12
    >>> g.head(2).to_dict("records")
    [{'year': 1946, 'dyad': 'IRN-RUS', 'ccode1': 630, 'ccode2': 365}, {'year': 1946, 'dyad': 'IRN-USA', 'ccode1': 630, 'ccode2': 2}]
    """
    rows = [
        (year, dyad, COW_CODES[a], COW_CODES[b])
        for dyad, (a, b) in DYADS.items()
        for year in range(FIRST_YEAR, end_year + 1)
    ]
    grid = pd.DataFrame(rows, columns=["year", "dyad", "ccode1", "ccode2"])
    return grid.sort_values(["year", "dyad"], ignore_index=True)


def alliance_table(
    atop: pd.DataFrame,
    cow: pd.DataFrame,
    *,
    atop_path: str | Path = "ATOP",
    cow_path: str | Path = "COW",
    atop_last_year: int = ATOP_LAST_YEAR,
    cow_last_year: int = COW_LAST_YEAR,
) -> pd.DataFrame:
    """Merge the ATOP and COW indicators into the ``alliances`` table.

    The table runs from 1946 to the later of the two datasets' last years.

    Examples
    --------
    >>> atop = pd.DataFrame({"ccode1": [365], "ccode2": [630], "year": [1947],
    ...     "atop_defense": [1], "atop_offense": [0], "atop_neutral": [0],
    ...     "atop_nonagg": [0], "atop_consul": [1]})
    >>> cow = pd.DataFrame({"ccode1": [2], "ccode2": [630], "year": [1946],
    ...     "cow_defense": [0], "cow_neutral": [0], "cow_nonagg": [1], "cow_entente": [1]})
    >>> t = alliance_table(atop, cow, atop_last_year=1947, cow_last_year=1946)
    >>> row = t[(t["year"] == 1947) & (t["dyad"] == "RUS-IRN")].iloc[0]
    >>> bool(row["atop_defense"]), row["cow_defense"] is pd.NA
    (True, True)
    """
    end_year = max(atop_last_year, cow_last_year)
    atop_part = dataset_obligations(atop, ATOP_COLUMNS, atop_last_year, path=atop_path, end_year=end_year)
    cow_part = dataset_obligations(cow, COW_COLUMNS, cow_last_year, path=cow_path, end_year=end_year)
    table = atop_part.merge(cow_part, on=["year", "dyad"], how="inner", validate="1:1")
    table["state_a"] = table["dyad"].map(lambda d: DYADS[d][0])
    table["state_b"] = table["dyad"].map(lambda d: DYADS[d][1])
    has_rus = (table["state_a"] == "RUS") | (table["state_b"] == "RUS")
    table["russia_is_ussr"] = has_rus & (table["year"] <= LAST_SOVIET_YEAR)
    table["source_id"] = [_source_ids(y, atop_last_year, cow_last_year) for y in table["year"]]
    return table.sort_values(["year", "dyad"], ignore_index=True)


def _source_ids(year: int, atop_last_year: int, cow_last_year: int) -> str:
    """Return the ids of the datasets covering ``year``, joined by a space."""
    ids = []
    if year <= atop_last_year:
        ids.append(ATOP_ID)
    if year <= cow_last_year:
        ids.append(COW_ID)
    return " ".join(ids)
