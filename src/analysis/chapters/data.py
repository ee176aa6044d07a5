"""Facts of the data page: the package's tables, fields, sources and coverage."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
from IPython.display import HTML

from analysis import coverage, dictionary, events, evidence
from analysis.chapters import common

#: Columns of the resource and source tables shown on the page.
RESOURCE_COLUMNS = ["name", "title", "rows", "licence"]
SOURCE_COLUMNS = ["id", "title", "producer", "release", "licence"]

#: Headings of the coverage table, by column of :func:`analysis.coverage.resource_coverage`.
COVERAGE_HEADINGS = {"resource": "Table", "first": "First", "last": "Last", "rows": "Rows",
                     "releases": "Source release"}

#: What the coverage table shows for a table without a time dimension or a named release.
NOT_DATED = "—"


def html_table(frame: pd.DataFrame) -> HTML:
    """Return a table as escaped HTML in the house table style, as the page shows it.

    Examples
    --------
    >>> table = html_table(pd.DataFrame({"a": ["<b>"]})).data
    >>> "&lt;b&gt;" in table, 'border="1"' in table, "rir-table" in table
    (True, False, True)
    """
    return HTML(frame.to_html(index=False, escape=True, border=0, justify="left", classes="rir-table"))


def collapsed_table(summary: str, frame: pd.DataFrame) -> HTML:
    """Return a table folded under a one-line summary that opens it (works without JavaScript).

    Examples
    --------
    >>> folded = collapsed_table("Fields (1)", pd.DataFrame({"a": [1]})).data
    >>> folded.startswith('<details class="rir-fields"><summary>Fields (1)</summary>')
    True
    """
    return HTML(
        f'<details class="rir-fields"><summary>{html.escape(summary)}</summary>'
        f"{html_table(frame).data}</details>"
    )


def resource_facts(package: Any) -> dict[str, object]:
    """Per table: its field dictionary, description and number of rows, plus the totals."""
    descriptor = package.descriptor
    summary = dictionary.resource_summary(descriptor, package)
    out: dict[str, object] = {
        "n_resources": len(summary),
        "package_version": descriptor["version"],
        "n_rows_total": int(summary["rows"].sum()),
        "resource_table": html_table(summary[RESOURCE_COLUMNS]),
    }
    for row in summary.itertuples(index=False):
        fields = dictionary.field_dictionary(descriptor, row.name)
        out[f"fields_{row.name}"] = collapsed_table(f"The {len(fields)} fields of {row.name}", fields)
        out[f"about_{row.name}"] = str(row.description)
        out[f"rows_{row.name}"] = int(row.rows)
    return out


def coverage_table(package: Any) -> HTML:
    """Return each table's first and last date, rows and source releases as the page shows them.

    Tables without a time dimension, or whose sources name no release, show
    :data:`NOT_DATED`; rows are written with thousands separators.
    """
    frame = coverage.resource_coverage(package)
    frame["rows"] = frame["rows"].map("{:,}".format)
    shown = frame[list(COVERAGE_HEADINGS)].fillna(NOT_DATED).replace("", NOT_DATED)
    return html_table(shown.rename(columns=COVERAGE_HEADINGS))


def sipri_releases(transfers: pd.DataFrame) -> dict[str, int]:
    """The two SIPRI releases the arms table combines and the years each covers.

    Examples
    --------
    >>> frame = pd.DataFrame({"sipri_release": [2023, 2023, 2025], "year": [1950, 2019, 2020]})
    >>> sipri_releases(frame)
    {'release_old': 2023, 'release_old_last_year': 2019, 'release_new': 2025, \
'release_new_first_year': 2020}
    """
    releases = transfers.groupby("sipri_release")["year"].agg(["min", "max"])
    return {
        "release_old": int(releases.index.min()),
        "release_old_last_year": int(releases["max"].iloc[0]),
        "release_new": int(releases.index.max()),
        "release_new_first_year": int(releases["min"].iloc[-1]),
    }


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues."""
    sources = dictionary.source_table(package.descriptor)
    graded = events.grade_counts(package["events"])
    return {
        **resource_facts(package),
        "n_sources": len(sources),
        "source_table": html_table(sources[SOURCE_COLUMNS]),
        "coverage_table": coverage_table(package),
        "updated_label": coverage.updated_label(package.descriptor),
        "n_events": graded["total"],
        **common.prefixed("n_", graded, evidence.GRADES),
        **common.prefixed("esrc_", evidence.source_summary(package["event_sources"],
                                                                package["publishers"])),
        **sipri_releases(package["arms_transfers"]),
        "trade_last_year": int(package["bilateral_trade"]["year"].max()),
        "alliances_last_year": int(package["alliances"]["year"].max()),
    }
