"""The result of one test of a claim against the package: :class:`Check`.

The essay's claims are decided by small functions in the domain modules
(:mod:`analysis.event_checks`, :mod:`analysis.alliances`,
:mod:`analysis.transfers`, :mod:`analysis.ranks`, :mod:`analysis.deals`), each
asking one question of the data ("is this event dated to this year?", "was a
defence pledge in force?") and answering with a :class:`Check`: whether it
holds, the figures it computed and one sentence stating what the data show.
The rule table in :mod:`analysis.claims.rules` combines them into verdicts.

A check's sentence states the facts and is written from its own outcome, so
an explanation assembled from the sentences of the checks that decided a
verdict cannot say the opposite of that verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Check:
    """One question asked of the data, and its answer.

    Attributes
    ----------
    function
        Name of the function that computed it (shown beside its figures).
    holds
        ``True`` if the data bear the tested statement out, ``False`` if they
        show otherwise, ``None`` if nothing relevant is on record.
    figures
        The values it computed, as plain Python values (ints, floats,
        strings, ISO dates, lists of them), by name.
    sentence
        One sentence saying what the data show, consistent with ``holds``.
    events
        Identifiers of the events the answer rests on (empty when it rests on
        the arms or alliance tables alone).

    Examples
    --------
    >>> check = Check("event_in_year", True, {"year": 1979}, "It happened in 1979.", ("E001",))
    >>> check.holds, check.events
    (True, ('E001',))
    >>> Check("x", "yes", {}, "")
    Traceback (most recent call last):
    ...
    TypeError: holds must be True, False or None, not 'yes'
    """

    function: str
    holds: bool | None
    figures: Mapping[str, object] = field(default_factory=dict)
    sentence: str = ""
    events: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.holds, (bool, type(None))):
            raise TypeError(f"holds must be True, False or None, not {self.holds!r}")


def when(stamp: pd.Timestamp, precision: str = "day") -> str:
    """Write a date in words at its precision, as the checks' sentences do.

    Examples
    --------
    >>> when(pd.Timestamp("1979-12-24")), when(pd.Timestamp("1987-12-01"), "month")
    ('24 December 1979', 'December 1987')
    >>> when(pd.Timestamp("2007-01-01"), "year")
    '2007'
    """
    stamp = pd.Timestamp(stamp)
    if precision == "year":
        return f"{stamp:%Y}"
    if precision == "month":
        return f"{stamp:%B %Y}"
    return f"{stamp.day} {stamp:%B %Y}"


def count_words(count: int, noun: str, plural: str | None = None) -> str:
    """Write a count with its noun, singular or plural.

    Examples
    --------
    >>> count_words(1, "event"), count_words(0, "event"), count_words(3, "order")
    ('1 event', 'no events', '3 orders')
    >>> count_words(2, "armed clash"), count_words(2, "battery"), count_words(2, "day")
    ('2 armed clashes', '2 batteries', '2 days')
    >>> count_words(2, "Su-35", "Su-35s")
    '2 Su-35s'
    """
    word = noun if count == 1 else (plural or plural_of(noun))
    return f"{'no' if count == 0 else f'{count:,}'} {word}"


def plural_of(noun: str) -> str:
    """Return the regular English plural of a noun (its last word).

    Examples
    --------
    >>> [plural_of(w) for w in ("event", "clash", "battery", "day", "cooperative event")]
    ['events', 'clashes', 'batteries', 'days', 'cooperative events']
    """
    if noun.endswith(("s", "x", "ch", "sh")):
        return f"{noun}es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return f"{noun[:-1]}ies"
    return f"{noun}s"
