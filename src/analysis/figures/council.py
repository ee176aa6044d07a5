"""Security Council chart of the alignment chapter: how Russia, China and the US voted on Iran.

A pure builder (tidy DataFrame in, Altair chart out, no I/O) and the registry's
data step that feeds it, from the authored ``security_council_votes`` table.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from analysis import iran_votes
from analysis.figures.common import require_columns, series_tip, titled
from analysis.figures.unga import VOTE_COLOURS

COUNCIL_CREDIT = "Source: UN records as cited in security_council_votes."

#: Colours and shapes of the Security Council votes, after the Assembly's.
COUNCIL_COLOURS: dict[str, str] = {
    "yes": VOTE_COLOURS["yes"], "abstain": VOTE_COLOURS["abstain"], "no": VOTE_COLOURS["no"],
    "absent": VOTE_COLOURS[iran_votes.ABSENT], "not recorded": VOTE_COLOURS[iran_votes.ABSENT],
}
COUNCIL_SHAPES: dict[str, str] = {"yes": "circle", "abstain": "triangle-up", "no": "square",
                                  "absent": "cross", "not recorded": "diamond"}


def council_chart(grid: pd.DataFrame, split: dict[str, int]) -> alt.Chart:
    """Dot grid of the permanent members' votes on each Security Council vote about Iran.

    Parameters
    ----------
    grid
        Output of :func:`analysis.iran_votes.council_grid`.
    split
        Output of :func:`analysis.iran_votes.council_split`.

    Examples
    --------
    >>> g = pd.DataFrame({"vote_id": ["a"] * 2, "label": ["9 Jun 2010 · res. 1929"] * 2,
    ...     "voter": ["Russia", "United States"], "vote": ["yes", "yes"], "title": ["Sanctions"] * 2,
    ...     "outcome": ["adopted"] * 2, "votes_yes": [12] * 2, "votes_no": [2] * 2, "votes_abstain": [1] * 2})
    >>> split = {"votes": 1, "with_first": 2006, "with_last": 2015, "with_votes": 9, "split_from": 2020,
    ...     "split_votes": 6, "vetoes": 2, "russia_no": 4}
    >>> council_chart(g, split).to_dict()["title"]["text"]
    'Russia split from the US on Iran in 2020'
    """
    require_columns(grid, ["vote_id", "label", "voter", "vote", "title", "outcome", "votes_yes", "votes_no",
                           "votes_abstain"])
    rows = list(dict.fromkeys(grid["label"]))
    voters = list(dict.fromkeys(grid["voter"]))
    order = [v for v in COUNCIL_COLOURS if v in set(grid["vote"])]
    chart = alt.Chart(grid).mark_point(size=80, filled=True, opacity=1).encode(
        x=alt.X("voter:N", title=None, sort=voters, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("label:N", title=None, sort=rows, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("vote:N", title=None, sort=order,
                        scale=alt.Scale(domain=order, range=[COUNCIL_COLOURS[v] for v in order]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", columns=3)),
        shape=alt.Shape("vote:N", sort=order, legend=None,
                        scale=alt.Scale(domain=order, range=[COUNCIL_SHAPES[v] for v in order])),
        tooltip=[series_tip("label:N", "Vote"), series_tip("title:N", "Draft"), series_tip("voter:N", "State"),
                 series_tip("vote:N", "Its vote"), series_tip("outcome:N", "Outcome"),
                 alt.Tooltip("votes_yes:Q", title="Yes (of 15)", format="d"),
                 alt.Tooltip("votes_no:Q", title="No", format="d"),
                 alt.Tooltip("votes_abstain:Q", title="Abstentions", format="d")],
    )
    description = (
        f"Dot chart of the votes of {', '.join(voters)} on the {split['votes']} Security Council votes on Iran "
        f"in the report's table, {rows[0]} to {rows[-1]}. Russia voted as the United States did on all "
        f"{split['with_votes']} votes from {split['with_first']} to {split['with_last']}, sanctions included, "
        f"and differently on all {split['split_votes']} with a recorded US vote from {split['split_from']}; "
        f"its no vetoed {split['vetoes']} drafts."
    )
    return chart.properties(
        width="container", height=24 * len(rows),
        title=titled(f"Russia split from the US on Iran in {split['split_from']}",
                     [f"With the US {split['with_first']}–{split['with_last']}, sanctions included.",
                      "Russia: the Soviet Union to 1991."], [COUNCIL_CREDIT]),
        description=description,
    )


def council_data(package: Any) -> dict[str, Any]:
    """Inputs of the chart of the Security Council votes on Iran."""
    table = package["security_council_votes"]
    return {"grid": iran_votes.council_grid(table), "split": iran_votes.council_split(table)}
