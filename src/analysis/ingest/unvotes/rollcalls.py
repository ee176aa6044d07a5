"""Tables built from the raw roll calls of the unvotes R package and from Voeten's ideal points.

``un_ideal_points``
    Bailey, Strezhnev and Voeten's ideal point and its quantiles for Russia,
    Iran, China and the United States, and the Assembly's median, per session.
``un_agreement``
    Raw agreement and Cohen's kappa (:mod:`analysis.agreement`) per session for
    pairs of the four states, from the raw votes.
``un_issue_agreement``
    The same by decade and issue code of the roll calls.
``un_iran_votes``
    Every recorded vote on a resolution whose subject is Iran, with the votes
    of the four states and the Assembly's totals.
``un_dividing_votes``
    Since 1992, the roll calls on which Russia and Iran voted opposite ways.

Every ``*_table`` function is pure: frames in, the curated table out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.agreement import NO, YES, agreement_counts
from analysis.ingest.base import raise_at, read_rda, require_columns
from analysis.ingest.errors import IngestError
from analysis.names import COW_CODES, LAST_SOVIET_YEAR, name

#: Identifiers of the origin records (``origin.toml``).
VOETEN_ID = "bsv-unga-idealpoints-2024"
UNVOTES_ID = "unvotes-rpkg-2021"

#: Calendar year of session 1; session ``s`` opened in September of ``s + 1945``.
SESSION_YEAR_OFFSET = 1945

#: The four states compared, ISO 3166-1 alpha-3.
STATES: tuple[str, ...] = ("RUS", "IRN", "CHN", "USA")

#: Label of the Assembly's median ideal point in ``un_ideal_points``.
MEDIAN = "median"

#: Quantile columns of the ideal-point file and the fields they become.
QUANTILES: dict[str, str] = {
    "QO%All": "q00", "Q5%All": "q05", "Q10%All": "q10", "Q50%All": "q50",
    "Q90%All": "q90", "Q95%All": "q95", "Q100%All": "q100",
}

#: Pairs of ``un_agreement``, as (state_a, state_b).
AGREEMENT_PAIRS: dict[str, tuple[str, str]] = {
    "RUS-IRN": ("RUS", "IRN"),
    "IRN-CHN": ("IRN", "CHN"),
    "IRN-USA": ("IRN", "USA"),
    "RUS-USA": ("RUS", "USA"),
    "RUS-CHN": ("RUS", "CHN"),
}

#: Pairs of ``un_issue_agreement``.
ISSUE_PAIRS: tuple[str, ...] = ("RUS-IRN", "IRN-CHN", "IRN-USA")

#: The six issue codes of the roll-call data and their names in the source.
ISSUES: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "co": "Colonialism",
    "hr": "Human rights",
    "ec": "Economic development",
}

#: First session of the Russian Federation (1992-93): where ``un_dividing_votes`` starts.
FIRST_RUSSIAN_SESSION = 47

#: Vote names by code.
VOTE_NAMES: dict[int, str] = {1: "yes", 2: "abstain", 3: "no"}

#: A roll call is about human rights in Iran when its title or description says so.
IRAN_SUBJECT = re.compile(r"human rights[^;]{0,60}?\biran\b", re.IGNORECASE)

#: Words of a motion that no action be taken on a draft.
NO_ACTION = re.compile(r"\bno action\b", re.IGNORECASE)

#: Words of a vote on an amendment, and of the vote on the draft after its amendments.
AMENDMENT, AS_A_WHOLE = re.compile(r"\bamendment", re.IGNORECASE), re.compile(r"\bas a whole\b", re.IGNORECASE)

#: Words naming Iran in a procedural record.
IRAN_NAMED = re.compile(r"\bislamic republic of iran\b", re.IGNORECASE)

#: Tail the catalogue adds to titles after 2003.
TITLE_TAIL = re.compile(r"\s*:\s*(?:r[a-z]*(?:\s*/.*)?)?$", re.IGNORECASE)

#: Characters of a description searched for a subject (the rest is often a verbatim record).
SUBJECT_CHARS = 300

#: Decimals kept for shares, kappa and ideal points.
DECIMALS = 6


def session_year(session: pd.Series) -> pd.Series:
    """Return the calendar year each session opened (session + 1945).

    Examples
    --------
    >>> session_year(pd.Series([1, 47])).tolist()
    [1946, 1992]
    """
    return session + SESSION_YEAR_OFFSET


def _soviet(frame: pd.DataFrame, has_russia: pd.Series) -> pd.Series:
    """Return whether each row's Russia is the Soviet Union (a RUS row of 1991 or before)."""
    return (has_russia & (frame["year"] <= LAST_SOVIET_YEAR)).astype("bool")


# --------------------------------------------------------------------------- #
# un_ideal_points
# --------------------------------------------------------------------------- #


def read_ideal_point_file(path: Path) -> pd.DataFrame:
    """Read the ideal-point file's code, session, vote count, ideal point and quantiles.

    Raises
    ------
    IngestError
        If the file is missing or lacks a column.
    """
    if not path.is_file():
        raise IngestError("file not found", path=path)
    frame = pd.read_csv(path, na_values=["NA"], keep_default_na=False)
    columns = ["ccode", "session", "NVotesAll", "IdealPointAll", *QUANTILES]
    require_columns(frame, columns, path)
    return frame[columns].copy()


def ideal_point_table(frame: pd.DataFrame, *, path: str | Path = "ideal points") -> pd.DataFrame:
    """Return the ideal points of the four states and the Assembly's median per session.

    The median is taken over every state with an ideal point in the session;
    it has no quantiles and no vote count, and ``n_states`` gives how many
    states it is the median of.

    Raises
    ------
    IngestError
        If a state has a session twice or an ideal point is not a number.

    Examples
    --------
    >>> rows = pd.DataFrame({"ccode": [630, 365, 2], "session": [35, 35, 35],
    ...     "NVotesAll": [95, 103, 110], "IdealPointAll": [-1.5, -2.0, 3.0],
    ...     **{column: [0.0, 0.0, 0.0] for column in QUANTILES}})
    >>> t = ideal_point_table(rows)
    >>> t.loc[t["state"] == "median", ["year", "ideal_point", "n_states"]].values.tolist()
    [[1980, -1.5, 3]]
    """
    require_columns(frame, ["ccode", "session", "NVotesAll", "IdealPointAll", *QUANTILES], path)
    raise_at(frame.duplicated(["ccode", "session"]), lambda i: "country and session appear twice",
             path=path, field="session", line=lambda i: i + 2)
    point = pd.to_numeric(frame["IdealPointAll"], errors="coerce")
    raise_at(point.isna(), lambda i: f"ideal point {frame['IdealPointAll'].iloc[i]!r} is not a number",
             path=path, field="IdealPointAll", line=lambda i: i + 2)
    parts = []
    for state in STATES:
        rows = frame[frame["ccode"] == COW_CODES[state]]
        part = pd.DataFrame({
            "session": pd.to_numeric(rows["session"]).astype("int64"),
            "state": state,
            "ideal_point": pd.to_numeric(rows["IdealPointAll"]),
            **{field: pd.to_numeric(rows[column]) for column, field in QUANTILES.items()},
            "n_votes": pd.to_numeric(rows["NVotesAll"]).astype("Int64"),
            "n_states": pd.NA,
        })
        parts.append(part)
    median = frame.assign(point=point).groupby("session")["point"].agg(["median", "size"]).reset_index()
    parts.append(pd.DataFrame({
        "session": median["session"].astype("int64"),
        "state": MEDIAN,
        "ideal_point": median["median"],
        "n_states": median["size"].astype("Int64"),
    }))
    table = pd.concat(parts, ignore_index=True)
    table["year"] = session_year(table["session"])
    table["russia_is_ussr"] = _soviet(table, table["state"] == "RUS")
    numbers = ["ideal_point", *QUANTILES.values()]
    table[numbers] = table[numbers].astype("Float64").round(DECIMALS)
    table[["n_votes", "n_states"]] = table[["n_votes", "n_states"]].astype("Int64")
    table["source_id"] = VOETEN_ID
    order = {state: i for i, state in enumerate([*STATES, MEDIAN])}
    table = table.sort_values(["session", "state"], key=lambda c: c.map(order) if c.name == "state" else c)
    return table.reset_index(drop=True)


# --------------------------------------------------------------------------- #
# un_agreement and un_issue_agreement
# --------------------------------------------------------------------------- #


def pair_votes(votes: pd.DataFrame, state_a: str, state_b: str) -> pd.DataFrame:
    """Return the roll calls both states voted on: ``session``, ``rcid``, ``vote_a``, ``vote_b``.

    ``votes`` are the coded raw votes (:func:`analysis.ingest.unvotes.parse.read_votes`);
    states are matched by the names the source uses (:func:`analysis.names.name`).

    Examples
    --------
    >>> v = pd.DataFrame({"session": [1, 1, 1], "rcid": [1, 1, 2],
    ...     "country": ["Iran", "Russia", "Iran"], "vote": [1, 3, 1]})
    >>> pair_votes(v, "RUS", "IRN")[["rcid", "vote_a", "vote_b"]].values.tolist()
    [[1, 3, 1]]
    """
    first = votes.loc[votes["country"] == name(state_a), ["session", "rcid", "vote"]]
    second = votes.loc[votes["country"] == name(state_b), ["rcid", "vote"]]
    joint = first.merge(second, on="rcid", suffixes=("_a", "_b"))
    return joint.sort_values("rcid", ignore_index=True)


def agreement_pairs_table(votes: pd.DataFrame) -> pd.DataFrame:
    """Return raw agreement and Cohen's kappa per session for every pair of :data:`AGREEMENT_PAIRS`.

    Examples
    --------
    >>> rows = [(35, r, c, v) for r in range(4) for c, v in
    ...     [("Russia", [1, 1, 1, 3][r]), ("Iran", [1, 1, 3, 3][r]),
    ...      ("China", 1), ("United States", 3)]]
    >>> v = pd.DataFrame(rows, columns=["session", "rcid", "country", "vote"])
    >>> t = agreement_pairs_table(v)
    >>> t.loc[t["pair"] == "RUS-IRN", ["year", "agreement", "kappa"]].values.tolist()
    [[1980, 0.75, 0.5]]
    """
    parts = []
    for pair, (state_a, state_b) in AGREEMENT_PAIRS.items():
        counts = agreement_counts(pair_votes(votes, state_a, state_b), ["session"])
        parts.append(counts.assign(pair=pair, state_a=state_a, state_b=state_b))
    table = pd.concat(parts, ignore_index=True)
    table["year"] = session_year(table["session"])
    has_russia = (table["state_a"] == "RUS") | (table["state_b"] == "RUS")
    table["russia_is_ussr"] = _soviet(table, has_russia)
    table[["agreement", "kappa"]] = table[["agreement", "kappa"]].astype("Float64").round(DECIMALS)
    table["source_id"] = UNVOTES_ID
    return table.sort_values(["session", "pair"], ignore_index=True)


def read_issues(path: Path) -> pd.DataFrame:
    """Read the issue codes of the roll calls: ``rcid`` and ``issue`` (two-letter code).

    Raises
    ------
    IngestError
        If the file is unreadable or an issue code is unknown.
    """
    frame = read_rda(path, "un_roll_call_issues", ["rcid", "short_name"])
    return issue_codes(frame, path=path)


def issue_codes(frame: pd.DataFrame, *, path: str | Path = "un_roll_call_issues") -> pd.DataFrame:
    """Check and keep the ``rcid`` and ``issue`` of the raw issue rows, duplicates dropped.

    Examples
    --------
    >>> issue_codes(pd.DataFrame({"rcid": [5.0, 5.0], "short_name": ["me", "me"]})).values.tolist()
    [[5, 'me']]
    """
    code = frame["short_name"].astype("string")
    raise_at(~code.isin(list(ISSUES)), lambda i: f"issue {code.iloc[i]!r} is not one of {sorted(ISSUES)}",
             path=path, field="short_name")
    out = pd.DataFrame({"rcid": pd.to_numeric(frame["rcid"]).astype("int64"), "issue": code.astype(str)})
    return out.drop_duplicates(ignore_index=True)


def issue_agreement_table(votes: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """Return agreement per decade, issue and pair of :data:`ISSUE_PAIRS`.

    A roll call with several issue codes counts under each of them; one
    without a code is left out. The decade is that of the year the session
    opened (the 1980s are sessions 35-44).

    Examples
    --------
    >>> rows = [(35, r, c, 1) for r in (1, 2) for c in ("Russia", "Iran", "China", "United States")]
    >>> v = pd.DataFrame(rows, columns=["session", "rcid", "country", "vote"])
    >>> t = issue_agreement_table(v, pd.DataFrame({"rcid": [1, 1], "issue": ["me", "hr"]}))
    >>> t.loc[t["pair"] == "RUS-IRN", ["decade", "issue", "n_joint"]].values.tolist()
    [[1980, 'me', 1], [1980, 'hr', 1]]
    """
    parts = []
    for pair in ISSUE_PAIRS:
        joint = pair_votes(votes, *AGREEMENT_PAIRS[pair]).merge(issues, on="rcid")
        joint["decade"] = session_year(joint["session"]) // 10 * 10
        parts.append(agreement_counts(joint, ["decade", "issue"]).assign(pair=pair))
    table = pd.concat(parts, ignore_index=True)
    table["issue_name"] = table["issue"].map(ISSUES)
    for column in ("identical", "opposite", "split"):
        table[f"share_{column}"] = (table[f"n_{column}"] / table["n_joint"]).astype("Float64").round(DECIMALS)
    table[["agreement", "kappa"]] = table[["agreement", "kappa"]].astype("Float64").round(DECIMALS)
    table["source_id"] = UNVOTES_ID
    order = {code: i for i, code in enumerate(ISSUES)}
    table = table.sort_values(["decade", "issue", "pair"], key=lambda c: c.map(order) if c.name == "issue" else c)
    return table.drop(columns=["agreement"]).reset_index(drop=True)


# --------------------------------------------------------------------------- #
# un_iran_votes and un_dividing_votes
# --------------------------------------------------------------------------- #


def read_roll_calls(path: Path) -> pd.DataFrame:
    """Read the roll calls: ``rcid``, ``session``, ``date``, ``unres``, ``importantvote``, ``short``, ``descr``."""
    frame = read_rda(path, "un_roll_calls", ["rcid", "session", "date", "unres", "importantvote", "short", "descr"])
    return roll_call_frame(frame)


def roll_call_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Normalise the raw roll calls: integer ids and sessions, text with missing values as empty strings.

    Examples
    --------
    >>> roll_call_frame(pd.DataFrame({"rcid": [3.0], "session": [1.0], "date": ["1946-01-01"],
    ...     "unres": [None], "importantvote": [None], "short": ["X"], "descr": [None]})).loc[0, ["unres", "short", "descr"]].tolist()
    ['', 'X', '']
    """
    out = pd.DataFrame({
        "rcid": pd.to_numeric(frame["rcid"]).astype("int64"),
        "session": pd.to_numeric(frame["session"]).astype("int64"),
        "date": frame["date"].astype("string"),
        "unres": frame["unres"].astype("string").fillna("").str.strip(),
        "importantvote": pd.to_numeric(frame["importantvote"], errors="coerce").astype("Int64"),
        "short": frame["short"].astype("string").fillna("").str.strip(),
        "descr": frame["descr"].astype("string").fillna("").str.strip(),
    })
    return out.astype({"date": object, "unres": object, "short": object, "descr": object})


def clean_title(short: str) -> str:
    """Return a roll call's short title without the catalogue's "resolution / adopted" tail.

    Examples
    --------
    >>> clean_title("Nuclear disarmament : resolution / adopted by the General Assembly")
    'Nuclear disarmament'
    >>> clean_title("Situation of human rights in Iran: r"), clean_title("HUMAN RIGHTS, IRAN")
    ('Situation of human rights in Iran', 'HUMAN RIGHTS, IRAN')
    """
    return TITLE_TAIL.sub("", short).strip()


def iran_subject(roll_calls: pd.DataFrame) -> pd.DataFrame:
    """Return the roll calls whose subject is Iran, with their ``kind`` and ``repeat_of``.

    A roll call qualifies when its short title or the start of its description
    speaks of human rights in Iran, or when it is a procedural vote on the same
    day about the same draft: a motion that no action be taken (``kind`` "no-action
    motion"), a vote on an amendment to the draft ("amendment"), or a second
    record of the same resolution (``repeat_of`` the first record's rcid).

    Examples
    --------
    >>> rc = pd.DataFrame({"rcid": [1, 2, 3, 4], "date": ["2006-12-19"] * 3 + ["2006-12-20"],
    ...     "unres": ["R/61/176", "", "R/61/176", "R/61/177"],
    ...     "short": ["HUMAN RIGHTS, IRAN", "", "", "IRAQ"],
    ...     "descr": ["", "Motion of the Islamic Republic of Iran that no action be taken", "", ""]})
    >>> iran_subject(rc)[["rcid", "kind", "repeat_of"]].values.tolist()
    [[1, 'resolution', <NA>], [2, 'no-action motion', <NA>], [3, 'resolution', 1]]
    """
    text = roll_calls["short"] + " " + roll_calls["descr"].str.slice(0, SUBJECT_CHARS)
    direct = text.str.contains(IRAN_SUBJECT)
    days = set(roll_calls.loc[direct, "date"])
    drafts = set(roll_calls.loc[direct & (roll_calls["unres"] != ""), "unres"])
    motion = text.str.contains(NO_ACTION) & roll_calls["descr"].str.contains(IRAN_NAMED)
    same_day = roll_calls["date"].isin(days)
    chosen = roll_calls[direct | (same_day & (motion | roll_calls["unres"].isin(drafts)))].copy()
    chosen["kind"] = "resolution"
    amended = text.str.contains(AMENDMENT) & ~text.str.contains(AS_A_WHOLE) & ~direct
    chosen.loc[amended.loc[chosen.index], "kind"] = "amendment"
    chosen.loc[motion.loc[chosen.index], "kind"] = "no-action motion"
    chosen = chosen.sort_values("rcid")
    first = chosen[chosen["kind"] == "resolution"].groupby(["date", "unres"])["rcid"].transform("min")
    repeat = first.where(first != chosen.loc[first.index, "rcid"])
    chosen["repeat_of"] = repeat.reindex(chosen.index).astype("Int64")
    return chosen.reset_index(drop=True)


def _vote_of(votes: pd.DataFrame, state: str) -> pd.Series:
    """Return ``state``'s vote name on each roll call it voted on, indexed by rcid."""
    rows = votes[votes["country"] == name(state)]
    return pd.Series(rows["vote"].map(VOTE_NAMES).to_numpy(), index=rows["rcid"].to_numpy())


def _state_votes(table: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Add ``vote_rus``, ``vote_irn``, ``vote_chn`` and ``vote_usa`` (missing: did not vote)."""
    for state in STATES:
        table[f"vote_{state.lower()}"] = table["rcid"].map(_vote_of(votes, state)).astype("string")
    return table


def iran_votes_table(roll_calls: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Return every roll call about Iran with the Assembly's totals and the four states' votes.

    Examples
    --------
    >>> rc = pd.DataFrame({"rcid": [7], "session": [47], "date": ["1992-12-06"], "unres": ["R/47/146"],
    ...     "importantvote": [1], "short": ["HUMAN RIGHTS, IRAN"], "descr": [""]})
    >>> v = pd.DataFrame({"rcid": [7, 7, 7], "country": ["Russia", "Iran", "Cuba"], "vote": [1, 3, 2]})
    >>> iran_votes_table(rc, v)[["year", "votes_yes", "votes_no", "vote_rus", "vote_irn"]].values.tolist()
    [[1992, 1, 1, 'yes', 'no']]
    """
    chosen = iran_subject(roll_calls)
    counts = votes[votes["rcid"].isin(chosen["rcid"])].groupby(["rcid", "vote"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(VOTE_NAMES), fill_value=0)
    table = chosen[["rcid", "session", "date", "unres", "short", "kind", "repeat_of"]].copy()
    table["year"] = session_year(table["session"])
    table["title"] = table["short"].map(clean_title).replace("", pd.NA).astype("string")
    for code, label in VOTE_NAMES.items():
        table[f"votes_{label}"] = table["rcid"].map(counts[code]).fillna(0).astype("int64")
    table = table.rename(columns={"unres": "resolution"}).drop(columns=["short"])
    table["resolution"] = table["resolution"].replace("", pd.NA).astype("string")
    table = _state_votes(table, votes)
    table["russia_is_ussr"] = table["year"] <= LAST_SOVIET_YEAR
    table["source_id"] = UNVOTES_ID
    return table.sort_values("rcid", ignore_index=True)


def dividing_votes_table(roll_calls: pd.DataFrame, votes: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """Return the roll calls since 1992 on which Russia and Iran cast a yes against a no.

    ``issues`` lists the roll call's issue codes, space-separated (empty when
    it has none); ``russia_side`` is Russia's vote.

    Examples
    --------
    >>> rc = pd.DataFrame({"rcid": [1, 2], "session": [47, 74], "date": ["1992-11-02", "2019-12-12"],
    ...     "unres": ["R/47/15", "A/RES/74/41"], "importantvote": [0, None],
    ...     "short": ["SELF-DETERMINATION", "Treaty on the Prohibition of Nuclear Weapons"],
    ...     "descr": ["", ""]})
    >>> v = pd.DataFrame({"session": [47, 47, 74, 74], "rcid": [1, 1, 2, 2],
    ...     "country": ["Russia", "Iran"] * 2, "vote": [2, 1, 3, 1]})
    >>> t = dividing_votes_table(rc, v, pd.DataFrame({"rcid": [2, 2], "issue": ["nu", "di"]}))
    >>> t[["rcid", "issues", "vote_rus", "vote_irn"]].values.tolist()
    [[2, 'nu di', 'no', 'yes']]
    """
    pair = pair_votes(votes, "RUS", "IRN")
    opposite = ((pair["vote_a"] == YES) & (pair["vote_b"] == NO)) | ((pair["vote_a"] == NO) & (pair["vote_b"] == YES))
    chosen = pair.loc[opposite & (pair["session"] >= FIRST_RUSSIAN_SESSION), "rcid"]
    rows = roll_calls[roll_calls["rcid"].isin(chosen)].copy()
    order = {code: i for i, code in enumerate(ISSUES)}
    codes = (issues.assign(rank=issues["issue"].map(order)).sort_values(["rcid", "rank"])
             .groupby("rcid")["issue"].agg(" ".join))
    table = pd.DataFrame({
        "rcid": rows["rcid"],
        "session": rows["session"],
        "year": session_year(rows["session"]),
        "date": rows["date"],
        "resolution": rows["unres"].replace("", pd.NA).astype("string"),
        "title": rows["short"].map(clean_title).replace("", pd.NA).astype("string"),
        "issues": rows["rcid"].map(codes).fillna("").astype("string"),
        "important_vote": rows["importantvote"].map({1: True, 0: False}).astype("boolean"),
    })
    table = _state_votes(table, votes)
    table["source_id"] = UNVOTES_ID
    return table.sort_values("rcid", ignore_index=True)
