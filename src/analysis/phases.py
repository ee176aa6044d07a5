"""The report's phases as a reader sees them named: titles, years, headings and labels.

The ``phases`` table is the one source of every phase name and date range the
book shows. This module turns a table row into the strings the book prints, so
that the chapter headings (through :mod:`analysis.site.sphinx_phases`), the
scorecard's links, the charts' phase bands and the timeline's strip of phases
all say the same thing:

* ``years``: the range of years, ``"2011–2021"`` (an en dash);
* ``heading``: the title and its years, ``"Syria: fighting on the same side, 2011–2021"``,
  the chapter's title;
* ``label``: the heading numbered by the phase's order, ``"3. Syria: …, 2011–2021"``,
  shown by a phase band's tooltip;
* ``strip``: the numbered short title, ``"3 Syria"``, written inside a narrow band.
"""

from __future__ import annotations

import pandas as pd

from analysis.ranks import period_label

#: The columns of the ``phases`` table this module reads.
PHASE_COLUMNS = ("phase_id", "order", "title", "short_title", "chapter", "start_year", "end_year")

#: Prefixes of the MyST substitutions set for each phase (``phase_heading_syria`` …).
SUBSTITUTIONS = ("heading", "title", "years")


def heading(title: str, start_year: int, end_year: int) -> str:
    """Return a phase's heading: its title, a comma, its years.

    Examples
    --------
    >>> heading("Enemies first", 1979, 1988)
    'Enemies first, 1979–1988'
    """
    return f"{title}, {period_label(int(start_year), int(end_year))}"


def label(order: int, title: str, start_year: int, end_year: int) -> str:
    """Return a phase's numbered heading, as a phase band's tooltip shows it.

    Examples
    --------
    >>> label(3, "Syria: fighting on the same side", 2011, 2021)
    '3. Syria: fighting on the same side, 2011–2021'
    """
    return f"{int(order)}. {heading(title, start_year, end_year)}"


def phase_names(phases: pd.DataFrame) -> pd.DataFrame:
    """Return every phase with the strings the book shows for it, in order.

    Parameters
    ----------
    phases
        The package's ``phases`` table (at least :data:`PHASE_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        :data:`PHASE_COLUMNS` and ``years``, ``heading``, ``label`` and
        ``strip`` (see the module's docstring), one row per phase sorted by
        ``order``.

    Examples
    --------
    >>> phases = pd.DataFrame({"phase_id": ["b", "a"], "order": [2, 1],
    ...     "title": ["The thaw and the arms trade", "Enemies first"],
    ...     "short_title": ["The thaw", "Enemies first"], "chapter": ["thaw", "enemies"],
    ...     "start_year": [1989, 1979], "end_year": [2010, 1988]})
    >>> names = phase_names(phases)
    >>> names["heading"].tolist()
    ['Enemies first, 1979–1988', 'The thaw and the arms trade, 1989–2010']
    >>> names["label"].iloc[1], names["strip"].iloc[1], names["years"].iloc[1]
    ('2. The thaw and the arms trade, 1989–2010', '2 The thaw', '1989–2010')
    """
    missing = [c for c in PHASE_COLUMNS if c not in phases.columns]
    if missing:
        raise ValueError(f"the phases table lacks columns {missing}")
    frame = phases[list(PHASE_COLUMNS)].sort_values("order").reset_index(drop=True)
    frame = frame.astype({"order": "int64", "start_year": "int64", "end_year": "int64"})
    order = frame["order"].astype(str)
    frame["years"] = [period_label(a, b) for a, b in zip(frame["start_year"], frame["end_year"], strict=True)]
    frame["heading"] = [heading(*row) for row in zip(frame["title"], frame["start_year"], frame["end_year"],
                                                      strict=True)]
    frame["label"] = [label(*row) for row in zip(frame["order"], frame["title"], frame["start_year"],
                                                  frame["end_year"], strict=True)]
    frame["strip"] = order + " " + frame["short_title"].astype(str)
    return frame


def substitutions(phases: pd.DataFrame) -> dict[str, str]:
    """Return the MyST substitutions that put each phase's names into the chapters.

    For each phase, ``phase_heading_<phase_id>`` (the chapter's title),
    ``phase_title_<phase_id>`` and ``phase_years_<phase_id>``; a chapter's first
    line reads ``# {{ phase_heading_syria }}``.

    Examples
    --------
    >>> phases = pd.DataFrame({"phase_id": ["enmity"], "order": [1], "title": ["Enemies first"],
    ...     "short_title": ["Enemies first"], "chapter": ["enemies"],
    ...     "start_year": [1979], "end_year": [1988]})
    >>> substitutions(phases)
    {'phase_heading_enmity': 'Enemies first, 1979–1988', 'phase_title_enmity': 'Enemies first', 'phase_years_enmity': '1979–1988'}
    """
    names = phase_names(phases)
    return {
        f"phase_{kind}_{row['phase_id']}": str(row[kind])
        for _, row in names.iterrows()
        for kind in SUBSTITUTIONS
    }


def phase_years(phases: pd.DataFrame, phase_id: str) -> tuple[int, int]:
    """Return the first and last year of one phase.

    Raises
    ------
    KeyError
        If the table has no such phase (naming the ones it has).

    Examples
    --------
    >>> phases = pd.DataFrame({"phase_id": ["syria"], "start_year": [2011], "end_year": [2021]})
    >>> phase_years(phases, "syria")
    (2011, 2021)
    """
    rows = phases[phases["phase_id"] == phase_id]
    if rows.empty:
        raise KeyError(f"no phase {phase_id!r}; the table has {sorted(phases['phase_id'])}")
    return int(rows["start_year"].iloc[0]), int(rows["end_year"].iloc[0])


def substitution_name(kind: str, phase_id: str) -> str:
    """Return the name of one phase's substitution.

    Examples
    --------
    >>> substitution_name("heading", "syria")
    'phase_heading_syria'
    """
    if kind not in SUBSTITUTIONS:
        raise ValueError(f"no phase substitution {kind!r}; known: {', '.join(SUBSTITUTIONS)}")
    return f"phase_{kind}_{phase_id}"
