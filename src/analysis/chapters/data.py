"""Facts of the data page: the package's tables, sources, coverage and reuse examples.

Each table's fields and preview are on the data dictionary page (:mod:`analysis.chapters.dictionary`).
"""

from __future__ import annotations

import atexit
import html
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML

from analysis import coverage, dictionary, events, evidence, revisions, transfers
from analysis.chapters import common
from analysis.paths import DATAPACKAGE_DIR
from analysis.provenance import traced, traced_each
from analysis.release.formats import release_folder

#: Columns of the resource and source tables shown on the page (a source's
#: terms follow the table, in :func:`terms_list`).
RESOURCE_COLUMNS = ["name", "title", "rows", "licence_label"]
SOURCE_COLUMNS = ["id", "title", "producer", "release"]

#: Headings of the coverage table, by column of :func:`analysis.coverage.resource_coverage`.
COVERAGE_HEADINGS = {"resource": "Table", "first": "First", "last": "Last", "rows": "Rows",
                     "releases": "Source release"}

#: What the coverage table shows for a table without a time dimension or a named release.
NOT_DATED = "—"


def unpacked_release() -> Path:
    """Return a scratch folder holding the package as its zip unpacks, formats included.

    The page's reuse examples run inside it, as a reader runs them in the
    unzipped download; the folder is removed when the kernel exits.
    """
    folder = Path(tempfile.mkdtemp(prefix="rir-release-"))
    atexit.register(shutil.rmtree, folder, True)
    return release_folder(DATAPACKAGE_DIR, folder)


#: The indentation pandas writes between a table's tags (a fifth of the dictionary page's bytes).
_BETWEEN_TAGS = re.compile(r">\s+<")


def html_table(frame: pd.DataFrame) -> HTML:
    """Return a table as escaped HTML in the house table style, as the page shows it.

    Without pandas' indentation between tags, which a table does not show.

    Examples
    --------
    >>> table = html_table(pd.DataFrame({"a": ["<b>"]})).data
    >>> "&lt;b&gt;" in table, 'border="1"' in table, "rir-table" in table
    (True, False, True)
    >>> "<tr><td>&lt;b&gt;</td></tr>" in table, "\\n" in table
    (True, False)
    """
    written = frame.to_html(index=False, escape=True, border=0, justify="left", classes="rir-table")
    return HTML(_BETWEEN_TAGS.sub("><", written))


def terms_list(sources: pd.DataFrame) -> HTML:
    """Return the raw sources' terms of use in full, each text once under the ids of its sources.

    Examples
    --------
    >>> frame = pd.DataFrame({"id": ["a", "b", "c"], "licence": ["Cite <it>", "CC0", "Cite <it>"]})
    >>> terms_list(frame).data
    '<dl class="rir-terms"><dt><code>a</code>, <code>c</code></dt><dd>Cite &lt;it&gt;</dd><dt><code>b</code></dt><dd>CC0</dd></dl>'
    """
    by_terms: dict[str, list[str]] = {}
    for row in sources.itertuples(index=False):
        by_terms.setdefault(str(row.licence), []).append(str(row.id))
    items = "".join(
        "<dt>" + ", ".join(f"<code>{html.escape(ident)}</code>" for ident in idents) + "</dt>"
        f"<dd>{html.escape(terms)}</dd>"
        for terms, idents in by_terms.items()
    )
    return HTML(f'<dl class="rir-terms">{items}</dl>')


def package_facts(package: Any) -> dict[str, object]:
    """The package's version and its number of tables (the data and dictionary pages say both)."""
    return {
        "n_resources": traced(common.resource_count, package, (), whole_package=True, unit="count",
                              description="Number of tables (resources) in the data package"),
        "package_version": package.descriptor["version"],
    }


def resource_facts(package: Any) -> dict[str, object]:
    """The package's tables in one list, with their number and rows in all (each table's own
    entry is on the data dictionary page, :mod:`analysis.chapters.dictionary`)."""
    summary = dictionary.resource_summary(package.descriptor, package)
    return {
        **package_facts(package),
        "n_rows_total": traced(common.total_rows, package, (), whole_package=True, unit="rows",
                               description="Number of rows of all the package's tables together"),
        "resource_table": html_table(summary[RESOURCE_COLUMNS].rename(columns={"licence_label": "licence"})),
    }


def coverage_table(package: Any) -> HTML:
    """Return each table's first and last date, rows and source releases as the page shows them.

    Tables without a time dimension, or whose sources name no release, show
    :data:`NOT_DATED`; rows are written with thousands separators.
    """
    frame = coverage.resource_coverage(package)
    frame["rows"] = frame["rows"].map("{:,}".format)
    shown = frame[list(COVERAGE_HEADINGS)].fillna(NOT_DATED).replace("", NOT_DATED)
    return html_table(shown.rename(columns=COVERAGE_HEADINGS))


#: What each year of :func:`analysis.transfers.sipri_releases` is, for its note.
RELEASE_NOTES = {
    "release_old": "Year of the older SIPRI release the arms table uses",
    "release_old_last_year": "Last year the arms table takes from the older SIPRI release",
    "release_new": "Year of the newer SIPRI release the arms table uses",
    "release_new_first_year": "First year the arms table takes from the newer SIPRI release",
}


def facts(package: Any) -> dict[str, object]:
    """Return every value the page glues."""
    sources = dictionary.source_table(package.descriptor)
    graded = traced_each(events.grade_counts, package, "events", units="count",
                         description=common.grade_notes("events of the timeline"))
    return {
        **resource_facts(package),
        **revisions.facts(package),
        "n_sources": traced(common.source_count, package, (), whole_package=True, unit="count",
                            description="Number of raw sources the data package lists"),
        "source_table": html_table(sources[SOURCE_COLUMNS]),
        "source_terms": terms_list(sources),
        "coverage_table": coverage_table(package),
        "updated_label": coverage.updated_label(package.descriptor),
        "n_events": graded["total"],
        **common.prefixed("n_", graded, evidence.GRADES),
        **common.prefixed("esrc_", traced_each(evidence.source_summary, package, ("event_sources", "publishers"),
                                               units="count", description=common.source_notes())),
        **traced_each(transfers.sipri_releases, package, "arms_transfers", units="year", description=RELEASE_NOTES),
        "trade_last_year": traced(common.last_year, package, "bilateral_trade", unit="year",
                                  description="Last year of the trade table (COW Trade)"),
        "alliances_last_year": traced(common.last_year, package, "alliances", unit="year",
                                      description="Last year of the alliances table (ATOP, COW)"),
    }
