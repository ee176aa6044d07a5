"""The plug-in contract of the ingest, and the readers every plug-in shares.

The contract
------------
Each raw source is one folder under ``analysis/ingest/`` holding

``origin.toml``
    The origin records: where the files come from, how to cite them and the
    expected sha256 of every raw file (``[[origin]]``, with optional
    ``[defaults]`` shared by the records; ``[[reference]]`` for files read only
    by tests). Paths are relative to the sources folder.
``fields.toml``
    One ``[[resource]]`` per table: the Frictionless descriptor without
    ``path`` (name, title, description, licenses, sources, schema). A string
    ``"${NAME}"`` is replaced by the plug-in's parameter ``NAME`` (typed when it
    is the whole value, as text inside a longer string); ``SOVIET_NOTE`` is
    always available. A ``sources`` entry ``{origin = ID}`` cites that origin.
``__init__.py``
    ``SOURCE = Source.load(folder, parse, params=...)``, where ``parse(folder)``
    returns one table per resource, columns equal to the schema's fields.

:meth:`Source.build` checks every raw file against its recorded checksum, then
parses; :mod:`analysis.ingest.package` writes and validates the package.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.ingest.errors import IngestError
from analysis.ingest.metadata import Origin, load_descriptors, load_origins


@dataclass(frozen=True)
class Resource:
    """One table of the package: its rows and its Frictionless descriptor.

    ``descriptor`` holds everything but ``path`` (the writer sets it): name,
    title, description, licenses, sources and the table ``schema``. The table's
    columns must be exactly the schema's fields, in order.
    """

    name: str
    table: pd.DataFrame
    descriptor: dict[str, Any]


# ---------------------------------------------------------------------------
# The plug-in
# ---------------------------------------------------------------------------

Parse = Callable[[Path], Mapping[str, pd.DataFrame]]


@dataclass(frozen=True)
class Source:
    """One plug-in: its origin records, resource descriptors and parser.

    ``parse(folder)`` reads the raw files under ``folder`` (the sources folder,
    or ``default_folder`` for a source that reads elsewhere) and returns a
    table per resource. ``check(folder)`` runs extra checks before parsing.
    ``verify`` is False for a source whose recorded files are not inputs.
    """

    name: str
    origins: list[Origin]
    references: list[Origin]
    descriptors: dict[str, dict[str, Any]]
    parse: Parse
    check: Callable[[Path], None] | None = None
    verify: bool = True
    default_folder: Path | None = None

    @classmethod
    def load(cls, folder: Path, parse: Parse, params: Mapping[str, Any] | None = None,
             **options: Any) -> Source:
        """Read ``origin.toml`` and ``fields.toml`` of the plug-in in ``folder``."""
        origins, references = load_origins(folder / "origin.toml")
        descriptors = load_descriptors(folder / "fields.toml", params or {}, origins + references)
        return cls(folder.name, origins, references, descriptors, parse, **options)

    def origin(self, origin_id: str) -> Origin:
        """Return the origin record (or reference) with ``origin_id``."""
        return next(o for o in self.origins + self.references if o.id == origin_id)

    def resources(self, folder: Path) -> list[Resource]:
        """Parse ``folder`` into resources, without checking checksums."""
        tables = self.parse(folder)
        return [Resource(name, conform(tables[name], d["schema"], name), d)
                for name, d in self.descriptors.items()]

    def build(self, folder: Path) -> list[Resource]:
        """Check the raw files against the origin records, then parse them."""
        if self.verify:
            for origin in self.origins:
                check_origin(origin, folder)
        if self.check is not None:
            self.check(folder)
        return self.resources(folder)


#: The pandas dtype of each Frictionless field type.


def conform(table: pd.DataFrame, schema: dict[str, Any], name: str) -> pd.DataFrame:
    """Return the schema's columns of ``table``, in order and with the schema's dtypes.

    Examples
    --------
    >>> schema = {"fields": [{"name": "n", "type": "integer"}, {"name": "s", "type": "string"}]}
    >>> [str(t) for t in conform(pd.DataFrame({"s": ["a"], "x": [0], "n": [1.0]}), schema, "t").dtypes]
    ['Int64', 'string']
    """
    columns = [f["name"] for f in schema["fields"]]
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise IngestError("the parser gives no such column", path=f"data/{name}.csv", field=missing[0])
    from analysis.package import DTYPES  # the loader's dtypes: a staged table reads back alike

    types = {f["name"]: DTYPES[f["type"]] for f in schema["fields"] if f["type"] in DTYPES}
    return table[columns].astype(types).reset_index(drop=True)


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file's bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_of(p)[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_origin(origin: Origin, sources_dir: Path) -> None:
    """Check that every raw file of ``origin`` exists and has its recorded checksum.

    Raises
    ------
    IngestError
        Naming the file that is missing or changed.
    """
    for relative, expected in sorted(origin.files.items()):
        path = sources_dir / relative
        if not path.is_file():
            raise IngestError(f"raw file of source {origin.id!r} is missing", path=path)
        actual = sha256_of(path)
        if actual != expected:
            raise IngestError(
                f"checksum {actual} differs from the origin record {expected} "
                f"of source {origin.id!r}; the file changed",
                path=path,
            )


def format_table(table: pd.DataFrame) -> str:
    """Serialise a table as the package's CSV: UTF-8, LF, ``true``/``false``, empty = missing.

    The output depends only on the values, so two runs give the same bytes.

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1, None], "b": [True, False], "c": [0.5, 2.0]})
    >>> print(format_table(df.astype({"a": "Int64", "b": "boolean"})), end="")
    a,b,c
    1,true,0.5
    ,false,2.0
    """
    out = table.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series.dtype):
            out[column] = series.map({True: "true", False: "false"}).astype("object")
    return out.to_csv(index=False, lineterminator="\n")


def first_position(mask: pd.Series) -> int | None:
    """Return the 0-based position of the first True in ``mask``, or None.

    Examples
    --------
    >>> first_position(pd.Series([False, True, True])), first_position(pd.Series([False]))
    (1, None)
    """
    hits = mask.to_numpy().nonzero()[0]
    return int(hits[0]) if len(hits) else None


def raise_at(
    mask: pd.Series,
    message: Callable[[int], str],
    *,
    path: str | Path,
    field: str,
    line: Callable[[int], int] | None = None,
) -> None:
    """Raise IngestError at the first True of ``mask``; do nothing when there is none.

    ``message(position)`` words the error for the 0-based ``position`` of that
    row; ``line(position)`` gives the line it names (default: the 1-based row).

    Examples
    --------
    >>> raise_at(pd.Series([False]), str, path="f.rda", field="x")
    >>> raise_at(pd.Series([False, True]), lambda i: f"bad row {i + 1}", path="f.rda", field="x")
    Traceback (most recent call last):
    ...
    analysis.ingest.errors.IngestError: f.rda, line 2, field 'x': bad row 2
    """
    position = first_position(mask)
    if position is not None:
        raise IngestError(message(position), path=path, field=field,
                          line=position + 1 if line is None else line(position))


# ---------------------------------------------------------------------------
# Text files: bytes -> text -> records with their line numbers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RawRow:
    """One CSV record and the 1-based line of the raw file it starts on."""

    line: int
    cells: list[str]


def line_of_offset(data: bytes, offset: int) -> int:
    """Return the 1-based line holding byte ``offset`` of ``data``.

    Examples
    --------
    >>> line_of_offset(b"a\\nb\\nc", 4)
    3
    """
    return data.count(b"\n", 0, offset) + 1


def read_bytes(path: Path) -> bytes:
    """Return the bytes of ``path``, raising IngestError when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot read the raw file ({error.strerror})", path=path) from None


def decode_ascii(path: Path) -> str:
    """Return the text of an ASCII file, naming the line of the first other byte."""
    data = read_bytes(path)
    try:
        return data.decode("ascii")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"byte 0x{data[error.start]:02x} is not ASCII; the file's encoding changed "
            "(expected plain ASCII)",
            path=path,
            line=line_of_offset(data, error.start),
        ) from None


def decode_latin1(path: Path) -> str:
    """Return the text of a Latin-1 file, refusing UTF-8 and UTF-16 look-alikes.

    Any byte decodes as Latin-1, so the check is indirect: a NUL byte or a byte
    order mark means UTF-16 (or binary), and non-ASCII bytes that form valid
    UTF-8 mean the file was re-saved as UTF-8.
    """
    data = read_bytes(path)
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise IngestError(
            "the file looks like UTF-16 or binary (byte order mark or NUL byte); "
            "expected Latin-1 text",
            path=path,
            line=line_of_offset(data, max(data.find(b"\x00"), 0)),
        )
    first_non_ascii = next((i for i, byte in enumerate(data) if byte > 0x7F), None)
    if first_non_ascii is not None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
        raise IngestError(
            "non-ASCII characters are encoded as UTF-8; expected Latin-1 (ISO-8859-1)",
            path=path,
            line=line_of_offset(data, first_non_ascii),
        )
    return data.decode("latin-1")


def decode_utf8(path: Path, shown: str | Path | None = None) -> str:
    """Return the text of a strict UTF-8 file without byte-order mark.

    Errors name ``shown`` (default ``path``), the line and the column of the
    first bad byte, read from the header.
    """
    shown = path if shown is None else shown
    if not path.is_file():
        raise IngestError("file not found", path=shown)
    data = read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        raise IngestError("file starts with a byte-order mark; save as UTF-8 without BOM",
                          path=shown, line=1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        header = next(csv.reader([data.split(b"\n", 1)[0].decode("latin-1").rstrip("\r")]))
        before = next(csv.reader([data[start:error.start].decode("latin-1")]), [""])
        column = len(before) - 1
        raise IngestError(
            f"not valid UTF-8 (byte {data[error.start]:#04x}); the file seems to be in "
            "another encoding such as Latin-1: re-save it as UTF-8",
            path=shown, line=line_of_offset(data, error.start),
            field=header[column] if column < len(header) else None,
        ) from None


def csv_records(text: str) -> list[RawRow]:
    """Split CSV text into records, each with the line it starts on.

    Both LF and CRLF line ends are accepted.

    Examples
    --------
    >>> [(r.line, r.cells) for r in csv_records('a,b\\r\\n"x\\ny",z\\r\\nc,d')]
    [(1, ['a', 'b']), (2, ['x\\ny', 'z']), (4, ['c', 'd'])]
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[RawRow] = []
    last_line = 0
    for cells in reader:
        records.append(RawRow(last_line + 1, cells))
        last_line = reader.line_num
    return records


def is_blank(cells: Sequence[str]) -> bool:
    """Return True for a record whose cells are all empty (a separator line).

    Examples
    --------
    >>> is_blank([""] * 75), is_blank(["", "1"]), is_blank([])
    (True, False, True)
    """
    return all(not cell.strip() for cell in cells)


def check_header(
    found: Sequence[str], expected: Sequence[str], *, path: str | Path, line: int
) -> None:
    """Require the header ``found`` to be exactly ``expected``.

    Raises
    ------
    IngestError
        Naming the first missing, unexpected or misplaced column.
    """
    missing = [name for name in expected if name not in found]
    extra = [name for name in found if name not in expected]
    if missing:
        hint = f" (found instead: {extra[0]!r})" if extra else ""
        raise IngestError(f"column {missing[0]!r} is missing from the header{hint}",
                          path=path, line=line, field=missing[0])
    if len(found) > len(expected):
        extra_name = extra[0] if extra else found[len(expected)]
        raise IngestError(
            f"unexpected extra column {extra_name!r} in the header "
            f"({len(found)} columns, expected {len(expected)})",
            path=path, line=line, field=extra_name,
        )
    for position, (seen, wanted) in enumerate(zip(found, expected, strict=True), 1):
        if seen != wanted:
            raise IngestError(f"column {position} is {seen!r} where {wanted!r} was expected",
                              path=path, line=line, field=seen)


def require_width(row: RawRow, width: int, *, path: Path) -> None:
    """Require ``row`` to have ``width`` cells."""
    if len(row.cells) != width:
        raise IngestError(f"expected {width} fields, found {len(row.cells)}", path=path, line=row.line)


_NUMBER = re.compile(r"\d+(\.\d+)?")
_WHOLE = re.compile(r"\d+")


def parse_number(
    text: str, *, path: Path, line: int, field: str, whole: bool = False
) -> float | None:
    """Parse a non-negative number; ``""`` gives None. ``whole`` requires an integer.

    Examples
    --------
    >>> parse_number(" 12.5", path=Path("f.csv"), line=3, field="tiv")
    12.5
    >>> parse_number("", path=Path("f.csv"), line=3, field="tiv") is None
    True
    >>> parse_number("-1", path=Path("f.csv"), line=3, field="tiv")
    Traceback (most recent call last):
    ...
    analysis.ingest.errors.IngestError: f.csv, line 3, field 'tiv': negative value '-1'; expected a number >= 0
    """
    value = text.strip()
    if value == "":
        return None
    if (_WHOLE if whole else _NUMBER).fullmatch(value):
        return float(value)
    kind = "a whole number" if whole else "a number"
    if re.fullmatch(r"-\s*\d+(\.\d+)?", value):
        raise IngestError(f"negative value {text!r}; expected {kind} >= 0", path=path, line=line, field=field)
    raise IngestError(f"not {kind}: {text!r}", path=path, line=line, field=field)


def parse_year(text: str, *, path: Path, line: int, field: str) -> int:
    """Parse a required four-digit year.

    Examples
    --------
    >>> parse_year("2016", path=Path("f.csv"), line=2, field="year")
    2016
    """
    value = text.strip()
    if not re.fullmatch(r"\d{4}", value):
        raise IngestError(f"not a year: {text!r}", path=path, line=line, field=field)
    return int(value)


def require_name(text: str, *, path: Path, line: int, field: str) -> str:
    """Return a required, non-empty name cell stripped of spaces."""
    value = text.strip()
    if not value:
        raise IngestError("empty name", path=path, line=line, field=field)
    return value


# ---------------------------------------------------------------------------
# R data files
# ---------------------------------------------------------------------------


def require_columns(frame: pd.DataFrame, columns: Iterable[str], path: str | Path) -> None:
    """Raise unless ``frame`` has every one of ``columns``.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"year": [1]}), ["year", "ccode1"], "a.rda")
    Traceback (most recent call last):
    ...
    analysis.ingest.errors.IngestError: a.rda, field 'ccode1': expected column is missing
    """
    for column in columns:
        if column not in frame.columns:
            raise IngestError("expected column is missing", path=path, field=column)


def read_rda(path: Path, name: str, columns: Iterable[str] = ()) -> pd.DataFrame:
    """Read object ``name`` from an R data file and check it has ``columns``.

    Raises
    ------
    IngestError
        If the file is missing or unreadable, the object is absent or a column
        is missing.
    """
    import pyreadr  # local: only the ingest needs it

    if not path.is_file():
        raise IngestError("file not found", path=path)
    try:
        objects = pyreadr.read_r(str(path))
    except Exception as error:  # pyreadr raises several types
        raise IngestError(f"cannot read the R data file: {error}", path=path) from error
    if name not in objects:
        raise IngestError(f"object {name!r} not found (has {sorted(objects)})", path=path)
    frame = objects[name]
    require_columns(frame, columns, path)
    return frame
