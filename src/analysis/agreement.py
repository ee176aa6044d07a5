"""Agreement between two voters, raw and corrected for chance (Cohen's kappa).

Votes are coded as in Voeten's data: 1 yes, 2 abstain, 3 no. Raw agreement is
the share of jointly cast votes with identical codes, so an abstention facing a
yes or a no counts as disagreement, as in Bailey, Strezhnev and Voeten's
``*Agree`` scores.

Raw agreement is inflated in the General Assembly, where most resolutions pass
with large majorities: two states that vote yes on nine votes in ten agree on at
least eight in ten by habit alone. Cohen's kappa (1960) removes that part:

    kappa = (p_o - p_e) / (1 - p_e)

where ``p_o`` is the raw agreement and ``p_e`` the agreement expected if each
state cast its own mix of yes, abstain and no at random,
``sum over c of p_a(c) * p_b(c)``. Kappa is 1 for identical votes, 0 for no more
agreement than the two states' habits produce, and negative for less. Häge
(2011) proposed it, with Scott's pi, for foreign-policy similarity; kappa is the
one that takes each state's own habits as given (pi pools them), so a state
that abstains often is not marked down merely for abstaining.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

#: The vote codes, in Voeten's order: yes, abstain, no.
CATEGORIES: tuple[int, ...] = (1, 2, 3)

#: Codes of a yes and a no; a yes facing a no is an opposite vote.
YES, NO = 1, 3


def cohen_kappa(votes_a: Sequence[int], votes_b: Sequence[int]) -> float:
    """Return Cohen's kappa of two equally long sequences of vote codes.

    Returns NaN when chance agreement is certain (both voters cast one and the
    same vote throughout), where kappa is undefined.

    Examples
    --------
    Four votes, three alike; A votes yes three times, B twice:

    >>> round(cohen_kappa([1, 1, 1, 3], [1, 1, 3, 3]), 4)
    0.5
    >>> cohen_kappa([1, 1], [1, 1])
    nan
    >>> cohen_kappa([1], [1, 3])
    Traceback (most recent call last):
    ...
    ValueError: the two voters have 1 and 2 votes; they must match
    """
    if len(votes_a) != len(votes_b):
        raise ValueError(f"the two voters have {len(votes_a)} and {len(votes_b)} votes; they must match")
    frame = pd.DataFrame({"group": 0, "vote_a": list(votes_a), "vote_b": list(votes_b)})
    return float(agreement_counts(frame, ["group"])["kappa"].iloc[0])


def agreement_counts(frame: pd.DataFrame, by: list[str], a: str = "vote_a", b: str = "vote_b") -> pd.DataFrame:
    """Count identical and opposite votes of two voters per group, with raw agreement and kappa.

    Parameters
    ----------
    frame
        One row per roll call on which both voted: the grouping columns ``by``
        and the two voters' codes in columns ``a`` and ``b``.
    by
        The grouping columns (a session, a decade and an issue...).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns and ``n_joint`` (roll calls), ``n_identical``,
        ``n_opposite`` (a yes facing a no), ``n_split`` (one abstained, the other
        did not; the three counts add up to ``n_joint``), ``agreement``
        (``n_identical / n_joint``) and ``kappa``.

    Examples
    --------
    >>> votes = pd.DataFrame({"s": [1, 1, 1, 1], "vote_a": [1, 1, 1, 3], "vote_b": [1, 2, 1, 1]})
    >>> agreement_counts(votes, ["s"])[["n_identical", "n_opposite", "n_split"]].values.tolist()
    [[2, 1, 1]]
    """
    work = frame[[*by, a, b]].copy()
    work["identical"] = work[a] == work[b]
    work["opposite"] = ((work[a] == YES) & (work[b] == NO)) | ((work[a] == NO) & (work[b] == YES))
    chance_parts = []
    for code in CATEGORIES:
        work[f"a{code}"] = (work[a] == code).astype("float64")
        work[f"b{code}"] = (work[b] == code).astype("float64")
    grouped = work.groupby(by, sort=True, observed=True)
    table = grouped.agg(
        n_joint=("identical", "size"),
        n_identical=("identical", "sum"),
        n_opposite=("opposite", "sum"),
        **{f"a{code}": (f"a{code}", "mean") for code in CATEGORIES},
        **{f"b{code}": (f"b{code}", "mean") for code in CATEGORIES},
    ).reset_index()
    for code in CATEGORIES:
        chance_parts.append(table[f"a{code}"] * table[f"b{code}"])
    chance = sum(chance_parts)
    table["n_identical"] = table["n_identical"].astype("int64")
    table["n_opposite"] = table["n_opposite"].astype("int64")
    table["n_split"] = table["n_joint"] - table["n_identical"] - table["n_opposite"]
    table["agreement"] = table["n_identical"] / table["n_joint"]
    undefined = chance >= 1 - 1e-12
    table["kappa"] = ((table["agreement"] - chance) / (1 - chance)).where(~undefined)
    columns = [*by, "n_joint", "n_identical", "n_opposite", "n_split", "agreement", "kappa"]
    return table[columns]
