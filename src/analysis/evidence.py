"""Evidence grades: how firmly an event's sources establish it, by one written rule.

Each event cites its sources in the package's ``event_sources`` table: one row
per source, with the source's *stance* towards the event (does it confirm the
event's date and substance, only part of them, dispute them, or is it a party
denying them?). The *kind* of each source is its publisher's, looked up by host
in the ``publishers`` table, the one place kinds are kept. From these two
facts :func:`grade` derives the event's grade; nothing is graded by hand.

The rule (:data:`GRADE_RULE`, written into the package and the book) tries
the grades in the order of :data:`PRECEDENCE` and gives the first that applies:

* ``disputed``: a source disputes the event's date or substance, or a party
  to it denies it;
* ``confirmed``: an official record confirms it, or two *independent*
  reputable sources do (reputable: :data:`REPUTABLE_KINDS`; independent:
  their original publishers differ, so two copies of one wire story count
  once);
* ``reported``: a reputable source confirms it, wholly or in part;
* ``claimed``: only state media of a party, aggregators or blogs support it.

Examples
--------
>>> grade([Source("wire service or newspaper of record", "confirms", "Reuters"),
...        Source("state media of a party", "confirms", "TASS")])
'reported'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.publishers import KINDS, cited_sources

#: The grades, strongest evidence first (the order the book lists them in).
GRADES: tuple[str, ...] = ("confirmed", "reported", "claimed", "disputed")

#: The order in which the rule tries the grades: the first that applies wins.
PRECEDENCE: tuple[str, ...] = ("disputed", "confirmed", "reported", "claimed")

#: What a source says about its event.
STANCES: tuple[str, ...] = ("confirms", "partly", "disputes", "denies")

#: Stances that make an event disputed, whoever takes them.
CONTRARY: tuple[str, ...] = ("disputes", "denies")

#: The kind of publisher whose confirmation alone confirms an event.
OFFICIAL = "official record"

#: Kinds of publisher whose word carries weight on its own.
REPUTABLE_KINDS: tuple[str, ...] = (
    OFFICIAL,
    "wire service or newspaper of record",
    "research institute or reference work",
)

#: What each grade means, in the words the package and the book use.
GRADE_MEANINGS: dict[str, str] = {
    "confirmed": (
        "an official record confirms the event, or two independent reputable sources do"
    ),
    "reported": "one reputable source confirms the event, or reputable sources confirm only part of it",
    "claimed": "only state media of a party, aggregators or blogs support the event",
    "disputed": "a source disputes the event's date or substance, or a party to it denies it",
}

#: What each stance means.
STANCE_MEANINGS: dict[str, str] = {
    "confirms": "states the event's date and substance as the events table has them",
    "partly": (
        "states the substance but not the date, announces the event in advance, "
        "or differs in a detail"
    ),
    "disputes": "gives another date or another account of what happened",
    "denies": "a party to the event says it did not happen",
}

#: The rule in one paragraph, for the package's descriptor and README and the book.
GRADE_RULE: str = (
    "Grades are tried in the order disputed, confirmed, reported, claimed, and the first "
    "that applies is the event's grade. "
    + " ".join(f"'{g}': {GRADE_MEANINGS[g]}." for g in PRECEDENCE)
    + " Reputable sources are official records, wire services or newspapers of record, and "
    "research institutes or reference works; two sources are independent when their original "
    "publishers differ, so two copies of one wire report count once."
)


#: The stances in one paragraph, for the package's descriptor.
STANCE_RULE: str = (
    "What the source says about the event: "
    + "; ".join(f"'{s}': {STANCE_MEANINGS[s]}" for s in STANCES)
    + ". A source that disputes or denies makes the event 'disputed'."
)


@dataclass(frozen=True)
class Source:
    """One source of an event, as the rule sees it.

    ``kind`` is the publisher's kind (:data:`analysis.publishers.KINDS`), ``stance`` what the
    source says (:data:`STANCES`) and ``origin`` who wrote the report: the
    original publisher of a copy, otherwise the publisher itself.
    """

    kind: str
    stance: str
    origin: str


def is_reputable(kind: str) -> bool:
    """Return whether a kind of publisher is reputable on its own.

    Examples
    --------
    >>> is_reputable("official record"), is_reputable("state media of a party")
    (True, False)
    """
    return kind in REPUTABLE_KINDS


def _check(source: Source) -> None:
    if source.kind not in KINDS:
        raise ValueError(f"unknown kind of publisher {source.kind!r}; valid: {', '.join(KINDS)}")
    if source.stance not in STANCES:
        raise ValueError(f"unknown stance {source.stance!r}; valid: {', '.join(STANCES)}")


def grade(sources: Iterable[Source]) -> str:
    """Return the evidence grade that an event's sources give it, by :data:`GRADE_RULE`.

    Raises
    ------
    ValueError
        If there is no source, or a kind or stance is unknown.

    Examples
    --------
    >>> wire = "wire service or newspaper of record"
    >>> grade([Source("official record", "confirms", "United Nations")])
    'confirmed'
    >>> grade([Source(wire, "confirms", "Associated Press"),
    ...        Source(wire, "confirms", "Associated Press")])
    'reported'
    >>> grade([Source(wire, "confirms", "Reuters"), Source(wire, "confirms", "AFP")])
    'confirmed'
    >>> grade([Source(wire, "partly", "Reuters")])
    'reported'
    >>> grade([Source("aggregator or blog", "confirms", "Jawawa")])
    'claimed'
    >>> grade([Source("official record", "confirms", "UN"), Source(wire, "disputes", "X")])
    'disputed'
    """
    listed = list(sources)
    if not listed:
        raise ValueError("an event needs at least one source to be graded")
    for source in listed:
        _check(source)
    if any(s.stance in CONTRARY for s in listed):
        return "disputed"
    confirming = [s for s in listed if s.stance == "confirms" and is_reputable(s.kind)]
    if any(s.kind == OFFICIAL for s in confirming) or len({s.origin for s in confirming}) >= 2:
        return "confirmed"
    if any(is_reputable(s.kind) for s in listed):
        return "reported"
    return "claimed"


def event_grades(event_sources: pd.DataFrame, publishers: pd.DataFrame) -> pd.Series:
    """Return the grade of every event that has sources, indexed by ``event_id``.

    The sources are joined to their publishers by
    :func:`analysis.publishers.cited_sources`.

    Examples
    --------
    >>> sources = pd.DataFrame({"event_id": ["E1", "E1", "E2"], "rank": [1, 2, 1],
    ...     "host": ["un.org", "tass.com", "tass.com"], "original_publisher": [None] * 3,
    ...     "stance": ["confirms"] * 3})
    >>> publishers = pd.DataFrame({"host": ["un.org", "tass.com"],
    ...     "publisher": ["United Nations", "TASS"],
    ...     "kind": ["official record", "state media of a party"]})
    >>> event_grades(sources, publishers).to_dict()
    {'E1': 'confirmed', 'E2': 'claimed'}
    """
    rows = cited_sources(event_sources, publishers)
    grades = {
        str(ident): grade(Source(str(k), str(s), str(o))
                          for k, s, o in zip(group["kind"], group["stance"], group["origin"], strict=True))
        for ident, group in rows.groupby("event_id", sort=True)
    }
    return pd.Series(grades, name="grade", dtype="string").rename_axis("event_id")


def grade_counts(grades: Iterable[object]) -> dict[str, int]:
    """Count events by grade (every grade present, 0 if unused), plus the total.

    Examples
    --------
    >>> grade_counts(["reported", "confirmed", "reported"])
    {'confirmed': 1, 'reported': 2, 'claimed': 0, 'disputed': 0, 'total': 3}
    """
    listed = [str(g) for g in grades]
    unknown = sorted(set(listed) - set(GRADES))
    if unknown:
        raise ValueError(f"unknown grades {unknown}; valid: {', '.join(GRADES)}")
    counts: Mapping[str, int] = {g: listed.count(g) for g in GRADES}
    return {**counts, "total": len(listed)}


def grade_order(value: str) -> int:
    """Return a grade's position from the strongest (0), for sorting tables by grade.

    Examples
    --------
    >>> sorted(["claimed", "confirmed", "disputed"], key=grade_order)
    ['confirmed', 'claimed', 'disputed']
    """
    return GRADES.index(value)


#: Short keys for the kinds of publisher, for naming counts in text (glue names).
KIND_KEYS: dict[str, str] = {
    "official record": "official",
    "wire service or newspaper of record": "news",
    "research institute or reference work": "research",
    "state media of a party": "state",
    "aggregator or blog": "aggregator",
}


def source_summary(event_sources: pd.DataFrame, publishers: pd.DataFrame) -> dict[str, int]:
    """Count the sources, their distinct publishers and the sources of each kind.

    Keys: ``sources``, ``publishers`` and one per kind (:data:`KIND_KEYS`),
    0 when no source is of that kind.

    Examples
    --------
    >>> sources = pd.DataFrame({"event_id": ["E1", "E2"], "rank": [1, 1],
    ...     "host": ["tass.com", "tass.com"], "original_publisher": [None, None]})
    >>> publishers = pd.DataFrame({"host": ["tass.com"], "publisher": ["TASS"],
    ...     "kind": ["state media of a party"]})
    >>> source_summary(sources, publishers)["state"], source_summary(sources, publishers)["news"]
    (2, 0)
    """
    rows = cited_sources(event_sources, publishers)
    counts = rows["kind"].value_counts()
    return {
        "sources": len(rows),
        "publishers": int(rows["publisher"].nunique()),
        **{key: int(counts.get(kind, 0)) for kind, key in KIND_KEYS.items()},
    }


def reputable_counts(event_sources: pd.DataFrame, publishers: pd.DataFrame) -> dict[str, int]:
    """Count events by how many independent reputable sources confirm them: two or more, one, none.

    Independent and reputable as in :data:`GRADE_RULE`; only sources whose
    stance is ``confirms`` count. Events with no such source are ``none``.

    Examples
    --------
    >>> sources = pd.DataFrame({"event_id": ["E1", "E1", "E2"], "rank": [1, 2, 1],
    ...     "host": ["a.org", "b.org", "b.org"], "original_publisher": [None, None, None],
    ...     "stance": ["confirms", "confirms", "partly"]})
    >>> publishers = pd.DataFrame({"host": ["a.org", "b.org"], "publisher": ["A", "B"],
    ...     "kind": ["official record", "wire service or newspaper of record"]})
    >>> reputable_counts(sources, publishers)
    {'two or more': 1, 'one': 0, 'none': 1}
    """
    rows = cited_sources(event_sources, publishers)
    good = rows[(rows["stance"] == "confirms") & rows["kind"].isin(REPUTABLE_KINDS)]
    independent = good.groupby("event_id")["origin"].nunique()
    per_event = independent.reindex(sorted(set(rows["event_id"])), fill_value=0)
    return {
        "two or more": int((per_event >= 2).sum()),
        "one": int((per_event == 1).sum()),
        "none": int((per_event == 0).sum()),
    }
