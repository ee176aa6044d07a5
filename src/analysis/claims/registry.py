"""The registry of data-decided claims: which function recomputes each verdict.

:func:`data_verdicts` runs every function listed in :data:`VERDICT_FUNCTIONS`
for the claims whose ``basis`` is ``data``, so the book can show that the
stored verdicts follow from the data and a test can fail the build if they
ever stop doing so.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.claims import arms, relations
from analysis.claims.verdicts import Package, Verdict

#: Every data-based claim and the function that recomputes its verdict.
VERDICT_FUNCTIONS: dict[str, Callable[[Package], Verdict]] = {
    "C01": relations.verdict_c01,
    "C03": relations.verdict_c03,
    "C04": relations.verdict_c04,
    "C05": relations.verdict_c05,
    "C06": relations.verdict_c06,
    "C09": relations.verdict_c09,
    "C10": relations.verdict_c10,
    "C11": relations.verdict_c11,
    "C13": arms.verdict_c13,
    "C14": arms.verdict_c14,
    "C15": arms.verdict_c15,
    "C16": arms.verdict_c16,
    "C17": relations.verdict_c17,
    "C18": relations.verdict_c18,
    "C24": relations.verdict_c24,
    "C25": arms.verdict_c25,
    "C26": arms.verdict_c26,
    "C27": arms.verdict_c27,
    "C29": arms.verdict_c29,
    "C30": arms.verdict_c30,
}


def data_verdicts(package: Package) -> dict[str, Verdict]:
    """Recompute the verdict of every claim whose basis is ``data``.

    Raises
    ------
    ValueError
        If a data-based claim in the ``claims`` table has no verdict function.

    Examples
    --------
    >>> from analysis import load_package
    >>> verdicts = data_verdicts(load_package())
    >>> verdicts["C05"].verdict, verdicts["C05"].evidence["invasion_start"]
    ('contradicted', '1979-12-24')
    """
    claims = package["claims"]
    ids = claims.loc[claims["basis"] == "data", "claim_id"].astype(str).tolist()
    missing = [claim_id for claim_id in ids if claim_id not in VERDICT_FUNCTIONS]
    if missing:
        raise ValueError(f"data-based claims without a verdict function: {missing}")
    return {claim_id: VERDICT_FUNCTIONS[claim_id](package) for claim_id in ids}
