"""The scorecard: every claim with its verdict and chapter, as a table and as HTML cards.

:func:`scorecard` joins the ``claims`` table to its phases and to the
verdicts recomputed by :func:`analysis.claims.registry.data_verdicts`;
:func:`tally` counts verdicts; :func:`scorecard_html` renders the claim cards
the scorecard chapter shows, every text cell escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.claims.registry import data_verdicts
from analysis.claims.verdicts import VERDICTS, Package
from analysis.phases import phase_names


def scorecard(package: Package) -> pd.DataFrame:
    """Return every claim with its verdict, reason, chapter and recomputed verdict.

    Returns
    -------
    pandas.DataFrame
        One row per claim in claim order: ``claim_id``, ``paragraph``,
        ``phase_id``, ``phase_title``, ``phase_heading`` (the title and years,
        the chapter's heading, see :func:`analysis.phases.phase_names`),
        ``chapter`` (file stem of the phase's chapter),
        ``claim`` (our paraphrase), ``verdict``, ``reason``, ``basis``,
        ``recomputed`` (the verdict from the data, missing for source-based
        claims) and ``agrees`` (whether the two match; missing likewise).

    Examples
    --------
    >>> from analysis import load_package
    >>> card = scorecard(load_package())
    >>> len(card), bool(card["agrees"].dropna().all())
    (30, True)
    """
    claims, phases = package["claims"], package["phases"]
    names = phase_names(phases)[["phase_id", "chapter", "title", "heading"]]
    card = claims.merge(
        names.rename(columns={"title": "phase_title", "heading": "phase_heading"}),
        on="phase_id",
        how="left",
        validate="many_to_one",
    )
    if card["chapter"].isna().any():
        bad = card.loc[card["chapter"].isna(), "phase_id"].unique().tolist()
        raise ValueError(f"claims refer to unknown phases {bad}")
    verdicts = data_verdicts(package)
    card["recomputed"] = pd.array(
        [verdicts[c].verdict if c in verdicts else None for c in card["claim_id"]],
        dtype="string",
    )
    card["agrees"] = pd.array(
        [None if pd.isna(r) else bool(r == v) for r, v in zip(card["recomputed"], card["verdict"],
                                                               strict=True)],
        dtype="boolean",
    )
    columns = ["claim_id", "paragraph", "phase_id", "phase_title", "phase_heading", "chapter", "claim",
               "verdict", "reason", "basis", "recomputed", "agrees"]
    return card.sort_values("claim_id").reset_index(drop=True)[columns]


def tally(card: pd.DataFrame) -> dict[str, int]:
    """Count claims per verdict, in the order of :data:`VERDICTS`.

    Examples
    --------
    >>> tally(pd.DataFrame({"verdict": ["supported", "supported", "contradicted"]}))
    {'supported': 2, 'partly supported': 0, 'contradicted': 1, 'unverifiable': 0}
    """
    counts = card["verdict"].value_counts()
    return {verdict: int(counts.get(verdict, 0)) for verdict in VERDICTS}


def scorecard_html(card: pd.DataFrame) -> str:
    """Return the scorecard as a list of claim cards, every text cell escaped.

    One card per claim: identifier, paragraph and verdict on top, then our
    paraphrase, the reason, what decided it and a link to the chapter that
    tells the claim's phase (``<chapter>.html``, a sibling page of the
    scorecard), named by ``phase_heading`` as the chapter's own heading names
    it. Cards read well at any width, unlike a seven-column table.

    Examples
    --------
    >>> card = pd.DataFrame({"claim_id": ["C01"], "paragraph": [1], "chapter": ["enemies"],
    ...     "phase_heading": ["Enemies first, 1979–1988"],
    ...     "claim": ["<b>hostile</b>"], "verdict": ["supported"], "reason": ["7 of 12"],
    ...     "basis": ["data"], "recomputed": pd.array(["supported"], dtype="string")})
    >>> html_text = scorecard_html(card)
    >>> "&lt;b&gt;hostile&lt;/b&gt;" in html_text
    True
    >>> 'Told in <a href="enemies.html">Enemies first, 1979–1988</a>.' in html_text
    True
    """
    def cell(value: object) -> str:
        return "" if value is None or pd.isna(value) else html.escape(str(value), quote=True)

    cards = []
    for _, row in card.iterrows():
        basis = "cited sources"
        if row["basis"] == "data":
            basis = f"the package's data (computed from its tables: {cell(row['recomputed'])})"
        verdict = cell(row["verdict"])
        chapter = cell(row["chapter"])
        title = cell(row["phase_heading"])
        cards.append(
            f'<li class="rir-claim" id="claim-{cell(row["claim_id"])}">'
            f'<p class="rir-claim-head"><strong>{cell(row["claim_id"])}</strong>'
            f' · paragraph {cell(row["paragraph"])}'
            f' · <span class="rir-verdict rir-verdict-{verdict.replace(" ", "-")}">{verdict}</span></p>'
            f'<p class="rir-claim-text">{cell(row["claim"])}</p>'
            f'<p class="rir-claim-reason">{cell(row["reason"])}</p>'
            f'<p class="rir-claim-basis">Decided from {basis}. Told in '
            f'<a href="{chapter}.html">{title}</a>.</p>'
            "</li>"
        )
    return (
        '<ol class="rir-scorecard" aria-label="The essay\'s checkable claims and our verdicts">'
        f"{''.join(cards)}</ol>"
    )
