"""The rows of chosen events, in a chosen order, for a chapter's event table.

The tables themselves (date order, dates in words, publishers' names, grades)
are :func:`analysis.timeline.event_table`; the site turns them into sortable
HTML tables (:mod:`analysis.site.sphinx_tables`).
"""

from __future__ import annotations

import pandas as pd


def event_rows(events: pd.DataFrame, event_ids: list[str]) -> pd.DataFrame:
    """Return the rows of some events, in the order of ``event_ids``; unknown ids raise.

    Examples
    --------
    >>> event_rows(pd.DataFrame({"event_id": ["E1"]}), ["E2"])
    Traceback (most recent call last):
    ...
    ValueError: unknown event ids ['E2']
    """
    missing = [e for e in event_ids if e not in set(events["event_id"])]
    if missing:
        raise ValueError(f"unknown event ids {missing}")
    return events.set_index("event_id").loc[event_ids].reset_index()
