"""The evidence behind a claim: events with their grades, their sources, and the grade check.

The package grades each event by its sources (``grade``: confirmed, reported,
claimed or disputed) and lists the sources in an ``event_sources`` table.
Older packages had a ``verification`` column and two source columns on the
events instead; :func:`graded_events` and :func:`event_sources` read either,
so the claims work on both. :func:`grade_check` weighs a supported verdict's
events: a claim that rests only on claimed or disputed events is not
supported.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.checks import Check
from analysis.claims.verdicts import Package
from analysis.publishers import source_host

#: Evidence grades of events, strongest first.
GRADES: tuple[str, ...] = ("confirmed", "reported", "claimed", "disputed")

#: Grades too weak for a claim to rest on alone.
WEAK_GRADES: tuple[str, ...] = ("claimed", "disputed")

#: Grades counted as on record where a check asks for solid evidence.
ON_RECORD: tuple[str, ...] = ("confirmed", "reported")

#: How the old ``verification`` levels read as grades: one stored source at best.
LEGACY_GRADES: dict[str, str] = {"verified": "reported", "partly verified": "claimed"}

#: Columns of :func:`event_sources`.
SOURCE_COLUMNS: tuple[str, ...] = ("event_id", "rank", "url", "publisher", "kind", "published")


def graded_events(events: pd.DataFrame) -> pd.DataFrame:
    """Return the events with a ``grade`` column, read from the old ``verification`` if need be.

    Examples
    --------
    >>> old = pd.DataFrame({"event_id": ["E1", "E2"],
    ...     "verification": ["verified", "partly verified"]})
    >>> graded_events(old)["grade"].tolist()
    ['reported', 'claimed']
    >>> new = pd.DataFrame({"event_id": ["E1"], "grade": ["confirmed"]})
    >>> graded_events(new)["grade"].tolist()
    ['confirmed']
    """
    if "grade" in events.columns:
        return events
    grades = events["verification"].map(LEGACY_GRADES)
    unknown = sorted(set(events.loc[grades.isna(), "verification"].astype(str)))
    if unknown:
        raise ValueError(f"no grade for verification levels {unknown}")
    return events.assign(grade=grades.astype("string"))


def _text(value: object) -> str | None:
    """A cell as text, ``None`` if blank; dates as ISO dates."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip():
        return None
    return pd.Timestamp(value).date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def event_sources(package: Package) -> pd.DataFrame:
    """Return every event's sources with publisher, kind and date published.

    From the ``event_sources`` table where the package has one, else from the
    events' ``source_url_1`` and ``source_url_2``; publisher and kind come from
    the ``publishers`` table by the address's host
    (:func:`analysis.publishers.source_host`). ``published`` is an ISO date or
    ``None``. Rows are in event, then rank, order.

    Examples
    --------
    >>> package = {"events": pd.DataFrame({"event_id": ["E1"],
    ...         "source_url_1": ["https://tass.com/1"], "source_url_2": [None]}),
    ...     "publishers": pd.DataFrame({"host": ["tass.com"], "publisher": ["TASS"],
    ...         "kind": ["state media of a party"]})}
    >>> event_sources(package)[["event_id", "rank", "publisher", "published"]].values.tolist()
    [['E1', 1, 'TASS', None]]
    """
    if "event_sources" in package:
        table = package["event_sources"]
        blank = [None] * len(table)
        rows = pd.DataFrame({
            "event_id": table["event_id"].astype(str), "rank": table["rank"].astype(int),
            "url": table["url"].astype(str),
            "published": [_text(v) for v in table.get("published", blank)],
            "original": [_text(v) for v in table.get("original_publisher", blank)],
        })
    else:
        events = package["events"]
        parts = [pd.DataFrame({"event_id": events["event_id"].astype(str), "rank": rank,
                               "url": events[column], "published": None, "original": None})
                 for rank, column in ((1, "source_url_1"), (2, "source_url_2"))]
        rows = pd.concat(parts, ignore_index=True)
        rows = rows[rows["url"].notna() & (rows["url"].astype(str).str.strip() != "")]
    publishers = package["publishers"].set_index("host")
    hosts = [source_host(str(u)) for u in rows["url"]]
    names = [str(publishers["publisher"].get(h, h)) for h in hosts]
    originals = [_text(o) for o in rows["original"]]
    rows = rows.assign(
        publisher=[n if o is None or o == n else f"{n} ({o})" for n, o in zip(names, originals,
                                                                              strict=True)],
        kind=[str(publishers["kind"].get(h, "")) if "kind" in publishers else "" for h in hosts],
    )
    ordered = rows.sort_values(["event_id", "rank"], kind="stable").reset_index(drop=True)
    ordered["published"] = pd.Series([_text(v) for v in ordered["published"]], index=ordered.index,
                                     dtype="object")
    return ordered[list(SOURCE_COLUMNS)]


def grade_check(events: pd.DataFrame, event_ids: Iterable[str]) -> Check:
    """Check that the events a verdict rests on include one graded confirmed or reported.

    ``events`` needs a ``grade`` column (:func:`graded_events`). The grades
    are figure ``grades`` (event to grade).

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E7", "E8"], "grade": ["claimed", "reported"]})
    >>> grade_check(events, ["E7"]).sentence
    'Every event this rests on is only claimed or disputed (E7: claimed).'
    >>> grade_check(events, ["E7", "E8"]).holds
    True
    """
    ids = list(dict.fromkeys(event_ids))
    table = events.set_index("event_id")["grade"]
    grades = {i: str(table.get(i, "not on record")) for i in ids}
    listed = "; ".join(f"{i}: {g}" for i, g in grades.items())
    if any(g in ON_RECORD for g in grades.values()):
        return Check("grade_check", True, {"grades": grades},
                     f"The events this rests on include confirmed or reported ones ({listed}).",
                     tuple(ids))
    return Check("grade_check", False, {"grades": grades},
                 f"Every event this rests on is only claimed or disputed ({listed}).", tuple(ids))
