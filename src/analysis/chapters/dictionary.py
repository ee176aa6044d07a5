"""Facts of the data dictionary page: each of the package's tables, field by field."""

from __future__ import annotations

import html
from typing import Any

from IPython.display import HTML

from analysis import dictionary
from analysis.chapters import common
from analysis.chapters.data import html_table, package_facts
from analysis.provenance import traced


def collapsed_table(summary: str, frame: Any) -> HTML:
    """Return a table folded under a one-line summary that opens it (works without JavaScript).

    Examples
    --------
    >>> import pandas as pd
    >>> folded = collapsed_table("Fields (1)", pd.DataFrame({"a": [1]})).data
    >>> folded.startswith('<details class="rir-fields"><summary>Fields (1)</summary>')
    True
    """
    return HTML(
        f'<details class="rir-fields"><summary>{html.escape(summary)}</summary>'
        f"{html_table(frame).data}</details>"
    )


#: The column of a table's fields that counts the rows leaving each field empty.
EMPTY_COLUMN = "empty rows"


def fields_with_gaps(fields: Any, table: Any) -> Any:
    """Return a table's field dictionary with, for each field, how many rows leave it empty
    and what share of the rows that is (``0`` for a field always filled).

    Examples
    --------
    >>> import pandas as pd
    >>> fields = pd.DataFrame({"field": ["a", "b"], "type": ["integer", "string"]})
    >>> fields_with_gaps(fields, pd.DataFrame({"a": [1, None, 3, 4], "b": ["x"] * 4}))[EMPTY_COLUMN].tolist()
    ['1 (25%)', '0']
    """
    missing = dictionary.missing_values(table).set_index("field")
    shown = [
        f"{missing.at[field, 'missing']:,} ({missing.at[field, 'share']})" if missing.at[field, "missing"] else "0"
        for field in fields["field"]
    ]
    return fields.assign(**{EMPTY_COLUMN: shown})


def preview(name: str, table: Any) -> HTML:
    """Return a table's first rows, folded under one summary line."""
    return HTML(
        f'<details class="rir-first-rows"><summary>Preview of {html.escape(name)}: its first rows</summary>'
        f"{html_table(dictionary.first_rows(table)).data}</details>"
    )


def facts(package: Any) -> dict[str, object]:
    """Per table, in the descriptor's order: its description, rows, fields (with the rows
    leaving each empty) and a preview of its first rows."""
    descriptor = package.descriptor
    out: dict[str, object] = package_facts(package)
    for row in dictionary.resource_summary(descriptor, package).itertuples(index=False):
        fields = dictionary.field_dictionary(descriptor, row.name)
        out[f"about_{row.name}"] = str(row.description)
        out[f"rows_{row.name}"] = traced(common.row_count, package, str(row.name), unit="rows",
                                         description=f"Number of rows of the table {row.name}")
        out[f"fields_{row.name}"] = collapsed_table(
            f"The {len(fields)} fields of {row.name}", fields_with_gaps(fields, package[str(row.name)])
        )
        out[f"preview_{row.name}"] = preview(str(row.name), package[str(row.name)])
    return out
