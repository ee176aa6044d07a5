"""The verdict vocabulary and the combinators that turn checks into a verdict.

A data-decided claim is tested by a few :class:`~analysis.checks.Check`
results (see :mod:`analysis.claims.rules`); a *combinator* reads them and
returns a :data:`Decision`: the verdict and the checks that decided it. Every
combinator keeps one promise, which :func:`agrees` states and the tests hold
it to: a verdict is explained only by checks that agree with it.

- :func:`all_some_none`: all hold, supported; some, partly; none, contradicted;
- :func:`first_decisive`: the first check that holds gives its verdict;
- :func:`gated`: unverifiable when the first check finds nothing on record;
- :func:`possibility`: for a claim that something *might* happen, which its
  not happening cannot contradict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.checks import Check

#: A data package, or any mapping from resource name to table.
Package = Mapping[str, pd.DataFrame]

#: The verdicts the ``claims`` table uses, from strongest to weakest support.
VERDICTS: tuple[str, ...] = ("supported", "partly supported", "contradicted", "unverifiable")

#: What each verdict means, as the scorecard and the package describe it.
DEFINITIONS: dict[str, str] = {
    "supported": "the record bears the claim out as the essay states it, on evidence graded "
                 "confirmed or reported",
    "partly supported": "the record bears out part of the claim, or its substance but not its "
                        "date or degree, or it rests only on claimed or disputed reports",
    "contradicted": "the record shows the claim to be wrong as the essay states it",
    "unverifiable": "nothing relevant is on record either way",
}

#: The day the essay appeared; claims about supplies are judged against it.
ESSAY_DATE = pd.Timestamp("2023-07-16")

#: A verdict and the checks that decided it.
Decision = tuple[str, tuple[Check, ...]]

#: A combinator: the checks of a claim in, a decision out.
Combine = Callable[[Sequence[Check]], Decision]


@dataclass(frozen=True)
class Verdict:
    """A verdict on one claim, recomputed from the data.

    ``evidence`` holds the figures of every check (plain Python values),
    ``explanation`` the sentences of the checks in ``decided_by``, ``checks``
    every check the rule ran (deciding or not).

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
    checks: tuple[Check, ...] = ()
    decided_by: tuple[Check, ...] = ()

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}; expected one of {VERDICTS}")


def all_some_none(checks: Sequence[Check]) -> Decision:
    """All checks hold: supported; some: partly; none (one failing): contradicted.

    Checks with nothing on record (``holds`` is ``None``) do not hold; if no
    check has anything on record, the claim is unverifiable.

    Examples
    --------
    >>> yes, no, blank = Check("a", True), Check("b", False), Check("c", None)
    >>> [all_some_none(c)[0] for c in ([yes, yes], [yes, no], [no, blank], [blank])]
    ['supported', 'partly supported', 'contradicted', 'unverifiable']
    >>> [c.function for c in all_some_none([no, blank])[1]]
    ['b']
    """
    known = [c for c in checks if c.holds is not None]
    if not known:
        return "unverifiable", tuple(checks)
    held = [c for c in known if c.holds]
    if len(held) == len(checks):
        return "supported", tuple(checks)
    if not held:
        return "contradicted", tuple(known)
    return "partly supported", tuple(checks)


def necessary_first(checks: Sequence[Check]) -> Decision:
    """The first check is what the claim means: failing, it contradicts the claim whatever the rest show.

    If the first check holds or has nothing on record, the verdict is
    :func:`all_some_none` of all the checks.

    Examples
    --------
    >>> pledge, help_given = Check("pledge", False), Check("help", True)
    >>> verdict, deciding = necessary_first([pledge, help_given])
    >>> verdict, [c.function for c in deciding]
    ('contradicted', ['pledge'])
    >>> necessary_first([Check("pledge", True), help_given])[0]
    'supported'
    """
    if checks and checks[0].holds is False:
        return "contradicted", (checks[0],)
    return all_some_none(checks)


def first_decisive(*verdicts: str, otherwise: str = "contradicted") -> Combine:
    """Return a combinator where the i-th check, if it is the first to hold, gives ``verdicts[i]``.

    A ladder: the first step (the claim in full) gives supported, each later one
    partly supported. The checks before the one that holds (which failed) decide with it. If none holds, the
    verdict is ``otherwise`` (decided by the failing checks), or unverifiable
    when nothing is on record at all.

    Examples
    --------
    >>> ladder = first_decisive("supported", "partly supported")
    >>> ladder([Check("third", False), Check("ranked", True)])[0]
    'partly supported'
    >>> ladder([Check("third", None), Check("ranked", None)])[0]
    'unverifiable'
    """
    if not verdicts or verdicts[0] != "supported" or any(v != "partly supported" for v in verdicts[1:]):
        raise ValueError(f"a ladder's first step gives supported and the others partly supported, "
                         f"not {verdicts}")

    def combine(checks: Sequence[Check]) -> Decision:
        if len(checks) != len(verdicts):
            raise ValueError(f"{len(verdicts)} ladder steps for {len(checks)} checks")
        for index, check in enumerate(checks):
            if check.holds:
                return verdicts[index], (*checks[:index], check)
        known = tuple(c for c in checks if c.holds is not None)
        return ("unverifiable", tuple(checks)) if not known else (otherwise, known)

    return combine


def gated(combine: Combine) -> Combine:
    """Return ``combine`` behind a gate: nothing on record for the first check, unverifiable.

    Examples
    --------
    >>> gate = gated(all_some_none)
    >>> gate([Check("order", None), Check("delivered", False)])[0]
    'unverifiable'
    >>> gate([Check("order", True), Check("delivered", False)])[0]
    'partly supported'
    """
    def gate(checks: Sequence[Check]) -> Decision:
        if checks and checks[0].holds is None:
            return "unverifiable", (checks[0],)
        return combine(checks)

    return gate


def possibility(checks: Sequence[Check]) -> Decision:
    """Like :func:`all_some_none`, for a claim that something might happen.

    A possibility is not contradicted by its not having happened: when no
    check holds the verdict is unverifiable.

    Examples
    --------
    >>> possibility([Check("order", False), Check("report", None)])[0]
    'unverifiable'
    >>> possibility([Check("order", False), Check("report", True)])[0]
    'partly supported'
    """
    verdict, deciding = all_some_none(checks)
    return ("unverifiable", tuple(checks)) if verdict == "contradicted" else (verdict, deciding)


def agrees(verdict: str, deciding: Sequence[Check]) -> bool:
    """Return whether the checks that decided a verdict agree with it.

    Supported: every one holds. Partly supported: one holds and one does not.
    Contradicted: none holds and one fails. Unverifiable: none holds.

    Examples
    --------
    >>> agrees("supported", [Check("a", True)]), agrees("supported", [Check("a", False)])
    (True, False)
    >>> agrees("contradicted", [Check("a", False), Check("b", None)])
    True
    """
    held = [c.holds is True for c in deciding]
    if not deciding:
        return False
    if verdict == "supported":
        return all(held)
    if verdict == "partly supported":
        return any(held) and not all(held)
    if verdict == "contradicted":
        return not any(held) and any(c.holds is False for c in deciding)
    return not any(held)
