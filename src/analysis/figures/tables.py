"""Small tables for the chapters, as escaped Markdown, and the rows of chosen events.

Every cell is escaped, so text from the data (event titles, notes) shows as
text, never as markup. The book's event tables (date order, dates in words,
publishers' names) are :func:`analysis.timeline.event_table`.
"""

from __future__ import annotations

import re

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|$~^])")


def escape_markdown(text: object) -> str:
    """Return ``text`` safe to place in a Markdown table cell (markup shown as text).

    Examples
    --------
    >>> escape_markdown("a|b <script> *x*")
    'a\\\\|b &lt;script&gt; \\\\*x\\\\*'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    plain = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(plain.split()))


def markdown_table(frame: pd.DataFrame) -> str:
    """Return ``frame`` as a Markdown pipe table with every cell escaped.

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"Event": ["A|B"], "Year": [1980]})))
    | Event | Year |
    |---|---|
    | A\\|B | 1980 |
    """
    header = "| " + " | ".join(escape_markdown(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = [
        "| " + " | ".join(escape_markdown(value) for value in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])


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
