"""Rebuild ``datapackage/`` from the raw public sources and our authored tables.

Run ``python -m analysis.ingest [--sources DIR] [--out DIR]`` (``make data``).
Each source is a plug-in folder (see :mod:`analysis.ingest.base`); :data:`PLUGINS`
lists them in the order their resources appear in the package.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

from analysis.ingest.base import Origin, Resource, Source, check_origin
from analysis.ingest.errors import IngestError
from analysis.ingest.package import write_package
from analysis.paths import DATAPACKAGE_DIR, default_sources_dir

__all__ = ["IngestError", "build_package", "collect", "sources"]

#: The plug-ins, in package order: readers meet the argument's spine (the
#: authored tables) before the data.
PLUGINS: tuple[str, ...] = ("authored", "sipri", "sipri_revisions", "unvotes", "alliances", "trade")


def sources() -> list[Source]:
    """Return the :class:`~analysis.ingest.base.Source` of every plug-in, in package order."""
    return [importlib.import_module(f"analysis.ingest.{name}").SOURCE for name in PLUGINS]


def collect(
    sources_dir: Path, authored_dir: Path | None = None
) -> tuple[list[Resource], list[Origin]]:
    """Build every plug-in and return all resources and origin records.

    A plug-in with its own folder (the authored tables) reads ``authored_dir``
    when given, else that folder; the others read ``sources_dir``. The files
    such a plug-in records (the research fact base, ``../research/`` beside the
    sources) are checked against their sha256 first, like every raw file.
    """
    if not sources_dir.is_dir():
        raise IngestError(
            "the raw sources folder does not exist; pass --sources or set RIR_SOURCES",
            path=sources_dir,
        )
    for source in sources():
        if source.default_folder is not None:  # reads its own folder: its recorded
            for origin in source.origins:       # files (research/) sit beside the sources
                check_origin(origin, sources_dir)
    resources: list[Resource] = []
    origins: list[Origin] = []
    for source in sources():
        folder = sources_dir if source.default_folder is None else authored_dir or source.default_folder
        origins.extend(source.origins)
        resources.extend(source.build(folder))
    return resources, origins


def build_package(
    sources_dir: Path | None = None,
    out_dir: Path = DATAPACKAGE_DIR,
    authored_dir: Path | None = None,
) -> Path:
    """Rebuild the whole package into ``out_dir`` and return its descriptor path."""
    resources, origins = collect(sources_dir or default_sources_dir(), authored_dir)
    return write_package(resources, origins, out_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the error and returns 1 on bad input."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m analysis.ingest", description=__doc__)
    parser.add_argument("--sources", type=Path, default=None, help="raw sources folder")
    parser.add_argument("--out", type=Path, default=DATAPACKAGE_DIR, help="package folder")
    args = parser.parse_args(argv)
    try:
        path = build_package(args.sources, args.out)
    except IngestError as error:
        print(f"ingest failed: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0
