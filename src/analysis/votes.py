"""UN General Assembly voting: how often Russia, Iran, China and the US voted alike.

Agreement is a share between 0 and 1: of the roll calls on which both states
voted, the fraction on which they cast the same vote (an abstention against a
yes or no counts as disagreement). ``RUS`` is one continuous member: the Soviet
Union up to 1991, the Russian Federation from 1992.
"""

from __future__ import annotations

import pandas as pd

from analysis.guards import check_known, check_window
from analysis.names import pair_name

#: Label of Iran's median voting partner in charts and tables.
MEDIAN_PARTNER = "Iran–median member"


#: Plain names of the six issue codes of the roll-call data, in the source's order.
ISSUE_LABELS: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons",
    "di": "Arms control",
    "co": "Colonialism",
    "hr": "Human rights",
    "ec": "Economic development",
}

#: The pairs :func:`agreement_lines` draws, in legend order.
LINE_PAIRS: tuple[str, ...] = ("RUS-IRN", "IRN-CHN", "RUS-USA", "IRN-USA")


def agreement_series(
    un_votes: pd.DataFrame, pair: str, start: int | None = None, end: int | None = None
) -> pd.DataFrame:
    """Return one pair's agreement per session, sorted by year.

    Parameters
    ----------
    un_votes
        The package's ``un_votes`` table.
    pair
        A pair code such as ``"RUS-IRN"``.
    start, end
        First and last year (the year a session opened), inclusive; the data's
        whole span by default.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``session``, ``pair``, ``agreement`` (0–1, missing
        where the source has none) and ``n_votes``.

    Examples
    --------
    >>> votes = pd.DataFrame({"year": [1980, 1981, 1980], "session": [35, 36, 35],
    ...     "pair": ["RUS-IRN", "RUS-IRN", "IRN-USA"], "agreement": [0.75, 0.8, 0.2],
    ...     "n_votes": [100, 120, 100]})
    >>> agreement_series(votes, "RUS-IRN", 1981)["agreement"].tolist()
    [0.8]
    >>> agreement_series(votes, "IRN-RUS")
    Traceback (most recent call last):
    ...
    ValueError: unknown pair 'IRN-RUS'; the data has: IRN-USA, RUS-IRN
    """
    check_known(pair, un_votes["pair"], "pair")
    start = int(un_votes["year"].min()) if start is None else start
    end = int(un_votes["year"].max()) if end is None else end
    check_window(un_votes, start, end, "UN voting")
    rows = un_votes[(un_votes["pair"] == pair) & un_votes["year"].between(start, end)]
    columns = ["year", "session", "pair", "agreement", "n_votes"]
    return rows[columns].sort_values("year").reset_index(drop=True)


def agreement_by_phase(un_votes: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    """Return the mean agreement of every pair in every phase.

    Each mean is taken over the phase's years that have a value; phases
    running past the data's last year use the years there are.

    Returns
    -------
    pandas.DataFrame
        Columns ``phase_id``, ``order``, ``title``, ``pair``, ``first_year``,
        ``last_year`` (the years with data), ``n_years`` and ``agreement``.

    Examples
    --------
    >>> votes = pd.DataFrame({"year": [1980, 1981, 1990], "pair": ["RUS-IRN"] * 3,
    ...     "agreement": [0.6, 0.8, 0.9]})
    >>> phases = pd.DataFrame({"phase_id": ["a", "b"], "order": [1, 2], "title": ["A", "B"],
    ...     "start_year": [1979, 1989], "end_year": [1988, 2030]})
    >>> agreement_by_phase(votes, phases)[["phase_id", "agreement", "last_year"]].values.tolist()
    [['a', 0.7, 1981], ['b', 0.9, 1990]]
    """
    rows = []
    for phase in phases.sort_values("order").itertuples(index=False):
        inside = un_votes[
            un_votes["year"].between(phase.start_year, phase.end_year) & un_votes["agreement"].notna()
        ]
        for pair, part in inside.groupby("pair", sort=True):
            rows.append(
                {
                    "phase_id": phase.phase_id,
                    "order": int(phase.order),
                    "title": phase.title,
                    "pair": pair,
                    "first_year": int(part["year"].min()),
                    "last_year": int(part["year"].max()),
                    "n_years": int(part["year"].nunique()),
                    "agreement": round(float(part["agreement"].astype("float64").mean()), 6),
                }
            )
    if not rows:
        raise ValueError("no phase has any voting data")
    return pd.DataFrame(rows)


def partner_standing(un_vote_partners: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Return where Russia stood among Iran's voting partners in each session.

    Returns
    -------
    pandas.DataFrame
        One row per session: ``year``, ``session``, ``n_partners``,
        ``median_agreement``, ``agreement_rus``, ``rank_rus``, ``agreement_chn``,
        ``rank_chn``, ``agreement_usa``, ``rank_usa``, ``rus_minus_median``
        (Russia's agreement less the median partner's) and ``rus_above_median``.

    Examples
    --------
    >>> partners = pd.DataFrame({"year": [1987, 1988], "session": [42, 43],
    ...     "n_partners": [150, 150], "median_agreement": [0.9, 0.9],
    ...     "agreement_rus": [0.95, 0.6], "rank_rus": [40, 120],
    ...     "agreement_chn": [0.8, 0.9], "rank_chn": [100, 70],
    ...     "agreement_usa": [0.1, 0.1], "rank_usa": [150, 150]})
    >>> partner_standing(partners, 1987, 1988)["rus_above_median"].tolist()
    [True, False]
    """
    check_window(un_vote_partners, start, end, "partner")
    rows = un_vote_partners[un_vote_partners["year"].between(start, end)]
    columns = [
        "year", "session", "n_partners", "median_agreement",
        "agreement_rus", "rank_rus", "agreement_chn", "rank_chn", "agreement_usa", "rank_usa",
    ]
    frame = rows[columns].sort_values("session").reset_index(drop=True)
    frame["rus_minus_median"] = (frame["agreement_rus"] - frame["median_agreement"]).round(6)
    frame["rus_above_median"] = (frame["agreement_rus"] > frame["median_agreement"]).astype("boolean")
    return frame


def distance_is_not_closeness(
    un_votes: pd.DataFrame, un_vote_partners: pd.DataFrame, start: int, end: int
) -> dict[str, float | int]:
    """Return the figures showing that shared distance from the US is not closeness.

    Russia and Iran both voted against the United States most of the time, yet
    Russia was not one of Iran's closer partners: most members voted with Iran
    more often than Russia did.

    Returns
    -------
    dict
        ``mean_irn_usa``, ``mean_rus_usa``, ``mean_rus_irn``, ``mean_irn_chn``
        (means of the ``un_votes`` pairs over the window's years), from
        ``un_vote_partners``: ``mean_median_partner``, ``mean_partner_rus``
        (Russia's agreement with Iran computed the same way as the median),
        ``sessions``, ``sessions_rus_above_median``, ``share_rus_above_median``,
        ``median_rank_rus``, ``median_rank_chn``, ``median_n_partners``; and
        ``start`` and ``end``.

    Raises
    ------
    ValueError
        If the window is empty or not covered by both tables.

    Examples
    --------
    >>> votes = pd.DataFrame({"year": [1980] * 4, "pair": ["IRN-USA", "RUS-USA", "RUS-IRN", "IRN-CHN"],
    ...     "agreement": [0.2, 0.1, 0.7, 0.9]})
    >>> partners = pd.DataFrame({"year": [1980], "session": [35], "n_partners": [150],
    ...     "median_agreement": [0.9], "agreement_rus": [0.75], "rank_rus": [110],
    ...     "agreement_chn": [0.95], "rank_chn": [30], "agreement_usa": [0.2], "rank_usa": [150]})
    >>> figures = distance_is_not_closeness(votes, partners, 1980, 1980)
    >>> figures["mean_rus_irn"], figures["share_rus_above_median"]
    (0.7, 0.0)
    """
    check_window(un_votes, start, end, "UN voting")
    standing = partner_standing(un_vote_partners, start, end)
    inside = un_votes[un_votes["year"].between(start, end)]

    def mean(pair: str) -> float:
        values = inside.loc[inside["pair"] == pair, "agreement"].dropna().astype("float64")
        if values.empty:
            raise ValueError(f"no agreement values for {pair!r} in {start}–{end}")
        return float(values.mean())

    above = int(standing["rus_above_median"].fillna(False).sum())
    sessions = len(standing)
    return {
        "start": start,
        "end": end,
        "mean_irn_usa": mean("IRN-USA"),
        "mean_rus_usa": mean("RUS-USA"),
        "mean_rus_irn": mean("RUS-IRN"),
        "mean_irn_chn": mean("IRN-CHN"),
        "mean_median_partner": float(standing["median_agreement"].astype("float64").mean()),
        "mean_partner_rus": float(standing["agreement_rus"].astype("float64").mean()),
        "sessions": sessions,
        "sessions_rus_above_median": above,
        "share_rus_above_median": above / sessions,
        "median_rank_rus": float(standing["rank_rus"].astype("float64").median()),
        "median_rank_chn": float(standing["rank_chn"].astype("float64").median()),
        "median_n_partners": float(standing["n_partners"].astype("float64").median()),
    }


def agreement_lines(
    un_votes: pd.DataFrame, un_vote_partners: pd.DataFrame, start: int, end: int
) -> pd.DataFrame:
    """Return the long table the agreement chart draws: four pairs and Iran's median partner.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``series`` (plain-language name) and ``agreement``
        (0–1); the median partner stops where ``un_vote_partners`` does.

    Examples
    --------
    >>> votes = pd.DataFrame({"year": [1980, 1980], "pair": ["RUS-IRN", "RUS-CHN"],
    ...     "agreement": [0.7, 0.7]})
    >>> partners = pd.DataFrame({"year": [1980], "median_agreement": [0.9]})
    >>> agreement_lines(votes, partners, 1980, 1980)["series"].tolist()
    ['Russia–Iran', 'Iran–median member']
    """
    check_window(un_votes, start, end, "UN voting")
    rows = un_votes[un_votes["pair"].isin(LINE_PAIRS) & un_votes["year"].between(start, end)]
    lines = pd.DataFrame(
        {
            "year": rows["year"].astype("int64"),
            "series": rows["pair"].map(pair_name),
            "agreement": rows["agreement"].astype("float64"),
        }
    )
    medians = un_vote_partners[un_vote_partners["year"].between(start, end)]
    median = pd.DataFrame(
        {
            "year": medians["year"].astype("int64"),
            "series": MEDIAN_PARTNER,
            "agreement": medians["median_agreement"].astype("float64"),
        }
    )
    order = {name: i for i, name in enumerate([*map(pair_name, LINE_PAIRS), MEDIAN_PARTNER])}
    frame = pd.concat([lines, median], ignore_index=True)
    frame = frame.sort_values(["series", "year"], key=lambda c: c.map(order) if c.name == "series" else c)
    return frame.reset_index(drop=True).astype({"series": "string"})


def years_closer(
    un_votes: pd.DataFrame, closer: str, other: str, start: int, end: int
) -> tuple[int, int]:
    """Count the years in which pair ``closer`` agreed more than pair ``other``.

    Only years in which both pairs have an agreement value count.

    Returns
    -------
    tuple of int
        ``(years where closer > other, years compared)``.

    Examples
    --------
    >>> votes = pd.DataFrame({"year": [1980, 1980, 1981, 1981, 1982],
    ...     "session": [35, 35, 36, 36, 37],
    ...     "pair": ["IRN-CHN", "RUS-IRN", "IRN-CHN", "RUS-IRN", "RUS-IRN"],
    ...     "agreement": [0.9, 0.7, 0.6, 0.8, 0.5], "n_votes": [1, 1, 1, 1, 1]})
    >>> years_closer(votes, "IRN-CHN", "RUS-IRN", 1980, 1982)
    (1, 2)
    """
    first = agreement_series(un_votes, closer, start, end).set_index("year")["agreement"]
    second = agreement_series(un_votes, other, start, end).set_index("year")["agreement"]
    both = pd.concat([first.rename("a"), second.rename("b")], axis=1).dropna()
    return int((both["a"] > both["b"]).sum()), int(len(both))


# --------------------------------------------------------------------------- #
# Chance-corrected agreement (Cohen's kappa, :mod:`analysis.agreement`)
# --------------------------------------------------------------------------- #

#: The pairs :func:`kappa_lines` draws, in legend order, before Iran's median partner.
KAPPA_PAIRS: tuple[str, ...] = ("RUS-IRN", "IRN-CHN", "IRN-USA")


def kappa_lines(un_agreement: pd.DataFrame, un_vote_partners: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Return the long table the kappa chart draws: three pairs and Iran's median partner.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``series``, ``kappa`` and ``agreement`` (raw share, for
        the tooltip; for the median partner, the median raw share).

    Examples
    --------
    >>> agreement = pd.DataFrame({"year": [1980], "pair": ["RUS-IRN"], "kappa": [0.1], "agreement": [0.7]})
    >>> partners = pd.DataFrame({"year": [1980], "median_kappa": [0.05], "median_agreement": [0.9]})
    >>> kappa_lines(agreement, partners, 1980, 1980)[["series", "kappa"]].values.tolist()
    [['Russia–Iran', 0.1], ['Iran–median member', 0.05]]
    """
    check_window(un_agreement, start, end, "UN agreement")
    rows = un_agreement[un_agreement["pair"].isin(KAPPA_PAIRS) & un_agreement["year"].between(start, end)]
    order = {pair: i for i, pair in enumerate(KAPPA_PAIRS)}
    rows = rows.assign(rank=rows["pair"].map(order)).sort_values(["rank", "year"])
    pairs = pd.DataFrame({
        "year": rows["year"].astype("int64").to_numpy(),
        "series": rows["pair"].map(pair_name).to_numpy(),
        "kappa": rows["kappa"].astype("float64").to_numpy(),
        "agreement": rows["agreement"].astype("float64").to_numpy(),
    })
    medians = un_vote_partners[un_vote_partners["year"].between(start, end)].sort_values("year")
    median = pd.DataFrame({
        "year": medians["year"].astype("int64").to_numpy(),
        "series": MEDIAN_PARTNER,
        "kappa": medians["median_kappa"].astype("float64").to_numpy(),
        "agreement": medians["median_agreement"].astype("float64").to_numpy(),
    })
    frame = pd.concat([pairs, median], ignore_index=True).dropna(subset=["kappa"])
    return frame.astype({"series": "string"}).reset_index(drop=True)


def kappa_facts(un_agreement: pd.DataFrame, un_vote_partners: pd.DataFrame, start: int, end: int,
                since: int) -> dict[str, float | int]:
    """Return raw agreement and kappa side by side for the chapter's comparison.

    Returns
    -------
    dict
        Means over ``start``–``end``: ``raw_rus``, ``raw_chn``, ``raw_median``
        (Russia–Iran, Iran–China and Iran's median partner's raw agreement),
        ``kappa_rus``, ``kappa_chn``, ``kappa_median``; ``sessions`` and
        ``rus_above_median`` (sessions in which Russia's kappa with Iran exceeded
        the median partner's); and from ``since``: ``since_sessions``,
        ``since_rus_above_median``, ``since_kappa_rus`` and ``since_kappa_median``.

    Examples
    --------
    >>> agreement = pd.DataFrame({"year": [1980, 1980, 2010, 2010], "pair": ["RUS-IRN", "IRN-CHN"] * 2,
    ...     "agreement": [0.7, 0.9, 0.7, 0.8], "kappa": [0.0, 0.3, 0.3, 0.5]})
    >>> partners = pd.DataFrame({"year": [1980, 2010], "median_agreement": [0.9, 0.8],
    ...     "median_kappa": [0.1, 0.1]})
    >>> facts = kappa_facts(agreement, partners, 1980, 2010, 2000)
    >>> facts["rus_above_median"], facts["since_rus_above_median"], round(facts["raw_median"], 2)
    (1, 1, 0.85)
    """
    lines = kappa_lines(un_agreement, un_vote_partners, start, end)
    kappa = lines.pivot(index="year", columns="series", values="kappa")
    raw = lines.pivot(index="year", columns="series", values="agreement")
    rus, chn = pair_name("RUS-IRN"), pair_name("IRN-CHN")
    both = kappa[[rus, MEDIAN_PARTNER]].dropna()
    above = both[rus] > both[MEDIAN_PARTNER]
    recent = both.loc[both.index >= since]
    return {
        "raw_rus": float(raw[rus].mean()),
        "raw_chn": float(raw[chn].mean()),
        "raw_median": float(raw[MEDIAN_PARTNER].mean()),
        "kappa_rus": float(kappa[rus].mean()),
        "kappa_chn": float(kappa[chn].mean()),
        "kappa_median": float(kappa[MEDIAN_PARTNER].mean()),
        "sessions": int(len(both)),
        "rus_above_median": int(above.sum()),
        "since_sessions": int(len(recent)),
        "since_rus_above_median": int((recent[rus] > recent[MEDIAN_PARTNER]).sum()),
        "since_kappa_rus": float(recent[rus].mean()),
        "since_kappa_median": float(recent[MEDIAN_PARTNER].mean()),
    }


def first_lasting_lead(un_agreement: pd.DataFrame, un_vote_partners: pd.DataFrame, start: int, end: int) -> int:
    """Return the first year from which Russia's kappa with Iran exceeded the median partner's every session.

    Raises
    ------
    ValueError
        If Russia was not above the median partner in the window's last session.

    Examples
    --------
    >>> agreement = pd.DataFrame({"year": [2000, 2001, 2002], "pair": ["RUS-IRN"] * 3,
    ...     "agreement": [0.7] * 3, "kappa": [0.3, 0.0, 0.3]})
    >>> partners = pd.DataFrame({"year": [2000, 2001, 2002], "median_agreement": [0.8] * 3,
    ...     "median_kappa": [0.1] * 3})
    >>> first_lasting_lead(agreement, partners, 2000, 2002)
    2002
    """
    lines = kappa_lines(un_agreement, un_vote_partners, start, end)
    kappa = lines.pivot(index="year", columns="series", values="kappa")[[pair_name("RUS-IRN"), MEDIAN_PARTNER]]
    above = (kappa.iloc[:, 0] > kappa.iloc[:, 1]).sort_index()
    if not bool(above.iloc[-1]):
        raise ValueError(f"Russia's kappa with Iran was not above the median partner's in {int(above.index[-1])}")
    behind = above[~above]
    return int(above.index[0]) if behind.empty else int(above.index[above.index > behind.index[-1]][0])


# --------------------------------------------------------------------------- #
# Agreement by issue
# --------------------------------------------------------------------------- #


def issue_grid(un_issue_agreement: pd.DataFrame, pair: str, first_decade: int) -> pd.DataFrame:
    """Return one pair's agreement by issue and decade, from ``first_decade``, for the issue chart.

    Returns
    -------
    pandas.DataFrame
        ``decade`` (label such as ``1980s``), ``decade_start``, ``issue`` (plain
        name, :data:`ISSUE_LABELS`),
        ``share_identical``, ``share_opposite``, ``share_split``, ``kappa`` and
        ``n_joint``, ordered by decade and issue as in the source.

    Examples
    --------
    >>> table = pd.DataFrame({"decade": [1980, 1990], "issue": ["hr", "hr"],
    ...     "pair": ["RUS-IRN"] * 2, "share_identical": [0.9, 0.4], "share_opposite": [0.0, 0.5],
    ...     "share_split": [0.1, 0.1], "kappa": [0.2, -0.1], "n_joint": [40, 30]})
    >>> issue_grid(table, "RUS-IRN", 1990)[["decade", "share_identical"]].values.tolist()
    [['1990s', 0.4]]
    """
    check_known(pair, un_issue_agreement["pair"], "pair")
    rows = un_issue_agreement[(un_issue_agreement["pair"] == pair) & (un_issue_agreement["decade"] >= first_decade)]
    if rows.empty:
        raise ValueError(f"no issue agreement for {pair!r} from {first_decade}")
    columns = ["issue", "share_identical", "share_opposite", "share_split", "kappa", "n_joint"]
    frame = rows[["decade", *columns]].rename(columns={"decade": "decade_start"})
    order = {code: i for i, code in enumerate(ISSUE_LABELS)}
    frame = frame.assign(rank=frame["issue"].map(order)).sort_values(["decade_start", "rank"]).drop(columns="rank")
    frame["issue"] = frame["issue"].map(ISSUE_LABELS).astype("string")
    frame.insert(0, "decade", frame["decade_start"].astype("int64").astype(str) + "s")
    for column in ("share_identical", "share_opposite", "share_split", "kappa"):
        frame[column] = frame[column].astype("float64")
    return frame.reset_index(drop=True)


def issue_extremes(un_issue_agreement: pd.DataFrame, pair: str, decade: int) -> dict[str, object]:
    """Return the issues on which a pair agreed most and least in one decade, with their shares.

    Examples
    --------
    >>> table = pd.DataFrame({"decade": [2010, 2010], "issue": ["hr", "co"],
    ...     "pair": ["RUS-IRN"] * 2, "share_identical": [0.8, 0.5], "share_opposite": [0.1, 0.4],
    ...     "share_split": [0.1, 0.1], "kappa": [0.5, 0.1], "n_joint": [200, 100]})
    >>> issue_extremes(table, "RUS-IRN", 2010)["least_issue"]
    'colonialism'
    """
    rows = un_issue_agreement[(un_issue_agreement["pair"] == pair) & (un_issue_agreement["decade"] == decade)]
    if rows.empty:
        raise ValueError(f"no issue agreement for {pair!r} in the {decade}s")
    ordered = rows.sort_values("share_identical")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    return {
        "least_issue": ISSUE_LABELS[str(low["issue"])].lower(),
        "least_share": float(low["share_identical"]),
        "least_opposite": float(low["share_opposite"]),
        "most_issue": ISSUE_LABELS[str(high["issue"])].lower(),
        "most_share": float(high["share_identical"]),
    }
