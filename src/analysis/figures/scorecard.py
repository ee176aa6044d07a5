"""The scorecard chart: every claim of the essay as a dot, placed by paragraph, coloured by verdict.

Pure builder: the output of :func:`analysis.claims.scorecard` in, an Altair
chart out. Verdicts are told apart by colour (Okabe–Ito, safe for the common
forms of colour-blindness) and by shape, so the chart also reads in grey.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from analysis import claims
from analysis.figures.common import require_columns, tips, titled
from analysis.theme import COLOURS, PALETTE, TEXT

#: Verdicts in display order, each with its colour and point shape.
VERDICT_STYLE: dict[str, tuple[str, str]] = {
    "supported": (PALETTE[2], "circle"),
    "partly supported": (PALETTE[4], "diamond"),
    "contradicted": (PALETTE[1], "cross"),
    "unverifiable": (COLOURS["neutral"], "square"),
}

SOURCE_LINE = "Source: the package's claims table; our verdicts."


def scorecard_frame(card: pd.DataFrame) -> pd.DataFrame:
    """Return one row per claim with its stack position within its paragraph.

    Examples
    --------
    >>> card = pd.DataFrame({"claim_id": ["C01", "C02", "C03"], "paragraph": [1, 1, 2],
    ...     "claim": ["a", "b", "c"], "verdict": ["supported", "contradicted", "supported"],
    ...     "basis": ["data", "sources", "data"]})
    >>> scorecard_frame(card)["position"].tolist()
    [1, 2, 1]
    """
    require_columns(card, ["claim_id", "paragraph", "claim", "verdict", "basis"])
    unknown = sorted(set(card["verdict"]) - set(VERDICT_STYLE))
    if unknown:
        raise ValueError(f"unknown verdicts {unknown}")
    frame = card[["claim_id", "paragraph", "claim", "verdict", "basis"]].copy()
    frame = frame.sort_values(["paragraph", "claim_id"], kind="stable").reset_index(drop=True)
    frame["paragraph"] = frame["paragraph"].astype("int64")
    frame["position"] = frame.groupby("paragraph").cumcount() + 1
    frame["basis_label"] = frame["basis"].map(
        {"data": "decided from the data", "sources": "decided from sources"}
    ).fillna(frame["basis"])
    return frame.astype({"claim_id": "string", "claim": "string", "verdict": "string",
                         "basis": "string", "basis_label": "string"})


def scorecard_chart(card: pd.DataFrame) -> alt.LayerChart:
    """Dot grid of the essay's claims by paragraph, coloured and shaped by verdict.

    Parameters
    ----------
    card
        Output of :func:`analysis.claims.scorecard` (``claim_id``, ``paragraph``,
        ``claim``, ``verdict``, ``basis``).

    Examples
    --------
    >>> card = pd.DataFrame({"claim_id": ["C01", "C02"], "paragraph": [1, 2],
    ...     "claim": ["a", "b"], "verdict": ["supported", "contradicted"],
    ...     "basis": ["data", "sources"]})
    >>> spec = scorecard_chart(card).to_dict()
    >>> spec["layer"][0]["encoding"]["x"]["title"]
    'Paragraph of the essay (1–8)'
    """
    frame = scorecard_frame(card)
    verdicts = [v for v in VERDICT_STYLE]
    counts = frame["verdict"].value_counts()
    tally = ", ".join(f"{int(counts.get(v, 0))} {v}" for v in verdicts)
    description = (
        f"Dot chart of the essay's {len(frame)} checkable claims, one dot per claim, "
        f"stacked above the paragraph of the essay that makes it and coloured by our "
        f"verdict: {tally}."
    )
    base = alt.Chart(frame).encode(
        x=alt.X(
            "paragraph:O",
            title="Paragraph of the essay (1–8)",
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y(
            "position:O",
            title="Claims in the paragraph (count)",
            sort="descending",
            axis=alt.Axis(labels=False, ticks=False, domain=False),
        ),
    )
    dots = base.mark_point(size=260, filled=True, opacity=1).encode(
        color=alt.Color(
            "verdict:N",
            title="Verdict",
            scale=alt.Scale(domain=verdicts, range=[VERDICT_STYLE[v][0] for v in verdicts]),
            sort=verdicts,
        ),
        shape=alt.Shape(
            "verdict:N",
            title="Verdict",
            scale=alt.Scale(domain=verdicts, range=[VERDICT_STYLE[v][1] for v in verdicts]),
            sort=verdicts,
        ),
        tooltip=tips(("claim_id:N", "Claim"), ("paragraph:O", "Paragraph"), ("claim:N", "The essay says"),
                     ("verdict:N", "Verdict"), ("basis_label:N", "Basis")),
    )
    # Each claim's id sits under its dot, centred, so it never runs into the
    # next paragraph's column however narrow the chart is.
    labels = base.mark_text(dy=13, align="center", baseline="top", fontSize=9, color=TEXT).encode(
        text=alt.Text("claim_id:N")
    )
    return alt.layer(dots, labels).properties(
        width="container",
        height=48 * int(frame["position"].max()),
        title=titled(finding_title(frame),
                     ["One dot per checkable claim, above the paragraph of",
                      "the essay that makes it; colour and shape: our verdict."], [SOURCE_LINE]),
        description=description,
    )


def finding_title(frame: pd.DataFrame) -> str:
    """Return the scorecard's title: how many claims hold and how many fail, in plain words.

    Examples
    --------
    >>> frame = pd.DataFrame({"verdict": ["supported", "supported", "contradicted", "unverifiable"]})
    >>> print(finding_title(frame))
    2 of the essay's 4 claims hold, 1 fails
    >>> print(finding_title(pd.DataFrame({"verdict": ["supported"] * 3 + ["partly supported"]})))
    3 of the essay's 4 claims hold, none fails
    """
    counts = frame["verdict"].value_counts()
    held, against = int(counts.get("supported", 0)), int(counts.get("contradicted", 0))
    fail = "none fails" if against == 0 else "1 fails" if against == 1 else f"{against} fail"
    return f"{held} of the essay's {len(frame)} claims hold, {fail}"


def scorecard_data(package: Any) -> dict[str, Any]:
    """Inputs of the scorecard chart: every claim with its verdict."""
    return {"card": claims.scorecard(package)}
