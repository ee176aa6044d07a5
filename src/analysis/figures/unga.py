"""General Assembly charts of the alignment chapter: ideal points, agreement beyond chance, issues,
the votes about Iran and the votes dividing Russia and Iran.

Pure builders (tidy DataFrame in, Altair chart out, no I/O) and the registry's
data steps that feed them; the raw-agreement and partner charts are in
:mod:`analysis.figures.alignment`.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from analysis import ideal_points, iran_votes, votes
from analysis.figures.annotate import end_labels
from analysis.figures.common import (
    phase_bands,
    require_columns,
    series_tip,
    titled,
    year_hover,
    year_span,
    year_tip,
    year_x,
)
from analysis.theme import COLOURS, MUTED, PAIR_COLOURS, PALETTE, TEXT, state_colour
from analysis.votes import MEDIAN_PARTNER

IDEAL_CREDIT = "Source: Bailey, Strezhnev & Voeten ideal points (2024)."
RAW_VOTES_CREDIT = "Source: unvotes R package (Voeten data); our counts."

#: Colours of the ideal-point series by label.
POSITION_COLOURS: dict[str, str] = {
    ideal_points.position_name(state): (COLOURS["other"] if state == ideal_points.MEDIAN else state_colour(state))
    for state in ideal_points.POSITIONS
}

#: Colours of the distances from Iran, by label.
DISTANCE_COLOURS: dict[str, str] = {
    label: (COLOURS["other"] if state == ideal_points.MEDIAN else state_colour(state))
    for state, label in ideal_points.FROM_IRAN.items()
}

#: Colours of the votes on resolutions about Iran.
VOTE_COLOURS: dict[str, str] = {"yes": PALETTE[2], "abstain": PALETTE[5], "no": PALETTE[1],
                                iran_votes.ABSENT: COLOURS["other"]}

#: Colours of the two sides of a dividing vote.
SIDE_COLOURS: dict[str, str] = {"Russia yes, Iran no": COLOURS["russia"], "Russia no, Iran yes": COLOURS["iran"]}



def labelled_lines(data: pd.DataFrame, value: str, colours: dict[str, str], *, y: alt.Y,
                   tooltip: list[alt.Tooltip], gap: float, dashed: tuple[str, ...] = ()) -> alt.LayerChart:
    """Return lines of ``value`` by year and ``series``, hover points and a label at each line's end.

    ``colours`` gives each series its colour and the legend order; ``dashed``
    names the series drawn dashed (a benchmark rather than a state).

    Examples
    --------
    >>> data = pd.DataFrame({"year": [2000, 2001], "series": ["A", "A"], "v": [0.1, 0.2]})
    >>> spec = labelled_lines(data, "v", {"A": "#0072B2"}, y=alt.Y("v:Q"), tooltip=[], gap=0.1).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'point', 'text']
    """
    names = [n for n in colours if n in set(data["series"])]
    hover = year_hover()
    start, end = year_span(data)
    base = alt.Chart(data).encode(
        x=year_x("Year the session opened", [start, end + 1], step=5, zero=False),
        y=y,
        color=alt.Color("series:N", sort=names, legend=None,
                        scale=alt.Scale(domain=names, range=[colours[n] for n in names])),
        strokeDash=alt.StrokeDash("series:N", legend=None, sort=names, scale=alt.Scale(
            domain=names, range=[[4, 3] if n in dashed else [1, 0] for n in names])),
    )
    points = base.mark_point(size=30).encode(
        opacity=alt.condition(hover, alt.value(1.0), alt.value(0.0)), tooltip=tooltip,
    ).add_params(hover)
    ends = end_labels(data, "series", value, names, [colours[n] for n in names], gap=gap)
    return alt.layer(base.mark_line(), points, ends)


def ideal_distance_chart(distances: pd.DataFrame, spans: pd.DataFrame) -> alt.LayerChart:
    """Line chart of the distance from Iran's ideal point to Russia's, China's and the median state's.

    Parameters
    ----------
    distances
        Output of :func:`analysis.ideal_points.distances`.
    spans
        The ``phases`` table, shaded behind the lines.

    Examples
    --------
    >>> d = pd.DataFrame({"year": [1980, 1981] * 3, "series": ["Russia"] * 2 + ["China"] * 2
    ...     + ["Median state"] * 2, "distance": [1.7, 1.6, 0.3, 0.4, 0.4, 0.4]})
    >>> spans = pd.DataFrame({"order": [1], "title": ["A"], "start_year": [1979], "end_year": [1988]})
    >>> ideal_distance_chart(d, spans).to_dict()["title"]["text"]
    'Most states stood nearer Iran than Russia'
    """
    require_columns(distances, ["year", "series", "distance"])
    start, end = year_span(distances)
    data = distances[["year", "series", "distance"]].copy()
    data["distance"] = data["distance"].astype("float64")
    wide = data.pivot(index="year", columns="series", values="distance")
    rus, median = wide[ideal_points.FROM_IRAN["RUS"]], wide[ideal_points.FROM_IRAN[ideal_points.MEDIAN]]
    nearer, sessions = int((rus < median).sum()), int(len(wide))
    top = float(data["distance"].max())
    lines = labelled_lines(
        data, "distance", DISTANCE_COLOURS, dashed=(ideal_points.FROM_IRAN[ideal_points.MEDIAN],),
        y=alt.Y("distance:Q", title="Distance from Iran (ideal-point units)", scale=alt.Scale(domain=[0, top])),
        tooltip=[year_tip("Session opened"), series_tip("series:N", "From Iran to"),
                 alt.Tooltip("distance:Q", title="Distance", format=".2f")],
        gap=top * 0.06)
    title = ("Most states stood nearer Iran than Russia" if nearer < sessions / 2
             else "Russia stood nearer Iran than most states")
    description = (
        f"Line chart of the distance between Iran's UN General Assembly ideal point and those of Russia, "
        f"China and the Assembly's median state, {start} to {end}. Russia stood nearer Iran than the "
        f"median state in {nearer} of {sessions} sessions; its mean distance was {rus.mean():.2f} against "
        f"{median.mean():.2f} for the median state and "
        f"{wide[ideal_points.FROM_IRAN['CHN']].mean():.2f} for China."
    )
    return alt.layer(phase_bands(spans, start, end), lines).resolve_scale(color="independent").properties(
        width="container", height=320,
        title=titled(title, [f"Russia nearer than the median state: {nearer} of {sessions} sessions.",
                             "Lower is closer. Russia: the Soviet Union to 1991."], [IDEAL_CREDIT]),
        description=description,
    )


def ideal_points_chart(points: pd.DataFrame) -> alt.LayerChart:
    """Ideal points of the United States, the Assembly's median, China, Russia and Iran, with 90% bands.

    Parameters
    ----------
    points
        Output of :func:`analysis.ideal_points.positions`.

    Examples
    --------
    >>> p = pd.DataFrame({"year": [1980, 1981] * 3, "series": ["Russia"] * 2 + ["Iran"] * 2 + ["China"] * 2,
    ...     "ideal_point": [-2.1, -2.0, -0.4, -0.4, 0.0, 0.1], "low": [-2.3, -2.2, -0.6, -0.6, -0.2, -0.1],
    ...     "high": [-1.9, -1.8, -0.2, -0.2, 0.2, 0.3]})
    >>> spec = ideal_points_chart(p).to_dict()
    >>> spec["layer"][0]["mark"]["type"], spec["title"]["text"]
    ('area', 'Iran has stood nearer China than Russia')
    """
    require_columns(points, ["year", "series", "ideal_point", "low", "high"])
    start, end = year_span(points)
    data = points.copy()
    names = [n for n in POSITION_COLOURS if n in set(data["series"])]
    x = year_x("Year the session opened", [start, end + 1], step=10, zero=False)
    colour = alt.Color("series:N", sort=names, legend=None,
                       scale=alt.Scale(domain=names, range=[POSITION_COLOURS[n] for n in names]))
    bands = alt.Chart(data).transform_filter("isValid(datum.low) && isValid(datum.high)").mark_area(
        opacity=0.18).encode(
        x=x, y=alt.Y("low:Q"), y2="high:Q", color=colour)
    lines = labelled_lines(
        data, "ideal_point", POSITION_COLOURS, dashed=(ideal_points.MEDIAN_NAME,),
        y=alt.Y("ideal_point:Q", title="Ideal point (positive: US positions)"),
        tooltip=[year_tip("Session opened"), series_tip("series:N", "State"),
                 alt.Tooltip("ideal_point:Q", title="Ideal point", format=".2f"),
                 alt.Tooltip("low:Q", title="5th percentile", format=".2f"),
                 alt.Tooltip("high:Q", title="95th percentile", format=".2f")],
        gap=0.35)
    wide = data.pivot(index="year", columns="series", values="ideal_point")
    iran = wide["Iran"]
    near = {n: float((wide[n] - iran).abs().mean()) for n in ("Russia", "China") if n in wide}
    nearest = min(near, key=near.__getitem__)
    other = max(near, key=near.__getitem__)
    description = (
        f"Line chart of the UN General Assembly ideal points of {', '.join(names)}, {start} to {end}, "
        f"with shaded 90% ranges of each state's estimate. Over these years Iran stood on average "
        f"{near[nearest]:.2f} from {nearest} and {near[other]:.2f} from {other}."
    )
    return alt.layer(bands, lines).properties(
        width="container", height=340,
        title=titled(f"Iran has stood nearer {nearest} than {other}",
                     [f"Ideal points by session, {start}–{end}; shading: 90% range.",
                      "Russia: the Soviet Union to 1991."], [IDEAL_CREDIT]),
        description=description,
    )


def kappa_chart(lines: pd.DataFrame, lead_from: int) -> alt.LayerChart:
    """Line chart of chance-corrected agreement (Cohen's kappa) with Iran, and a line at chance.

    Parameters
    ----------
    lines
        Output of :func:`analysis.votes.kappa_lines`.
    lead_from
        First year from which Russia stayed above the median partner
        (:func:`analysis.votes.first_lasting_lead`).

    Examples
    --------
    >>> k = pd.DataFrame({"year": [1980, 1981] * 2, "series": ["Russia–Iran"] * 2 + ["Iran–median member"] * 2,
    ...     "kappa": [0.1, 0.3, 0.05, 0.1], "agreement": [0.7, 0.7, 0.9, 0.9]})
    >>> kappa_chart(k, 1980).to_dict()["title"]["text"]
    'Net of chance, Russia agreed with Iran more'
    """
    require_columns(lines, ["year", "series", "kappa", "agreement"])
    start, end = year_span(lines)
    data = lines.copy()
    colours = {**{votes.pair_name(pair): PAIR_COLOURS[pair] for pair in votes.KAPPA_PAIRS},
               MEDIAN_PARTNER: COLOURS["other"]}
    wide = data.pivot(index="year", columns="series", values="kappa")
    rus, median = wide[votes.pair_name("RUS-IRN")], wide[MEDIAN_PARTNER]
    low, high = min(-0.5, float(data["kappa"].min())), 1.0
    chance = alt.Chart(pd.DataFrame({"kappa": [0.0]})).mark_rule(color=MUTED, strokeWidth=1).encode(
        y=alt.Y("kappa:Q"))
    layers = labelled_lines(
        data, "kappa", colours, dashed=(MEDIAN_PARTNER,),
        y=alt.Y("kappa:Q", title="Agreement beyond chance (Cohen's kappa)", scale=alt.Scale(domain=[low, high])),
        tooltip=[year_tip("Session opened"), series_tip("series:N", "Pair"),
                 alt.Tooltip("kappa:Q", title="Kappa", format=".2f"),
                 alt.Tooltip("agreement:Q", title="Raw agreement", format=".0%")],
        gap=0.07)
    more = rus.mean() > median.mean()
    description = (
        f"Line chart of Cohen's kappa, UN General Assembly agreement corrected for chance, {start} to {end}, "
        f"for Russia–Iran, Iran–China, Iran–United States and Iran's median partner. Russia–Iran averaged "
        f"{rus.mean():.2f} against {median.mean():.2f} for the median partner, and stayed above it every "
        f"session from {lead_from}. Zero is the agreement the states' own voting habits give by chance."
    )
    return alt.layer(chance, layers).properties(
        width="container", height=320,
        title=titled(f"Net of chance, Russia agreed with Iran {'more' if more else 'less'}",
                     [f"Cohen's kappa by session, {start}–{end}; 0 = chance.",
                      f"Russia above Iran's median partner from {lead_from}."], [RAW_VOTES_CREDIT]),
        description=description,
    )


def issue_chart(grid: pd.DataFrame, extremes: dict[str, object]) -> alt.LayerChart:
    """Heat map of Russia–Iran agreement by issue and decade, each cell labelled with its share.

    Parameters
    ----------
    grid
        Output of :func:`analysis.votes.issue_grid`.
    extremes
        Output of :func:`analysis.votes.issue_extremes` for the last decade.

    Examples
    --------
    >>> g = pd.DataFrame({"decade": ["2010s"], "decade_start": [2010], "issue": ["Human rights"],
    ...     "share_identical": [0.78], "share_opposite": [0.04], "share_split": [0.18], "kappa": [0.5],
    ...     "n_joint": [205]})
    >>> spec = issue_chart(g, {"least_issue": "human rights", "least_share": 0.78, "most_issue": "human rights",
    ...     "most_share": 0.78}).to_dict()
    >>> spec["layer"][1]["mark"]["type"]
    'text'
    """
    require_columns(grid, ["decade", "issue", "share_identical", "share_opposite", "share_split", "kappa",
                           "n_joint"])
    data = grid.copy()
    decades = list(dict.fromkeys(data["decade"]))
    issues = list(dict.fromkeys(data["issue"]))
    data["label"] = (data["share_identical"] * 100).round().astype("int64").astype(str) + "%"
    x = alt.X("decade:O", title="Decade the sessions opened", sort=decades, axis=alt.Axis(labelAngle=0))
    y = alt.Y("issue:N", title=None, sort=issues, axis=alt.Axis(labelLimit=160))
    tooltip = [series_tip("decade:N", "Decade"), series_tip("issue:N", "Issue"),
               alt.Tooltip("share_identical:Q", title="Votes alike", format=".0%"),
               alt.Tooltip("share_opposite:Q", title="Yes against no", format=".0%"),
               alt.Tooltip("share_split:Q", title="One abstained", format=".0%"),
               alt.Tooltip("kappa:Q", title="Kappa", format=".2f"),
               alt.Tooltip("n_joint:Q", title="Roll calls", format="d")]
    # One hue, deeper for more agreement, kept light enough for dark labels on every cell.
    cells = alt.Chart(data).mark_rect(color=COLOURS["russia"]).encode(
        x=x, y=y, tooltip=tooltip,
        opacity=alt.Opacity("share_identical:Q", legend=None, scale=alt.Scale(domain=[0, 1], range=[0.04, 0.6])))
    text = alt.Chart(data).mark_text(fontSize=11, color=TEXT).encode(x=x, y=y, text="label:N", tooltip=tooltip)
    last = decades[-1]
    description = (
        f"Heat map of the share of UN General Assembly roll calls on which Russia and Iran voted alike, by "
        f"issue code and decade, {decades[0]} to {last}. In the {last} they agreed most on "
        f"{extremes['most_issue']} ({float(extremes['most_share']):.0%}) and least on "
        f"{extremes['least_issue']} ({float(extremes['least_share']):.0%})."  # type: ignore[arg-type]
    )
    return alt.layer(cells, text).properties(
        width="container", height=34 * len(issues),
        title=titled(f"{last}: least agreement on {extremes['least_issue']}",
                     ["Share of roll calls with the same vote, by issue.",
                      "Russia: the Soviet Union to 1991."], [RAW_VOTES_CREDIT]),
        description=description,
    )


def iran_votes_chart(grid: pd.DataFrame, turn: dict[str, int]) -> alt.LayerChart:
    """Dot grid of how four states voted on each Assembly resolution about Iran, by year.

    Parameters
    ----------
    grid
        Output of :func:`analysis.iran_votes.voter_grid`.
    turn
        Output of :func:`analysis.iran_votes.russia_turn`.

    Examples
    --------
    >>> g = pd.DataFrame({"year": [1992, 2000], "voter": ["Russia", "Russia"], "vote": ["yes", "no"],
    ...     "resolution": ["R/47/146", "R/55/114"], "votes_yes": [86, 67], "votes_no": [16, 54],
    ...     "votes_abstain": [38, 46]})
    >>> iran_votes_chart(g, {"turn_year": 2000, "last_yes_year": 1992}).to_dict()["title"]["text"]
    'Since 2000 Russia votes no on Iran censures'
    """
    require_columns(grid, ["year", "voter", "vote", "resolution", "votes_yes", "votes_no", "votes_abstain"])
    start, end = year_span(grid)
    data = grid.copy()
    voters = list(dict.fromkeys(data["voter"]))
    order = [v for v in VOTE_COLOURS if v in set(data["vote"])]
    x = year_x("Year of the vote's session", [start, end], step=5, zero=False)
    y = alt.Y("voter:N", title=None, sort=voters, axis=alt.Axis(labelLimit=160))
    dots = alt.Chart(data).mark_point(size=70, filled=True, opacity=1).encode(
        x=x, y=y,
        color=alt.Color("vote:N", title="Vote", sort=order,
                        scale=alt.Scale(domain=order, range=[VOTE_COLOURS[v] for v in order]),
                        legend=alt.Legend(orient="top", direction="horizontal", title=None)),
        shape=alt.Shape("vote:N", sort=order, legend=None, scale=alt.Scale(
            domain=order, range=[{"yes": "circle", "no": "square", "abstain": "triangle-up"}.get(v, "cross")
                                 for v in order])),
        tooltip=[year_tip("Session opened"), series_tip("voter:N", "State"), series_tip("vote:N", "Vote"),
                 series_tip("resolution:N", "Resolution"),
                 alt.Tooltip("votes_yes:Q", title="Yes (all states)", format="d"),
                 alt.Tooltip("votes_no:Q", title="No (all states)", format="d"),
                 alt.Tooltip("votes_abstain:Q", title="Abstentions", format="d")],
    )
    years = sorted(set(data["year"].astype(int)))
    description = (
        f"Dot chart of the votes of {', '.join(voters)} on the {len(years)} recorded UN General Assembly "
        f"resolutions on human rights in Iran, {start} to {end}. The Soviet Union and then Russia voted for "
        f"them up to {turn['last_yes_year']}; from {turn['turn_year']} Russia voted no, with Iran and China, "
        "while the United States voted yes every time."
    )
    return dots.properties(
        width="container", height=38 * len(voters),
        title=titled(f"Since {turn['turn_year']} Russia votes no on Iran censures",
                     ["Votes on the UN resolutions on human rights in Iran.",
                      f"Russia's last yes: {turn['last_yes_year']}. Gaps: no recorded vote."], [RAW_VOTES_CREDIT]),
        description=description,
    )


def dividing_chart(counts: pd.DataFrame) -> alt.LayerChart:
    """Stacked bars of the roll calls since 1992 on which Russia and Iran voted yes against no, by issue.

    Parameters
    ----------
    counts
        Output of :func:`analysis.iran_votes.dividing_by_issue`.

    Examples
    --------
    >>> c = pd.DataFrame({"issue": ["Nuclear weapons", "Human rights"], "side": ["Russia no, Iran yes",
    ...     "Russia yes, Iran no"], "votes": [115, 34]})
    >>> dividing_chart(c).to_dict()["title"]["text"]
    'Opposing votes: most on nuclear weapons'
    """
    require_columns(counts, ["issue", "side", "votes"])
    data = counts.copy()
    issues = list(dict.fromkeys(data["issue"]))
    sides = [s for s in SIDE_COLOURS if s in set(data["side"])]
    totals = data.groupby("issue", sort=False)["votes"].sum().reindex(issues).reset_index()
    y = alt.Y("issue:N", title=None, sort=issues, axis=alt.Axis(labelLimit=160))
    tooltip = [series_tip("issue:N", "Issue"), series_tip("side:N", "Votes"),
               alt.Tooltip("votes:Q", title="Roll calls", format="d")]
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("votes:Q", title="Roll calls with a yes against a no (since 1992)", stack="zero"),
        y=y, tooltip=tooltip, order=alt.Order("side:N", sort="ascending"),
        color=alt.Color("side:N", title=None, sort=sides,
                        scale=alt.Scale(domain=sides, range=[SIDE_COLOURS[s] for s in sides]),
                        legend=alt.Legend(orient="top", direction="horizontal")),
    )
    labels = alt.Chart(totals).mark_text(align="left", dx=4, fontSize=11, color=TEXT).encode(
        x=alt.X("votes:Q"), y=y, text=alt.Text("votes:Q", format="d"),
        tooltip=[series_tip("issue:N", "Issue"), alt.Tooltip("votes:Q", title="All such roll calls", format="d")])
    top = issues[0]
    description = (
        "Bar chart of the UN General Assembly roll calls since 1992 on which Russia and Iran cast a yes "
        "against a no, by issue code (a roll call with two codes counts under both), split by which of the "
        f"two voted yes. The largest issue is {top.lower()}, with {int(totals.iloc[0]['votes'])} roll calls."
    )
    return alt.layer(bars, labels).properties(
        width="container", height=30 * len(issues),
        title=titled(f"Opposing votes: most on {top.lower()}",
                     ["Roll calls since 1992 with one yes and one no.",
                      "A roll call with two issue codes counts twice."], [RAW_VOTES_CREDIT]),
        description=description,
    )


# ---------------------------------------------------------------------------
# Data steps of the registry
# ---------------------------------------------------------------------------


#: Years of the ideal-point comparison and of the raw roll calls.
IDEAL_YEARS, ROLL_CALL_YEARS = (1979, 2023), (1979, 2019)

#: First decade of the issue chart.
FIRST_DECADE = 1970


def ideal_distance_data(package: Any) -> dict[str, Any]:
    """Inputs of the chart of distances from Iran's ideal point, 1979–2023, phases shaded."""
    return {"distances": ideal_points.distances(package["un_ideal_points"], *IDEAL_YEARS),
            "spans": package["phases"]}


def ideal_points_data(package: Any) -> dict[str, Any]:
    """Inputs of the ideal-point chart, every session 1946–2023."""
    table = package["un_ideal_points"]
    return {"points": ideal_points.positions(table, int(table["year"].min()), int(table["year"].max()))}


def kappa_data(package: Any) -> dict[str, Any]:
    """Inputs of the chance-corrected agreement chart, 1979–2019."""
    agreement, partners = package["un_agreement"], package["un_vote_partners"]
    return {"lines": votes.kappa_lines(agreement, partners, *ROLL_CALL_YEARS),
            "lead_from": votes.first_lasting_lead(agreement, partners, *ROLL_CALL_YEARS)}


def issue_data(package: Any) -> dict[str, Any]:
    """Inputs of the Russia–Iran agreement by issue and decade, from the 1970s."""
    table = package["un_issue_agreement"]
    return {"grid": votes.issue_grid(table, "RUS-IRN", FIRST_DECADE),
            "extremes": votes.issue_extremes(table, "RUS-IRN", int(table["decade"].max()))}


def iran_votes_data(package: Any) -> dict[str, Any]:
    """Inputs of the chart of votes on the Assembly's resolutions about Iran."""
    table = package["un_iran_votes"]
    return {"grid": iran_votes.voter_grid(table), "turn": iran_votes.russia_turn(table)}


def dividing_data(package: Any) -> dict[str, Any]:
    """Inputs of the chart of roll calls dividing Russia and Iran since 1992, by issue."""
    return {"counts": iran_votes.dividing_by_issue(package["un_dividing_votes"])}
