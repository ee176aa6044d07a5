"""The one error type the ingest raises for bad input."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """Bad input found while building the data package.

    The message always names the file, and the line (1-based, as a text editor
    counts) and field when they are known, so a reader can go straight to the
    cell at fault.

    Examples
    --------
    >>> str(IngestError("not a number: 'x'", path="a.csv", line=12, field="tiv"))
    "a.csv, line 12, field 'tiv': not a number: 'x'"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.reason = message
        where = [self.path]
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {message}")
