"""Dated events between the Soviet Union/Russia and Iran: selection, counts, timeline data.

The package's ``events`` table dates each event at its true precision
(``date_precision`` is ``day``, ``month`` or ``year``); ``start_date`` is the
first day of that period and is used only to sort and place events in time.
Titles and descriptions are plain text: they are data, never markup. The
timeline's frame, phase bands and the HTML event table are in
:mod:`analysis.timeline`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from analysis import evidence
from analysis.guards import check_order

#: Directions of the cooperation/conflict coding, in display order.
DIRECTIONS: tuple[str, ...] = ("cooperation", "conflict", "neutral")

DateLike = int | str | pd.Timestamp

#: Event categories the claims query; valid even where a small table lacks them.
QUERIED_CATEGORIES: tuple[str, ...] = ("treaty", "armed_clash", "military_cooperation",
                                       "arms_delivery")

# Events the essay's claims cite, by their identifiers in the ``events`` table.
SHAH_FALLS = "E001"
SOVIET_INVASION = "E002"
TEHRAN_EIGHT = "E008"
SOVIET_UNION_ENDS = "E013"
S300_BAN = "E025"
SYRIAN_UPRISING = "E027"
RUSSIAN_AIR_CAMPAIGN = "E034"
HAMEDAN_FIRST_SORTIE = "E039"
HAMEDAN_ENDED = "E040"
DRONES_ADMITTED = "E052"
MISSILES_CONFIRMED = "E065"
ASSAD_FALLS = "E066"
PARTNERSHIP_TREATY = "E067"
#: The wars against Iran after the essay: (first event, ceasefire event).
WARS_ON_IRAN: tuple[tuple[str, str], ...] = (("E070", "E073"), ("E084", "E090"))


def vocabulary(package: Any) -> dict[str, tuple[str, ...]]:
    """Return the valid values of the events' coded fields from the package itself.

    Categories and directions come from the descriptor's ``enum`` constraints,
    phase identifiers from the ``phases`` table.

    Examples
    --------
    >>> from analysis.package import load_package
    >>> words = vocabulary(load_package())
    >>> words["direction"]
    ('cooperation', 'conflict', 'neutral')
    """
    return {
        "phase_id": tuple(str(p) for p in package["phases"].sort_values("order")["phase_id"]),
        "category": tuple(package.field("events", "category")["constraints"]["enum"]),
        "direction": tuple(package.field("events", "direction")["constraints"]["enum"]),
    }


def _check_choice(name: str, value: str | Sequence[str], valid: Sequence[str]) -> list[str]:
    chosen = [value] if isinstance(value, str) else list(value)
    for item in chosen:
        if item not in valid:
            raise ValueError(
                f"unknown {name} {item!r}; valid values are: {', '.join(map(str, valid))}"
            )
    return chosen


def _bound(value: DateLike, *, end: bool) -> pd.Timestamp:
    """A year (int) stands for its whole calendar year; anything else is a date."""
    if isinstance(value, int):
        return pd.Timestamp(year=value, month=12, day=31) if end else pd.Timestamp(year=value, month=1, day=1)
    return pd.Timestamp(value)


def events_in(
    events: pd.DataFrame,
    phase_id: str | Sequence[str] | None = None,
    category: str | Sequence[str] | None = None,
    direction: str | Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    valid: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Return the events matching every given filter, sorted by ``start_date``.

    Parameters
    ----------
    events
        The package's ``events`` table.
    phase_id, category, direction
        One value or several; ``None`` keeps all.
    start, end
        Window on ``start_date``, inclusive. A year (``int``) stands for the
        whole calendar year; strings and timestamps are dates.
    valid
        Valid values per field (``phase_id``, ``category``, ``direction``), e.g.
        :func:`vocabulary` of the package. Without it, the values present in
        ``events`` are the valid ones.

    Raises
    ------
    ValueError
        For an unknown phase, category or direction (naming it and listing the
        valid ones), or a window whose start is after its end.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "event_id": ["E2", "E1", "E3"], "phase_id": ["a", "a", "b"],
    ...     "category": ["treaty", "diplomacy", "treaty"],
    ...     "direction": ["cooperation", "conflict", "cooperation"],
    ...     "start_date": pd.to_datetime(["2001-03-12", "1999-01-01", "2025-01-17"])})
    >>> events_in(frame, category="treaty")["event_id"].tolist()
    ['E2', 'E3']
    >>> events_in(frame, start=1999, end=2001)["event_id"].tolist()
    ['E1', 'E2']
    >>> events_in(frame, direction="friendly")
    Traceback (most recent call last):
    ...
    ValueError: unknown direction 'friendly'; valid values are: conflict, cooperation
    """
    rows = events
    for name, value in (("phase_id", phase_id), ("category", category), ("direction", direction)):
        if value is None:
            continue
        if valid is not None and name in valid:
            known: Sequence[str] = list(valid[name])
        else:
            known = sorted(str(v) for v in events[name].dropna().unique())
        label = "phase" if name == "phase_id" else name
        chosen = _check_choice(label, value, known)
        rows = rows[rows[name].isin(chosen)]
    if start is not None and end is not None and _bound(start, end=False) > _bound(end, end=True):
        raise ValueError(f"empty window: start {start} is after end {end}")
    if start is not None:
        rows = rows[rows["start_date"] >= _bound(start, end=False)]
    if end is not None:
        rows = rows[rows["start_date"] <= _bound(end, end=True)]
    return rows.sort_values(["start_date", "event_id"], kind="stable").reset_index(drop=True)


def yearly_balance(events: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Count events per year and direction, every year of the window filled.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` and one count column per direction (``cooperation``,
        ``conflict``, ``neutral``), ``Int64``, 0 where nothing happened.

    Examples
    --------
    >>> frame = pd.DataFrame({"direction": ["conflict", "cooperation", "cooperation"],
    ...     "start_date": pd.to_datetime(["1980-02-23", "1982-01-01", "1982-06-01"])})
    >>> yearly_balance(frame, 1980, 1982).to_dict("list")
    {'year': [1980, 1981, 1982], 'cooperation': [0, 0, 2], 'conflict': [1, 0, 0], 'neutral': [0, 0, 0]}
    """
    check_order(start, end)
    years = events["start_date"].dt.year
    rows = events[years.between(start, end)]
    counts = (
        pd.crosstab(rows["start_date"].dt.year, rows["direction"])
        .reindex(index=range(start, end + 1), columns=list(DIRECTIONS), fill_value=0)
        .fillna(0)
    )
    frame = counts.astype("int64").reset_index(names="year")
    frame.columns.name = None
    return frame.astype({"year": "Int64", **{d: "Int64" for d in DIRECTIONS}})


def date_label(start_date: pd.Timestamp, precision: str, *, full_month: bool = False) -> str:
    """Write a date at its true precision: ``24 Dec 1979``, ``Dec 1979`` or ``1979``.

    ``full_month`` writes the month's name in full (``24 December 1979``), as
    the event tables do.

    Examples
    --------
    >>> date_label(pd.Timestamp("1979-12-24"), "day")
    '24 Dec 1979'
    >>> date_label(pd.Timestamp("1979-12-01"), "month")
    'Dec 1979'
    >>> date_label(pd.Timestamp("1980-01-01"), "year")
    '1980'
    >>> date_label(pd.Timestamp("1979-02-11"), "day", full_month=True)
    '11 February 1979'
    """
    month = "%B" if full_month else "%b"
    if precision == "day":
        return f"{start_date.day} {start_date.strftime(month)} {start_date:%Y}"
    if precision == "month":
        return f"{start_date.strftime(month)} {start_date:%Y}"
    if precision == "year":
        return f"{start_date:%Y}"
    raise ValueError(f"unknown date precision {precision!r}; valid values are: day, month, year")


def balance_summary(events: pd.DataFrame, start: int, end: int) -> dict[str, int]:
    """Return counts of events by direction in a year window, plus the total.

    Examples
    --------
    >>> frame = pd.DataFrame({"direction": ["conflict", "cooperation"],
    ...     "start_date": pd.to_datetime(["1980-02-23", "1982-01-01"])})
    >>> balance_summary(frame, 1979, 1988)
    {'cooperation': 1, 'conflict': 1, 'neutral': 0, 'total': 2}
    """
    table = yearly_balance(events, start, end)
    counts = {d: int(table[d].sum()) for d in DIRECTIONS}
    return {**counts, "total": sum(counts.values())}


def date_labels(events: pd.DataFrame, event_ids: Sequence[str]) -> dict[str, str]:
    """Return the date label of each given event, for quoting dates in text.

    Raises
    ------
    ValueError
        If an identifier is not in the table (naming it).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["E1"], "date_precision": ["month"],
    ...     "start_date": pd.to_datetime(["2016-08-01"])})
    >>> date_labels(frame, ["E1"])
    {'E1': 'Aug 2016'}
    """
    labels = {}
    for ident in event_ids:
        row = event_row(events, ident)
        labels[ident] = date_label(row["start_date"], str(row["date_precision"]))
    return labels


def latest_date_label(events: pd.DataFrame) -> str:
    """Return the date label of the latest event (by its first day), for saying where the record ends.

    Raises
    ------
    ValueError
        If there are no events.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["E1", "E2"], "date_precision": ["day", "month"],
    ...     "start_date": pd.to_datetime(["2026-03-02", "2026-05-01"])})
    >>> latest_date_label(frame)
    'May 2026'
    """
    if events.empty:
        raise ValueError("no events: the record has no end")
    row = events.loc[events["start_date"].idxmax()]
    return date_label(row["start_date"], str(row["date_precision"]))


def grade_counts(events: pd.DataFrame) -> dict[str, int]:
    """Count events by evidence grade (see :mod:`analysis.evidence`), plus the total.

    Every grade is counted, 0 when no event has it.

    Examples
    --------
    >>> grade_counts(pd.DataFrame({"grade": ["confirmed", "claimed", "confirmed"]}))
    {'confirmed': 2, 'reported': 0, 'claimed': 1, 'disputed': 0, 'total': 3}
    """
    return evidence.grade_counts(events["grade"])


def grades_of(events: pd.DataFrame, event_ids: Sequence[str]) -> dict[str, str]:
    """Return the evidence grade of each given event, for quoting grades in text.

    An identifier missing from the table raises :class:`ValueError` naming it
    (:func:`event_row`).

    Examples
    --------
    >>> grades_of(pd.DataFrame({"event_id": ["E1"], "grade": ["reported"]}), ["E1"])
    {'E1': 'reported'}
    """
    return {ident: str(event_row(events, ident)["grade"]) for ident in event_ids}


def days_between(events: pd.DataFrame, first_id: str, second_id: str) -> int:
    """Return the days from one day-dated event to another.

    Raises
    ------
    ValueError
        If either event is unknown or not dated to the day (a month or year
        has no exact day to count from).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["A", "B"], "date_precision": ["day", "day"],
    ...     "start_date": pd.to_datetime(["2016-08-16", "2016-08-22"])})
    >>> days_between(frame, "A", "B")
    6
    """
    first, second = event_row(events, first_id), event_row(events, second_id)
    for ident, row in ((first_id, first), (second_id, second)):
        if row["date_precision"] != "day":
            raise ValueError(f"event {ident!r} is not dated to the day")
    return int((second["start_date"] - first["start_date"]).days)


# ---------------------------------------------------------------------------
# Single events and windows, as the claims query them
# ---------------------------------------------------------------------------


def has_event(events: pd.DataFrame, event_id: str) -> bool:
    """Return whether the events table holds ``event_id``.

    Examples
    --------
    >>> has_event(pd.DataFrame({"event_id": ["E001"]}), "E002")
    False
    """
    return bool((events["event_id"] == event_id).any())


def event_row(events: pd.DataFrame, event_id: str) -> pd.Series:
    """Return the row of one event.

    Raises
    ------
    ValueError
        If no event has that identifier (naming it).

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E001"], "title": ["x"]})
    >>> event_row(events, "E001")["title"]
    'x'
    >>> event_row(events, "E002")
    Traceback (most recent call last):
    ...
    ValueError: unknown event 'E002'
    """
    rows = events[events["event_id"] == event_id]
    if rows.empty:
        raise ValueError(f"unknown event {event_id!r}")
    return rows.iloc[0]


def event_date(events: pd.DataFrame, event_id: str) -> pd.Timestamp:
    """Return an event's start date (the first day of its month or year if less precise).

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E002"],
    ...     "start_date": pd.to_datetime(["1979-12-24"])})
    >>> event_date(events, "E002").year
    1979
    """
    return pd.Timestamp(event_row(events, event_id)["start_date"])


def iso_day(stamp: pd.Timestamp) -> str:
    """Write a timestamp as an ISO date.

    Examples
    --------
    >>> iso_day(pd.Timestamp("2010-09-22 13:00"))
    '2010-09-22'
    """
    return pd.Timestamp(stamp).date().isoformat()


def event_day(events: pd.DataFrame, event_id: str) -> str | None:
    """Return an event's start date as an ISO date, or ``None`` if the table lacks it.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E066"],
    ...     "start_date": pd.to_datetime(["2024-12-08"])})
    >>> event_day(events, "E066"), event_day(events, "E999")
    ('2024-12-08', None)
    """
    return iso_day(event_date(events, event_id)) if has_event(events, event_id) else None


def events_between(
    events: pd.DataFrame,
    start: DateLike,
    end: DateLike,
    direction: str | None = None,
    category: str | None = None,
) -> pd.DataFrame:
    """Return the events starting within a window, optionally of one direction or category.

    A thin wrapper of :func:`events_in`: ``start`` and ``end`` are dates, or
    years (whole calendar years, inclusive). Directions are checked against
    :data:`DIRECTIONS`; categories against those present plus
    :data:`QUERIED_CATEGORIES`, so a query on a table without any such event
    returns no rows rather than failing.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E1", "E2", "E3"],
    ...     "phase_id": ["a"] * 3,
    ...     "start_date": pd.to_datetime(["1980-01-01", "1985-06-01", "1990-01-01"]),
    ...     "direction": ["conflict", "cooperation", "conflict"],
    ...     "category": ["armed_clash", "economic", "treaty"]})
    >>> events_between(events, 1979, 1988, direction="conflict")["event_id"].tolist()
    ['E1']
    >>> events_between(events, 1979, 1988, direction="friendly")
    Traceback (most recent call last):
    ...
    ValueError: unknown direction 'friendly'; valid values are: cooperation, conflict, neutral
    """
    categories = sorted(set(events["category"].dropna().astype(str)) | set(QUERIED_CATEGORIES))
    return events_in(
        events,
        category=category,
        direction=direction,
        start=start,
        end=end,
        valid={"direction": DIRECTIONS, "category": categories},
    )


def busiest_stretch(
    events: pd.DataFrame, direction: str, length: int, first: int, last: int
) -> tuple[int, int, int]:
    """Return the ``length``-year window ending by ``last`` with most events of a direction.

    Returns ``(start_year, end_year, count)``; the earliest window wins ties.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E1", "E2", "E3"],
    ...     "start_date": pd.to_datetime(["2015-01-01", "2016-06-01", "2019-01-01"]),
    ...     "direction": ["cooperation"] * 3})
    >>> busiest_stretch(events, "cooperation", 3, 2014, 2021)
    (2014, 2016, 2)
    """
    if last - first + 1 < length:
        raise ValueError(f"the years {first}–{last} hold no {length}-year window")
    yearly = yearly_balance(events, first, last)
    if direction not in yearly.columns:
        raise ValueError(f"unknown direction {direction!r}")
    sums = yearly[direction].astype("int64").rolling(length).sum().iloc[length - 1:]
    best = int(sums.to_numpy().argmax())
    start = first + best
    return start, start + length - 1, int(sums.iloc[best])
