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

import pandas as pd

from analysis.agreement import agreement_counts
from analysis.ingest.base import raise_at, read_rda, require_columns
from analysis.ingest.errors import IngestError
from analysis.names import COW_CODES, ISO2_CODES, LAST_SOVIET_YEAR, name

#: The origin records (``origin.toml``) of the two raw layouts.
VOETEN_ID = "bsv-unga-idealpoints-2024"
UNVOTES_ID = "unvotes-rpkg-2021"

#: Calendar year in which session 1 opened; a session opens in September of
#: ``session + SESSION_YEAR_OFFSET``.
SESSION_YEAR_OFFSET = 1945

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

#: Vote codes of the raw votes, as in Voeten's data.
VOTE_CODES: dict[str, int] = {"yes": 1, "abstain": 2, "no": 3}

#: The states whose votes the partner ranking reports; the raw votes name them
#: as :func:`analysis.names.name` does, under their ISO-2 code.
REFERENCE_STATES = ("IRN", "RUS", "CHN", "USA")

#: A partner enters a session's ranking only with at least this many joint votes.
MIN_JOINT_VOTES = 20

#: Decimals kept for agreement shares.
DECIMALS = 6

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
        raw = frame[column]
        raise_at(text_bad | (values < 0) | (values > 1),
                 lambda i: f"agreement {raw.iloc[i]} "
                 + ("is not a number" if text_bad.iloc[i] else "is outside 0-1"),
                 path=path, field=column, line=lambda i: _line_of(frame, i))


def agreement_table(
    frame: pd.DataFrame,
    *,
    path: str | Path = "ideal points",
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
    raise_at(frame.duplicated(["ccode", "session"]), lambda i: "country and session appear twice",
             path=path, field="session", line=lambda i: _line_of(frame, i))
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
    """Set the Soviet-era flag, rounding and order of ``un_votes``."""
    table = table.copy()
    has_rus = (table["state_a"] == "RUS") | (table["state_b"] == "RUS")
    table["russia_is_ussr"] = has_rus & (table["year"] <= LAST_SOVIET_YEAR)
    table["agreement"] = table["agreement"].astype("Float64").round(DECIMALS)
    table["source_id"] = VOETEN_ID
    return table.sort_values(["year", "pair"], ignore_index=True)


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
    votes: pd.DataFrame, roll_calls: pd.DataFrame, *, votes_path: str | Path = "un_votes"
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
    raise_at(codes.isna(), lambda i: f"vote {vote_text.iloc[i]!r} is not one of {sorted(VOTE_CODES)}",
             path=votes_path, field="vote")
    session_of = pd.Series(
        pd.to_numeric(roll_calls["session"]).to_numpy(),
        index=pd.to_numeric(roll_calls["rcid"]).astype("int64").to_numpy(),
    )
    rcid = pd.to_numeric(votes["rcid"]).astype("int64")
    session = rcid.map(session_of)
    raise_at(session.isna(), lambda i: f"roll call {int(rcid.iloc[i])} has no session in un_roll_calls",
             path=votes_path, field="rcid")
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
    """Return the focal country's agreement and Cohen's kappa with every other country, per session.

    Only roll calls on which both countries voted count; kappa is computed as
    in :func:`analysis.agreement.agreement_counts`.

    Examples
    --------
    >>> v = pd.DataFrame({"session": [1] * 4, "rcid": [1, 1, 2, 2],
    ...     "country": ["Iran", "Cuba", "Iran", "Cuba"], "vote": [1, 1, 1, 3]})
    >>> pairwise_agreement(v, "Iran")[["session", "country", "n_joint", "n_identical", "agreement"]].to_dict("records")
    [{'session': 1, 'country': 'Cuba', 'n_joint': 2, 'n_identical': 1, 'agreement': 0.5}]
    """
    is_focal = votes["country"] == focal
    focal_vote = votes.loc[is_focal, ["rcid", "vote"]].rename(columns={"vote": "focal_vote"})
    others = votes.loc[~is_focal, ["session", "rcid", "country", "vote"]]
    joint = others.merge(focal_vote, on="rcid", how="inner")
    summary = agreement_counts(joint, ["session", "country"], a="focal_vote", b="vote")
    return summary[["session", "country", "n_joint", "n_identical", "agreement", "kappa"]]


def partner_table(
    votes: pd.DataFrame,
    *,
    focal: str = "IRN",
    min_joint_votes: int = MIN_JOINT_VOTES,
    path: str | Path = "un_votes",
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
    agreement = pairwise_agreement(votes, name(focal))
    agreement = agreement[agreement["n_joint"] >= min_joint_votes].copy()
    agreement["rank"] = (
        agreement.groupby("session")["agreement"].rank(method="min", ascending=False)
    ).astype("int64")
    by_session = agreement.groupby("session")
    table = pd.DataFrame(
        {
            "n_partners": by_session.size(),
            "median_agreement": by_session["agreement"].median(),
            "median_kappa": by_session["kappa"].median(),
        }
    )
    for code in ("RUS", "CHN", "USA"):
        if code == focal:
            continue
        rows = agreement[agreement["country"] == name(code)].set_index("session")
        table[f"agreement_{code.lower()}"] = rows["agreement"]
        table[f"rank_{code.lower()}"] = rows["rank"]
        table[f"kappa_{code.lower()}"] = rows["kappa"]
    table = table.reset_index()
    table["year"] = session_year(table["session"])
    table["focal_state"] = focal
    table["source_id"] = UNVOTES_ID
    shares = [c for c in table.columns if c.startswith(("agreement_", "median_", "kappa_"))]
    table[shares] = table[shares].astype("Float64").round(DECIMALS)
    return table.sort_values("session", ignore_index=True)


def check_reference_states(votes: pd.DataFrame, path: str | Path) -> None:
    """Raise unless every state of :data:`REFERENCE_STATES` votes under its ISO-2 code."""
    for code in REFERENCE_STATES:
        country, iso2 = name(code), ISO2_CODES[code]
        found = votes.loc[votes["country"] == country, "country_code"]
        if found.empty:
            raise IngestError(f"no votes by {country!r} ({code})", path=path, field="country")
        codes = set(found.dropna().unique())
        if codes != {iso2}:
            raise IngestError(
                f"{country!r} has country codes {sorted(codes)}, expected {iso2!r}",
                path=path,
                field="country_code",
            )
