"""The scorecard: every claim with its verdict, its evidence and its chapter, as cards.

:func:`scorecard` joins the ``claims`` table to its phases, to the verdicts
recomputed by :func:`analysis.claims.rules.data_verdicts` and to the evidence
on record (:func:`claim_evidence`: the linked events with their grades and
sources); :func:`tally` counts verdicts; :func:`scorecard_html` renders the
claim cards the scorecard chapter shows, every text cell escaped. Each card
links its events to their rows of the timeline (``timeline.html#event-E011``)
and the claim to the section of its phase's chapter that discusses it
(:func:`section_anchor`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

from analysis.checks import Check
from analysis.claims.evidence import event_sources, graded_events
from analysis.claims.rules import data_verdicts
from analysis.claims.verdicts import DEFINITIONS, VERDICTS, Package
from analysis.events import date_label
from analysis.phases import phase_names

#: Page of the book whose event table gives every event a row ``event-<id>``.
TIMELINE_PAGE = "timeline.html"

#: How a check's outcome is named on a card.
OUTCOMES: dict[object, str] = {True: "holds", False: "does not hold", None: "nothing on record"}


def section_anchor(heading: str) -> str:
    """Return the anchor Sphinx gives a section with this heading (as docutils' ``make_id``).

    Examples
    --------
    >>> section_anchor("The war with Iraq: Moscow's weapons went to Baghdad")
    'the-war-with-iraq-moscow-s-weapons-went-to-baghdad'
    >>> section_anchor('A verdict on "alliance"'), section_anchor("Third-largest customer by 2000?")
    ('a-verdict-on-alliance', 'third-largest-customer-by-2000')
    """
    text = unicodedata.normalize("NFKD", heading.lower()).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", " ".join(text.split()))
    return re.sub(r"^[-0-9]+|-+$", "", text)


def claim_evidence(package: Package) -> pd.DataFrame:
    """Return the events on record for each claim, with grade, role, date and sources.

    Links come from ``claim_events``. Columns: ``claim_id``, ``event_id``,
    ``role`` (supports, contradicts or context), ``date`` (in words at its
    precision), ``title``, ``grade`` and ``sources`` (a list of
    ``(publisher, published or None, url)``); rows in claim, then date order.

    Examples
    --------
    >>> from analysis import load_package
    >>> rows = claim_evidence(load_package())
    >>> rows.loc[rows["claim_id"] == "C05", ["event_id", "role"]].values.tolist()
    [['E002', 'contradicts']]
    """
    events = graded_events(package["events"])
    links = package["claim_events"].merge(events, on="event_id", how="left", validate="many_to_one")
    if links["title"].isna().any():
        raise ValueError(f"claim_events names unknown events {sorted(links.loc[links['title'].isna(), 'event_id'])}")
    sources = event_sources(package)
    by_event = {
        str(ident): [(str(p), d, str(u)) for p, d, u in zip(g["publisher"], g["published"], g["url"],
                                                              strict=True)]
        for ident, g in sources.groupby("event_id", sort=False)
    }
    links = links.sort_values(["claim_id", "start_date", "event_id"], kind="stable")
    return pd.DataFrame({
        "claim_id": links["claim_id"].astype(str), "event_id": links["event_id"].astype(str),
        "role": links["role"].astype(str),
        "date": [date_label(d, str(p), full_month=True)
                 for d, p in zip(links["start_date"], links["date_precision"], strict=True)],
        "title": links["title"].astype(str), "grade": links["grade"].astype(str),
        "sources": [by_event.get(str(e), []) for e in links["event_id"]],
    }).reset_index(drop=True)


def scorecard(package: Package) -> pd.DataFrame:
    """Return every claim with its verdict, reason, chapter, evidence and recomputed verdict.

    Returns
    -------
    pandas.DataFrame
        One row per claim in claim order: ``claim_id``, ``paragraph``,
        ``phase_id``, ``phase_title``, ``phase_heading`` (the chapter's heading,
        see :func:`analysis.phases.phase_names`), ``chapter`` (file stem of the
        phase's chapter), ``section`` (heading of its section that discusses
        the claim) and ``anchor`` (that section's anchor), ``claim`` (our
        paraphrase), ``verdict``, ``reason``, ``basis``, ``recomputed`` (the
        verdict from the data, missing for source-based claims), ``agrees``
        (whether the two match; missing likewise), ``explanation`` (the
        sentences of the checks that decided), ``checks`` (every
        :class:`~analysis.checks.Check` the rule ran), ``decided`` (those that
        decided the verdict) and ``events`` (the
        claim's rows of :func:`claim_evidence`, as records).

    Examples
    --------
    >>> from analysis import load_package
    >>> card = scorecard(load_package())
    >>> len(card), bool(card["agrees"].dropna().all())
    (30, True)
    """
    claims, phases = package["claims"], package["phases"]
    names = phase_names(phases)[["phase_id", "chapter", "title", "heading"]]
    card = claims.merge(names.rename(columns={"title": "phase_title", "heading": "phase_heading"}),
                        on="phase_id", how="left", validate="many_to_one")
    if card["chapter"].isna().any():
        bad = card.loc[card["chapter"].isna(), "phase_id"].unique().tolist()
        raise ValueError(f"claims refer to unknown phases {bad}")
    verdicts = data_verdicts(package)
    found = [verdicts.get(str(c)) for c in card["claim_id"]]
    card["recomputed"] = pd.array([v.verdict if v else None for v in found], dtype="string")
    card["agrees"] = pd.array(
        [None if v is None else bool(v.verdict == s) for v, s in zip(found, card["verdict"], strict=True)],
        dtype="boolean",
    )
    card["explanation"] = pd.array([v.explanation if v else None for v in found], dtype="string")
    card["checks"] = [v.checks if v else () for v in found]
    card["decided"] = [v.decided_by if v else () for v in found]
    evidence = claim_evidence(package)
    card["events"] = [evidence[evidence["claim_id"] == c].to_dict("records") for c in card["claim_id"]]
    card["anchor"] = [section_anchor(str(s)) for s in card["section"]]
    columns = ["claim_id", "paragraph", "phase_id", "phase_title", "phase_heading", "chapter",
               "section", "anchor", "claim", "verdict", "reason", "basis", "recomputed", "agrees",
               "explanation", "checks", "decided", "events"]
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


#: How the scorecard's prose words each verdict's count: singular and plural verbs.
TALLY_WORDS: dict[str, tuple[str, str]] = {
    "supported": ("holds up", "hold up"),
    "partly supported": ("is partly right", "are partly right"),
    "contradicted": ("is contradicted", "are contradicted"),
    "unverifiable": ("is unverifiable", "are unverifiable"),
}


def tally_sentence(counts: dict[str, int]) -> str:
    """Word a tally of verdicts as the scorecard's prose reads it, for any counts.

    Examples
    --------
    >>> tally_sentence({"supported": 15, "partly supported": 14, "contradicted": 1,
    ...                 "unverifiable": 0})
    '15 hold up, 14 are partly right, 1 is contradicted and none is unverifiable'
    """
    parts = []
    for verdict in VERDICTS:
        n = int(counts.get(verdict, 0))
        one, many = TALLY_WORDS[verdict]
        parts.append(f"{'none' if n == 0 else n} {many if n > 1 else one}")
    return ", ".join(parts[:-1]) + f" and {parts[-1]}"


def _text(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def figure_text(value: object) -> str:
    """Write a computed figure for a card: numbers with separators, lists and maps joined.

    Examples
    --------
    >>> figure_text(4600), figure_text(0.0769), figure_text([2016]), figure_text(None)
    ('4,600', '0.0769', '2016', 'none')
    >>> figure_text({"E7": "claimed"}), figure_text({"Fath-360": (None, 200, 2024)})
    ('E7: claimed', 'Fath-360: (none, 200, 2024)')
    """
    if value is None or value == []:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value) if 1900 <= value <= 2100 else f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.3g}"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {figure_text(v)}" for k, v in value.items())
    if isinstance(value, tuple):
        return "(" + ", ".join(figure_text(v) for v in value) + ")"
    if isinstance(value, list):
        return ", ".join(figure_text(v) for v in value)
    return str(value)


def checks_html(checks: Sequence[Check], deciding: Sequence[Check] = (), explanation: str = "") -> str:
    """Return the list of a rule's checks: the function behind each, its outcome and figures.

    A check that decided the verdict is told by the explanation, so only its
    outcome and figures are listed; any other check (a later step of a ladder,
    a context check) also shows its finding, unless the explanation already
    says it.

    Examples
    --------
    >>> first = Check("event_in_year", False, {"start": "1979-12-24"}, "Not in <1980>.")
    >>> context = Check("deliveries_of", True, {"units": 4}, "Four arrived.")
    >>> text = checks_html([first, context], [first])
    >>> "computed by <code>event_in_year</code> (does not hold): start = 1979-12-24" in text
    True
    >>> "Not in" in text, "Four arrived. <small>(not deciding; computed by" in text
    (False, True)
    """
    items = []
    for check in checks:
        figures = ", ".join(f"{_text(k)} = {_text(figure_text(v))}" for k, v in check.figures.items())
        decided = any(check is d for d in deciding)
        said = check.sentence.rstrip(".") in explanation
        told = "" if decided or said else f"{_text(check.sentence)} "
        role = OUTCOMES[check.holds] if decided else "not deciding"
        how = (f"computed by <code>{_text(check.function)}</code> ({role})" if decided
               else f"({role}; computed by <code>{_text(check.function)}</code>)")
        items.append(f"<li>{told}<small>{how}: {figures or 'no figures'}</small></li>")
    return f'<ul class="rir-claim-checks">{"".join(items)}</ul>'


def events_html(rows: Sequence[dict[str, object]]) -> str:
    """Return the list of a claim's events: each linked to its timeline row, with grade and sources.

    Examples
    --------
    >>> text = events_html([{"event_id": "E002", "role": "contradicts", "date": "24 December 1979",
    ...     "title": "Troops <enter>", "grade": "reported",
    ...     "sources": [("PBS", None, "https://pbs.org/x"), ("BBC", "1979-12-27", "https://bbc.co.uk/y")]}])
    >>> 'href="timeline.html#event-E002"' in text, "Troops &lt;enter&gt;" in text
    (True, True)
    >>> "graded reported" in text, "PBS, BBC (1979-12-27)" in text
    (True, True)
    """
    items = []
    for row in rows:
        sources = ", ".join(f"{name}" + (f" ({published})" if published else "")
                            for name, published, _ in row["sources"])  # type: ignore[attr-defined]
        items.append(
            f'<li><a href="{TIMELINE_PAGE}#event-{_text(row["event_id"])}">{_text(row["date"])}: '
            f'{_text(row["title"])}</a> <small>({_text(row["role"])}; graded '
            f'{_text(row["grade"])}; sources: {_text(sources) or "none"})</small></li>')
    return f'<ul class="rir-claim-events">{"".join(items)}</ul>'


def scorecard_html(card: pd.DataFrame) -> str:
    """Return the scorecard as a list of claim cards, every text cell escaped.

    One card per claim (its verdict, basis and phase also in ``data-verdict``,
    ``data-basis`` and ``data-phase``, which the scorecard's filters read):
    identifier, paragraph and verdict on top, then our
    paraphrase and reason; for a data-decided claim the computed verdict and
    its checks (each with the function that computed its figures); the events
    on record, each linked to its row of the timeline with its grade, role
    and sources; and the chapter that tells the claim's phase, with the
    section that discusses it. Cards read well at any width.

    Examples
    --------
    >>> card = pd.DataFrame({"claim_id": ["C01"], "paragraph": [1], "chapter": ["enemies"],
    ...     "phase_id": ["enmity"], "phase_heading": ["Enemies first, 1979–1988"], "section": ["Revolution"],
    ...     "anchor": ["revolution"], "claim": ["<b>hostile</b>"], "verdict": ["supported"],
    ...     "reason": ["7 of 12"], "basis": ["data"], "recomputed": ["supported"],
    ...     "explanation": ["More hostile."], "checks": [()], "decided": [()], "events": [[]]})
    >>> html_text = scorecard_html(card)
    >>> "&lt;b&gt;hostile&lt;/b&gt;" in html_text
    True
    >>> 'Told in <a href="enemies.html">Enemies first, 1979–1988</a>' in html_text
    True
    >>> 'href="enemies.html#revolution"' in html_text
    True
    >>> 'data-verdict="supported" data-basis="data" data-phase="enmity"' in html_text
    True
    """
    cards = []
    for _, row in card.iterrows():
        verdict, chapter = _text(row["verdict"]), _text(row["chapter"])
        if row["basis"] == "data":
            decided = (f'<p class="rir-claim-computed">Computed from the package\'s tables: '
                       f'<strong>{_text(row["recomputed"])}</strong>. {_text(row["explanation"])}</p>'
                       + checks_html(row["checks"], row["decided"], str(row["explanation"])))
        else:
            decided = ('<p class="rir-claim-computed">Decided from the sources of the events '
                       'below, as the reason says.</p>')
        events = row["events"]
        cards.append(
            f'<li class="rir-claim" id="claim-{_text(row["claim_id"])}" data-verdict="{verdict}"'
            f' data-basis="{_text(row["basis"])}" data-phase="{_text(row["phase_id"])}">'
            f'<p class="rir-claim-head"><strong>{_text(row["claim_id"])}</strong>'
            f' · paragraph {_text(row["paragraph"])}'
            f' · <span class="rir-verdict rir-verdict-{verdict.replace(" ", "-")}">{verdict}</span></p>'
            f'<p class="rir-claim-text">{_text(row["claim"])}</p>'
            f'<p class="rir-claim-reason">{_text(row["reason"])}</p>'
            f"{decided}"
            f'<p class="rir-claim-label">Events on record ({len(events)}):</p>{events_html(events)}'
            f'<p class="rir-claim-basis">Told in <a href="{chapter}.html">{_text(row["phase_heading"])}</a>'
            f', discussed under <a href="{chapter}.html#{_text(row["anchor"])}">'
            f'{_text(row["section"])}</a>.</p>'
            "</li>"
        )
    return (
        '<ol class="rir-scorecard" aria-label="The essay\'s checkable claims and our verdicts">'
        f"{''.join(cards)}</ol>"
    )


#: The scorecard's filters: the card attribute each reads, its legend, and how each value reads.
FILTERS: dict[str, tuple[str, dict[str, str]]] = {
    "verdict": ("Verdict", {v: v for v in VERDICTS}),
    "basis": ("Evidence", {"data": "decided from the data", "sources": "decided from sources"}),
    "phase": ("Phase", {}),
}


def filters_html(card: pd.DataFrame, phases: pd.DataFrame) -> str:
    """Return the scorecard's filter controls: one group of radio buttons per :data:`FILTERS` entry.

    Each group starts with "all"; each button names a value of the cards'
    ``data-<filter>`` attribute and how many claims have it. The form and the
    count line are ``hidden``: ``rir-scorecard.js`` shows them and filters the
    cards, so without JavaScript every card shows and no control is dead.
    Phases are listed in the phases table's order, by their short titles.

    Examples
    --------
    >>> card = pd.DataFrame({"verdict": ["supported", "contradicted"], "basis": ["data", "sources"],
    ...     "phase_id": ["b", "a"]})
    >>> phases = pd.DataFrame({"phase_id": ["b", "a"], "order": [2, 1], "title": ["B", "A"],
    ...     "short_title": ["Bee", "Ay"], "chapter": ["b", "a"], "start_year": [2000, 1990],
    ...     "end_year": [2010, 1999]})
    >>> text = filters_html(card, phases)
    >>> '<input type="radio" name="rir-filter-verdict" value="contradicted"> contradicted (1)' in text
    True
    >>> text.index("Ay (1)") < text.index("Bee (1)"), "unverifiable (0)" in text
    (True, True)
    """
    names = phase_names(phases)
    values = {"verdict": card["verdict"], "basis": card["basis"], "phase": card["phase_id"]}
    choices = {**{k: dict(v) for k, (_, v) in FILTERS.items()},
               "phase": {str(p): str(t) for p, t in zip(names["phase_id"], names["short_title"], strict=True)
                         if p in set(card["phase_id"])}}
    groups = []
    for key, (legend, _) in FILTERS.items():
        counts = values[key].astype(str).value_counts()
        buttons = [f'<label><input type="radio" name="rir-filter-{key}" value="" checked> '
                   f"all ({len(card)})</label>"]
        buttons += [f'<label><input type="radio" name="rir-filter-{key}" value="{_text(value)}"> '
                    f"{_text(label)} ({int(counts.get(value, 0))})</label>"
                    for value, label in choices[key].items()]
        groups.append(f'<fieldset data-filter="{key}"><legend>{_text(legend)}</legend>'
                      f'{"".join(buttons)}</fieldset>')
    return (f'<form class="rir-claim-filters" hidden aria-label="Filter the claims">{"".join(groups)}'
            '</form><p class="rir-claim-count" role="status" aria-live="polite" hidden></p>')


def scorecard_block(card: pd.DataFrame, phases: pd.DataFrame) -> str:
    """Return the scorecard's filters (:func:`filters_html`) and cards (:func:`scorecard_html`) together.

    Examples
    --------
    >>> from analysis import load_package
    >>> package = load_package()
    >>> text = scorecard_block(scorecard(package), package["phases"])
    >>> text.startswith('<div class="rir-scorecard-block"><form')
    True
    >>> text.count('<li class="rir-claim"') == len(package["claims"])
    True
    """
    return f'<div class="rir-scorecard-block">{filters_html(card, phases)}{scorecard_html(card)}</div>'


def definitions_html() -> str:
    """Return the four verdicts and what each means, as a definition list.

    Examples
    --------
    >>> "<dt>unverifiable</dt><dd>nothing relevant is on record either way</dd>" in definitions_html()
    True
    """
    items = "".join(f"<dt>{_text(v)}</dt><dd>{_text(DEFINITIONS[v])}</dd>" for v in VERDICTS)
    return f'<dl class="rir-verdict-definitions">{items}</dl>'
