"""UN General Assembly ideal points: where Russia, Iran, China and the US stood, and how far apart.

Bailey, Strezhnev and Voeten (2017) place every state on one line per session
from all its votes, weighting each roll call by how much it divides the
Assembly, so the many near-unanimous votes that inflate raw agreement count for
little. The distance between two states' ideal points is the field's usual
measure of how far apart they stand; it is compared here with Iran's distance
from China and from the Assembly's median state.
"""

from __future__ import annotations

import pandas as pd

from analysis.checks import Check
from analysis.guards import check_window
from analysis.names import name

#: The ``state`` value of the Assembly's median in ``un_ideal_points``.
MEDIAN = "median"

#: Display name of the Assembly's median.
MEDIAN_NAME = "Assembly median"

#: The positions the ideal-point chart draws, in legend order.
POSITIONS: tuple[str, ...] = ("USA", MEDIAN, "CHN", "RUS", "IRN")

#: The distances from Iran the chapter compares: the state and its label.
FROM_IRAN: dict[str, str] = {"RUS": "Russia", "CHN": "China", MEDIAN: "Median state"}


def position_name(state: str) -> str:
    """Return the display name of a ``state`` value of ``un_ideal_points``.

    Examples
    --------
    >>> position_name("RUS"), position_name("median")
    ('Russia', 'Assembly median')
    """
    return MEDIAN_NAME if state == MEDIAN else name(state)


def positions(un_ideal_points: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Return the ideal points the chart draws: ``year``, ``series``, ``ideal_point``, ``low``, ``high``.

    ``low`` and ``high`` are the 5th and 95th percentiles of the estimate
    (missing for the median, which has none).

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1980, 1980], "state": ["RUS", "median"],
    ...     "ideal_point": [-2.0, 0.0], "q05": [-2.2, None], "q95": [-1.8, None]})
    >>> positions(table, 1980, 1980)[["series", "low"]].values.tolist()
    [['Assembly median', nan], ['Russia', -2.2]]
    """
    check_window(un_ideal_points, start, end, "ideal point")
    rows = un_ideal_points[un_ideal_points["state"].isin(POSITIONS) & un_ideal_points["year"].between(start, end)]
    order = {state: i for i, state in enumerate(POSITIONS)}
    rows = rows.assign(rank=rows["state"].map(order)).sort_values(["rank", "year"])
    return pd.DataFrame({
        "year": rows["year"].astype("int64").to_numpy(),
        "series": rows["state"].map(position_name).astype("string").to_numpy(),
        "ideal_point": rows["ideal_point"].astype("float64").to_numpy(),
        "low": rows["q05"].astype("float64").to_numpy(),
        "high": rows["q95"].astype("float64").to_numpy(),
    })


def distances(un_ideal_points: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Return each session's distance from Iran's ideal point to Russia's, China's and the median's.

    Returns
    -------
    pandas.DataFrame
        Long: ``year``, ``series`` (the labels of :data:`FROM_IRAN`) and
        ``distance`` (absolute difference of ideal points), no missing values.

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1980] * 4, "state": ["IRN", "RUS", "CHN", "median"],
    ...     "ideal_point": [-0.4, -2.1, 0.0, -0.1]})
    >>> distances(table, 1980, 1980).round(2).values.tolist()
    [[1980, 'Russia', 1.7], [1980, 'China', 0.4], [1980, 'Median state', 0.3]]
    """
    check_window(un_ideal_points, start, end, "ideal point")
    rows = un_ideal_points[un_ideal_points["year"].between(start, end)]
    wide = rows.pivot(index="year", columns="state", values="ideal_point").astype("float64")
    parts = [
        pd.DataFrame({"year": wide.index.astype("int64"), "series": label,
                      "distance": (wide[state] - wide["IRN"]).abs().to_numpy()})
        for state, label in FROM_IRAN.items()
    ]
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["distance"])
    return frame.astype({"series": "string"}).reset_index(drop=True)


def distance_facts(un_ideal_points: pd.DataFrame, start: int, end: int) -> dict[str, float | int]:
    """Return the headline comparison of Russia's, China's and the median's distance from Iran.

    Returns
    -------
    dict
        ``mean_rus``, ``mean_chn``, ``mean_median`` (mean distances from Iran
        over the window's sessions, China over those it has), ``sessions``,
        ``rus_nearer_than_median`` (sessions in which Russia stood nearer Iran
        than the median state), ``rus_nearer_than_chn``, ``last_year`` and the
        last session's ``last_rus``, ``last_chn`` and ``last_median``.

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1980] * 4 + [1981] * 4, "state": ["IRN", "RUS", "CHN", "median"] * 2,
    ...     "ideal_point": [-0.4, -2.1, 0.0, -0.1, -1.0, -1.2, -0.5, -0.3]})
    >>> facts = distance_facts(table, 1980, 1981)
    >>> round(facts["mean_rus"], 2), facts["rus_nearer_than_median"], facts["last_year"]
    (0.95, 1, 1981)
    """
    long = distances(un_ideal_points, start, end)
    wide = long.pivot(index="year", columns="series", values="distance")
    rus, chn, median = (wide[FROM_IRAN[state]] for state in ("RUS", "CHN", MEDIAN))
    last = int(wide.index.max())
    return {
        "mean_rus": float(rus.mean()),
        "mean_chn": float(chn.mean()),
        "mean_median": float(median.mean()),
        "sessions": int(rus.notna().sum()),
        "rus_nearer_than_median": int((rus < median).sum()),
        "rus_nearer_than_chn": int((rus < chn).sum()),
        "last_year": last,
        "last_rus": float(rus[last]),
        "last_chn": float(chn[last]),
        "last_median": float(median[last]),
    }


def nearer_runs(un_ideal_points: pd.DataFrame, start: int, end: int) -> list[tuple[int, int]]:
    """Return the runs of consecutive sessions in which Russia stood nearer Iran than the median state.

    Examples
    --------
    >>> table = pd.DataFrame({"year": sorted([1980, 1981, 1982] * 3), "state": ["IRN", "RUS", "median"] * 3,
    ...     "ideal_point": [0, 1, 2, 0, 3, 2, 0, 1, 2]})
    >>> nearer_runs(table.assign(state=table["state"]).pipe(
    ...     lambda t: pd.concat([t, t[t["state"] == "IRN"].assign(state="CHN")])), 1980, 1982)
    [(1980, 1980), (1982, 1982)]
    """
    long = distances(un_ideal_points, start, end)
    wide = long.pivot(index="year", columns="series", values="distance")
    nearer = wide[FROM_IRAN["RUS"]] < wide[FROM_IRAN[MEDIAN]]
    runs: list[tuple[int, int]] = []
    for year, flag in nearer.items():
        if not flag:
            continue
        if runs and runs[-1][1] == int(year) - 1:
            runs[-1] = (runs[-1][0], int(year))
        else:
            runs.append((int(year), int(year)))
    return runs


def distance_check(un_ideal_points: pd.DataFrame, start: int, end: int) -> Check:
    """Check whether Russia stood nearer Iran than the Assembly's median state in most sessions of a window.

    Figures: ``sessions`` and ``rus_nearer_than_median``. With no ideal points in
    the window nothing relevant is on record (``holds`` is ``None``).

    Examples
    --------
    >>> table = pd.DataFrame({"year": [1980] * 4, "state": ["IRN", "RUS", "CHN", "median"],
    ...     "ideal_point": [-0.4, -2.1, 0.0, -0.1]})
    >>> check = distance_check(table, 1980, 1980)
    >>> check.holds, check.sentence
    (False, "Russia's UN ideal point stood nearer Iran's than the Assembly median's in 0 of 1 sessions of 1980–1980.")
    """
    rows = un_ideal_points[un_ideal_points["year"].between(start, end)] if not un_ideal_points.empty else un_ideal_points
    if rows.empty or not {"IRN", "RUS", MEDIAN} <= set(rows["state"]):
        return Check("distance_check", None, {}, f"No UN ideal points for Russia and Iran in {start}–{end}.")
    first, last = int(rows["year"].min()), int(rows["year"].max())
    facts = distance_facts(un_ideal_points, first, last)
    nearer, sessions = int(facts["rus_nearer_than_median"]), int(facts["sessions"])
    return Check("distance_check", nearer > sessions / 2,
                 {"sessions": sessions, "rus_nearer_than_median": nearer},
                 f"Russia's UN ideal point stood nearer Iran's than the Assembly median's in {nearer} of "
                 f"{sessions} sessions of {first}–{last}.")


def distance_change(un_ideal_points: pd.DataFrame, before: tuple[int, int], after_start: int) -> Check:
    """Check whether Russia's ideal point moved nearer Iran's from ``after_start`` than over ``before``.

    Figures: ``distance_before``, ``distance_after`` (mean distances) and
    ``after_last`` (the last session year). With no session from ``after_start``
    nothing relevant is on record.

    Examples
    --------
    >>> table = pd.DataFrame({"year": sorted([2020, 2022] * 4), "state": ["IRN", "RUS", "CHN", "median"] * 2,
    ...     "ideal_point": [-1.8, 0.1, -0.6, -0.3, -1.9, -0.5, -1.1, -0.3]})
    >>> check = distance_change(table, (2020, 2021), 2022)
    >>> check.holds, check.figures["distance_after"]
    (True, 1.4)
    """
    last = int(un_ideal_points["year"].max()) if not un_ideal_points.empty else after_start - 1
    if last < after_start:
        return Check("distance_change", None, {}, f"No UN ideal points from {after_start} yet.")
    was = distance_facts(un_ideal_points, *before)["mean_rus"]
    now = distance_facts(un_ideal_points, after_start, last)["mean_rus"]
    figures = {"distance_before": round(was, 2), "distance_after": round(now, 2), "after_last": last}
    moved = "nearer to" if now < was else "no nearer to"
    return Check("distance_change", now < was, figures,
                 f"Russia's UN ideal point moved {moved} Iran's: {now:.2f} apart on average in "
                 f"{after_start}–{last} against {was:.2f} in {before[0]}–{before[1]}.")
