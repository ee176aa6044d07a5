"""The essay's claims: verdicts recomputed from the data package, and the scorecard.

The ``claims`` table records a verdict for each of the essay's 30 checkable
claims. For every claim whose ``basis`` is ``data``, a function decides the
verdict again from the package's own tables and returns it with the figures it
rests on.

- :mod:`~analysis.claims.verdicts`: the :class:`Verdict` type, :data:`VERDICTS`,
  :data:`ESSAY_DATE` and the helpers the verdict functions share;
- :mod:`~analysis.claims.relations`: claims decided by events and alliances;
- :mod:`~analysis.claims.arms`: claims decided by arms transfers and deals;
- :mod:`~analysis.claims.registry`: which function decides which claim,
  :func:`data_verdicts`;
- :mod:`~analysis.claims.cards`: :func:`scorecard`, :func:`tally`,
  :func:`scorecard_html`.
"""

from analysis.claims.cards import scorecard, scorecard_html, tally
from analysis.claims.registry import VERDICT_FUNCTIONS, data_verdicts
from analysis.claims.verdicts import ESSAY_DATE, VERDICTS, Package, Verdict

__all__ = [
    "ESSAY_DATE",
    "VERDICTS",
    "VERDICT_FUNCTIONS",
    "Package",
    "Verdict",
    "data_verdicts",
    "scorecard",
    "scorecard_html",
    "tally",
]
