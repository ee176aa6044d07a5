"""Every filesystem location the project uses, resolved from the repository root.

Nothing else in the project builds paths from the current working directory:
notebooks run with ``book/`` as their working directory, tests from the root,
and the ingest from anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (the folder holding ``pyproject.toml``).
REPO_ROOT: Path = Path(__file__).resolve().parents[2]

#: The published data package.
DATAPACKAGE_DIR: Path = REPO_ROOT / "datapackage"
DATA_DIR: Path = DATAPACKAGE_DIR / "data"
DESCRIPTOR_PATH: Path = DATAPACKAGE_DIR / "datapackage.json"

#: The hand-written tables (events, phases, claims, claim_events, publishers): sources of truth.
AUTHORED_DIR: Path = REPO_ROOT / "data" / "authored"

#: The book sources and the built site.
BOOK_DIR: Path = REPO_ROOT / "book"
BUILD_DIR: Path = REPO_ROOT / "_build"
HTML_DIR: Path = BUILD_DIR / "html"


def default_sources_dir() -> Path:
    """Return the folder of raw public sources read by the ingest.

    ``RIR_SOURCES`` overrides the default, which is ``../shared/sources``
    beside the repository.

    Examples
    --------
    >>> default_sources_dir().name
    'sources'
    """
    override = os.environ.get("RIR_SOURCES")
    if override:
        return Path(override).resolve()
    return (REPO_ROOT.parent / "shared" / "sources").resolve()
