"""Alignment charts: UN voting, partner standing, alliance obligations, trade.

Pure builders (tidy DataFrame in, Altair chart out, no I/O) and the registry's
data steps that feed them.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pandas as pd

from analysis import alliances, votes
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
from analysis.names import name, pair_name
from analysis.theme import COLOURS, PAIR_COLOURS, TEXT, state_colour
from analysis.votes import MEDIAN_PARTNER

VOTES_CREDIT = "Source: Bailey, Strezhnev & Voeten, UNGA votes (2024)."
PARTNERS_CREDIT = "Source: unvotes R package (Voeten data); our ranking."
ALLIANCE_CREDIT = "Source: ATOP 5.1 (to 2018), COW alliances 4.1 (to 2012)"
TRADE_CREDIT = "Source: Correlates of War Trade v4.0 (to 2014)."

#: Colours of the agreement series by label, from the pair codes' colours in the theme.
SERIES_COLOURS: dict[str, str] = {
    **{pair_name(pair): colour for pair, colour in PAIR_COLOURS.items()},
    MEDIAN_PARTNER: COLOURS["other"],
}


def agreement_chart(lines: pd.DataFrame, spans: pd.DataFrame) -> alt.LayerChart:
    """Line chart of UN voting agreement per session, with the report's phases shaded.

    Parameters
    ----------
    lines
        Output of :func:`analysis.votes.agreement_lines`: ``year``, ``series``, ``agreement``.
    spans
        The ``phases`` table or :func:`analysis.events.phase_spans` (``order``,
        ``title``, ``start_year``, ``end_year``).

    Examples
    --------
    >>> lines = pd.DataFrame({"year": [1980, 1981] * 2, "series": ["Russia–Iran"] * 2
    ...     + ["Iran–median member"] * 2, "agreement": [0.77, 0.8, 0.9, 0.92]})
    >>> spans = pd.DataFrame({"order": [1], "title": ["A"], "start_year": [1979], "end_year": [1988]})
    >>> agreement_chart(lines, spans).to_dict()["layer"][1]["layer"][0]["encoding"]["y"]["title"]
    'Agreement with each other (share of votes, 0–1)'
    """
    require_columns(lines, ["year", "series", "agreement"])
    start, end = year_span(lines)
    names = [n for n in SERIES_COLOURS if n in set(lines["series"])]
    data = lines[["year", "series", "agreement"]].copy()
    data["agreement"] = data["agreement"].astype("float64")
    rus_irn = data[data["series"] == pair_name("RUS-IRN")]["agreement"]
    hover = year_hover()
    base = alt.Chart(data).encode(
        x=year_x("Year the session opened", [start, end + 1], step=5, zero=False),
        y=alt.Y("agreement:Q", title="Agreement with each other (share of votes, 0–1)",
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        color=alt.Color("series:N", title="Pair", sort=names, legend=None,
                        scale=alt.Scale(domain=names, range=[SERIES_COLOURS[n] for n in names])),
        strokeDash=alt.StrokeDash(
            "series:N", legend=None, sort=names,
            scale=alt.Scale(domain=names, range=[[4, 3] if n == MEDIAN_PARTNER else [1, 0] for n in names]),
        ),
    )
    lines_layer = base.mark_line()
    points = base.mark_point(size=30).encode(
        opacity=alt.condition(hover, alt.value(1.0), alt.value(0.0)),
        tooltip=[
            year_tip("Session opened"),
            series_tip("series:N", "Pair"),
            alt.Tooltip("agreement:Q", title="Agreement", format=".0%"),
        ],
    ).add_params(hover)
    description = (
        f"Line chart of how often pairs of states voted alike in the UN General Assembly, "
        f"{start} to {end}, for {', '.join(names)}. Russia and Iran agreed on between "
        f"{rus_irn.min():.0%} and {rus_irn.max():.0%} of votes per session; both agreed with "
        "the United States far less. Shaded bands mark the report's phases."
    )
    ends = end_labels(data, "series", "agreement", names, [SERIES_COLOURS[n] for n in names], gap=0.04)
    return alt.layer(phase_bands(spans, start, end), alt.layer(lines_layer, points, ends)).resolve_scale(
        color="independent"
    ).properties(
        width="container",
        height=340,
        title=titled(
            agreement_title(data),
            [f"Share of UN Assembly votes cast alike, {start}–{end}.",
             "Russia: the Soviet Union to 1991. Numbers: the phases."],
            [VOTES_CREDIT],
        ),
        description=description,
    )


def agreement_title(lines: pd.DataFrame) -> str:
    """Return the agreement chart's title: Russia's agreement with Iran against the median member's.

    Compares the mean share of votes Russia and Iran cast alike with the mean
    share Iran cast alike with its median partner, over the sessions of ``lines``.

    Examples
    --------
    >>> lines = pd.DataFrame({"series": ["Russia–Iran", "Iran–median member"], "agreement": [0.7, 0.83]})
    >>> print(agreement_title(lines))
    Russia voted with Iran less than most states
    >>> print(agreement_title(lines.assign(agreement=[0.84, 0.83])))
    Russia voted with Iran like a typical state
    """
    mean = lines.groupby("series")["agreement"].mean()
    gap = float(mean[pair_name("RUS-IRN")] - mean[MEDIAN_PARTNER])
    if abs(gap) < 0.03:
        return "Russia voted with Iran like a typical state"
    return f"Russia voted with Iran {'more' if gap > 0 else 'less'} than most states"


def partner_rank_chart(standing: pd.DataFrame) -> alt.LayerChart:
    """Rank of Russia, China and the US among Iran's UN voting partners, per session.

    Parameters
    ----------
    standing
        Output of :func:`analysis.votes.partner_standing`.

    Examples
    --------
    >>> standing = pd.DataFrame({"year": [1987, 1988], "n_partners": [156, 157],
    ...     "rank_rus": [41, 49], "rank_chn": [105, 101], "rank_usa": [156, 157]})
    >>> partner_rank_chart(standing).to_dict()["layer"][1]["encoding"]["y"]["scale"]["reverse"]
    True
    """
    require_columns(standing, ["year", "n_partners", "rank_rus", "rank_chn", "rank_usa"])
    start, end = year_span(standing)
    codes = ("RUS", "CHN", "USA")
    names = {f"rank_{code.lower()}": name(code) for code in codes}
    colours = [state_colour(code) for code in codes]
    long = standing[["year", *names]].melt(id_vars="year", var_name="who", value_name="rank")
    long["who"] = long["who"].map(names)
    long = long.dropna(subset=["rank"]).astype({"year": "int64", "rank": "int64"})
    last = standing[["year", "n_partners"]].astype("int64")
    rus = standing["rank_rus"].astype("float64")
    members = standing["n_partners"].astype("float64").median()
    hover = year_hover()
    x = year_x("Year the session opened", [start, end], step=5)
    y_scale = alt.Scale(reverse=True, domainMin=1)
    base = alt.Chart(long).encode(
        x=x,
        y=alt.Y("rank:Q", title="Rank among Iran's partners (1 = closest)", scale=y_scale),
        color=alt.Color("who:N", title=None, sort=list(names.values()), legend=None,
                        scale=alt.Scale(domain=list(names.values()), range=colours)),
    )
    points = base.mark_point(size=30).encode(
        opacity=alt.condition(hover, alt.value(1.0), alt.value(0.0)),
        tooltip=[year_tip("Session opened"),
                 series_tip("who:N", "State"),
                 alt.Tooltip("rank:Q", title="Rank", format="d")],
    ).add_params(hover)
    last_place = alt.Chart(last).mark_line(strokeDash=[4, 3], color=COLOURS["other"], strokeWidth=1.5).encode(
        x=x, y=alt.Y("n_partners:Q", scale=y_scale),
        tooltip=[year_tip("Session opened"),
                 alt.Tooltip("n_partners:Q", title="Number of partners (last place)", format="d")],
    )
    description = (
        f"Line chart of the rank of Russia, China and the United States among Iran's voting "
        f"partners in each UN General Assembly session, {start} to {end}, 1 being the closest. "
        f"Russia's median rank was {rus.median():.0f} of about {members:.0f} "
        f"members; its best was {rus.min():.0f}."
    )
    ends = end_labels(long, "who", "rank", list(names.values()), colours,
                      gap=14 * float(standing["n_partners"].astype("float64").max()) / 320)
    return alt.layer(last_place, base.mark_line(), points, ends).properties(
        width="container",
        height=320,
        title=titled(
            "Most states voted closer to Iran than Russia" if rus.median() > members / 2
            else "Few states voted closer to Iran than Russia",
            [f"Russia's median rank, {start}–{end}: {rus.median():.0f} of {members:.0f}.",
             "Rank by share of identical votes; lower is closer.",
             "Dashed grey: the number of partners, i.e. last place."],
            [PARTNERS_CREDIT],
        ),
        description=description,
    )


def obligation_strip_chart(strip: pd.DataFrame) -> alt.LayerChart:
    """Bars of the years each alliance obligation bound a directed dyad, labelled with those years.

    Only the obligation types recorded in some year get a row; the types never
    recorded for a dyad are named in the subtitle, so the decisive years stand
    out instead of rows of empty strips. The pale strip behind each row is the
    years its dataset covers.

    Parameters
    ----------
    strip
        Output of :func:`analysis.alliances.obligation_strip`.

    Examples
    --------
    >>> strip = pd.DataFrame({"year": [2001, 2001], "dyad": ["Russia → Iran"] * 2,
    ...     "category": ["ATOP defence", "ATOP neutrality"],
    ...     "row": ["Russia → Iran · ATOP defence", "Russia → Iran · ATOP neutrality"],
    ...     "status": ["None recorded", "Obligation"]})
    >>> spec = obligation_strip_chart(strip).to_dict()
    >>> spec["datasets"][spec["layer"][0]["data"]["name"]][0]["row"]
    'Russia · ATOP neutrality'
    >>> spec["layer"][0]["mark"]["type"], spec["layer"][2]["encoding"]["text"]["field"]
    ('rect', 'years')
    >>> spec["title"]["subtitle"][1]
    'Never recorded for Russia → Iran: ATOP defence.'
    """
    require_columns(strip, ["year", "dyad", "category", "row", "status"])
    start, end = year_span(strip)
    strip = strip.assign(row=giver_rows(strip))
    bound = strip[strip["status"] == "Obligation"]
    rows = [r for r in dict.fromkeys(strip["row"].tolist()) if r in set(bound["row"])]
    never = [r for r in dict.fromkeys(strip["row"].tolist()) if r not in set(rows)]
    per_dyad = "; ".join(
        f"{dyad}: {', '.join(str(y) for y in _year_ranges(sorted(part['year'].unique())))}"
        for dyad, part in bound.groupby("dyad", sort=False)
    ) or "none"
    description = (
        f"Bars of formal alliance obligations by year, {start} to {end}, one row per "
        f"directed pair of states and obligation type recorded. Years with any obligation: {per_dyad}."
        + (f" Never recorded: {'; '.join(never)}." if never else "")
    )
    runs = _runs(strip[strip["row"].isin(rows)])
    held = runs[runs["status"] == "Obligation"].copy()
    # A label goes on the side of its bar with more room, so it stays inside the plot.
    held["label_left"] = (held["from"] - start) > (end + 1 - held["to"])
    held["label_at"] = held["from"].where(held["label_left"], held["to"])
    held = held.drop(columns=["from", "to"])
    x = year_x("Year", [start, end + 1], field="from:Q", step=5, zero=False)
    y = alt.Y("row:N", title=None, sort=rows, axis=alt.Axis(labelLimit=260))
    tooltip = [series_tip("years:N", "Years"), series_tip("dyad:N", "Who owes whom"),
               series_tip("category:N", "Obligation"), series_tip("status:N", "Recorded")]
    bars = alt.Chart(runs).mark_rect().encode(
        x=x, x2="to:Q", y=y,
        color=alt.Color("status:N", title="Recorded",
                        scale=alt.Scale(domain=["Obligation", "None recorded"],
                                        range=[COLOURS["russia"], COLOURS["other"]])),
        opacity=alt.Opacity("status:N", legend=None, scale=alt.Scale(domain=["Obligation", "None recorded"],
                                                                  range=[1.0, 0.15])),
        tooltip=tooltip,
    )
    label_x = alt.X("label_at:Q")
    labels = [
        alt.Chart(held[held["label_left"] == left]).mark_text(
            align="right" if left else "left", dx=-4 if left else 4, fontSize=10, color=TEXT,
        ).encode(x=label_x, y=y, text=alt.Text("years:N"), tooltip=tooltip)
        for left in (False, True)
    ]
    lines = ["Years each obligation was in force; pale: none.",
             *never_lines(strip[strip["row"].isin(never)]),
             "Blank: years outside the dataset's coverage."]
    return alt.layer(bars, *labels).properties(
        width="container",
        height=22 * len(rows),
        title=titled(obligation_title(strip), lines, [ALLIANCE_CREDIT]),
        description=description,
    )


def giver_rows(strip: pd.DataFrame) -> pd.Series:
    """Return row labels naming only the giver when every dyad has the same receiving state.

    Examples
    --------
    >>> strip = pd.DataFrame({"dyad": ["Russia → Iran", "United States → Iran"],
    ...     "category": ["ATOP defence", "COW entente"], "row": ["r1", "r2"]})
    >>> giver_rows(strip).tolist()
    ['Russia · ATOP defence', 'United States · COW entente']
    >>> giver_rows(strip.assign(dyad=["Russia → Iran", "Iran → Russia"])).tolist()
    ['r1', 'r2']
    """
    parts = strip["dyad"].str.split("→", n=1, expand=True)
    if parts[1].str.strip().nunique() != 1:
        return strip["row"]
    return parts[0].str.strip() + " · " + strip["category"]


def never_lines(unrecorded: pd.DataFrame, width: int = 55) -> list[str]:
    """Return subtitle lines naming, per dyad, the obligation types never recorded.

    Examples
    --------
    >>> unrecorded = pd.DataFrame({"dyad": ["A → B"] * 3, "category": ["ATOP offence", "ATOP offence",
    ...     "COW neutrality"]})
    >>> never_lines(unrecorded)
    ['Never recorded for A → B: ATOP offence, COW neutrality.']
    >>> never_lines(unrecorded, width=30)
    ['Never recorded for A → B: ATOP', 'offence, COW neutrality.']
    """
    lines: list[str] = []
    for dyad, part in unrecorded.groupby("dyad", sort=False):
        kinds = ", ".join(dict.fromkeys(part["category"].tolist()))
        lines += textwrap.wrap(f"Never recorded for {dyad}: {kinds}.", width)
    return lines


def obligation_title(strip: pd.DataFrame) -> str:
    """Return the obligations chart's title: the last year a defence pledge bound each dyad.

    Defence obligations are the ``category`` values containing "defence".

    Examples
    --------
    >>> strip = pd.DataFrame({"year": [1946, 1979, 2001], "status": ["Obligation"] * 3,
    ...     "dyad": ["Russia → Iran", "United States → Iran", "Russia → Iran"],
    ...     "category": ["ATOP defence", "ATOP defence", "ATOP neutrality"]})
    >>> print(obligation_title(strip))
    Russia's last defence pledge to Iran: 1946
    >>> print(obligation_title(strip[strip["category"] != "ATOP defence"]))
    No defence pledge from Russia to Iran
    """
    first_dyad = str(strip["dyad"].iloc[0])
    giver, taker = (part.strip() for part in first_dyad.split("→"))
    defence = strip[(strip["status"] == "Obligation") & (strip["dyad"] == first_dyad)
                    & strip["category"].str.contains("defence")]
    if defence.empty:
        return f"No defence pledge from {giver} to {taker}"
    return f"{giver}'s last defence pledge to {taker}: {int(defence['year'].max())}"


def _runs(strip: pd.DataFrame) -> pd.DataFrame:
    """Compress a yearly strip into runs of consecutive years with the same status."""
    records = []
    for (row, dyad, category), part in strip.groupby(["row", "dyad", "category"], sort=False):
        part = part.sort_values("year")
        run_start = prev = None
        status = None
        for year, value in zip(part["year"].astype(int), part["status"], strict=True):
            if run_start is not None and (value != status or year != prev + 1):
                records.append((row, dyad, category, status, run_start, prev))
                run_start = None
            if run_start is None:
                run_start, status = year, value
            prev = year
        records.append((row, dyad, category, status, run_start, prev))
    runs = pd.DataFrame(records, columns=["row", "dyad", "category", "status", "from", "last"])
    runs["to"] = runs["last"] + 1
    runs["years"] = [f"{a}" if a == b else f"{a}–{b}" for a, b in zip(runs["from"], runs["last"], strict=True)]
    return runs[["row", "dyad", "category", "status", "from", "to", "years"]]


def _year_ranges(years: list[int]) -> list[str]:
    """Compress years into ranges: [1946, 2001, 2002] -> ['1946', '2001–2002']."""
    ranges: list[str] = []
    for year in years:
        if ranges and int(ranges[-1].split("–")[-1]) == year - 1:
            ranges[-1] = f"{ranges[-1].split('–')[0]}–{year}"
        else:
            ranges.append(str(year))
    return ranges


def trade_chart(flows: pd.DataFrame) -> alt.LayerChart:
    """Line chart of goods trade each way between two states; gaps are shown as gaps.

    Parameters
    ----------
    flows
        Output of :func:`analysis.alliances.trade_flows`.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [2000, 2001, 2000, 2001],
    ...     "flow": ["Russia → Iran"] * 2 + ["Iran → Russia"] * 2,
    ...     "value_musd": [920.0, 939.0, 54.0, None]})
    >>> trade_chart(flows).to_dict()["layer"][0]["mark"]["invalid"]
    'break-paths-show-domains'
    """
    require_columns(flows, ["year", "flow", "value_musd"])
    start, end = year_span(flows)
    data = flows[["year", "flow", "value_musd"]].copy()
    data["year"] = data["year"].astype("int64")
    data["value_musd"] = data["value_musd"].astype("float64")
    labels = list(dict.fromkeys(data["flow"].tolist()))
    colours = [COLOURS["russia"], COLOURS["iran"]][: len(labels)]
    peak = data.loc[data["value_musd"].idxmax()]
    missing = int(data["value_musd"].isna().sum())
    base = alt.Chart(data).encode(
        x=year_x("Year", [start, end]),
        y=alt.Y("value_musd:Q", title="Goods exports (US$ millions, current)"),
        color=alt.Color("flow:N", title="Direction", sort=labels, legend=None,
                        scale=alt.Scale(domain=labels, range=colours)),
    )
    description = (
        f"Line chart of yearly goods trade between the two states, {start} to {end}, in millions "
        f"of current US dollars, for {' and '.join(labels)}. The largest yearly value is "
        f"{peak['value_musd']:,.0f} million for {peak['flow']} in {int(peak['year'])}; "
        f"{missing} direction-years have no figure and are left as gaps."
    )
    return alt.layer(
        base.mark_line(invalid="break-paths-show-domains"),
        base.mark_point(size=25, invalid="break-paths-show-domains").encode(
            tooltip=[year_tip(),
                     series_tip("flow:N", "Direction"),
                     alt.Tooltip("value_musd:Q", title="US$ millions (current)", format=",.0f")],
        ),
        end_labels(data, "flow", "value_musd", labels, colours,
                   gap=14 * float(data["value_musd"].max()) / 300),
    ).properties(
        width="container",
        height=300,
        title=titled(
            trade_title(data),
            [f"Goods exports each way, {start}–{end},",
             "as the importer reported them.",
             "Current dollars; gaps are years with no figure."],
            [TRADE_CREDIT],
        ),
        description=description,
    )


def trade_title(flows: pd.DataFrame) -> str:
    """Return the trade chart's title: how many times more the first flow carried than the second.

    Only years with a figure for both directions are summed, so a gap on one
    side does not inflate the ratio.

    Examples
    --------
    >>> flows = pd.DataFrame({"year": [2000, 2000, 2001, 2001],
    ...     "flow": ["Russia → Iran", "Iran → Russia"] * 2, "value_musd": [900.0, 100.0, 50.0, None]})
    >>> print(trade_title(flows))
    Russia sold Iran 9× what it bought from it
    """
    labels = list(dict.fromkeys(flows["flow"].tolist()))
    both = flows.pivot(index="year", columns="flow", values="value_musd").dropna()
    ratio = float(both[labels[0]].sum() / both[labels[1]].sum())
    seller, buyer = (part.strip() for part in labels[0].split("→"))
    return f"{seller} sold {buyer} {ratio:.0f}× what it bought from it"


# ---------------------------------------------------------------------------
# Data steps of the registry
# ---------------------------------------------------------------------------


def agreement_data(package: Any) -> dict[str, Any]:
    """Inputs of the UN voting agreement chart, sessions opened 1979–2023, phases shaded."""
    lines = votes.agreement_lines(package["un_votes"], package["un_vote_partners"], 1979, 2023)
    return {"lines": lines, "spans": package["phases"]}


def partner_rank_data(package: Any) -> dict[str, Any]:
    """Inputs of the chart of Russia, China and the US among Iran's UN partners, 1979–2019."""
    return {"standing": votes.partner_standing(package["un_vote_partners"], 1979, 2019)}


def obligations_data(package: Any) -> dict[str, Any]:
    """Inputs of the heat strip of Moscow's and Washington's obligations to Iran, 1946–2018."""
    return {"strip": alliances.obligation_strip(package["alliances"], ["RUS-IRN", "USA-IRN"], 1946, 2018)}


def trade_data(package: Any) -> dict[str, Any]:
    """Inputs of the Russia–Iran goods trade chart, 1979–2014."""
    return {"flows": alliances.trade_flows(package["bilateral_trade"], "RUS", "IRN", 1979, 2014)}

