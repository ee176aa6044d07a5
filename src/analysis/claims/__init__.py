"""The essay's claims: verdicts recomputed from the data package by a rule table, and the scorecard.

The ``claims`` table records a verdict for each of the essay's 30 checkable
claims. For every claim whose ``basis`` is ``data``, a declared rule decides
the verdict again from the package's own tables and explains it from the
checks that decided it.

- :mod:`~analysis.claims.verdicts`: the :class:`Verdict` type, :data:`VERDICTS`
  and their :data:`DEFINITIONS`, :data:`ESSAY_DATE` and the combinators;
- :mod:`~analysis.claims.evidence`: events with their grades, their sources,
  and the grade check that keeps a claim resting on claims alone from being
  supported;
- :mod:`~analysis.claims.rules`: the rule table (:data:`RULES`),
  :func:`data_verdicts` and :func:`verdict_of`;
- :mod:`~analysis.claims.cards`: :func:`scorecard`, :func:`tally`,
  :func:`scorecard_html`, :func:`filters_html`, :func:`scorecard_block`,
  :func:`definitions_html`.
"""

from analysis.claims.cards import (
    definitions_html,
    filters_html,
    scorecard,
    scorecard_block,
    scorecard_html,
    tally,
    tally_sentence,
)
from analysis.claims.rules import RULES, data_verdicts, verdict_of
from analysis.claims.verdicts import DEFINITIONS, ESSAY_DATE, VERDICTS, Package, Verdict

__all__ = [
    "DEFINITIONS",
    "ESSAY_DATE",
    "RULES",
    "VERDICTS",
    "Package",
    "Verdict",
    "data_verdicts",
    "definitions_html",
    "filters_html",
    "scorecard",
    "scorecard_block",
    "scorecard_html",
    "tally",
    "tally_sentence",
    "verdict_of",
]
