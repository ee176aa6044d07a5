"""How Russia voted when Iran was the subject, and the votes on which Russia and Iran split.

``un_iran_votes`` holds every recorded General Assembly vote on a resolution
about Iran (the yearly resolutions on human rights in Iran, Iran's motions to
block them, amendments); ``un_dividing_votes`` the roll calls since 1992 on
which Russia and Iran cast a yes against a no. Votes are the words ``yes``,
``no`` and ``abstain``; a missing vote means the state did not vote.
"""

from __future__ import annotations

import pandas as pd

from analysis.checks import Check
from analysis.names import SOVIET_RUSSIA, name
from analysis.votes import ISSUE_LABELS

#: The states whose votes the Iran-votes chart shows, top to bottom.
VOTERS: tuple[str, ...] = ("RUS", "CHN", "USA", "IRN")

#: Label of a missing vote.
ABSENT = "did not vote"

#: Vote labels in the order charts list them.
VOTE_ORDER: tuple[str, ...] = ("yes", "abstain", "no", ABSENT)

#: Issue codes of the roll-call data and their plain names; the empty code is a roll call without one.
ISSUE_NAMES: dict[str, str] = {**ISSUE_LABELS, "": "No issue code"}


def resolution_votes(un_iran_votes: pd.DataFrame) -> pd.DataFrame:
    """Return one row per vote on a resolution about Iran: repeats, motions and amendments left out.

    Examples
    --------
    >>> votes = pd.DataFrame({"rcid": [1, 2, 3], "year": [2008] * 3,
    ...     "kind": ["resolution", "no-action motion", "resolution"], "repeat_of": [None, None, 1]})
    >>> resolution_votes(votes)["rcid"].tolist()
    [1]
    """
    rows = un_iran_votes[(un_iran_votes["kind"] == "resolution") & un_iran_votes["repeat_of"].isna()]
    return rows.sort_values(["year", "rcid"]).reset_index(drop=True)


def voter_grid(un_iran_votes: pd.DataFrame) -> pd.DataFrame:
    """Return the long table the Iran-votes chart draws: one row per resolution and voter.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``voter`` (display name; one row for the Soviet Union and Russia), ``vote``
        (yes, abstain, no or did not vote), ``resolution``, ``votes_yes``,
        ``votes_no`` and ``votes_abstain``.

    Examples
    --------
    >>> votes = pd.DataFrame({"rcid": [1], "year": [1985], "kind": ["resolution"], "repeat_of": [None],
    ...     "resolution": ["R/40/141"], "votes_yes": [55], "votes_no": [30], "votes_abstain": [45],
    ...     "vote_rus": ["yes"], "vote_chn": [None], "vote_usa": ["yes"], "vote_irn": ["no"]})
    >>> voter_grid(votes)[["voter", "vote"]].values.tolist()
    [['Soviet Union/Russia', 'yes'], ['China', 'did not vote'], ['United States', 'yes'], ['Iran', 'no']]
    """
    rows = resolution_votes(un_iran_votes)
    parts = []
    for state in VOTERS:
        voter = pd.Series(voter_name(state), index=rows.index)
        parts.append(pd.DataFrame({
            "year": rows["year"].astype("int64").to_numpy(),
            "voter": voter.to_numpy(),
            "vote": rows[f"vote_{state.lower()}"].astype("string").fillna(ABSENT).to_numpy(),
            "resolution": rows["resolution"].astype("string").fillna("").to_numpy(),
            "votes_yes": rows["votes_yes"].astype("int64").to_numpy(),
            "votes_no": rows["votes_no"].astype("int64").to_numpy(),
            "votes_abstain": rows["votes_abstain"].astype("int64").to_numpy(),
        }))
    frame = pd.concat(parts, ignore_index=True)
    order = {year: i for i, year in enumerate(sorted(frame["year"].unique()))}
    return frame.sort_values("year", key=lambda c: c.map(order), kind="stable").reset_index(drop=True)


def voter_name(state: str) -> str:
    """Return a voter's row label: one seat for the Soviet Union and Russia.

    Examples
    --------
    >>> voter_name("RUS"), voter_name("IRN")
    ('Soviet Union/Russia', 'Iran')
    """
    return name(SOVIET_RUSSIA) if state == "RUS" else name(state)


def russia_turn(un_iran_votes: pd.DataFrame) -> dict[str, int]:
    """Return when Russia's vote on the resolutions about Iran turned, by rule.

    The turn is the first year from which Russia voted no on every later
    resolution about Iran, having voted yes at least once before.

    Returns
    -------
    dict
        ``turn_year``, ``last_yes_year`` (Russia's last yes), ``yes_votes``
        (Russia's yes votes before the turn, the Soviet Union's included),
        ``no_votes`` (from the turn on), ``first_year`` and ``last_year`` of
        the recorded votes and ``resolutions`` (their number).

    Raises
    ------
    ValueError
        If Russia's last recorded vote is not a no or it never voted yes before.

    Examples
    --------
    >>> votes = pd.DataFrame({"rcid": range(5), "year": [1992, 1997, 1998, 2000, 2001],
    ...     "kind": ["resolution"] * 5, "repeat_of": [None] * 5,
    ...     "vote_rus": ["yes", "abstain", "yes", "no", "no"]})
    >>> russia_turn(votes)
    {'turn_year': 2000, 'last_yes_year': 1998, 'yes_votes': 2, 'no_votes': 2, 'first_year': 1992, 'last_year': 2001, 'resolutions': 5}
    """
    rows = resolution_votes(un_iran_votes)
    vote = rows["vote_rus"].astype("string")
    voted = rows[vote.notna()]
    is_no = voted["vote_rus"] == "no"
    if voted.empty or not bool(is_no.iloc[-1]):
        raise ValueError("Russia's last recorded vote on a resolution about Iran is not a no")
    not_no = voted[~is_no]
    yes = voted[voted["vote_rus"] == "yes"]
    if yes.empty:
        raise ValueError("Russia never voted yes on a resolution about Iran")
    turn = voted[voted["year"] > int(not_no["year"].max())] if not not_no.empty else voted
    return {
        "turn_year": int(turn["year"].iloc[0]),
        "last_yes_year": int(yes["year"].max()),
        "yes_votes": int(len(yes)),
        "no_votes": int(len(turn)),
        "first_year": int(rows["year"].min()),
        "last_year": int(rows["year"].max()),
        "resolutions": int(len(rows)),
    }


def blocking_motions(un_iran_votes: pd.DataFrame) -> dict[str, int]:
    """Count Iran's no-action motions and amendments and how often Russia voted with Iran on them.

    Examples
    --------
    >>> votes = pd.DataFrame({"kind": ["no-action motion", "amendment", "resolution"],
    ...     "vote_rus": ["yes", "yes", "no"], "vote_irn": ["yes", "yes", "no"]})
    >>> blocking_motions(votes)
    {'motions': 2, 'motions_with_iran': 2}
    """
    rows = un_iran_votes[un_iran_votes["kind"] != "resolution"]
    with_iran = rows["vote_rus"].astype("string") == rows["vote_irn"].astype("string")
    return {"motions": int(len(rows)), "motions_with_iran": int(with_iran.fillna(False).sum())}


def dividing_by_issue(un_dividing_votes: pd.DataFrame) -> pd.DataFrame:
    """Count the dividing votes by issue and side: a roll call counts under each of its issue codes.

    Returns
    -------
    pandas.DataFrame
        ``issue`` (plain name; "No issue code" for roll calls without one),
        ``side`` ("Russia yes, Iran no" or "Russia no, Iran yes") and
        ``votes``, largest issue first.

    Examples
    --------
    >>> votes = pd.DataFrame({"rcid": [1, 2, 3], "issues": ["nu di", "nu", ""],
    ...     "vote_rus": ["no", "no", "yes"]})
    >>> dividing_by_issue(votes).values.tolist()
    [['Nuclear weapons', 'Russia no, Iran yes', 2], ['Arms control', 'Russia no, Iran yes', 1], ['No issue code', 'Russia yes, Iran no', 1]]
    """
    codes = un_dividing_votes["issues"].astype("string").fillna("").str.split()
    long = pd.DataFrame({"code": codes.map(lambda c: list(c) or [""]), "vote_rus": un_dividing_votes["vote_rus"]})
    long = long.explode("code")
    long["issue"] = long["code"].map(ISSUE_NAMES)
    long["side"] = long["vote_rus"].map(side_name)
    counts = long.groupby(["issue", "side"]).size().rename("votes").reset_index()
    total = counts.groupby("issue")["votes"].transform("sum")
    last = counts["issue"] == ISSUE_NAMES[""]
    counts = counts.assign(total=total, last=last).sort_values(["last", "total", "issue", "side"],
                                                                ascending=[True, False, True, True])
    return counts[["issue", "side", "votes"]].reset_index(drop=True)


def side_name(vote_rus: str) -> str:
    """Return the side of a dividing vote from Russia's vote.

    Examples
    --------
    >>> side_name("yes"), side_name("no")
    ('Russia yes, Iran no', 'Russia no, Iran yes')
    """
    return "Russia yes, Iran no" if vote_rus == "yes" else "Russia no, Iran yes"


def telling_votes(un_dividing_votes: pd.DataFrame) -> dict[str, object]:
    """Name the most telling dividing votes, by rule: the latest of each side's largest issue.

    For each side (Russia yes and Iran no, Russia no and Iran yes), the issue
    with most dividing votes on that side is taken, and within it the latest
    roll call with a resolution symbol and a title.

    Returns
    -------
    dict
        ``total`` and, for ``yes`` (Russia yes) and ``no`` (Russia no):
        ``{side}_count`` (dividing votes on that side), ``{side}_issue``,
        ``{side}_issue_count``, ``{side}_title``, ``{side}_resolution`` (the
        symbol as in the source), ``{side}_number`` (the resolution number,
        e.g. 73/175), ``{side}_year`` and ``{side}_us`` (the US vote).

    Examples
    --------
    >>> votes = pd.DataFrame({"rcid": [1, 2, 3], "date": ["2018-12-17", "2019-12-12", "2019-12-12"],
    ...     "year": [2018, 2019, 2019], "issues": ["hr", "nu", "nu di"], "vote_rus": ["yes", "no", "no"],
    ...     "resolution": ["R/73/175", "A/RES/74/41", "A/RES/74/47"],
    ...     "title": ["Moratorium on the use of the death penalty", "Treaty", "Ethics"],
    ...     "vote_usa": ["no", "no", "no"]})
    >>> facts = telling_votes(votes)
    >>> facts["yes_number"], facts["no_number"], facts["no_issue"], facts["no_issue_count"]
    ('73/175', '74/47', 'nuclear weapons', 2)
    """
    facts: dict[str, object] = {"total": int(len(un_dividing_votes))}
    for side in ("yes", "no"):
        rows = un_dividing_votes[un_dividing_votes["vote_rus"] == side]
        counts = dividing_by_issue(rows)
        counts = counts[counts["issue"] != ISSUE_NAMES[""]]
        if counts.empty:
            raise ValueError(f"no coded dividing vote with Russia voting {side}")
        issue = str(counts.iloc[0]["issue"])
        code = next(c for c, n in ISSUE_NAMES.items() if n == issue)
        inside = rows[rows["issues"].astype("string").fillna("").str.split().map(lambda c, k=code: k in c)]
        named = inside[inside["resolution"].notna() & inside["title"].notna()]
        latest = named.sort_values(["date", "rcid"]).iloc[-1]
        facts.update({
            f"{side}_count": int(len(rows)),
            f"{side}_issue": issue.lower(),
            f"{side}_issue_count": int(counts.iloc[0]["votes"]),
            f"{side}_title": str(latest["title"]),
            f"{side}_resolution": str(latest["resolution"]),
            f"{side}_number": resolution_number(str(latest["resolution"])),
            f"{side}_year": int(latest["year"]),
            f"{side}_us": str(latest["vote_usa"]),
        })
    return facts


def resolution_number(symbol: str) -> str:
    """Return a resolution's number from its symbol as the roll-call data writes it.

    Examples
    --------
    >>> resolution_number("R/73/175"), resolution_number("A/RES/74/47"), resolution_number("R/48/75C")
    ('73/175', '74/47', '48/75 C')
    """
    session, number = symbol.split("/")[-2:]
    digits = number.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    letter = number[len(digits):]
    return f"{session}/{digits}" + (f" {letter}" if letter else "")


def censure_check(un_iran_votes: pd.DataFrame) -> Check:
    """Check whether Russia votes against the Assembly's resolutions on human rights in Iran.

    Holds when Russia's latest recorded vote is a no; figures ``turn_year`` and
    ``last_yes_year`` (see :func:`russia_turn`). With no recorded vote nothing
    relevant is on record.

    Examples
    --------
    >>> votes = pd.DataFrame({"rcid": [1, 2], "year": [1998, 2000], "kind": ["resolution"] * 2,
    ...     "repeat_of": [None, None], "vote_rus": ["yes", "no"]})
    >>> censure_check(votes).sentence
    "Russia voted for the UN General Assembly's resolutions on human rights in Iran until 1998 and against them every year from 2000."
    """
    if un_iran_votes.empty or resolution_votes(un_iran_votes).empty:
        return Check("censure_check", None, {}, "No General Assembly vote on Iran is on record.")
    try:
        turn = russia_turn(un_iran_votes)
    except ValueError as error:
        return Check("censure_check", False, {}, f"{error}.")
    return Check("censure_check", True, {"turn_year": turn["turn_year"], "last_yes_year": turn["last_yes_year"]},
                 "Russia voted for the UN General Assembly's resolutions on human rights in Iran until "
                 f"{turn['last_yes_year']} and against them every year from {turn['turn_year']}.")


# --------------------------------------------------------------------------- #
# The Security Council (the authored ``security_council_votes`` table)
# --------------------------------------------------------------------------- #

#: The permanent members the Security Council chart shows, with their vote columns.
COUNCIL_VOTERS: dict[str, str] = {"RUS": "russia_vote", "CHN": "china_vote", "USA": "us_vote"}


def council_label(row: pd.Series) -> str:
    """Return a Security Council vote's row label: its date and resolution number, or what it was.

    Examples
    --------
    >>> council_label(pd.Series({"date": pd.Timestamp("2006-12-23"), "resolution": 1737, "kind": "draft resolution"}))
    '23 Dec 2006 · res. 1737'
    >>> council_label(pd.Series({"date": pd.Timestamp("2026-03-12"), "resolution": None,
    ...     "kind": "procedural motion"}))
    '12 Mar 2026 · motion'
    """
    day = pd.Timestamp(row["date"])
    if pd.notna(row["resolution"]):
        what = f"res. {int(row['resolution'])}"
    else:
        what = "motion" if row["kind"] == "procedural motion" else "draft"
    return f"{day.day} {day:%b %Y} · {what}"


def council_grid(security_council_votes: pd.DataFrame) -> pd.DataFrame:
    """Return the long table the Security Council chart draws: one row per vote and permanent member.

    Returns
    -------
    pandas.DataFrame
        ``vote_id``, ``label`` (:func:`council_label`), ``voter`` (Russia,
        China, United States), ``vote`` (yes, no, abstain, absent, or not
        recorded), ``title``, ``outcome``, ``votes_yes``, ``votes_no`` and
        ``votes_abstain``, in the order of the votes.

    Examples
    --------
    >>> votes = pd.DataFrame({"vote_id": ["SC-1"], "date": [pd.Timestamp("2010-06-09")], "resolution": [1929],
    ...     "kind": ["draft resolution"], "title": ["Fourth round"], "outcome": ["adopted"], "votes_yes": [12],
    ...     "votes_no": [2], "votes_abstain": [1], "russia_vote": ["yes"], "china_vote": ["yes"], "us_vote": [None]})
    >>> council_grid(votes)[["voter", "vote"]].values.tolist()
    [['Russia', 'yes'], ['China', 'yes'], ['United States', 'not recorded']]
    """
    rows = security_council_votes.sort_values(["date", "vote_id"])
    labels = rows.apply(council_label, axis=1)
    parts = []
    for position, (_, row) in enumerate(rows.iterrows()):
        for state, column in COUNCIL_VOTERS.items():
            vote = row[column]
            parts.append({
                "order": position, "vote_id": row["vote_id"], "label": labels.loc[row.name], "voter": name(state),
                "vote": "not recorded" if pd.isna(vote) else str(vote), "title": row["title"],
                "outcome": row["outcome"], "votes_yes": int(row["votes_yes"]), "votes_no": int(row["votes_no"]),
                "votes_abstain": int(row["votes_abstain"]),
            })
    return pd.DataFrame(parts).sort_values(["order"], kind="stable").drop(columns="order").reset_index(drop=True)


def council_split(security_council_votes: pd.DataFrame) -> dict[str, int]:
    """Return when Russia voted as the United States did on Iran in the Security Council, and when not.

    Votes without a recorded US vote are left out. The latest run of votes on
    which the two differed gives ``split_from`` (its first year) and
    ``split_votes``; the run of agreement before it gives ``with_first``,
    ``with_last`` and ``with_votes``. Also ``votes`` (all votes on record),
    ``vetoes`` (drafts Russia's no vetoed) and ``russia_no`` (Russia's no votes).

    Raises
    ------
    ValueError
        If Russia's latest comparable vote was the same as the US vote, or no
        run of agreement precedes the split.

    Examples
    --------
    >>> votes = pd.DataFrame({"date": pd.to_datetime(["2006-12-23", "2010-06-09", "2020-08-14"]),
    ...     "vote_id": ["a", "b", "c"], "year": [2006, 2010, 2020], "outcome": ["adopted", "adopted", "vetoed"],
    ...     "russia_vote": ["yes", "yes", "no"], "us_vote": ["yes", "yes", "yes"]})
    >>> council_split(votes)
    {'votes': 3, 'with_first': 2006, 'with_last': 2010, 'with_votes': 2, 'split_from': 2020, 'split_votes': 1, 'vetoes': 1, 'russia_no': 1}
    """
    rows = security_council_votes.sort_values(["date", "vote_id"])
    both = rows[rows["us_vote"].notna()]
    same = (both["russia_vote"] == both["us_vote"]).tolist()
    years = both["year"].astype(int).tolist()
    if not same or same[-1]:
        raise ValueError("Russia's latest Security Council vote on Iran was the same as the US vote")
    split_start = max((i for i in range(len(same)) if same[i]), default=-1) + 1
    if split_start == 0:
        raise ValueError("Russia never voted as the United States did on Iran")
    with_start = max((i for i in range(split_start) if not same[i]), default=-1) + 1
    return {
        "votes": int(len(rows)),
        "with_first": years[with_start],
        "with_last": years[split_start - 1],
        "with_votes": split_start - with_start,
        "split_from": years[split_start],
        "split_votes": len(same) - split_start,
        "vetoes": int(((rows["outcome"] == "vetoed") & (rows["russia_vote"] == "no")).sum()),
        "russia_no": int((rows["russia_vote"] == "no").sum()),
    }
