"""A small events table for the events and timeline tests (not a test module)."""

from __future__ import annotations

import pandas as pd


def small_sources() -> pd.DataFrame:
    """One source for each of :func:`small_events`, an ampersand in its address."""
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4"],
            "rank": [1, 1, 1, 1],
            "url": ["https://a.org/x?y=1&z=2"] * 4,
            "original_publisher": [None] * 4,
            "published": ["1980-02-24", None, "2001", "2025-10"],
        }
    )


def small_events() -> pd.DataFrame:
    """Four events across two phases, with markup and an ampersand in the text."""
    return pd.DataFrame(
        {
            "event_id": ["E3", "E1", "E2", "E4"],
            "phase_id": ["b", "a", "a", "b"],
            "category": ["treaty", "armed_clash", "diplomacy", "treaty"],
            "direction": ["cooperation", "conflict", "neutral", "cooperation"],
            "date_precision": ["day", "day", "year", "month"],
            "start_date": pd.to_datetime(["2001-03-12", "1980-02-23", "1980-01-01", "2025-10-01"]),
            "title": ["T3", "T1", "T2", "<b>T4</b>"],
            "description": ["d3", "d1", "d2", "d4 & <i>more</i>"],
            "grade": ["confirmed", "reported", "claimed", "disputed"],
        }
    )
