"""Building blocks shared by every ingest module.

Each source module (``sipri``, ``unvotes``, ``alliances``, ``trade``,
``authored``) exposes ``ORIGINS`` (the raw files it reads, with their expected
checksums) and ``build(sources_dir)`` returning a list of :class:`Resource`.
:mod:`analysis.ingest.package` assembles them into ``datapackage/``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.ingest.errors import IngestError


@dataclass(frozen=True)
class Origin:
    """Where one raw source comes from: the origin record of the package.

    ``files`` maps each raw file's path, relative to the sources folder, to its
    expected sha256. The ingest refuses a file whose checksum differs.
    """

    id: str
    producer: str
    title: str
    citation: str
    url: str
    release: str
    published: str
    accessed: str
    license: str
    obtained_from: str
    files: dict[str, str] = dataclass_field(default_factory=dict)

    def as_source(self) -> dict[str, Any]:
        """Return this record as an entry of the descriptor's ``sources``."""
        return {
            "id": self.id,
            "title": self.title,
            "path": self.url,
            "producer": self.producer,
            "citation": self.citation,
            "release": self.release,
            "published": self.published,
            "accessed": self.accessed,
            "license": self.license,
            "obtainedFrom": self.obtained_from,
            "files": [{"path": p, "sha256": h} for p, h in sorted(self.files.items())],
        }


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
            raise IngestError(
                f"raw file of source {origin.id!r} is missing", path=path
            )
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
    >>> import pandas as pd
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


def field(name: str, type_: str, title: str, description: str, **constraints: Any) -> dict[str, Any]:
    """Return one Frictionless field descriptor; ``constraints`` go under ``constraints``.

    Examples
    --------
    >>> field("year", "integer", "Year", "Calendar year.", required=True)["constraints"]
    {'required': True}
    >>> "constraints" in field("note", "string", "Note", "Free text.")
    False
    """
    entry: dict[str, Any] = {"name": name, "type": type_, "title": title, "description": description}
    if constraints:
        entry["constraints"] = dict(constraints)
    return entry


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
