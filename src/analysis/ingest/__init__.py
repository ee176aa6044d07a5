"""Rebuild ``datapackage/`` from the raw public sources and our authored tables.

Run ``python -m analysis.ingest [--sources DIR] [--out DIR]`` (``make data``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analysis.ingest.base import Origin, Resource
from analysis.ingest.errors import IngestError
from analysis.ingest.package import write_package
from analysis.paths import DATAPACKAGE_DIR, default_sources_dir

__all__ = ["IngestError", "build_package", "collect"]


def collect(sources_dir: Path, package_dir: Path) -> tuple[list[Resource], list[Origin]]:
    """Run every source module and return all resources and origin records.

    ``package_dir`` is where the authored tables (events, phases, claims) are
    read from: they are kept under version control inside the package itself.
    """
    from analysis.ingest import alliances, authored, sipri, trade, unvotes

    if not sources_dir.is_dir():
        raise IngestError(
            "the raw sources folder does not exist; pass --sources or set RIR_SOURCES",
            path=sources_dir,
        )
    resources: list[Resource] = []
    origins: list[Origin] = []
    # Authored tables first: the others are checked against nothing of theirs,
    # but readers meet the argument's spine before the data.
    origins.extend(authored.ORIGINS)
    resources.extend(authored.build(package_dir))
    for module in (sipri, unvotes, alliances, trade):
        origins.extend(module.ORIGINS)
        resources.extend(module.build(sources_dir))
    return resources, origins


def build_package(
    sources_dir: Path | None = None,
    out_dir: Path = DATAPACKAGE_DIR,
    package_dir: Path = DATAPACKAGE_DIR,
) -> Path:
    """Rebuild the whole package into ``out_dir`` and return its descriptor path."""
    resources, origins = collect(sources_dir or default_sources_dir(), package_dir)
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
