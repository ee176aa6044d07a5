"""The verdict vocabulary: the :class:`Verdict` type, :data:`VERDICTS` and the essay's date.

Every per-claim function (in :mod:`analysis.claims.relations` and
:mod:`analysis.claims.arms`) takes the package (any mapping from resource
name to DataFrame, such as :func:`analysis.load_package`'s result or a dict of
small hand-built frames) and returns a :class:`Verdict`; the helpers here are
the pieces those functions share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

#: A data package, or any mapping from resource name to table.
Package = Mapping[str, pd.DataFrame]

#: The verdicts the ``claims`` table uses, from strongest to weakest support.
VERDICTS: tuple[str, ...] = ("supported", "partly supported", "contradicted", "unverifiable")

#: The day the essay appeared; claims about supplies are judged against it.
ESSAY_DATE = pd.Timestamp("2023-07-16")

#: The years of hostility the essay's first paragraphs describe.
ENMITY_YEARS = (1979, 1988)


@dataclass(frozen=True)
class Verdict:
    """A verdict on one claim, recomputed from the data.

    ``evidence`` holds the figures the verdict rests on (plain Python values:
    ints, floats, strings, ISO dates), ``explanation`` says in one sentence
    how they decide it.

    Examples
    --------
    >>> Verdict("C05", "contradicted", {"invasion_start": "1979-12-24"}).verdict
    'contradicted'
    >>> Verdict("C99", "maybe")
    Traceback (most recent call last):
    ...
    ValueError: unknown verdict 'maybe'; expected one of ('supported', 'partly supported', 'contradicted', 'unverifiable')
    """

    claim_id: str
    verdict: str
    evidence: dict[str, object] = field(default_factory=dict)
    explanation: str = ""

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}; expected one of {VERDICTS}")


def graded(score: int) -> str:
    """Return the verdict of a claim with two tests by how many hold: 0, 1 or 2.

    Examples
    --------
    >>> [graded(n) for n in (0, 1, 2)]
    ['contradicted', 'partly supported', 'supported']
    """
    return ("contradicted", "partly supported", "supported")[score]


def tiered(full: bool, partial: bool, otherwise: str = "contradicted") -> str:
    """Return the verdict of a claim that holds fully, partly or not at all.

    ``"supported"`` if ``full``, else ``"partly supported"`` if ``partial``, else
    ``otherwise`` (``"contradicted"``, or ``"unverifiable"`` where the data
    hold no record either way).

    Examples
    --------
    >>> tiered(True, True), tiered(False, True), tiered(False, False, "unverifiable")
    ('supported', 'partly supported', 'unverifiable')
    """
    if full:
        return "supported"
    return "partly supported" if partial else otherwise


def supported_if(condition: bool) -> str:
    """Return ``"supported"`` when the claim's one test holds, else ``"contradicted"``.

    Examples
    --------
    >>> supported_if(True), supported_if(False)
    ('supported', 'contradicted')
    """
    return "supported" if condition else "contradicted"
