"""Argument checks shared by the domain modules: one wording everywhere."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import guards

YEARS = pd.DataFrame({"year": [1980, 1985, 1990]})


@given(start=st.integers(1970, 2000), end=st.integers(1970, 2000))
def test_check_window_accepts_exactly_the_windows_inside(start: int, end: int) -> None:
    inside = 1980 <= start <= end <= 1990
    if inside:
        guards.check_window(YEARS, start, end, "test")
    else:
        with pytest.raises(ValueError, match="empty year window|outside the test data's 1980–1990"):
            guards.check_window(YEARS, start, end, "test")


def test_messages_name_the_data() -> None:
    with pytest.raises(ValueError, match="^year window 1970–1980 is outside the data's 1980–1990$"):
        guards.check_window(YEARS, 1970, 1980)
    with pytest.raises(ValueError, match="year 1991 is outside the alliance data's 1980–1990"):
        guards.check_year(YEARS, 1991, "alliance")
    with pytest.raises(ValueError, match="unknown dyad 'X'; the data has: A-B, C-D"):
        guards.check_known("X", ["C-D", "A-B", None], "dyad")
