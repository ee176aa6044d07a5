"""Checks on the events record: is an event dated so, on record, before another, counted?

Each function asks one question of the package's ``events`` table and
answers with a :class:`~analysis.checks.Check` naming the events it rests
on; the claims' rule table (:mod:`analysis.claims.rules`) combines them. An
event missing from the table is "nothing on record" (``holds`` is ``None``),
never an error, so a rule over a small table still gives a verdict. Dates are
written in words at the event's precision; titles are quoted as the table has
them. Selections use :func:`analysis.events.events_between`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.checks import Check, count_words, when
from analysis.events import DateLike, busiest_stretch, events_between, has_event, iso_day

#: The two directions a balance weighs, with the words a sentence uses for them.
BALANCE_WORDS: dict[str, str] = {"conflict": "hostile", "cooperation": "cooperative"}


def _event(events: pd.DataFrame, event_id: str) -> pd.Series | None:
    rows = events[events["event_id"] == event_id]
    return None if rows.empty else rows.iloc[0]


def _named(row: pd.Series) -> str:
    """An event as a sentence names it: its quoted title and its date in words."""
    return f"“{row['title']}” ({when(row['start_date'], str(row.get('date_precision', 'day')))})"


def _missing(function: str, event_id: str, key: str) -> Check:
    return Check(function, None, {key: None}, f"Event {event_id} is not on record.")


def event_in_year(events: pd.DataFrame, event_id: str, year: int, key: str) -> Check:
    """Check that an event is dated to ``year``; its ISO start date is figure ``key``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E2"], "title": ["Troops cross"],
    ...     "date_precision": ["day"], "start_date": pd.to_datetime(["1979-12-24"])})
    >>> check = event_in_year(events, "E2", 1980, "start")
    >>> check.holds, check.figures, check.sentence
    (False, {'start': '1979-12-24'}, '“Troops cross” (24 December 1979), not in 1980.')
    >>> event_in_year(events, "E9", 1980, "start").holds is None
    True
    """
    row = _event(events, event_id)
    if row is None:
        return _missing("event_in_year", event_id, key)
    holds = bool(row["start_date"].year == year)
    return Check("event_in_year", holds, {key: iso_day(row["start_date"])},
                 f"{_named(row)}, {'in' if holds else 'not in'} {year}.", (event_id,))


def event_on_record(events: pd.DataFrame, event_id: str, key: str) -> Check:
    """Check that an event is on record; its ISO start date is figure ``key``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E8"], "title": ["Coalition formed"],
    ...     "date_precision": ["month"], "start_date": pd.to_datetime(["1987-12-01"])})
    >>> event_on_record(events, "E8", "formed").sentence
    'On record: “Coalition formed” (December 1987).'
    >>> event_on_record(events, "E7", "formed").sentence
    'Event E7 is not on record.'
    """
    row = _event(events, event_id)
    if row is None:
        return _missing("event_on_record", event_id, key)
    return Check("event_on_record", True, {key: iso_day(row["start_date"])},
                 f"On record: {_named(row)}.", (event_id,))


def event_before(events: pd.DataFrame, first_id: str, second_id: str, key: str) -> Check:
    """Check that one event starts before another; the days between them are figure ``key``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["A", "B"], "title": ["Accords", "Collapse"],
    ...     "date_precision": ["day", "day"],
    ...     "start_date": pd.to_datetime(["1989-06-21", "1991-12-26"])})
    >>> event_before(events, "B", "A", "gap").sentence
    '“Collapse” (26 December 1991) came after “Accords” (21 June 1989), not before it.'
    >>> event_before(events, "A", "B", "gap").figures
    {'gap': 918}
    """
    first, second = _event(events, first_id), _event(events, second_id)
    if first is None or second is None:
        return _missing("event_before", first_id if first is None else second_id, key)
    days = int((second["start_date"] - first["start_date"]).days)
    holds = days > 0
    sentence = (f"{_named(first)} came before {_named(second)}." if holds
                else f"{_named(first)} came after {_named(second)}, not before it.")
    return Check("event_before", holds, {key: days}, sentence, (first_id, second_id))


def event_not_yet(events: pd.DataFrame, event_id: str, by: DateLike | None, key: str) -> Check:
    """Check that an event had not happened by ``by`` (true too if it is not on record).

    With ``by`` ``None`` the check holds only if the event is not on record at
    all. Figure ``key`` is the event's ISO date, or ``None`` if it is not on record.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["F"], "title": ["Regime falls"],
    ...     "date_precision": ["day"], "start_date": pd.to_datetime(["2024-12-08"])})
    >>> event_not_yet(events, "F", "2023-07-16", "fell").sentence
    '“Regime falls” (8 December 2024) came only after 16 July 2023.'
    >>> event_not_yet(events, "F", None, "fell").sentence
    'The events table records “Regime falls” (8 December 2024).'
    """
    limit = None if by is None else pd.Timestamp(f"{by}-12-31" if isinstance(by, int) else by)
    row = _event(events, event_id)
    if row is None:
        return Check("event_not_yet", True, {key: None}, f"Event {event_id} is not on record"
                     f"{'' if limit is None else f' by {when(limit)}'}.")
    holds = limit is not None and bool(row["start_date"] > limit)
    if limit is None:
        sentence = f"The events table records {_named(row)}."
    else:
        sentence = (f"{_named(row)} came only after {when(limit)}." if holds
                    else f"{_named(row)} had happened by {when(limit)}.")
    return Check("event_not_yet", holds, {key: iso_day(row["start_date"])}, sentence, (event_id,))


def direction_balance(events: pd.DataFrame, start: int, end: int, leaning: str) -> Check:
    """Check that events of direction ``leaning`` outnumber those of the opposite one.

    ``leaning`` is ``"conflict"`` or ``"cooperation"``. Figures, for the
    window ``<start>_<end>``: ``events_…`` (every direction), ``hostile_…`` and
    ``cooperative_…``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["a", "b", "c"], "phase_id": ["p"] * 3,
    ...     "category": ["treaty"] * 3, "direction": ["conflict", "conflict", "cooperation"],
    ...     "start_date": pd.to_datetime(["1980-01-01", "1983-05-04", "1986-08-01"])})
    >>> check = direction_balance(events, 1979, 1988, "conflict")
    >>> check.holds, check.sentence
    (True, 'Of 3 events in 1979–1988, 2 are hostile and 1 cooperative.')
    >>> direction_balance(events, 1979, 1988, "cooperation").holds
    False
    """
    if leaning not in BALANCE_WORDS:
        raise ValueError(f"unknown leaning {leaning!r}; valid values are: {', '.join(BALANCE_WORDS)}")
    window = events_between(events, start, end)
    counts = {d: int((window["direction"] == d).sum()) for d in BALANCE_WORDS}
    other = next(d for d in BALANCE_WORDS if d != leaning)
    suffix = f"{start}_{end}"
    figures = {f"events_{suffix}": len(window), f"hostile_{suffix}": counts["conflict"],
               f"cooperative_{suffix}": counts["cooperation"]}
    leaning_ids = window.loc[window["direction"] == leaning, "event_id"].astype(str)
    return Check(
        "direction_balance", counts[leaning] > counts[other], figures,
        f"Of {count_words(len(window), 'event')} in {start}–{end}, {counts['conflict']} "
        f"{'is' if counts['conflict'] == 1 else 'are'} hostile and {counts['cooperation']} cooperative.",
        tuple(leaning_ids),
    )


def first_after(events: pd.DataFrame, event_id: str, direction: str, within_years: int,
                key: str) -> Check:
    """Check that an event of ``direction`` followed ``event_id`` within ``within_years``.

    Figure ``key`` is the identifier of the first such event (``None`` if none).

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["A", "B"], "title": ["Invasion", "Veto"],
    ...     "phase_id": ["p"] * 2, "category": ["war_context", "sanctions"],
    ...     "direction": ["conflict", "cooperation"], "date_precision": ["day", "day"],
    ...     "start_date": pd.to_datetime(["1979-12-24", "1980-01-13"])})
    >>> first_after(events, "A", "cooperation", 1, "first").sentence
    'The first cooperative event after “Invasion” (24 December 1979) is “Veto” (13 January 1980).'
    """
    anchor = _event(events, event_id)
    if anchor is None:
        return _missing("first_after", event_id, key)
    start = anchor["start_date"] + pd.Timedelta(days=1)
    end = anchor["start_date"] + pd.DateOffset(years=within_years)
    later = events_between(events, start, end, direction=direction)
    word = BALANCE_WORDS.get(direction, direction)
    if later.empty:
        return Check("first_after", False, {key: None},
                     f"No {word} event is recorded within {count_words(within_years, 'year')} "
                     f"after {_named(anchor)}.", (event_id,))
    first = later.iloc[0]
    return Check("first_after", True, {key: str(first["event_id"])},
                 f"The first {word} event after {_named(anchor)} is {_named(first)}.",
                 (str(first["event_id"]),))


def _counted(rows: pd.DataFrame, what: str, where: str, at_least: int, gate: bool,
             grades: Sequence[str] | None, key: str) -> Check:
    if grades is not None:
        rows = rows[rows["grade"].isin(list(grades))]
    n = len(rows)
    dates = ", ".join(when(d, str(p)) for d, p in zip(rows["start_date"], rows["date_precision"],
                                                       strict=True))
    graded = f" graded {' or '.join(grades)}" if grades is not None else ""
    listed = f" ({dates})" if 0 < n <= 4 else ""
    bar = ""
    if at_least > 1 and n > 0:
        bar = f", {'at least' if n >= at_least else 'fewer than'} {at_least}"
    recorded = f"{count_words(n, what)}{graded} {'is' if n == 1 else 'are'} recorded {where}"
    holds = None if (gate and n == 0) else n >= at_least
    return Check("events_counted", holds, {key: n, f"{key}_dates": [iso_day(d) for d in rows["start_date"]]},
                 f"{recorded[0].upper()}{recorded[1:]}{listed}{bar}.", tuple(rows["event_id"].astype(str)))


def events_counted(events: pd.DataFrame, start: DateLike, end: DateLike, what: str, key: str, *,
                   category: str | None = None, direction: str | None = None, at_least: int = 1,
                   gate: bool = False, grades: Sequence[str] | None = None) -> Check:
    """Check that at least ``at_least`` events of a kind are recorded in a window.

    ``what`` names one such event in the sentence (``"armed clash"``); the
    count is figure ``key`` and the dates ``<key>_dates``. With ``gate``, no
    event at all means nothing relevant is on record (``holds`` is ``None``)
    rather than a failed check. ``grades`` keeps only events of those evidence
    grades (read from the table's ``grade`` column).

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["a", "b"], "phase_id": ["p"] * 2,
    ...     "category": ["armed_clash"] * 2, "direction": ["conflict"] * 2,
    ...     "date_precision": ["day", "day"],
    ...     "start_date": pd.to_datetime(["1980-02-23", "1982-04-05"])})
    >>> check = events_counted(events, 1979, 1989, "armed clash", "clashes", at_least=3)
    >>> check.holds, check.sentence
    (False, '2 armed clashes are recorded in 1979–1989 (23 February 1980, 5 April 1982), fewer than 3.')
    >>> events_counted(events, 1990, 1999, "armed clash", "clashes", gate=True).holds is None
    True
    """
    rows = events_between(events, start, end, direction=direction, category=category)
    where = (f"in {start}–{end}" if isinstance(start, int) and isinstance(end, int)
             else f"from {when(pd.Timestamp(start))} to {when(pd.Timestamp(end))}")
    return _counted(rows, what, where, at_least, gate, grades, key)


def events_during(events: pd.DataFrame, spans: Sequence[tuple[str, str]], what: str, key: str, *,
                  category: str | Sequence[str] | None = None, direction: str | None = None,
                  grades: Sequence[str] | None = None) -> Check:
    """Check that any event of a kind is recorded between the events of each span.

    ``spans`` pairs the events opening and closing a period (a war and its
    ceasefire); a span whose events are not on record is skipped, and with no
    span on record nothing relevant is (``holds`` is ``None``).

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["W", "H", "C"], "title": ["War", "Help", "Truce"],
    ...     "phase_id": ["p"] * 3, "category": ["war_context", "arms_delivery", "diplomacy"],
    ...     "direction": ["neutral", "cooperation", "neutral"], "date_precision": ["day"] * 3,
    ...     "start_date": pd.to_datetime(["2025-06-13", "2025-06-20", "2025-06-24"])})
    >>> events_during(events, [("W", "C")], "delivery", "help", category="arms_delivery").sentence
    '1 delivery is recorded from 13 June 2025 to 24 June 2025 (20 June 2025).'
    """
    known = [(a, b) for a, b in spans if has_event(events, a) and has_event(events, b)]
    if not known:
        absent = next((e for pair in spans for e in pair if not has_event(events, e)), "")
        return Check("events_during", None, {key: None},
                     f"Event {absent} is not on record, so no period to search is.")
    kinds = [category] if isinstance(category, str) or category is None else list(category)
    parts = []
    for a, b in known:
        for kind in kinds:
            parts.append(events_between(events, _event(events, a)["start_date"],  # type: ignore[index]
                                        _event(events, b)["start_date"],  # type: ignore[index]
                                        direction=direction, category=kind))
    rows = pd.concat(parts).drop_duplicates("event_id").sort_values(["start_date", "event_id"])
    where = "; ".join(f"from {when(_event(events, a)['start_date'])} to "  # type: ignore[index]
                      f"{when(_event(events, b)['start_date'])}" for a, b in known)  # type: ignore[index]
    return _counted(rows, what, where, 1, False, grades, key)


def busier_than_before(events: pd.DataFrame, direction: str, start: int, end: int, first: int,
                       key: str) -> Check:
    """Check that a window holds more events of ``direction`` than any earlier one as long.

    Earlier windows run from ``first`` to the year before ``start``. Figures:
    ``key`` (the count in the window), ``<key>_busiest_start``,
    ``<key>_busiest_end`` and ``<key>_busiest_count``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": list("abcd"), "phase_id": ["p"] * 4,
    ...     "category": ["diplomacy"] * 4, "direction": ["cooperation"] * 4,
    ...     "start_date": pd.to_datetime(["2015-01-01", "2022-01-01", "2022-06-01", "2023-01-01"])})
    >>> busier_than_before(events, "cooperation", 2022, 2024, 2010, "recent").sentence
    '3 cooperative events in 2022–2024, against at most 1 in any earlier 3 years (2013–2015 the first such).'
    """
    length = end - start + 1
    count = len(events_between(events, start, end, direction=direction))
    first_start, first_end, most = busiest_stretch(events, direction, length, first, start - 1)
    word = BALANCE_WORDS.get(direction, direction)
    ids = events_between(events, start, end, direction=direction)["event_id"].astype(str)
    return Check(
        "busier_than_before", count > most,
        {key: count, f"{key}_busiest_start": first_start, f"{key}_busiest_end": first_end,
         f"{key}_busiest_count": most},
        f"{count_words(count, f'{word} event')} in {start}–{end}, against at most {most} in any "
        f"earlier {length} years ({first_start}–{first_end} the first such).",
        tuple(ids),
    )


def days_apart(events: pd.DataFrame, first_id: str, second_id: str, at_least: int, key: str) -> Check:
    """Check that two events lie at least ``at_least`` days apart; the days are figure ``key``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["A", "B"], "title": ["Bombers arrive", "Use ends"],
    ...     "date_precision": ["day", "day"],
    ...     "start_date": pd.to_datetime(["2016-08-16", "2016-08-22"])})
    >>> days_apart(events, "A", "B", 30, "days").sentence
    '“Bombers arrive” (16 August 2016) and “Use ends” (22 August 2016) lie 6 days apart, fewer than 30.'
    """
    first, second = _event(events, first_id), _event(events, second_id)
    if first is None or second is None:
        return _missing("days_apart", first_id if first is None else second_id, key)
    days = int((second["start_date"] - first["start_date"]).days)
    holds = days >= at_least
    return Check("days_apart", holds, {key: days},
                 f"{_named(first)} and {_named(second)} lie {count_words(days, 'day')} apart, "
                 f"{'at least' if holds else 'fewer than'} {at_least}.", (first_id, second_id))


def text_lacks(events: pd.DataFrame, event_id: str, pattern: str, meaning: str, key: str) -> Check:
    """Check that an event's title and description do not call it ``meaning``.

    ``pattern`` is a case-insensitive regular expression for the words that
    would; figure ``key`` is the matched words (``None`` if none).

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["L"], "title": ["Assault lands in Iran by mistake"],
    ...     "description": ["A raid sets down by navigational error."],
    ...     "date_precision": ["day"], "start_date": pd.to_datetime(["1982-04-05"])})
    >>> check = text_lacks(events, "L", r"by mistake|by (navigational )?error", "a mistake", "words")
    >>> check.holds, check.figures, check.sentence
    (False, {'words': 'by mistake'}, 'The record of “Assault lands in Iran by mistake” (5 April 1982) calls it a mistake.')
    """
    row = _event(events, event_id)
    if row is None:
        return _missing("text_lacks", event_id, key)
    text = f"{row['title']} {'' if pd.isna(row.get('description')) else row['description']}"
    found = re.search(pattern, text, flags=re.IGNORECASE)
    words = found.group(0) if found else None
    sentence = (f"The record of {_named(row)} calls it {meaning}." if words
                else f"Nothing in the record of {_named(row)} calls it {meaning}.")
    return Check("text_lacks", words is None, {key: words}, sentence, (event_id,))


def event_near_year(events: pd.DataFrame, event_id: str, year: int, within_days: int,
                    key: str) -> Check:
    """Check that an event lies within ``within_days`` of ``year`` (inside it counts as 0 days).

    A claim that dates an event to the wrong year by a few days has its
    substance right; figure ``key`` is the days between the event and the year.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["E2"], "title": ["Troops cross"],
    ...     "date_precision": ["day"], "start_date": pd.to_datetime(["1979-12-24"])})
    >>> event_near_year(events, "E2", 1980, 31, "days").sentence
    '“Troops cross” (24 December 1979) lies 8 days from 1980, within 31.'
    """
    row = _event(events, event_id)
    if row is None:
        return _missing("event_near_year", event_id, key)
    first, last = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    day = row["start_date"]
    days = 0 if first <= day <= last else int(min(abs((first - day).days), abs((day - last).days)))
    holds = days <= within_days
    return Check("event_near_year", holds, {key: days},
                 f"{_named(row)} lies {count_words(days, 'day')} from {year}, "
                 f"{'within' if holds else 'more than'} {within_days}.", (event_id,))
