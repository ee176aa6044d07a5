"""UN General Assembly voting agreement: Voeten's ideal-point file and the raw roll calls.

Two resources come from here:

``un_votes``
    Yearly agreement between pairs of Russia/the Soviet Union, Iran, the United
    States and China, taken from the ``*Agree`` columns of Bailey, Strezhnev and
    Voeten's June 2024 ideal-point file.
``un_vote_partners``
    For Iran in each session, the agreement with every other member computed from
    the raw votes of the ``unvotes`` R package, summarised as the median over all
    partners and the agreement and rank of Russia, China and the United States.

Both follow the same path: ``read_*`` loads a raw file and checks its columns,
a pure ``*_table`` transform builds the curated table, and :func:`build` runs
them after checking the recorded checksums.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from analysis.ingest.base import Origin, Resource, check_origin, field, read_rda, require_columns
from analysis.ingest.errors import IngestError

IDEAL_POINTS_FILE = "unvotes/IdealpointestimatesAll_Jun2024.csv"
VOTES_FILE = "unvotes/un_votes.rda"
ROLL_CALLS_FILE = "unvotes/un_roll_calls.rda"

VOETEN = Origin(
    id="bsv-unga-idealpoints-2024",
    producer="Michael A. Bailey, Anton Strezhnev and Erik Voeten",
    title="United Nations General Assembly Voting Data: ideal point estimates, June 2024",
    citation=(
        "Voeten, Erik; Strezhnev, Anton; Bailey, Michael. United Nations General "
        "Assembly Voting Data. Harvard Dataverse, hdl:1902.1/12379 (file "
        "IdealpointestimatesAll_Jun2024.csv). Method: Bailey, Michael A., Anton "
        "Strezhnev and Erik Voeten (2017), 'Estimating Dynamic State Preferences "
        "from United Nations Voting Data', Journal of Conflict Resolution 61(2): 430-456."
    ),
    url="https://hdl.handle.net/1902.1/12379",
    release="June 2024 (IdealpointestimatesAll_Jun2024), sessions 1-78",
    published="2024-06",
    accessed="2026-11-25",
    license="CC0 1.0 (public domain dedication), per the Dataverse terms of the dataset",
    obtained_from=(
        "github.com/tongyu03/DSE3101-Predictive-Modelling-of-Global-Trade-Flows, "
        "data/IdealpointestimatesAll_Jun2024.csv at commit "
        "98ab7b673cf2c6415f6e86ba2e63eee0b51f07ae; identical apart from line endings "
        "to the Git-LFS object in github.com/lucasbuildsapps/Masterthesis at commit "
        "00de4ce7f259894dd3f9c1ea7006b192be4dcb74"
    ),
    files={
        IDEAL_POINTS_FILE: "adaeca9a9d617afaf463f892a868fbfe17b33bbd6bdb613688d67f1b8dd6887d",
    },
)

UNVOTES = Origin(
    id="unvotes-rpkg-2021",
    producer="David Robinson (R package unvotes), from data by Erik Voeten and colleagues",
    title="unvotes: United Nations General Assembly Voting Data (R package data files)",
    citation=(
        "Robinson, David (2021). unvotes: United Nations General Assembly Voting Data. "
        "R package, https://github.com/dgrtwo/unvotes. Data: Voeten, Erik; Strezhnev, "
        "Anton; Bailey, Michael. United Nations General Assembly Voting Data. Harvard "
        "Dataverse, hdl:1902.1/12379 (downloaded 2021-02-21)."
    ),
    url="https://github.com/dgrtwo/unvotes",
    release="data files rebuilt 2021-03-08 from the Dataverse data of 2021-02-21; sessions 1-74",
    published="2021-03-08",
    accessed="2026-11-25",
    license="CC0 1.0 for the underlying voting data; the R package code is MIT-licensed",
    obtained_from=(
        "github.com/dgrtwo/unvotes, data/ at commit 7eb7034314ff79c49c9e0785fcd9d216fa04cf14"
    ),
    files={
        ROLL_CALLS_FILE: "ff2070ae600cfd32176c6d149637306b9b677d6b910f48bec59a15357d673b4b",
        VOTES_FILE: "cf814a48bc536e8f87f8e027942ac515fe6aae9d63cd71dd88ed718b14887e87",
    },
)

ORIGINS: list[Origin] = [VOETEN, UNVOTES]

#: Calendar year in which session 1 opened; a session opens in September of
#: ``session + SESSION_YEAR_OFFSET``.
SESSION_YEAR_OFFSET = 1945

#: COW codes of the states in the ideal-point file (365 is the Soviet Union
#: before 1992 and Russia after, one continuous member).
COW_CODES: dict[str, int] = {"USA": 2, "RUS": 365, "IRN": 630, "CHN": 710}

#: Each pair: (state_a, state_b, the state whose row reports it, the ``*Agree`` column).
PAIRS: dict[str, tuple[str, str, str, str]] = {
    "RUS-IRN": ("RUS", "IRN", "IRN", "RUSSAgree"),
    "RUS-USA": ("RUS", "USA", "RUS", "USAgree"),
    "IRN-USA": ("IRN", "USA", "IRN", "USAgree"),
    "IRN-CHN": ("IRN", "CHN", "IRN", "ChinaAgree"),
    "RUS-CHN": ("RUS", "CHN", "RUS", "ChinaAgree"),
}

#: Columns of the ideal-point file this module reads.
IDEAL_POINT_COLUMNS = ["ccode", "session", "NVotesAll", "USAgree", "RUSSAgree", "ChinaAgree"]

#: Last year in which the Soviet Union, not the Russian Federation, held the seat.
LAST_SOVIET_YEAR = 1991

#: Vote codes of the raw votes, as in Voeten's data.
VOTE_CODES: dict[str, int] = {"yes": 1, "abstain": 2, "no": 3}

#: Countries of the raw votes by their name in ``un_votes`` and ISO-2 code.
PARTNER_NAMES: dict[str, tuple[str, str]] = {
    "IRN": ("Iran", "IR"),
    "RUS": ("Russia", "RU"),
    "CHN": ("China", "CN"),
    "USA": ("United States", "US"),
}

#: A partner enters a session's ranking only with at least this many joint votes.
MIN_JOINT_VOTES = 20

#: Decimals kept for agreement shares.
DECIMALS = 6

SOVIET_NOTE = (
    "RUS stands for COW code 365, which the source treats as one continuous member: "
    "the Soviet Union up to 1991 and the Russian Federation from 1992."
)


def session_year(session: pd.Series) -> pd.Series:
    """Return the calendar year in which each General Assembly session opened.

    A regular session opens in September, so session 35 is the 1980-81 session.

    Examples
    --------
    >>> session_year(pd.Series([1, 35, 78])).tolist()
    [1946, 1980, 2023]
    """
    return session + SESSION_YEAR_OFFSET


# --------------------------------------------------------------------------- #
# un_votes: Voeten's agreement scores
# --------------------------------------------------------------------------- #


def read_ideal_points(path: Path) -> pd.DataFrame:
    """Read the columns of Voeten's ideal-point file this module needs.

    A ``line`` column records each row's line in the file (the header is line 1).

    Raises
    ------
    IngestError
        If the file is missing or lacks an expected column.
    """
    if not path.is_file():
        raise IngestError("file not found", path=path)
    frame = pd.read_csv(path, na_values=["NA"], keep_default_na=False)
    require_columns(frame, IDEAL_POINT_COLUMNS, path)
    frame = frame[IDEAL_POINT_COLUMNS].copy()
    frame["line"] = range(2, len(frame) + 2)
    return frame


def _line_of(frame: pd.DataFrame, position: int) -> int:
    """Return the file line of row ``position`` (1-based rows after a header if unknown)."""
    if "line" in frame.columns:
        return int(frame["line"].iloc[position])
    return position + 2


def check_shares(frame: pd.DataFrame, columns: list[str], path: str | Path) -> None:
    """Raise if a value in ``columns`` is present but outside 0–1.

    Examples
    --------
    >>> check_shares(pd.DataFrame({"USAgree": [0.5, 1.2]}), ["USAgree"], "f.csv")
    Traceback (most recent call last):
    ...
    analysis.ingest.errors.IngestError: f.csv, line 3, field 'USAgree': agreement 1.2 is outside 0-1
    """
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce")
        text_bad = values.isna() & frame[column].notna()
        bad = text_bad | (values < 0) | (values > 1)
        if bad.any():
            position = int(bad.to_numpy().nonzero()[0][0])
            raw = str(frame[column].iloc[position])
            problem = "is not a number" if text_bad.iloc[position] else "is outside 0-1"
            raise IngestError(
                f"agreement {raw} {problem}",
                path=path,
                line=_line_of(frame, position),
                field=column,
            )


def agreement_table(
    frame: pd.DataFrame,
    *,
    path: str | Path = IDEAL_POINTS_FILE,
    pairs: list[str] | None = None,
) -> pd.DataFrame:
    """Turn the ideal-point rows into the long ``un_votes`` table.

    Parameters
    ----------
    frame
        Rows of the ideal-point file with at least :data:`IDEAL_POINT_COLUMNS`.
    path
        File named in errors.
    pairs
        Pairs to keep, all of :data:`PAIRS` by default.

    Raises
    ------
    IngestError
        On a missing column, an unknown pair, a duplicated country-session or an
        agreement outside 0–1.

    Examples
    --------
    >>> rows = pd.DataFrame({"ccode": [630, 365], "session": [35, 35],
    ...     "NVotesAll": [95, 103], "USAgree": [0.18, 0.13],
    ...     "RUSSAgree": [0.768421, 1.0], "ChinaAgree": [0.95, 0.76]})
    >>> t = agreement_table(rows, pairs=["RUS-IRN"])
    >>> t[["year", "pair", "agreement", "n_votes"]].to_dict("records")
    [{'year': 1980, 'pair': 'RUS-IRN', 'agreement': 0.768421, 'n_votes': 95}]
    """
    require_columns(frame, IDEAL_POINT_COLUMNS, path)
    chosen = list(PAIRS) if pairs is None else pairs
    for pair in chosen:
        if pair not in PAIRS:
            raise IngestError(
                f"unknown pair {pair!r}; expected one of {sorted(PAIRS)}",
                path=path,
                field="pair",
            )
    check_shares(frame, ["USAgree", "RUSSAgree", "ChinaAgree"], path)
    duplicated = frame.duplicated(["ccode", "session"])
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        raise IngestError(
            "country and session appear twice",
            path=path,
            line=_line_of(frame, position),
            field="session",
        )
    parts = [_pair_rows(frame, pair) for pair in chosen]
    table = pd.concat(parts, ignore_index=True)
    return _finish_un_votes(table)


def _pair_rows(frame: pd.DataFrame, pair: str) -> pd.DataFrame:
    """Return the rows of one pair, read from its reporting state's rows."""
    state_a, state_b, reporter, column = PAIRS[pair]
    rows = frame[frame["ccode"] == COW_CODES[reporter]]
    session = pd.to_numeric(rows["session"]).astype("Int64")
    out = pd.DataFrame(
        {
            "year": session_year(session),
            "session": session,
            "pair": pair,
            "state_a": state_a,
            "state_b": state_b,
            "reporting_state": reporter,
            "agreement": pd.to_numeric(rows[column], errors="coerce"),
            "n_votes": pd.to_numeric(rows["NVotesAll"]).astype("Int64"),
        }
    )
    return out


def _finish_un_votes(table: pd.DataFrame) -> pd.DataFrame:
    """Set dtypes, the Soviet-era flag, rounding and order of ``un_votes``."""
    table = table.copy()
    has_rus = (table["state_a"] == "RUS") | (table["state_b"] == "RUS")
    table["russia_is_ussr"] = has_rus & (table["year"] <= LAST_SOVIET_YEAR)
    table["agreement"] = table["agreement"].astype("Float64").round(DECIMALS)
    table["source_id"] = VOETEN.id
    table = table.astype(
        {
            "year": "Int64",
            "session": "Int64",
            "pair": "string",
            "state_a": "string",
            "state_b": "string",
            "reporting_state": "string",
            "agreement": "Float64",
            "n_votes": "Int64",
            "russia_is_ussr": "boolean",
            "source_id": "string",
        }
    )
    columns = [f["name"] for f in UN_VOTES_FIELDS]
    return table[columns].sort_values(["year", "pair"], ignore_index=True)


# --------------------------------------------------------------------------- #
# un_vote_partners: Iran's agreement with every member, from the raw votes
# --------------------------------------------------------------------------- #


def read_votes(votes_path: Path, roll_calls_path: Path) -> pd.DataFrame:
    """Read the raw votes with each roll call's session, votes coded as integers.

    Returns columns ``session``, ``rcid``, ``country``, ``country_code`` and
    ``vote`` (1 yes, 2 abstain, 3 no).

    Raises
    ------
    IngestError
        If a file is missing or unreadable, a column is missing, a vote has an
        unknown value or a vote's roll call has no session.
    """
    votes = read_rda(votes_path, "un_votes", ["rcid", "country", "country_code", "vote"])
    roll_calls = read_rda(roll_calls_path, "un_roll_calls", ["rcid", "session"])
    return votes_with_sessions(votes, roll_calls, votes_path=votes_path)


def votes_with_sessions(
    votes: pd.DataFrame, roll_calls: pd.DataFrame, *, votes_path: str | Path = VOTES_FILE
) -> pd.DataFrame:
    """Code the votes as integers and attach each roll call's session.

    Errors name the 1-based row of ``votes``.

    Examples
    --------
    >>> v = pd.DataFrame({"rcid": [1, 1], "country": ["Iran", "Russia"],
    ...     "country_code": ["IR", "RU"], "vote": ["yes", "no"]})
    >>> r = pd.DataFrame({"rcid": [1], "session": [35]})
    >>> votes_with_sessions(v, r)["vote"].tolist()
    [1, 3]
    """
    vote_text = votes["vote"].astype("string")
    codes = vote_text.map(VOTE_CODES)
    unknown = codes.isna()
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0])
        raise IngestError(
            f"vote {vote_text.iloc[position]!r} is not one of {sorted(VOTE_CODES)}",
            path=votes_path,
            line=position + 1,
            field="vote",
        )
    session_of = pd.Series(
        pd.to_numeric(roll_calls["session"]).to_numpy(),
        index=pd.to_numeric(roll_calls["rcid"]).astype("int64").to_numpy(),
    )
    rcid = pd.to_numeric(votes["rcid"]).astype("int64")
    session = rcid.map(session_of)
    orphan = session.isna()
    if orphan.any():
        position = int(orphan.to_numpy().nonzero()[0][0])
        raise IngestError(
            f"roll call {int(rcid.iloc[position])} has no session in un_roll_calls",
            path=votes_path,
            line=position + 1,
            field="rcid",
        )
    return pd.DataFrame(
        {
            "session": session.astype("int64").to_numpy(),
            "rcid": rcid.to_numpy(),
            "country": votes["country"].astype("string").to_numpy(),
            "country_code": votes["country_code"].astype("string").to_numpy(),
            "vote": codes.astype("int8").to_numpy(),
        }
    )


def pairwise_agreement(votes: pd.DataFrame, focal: str) -> pd.DataFrame:
    """Return the focal country's identical-vote share with every other country, per session.

    Only roll calls on which both countries voted count.

    Examples
    --------
    >>> v = pd.DataFrame({"session": [1] * 4, "rcid": [1, 1, 2, 2],
    ...     "country": ["Iran", "Cuba", "Iran", "Cuba"], "vote": [1, 1, 1, 3]})
    >>> pairwise_agreement(v, "Iran").to_dict("records")
    [{'session': 1, 'country': 'Cuba', 'n_joint': 2, 'n_identical': 1, 'agreement': 0.5}]
    """
    is_focal = votes["country"] == focal
    focal_vote = votes.loc[is_focal, ["rcid", "vote"]].rename(columns={"vote": "focal_vote"})
    others = votes.loc[~is_focal, ["session", "rcid", "country", "vote"]]
    joint = others.merge(focal_vote, on="rcid", how="inner")
    joint["identical"] = joint["vote"] == joint["focal_vote"]
    summary = (
        joint.groupby(["session", "country"], sort=True, observed=True)["identical"]
        .agg(n_joint="size", n_identical="sum")
        .reset_index()
    )
    summary["n_identical"] = summary["n_identical"].astype("int64")
    summary["agreement"] = summary["n_identical"] / summary["n_joint"]
    return summary


def partner_table(
    votes: pd.DataFrame,
    *,
    focal: str = "IRN",
    min_joint_votes: int = MIN_JOINT_VOTES,
    path: str | Path = VOTES_FILE,
) -> pd.DataFrame:
    """Summarise the focal state's agreement with all partners, one row per session.

    Partners with fewer than ``min_joint_votes`` joint votes in a session are left
    out; sessions with no partner left (session 19, 1964, had one roll call) are
    dropped. Partners are identified by name, since three (West Germany, North
    Yemen, Zanzibar) have no ISO-2 code in the source. Rank 1 is the closest
    partner; tied partners share the best rank (1, 2, 2, 4 ...).

    Raises
    ------
    IngestError
        If a reference state is absent from the votes or has an unexpected ISO-2 code.

    Examples
    --------
    >>> rows = []
    >>> for rcid in range(20):
    ...     rows += [(1, rcid, "Iran", "IR", 1), (1, rcid, "Russia", "RU", 1),
    ...              (1, rcid, "China", "CN", 1 if rcid < 10 else 2),
    ...              (1, rcid, "United States", "US", 3)]
    >>> v = pd.DataFrame(rows, columns=["session", "rcid", "country", "country_code", "vote"])
    >>> t = partner_table(v)
    >>> t[["n_partners", "agreement_rus", "rank_rus", "rank_chn", "rank_usa"]].to_dict("records")
    [{'n_partners': 3, 'agreement_rus': 1.0, 'rank_rus': 1, 'rank_chn': 2, 'rank_usa': 3}]
    """
    check_reference_states(votes, path)
    name = {code: PARTNER_NAMES[code][0] for code in PARTNER_NAMES}
    agreement = pairwise_agreement(votes, name[focal])
    agreement = agreement[agreement["n_joint"] >= min_joint_votes].copy()
    agreement["rank"] = (
        agreement.groupby("session")["agreement"].rank(method="min", ascending=False)
    ).astype("int64")
    by_session = agreement.groupby("session")
    table = pd.DataFrame(
        {
            "n_partners": by_session.size(),
            "median_agreement": by_session["agreement"].median(),
        }
    )
    for code in ("RUS", "CHN", "USA"):
        if code == focal:
            continue
        rows = agreement[agreement["country"] == name[code]].set_index("session")
        table[f"agreement_{code.lower()}"] = rows["agreement"]
        table[f"rank_{code.lower()}"] = rows["rank"]
    table = table.reset_index()
    table["year"] = session_year(table["session"])
    table["focal_state"] = focal
    table["source_id"] = UNVOTES.id
    return _finish_partners(table)


def check_reference_states(votes: pd.DataFrame, path: str | Path) -> None:
    """Raise unless every state of :data:`PARTNER_NAMES` votes under its expected code."""
    for code, (name, iso2) in PARTNER_NAMES.items():
        found = votes.loc[votes["country"] == name, "country_code"]
        if found.empty:
            raise IngestError(f"no votes by {name!r} ({code})", path=path, field="country")
        codes = set(found.dropna().unique())
        if codes != {iso2}:
            raise IngestError(
                f"{name!r} has country codes {sorted(codes)}, expected {iso2!r}",
                path=path,
                field="country_code",
            )


def _finish_partners(table: pd.DataFrame) -> pd.DataFrame:
    """Set dtypes, rounding and order of ``un_vote_partners``."""
    shares = [c for c in table.columns if c.startswith(("agreement_", "median_"))]
    for column in shares:
        table[column] = table[column].astype("Float64").round(DECIMALS)
    ints = ["session", "year", "n_partners"] + [c for c in table.columns if c.startswith("rank_")]
    for column in ints:
        table[column] = table[column].astype("Int64")
    for column in ("focal_state", "source_id"):
        table[column] = table[column].astype("string")
    columns = [f["name"] for f in PARTNER_FIELDS]
    return table[columns].sort_values("session", ignore_index=True)


# --------------------------------------------------------------------------- #
# Descriptors
# --------------------------------------------------------------------------- #


_PAIR_STATES = ["RUS", "IRN", "USA", "CHN"]

UN_VOTES_FIELDS: list[dict[str, Any]] = [
    field("year", "integer", "Year",
           "Calendar year in which the session opened (session + 1945; a regular "
           "session opens in September and runs into the next year).",
           required=True, minimum=1946, maximum=2023),
    field("session", "integer", "Session",
           "Number of the regular General Assembly session. Session 19 (1964) held "
           "no recorded votes and has no row.",
           required=True, minimum=1, maximum=78),
    field("pair", "string", "Pair", "The two states compared, as 'A-B' in ISO 3166-1 alpha-3.",
           required=True, enum=list(PAIRS)),
    field("state_a", "string", "State A",
           "First state of the pair, ISO 3166-1 alpha-3. " + SOVIET_NOTE,
           required=True, enum=_PAIR_STATES),
    field("state_b", "string", "State B",
           "Second state of the pair, ISO 3166-1 alpha-3. CHN is the People's Republic, "
           "whose scores start in session 26 (1971).",
           required=True, enum=_PAIR_STATES),
    field("reporting_state", "string", "Reporting state",
           "The state whose row of the source file gives the score (the file has "
           "agreement columns only for a few reference states: Russia, the United "
           "States, China and others); n_votes is this state's count.",
           required=True, enum=["RUS", "IRN"]),
    field("agreement", "number", "Agreement",
           "Share (0-1, unitless) of the roll calls in the estimation set on which both "
           "states voted and cast the same vote (yes, abstain or no); an abstention "
           "against a yes or no counts as disagreement. Voeten's *Agree measure, "
           "rounded to 6 decimals. Missing where the source has no value (China "
           "before 1971).",
           required=False, minimum=0, maximum=1),
    field("n_votes", "integer", "Votes of the reporting state",
           "Number of roll calls (count) in the estimation set on which the reporting "
           "state voted (NVotesAll); the pair's joint count can be slightly lower.",
           required=True, minimum=0),
    field("russia_is_ussr", "boolean", "Russia is the Soviet Union",
           "True when the pair includes RUS and the year is 1991 or earlier, so the "
           "votes are those of the Soviet Union (COW 365, one continuous member); "
           "false otherwise.",
           required=True),
    field("source_id", "string", "Source",
           "Identifier of the origin record in the package's sources.",
           required=True, enum=[VOETEN.id]),
]

PARTNER_FIELDS: list[dict[str, Any]] = [
    field("session", "integer", "Session",
           "Number of the regular General Assembly session (1-74); session 19 (1964, "
           "one roll call) has no row.",
           required=True, minimum=1, maximum=74),
    field("year", "integer", "Year",
           "Calendar year in which the session opened (session + 1945).",
           required=True, minimum=1946, maximum=2019),
    field("focal_state", "string", "Focal state",
           "The state whose partners are ranked, ISO 3166-1 alpha-3.",
           required=True, enum=["IRN"]),
    field("n_partners", "integer", "Partners",
           f"Number of other members (count) with at least {MIN_JOINT_VOTES} roll "
           "calls in the session on which both they and the focal state voted.",
           required=True, minimum=1),
    field("median_agreement", "number", "Median agreement",
           "Median over all partners of the share (0-1) of jointly voted roll calls "
           "with identical votes, rounded to 6 decimals.",
           required=True, minimum=0, maximum=1),
    field("agreement_rus", "number", "Agreement with Russia",
           "Share (0-1) of jointly voted roll calls on which the focal state and "
           "Russia cast identical votes. " + SOVIET_NOTE + " Rounded to 6 decimals.",
           required=False, minimum=0, maximum=1),
    field("rank_rus", "integer", "Rank of Russia",
           "Russia's rank among the session's partners by agreement (1 = closest; "
           "tied partners share the best rank).",
           required=False, minimum=1),
    field("agreement_chn", "number", "Agreement with China",
           "Share (0-1) of jointly voted roll calls with identical votes, focal state "
           "and the People's Republic of China. Missing before session 26 (1971): the "
           "Republic of China held the seat and is recorded as Taiwan, not CHN.",
           required=False, minimum=0, maximum=1),
    field("rank_chn", "integer", "Rank of China",
           "China's rank among the session's partners by agreement (1 = closest).",
           required=False, minimum=1),
    field("agreement_usa", "number", "Agreement with the United States",
           "Share (0-1) of jointly voted roll calls with identical votes, focal state "
           "and the United States. Rounded to 6 decimals.",
           required=False, minimum=0, maximum=1),
    field("rank_usa", "integer", "Rank of the United States",
           "The United States' rank among the session's partners by agreement (1 = closest).",
           required=False, minimum=1),
    field("source_id", "string", "Source",
           "Identifier of the origin record in the package's sources.",
           required=True, enum=[UNVOTES.id]),
]

_CC0 = {
    "name": "CC0-1.0",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    "title": "CC0 1.0 Universal (public domain dedication) of the Voeten UN voting data",
}

UN_VOTES_DESCRIPTOR: dict[str, Any] = {
    "name": "un_votes",
    "title": "UN General Assembly voting agreement by year, 1946-2023",
    "description": (
        "How often pairs among Russia (the Soviet Union up to 1991), Iran, the United "
        "States and China voted the same way in the UN General Assembly, per regular "
        "session, from the agreement scores of Bailey, Strezhnev and Voeten's June "
        "2024 ideal-point file. Each score comes from one state's row of that file "
        "(see reporting_state). " + SOVIET_NOTE
    ),
    "licenses": [_CC0],
    "sources": [{"title": VOETEN.title, "path": VOETEN.url}],
    "schema": {"fields": UN_VOTES_FIELDS, "primaryKey": ["year", "pair"]},
}

PARTNER_DESCRIPTOR: dict[str, Any] = {
    "name": "un_vote_partners",
    "title": "Iran's closest UN voting partners by session, 1946-2019",
    "description": (
        "For each General Assembly session 1-74, Iran's agreement with every other "
        "member (share of roll calls both voted on with identical votes), computed "
        "by us from the raw votes of the unvotes R package; the table keeps the "
        "number of partners, the median over all of them, and where Russia, China "
        "and the United States rank. Being far from the United States does not make "
        "a state close to Iran: compare agreement_rus with median_agreement. "
        + SOVIET_NOTE
    ),
    "licenses": [_CC0],
    "sources": [{"title": UNVOTES.title, "path": UNVOTES.url}],
    "schema": {"fields": PARTNER_FIELDS, "primaryKey": ["session"]},
}


def build(sources_dir: Path) -> list[Resource]:
    """Build ``un_votes`` and ``un_vote_partners`` from the raw files.

    Raises
    ------
    IngestError
        If a raw file is missing, changed or malformed.
    """
    for origin in ORIGINS:
        check_origin(origin, sources_dir)
    ideal_points_path = sources_dir / IDEAL_POINTS_FILE
    un_votes = agreement_table(read_ideal_points(ideal_points_path), path=ideal_points_path)
    votes_path = sources_dir / VOTES_FILE
    votes = read_votes(votes_path, sources_dir / ROLL_CALLS_FILE)
    partners = partner_table(votes, path=votes_path)
    return [
        Resource("un_votes", un_votes, UN_VOTES_DESCRIPTOR),
        Resource("un_vote_partners", partners, PARTNER_DESCRIPTOR),
    ]
